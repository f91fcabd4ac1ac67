"""A series of sessions seen as a whole: the overview of earlier sessions (``overview``) and the
scorecard (``scorecard``) with its CSV and PDF files (``scorecard_files``). Membership (join,
leave, key, cadence) is ``app.services.sessions.series``."""
