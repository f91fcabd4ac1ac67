"""Due jobs, one scheduler at a time: agenda reminders, due-date reminders, overdue digests.

The lease is a row in ``mail_leases``: taken with an ``UPDATE`` that succeeds only when the
lease has run out (or is ours already), so on any database, with any number of workers, one
holder runs the jobs. Jobs compute what is due from the data and the clock (no timers to lose
in a restart), and the outbox's keys make a job that runs twice queue nothing new.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from sqlalchemy import or_, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from app.domain.board.model import ActionItem
from app.domain.mail.timing import due_reminder_offsets, due_soon, overdue, week_of
from app.mail import recipients, webhooks
from app.mail.context import MailContext
from app.mail.followup import queue_owner_message, today_of
from app.mail.messages import queue_agenda_reminder
from app.mail.tables import MailLease
from app.services.board import service as boards
from app.store.models import Agenda, BoardState, LeadershipSession
from app.store.types import utcnow

LEASE = "scheduler"


def take_lease(db: Session, holder: str, ttl: timedelta) -> bool:
    """Hold (or keep holding) the scheduler lease for ``ttl``; commits."""
    now = utcnow()
    insert = postgresql.insert if db.get_bind().dialect.name == "postgresql" else sqlite.insert
    db.execute(
        insert(MailLease)
        .values(name=LEASE, holder="", expires_at=now - timedelta(seconds=1))
        .on_conflict_do_nothing(index_elements=["name"])
    )
    result = db.execute(
        update(MailLease)
        .where(
            col(MailLease.name) == LEASE,
            or_(col(MailLease.expires_at) < now, col(MailLease.holder) == holder),
        )
        .values(holder=holder, expires_at=now + ttl)
        .execution_options(synchronize_session=False)
    )
    db.commit()
    return bool(getattr(result, "rowcount", 0))


def run_due_jobs(db: Session, ctx: MailContext) -> int:
    """Queue every reminder and digest due now; commits per session. Returns how many."""
    queued = 0
    for session_id in db.exec(select(LeadershipSession.id)).all():
        session = db.get(LeadershipSession, session_id)
        if session is None:
            continue
        if ctx.enabled:
            queued += agenda_reminders(db, ctx, session)
        queued += action_jobs(db, ctx, session)
        db.commit()
    return queued


def agenda_reminders(db: Session, ctx: MailContext, session: LeadershipSession) -> int:
    """Remind those who have not submitted an agenda, at the configured offsets."""
    deadline = session.agenda_deadline
    if deadline is None or session.went_live_at is not None:
        return 0
    offsets = due_reminder_offsets(deadline, ctx.settings.mail_reminder_hours, utcnow())
    if not offsets:
        return 0
    submitted = set(
        db.exec(
            select(Agenda.participant_id).where(
                col(Agenda.session_id) == session.id, col(Agenda.submitted_at).is_not(None)
            )
        ).all()
    )
    owing = [p for p in recipients.participants(db, session.id) if p.id not in submitted]
    return sum(queue_agenda_reminder(db, ctx, session, p, offsets[0]) for p in owing)


def action_jobs(db: Session, ctx: MailContext, session: LeadershipSession) -> int:
    """Due-date reminders and the weekly overdue digest per owner; overdue webhooks."""
    if db.get(BoardState, session.id) is None:
        return 0
    board = boards.load(db, session.id)
    today = today_of(session)
    days = ctx.settings.mail_due_reminder_days
    soon: dict[str, list[ActionItem]] = defaultdict(list)
    late: dict[str, list[ActionItem]] = defaultdict(list)
    queued = 0
    for action in board.actions:
        if action.status == "done":
            continue
        if overdue(action.due, today):
            late[action.owner].append(action)
            queued += webhooks.queue_event(
                db,
                session.id,
                "action_item.overdue",
                f"overdue:{session.id}:{action.id}:{action.due}",
                f"Overdue: {action.what} (due {action.due:%d %b %Y}).",
                {
                    "id": action.id,
                    "owner": action.owner,
                    "what": action.what,
                    "due": action.due.isoformat(),
                },
            )
        elif due_soon(action.due, today, days):
            soon[action.owner].append(action)
    if not ctx.enabled:
        return queued
    people = {str(p.id): p for p in recipients.participants(db, session.id)}
    for owner, actions in soon.items():
        if owner in people:
            ids = ",".join(sorted(f"{a.id}@{a.due}" for a in actions))
            queued += queue_owner_message(
                db,
                ctx,
                session,
                people[owner],
                actions,
                kind="due_reminder",
                key=f"due:{session.id}:{owner}:{ids}"[:255],
                subject=f"Due soon: your action items from {session.title}",
                intro="These action items are due soon.",
                opt_out=True,
            )
    for owner, actions in late.items():
        if owner in people:
            queued += queue_owner_message(
                db,
                ctx,
                session,
                people[owner],
                actions,
                kind="overdue_digest",
                key=f"overdue:{session.id}:{owner}:{week_of(today)}",
                subject=f"Overdue: your action items from {session.title}",
                intro="These action items are past their due date. "
                "This digest comes weekly until they are done.",
                opt_out=True,
            )
    return queued
