"""Plans: making, re-planning and swapping the rotation plan (``service``), the bounds on rounds
(``bounds``), plan files (``files``), a participant's itinerary and prep cards (``itinerary``),
and their API schemas."""
