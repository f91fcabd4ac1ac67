"""Queue each kind of message in the caller's transaction; the caller commits.

Every function is a no-op (returns 0) when e-mail is off: nothing piles up to be sent the day
someone configures SMTP. Keys make each message once-only: the invitation for a time, the
reminder for an offset before a deadline, the digest for a week.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session

from app.domain.ics import CalendarEvent, request_calendar
from app.mail import outbox, recipients
from app.mail.context import MailContext, of
from app.mail.render import Attachment, Rendered, render
from app.mail.tables import OutboxMessage
from app.services.plans import itinerary
from app.store import repo
from app.store.models import LeadershipSession, Participant
from app.store.types import utcnow

SESSION_LENGTH = timedelta(hours=2)  # as the invite.ics of the API: the plan may not exist yet
WHEN = "%A %d %B %Y, %H:%M"


def local(value: datetime, zone: str, fmt: str = WHEN) -> str:
    """A moment in the session's time zone."""
    return value.astimezone(ZoneInfo(zone)).strftime(fmt)


def _stamp(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _queue(
    db: Session, ctx: MailContext, key: str, kind: str, to: str, msg: Rendered, session_id: str
) -> bool:
    return outbox.enqueue(
        db,
        key=key,
        channel="email",
        kind=kind,
        recipient=to,
        subject=msg.subject,
        body=msg.as_body(),
        session_id=session_id,
    )


def invitation_ics(
    ctx: MailContext, session: LeadershipSession, person: Participant, url: str
) -> str:
    """The invitation's calendar: METHOD:REQUEST, one event whose UID never changes."""
    event = CalendarEvent(
        uid=f"{session.id}-{person.id}@roundtable",
        start=session.starts_at,
        duration=SESSION_LENGTH,
        summary=session.title,
        description=f"Your personal page (do not forward): {url}",
        url=url,
        sequence=int(utcnow().timestamp()),  # grows with every update, as RFC 5546 wants
        organizer=ctx.sender,
        attendee=person.email,
        attendee_name=person.name,
    )
    return request_calendar([event], now=utcnow(), name=session.title)


def _invitation(
    db: Session, ctx: MailContext, session: LeadershipSession, person: Participant, *, update: bool
) -> Rendered:
    url = recipients.personal_url(db, ctx, session.id, person)
    deadline = session.agenda_deadline
    verb = "Updated" if update else "Invitation"
    msg = render(
        "invitation",
        f"{verb}: {session.title}, {local(session.starts_at, session.timezone)}",
        name=person.name,
        title=session.title,
        when=local(session.starts_at, session.timezone),
        timezone=session.timezone,
        deadline=local(deadline, session.timezone) if deadline else "",
        url=url,
        update=update,
        to=person.email,
    )
    ics = invitation_ics(ctx, session, person, url).encode()
    msg.attachments.append(Attachment("invite.ics", "text/calendar", ics))
    return msg


def queue_invitations(
    db: Session,
    session_id: str,
    participant_ids: list[int] | None = None,
    *,
    resend: bool = False,
    update: bool = False,
) -> int:
    """Invite participants (all, or ``participant_ids``); returns how many were queued.

    Without ``resend`` a person is invited once per session time; ``resend`` always queues.
    """
    ctx = of(db)
    session = repo.get_session(db, session_id)
    if ctx is None or not ctx.enabled or session is None:
        return 0
    wanted = set(participant_ids) if participant_ids is not None else None
    queued = 0
    for person in recipients.participants(db, session_id):
        if wanted is not None and person.id not in wanted:
            continue
        key = f"invite:{session_id}:{person.id}:{_stamp(session.starts_at)}"
        if resend:
            key += f":again:{secrets.token_hex(6)}"
        msg = _invitation(db, ctx, session, person, update=update)
        queued += _queue(db, ctx, key, "invitation", person.email, msg, session_id)
    return queued


def queue_invitation_updates(db: Session, session_id: str) -> int:
    """After the session's time changed: a new invitation to everyone invited before."""
    invited = {
        row.recipient.lower()
        for row in outbox.for_session(db, session_id)
        if row.kind == "invitation"
    }
    ids = [
        p.id
        for p in recipients.participants(db, session_id)
        if p.id is not None and p.email.lower() in invited
    ]
    return queue_invitations(db, session_id, ids, update=True) if ids else 0


def queue_agenda_reminder(
    db: Session, ctx: MailContext, session: LeadershipSession, person: Participant, hours: int
) -> bool:
    """Remind one person who owes an agenda, once per offset and deadline."""
    assert session.agenda_deadline is not None
    if recipients.opted_out(db, person.email):
        return False
    key = f"agenda-reminder:{session.id}:{person.id}:{_stamp(session.agenda_deadline)}:{hours}h"
    msg = render(
        "agenda_reminder",
        f"Reminder: your agenda for {session.title} is due "
        f"{local(session.agenda_deadline, session.timezone)}",
        name=person.name,
        title=session.title,
        deadline=local(session.agenda_deadline, session.timezone),
        timezone=session.timezone,
        hours=hours,
        url=recipients.personal_url(db, ctx, session.id, person),
        to=person.email,
        opt_out_url=recipients.opt_out_link(ctx, person.email),
    )
    return _queue(db, ctx, key, "agenda_reminder", person.email, msg, session.id)


def queue_agenda_returned(db: Session, session_id: str, participant_id: int, note: str) -> bool:
    """Tell a participant their agenda was sent back with ``note`` (call in that transaction).

    Returns whether a message was queued (False when e-mail is off).
    """
    ctx = of(db)
    session = repo.get_session(db, session_id)
    person = repo.get_participant(db, session_id, participant_id)
    if ctx is None or not ctx.enabled or session is None or person is None:
        return False
    deadline = session.agenda_deadline
    msg = render(
        "agenda_returned",
        f"Your agenda for {session.title} was returned with a note",
        name=person.name,
        title=session.title,
        note=note,
        deadline=local(deadline, session.timezone) if deadline else "",
        timezone=session.timezone,
        url=recipients.personal_url(db, ctx, session_id, person),
        to=person.email,
    )
    key = f"agenda-returned:{session_id}:{participant_id}:{secrets.token_hex(6)}"
    return _queue(db, ctx, key, "agenda_returned", person.email, msg, session_id)


def test_message(ctx: MailContext, to: str) -> Rendered:
    """The ``roundtable mail-test`` message."""
    base = ctx.settings.offline_base_url()
    return render("test", "Roundtable test message", base_url=base, to=to)


def queue_itinerary(db: Session, session_id: str, version: int) -> int:
    """Send each participant their rounds in plan ``version`` (call in the plan's transaction).

    The first plan goes to everyone; a later version only to those whose rounds changed, with
    what changed. Once per person and version. Returns how many were queued.
    """
    ctx = of(db)
    session = repo.get_session(db, session_id)
    if ctx is None or not ctx.enabled or session is None:
        return 0
    queued = 0
    people = repo.list_participants(db, session_id)
    names: dict[int | None, str] = {p.id: f"{p.name} ({p.department})" for p in people}
    for person in people:
        if person.id is None or not person.email:
            continue
        now, before = itinerary.stops_in(db, session_id, person.id, version)
        changed = itinerary.describe_changes(db, session_id, before, now) if before else []
        if before is not None and not changed:
            continue
        rounds = [itinerary.stop_line(stop, names, session.timezone) for stop in now]
        msg = render(
            "itinerary",
            f"{'Your rounds changed' if changed else 'Your rounds'}: {session.title}",
            name=person.name,
            title=session.title,
            rounds=rounds,
            changed=changed,
            url=recipients.personal_url(db, ctx, session_id, person),
            to=person.email,
        )
        key = f"itinerary:{session_id}:{person.id}:{version}"
        queued += _queue(db, ctx, key, "itinerary", person.email, msg, session_id)
    return queued


def session_messages(db: Session, session_id: str) -> list[OutboxMessage]:
    """A session's messages, newest first (for the facilitator)."""
    return list(outbox.for_session(db, session_id))
