"""Use cases: load, decide with the domain, save, commit (one transaction each), by feature.

One package per feature, each with a ``service`` module for its use cases and, where it has an
API, a ``schemas`` module for its input and output models; each package's docstring says what it
owns. Features depend one way, in the order pyproject.toml's "service-features" contract
declares and docs/ARCHITECTURE.md draws: shared, links, sessions (with series membership),
people, agendas, clock (its reads), plans, live, board, then actions and console, the summary,
the series overview and scorecard, and demo and backup on top. A later feature is never imported
by an earlier one: it takes what it needs as an argument, or hears of a use case through
``notices``.
"""
