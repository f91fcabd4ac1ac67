"""Series of sessions: membership, keys, settings and when the series next meets.

A series (e.g. "Quarterly leadership session") orders its sessions by start time. Joining needs
the series key, which the facilitators of its sessions see on the series page: without it,
anyone able to create a session could join a series and read its follow-through. The key is
``"series-" + HMAC(secret_key, "series:" + nonce)``; the database keeps its SHA-256 and the nonce
(as for links), so it can be shown again but not rebuilt from a database copy alone.

Who sees what: the facilitator of any session in the series sees all of its sessions; an
executive link sees its own session and the earlier ones, never later sessions.

Membership comes early in the feature order (a session is created into a series), so this
module reads no plan, clock or board. What earlier sessions hand on lives with its reader:
who met before in ``plans.prior_meetings``, the previous session's actions in
``summary.previous_for``, the overview with follow-through in ``app.services.series.overview``.
"""

from __future__ import annotations

import hmac
import secrets
from datetime import date, datetime
from typing import Final
from zoneinfo import ZoneInfo

from sqlmodel import Session

from app.domain.errors import FieldError, Invalid, NotFound
from app.domain.series.review_rhythm import CADENCES, ReviewDue, next_review
from app.services.links.service import LinkKeys, hash_token
from app.store import repo
from app.store.models import LeadershipSession, Series, SeriesMember
from app.store.types import utcnow

KEY_PREFIX: Final = "series-"
TITLE_MIN, TITLE_MAX = 3, 200


def series_key(keys: LinkKeys, series: Series) -> str | None:
    """The series key to show a facilitator, or None when made under another secret key."""
    key = KEY_PREFIX + keys.token_for(f"series:{series.key_nonce}")
    return key if hmac.compare_digest(hash_token(key), series.key_hash) else None


def _new_key(keys: LinkKeys) -> tuple[str, str]:
    nonce = secrets.token_urlsafe(16)
    return nonce, hash_token(KEY_PREFIX + keys.token_for(f"series:{nonce}"))


def clean_title(title: str, field: str = "title") -> str:
    """A series title, tidied.

    Raises:
        Invalid: too short or too long.
    """
    clean = " ".join(title.split())
    if not TITLE_MIN <= len(clean) <= TITLE_MAX:
        message = f"Name the series in {TITLE_MIN} to {TITLE_MAX} characters."
        raise Invalid(message, [FieldError(field, message)])
    return clean


def find_by_key(db: Session, key: str, field: str = "key") -> Series:
    """The series a key opens.

    Raises:
        Invalid: no series has this key (or it was replaced).
    """
    series = repo.get_series_by_key_hash(db, hash_token(key.strip())) if key.strip() else None
    if series is None:
        message = (
            "No series has this key. Copy it again from the series page of an earlier session."
        )
        raise Invalid(message, [FieldError(field, message)])
    return series


def create_series(db: Session, keys: LinkKeys, title: str) -> Series:
    """A new, empty series (the caller joins a session and commits)."""
    nonce, key_hash = _new_key(keys)
    series = Series(
        id=secrets.token_hex(8),
        title=clean_title(title),
        key_hash=key_hash,
        key_nonce=nonce,
        created_at=utcnow(),
    )
    db.add(series)
    db.flush()
    return series


def join(db: Session, session_id: str, series: Series) -> Series:
    """Put a session into ``series`` (leaving any other series) and commit."""
    _leave(db, session_id, keep=series.id)
    member = db.get(SeriesMember, session_id)
    if member is None:
        db.add(SeriesMember(session_id=session_id, series_id=series.id, added_at=utcnow()))
    db.commit()
    db.refresh(series)
    return series


def start_or_join(
    db: Session, keys: LinkKeys, session_id: str, *, title: str | None, key: str | None
) -> Series:
    """Start a new series named ``title``, or join the one ``key`` opens; commits.

    Raises:
        Invalid: both or neither given, a bad title, or an unknown key.
    """
    if bool(title and title.strip()) == bool(key and key.strip()):
        message = "Either name a new series or paste the key of an existing one."
        raise Invalid(message, [FieldError("title", message), FieldError("key", message)])
    if key and key.strip():
        return join(db, session_id, find_by_key(db, key))
    return join(db, session_id, create_series(db, keys, title or ""))


