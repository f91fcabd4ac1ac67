"""The clock as stored: the run of show and the control log, read (``log``). Changing the clock
is ``app.services.live.service``; reading comes before plans, which keep the rounds already
started."""
