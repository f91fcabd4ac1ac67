"""Capability links: issuing, revoking and resolving the secret links that let a facilitator,
an executive or a participant in (``service``), and who is asking (``schemas.Principal``)."""
