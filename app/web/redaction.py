"""Keep link tokens out of logs: access logs print request paths, and links are paths."""

from __future__ import annotations

import logging
import re

TOKEN_IN_PATH = re.compile(r"/l/[A-Za-z0-9_\-]+")


def redact(text: str) -> str:
    """Replace every link token in ``text``."""
    return TOKEN_IN_PATH.sub("/l/[redacted]", text)


class RedactLinkTokens(logging.Filter):
    """A logging filter that rewrites the message arguments before any handler sees them."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args)
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        return True


def install_redaction() -> None:
    """Attach the filter to the loggers that print request lines (idempotent)."""
    for name in ("uvicorn.access", "uvicorn.error", "roundtable"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactLinkTokens) for f in logger.filters):
            logger.addFilter(RedactLinkTokens())
