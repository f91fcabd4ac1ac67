"""The capture board: commands on the board and its stored state (``service``), what each
viewer's client receives of it (``payloads``), its JSON form (``codec``), what each person
contributed (``records``), and its API schemas."""
