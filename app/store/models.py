"""SQLModel tables. Persistence shapes only; rules live in ``app.domain``."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Column, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.store.types import UTCDateTime, utcnow


class LeadershipSession(SQLModel, table=True):
    """One leadership speed-dating session."""

    __tablename__ = "sessions"

    id: str = Field(primary_key=True, max_length=32)
    title: str = Field(max_length=200)
    starts_at: datetime = Field(sa_type=UTCDateTime)
    timezone: str = Field(max_length=64)
    ground_rules: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    agenda_deadline: datetime | None = Field(default=None, sa_type=UTCDateTime)
    agenda_window: str = Field(default="auto", max_length=16)
    framing_mode: str = Field(default="warn_only", max_length=20)
    went_live_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    show_config: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    event_seq: int = Field(default=0, sa_column_kwargs={"server_default": "0"})


class Goal(SQLModel, table=True):
    """A company goal for the year; conversations and captured issues align to these."""

    __tablename__ = "goals"
    __table_args__ = (Index("ix_goals_session_position", "session_id", "position"),)

    id: int | None = Field(default=None, primary_key=True)
    session_id: str = Field(
        sa_column=Column(String(32), ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False)
    )
    position: int
    text: str = Field(max_length=200)


class Participant(SQLModel, table=True):
    """A department head taking part in a session."""

    __tablename__ = "participants"
    __table_args__ = (UniqueConstraint("session_id", "email", name="uq_participants_email"),)

    id: int | None = Field(default=None, primary_key=True)
    session_id: str = Field(
        sa_column=Column(String(32), ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False)
    )
    name: str = Field(max_length=120)
    email: str = Field(max_length=254)
    department: str = Field(max_length=120)
    title: str = Field(default="", max_length=120)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    attendance: str = Field(
        default="expected", max_length=16, sa_column_kwargs={"server_default": "expected"}
    )
    # First time this person's link opened the live view (websocket): they were present.
    joined_live_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class AccessLink(SQLModel, table=True):
    """A capability link: one role (and for participants one person) in one session.

    Only ``token_hash`` identifies a presented token. ``nonce`` lets the server re-derive the
    token for display with its secret key (see ``app.services.links.service``); the database alone
    cannot reproduce any token.
    """

    __tablename__ = "access_links"

    id: int | None = Field(default=None, primary_key=True)
    session_id: str = Field(
        sa_column=Column(String(32), ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False)
    )
    role: str = Field(max_length=16)
    participant_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("participants.id", ondelete="CASCADE"), nullable=True),
    )
    token_hash: str = Field(sa_column=Column(String(64), unique=True, nullable=False))
    nonce: str = Field(max_length=64)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Agenda(SQLModel, table=True):
    """One participant's three-topic agenda; ``content`` holds ``AgendaContent.as_dict()``."""

    __tablename__ = "agendas"

    id: int | None = Field(default=None, primary_key=True)
    session_id: str = Field(
        sa_column=Column(String(32), ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False)
    )
    participant_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("participants.id", ondelete="CASCADE"), nullable=False, unique=True
        )
    )
    content: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    flagged: bool = False
    version: int = 0
    submitted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class AgendaRevision(SQLModel, table=True):
    """Who changed an agenda, when, and to what. Autosaves in quick succession share one."""

    __tablename__ = "agenda_revisions"
    __table_args__ = (Index("ix_agenda_revisions_agenda", "agenda_id", "version"),)

    id: int | None = Field(default=None, primary_key=True)
    agenda_id: int = Field(
        sa_column=Column(Integer, ForeignKey("agendas.id", ondelete="CASCADE"), nullable=False)
    )
    version: int
    action: str = Field(max_length=16)  # draft | submit | reopen
    author: str = Field(max_length=160)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    content: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class PlanVersion(SQLModel, table=True):
    """One version of a session's rotation plan; the newest is the one in force."""

    __tablename__ = "plans"
    __table_args__ = (UniqueConstraint("session_id", "version", name="uq_plans_version"),)

    id: int | None = Field(default=None, primary_key=True)
    session_id: str = Field(
        sa_column=Column(String(32), ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False)
    )
    version: int
    reason: str = Field(max_length=200)
    author: str = Field(max_length=160)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    settings: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    rounds: list[Any] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    figures: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class ClockControl(SQLModel, table=True):
    """One facilitator control, in the order applied: the clock is a function of this log."""

    __tablename__ = "clock_controls"
    __table_args__ = (
        UniqueConstraint("session_id", "control_id", name="uq_clock_controls_id"),
        UniqueConstraint("session_id", "position", name="uq_clock_controls_position"),
    )

    id: int | None = Field(default=None, primary_key=True)
    session_id: str = Field(
        sa_column=Column(String(32), ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False)
    )
    position: int
    control_id: str = Field(max_length=64)
    kind: str = Field(max_length=16)
    at: datetime = Field(sa_type=UTCDateTime)
    seconds: int = 0
    actor: str = Field(default="", max_length=160)


