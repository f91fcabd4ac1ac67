"""The capture board: commands on the board and its stored state (``service``), its JSON form
(``codec``), what each person contributed (``records``), and its API schemas."""
