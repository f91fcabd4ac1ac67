"""Pages and API of the mail feature: statuses and retries, invitations, executives,
webhooks, and the opt-out link."""

from __future__ import annotations

import hmac
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, EmailStr, Field, TypeAdapter, ValidationError
from sqlmodel import Session

from app.domain.errors import FieldError, Invalid, NotFound
from app.mail import followup, messages, outbox, recipients, webhooks
from app.mail.render import opt_out_token
from app.mail.tables import OutboxMessage
from app.services.sessions import service as sessions
from app.services.shared.schemas import RowId
from app.web.deps import Facilitator, KeysDep, SessionDep, SettingsDep
from app.web.forms import render
from app.web.problems import API_ERRORS

router = APIRouter()
api = APIRouter(tags=["mail"], responses=API_ERRORS)
API = "/api/v1/sessions/{session_id}"
PAGE = "/s/{session_id}/facilitate/messages"
_EMAIL = TypeAdapter(EmailStr)


class MessagePublic(BaseModel):
    id: int
    channel: str
    kind: str
    recipient: str
    subject: str
    status: str
    attempts: int
    last_error: str
    created_at: Any
    sent_at: Any


class InvitationRequest(BaseModel):
    participant_ids: list[RowId] | None = Field(default=None, max_length=1000)
    resend: bool = False


class ExecutivesInput(BaseModel):
    emails: list[EmailStr] = Field(max_length=50)


class WebhookInput(BaseModel):
    url: str = Field(max_length=500)
    events: list[str] | None = None
    series: bool = False


def _public(row: OutboxMessage) -> MessagePublic:
    assert row.id is not None
    return MessagePublic(
        id=row.id,
        channel=row.channel,
        kind=row.kind,
        recipient=row.recipient,
        subject=row.subject,
        status=row.status,
        attempts=row.attempts,
        last_error=row.last_error,
        created_at=row.created_at,
        sent_at=row.sent_at,
    )


def _retry(request: Request, db: Session, session_id: str, message_id: int) -> OutboxMessage:
    """Queue the message again, commit and wake the sender; 404 for an unknown message.
    Returns the row as committed (read back before the sender may take it)."""
    row = outbox.retry(db, session_id, message_id)
    if row is None:
        raise NotFound(f"No message {message_id} in this session.")
    db.commit()
    db.refresh(row)
    _wake(request)
    return row


def _wake(request: Request) -> None:
    worker = getattr(request.app.state, "mail_worker", None)
    if worker is not None:
        worker.wake()


def _mail_off(settings: Any) -> None:
    if not settings.mail_enabled:
        message = "E-mail is off: set ROUNDTABLE_SMTP_URL and ROUNDTABLE_MAIL_FROM to send it."
        raise Invalid(message, [FieldError("smtp", message)])


@api.get(API + "/messages")
def list_messages(session_id: str, db: SessionDep, who: Facilitator) -> list[MessagePublic]:
    """Every message of the session (e-mail and webhook), newest first, with its status."""
    sessions.get_session(db, session_id)
    return [_public(r) for r in outbox.for_session(db, session_id)]


@api.post(API + "/messages/{message_id}/retry")
def retry_message(
    session_id: str, message_id: RowId, request: Request, db: SessionDep, who: Facilitator
) -> MessagePublic:
    """Queue a message again now (a failed one, typically)."""
    return _public(_retry(request, db, session_id, message_id))


@api.post(API + "/invitations")
def send_invitations(
    session_id: str,
    data: InvitationRequest,
    request: Request,
    db: SessionDep,
    settings: SettingsDep,
    who: Facilitator,
) -> dict[str, int]:
    """E-mail invitations with a calendar file; ``resend`` sends again to those already invited."""
    sessions.get_session(db, session_id)
    _mail_off(settings)
    queued = messages.queue_invitations(db, session_id, data.participant_ids, resend=data.resend)
    db.commit()
    _wake(request)
    return {"queued": queued}


@api.get(API + "/executives")
def get_executives(session_id: str, db: SessionDep, who: Facilitator) -> dict[str, list[str]]:
    """Who receives the summary when the board is locked."""
    sessions.get_session(db, session_id)
    return {"emails": followup.executives(db, session_id)}


@api.put(API + "/executives")
def put_executives(
    session_id: str, data: ExecutivesInput, db: SessionDep, who: Facilitator
) -> dict[str, list[str]]:
    """Replace who receives the summary when the board is locked."""
    sessions.get_session(db, session_id)
    emails = followup.set_executives(db, session_id, [str(e) for e in data.emails])
    db.commit()
    return {"emails": emails}


