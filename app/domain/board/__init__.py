"""The live capture board: items, votes, moderation, reframes and action items, as pure commands."""
