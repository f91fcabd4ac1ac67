"""Live: the facilitator's clock controls, attendance and the live event log (``service``), and
the live consequence of issuing and revoking links (``link_changes``)."""
