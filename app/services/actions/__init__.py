"""Actions: the action list and its statuses (``service``), and the follow-ups shared after a
session (``follow_ups``)."""
