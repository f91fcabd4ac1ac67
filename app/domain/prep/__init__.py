"""Coming prepared: a participant's itinerary, private prep cards per counterpart, follow-ups."""