class LiveEvent(SQLModel, table=True):
    """A live event as stored; ``seq`` is contiguous per session, from 1. The hub carries it
    to clients as ``app.realtime.events.FramedEvent``."""

    __tablename__ = "live_events"

    session_id: str = Field(
        sa_column=Column(
            String(32), ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True
        )
    )
    seq: int = Field(primary_key=True)
    type: str = Field(max_length=32)
    data: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class BoardState(SQLModel, table=True):
    """A session's capture board as one document (items, votes, actions, audit, seen ids).

    Stored whole because every command is validated against the whole board; fine for the
    hundreds of items a session produces.
    """

    __tablename__ = "board_states"

    session_id: str = Field(
        sa_column=Column(
            String(32), ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True
        )
    )
    state: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Series(SQLModel, table=True):
    """Sessions that follow on from each other, e.g. the quarterly leadership session.

    Joining a series needs its key: ``key_hash`` identifies a presented key, ``key_nonce`` lets
    the server re-derive it for display (like ``AccessLink``), so the database alone yields none.
    """

    __tablename__ = "series"

    id: str = Field(primary_key=True, max_length=32)
    title: str = Field(max_length=200)
    key_hash: str = Field(sa_column=Column(String(64), unique=True, nullable=False))
    key_nonce: str = Field(max_length=64)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    # How often the series meets: the next review is due this many months after the last one.
    cadence_months: int = Field(default=3, sa_column_kwargs={"server_default": "3"})


class SeriesMember(SQLModel, table=True):
    """A session's place in a series (at most one series per session).

    A table of its own rather than a column on ``sessions``: SQLite cannot add a foreign key to
    an existing table without rebuilding it, which would cascade-delete every session's rows.
    """

    __tablename__ = "series_sessions"
    __table_args__ = (Index("ix_series_sessions_series", "series_id"),)

    session_id: str = Field(
        sa_column=Column(
            String(32), ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True
        )
    )
    series_id: str = Field(
        sa_column=Column(String(32), ForeignKey("series.id", ondelete="CASCADE"), nullable=False)
    )
    added_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class PrepCard(SQLModel, table=True):
    """A participant's private preparation for meeting one counterpart; only the author reads
    it (the facilitator sees coverage: how many meetings are prepared)."""

    __tablename__ = "prep_cards"
    __table_args__ = (
        UniqueConstraint("author_id", "counterpart_id", name="uq_prep_cards_pair"),
        Index("ix_prep_cards_session", "session_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    session_id: str = Field(
        sa_column=Column(String(32), ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False)
    )
    author_id: int = Field(
        sa_column=Column(Integer, ForeignKey("participants.id", ondelete="CASCADE"), nullable=False)
    )
    counterpart_id: int = Field(
        sa_column=Column(Integer, ForeignKey("participants.id", ondelete="CASCADE"), nullable=False)
    )
    for_them: str = Field(default="", max_length=1000)
    my_ask: str = Field(default="", max_length=600)
    my_offer: str = Field(default="", max_length=600)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ItinerarySeen(SQLModel, table=True):
    """The plan version a participant last saw their itinerary in, to say what changed since."""

    __tablename__ = "itinerary_seen"

    participant_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True
        )
    )
    plan_version: int
    seen_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class FollowUp(SQLModel, table=True):
    """What a participant agreed with one counterpart; ``share`` says who else may read it."""

    __tablename__ = "follow_ups"
    __table_args__ = (
        UniqueConstraint("author_id", "counterpart_id", name="uq_follow_ups_pair"),
        Index("ix_follow_ups_session", "session_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    session_id: str = Field(
        sa_column=Column(String(32), ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False)
    )
    author_id: int = Field(
        sa_column=Column(Integer, ForeignKey("participants.id", ondelete="CASCADE"), nullable=False)
    )
    counterpart_id: int = Field(
        sa_column=Column(Integer, ForeignKey("participants.id", ondelete="CASCADE"), nullable=False)
    )
    round_no: int | None = None
    text: str = Field(max_length=200)
    owner_id: int | None = None
    due: date | None = None
    share: str = Field(default="private", max_length=16)
    board_item_id: str | None = Field(default=None, max_length=64)
    action_id: str | None = Field(default=None, max_length=64)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


def never_reuse_ids() -> None:
    """Ask SQLite for AUTOINCREMENT on every table with one integer key (call again after
    defining tables elsewhere, as app/mail does)."""
    # SQLite reuses the highest freed rowid unless a table says AUTOINCREMENT, and ids name
    # people and things in board documents, events, links and backups: a newcomer must never
    # inherit a removed participant's items. (PostgreSQL's sequences never go back.)
    for table in SQLModel.metadata.tables.values():
        key = list(table.primary_key.columns)
        if len(key) == 1 and isinstance(key[0].type, Integer) and not key[0].foreign_keys:
            table.dialect_kwargs["sqlite_autoincrement"] = True


never_reuse_ids()
