"""What building a message needs beyond the database: settings and link keys, per app.

Use cases deep in other features (locking the board, moving a session) queue mail in their
own transaction and have only a database session at hand; each app registers its context
under its engine, so two apps in one process (tests) never see each other's settings.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass

from sqlalchemy.engine import Engine
from sqlmodel import Session

from app.config import Settings
from app.services.links.service import LinkKeys


@dataclass(frozen=True)
class MailContext:
    """Settings and keys of one app."""

    settings: Settings
    keys: LinkKeys

    @property
    def enabled(self) -> bool:
        return self.settings.mail_enabled

    @property
    def sender(self) -> str:
        return self.settings.mail_from or ""


_CONTEXTS: weakref.WeakKeyDictionary[Engine, MailContext] = weakref.WeakKeyDictionary()


def register(engine: Engine, context: MailContext) -> None:
    """Make ``context`` the one for sessions on ``engine``."""
    _CONTEXTS[engine] = context


def of(db: Session) -> MailContext | None:
    """The context of the app whose engine ``db`` uses (None outside an app, e.g. the CLI)."""
    bind = db.get_bind()
    engine = bind if isinstance(bind, Engine) else bind.engine
    return _CONTEXTS.get(engine)
