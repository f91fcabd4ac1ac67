"""The demo: a ready-made session with agendas (``service``, ``agendas``; its people invited by
``people``) and a played one with its board and actions (``played``)."""
