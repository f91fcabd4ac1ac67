"""Backups: a session written to one JSON file and read back into a fresh session."""
