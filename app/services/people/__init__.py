"""People: adding, changing, importing and inviting a session's participants (``service``), and
their API schemas."""
