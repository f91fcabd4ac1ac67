"""Agendas: writing, checking, submitting and revising a participant's agenda (``service``),
handing one back for changes (``returns``), and their API schemas."""