@api.get(API + "/webhooks")
def list_webhooks(session_id: str, db: SessionDep, who: Facilitator) -> list[dict[str, Any]]:
    """The session's webhooks (and its series'); secrets are shown only on creation."""
    return [
        {"id": h.id, "url": h.url, "events": h.events, "series": h.series_id is not None}
        for h in webhooks.for_session(db, session_id)
    ]


@api.post(API + "/webhooks", status_code=201)
def add_webhook(
    session_id: str, data: WebhookInput, db: SessionDep, who: Facilitator
) -> dict[str, Any]:
    """Register a webhook; the answer carries its signing secret, once."""
    sessions.get_session(db, session_id)
    hook = webhooks.add(db, session_id, data.url, data.events, series=data.series)
    return {"id": hook.id, "url": hook.url, "events": hook.events, "secret": hook.secret}


@api.delete(API + "/webhooks/{hook_id}", status_code=204)
def delete_webhook(session_id: str, hook_id: RowId, db: SessionDep, who: Facilitator) -> Response:
    webhooks.remove(db, session_id, hook_id)
    return Response(status_code=204)


# Pages


def _page(request: Request, db: Any, settings: Any, session_id: str, **extra: Any) -> Response:
    session = sessions.get_session(db, session_id)
    rows = outbox.for_session(db, session_id)
    context = {
        "session": session,
        "mail_enabled": settings.mail_enabled,
        "rows": rows,
        "counts": outbox.counts(db, session_id),
        "executives": followup.executives(db, session_id),
        "hooks": webhooks.for_session(db, session_id),
        "notice": request.query_params.get("notice", ""),
        "errors": {},
        "values": {},
        **extra,
    }
    return render(request, "messages.html", context, block="messages")


def _back(session_id: str, notice: str) -> Response:
    from urllib.parse import quote

    return RedirectResponse(PAGE.format(session_id=session_id) + f"?notice={quote(notice)}", 303)


@router.get(PAGE, include_in_schema=False)
def messages_page(
    session_id: str, request: Request, db: SessionDep, settings: SettingsDep, who: Facilitator
) -> Response:
    return _page(request, db, settings, session_id)


@router.post(PAGE + "/invite", include_in_schema=False)
def invite_form(
    session_id: str,
    request: Request,
    db: SessionDep,
    settings: SettingsDep,
    who: Facilitator,
    again: Annotated[str, Form()] = "",
) -> Response:
    if not settings.mail_enabled:
        return _back(session_id, "E-mail is off, so nothing was sent.")
    queued = messages.queue_invitations(db, session_id, resend=again == "1")
    db.commit()
    _wake(request)
    return _back(session_id, f"{queued} invitation(s) queued.")


@router.post(PAGE + "/{message_id}/retry", include_in_schema=False)
def retry_form(
    session_id: str, message_id: RowId, request: Request, db: SessionDep, who: Facilitator
) -> Response:
    row = _retry(request, db, session_id, message_id)
    return _back(session_id, f"Message to {row.recipient} queued again.")


@router.post(PAGE + "/executives", include_in_schema=False)
def executives_form(
    session_id: str,
    request: Request,
    db: SessionDep,
    settings: SettingsDep,
    who: Facilitator,
    emails: Annotated[str, Form()] = "",
) -> Response:
    found = [e.strip() for e in emails.replace(",", "\n").splitlines() if e.strip()]
    for number, email in enumerate(found, 1):
        try:
            _EMAIL.validate_python(email)
        except ValidationError:
            error = f"Line {number}: {email!r} is not an e-mail address."
            return _page(
                request,
                db,
                settings,
                session_id,
                errors={"emails": error},
                values={"emails": emails},
            )
    followup.set_executives(db, session_id, found)
    db.commit()
    return _back(session_id, "Summary recipients saved.")


@router.get("/mail/opt-out", include_in_schema=False)
def opt_out_page(request: Request, address: str = "", token: str = "") -> Response:
    """Confirm opting out (a GET changes nothing: mail scanners follow links)."""
    keys = request.app.state.link_keys
    valid = bool(address) and hmac.compare_digest(opt_out_token(keys.secret_key, address), token)
    context = {"address": address, "token": token, "valid": valid, "done": False}
    return render(request, "mail_opt_out.html", context, status_code=200 if valid else 400)


@router.post("/mail/opt-out", include_in_schema=False)
def opt_out_confirm(
    request: Request,
    db: SessionDep,
    keys: KeysDep,
    address: Annotated[str, Form()] = "",
    token: Annotated[str, Form()] = "",
) -> Response:
    valid = bool(address) and hmac.compare_digest(opt_out_token(keys.secret_key, address), token)
    if valid:
        recipients.opt_out(db, address)
        db.commit()
    context = {"address": address, "token": token, "valid": valid, "done": valid}
    return render(request, "mail_opt_out.html", context, status_code=200 if valid else 400)
