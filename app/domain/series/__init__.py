"""A series of sessions: the scorecard across sessions and the review rhythm."""
