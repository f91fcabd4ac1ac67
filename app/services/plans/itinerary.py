"""Use cases: a participant's itinerary, and their private prep cards per counterpart.

Only the author ever reads a prep card; the facilitator gets ``coverage`` (counts, no text).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from app.domain.errors import FieldError, Invalid, NotFound
from app.domain.framing.check import FramingResult
from app.domain.prep.cards import (
    EarlierIssue,
    PrepContent,
    ask_finding,
    prep_errors,
    series_suggestions,
    suggestions,
)
from app.domain.prep.itinerary import Stop, changes, round_times, stops_for
from app.services.clock.log import run_of_show
from app.services.plans import service as plans
from app.services.sessions import series
from app.services.sessions.service import get_session
from app.store import repo
from app.store.models import Agenda, ItinerarySeen, Participant, PlanVersion, PrepCard
from app.store.types import utcnow


@dataclass(frozen=True)
class Counterpart:
    """Someone I meet, with their submitted agenda (empty until they submit)."""

    id: int
    name: str
    department: str
    agenda: dict[str, Any]
    prepared: bool


@dataclass(frozen=True)
class Itinerary:
    """My rounds in the plan in force, who I meet, and what changed since I last looked."""

    participant: Participant
    plan_version: int | None
    stops: list[Stop]
    people: dict[int, Counterpart]
    changed: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class PrepView:
    """One prep card with the framing verdict on its ask and suggestions to fill it in."""

    counterpart: Counterpart
    content: PrepContent
    ask_framing: FramingResult | None
    suggestions: list[str]
    updated_at: datetime | None


def itinerary(db: Session, session_id: str, participant_id: int, *, mark_seen: bool) -> Itinerary:
    """The participant's itinerary; with ``mark_seen`` it also records that they saw it."""
    me = _person(db, session_id, participant_id)
    plan = plans.current_plan(db, session_id)
    if plan is None:
        return Itinerary(me, None, [], {})
    stops = _stops(db, session_id, plan, participant_id)
    people = _counterparts(db, session_id, participant_id, stops)
    seen = db.get(ItinerarySeen, participant_id)
    changed: list[str] = []
    if seen is not None and seen.plan_version != plan.version:
        before = _version(db, session_id, seen.plan_version)
        if before is not None:
            names = {p.id: p.name for p in repo.list_participants(db, session_id) if p.id}
            changed = changes(_stops(db, session_id, before, participant_id), stops, names)
    if mark_seen and (seen is None or seen.plan_version != plan.version):
        row = seen or ItinerarySeen(participant_id=participant_id, plan_version=plan.version)
        row.plan_version, row.seen_at = plan.version, utcnow()
        db.add(row)
        db.commit()
    return Itinerary(me, plan.version, stops, people, changed)


def changes_since(
    db: Session, session_id: str, participant_id: int, version: int
) -> tuple[int | None, list[str]]:
    """The plan version in force and what changed for this participant since ``version``."""
    plan = plans.current_plan(db, session_id)
    if plan is None or plan.version == version:
        return (plan.version if plan else None), []
    before = _version(db, session_id, version)
    after = _stops(db, session_id, plan, participant_id)
    names = {p.id: p.name for p in repo.list_participants(db, session_id) if p.id}
    if before is None:
        return plan.version, ["The rotation plan was published."]
    return plan.version, changes(_stops(db, session_id, before, participant_id), after, names)


def get_prep(db: Session, session_id: str, author_id: int, counterpart_id: int) -> PrepView:
    """The author's card for one counterpart (blank if not written yet).

    Raises:
        NotFound: the counterpart is not in this session.
    """
    me = _person(db, session_id, author_id)
    other = _person(db, session_id, counterpart_id)
    if other.id == me.id:
        raise NotFound("You do not meet yourself; pick a counterpart from your itinerary.")
    row = _card(db, author_id, counterpart_id)
    content = PrepContent(row.for_them, row.my_ask, row.my_offer) if row else PrepContent()
    agendas = _agendas(db, session_id)
    goals = {g.id: g.text for g in repo.list_goals(db, session_id) if g.id is not None}
    hints = suggestions(
        agendas.get(author_id, {}),
        agendas.get(counterpart_id, {}),
        me.department,
        other.department,
        goals,
    )
    hints += series_suggestions(_earlier_issues(db, session_id), me.department, other.department)
    counterpart = Counterpart(
        counterpart_id, other.name, other.department, agendas.get(counterpart_id, {}), bool(row)
    )
    return PrepView(
        counterpart, content, ask_finding(content), hints, row.updated_at if row else None
    )


def save_prep(
    db: Session, session_id: str, author_id: int, counterpart_id: int, content: PrepContent
) -> PrepView:
    """Store the author's card; a complaint-style ask is kept and flagged, never refused.

    Raises:
        Invalid: a field is too long.
        NotFound: the counterpart is not in this session.
    """
    get_prep(db, session_id, author_id, counterpart_id)  # checks both people
    errors = prep_errors(content)
    if errors:
        raise Invalid("Some fields need fixing.", errors)
    row = _card(db, author_id, counterpart_id) or PrepCard(
        session_id=session_id, author_id=author_id, counterpart_id=counterpart_id
    )
    row.for_them, row.my_ask, row.my_offer = content.for_them, content.my_ask, content.my_offer
    row.updated_at = utcnow()
    db.add(row)
    db.commit()
    return get_prep(db, session_id, author_id, counterpart_id)


