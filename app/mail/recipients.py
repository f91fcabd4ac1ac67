"""Who gets what: personal links, opt-outs, and the people of a session."""

from __future__ import annotations

from sqlmodel import Session

from app.mail.context import MailContext
from app.mail.render import opt_out_url
from app.mail.tables import MailOptOut
from app.services.links import service as links
from app.store import repo
from app.store.models import LeadershipSession, Participant


def personal_url(db: Session, ctx: MailContext, session_id: str, person: Participant) -> str:
    """The participant's own link; issued now when they have none that can be shown."""
    assert person.id is not None
    for link in repo.list_active_links_for(db, session_id, "participant", person.id):
        url = links.displayable_url(ctx.keys, link)
        if url:
            return url
    _, token = links.issue_link(db, ctx.keys, session_id, "participant", person.id)
    return ctx.keys.url_for(token)


def executive_url(db: Session, ctx: MailContext, session: LeadershipSession) -> str:
    """The session's executive link (shared by its executives), or the summary page."""
    for link in repo.list_active_links_for(db, session.id, "executive", None):
        url = links.displayable_url(ctx.keys, link)
        if url:
            return url
    return f"{ctx.settings.offline_base_url().rstrip('/')}/s/{session.id}/summary"


def opted_out(db: Session, address: str) -> bool:
    """Whether ``address`` asked for no reminders or digests."""
    return db.get(MailOptOut, address.lower()) is not None


def opt_out_link(ctx: MailContext, address: str) -> str:
    return opt_out_url(ctx.settings.offline_base_url(), ctx.keys.secret_key, address)


def opt_out(db: Session, address: str) -> None:
    """Stop reminders and digests to ``address``; the caller commits."""
    if not opted_out(db, address):
        db.add(MailOptOut(email=address.lower()))


def participants(db: Session, session_id: str) -> list[Participant]:
    """Everyone of the session (each has an e-mail address: it is required)."""
    return list(repo.list_participants(db, session_id))
