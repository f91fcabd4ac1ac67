"""Backups: a session written to one JSON file and read back into a fresh session, in one
transaction (``service``); the document's format and every check before a row is written
(``document``)."""
