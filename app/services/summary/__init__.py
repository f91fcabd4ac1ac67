"""The session summary: building it (``service``), the records it reads (``records``), its
exports as CSV, Markdown, calendar (``files``), JSON (``export_schema``) and PDF (``pdf``)."""
