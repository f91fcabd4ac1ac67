"""Series of sessions: membership, the series overview, and what earlier sessions hand on.

A series (e.g. "Quarterly leadership session") orders its sessions by start time. Joining needs
the series key, which the facilitators of its sessions see on the series page: without it,
anyone able to create a session could join a series and read its follow-through. The key is
``"series-" + HMAC(secret_key, "series:" + nonce)``; the database keeps its SHA-256 and the nonce
(as for links), so it can be shown again but not rebuilt from a database copy alone.

Who sees what: the facilitator of any session in the series sees all of its sessions; an
executive link sees its own session and the earlier ones, never later sessions.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Final
from zoneinfo import ZoneInfo

from sqlmodel import Session

from app.domain.errors import FieldError, Invalid, NotFound
from app.domain.series.review_rhythm import CADENCES, ReviewDue, next_review
from app.domain.summary.edges import names_for
from app.domain.summary.followup import follow_through, is_overdue
from app.domain.summary.model import ActionStatus, FollowThrough, PreviousSession
from app.services.board_records import SessionRecords, participant_records, session_records
from app.services.links import LinkKeys, hash_token
from app.services.summary_records import room_records
from app.store import repo
from app.store.models import LeadershipSession, Series, SeriesMember
from app.store.types import utcnow

KEY_PREFIX: Final = "series-"
TITLE_MIN, TITLE_MAX = 3, 200


@dataclass(frozen=True)
class ActionCounts:
    """Where one session's action items stand now."""

    open: int = 0
    in_progress: int = 0
    done: int = 0
    blocked: int = 0
    overdue: int = 0

    @property
    def total(self) -> int:
        return self.open + self.in_progress + self.done + self.blocked


@dataclass(frozen=True)
class SeriesEntry:
    """One session of the series as the overview shows it.

    ``follow`` compares it with the session before it (None for the first one).
    """

    session: LeadershipSession
    current: bool
    actions: ActionCounts
    follow: FollowThrough | None


@dataclass(frozen=True)
class SeriesOverview:
    """The series of a session (None when it has none) and the sessions the caller may see."""

    series: Series | None
    entries: tuple[SeriesEntry, ...]


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


def previous_session(db: Session, session_id: str) -> PreviousSession | None:
    """The session just before this one in its series, with its action items' status now.

    For ``build_summary(..., previous=...)``; None when there is no earlier session.
    """
    earlier = earlier_sessions(db, session_id)
    if not earlier:
        return None
    last = earlier[-1]
    # The summary's own reader: the raw board without its audit trail, room-visible items only.
    board = room_records(db, last.id)
    people = participant_records(db, last.id)
    return PreviousSession(last.title, people, board.items, board.actions, board.index)


def local_today(session: LeadershipSession, now: datetime | None = None) -> date:
    """Today's date where the session takes place (due dates are read in its time zone)."""
    return (now or utcnow()).astimezone(ZoneInfo(session.timezone)).date()


def overview(
    db: Session, session_id: str, role: str, *, today: date | None = None
) -> SeriesOverview:
    """The series of a session as ``role`` may see it, each session with its follow-through."""
    series = repo.get_series_of(db, session_id)
    if series is None:
        return SeriesOverview(None, ())
    shown = visible_sessions(db, session_id, role)
    current = next(s for s in shown if s.id == session_id)
    today = today or local_today(current)
    entries: list[SeriesEntry] = []
    previous: SessionRecords | None = None
    for session in shown:
        records = session_records(db, session.id, session.title)
        follow = None
        if previous is not None:
            follow = _follow(previous.as_previous(), records, today)
        entries.append(
            SeriesEntry(session, session.id == session_id, _counts(records, today), follow)
        )
        previous = records
    return SeriesOverview(series, tuple(entries))


def _follow(previous: PreviousSession, now: SessionRecords, today: date) -> FollowThrough:
    departments = [p.department for p in now.participants]
    names = names_for(departments, now.items + previous.items)
    return follow_through(previous, now.items, names, today)


def _counts(records: SessionRecords, today: date) -> ActionCounts:
    statuses = [a.status for a in records.action_items]
    return ActionCounts(
        open=statuses.count(ActionStatus.OPEN),
        in_progress=statuses.count(ActionStatus.IN_PROGRESS),
        done=statuses.count(ActionStatus.DONE),
        blocked=statuses.count(ActionStatus.BLOCKED),
        overdue=sum(1 for a in records.action_items if is_overdue(a, today)),
    )


def prior_meetings(db: Session, session_id: str) -> frozenset[frozenset[str]]:
    """Pairs of this session's participants (ids as strings) who met in an earlier session.

    People are matched across sessions by e-mail address (case-insensitive). What counts as met:
    the rounds started on the earlier session's live clock; when its clock was never started
    but its start time has passed, the whole plan (it was run from printed table cards).
    """
    earlier = earlier_sessions(db, session_id)
    if not earlier:
        return frozenset()
    mine = {p.email.casefold(): str(p.id) for p in repo.list_participants(db, session_id)}
    pairs: set[frozenset[str]] = set()
    for session in earlier:
        theirs = {str(p.id): p.email.casefold() for p in repo.list_participants(db, session.id)}
        for members in _groups_met(db, session):
            present = sorted({mine[e] for m in members if (e := theirs.get(m, "")) in mine})
            pairs.update(frozenset((a, b)) for i, a in enumerate(present) for b in present[i + 1 :])
    return frozenset(pairs)


def _groups_met(db: Session, session: LeadershipSession) -> list[Sequence[str]]:
    from app.services import live, plans  # here: plans asks this module for prior meetings

    plan = plans.current_plan(db, session.id)
    if plan is None:
        return []
    if live.clock_now(db, session.id).status != "not_started":
        played = live.rounds_started(db, session.id)
    else:
        played = len(plan.rounds) if session.starts_at <= utcnow() else 0
    return [group["members"] for r in plan.rounds[:played] for group in r["groups"]]


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
