"""The summary as a PDF: the document (``document``), its tables, dependency map and matrix, and
the text placement they share (``text``)."""
