"""The live clock: the run of show, and its state as a pure function of the control log and time."""
