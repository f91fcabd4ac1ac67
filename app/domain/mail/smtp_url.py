"""``ROUNDTABLE_SMTP_URL``: where mail goes, as one URL.

``smtp://user:pass@host:587?starttls=true`` speaks plain SMTP and upgrades with STARTTLS;
``smtps://user:pass@host:465`` opens TLS at once. User and password are percent-decoded, so a
password with ``@`` or ``:`` is written ``%40`` / ``%3A``.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlsplit

TRUE = frozenset({"1", "true", "yes", "on"})
FALSE = frozenset({"0", "false", "no", "off"})


@dataclass(frozen=True)
class SmtpTarget:
    """One SMTP server and how to talk to it."""

    host: str
    port: int
    username: str | None = None
    password: str | None = None
    ssl: bool = False
    starttls: bool = False
    timeout: float = 30.0

    def redacted(self) -> str:
        """The URL without its password, for logs and pages."""
        scheme = "smtps" if self.ssl else "smtp"
        user = f"{self.username}@" if self.username else ""
        return f"{scheme}://{user}{self.host}:{self.port}"


def _flag(query: dict[str, list[str]], name: str) -> bool:
    values = query.get(name)
    if not values:
        return False
    value = values[-1].strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise ValueError(f"{name}={values[-1]!r} in the SMTP URL: use true or false.")


def parse_smtp_url(url: str) -> SmtpTarget:
    """Read an SMTP URL.

    Raises:
        ValueError: an unknown scheme, no host, a bad port or a bad option, said plainly.
    """
    parts = urlsplit(url.strip())
    if parts.scheme not in ("smtp", "smtps"):
        raise ValueError(
            f"The SMTP URL must start with smtp:// or smtps://, not {parts.scheme or '(none)'}://."
        )
    if not parts.hostname:
        raise ValueError("The SMTP URL names no host, e.g. smtp://mail.example.com:587.")
    try:
        port = parts.port
    except ValueError as error:
        raise ValueError(f"The SMTP URL has a bad port: {error}.") from error
    query = parse_qs(parts.query)
    ssl = parts.scheme == "smtps"
    starttls = _flag(query, "starttls")
    if ssl and starttls:
        raise ValueError("smtps:// is already encrypted; starttls=true is for smtp:// only.")
    timeout = 30.0
    if "timeout" in query:
        try:
            timeout = float(query["timeout"][-1])
        except ValueError as error:
            raise ValueError("timeout in the SMTP URL must be a number of seconds.") from error
    return SmtpTarget(
        host=parts.hostname,
        port=port or (465 if ssl else 587 if starttls else 25),
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
        ssl=ssl,
        starttls=starttls,
        timeout=timeout,
    )