def choose_for_new_session(
    db: Session, keys: LinkKeys, *, title: str | None, key: str | None
) -> Series | None:
    """The series a session being created joins: a new one (``title``), an existing one
    (``key``) or none. A new series is flushed, not committed (the session's commit does).

    Raises:
        Invalid: both given, a bad title, or an unknown key (fields ``series_title``,
            ``series_key``).
    """
    title, key = (title or "").strip(), (key or "").strip()
    if title and key:
        message = "Either start a new series or continue one with its key, not both."
        raise Invalid(message, [FieldError("series_key", message)])
    if key:
        return find_by_key(db, key, field="series_key")
    if title:
        clean_title(title, field="series_title")
        return create_series(db, keys, title)
    return None


def leave(db: Session, session_id: str) -> None:
    """Take a session out of its series; a series left empty is deleted with its key."""
    _leave(db, session_id, keep=None)
    db.commit()


def _leave(db: Session, session_id: str, keep: str | None) -> None:
    member = db.get(SeriesMember, session_id)
    if member is None or member.series_id == keep:
        return
    old = member.series_id
    db.delete(member)
    db.flush()
    if not repo.list_series_sessions(db, old):
        series = repo.get_series(db, old)
        if series is not None:
            db.delete(series)
            db.flush()


def require_series(db: Session, session_id: str) -> Series:
    """The session's series.

    Raises:
        NotFound: the session belongs to no series.
    """
    series = repo.get_series_of(db, session_id)
    if series is None:
        raise NotFound("This session is not part of a series.")
    return series


def rename(db: Session, session_id: str, title: str) -> Series:
    """Rename the session's series (for every session in it)."""
    series = require_series(db, session_id)
    series.title = clean_title(title)
    db.add(series)
    db.commit()
    db.refresh(series)
    return series


def replace_key(db: Session, keys: LinkKeys, session_id: str) -> Series:
    """Issue a new series key; the old one stops opening the series at once."""
    series = require_series(db, session_id)
    series.key_nonce, series.key_hash = _new_key(keys)
    db.add(series)
    db.commit()
    db.refresh(series)
    return series


def visible_sessions(db: Session, session_id: str, role: str) -> list[LeadershipSession]:
    """The series' sessions the caller may see: all for a facilitator, else up to this one."""
    series = repo.get_series_of(db, session_id)
    if series is None:
        return []
    ordered = list(repo.list_series_sessions(db, series.id))
    if role == "facilitator":
        return ordered
    position = next(i for i, s in enumerate(ordered) if s.id == session_id)
    return ordered[: position + 1]


def earlier_sessions(db: Session, session_id: str) -> list[LeadershipSession]:
    """The sessions before this one in its series, oldest first (empty without a series)."""
    return visible_sessions(db, session_id, "executive")[:-1]


def local_today(session: LeadershipSession, now: datetime | None = None) -> date:
    """Today's date where the session takes place (due dates are read in its time zone)."""
    return (now or utcnow()).astimezone(ZoneInfo(session.timezone)).date()


def review_due(db: Session, session_id: str, *, now: datetime | None = None) -> ReviewDue | None:
    """When the series of this session next meets (None without a series)."""
    group = repo.get_series_of(db, session_id)
    if group is None:
        return None
    current = repo.get_session(db, session_id)
    today = local_today(current, now) if current else (now or utcnow()).date()
    moment = now or utcnow()
    members = list(repo.list_series_sessions(db, group.id))
    held = [local_today(s, s.starts_at) for s in members if s.starts_at <= moment]
    scheduled = [local_today(s, s.starts_at) for s in members if s.starts_at > moment]
    return next_review(held, scheduled, cadence_months=group.cadence_months, today=today)


def set_cadence(db: Session, session_id: str, months: str) -> Series:
    """Set how often the series meets, in months (1, 2, 3, 6 or 12); commits.

    Raises:
        Invalid: not one of those.
        NotFound: the session has no series.
    """
    group = require_series(db, session_id)
    if not months.isdigit() or int(months) not in CADENCES:
        raise Invalid(
            "Choose how often the series meets.",
            [FieldError("cadence", "Choose one of the listed cadences.")],
        )
    group.cadence_months = int(months)
    db.add(group)
    db.commit()
    db.refresh(group)
    return group
