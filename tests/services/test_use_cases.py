"""Use cases that change several things: each is one transaction, all or nothing.

Called as the routers call them, on SQLite and PostgreSQL, without a web app: going live
(the clock's start and the board seeded from the agendas), inviting a participant (the person
and their link) and marking attendance (the attendance, the re-plan and their live events).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, col, select

from app.domain.errors import Conflict, Invalid
from app.services.agendas import service as agendas
from app.services.board import service as board
from app.services.clock import log as clock_log
from app.services.console import controls
from app.services.demo.agendas import DEMO_AGENDAS, agenda_values
from app.services.demo.service import GOALS, PEOPLE
from app.services.links import service as links
from app.services.live import service as live
from app.services.people import service as participants
from app.services.people.schemas import ParticipantCreate
from app.services.plans import service as plans
from app.services.plans.schemas import PlanSettings
from app.services.sessions import service as sessions_service
from app.services.sessions.schemas import SessionCreate
from app.store import repo
from app.store.engine import make_engine
from app.store.models import AccessLink, ClockControl, LeadershipSession, LiveEvent, PlanVersion
from tests.conftest import BASE_URL, TEST_SECRET

KEYS = links.LinkKeys(TEST_SECRET, BASE_URL)
SIX = PEOPLE[:6]


@pytest.fixture
def db(any_db_url: str) -> Iterator[Session]:
    engine = make_engine(any_db_url)
    with Session(engine) as session:
        yield session
    engine.dispose()


def new_session(db: Session) -> str:
    starts = datetime.now(UTC) + timedelta(days=1)
    data = SessionCreate(title="Quarterly leadership", starts_at=starts, goals=list(GOALS))
    return sessions_service.create_session(db, KEYS, data).session.id


def person(name: str, department: str) -> ParticipantCreate:
    email = name.lower().replace(" ", ".") + "@example.com"
    return ParticipantCreate(name=name, email=email, department=department)


def with_people(db: Session, *, agendas_from: int = 0) -> tuple[str, list[int]]:
    """A session with six people, the first ``agendas_from`` with a submitted demo agenda."""
    sid = new_session(db)
    goal_ids = [g.id for g in repo.list_goals(db, sid) if g.id is not None]
    ids = []
    for index, (name, department, _title) in enumerate(SIX):
        pid = participants.invite(db, KEYS, sid, person(name, department)).participant.id
        assert pid is not None
        ids.append(pid)
        entry = DEMO_AGENDAS.get(name)
        if index < agendas_from and entry is not None:
            content = agendas.content_from(agenda_values(entry, goal_ids))
            agendas.save(db, sid, pid, content, submit=True, author=name)
    return sid, ids


def events_of(db: Session, sid: str) -> list[tuple[int, str]]:
    rows = db.exec(
        select(LiveEvent).where(LiveEvent.session_id == sid).order_by(col(LiveEvent.seq))
    )
    return [(e.seq, e.type) for e in rows]


# --- going live ---------------------------------------------------------------------------


def test_start_runs_the_clock_and_seeds_the_board_in_one_transaction(db: Session) -> None:
    sid, _ = with_people(db, agendas_from=3)
    plans.generate(db, sid, PlanSettings(rounds=2), author="facilitator")
    before = events_of(db, sid)

    state, events = controls.control(db, sid, kind="start", control_id="start-0001")

    assert state.status == "running"
    assert [e.type for e in events] == ["clock", "board"]
    assert [e.seq for e in events] == [before[-1][0] + 1 if before else 1, events[0].seq + 1]
    db.expire_all()
    assert events_of(db, sid)[-2:] == [(e.seq, e.type) for e in events]  # both committed
    seeded = board.load(db, sid)
    assert len(seeded.items) == 3  # one butterfly-effect issue per submitted agenda
    assert clock_log.clock_now(db, sid).status == "running"

    again, repeated = controls.control(db, sid, kind="start", control_id="start-0001")
    assert repeated == []  # a retry acts once
    assert again.status == "running"
    assert len(board.load(db, sid).items) == 3


def test_a_start_whose_seed_fails_leaves_the_session_not_started(
    db: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    sid, _ = with_people(db, agendas_from=2)
    plans.generate(db, sid, PlanSettings(rounds=2), author="facilitator")
    before = events_of(db, sid)

    def broken(db: Session, session_id: str) -> object:
        raise RuntimeError("the seed failed")

    monkeypatch.setattr(board, "seed_command", broken)
    with pytest.raises(RuntimeError, match="seed failed"):
        controls.control(db, sid, kind="start", control_id="start-0002")

    db.expire_all()
    assert clock_log.clock_now(db, sid).status == "not_started"
    assert db.exec(select(ClockControl).where(ClockControl.session_id == sid)).all() == []
    assert db.get(LeadershipSession, sid).went_live_at is None  # type: ignore[union-attr]
    assert events_of(db, sid) == before
    monkeypatch.undo()  # and the facilitator can simply start again
    _, events = controls.control(db, sid, kind="start", control_id="start-0003")
    assert [e.type for e in events] == ["clock", "board"]


def test_start_without_a_plan_is_refused_and_writes_nothing(db: Session) -> None:
    sid, _ = with_people(db, agendas_from=1)
    with pytest.raises(Conflict, match="rotation plan"):
        controls.control(db, sid, kind="start", control_id="start-0004")
    db.expire_all()
    assert events_of(db, sid) == []
    assert board.load(db, sid).items == ()


# --- inviting people -----------------------------------------------------------------------


def test_invite_stores_the_person_and_a_working_link_together(db: Session) -> None:
    sid = new_session(db)
    invited = participants.invite(db, KEYS, sid, person("Dana Lee", "Finance"))

    principal = links.resolve_token(db, invited.token)
    assert principal.role == "participant"
    assert principal.participant_id == invited.participant.id
    assert links.displayable_url(KEYS, invited.link) == f"{BASE_URL}/l/{invited.token}"
    db.expire_all()
    assert [p.name for p in repo.list_participants(db, sid)] == ["Dana Lee"]


def test_an_invite_refused_for_a_taken_email_stores_nothing(db: Session) -> None:
    sid = new_session(db)
    participants.invite(db, KEYS, sid, person("Dana Lee", "Finance"))
    with pytest.raises(Invalid, match="already in this session"):
        participants.invite(db, KEYS, sid, person("Dana Lee", "Sales"))
    db.rollback()
    assert len(repo.list_participants(db, sid)) == 1
    participant_links = db.exec(
        select(AccessLink).where(AccessLink.session_id == sid, AccessLink.role == "participant")
    ).all()
    assert len(participant_links) == 1


def test_a_csv_import_gives_every_new_person_a_link(db: Session) -> None:
    sid = new_session(db)
    text = "name,email,department\nDana Lee,dana@example.com,Finance\nMarcus,bad,Sales\n"
    created, rejected = participants.import_csv(db, KEYS, sid, text.encode())
    assert [p.name for p in created] == ["Dana Lee"]
    assert [r.row for r in rejected] == [3]
    active = db.exec(
        select(AccessLink).where(AccessLink.session_id == sid, AccessLink.role == "participant")
    ).all()
    assert [(a.participant_id, a.revoked_at) for a in active] == [(created[0].id, None)]


# --- attendance ------------------------------------------------------------------------------


def test_marking_someone_absent_replans_in_the_same_transaction(db: Session) -> None:
    sid, ids = with_people(db)
    plans.generate(db, sid, PlanSettings(rounds=3), author="facilitator")
    leaver = ids[0]

    events = live.set_attendance(db, sid, leaver, "absent", actor="facilitator")

    assert [e.type for e in events] == ["attendance", "plan"]
    assert events[1].data == {"version": 2, "played": 0}
    db.expire_all()
    assert events_of(db, sid)[-2:] == [(e.seq, e.type) for e in events]
    current = plans.require_plan(db, sid)
    assert current.version == 2
    assert current.author == "facilitator"
    seated = {m for r in current.rounds for g in r["groups"] for m in g["members"]}
    assert str(leaver) not in seated
    assert repo.get_participant(db, sid, leaver).attendance == "absent"  # type: ignore[union-attr]


def test_a_replan_the_planner_refuses_leaves_the_attendance_as_it_was(db: Session) -> None:
    sid, ids = with_people(db)
    locked = PlanSettings(rounds=3, must_meet=[(ids[0], ids[1])])
    plans.generate(db, sid, locked, author="facilitator")
    before = events_of(db, sid)

    with pytest.raises(Invalid, match="not taking part"):
        live.set_attendance(db, sid, ids[0], "absent", actor="facilitator")

    db.expire_all()
    assert repo.get_participant(db, sid, ids[0]).attendance == "expected"  # type: ignore[union-attr]
    assert events_of(db, sid) == before
    versions = db.exec(select(PlanVersion).where(PlanVersion.session_id == sid)).all()
    assert [v.version for v in versions] == [1]


def test_attendance_without_a_plan_is_one_event(db: Session) -> None:
    sid, ids = with_people(db)
    events = live.set_attendance(db, sid, ids[2], "arrived", actor="facilitator")
    assert [(e.type, e.data) for e in events] == [
        ("attendance", {"participant_id": ids[2], "status": "arrived"})
    ]
    db.expire_all()
    assert events_of(db, sid) == [(events[0].seq, "attendance")]
