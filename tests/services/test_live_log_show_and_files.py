"""The live event log, the run of show, series membership, the plan's CSV and the demo, called
directly as the routers call them (SQLite and PostgreSQL)."""

from __future__ import annotations

import csv
import io

import pytest
from sqlmodel import Session

from app.domain.errors import Conflict, Invalid
from app.services.console import controls
from app.services.demo import service as demo
from app.services.links import service as links
from app.services.live import service as live
from app.services.people import service as participants
from app.services.plans import service as plans
from app.services.plans.schemas import PlanSettings
from app.services.sessions import series
from app.services.sessions import service as sessions_service
from app.services.summary import service as summary
from tests.services.test_use_cases import KEYS, new_session, with_people

# --- the live event log ------------------------------------------------------------------------


def test_a_reconnecting_client_reads_exactly_the_events_after_its_seq(any_db: Session) -> None:
    sid, ids = with_people(any_db, agendas_from=2)
    plans.generate(any_db, sid, PlanSettings(rounds=2), author="facilitator")
    controls.control(any_db, sid, kind="start", control_id="c-start")
    live.set_attendance(any_db, sid, ids[5], "arrived", actor="facilitator")
    controls.control(any_db, sid, kind="pause", control_id="c-pause")

    everything = live.events_since(any_db, sid, 0)
    seqs = [e.seq for e in everything]
    assert seqs == list(range(1, len(seqs) + 1))  # gapless from 1
    assert [e.type for e in everything][-4:] == ["clock", "board", "attendance", "clock"]

    middle = seqs[len(seqs) // 2]
    after = live.events_since(any_db, sid, middle)
    assert [e.seq for e in after] == seqs[seqs.index(middle) + 1 :]
    assert live.events_since(any_db, sid, seqs[-1]) == []
    assert [e.seq for e in live.events_since(any_db, sid, 0, limit=2)] == seqs[:2]


def test_the_snapshot_carries_the_clock_and_the_last_seq(any_db: Session) -> None:
    sid, _ = with_people(any_db, agendas_from=1)
    plans.generate(any_db, sid, PlanSettings(rounds=2), author="facilitator")
    before = live.snapshot(any_db, sid)
    assert before.clock["status"] == "not_started"

    _, events = controls.control(any_db, sid, kind="start", control_id="c-start")

    after = live.snapshot(any_db, sid)
    assert after.clock["status"] == "running"
    assert after.seq == events[-1].seq


def test_events_of_one_session_never_show_in_another(any_db: Session) -> None:
    first, ids = with_people(any_db)
    second, _ = with_people(any_db)
    live.set_attendance(any_db, first, ids[0], "arrived", actor="facilitator")
    assert live.events_since(any_db, second, 0) == []
    assert [e.type for e in live.events_since(any_db, first, 0)] == ["attendance"]


# --- the run of show ---------------------------------------------------------------------------


def test_a_run_of_show_change_is_kept_and_a_bad_one_changes_nothing(any_db: Session) -> None:
    sid = new_session(any_db)
    wanted = {"topic_seconds": [120, 180, 240], "break_every": 3, "break_seconds": 300}
    shown = live.update_show(any_db, sid, wanted)
    assert shown["topic_seconds"] == [120, 180, 240]
    assert shown["break_every"] == 3

    with pytest.raises(Invalid) as refused:
        live.update_show(any_db, sid, {"topic_seconds": [-5, 180, 240], "break_seconds": 0})
    any_db.rollback()
    assert {e.field for e in refused.value.errors} == {"topic_seconds.0", "break_seconds"}

    stored = live.show_settings(sessions_service.get_session(any_db, sid))
    assert stored["topic_seconds"] == [120, 180, 240]
    assert stored["break_every"] == 3
    assert stored["break_seconds"] == 300


def test_the_run_of_show_is_fixed_once_the_session_is_live(any_db: Session) -> None:
    sid, _ = with_people(any_db)
    plans.generate(any_db, sid, PlanSettings(rounds=2), author="facilitator")
    controls.control(any_db, sid, kind="start", control_id="c-start")
    before = live.show_settings(sessions_service.get_session(any_db, sid))

    with pytest.raises(Conflict, match="live"):
        live.update_show(any_db, sid, {"break_every": 1})
    any_db.rollback()

    assert live.show_settings(sessions_service.get_session(any_db, sid)) == before


# --- series ------------------------------------------------------------------------------------


def test_a_second_session_joins_the_first_ones_series_by_its_key(any_db: Session) -> None:
    first = new_session(any_db)
    second = new_session(any_db)
    started = series.start_or_join(any_db, KEYS, first, title="Quarterly heads", key=None)
    key = series.series_key(KEYS, started)
    assert key

    joined = series.start_or_join(any_db, KEYS, second, title=None, key=key)

    assert joined.id == started.id
    assert {s.id for s in series.visible_sessions(any_db, second, "facilitator")} >= {
        first,
        second,
    }
    assert [s.id for s in series.earlier_sessions(any_db, second)] == [first]


@pytest.mark.parametrize(
    ("title", "key"), [(None, None), ("  ", ""), ("Quarterly heads", "some-key")]
)
def test_series_needs_exactly_one_of_a_title_and_a_key(
    any_db: Session, title: str | None, key: str | None
) -> None:
    sid = new_session(any_db)
    with pytest.raises(Invalid) as refused:
        series.start_or_join(any_db, KEYS, sid, title=title, key=key)
    assert {e.field for e in refused.value.errors} == {"title", "key"}


def test_an_unknown_series_key_is_refused_on_its_field(any_db: Session) -> None:
    sid = new_session(any_db)
    with pytest.raises(Invalid) as refused:
        series.start_or_join(any_db, KEYS, sid, title=None, key="no-such-key")
    assert [e.field for e in refused.value.errors] == ["key"]


# --- the plan as a file ------------------------------------------------------------------------


def test_the_plan_csv_lists_every_seat_of_every_round(any_db: Session) -> None:
    sid, _ = with_people(any_db)
    plan = plans.generate(any_db, sid, PlanSettings(rounds=3), author="facilitator")
    people = participants.list_public(any_db, sid)
    names = {str(p.id): (p.name, p.department) for p in people}

    rows = list(csv.DictReader(io.StringIO(plans.export_csv(plan, names))))

    assert len(rows) == 3 * len(people)  # six people, pairs: everyone seated each round
    for number in (1, 2, 3):
        seated = [r for r in rows if r["round"] == str(number)]
        assert sorted(r["name"] for r in seated) == sorted(p.name for p in people)
        for row in seated:
            partner = next(r for r in seated if r["name"] == row["meets"])
            assert partner["meets"] == row["name"]
            assert partner["table"] == row["table"]


# --- the demo ----------------------------------------------------------------------------------


def test_the_demo_loads_once_and_its_links_open_its_sessions(any_db: Session) -> None:
    made = demo.load_demo(any_db, KEYS)
    again = demo.load_demo(any_db, KEYS)

    assert again.session_id == made.session_id
    assert len(made.participants) == len(demo.PEOPLE)

    def token(url: str) -> str:
        return url.rsplit("/l/", 1)[1]

    facilitator = links.resolve_token(any_db, token(made.facilitator))
    assert (facilitator.role, facilitator.session_id) == ("facilitator", made.session_id)
    executive = links.resolve_token(any_db, token(made.executive))
    assert executive.role == "executive"
    played = links.resolve_token(any_db, token(made.played_executive))
    assert played.session_id != made.session_id
    assert [s.id for s in series.earlier_sessions(any_db, made.session_id)] == [played.session_id]
    played_summary = summary.current_summary(any_db, played.session_id).summary
    assert played_summary.items, "the played session's summary has captured issues"
    assert played_summary.actions, "and agreed actions"
