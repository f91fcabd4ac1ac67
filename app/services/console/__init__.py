"""The facilitator's console across features: a control that also seeds the board on start
(``controls``), and the room's big screen (``screen``)."""
