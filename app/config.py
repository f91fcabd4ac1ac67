"""Settings: one class, read from the environment (and an optional ``.env`` file)."""

from __future__ import annotations

import secrets
from functools import lru_cache
from pathlib import Path

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

# Where `roundtable serve` listens by default; links printed without a server use it.
DEFAULT_BASE_URL = "http://127.0.0.1:8000"


class Settings(BaseSettings):
    """Everything configurable about a Roundtable instance; see ``.env.example``."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore", populate_by_name=True)

    database_url: str = Field(
        default="sqlite:///./data/roundtable.db",
        validation_alias=AliasChoices("DATABASE_URL", "ROUNDTABLE_DATABASE_URL"),
    )
    broadcast_url: str = Field(
        default="memory://",
        validation_alias=AliasChoices("BROADCAST_URL", "ROUNDTABLE_BROADCAST_URL"),
    )
    base_url: str | None = Field(
        default=None,
        validation_alias="ROUNDTABLE_BASE_URL",
        description="The public address links start with. Unset, each link follows the address "
        "its request arrived on (the listening socket, never the Host header); set it behind a "
        "proxy.",
    )
    secret_key: str | None = Field(default=None, validation_alias="ROUNDTABLE_SECRET_KEY")
    secret_key_file: Path = Field(
        default=Path("./data/secret_key"), validation_alias="ROUNDTABLE_SECRET_KEY_FILE"
    )
    organizer_key: str | None = Field(default=None, validation_alias="ROUNDTABLE_ORGANIZER_KEY")
    cookie_secure: bool = Field(default=False, validation_alias="ROUNDTABLE_COOKIE_SECURE")
    max_body_bytes: int = Field(default=1_048_576, validation_alias="ROUNDTABLE_MAX_BODY_BYTES")
    db_pool_size: int = Field(
        default=20,
        ge=1,
        validation_alias="ROUNDTABLE_DB_POOL_SIZE",
        description="Database connections per worker process, and so how many requests of "
        "one worker work on the database at once; the rest wait their turn.",
    )
    db_pool_keep: int = Field(
        default=4,
        ge=1,
        validation_alias="ROUNDTABLE_DB_POOL_KEEP",
        description="Of those, how many a PostgreSQL worker keeps open while idle; the others "
        "are opened for a burst and closed after it.",
    )
    db_pool_linger_seconds: float = Field(
        default=30.0,
        ge=0,
        validation_alias="ROUNDTABLE_DB_POOL_LINGER_SECONDS",
        description="How long a PostgreSQL connection beyond the kept ones stays open after its "
        "last use: a burst reuses it instead of opening a new server process per request.",
    )
    migrate_on_start: bool = Field(default=True, validation_alias="ROUNDTABLE_MIGRATE_ON_START")
    allowed_origins: list[str] = Field(
        default_factory=list, validation_alias="ROUNDTABLE_ALLOWED_ORIGINS"
    )
    guess_limit: int = Field(
        default=30,
        ge=0,
        validation_alias="ROUNDTABLE_GUESS_LIMIT",
        description="Failed link lookups one client address may make per window before it gets "
        "429; 0 turns the brake off. Valid links are always served.",
    )
    guess_window_seconds: int = Field(
        default=60, ge=1, validation_alias="ROUNDTABLE_GUESS_WINDOW_SECONDS"
    )
    log_level: str = Field(default="info", validation_alias="ROUNDTABLE_LOG_LEVEL")
    gc_freeze: bool = Field(
        default=True,
        validation_alias="ROUNDTABLE_GC_FREEZE",
        description="Move start-up objects out of the garbage collector's reach (gc.freeze) so "
        "full collections with thousands of live sockets pause for less time.",
    )
    gc_full_every: int = Field(
        default=1000,
        ge=1,
        validation_alias="ROUNDTABLE_GC_FULL_EVERY",
        description="Young-generation collections between two full ones (the garbage "
        "collector's third threshold; Python's default is 10). A full collection walks every "
        "live socket's objects and stalls them all: 100-300 ms every few seconds at 2,000 "
        "sockets on one worker with the default.",
    )

    def offline_base_url(self) -> str:
        """The base for links made without a request (CLI demo, import): ``base_url`` or the
        default address of ``roundtable serve``."""
        return self.base_url or DEFAULT_BASE_URL

    smtp_url: str | None = Field(
        default=None,
        validation_alias="ROUNDTABLE_SMTP_URL",
        description="smtp://user:pass@host:587?starttls=true or smtps://user:pass@host:465; "
        "without it (and ROUNDTABLE_MAIL_FROM) no e-mail is sent.",
    )
    mail_from: str | None = Field(default=None, validation_alias="ROUNDTABLE_MAIL_FROM")
    mail_reminder_hours: list[int] = Field(
        default_factory=lambda: [48, 24],
        validation_alias="ROUNDTABLE_MAIL_REMINDER_HOURS",
        description="Hours before the agenda deadline at which those who owe one are reminded.",
    )
    mail_due_reminder_days: int = Field(
        default=2, ge=0, validation_alias="ROUNDTABLE_MAIL_DUE_REMINDER_DAYS"
    )
    mail_worker: bool = Field(default=True, validation_alias="ROUNDTABLE_MAIL_WORKER")
    mail_poll_seconds: float = Field(
        default=2.0, gt=0, validation_alias="ROUNDTABLE_MAIL_POLL_SECONDS"
    )
    mail_schedule_seconds: float = Field(
        default=15.0, gt=0, validation_alias="ROUNDTABLE_MAIL_SCHEDULE_SECONDS"
    )
    mail_lease_seconds: float = Field(
        default=120.0, gt=0, validation_alias="ROUNDTABLE_MAIL_LEASE_SECONDS"
    )
    mail_batch_size: int = Field(default=50, ge=1, validation_alias="ROUNDTABLE_MAIL_BATCH_SIZE")
    mail_retry_base_seconds: float = Field(
        default=30.0, gt=0, validation_alias="ROUNDTABLE_MAIL_RETRY_BASE_SECONDS"
    )

    @property
    def mail_enabled(self) -> bool:
        """Whether e-mail can be sent: both the SMTP URL and the sender address are set."""
        return bool(self.smtp_url and self.mail_from)

    def resolved_secret_key(self) -> str:
        """The key that derives displayable link tokens; generated once into a file if unset.

        Every worker of one instance must share it: set ``ROUNDTABLE_SECRET_KEY`` or point all
        workers at the same ``ROUNDTABLE_SECRET_KEY_FILE``.
        """
        if self.secret_key:
            return self.secret_key
        path = self.secret_key_file
        if path.exists():
            return path.read_text().strip()
        path.parent.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(32)
        try:
            with path.open("x") as handle:  # "x": two workers racing keep the first key
                handle.write(key)
            path.chmod(0o600)
        except FileExistsError:
            return path.read_text().strip()
        return key


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings, read once."""
    return Settings()
