"""The demo's earlier, already played session of the same series: rounds run, items captured,
voted, merged and removed, action items agreed with owners and dates, some done, some blocked,
some overdue. So the demo's executive link opens a summary with something in it.

Every board command carries the time it was given in that session (three months ago), so the
board's own rules (an action item is due today or later) hold as they did on the day.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from uuid import uuid4

from sqlmodel import Session

from app.domain.board.commands import Capture, MakeAction, Merge, Remove, SetActionStatus, Vote
from app.domain.board.model import FACILITATOR, CaptureDraft
from app.services.board import service as board
from app.services.clock.log import rounds_started
from app.services.console import controls
from app.services.demo.people import invite_with_agendas
from app.services.links import service as links
from app.services.plans import service as plans
from app.services.plans.schemas import PlanSettings
from app.services.sessions import series
from app.services.sessions import service as sessions
from app.services.sessions.schemas import SessionCreate
from app.store import repo
from app.store.types import utcnow

PLAYED_TITLE = "Demo: Q4 leadership speed-dating (played)"
SERIES_TITLE = "Demo: quarterly leadership review"
PLAYED_DAYS_AGO = 91
ROUNDS_PLAYED = 5
NEVER_CAME = ("Grace Mensah", "Elena Petrova")  # invited, never opened the live view
MARKED_ONLY = ("Omar Haddad",)  # no phone: the facilitator marked him present

# label, author, from, onto, impact, text
CAPTURES = (
    ("billing", "Marcus Okafor", "Sales", ["Finance"], "critical",
     "Deals close without a billing contact, so Finance invoices by hand and cash arrives two "
     "weeks late."),
    ("handover", "Aisha Khan", "Customer Success", ["Engineering"], "high",
     "Escalations reach Engineering without logs or steps to reproduce, so fixes take a week "
     "longer."),
    ("promises", "Priya Raman", "Sales", ["Product", "Customer Success"], "high",
     "Custom features promised during the sale reach Product after signature, so roadmaps "
     "slip."),
    ("access", "Hannah Weiss", "IT", ["People"], "medium",
     "New hires wait three days for laptops and accounts, so onboarding weeks start late."),
    ("releases", "Sofia Alvarez", "Engineering", ["Marketing", "Support"], "medium",
     "Release notes arrive after customers notice the change, so Support answers blind."),
    ("data", "Elena Petrova", "Operations", ["Data"], "low",
     "Warehouse fields are renamed without notice, so weekly dashboards break."),
    ("billing-dup", "Dana Lee", "Sales", ["Finance"], "high",
     "Contracts are signed with no billing contact on file, so invoices bounce."),
    ("test", "Tom Becker", "Engineering", ["Legal"], "low",
     "Test card from the facilitator, removed before the summary."),
)  # fmt: skip
VOTES = {
    "billing": ["Dana Lee", "Aisha Khan", "Jin Park", "Chloe Martin"],
    "handover": ["Tom Becker", "Grace Mensah", "Ravi Shah"],
    "promises": ["Aisha Khan", "Priya Raman"],
    "access": ["Lukas Novak"],
}
# label, owner, what, days after the session, status, blocked reason
ACTIONS = (
    ("billing", "Chloe Martin", "Make the billing contact a required field before a deal closes",
     21, "done", ""),
    ("handover", "Tom Becker", "Add logs and steps to reproduce to the escalation template",
     30, "in_progress", ""),
    ("promises", "Priya Raman", "Review custom promises in the weekly pipeline call", 45,
     "blocked", "Waiting for Sales to agree the review slot"),
    ("access", "Lukas Novak", "Order laptops when the offer is signed, not on day one", 60,
     "open", ""),
    ("releases", "Sofia Alvarez", "Send release notes to Support two days before each release",
     120, "open", ""),
)  # fmt: skip


def create_played(
    db: Session,
    keys: links.LinkKeys,
    people: tuple[tuple[str, str, str], ...],
    goals: tuple[str, ...],
) -> str:
    """Create the played session (the caller checks it does not exist yet); returns its id."""
    day = (datetime.now(UTC) - timedelta(days=PLAYED_DAYS_AGO)).replace(
        hour=13, minute=0, second=0, microsecond=0
    )
    created = sessions.create_session(
        db,
        keys,
        SessionCreate(
            title=PLAYED_TITLE,
            starts_at=day,
            timezone="Europe/Berlin",
            goals=list(goals),
        ),
    )
    sid = created.session.id
    ids = invite_with_agendas(db, keys, sid, people)
    _attend(db, sid, ids, day)
    plans.generate(
        db, sid, PlanSettings(rounds=6, tables=["Oak", "Pine", "Maple", "Birch"]), author="demo"
    )
    controls.control(db, sid, kind="start", control_id=uuid4().hex)  # seeds the board too
    for _ in range(500):  # each skip ends one segment (a speaker's topic, a changeover, ...)
        if rounds_started(db, sid) >= ROUNDS_PLAYED:
            break
        controls.control(db, sid, kind="skip", control_id=uuid4().hex)
    _play_board(db, sid, ids, day)
    return sid


def _attend(db: Session, sid: str, ids: dict[str, int], day: datetime) -> None:
    for person in repo.list_participants(db, sid):
        if person.name in NEVER_CAME:
            continue
        person.attendance = "arrived"
        if person.name not in MARKED_ONLY:
            person.joined_live_at = day
        db.add(person)
    db.commit()


def _play_board(db: Session, sid: str, ids: dict[str, int], day: datetime) -> None:
    items: dict[str, str] = {}
    for minute, (label, author, source, onto, impact, text) in enumerate(CAPTURES):
        at = day + timedelta(minutes=20 + minute * 6)
        draft = CaptureDraft(source, tuple(onto), text, impact, no_goal=True)
        item_id = uuid4().hex
        board.execute(db, sid, Capture(id=item_id, by=str(ids[author]), at=at, draft=draft))
        items[label] = item_id
    at = day + timedelta(hours=2)
    for label, voters in VOTES.items():
        for voter in voters:
            board.execute(
                db, sid, Vote(id=uuid4().hex, by=str(ids[voter]), at=at, item_id=items[label])
            )
    board.execute(
        db,
        sid,
        Merge(
            id=uuid4().hex,
            by=FACILITATOR,
            at=at,
            item_id=items["billing"],
            source_id=items["billing-dup"],
        ),
    )
    board.execute(db, sid, Remove(id=uuid4().hex, by=FACILITATOR, at=at, item_id=items["test"]))
    for label, owner, what, days, status, reason in ACTIONS:
        action_id = uuid4().hex
        due: date = (day + timedelta(days=days)).date()
        make = MakeAction(
            id=uuid4().hex,
            by=FACILITATOR,
            at=at,
            item_id=items[label],
            action_id=action_id,
            owner=str(ids[owner]),
            what=what,
            due=due,
        )
        board.execute(db, sid, make)
        if status != "open":
            when = min(utcnow(), day + timedelta(days=days - 3))
            board.execute(
                db,
                sid,
                SetActionStatus(id=uuid4().hex, by=str(ids[owner]), at=when, action_id=action_id,
                                status=status, reason=reason),
            )  # fmt: skip


def join_series(db: Session, keys: links.LinkKeys, played: str, upcoming: str) -> None:
    """Both demo sessions in one series, the played one first."""
    group = series.create_series(db, keys, SERIES_TITLE)
    series.join(db, played, group)
    series.join(db, upcoming, group)
