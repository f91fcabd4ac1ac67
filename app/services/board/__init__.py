"""The capture board: commands on the board and its stored state (``service``), its JSON form
(``codec``), and what each person contributed (``records``)."""
