"""The demo: a ready-made session with agendas (``service``, ``agendas``) and a played one with
its board and actions (``played``)."""