def list_prep(db: Session, session_id: str, author_id: int) -> list[PrepCard]:
    """The author's own cards."""
    query = select(PrepCard).where(
        PrepCard.session_id == session_id, PrepCard.author_id == author_id
    )
    return list(db.exec(query.order_by(col(PrepCard.id))).all())


def coverage(db: Session, session_id: str) -> tuple[int, int]:
    """(meetings prepared, meetings planned) counted per person per counterpart; no text."""
    rounds = coverage_by_round(db, session_id)
    return sum(r[1] for r in rounds), sum(r[2] for r in rounds)


def coverage_by_round(db: Session, session_id: str) -> list[tuple[int, int, int]]:
    """Per round: (round, meetings prepared, meetings planned), each person's side of a meeting
    counted once; the facilitator and the summary see these counts, never the cards' text."""
    query = select(PrepCard).where(PrepCard.session_id == session_id)
    prepared = {
        (c.author_id, c.counterpart_id)
        for c in db.exec(query).all()
        if PrepContent(c.for_them, c.my_ask, c.my_offer).is_prepared()
    }
    plan = plans.current_plan(db, session_id)
    result: list[tuple[int, int, int]] = []
    for r in plan.rounds if plan else []:
        planned: set[tuple[int, int]] = set()
        for group in r["groups"]:
            members = [int(m) for m in group["members"]]
            planned |= {(a, b) for a in members for b in members if a != b}
        result.append((int(r["number"]), len(planned & prepared), len(planned)))
    return result


def _person(db: Session, session_id: str, participant_id: int) -> Participant:
    person = repo.get_participant(db, session_id, participant_id)
    if person is None:
        message = f"Participant {participant_id} is not in this session."
        raise NotFound(message, [FieldError("counterpart_id", message)])
    return person


def stops_in(
    db: Session, session_id: str, participant_id: int, version: int
) -> tuple[list[Stop], list[Stop] | None]:
    """A participant's stops in plan ``version`` and in the version before it (None: first)."""
    plan = _version(db, session_id, version)
    now = _stops(db, session_id, plan, participant_id) if plan else []
    previous = _version(db, session_id, version - 1) if version > 1 else None
    before = _stops(db, session_id, previous, participant_id) if previous else None
    return now, before


def describe_changes(
    db: Session, session_id: str, before: list[Stop], after: list[Stop]
) -> list[str]:
    """What moved between two lists of stops, in words ("Round 2: now Table 1 with …")."""
    names = {p.id: p.name for p in repo.list_participants(db, session_id) if p.id}
    return changes(before, after, names)


def stop_line(stop: Stop, names: Mapping[int | None, str], zone: str) -> str:
    """One round as an e-mail line: when, where and with whom."""
    when = stop.starts_at.astimezone(ZoneInfo(zone)).strftime("%H:%M")
    if stop.table is None:
        return f"Round {stop.round}, {when}: you sit this round out"
    who = ", ".join(names.get(c, "someone") for c in stop.counterparts) or "nobody yet"
    return f"Round {stop.round}, {when}: table {stop.table} with {who}"


def _version(db: Session, session_id: str, version: int) -> PlanVersion | None:
    query = select(PlanVersion).where(
        PlanVersion.session_id == session_id, PlanVersion.version == version
    )
    return db.exec(query).first()


def _stops(db: Session, session_id: str, plan: PlanVersion, participant_id: int) -> list[Stop]:
    session = get_session(db, session_id)
    times = round_times(run_of_show(db, session), session.starts_at)
    return stops_for(plan.rounds, participant_id, times, session.starts_at)


def _counterparts(
    db: Session, session_id: str, author_id: int, stops: list[Stop]
) -> dict[int, Counterpart]:
    wanted = {c for s in stops for c in s.counterparts}
    people = {p.id: p for p in repo.list_participants(db, session_id) if p.id in wanted}
    agendas = _agendas(db, session_id)
    mine = {c.counterpart_id for c in list_prep(db, session_id, author_id)}
    return {
        pid: Counterpart(pid, p.name, p.department, agendas.get(pid, {}), pid in mine)
        for pid, p in people.items()
        if pid is not None
    }


def _agendas(db: Session, session_id: str) -> dict[int, dict[str, Any]]:
    """Submitted agendas' content by participant (drafts stay private to their author)."""
    rows = db.exec(select(Agenda).where(Agenda.session_id == session_id)).all()
    return {a.participant_id: dict(a.content) for a in rows if a.submitted_at is not None}


def _earlier_issues(db: Session, session_id: str) -> list[EarlierIssue]:
    """Butterfly-effect issues of earlier sessions in the series (submitted agendas only)."""
    found: list[EarlierIssue] = []
    for earlier in series.earlier_sessions(db, session_id):
        people = {p.id: p.department for p in repo.list_participants(db, earlier.id)}
        for pid, content in _agendas(db, earlier.id).items():
            targets = tuple(str(t) for t in content.get("butterfly_targets") or [])
            issue = str(content.get("butterfly_issue") or "")
            found.append(EarlierIssue(earlier.title, people.get(pid, ""), issue, targets))
    return found


def _card(db: Session, author_id: int, counterpart_id: int) -> PrepCard | None:
    query = select(PrepCard).where(
        PrepCard.author_id == author_id, PrepCard.counterpart_id == counterpart_id
    )
    return db.exec(query).first()
