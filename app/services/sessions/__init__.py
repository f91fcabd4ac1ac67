"""Sessions: creating and changing a session and its goals (``service``), the series a session
belongs to, its key and review cadence (``series``), and their API schemas."""
