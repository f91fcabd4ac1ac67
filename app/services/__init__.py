"""Use cases: load, decide with the domain, save, commit (one transaction each), by feature.

Features depend one way, in the order pyproject.toml's "service-features" contract declares
and docs/ARCHITECTURE.md draws: links and notices, series membership, sessions, participants,
agendas, the clock's reads (clock_log), plans, live, board, then the summary, series overview,
actions and the rest. A later feature is never imported by an earlier one: it takes what it
needs as an argument, or hears of a use case through ``notices``.
"""
