"""Use cases for the rotation plan: generate, re-roll, swap, re-plan, export.

Every change stores a new plan version; rounds already played are handed to the planner as
``played`` so a re-plan never rewrites them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, replace
from typing import Any

from sqlmodel import Session, col, select

from app.domain.csv_cells import csv_text
from app.domain.errors import Conflict, FieldError, Invalid, NotFound
from app.domain.planner.rotations import (
    Group,
    Person,
    Plan,
    PlanRequest,
    Round,
    evaluate_plan,
    plan_rotations,
    rounds_for_time_box,
    swap_people,
)
from app.services.clock.log import clock_now, rounds_started, show_config
from app.services.plans.schemas import PlanSettings
from app.services.sessions import series
from app.services.sessions.service import get_session
from app.services.shared import notices
from app.store import repo
from app.store.models import Agenda, LeadershipSession, Participant, PlanVersion
from app.store.types import utcnow


def rounds_wanted(settings: PlanSettings, raw_show: dict[str, Any] | None) -> int:
    """Rounds asked for directly, or as many as fit the time box with this run of show."""
    if settings.rounds is not None:
        return settings.rounds
    assert settings.time_box_minutes is not None
    show = show_config(raw_show, rounds=1, group_size=settings.group_size)
    round_seconds = show.speakers_per_group * sum(show.topic_seconds)
    fixed = (show.welcome_seconds + show.wrapup_seconds) / 60
    count = rounds_for_time_box(
        settings.time_box_minutes - fixed,
        round_seconds / 60,
        show.changeover_seconds / 60,
        show.break_seconds / 60,
        show.break_every,
    )
    if count < 1:
        message = "Not even one round fits this time box with the current run of show."
        raise Invalid(message, [FieldError("time_box_minutes", message)])
    return count


def current_plan(db: Session, session_id: str) -> PlanVersion | None:
    """The plan in force (the newest version), if any."""
    query = (
        select(PlanVersion)
        .where(PlanVersion.session_id == session_id)
        .order_by(col(PlanVersion.version).desc())
    )
    return db.exec(query).first()


def require_plan(db: Session, session_id: str) -> PlanVersion:
    """The plan in force.

    Raises:
        NotFound: no plan has been made yet.
    """
    plan = current_plan(db, session_id)
    if plan is None:
        raise NotFound("No rotation plan yet; generate one first.")
    return plan


def versions(db: Session, session_id: str) -> list[PlanVersion]:
    """All plan versions, newest first."""
    query = (
        select(PlanVersion)
        .where(PlanVersion.session_id == session_id)
        .order_by(col(PlanVersion.version).desc())
    )
    return list(db.exec(query).all())


def build_request(
    db: Session, session_id: str, settings: PlanSettings, *, played: tuple[Round, ...] = ()
) -> PlanRequest:
    """The planner's input: present people, their departments, locks, agenda links, and who
    met in earlier sessions of the series (they meet later here)."""
    people = [p for p in repo.list_participants(db, session_id) if p.attendance != "absent"]
    ids = {p.id for p in people}
    for a, b in [*settings.must_meet, *settings.must_not_meet]:
        for pid in (a, b):
            if pid not in ids:
                message = f"Participant {pid} is not taking part in this session."
                raise Invalid(message, [FieldError("locks", message)])
    return PlanRequest(
        people=tuple(Person(str(p.id), p.department) for p in people),
        rounds=len(played) + rounds_wanted(settings, get_session(db, session_id).show_config),
        group_size=settings.group_size,
        seed=settings.seed,
        tables=tuple(settings.tables),
        must_meet=frozenset(frozenset((str(a), str(b))) for a, b in settings.must_meet),
        must_not_meet=frozenset(frozenset((str(a), str(b))) for a, b in settings.must_not_meet),
        linked_departments=linked_departments(db, session_id, people),
        prior_meetings=prior_meetings(db, session_id),
        played=played,
        same_department=settings.same_department,
    )


def prior_meetings(db: Session, session_id: str) -> frozenset[frozenset[str]]:
    """Pairs of this session's participants (ids as strings) who met in an earlier session.

    People are matched across sessions by e-mail address (case-insensitive). What counts as met:
    the rounds started on the earlier session's live clock; when its clock was never started
    but its start time has passed, the whole plan (it was run from printed table cards).
    """
    earlier = series.earlier_sessions(db, session_id)
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
    plan = current_plan(db, session.id)
    if plan is None:
        return []
    if clock_now(db, session.id).status != "not_started":
        played = rounds_started(db, session.id)
    else:
        played = len(plan.rounds) if session.starts_at <= utcnow() else 0
    return [group["members"] for r in plan.rounds[:played] for group in r["groups"]]


def linked_departments(
    db: Session, session_id: str, people: list[Participant]
) -> frozenset[frozenset[str]]:
    """Department pairs whose butterfly-effect issues land on each other (from agendas)."""
    by_id = {p.id: p.department for p in people}
    canonical = {d.casefold(): d for d in by_id.values()}
    pairs: set[frozenset[str]] = set()
    for agenda in db.exec(select(Agenda).where(Agenda.session_id == session_id)).all():
        source = by_id.get(agenda.participant_id)
        for target in agenda.content.get("butterfly_targets") or []:
            other = canonical.get(str(target).casefold())
            if source and other and other != source:
                pairs.add(frozenset((source, other)))
    return frozenset(pairs)


def generate(
    db: Session, session_id: str, settings: PlanSettings, *, author: str, reason: str = "Generated"
) -> PlanVersion:
    """Plan all rounds afresh (before the session goes live).

    Raises:
        Conflict: the session is live; use a re-plan of the remaining rounds instead.
    """
    session = get_session(db, session_id)
    if session.went_live_at is not None:
        raise Conflict("The session is live: re-plan the remaining rounds instead.")
    request = build_request(db, session_id, settings)
    resolved = settings.model_copy(update={"rounds": request.rounds})
    return _save(db, session_id, resolved, plan_rotations(request), author, reason)


def reroll(db: Session, session_id: str, *, author: str) -> PlanVersion:
    """The same settings with the next seed."""
    settings = PlanSettings.model_validate(require_plan(db, session_id).settings)
    settings = settings.model_copy(update={"seed": settings.seed + 1})
    return generate(
        db, session_id, settings, author=author, reason=f"Re-rolled (seed {settings.seed})"
    )


def swap(
    db: Session, session_id: str, round_number: int, a: int, b: int, *, author: str, played: int = 0
) -> PlanVersion:
    """Swap two people in one round by hand; the new figures show the effect."""
    current = require_plan(db, session_id)
    settings = PlanSettings.model_validate(current.settings)
    rounds = rounds_from_json(current.rounds)
    request = replace(
        build_request(db, session_id, settings, played=rounds[:played]), rounds=len(rounds)
    )
    plan = Plan(rounds, evaluate_plan(request, rounds), settings.seed, settings.group_size)
    swapped = swap_people(request, plan, round_number, str(a), str(b))
    names = {p.id: p.name for p in repo.list_participants(db, session_id)}
    reason = f"Swapped {names.get(a, a)} and {names.get(b, b)} in round {round_number}"
    return _save(db, session_id, settings, swapped, author, reason)


def restore(
    db: Session, session_id: str, version: int, *, author: str, played: int = 0, reason: str = ""
) -> PlanVersion:
    """Make an earlier version the current one again, as a new version (history is kept).

    Once live, rounds already played stay as they were; only the later rounds come from the
    restored version.

    Raises:
        NotFound: there is no such version.
        Invalid: the version is the current one already.
    """
    current = require_plan(db, session_id)
    old = db.exec(
        select(PlanVersion).where(
            PlanVersion.session_id == session_id, PlanVersion.version == version
        )
    ).first()
    if old is None:
        raise NotFound(f"There is no plan version {version}.")
    if old.version == current.version:
        message = f"Version {version} is already the current plan."
        raise Invalid(message, [FieldError("version", message)])
    kept = rounds_from_json(current.rounds)[:played]
    rounds = kept + rounds_from_json(old.rounds)[played:]
    settings = PlanSettings.model_validate(old.settings)
    request = replace(build_request(db, session_id, settings, played=kept), rounds=len(rounds))
    plan = Plan(rounds, evaluate_plan(request, rounds), settings.seed, settings.group_size)
    return _save(db, session_id, settings, plan, author, reason or f"Restored version {version}")


def replan_remaining(
    db: Session, session_id: str, played: int, *, author: str, reason: str
) -> PlanVersion:
    """Re-plan only the rounds not yet played (late arrival, departure)."""
    row = stage_replan_remaining(db, session_id, played, author=author, reason=reason)
    db.commit()
    db.refresh(row)
    return row


def stage_replan_remaining(
    db: Session, session_id: str, played: int, *, author: str, reason: str
) -> PlanVersion:
    """``replan_remaining`` in the caller's transaction: the new version is flushed, not
    committed (for a use case that changes more in the same transaction)."""
    current = require_plan(db, session_id)
    settings = PlanSettings.model_validate(current.settings)
    rounds = rounds_from_json(current.rounds)
    remaining = settings.model_copy(update={"rounds": max(0, len(rounds) - played)})
    request = build_request(db, session_id, remaining, played=rounds[:played])
    return _stage(db, session_id, settings, plan_rotations(request), author, reason)


def played_rounds(db: Session, session_id: str) -> int:
    """Rounds already started on the live clock (0 before the session goes live)."""
    return rounds_started(db, session_id)


def rounds_from_json(raw: list[Any]) -> tuple[Round, ...]:
    """Stored rounds back into domain rounds."""
    return tuple(
        Round(
            number=int(r["number"]),
            groups=tuple(Group(g["table"], tuple(g["members"])) for g in r["groups"]),
            sitting_out=tuple(r["sitting_out"]),
        )
        for r in raw
    )


def _save(
    db: Session, session_id: str, settings: PlanSettings, plan: Plan, author: str, reason: str
) -> PlanVersion:
    row = _stage(db, session_id, settings, plan, author, reason)
    db.commit()
    db.refresh(row)
    return row


def _stage(
    db: Session, session_id: str, settings: PlanSettings, plan: Plan, author: str, reason: str
) -> PlanVersion:
    current = current_plan(db, session_id)
    row = PlanVersion(
        session_id=session_id,
        version=(current.version + 1) if current else 1,
        reason=reason[:200],
        author=author[:160],
        created_at=utcnow(),
        settings=settings.model_dump(mode="json"),
        rounds=[asdict(r) for r in plan.rounds],
        figures=asdict(plan.figures),
    )
    db.add(row)
    db.flush()
    notices.after_plan_saved(db, session_id, row.version)  # same transaction
    return row


def export_csv(plan: PlanVersion, names: dict[str, tuple[str, str]]) -> str:
    """One line per person per round: round, table, name, department, with whom."""
    rows: list[list[object]] = [["round", "table", "name", "department", "meets"]]
    for r in plan.rounds:
        for group in r["groups"]:
            for member in group["members"]:
                name, dept = names.get(member, (member, ""))
                others = [names.get(m, (m, ""))[0] for m in group["members"] if m != member]
                rows.append([r["number"], group["table"], name, dept, "; ".join(others)])
        for member in r["sitting_out"]:
            name, dept = names.get(member, (member, ""))
            rows.append([r["number"], "(sitting out)", name, dept, ""])
    return csv_text(rows)
