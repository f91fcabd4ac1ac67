"""The framing check ("this is NOT a complaint session"): span rules, lexicons, a linear model."""
