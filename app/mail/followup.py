"""After the session: owners' action items, the executives' summary, and the webhooks."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta

from sqlmodel import Session, col, select

from app.domain.board.model import ActionItem, Board
from app.domain.ics import CalendarEvent, request_calendar
from app.mail import recipients, webhooks
from app.mail.context import MailContext, of
from app.mail.messages import _queue, local
from app.mail.render import Attachment, render
from app.mail.tables import ExecutiveRecipient
from app.services.summary import service as summaries
from app.store import repo
from app.store.models import LeadershipSession, Participant
from app.store.types import utcnow

STATUS_NAMES = {"open": "open", "in_progress": "in progress", "done": "done", "blocked": "blocked"}


def _people(db: Session, session_id: str) -> dict[str, Participant]:
    return {str(p.id): p for p in recipients.participants(db, session_id)}


def due_dates_ics(session: LeadershipSession, actions: list[ActionItem]) -> str:
    """One all-day event per action item on its due date (UIDs fixed per action)."""
    events = [
        CalendarEvent(
            uid=f"{session.id}-action-{a.id}@roundtable",
            start=datetime.combine(a.due, time(), tzinfo=UTC),
            duration=timedelta(days=1),
            summary=f"Due: {a.what}",
            description=f"Action item from {session.title}",
            all_day=True,
        )
        for a in actions
    ]
    name = f"{session.title}: action items"
    return request_calendar(events, now=utcnow(), name=name, method="PUBLISH")


def _action_rows(actions: list[ActionItem]) -> list[dict[str, str]]:
    return [
        {
            "what": a.what,
            "due": f"{a.due:%a %d %b %Y}",
            "status": STATUS_NAMES.get(a.status, a.status),
        }
        for a in actions
    ]


def queue_owner_message(
    db: Session,
    ctx: MailContext,
    session: LeadershipSession,
    person: Participant,
    actions: list[ActionItem],
    *,
    kind: str,
    key: str,
    subject: str,
    intro: str,
    opt_out: bool,
) -> bool:
    """One owner's list of action items, with their due dates as an .ics."""
    if opt_out and recipients.opted_out(db, person.email):
        return False
    msg = render(
        "owner_actions",
        subject,
        name=person.name,
        intro=intro,
        actions=_action_rows(actions),
        url=recipients.personal_url(db, ctx, session.id, person),
        to=person.email,
        opt_out_url=recipients.opt_out_link(ctx, person.email) if opt_out else "",
    )
    ics = due_dates_ics(session, actions).encode()
    msg.attachments.append(Attachment("action-items.ics", "text/calendar", ics))
    return _queue(db, ctx, key, kind, person.email, msg, session.id)


def executives(db: Session, session_id: str) -> list[str]:
    """The addresses that receive the summary."""
    query = select(ExecutiveRecipient.email).where(col(ExecutiveRecipient.session_id) == session_id)
    return list(db.exec(query.order_by(col(ExecutiveRecipient.id))).all())


def set_executives(db: Session, session_id: str, emails: list[str]) -> list[str]:
    """Replace the summary's recipients; the caller validated the addresses and commits."""
    for row in db.exec(
        select(ExecutiveRecipient).where(col(ExecutiveRecipient.session_id) == session_id)
    ).all():
        db.delete(row)
    db.flush()
    seen: list[str] = []
    for email in emails:
        if email.lower() not in seen:
            seen.append(email.lower())
            db.add(ExecutiveRecipient(session_id=session_id, email=email.lower()))
    return seen


def queue_after_lock(db: Session, session_id: str, board: Board) -> int:
    """The board was locked: owners' action items, the summary to executives, summary.ready."""
    session = repo.get_session(db, session_id)
    if session is None:
        return 0
    ctx = of(db)
    url = recipients.executive_url(db, ctx, session) if ctx else ""
    count = len(board.actions)
    text = f"Summary ready: {session.title}. {count} action items. {url}"
    queued = webhooks.queue_event(
        db,
        session_id,
        "summary.ready",
        f"summary:{session_id}",
        text.strip(),
        {"title": session.title, "url": url, "action_items": count},
    )
    if ctx is None or not ctx.enabled:
        return queued
    people = _people(db, session_id)
    by_owner: dict[str, list[ActionItem]] = defaultdict(list)
    for action in board.actions:
        by_owner[action.owner].append(action)
    for owner, actions in by_owner.items():
        person = people.get(owner)
        if person is None:
            continue
        queued += queue_owner_message(
            db,
            ctx,
            session,
            person,
            actions,
            kind="owner_actions",
            key=f"owner-actions:{session_id}:{owner}",
            subject=f"Your action items from {session.title}",
            intro=f"Who does what by when: you took these on at {session.title}.",
            opt_out=False,
        )
    addresses = executives(db, session_id)
    if not addresses:
        return queued
    # Built only when someone receives it: it reads the whole board, inside the lock's commit.
    summary = summaries.current_summary(db, session_id).summary
    headline = (
        f"{summary.headline.attended} leaders met in {summary.headline.rounds_played} rounds, "
        f"captured {summary.headline.items_captured} issues and agreed "
        f"{summary.headline.action_items} action items."
    )
    frictions = [
        {"department": p.department, "text": p.text, "ask": p.ask} for p in summary.pressing[:5]
    ]
    rows = [
        {
            "owner": a.owner,
            "department": a.department,
            "what": a.what,
            "due": f"{a.due:%a %d %b %Y}" if a.due else "no date",
        }
        for a in summary.actions
    ]
    for email in addresses:
        msg = render(
            "executive_summary",
            f"Summary: {session.title}",
            title=session.title,
            when=local(session.starts_at, session.timezone),
            headline=headline,
            frictions=frictions,
            actions=rows,
            url=url,
            to=email,
        )
        msg.attachments.append(
            Attachment(f"summary-{session_id}.pdf", "application/pdf", generate="summary_pdf")
        )
        queued += _queue(
            db, ctx, f"summary:{session_id}:{email}", "executive_summary", email, msg, session_id
        )
    return queued


def queue_action_created(db: Session, session_id: str, action: ActionItem) -> int:
    """``action_item.created`` to the session's webhooks."""
    people = _people(db, session_id)
    owner = people.get(action.owner)
    who = owner.name if owner else action.owner
    text = f"New action item: {who} will {action.what} by {action.due:%d %b %Y}."
    data = {"id": action.id, "owner": who, "what": action.what, "due": action.due.isoformat()}
    return webhooks.queue_event(
        db, session_id, "action_item.created", f"created:{session_id}:{action.id}", text, data
    )


def today_of(session: LeadershipSession) -> date:
    return summaries.today_in(session)
