"""The facilitator page's shared parts: what it shows, and how a form post answers."""

from __future__ import annotations

import hashlib
from collections import Counter
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from sqlmodel import Session

from app.services.agendas import service as agendas
from app.services.board import service as board_service
from app.services.links import service as links
from app.services.sessions import service as sessions
from app.store import repo
from app.store.types import utcnow
from app.web.forms import is_htmx, render, see_other

PAGE = "facilitate.html"


def overview_context(db: Session, session_id: str) -> dict[str, Any]:
    """What the facilitator page's agenda section shows."""
    views = agendas.overview(db, session_id)
    touched: Counter[str] = Counter()
    goal_text = {g.id: g.text for g in repo.list_goals(db, session_id)}
    for view in views:
        for topic in ("pressing", "butterfly"):
            goal = getattr(view.content, f"{topic}_goal_id")
            if goal in goal_text:
                touched[goal_text[goal]] += 1
            elif getattr(view.content, f"{topic}_no_goal"):
                touched["No goal fits"] += 1
    return {
        "tracker_mark": tracker_mark(views),
        "agenda_views": views,
        "status_counts": Counter(v.status.value for v in views),
        "goals_touched": touched.most_common(),
        "preview": agendas.preview(views),
        "reminders": [v.participant for v in views if not v.submitted],
        "reminder_text": ", ".join(
            f"{v.participant.name} <{v.participant.email}>" for v in views if not v.submitted
        ),
    }


def tracker_mark(views: list[agendas.AgendaView]) -> str:
    """A short fingerprint of every agenda's status and version: it changes when any does."""
    state = [(v.participant.id, v.status.value, v.version) for v in views]
    return hashlib.sha256(repr(state).encode()).hexdigest()[:16]


def page_context(db: Session, keys: links.LinkKeys, session_id: str) -> dict[str, Any]:
    """Everything the facilitator page shows."""
    session = sessions.get_session(db, session_id)
    people = repo.list_participants(db, session_id)
    active = repo.list_links(db, session_id, active_only=True)
    invite = {
        link.participant_id: (link, links.displayable_url(keys, link))
        for link in active
        if link.role == "participant"
    }
    role_links = {
        link.role: (link, links.displayable_url(keys, link))
        for link in active
        if link.role != "participant"
    }
    return {
        **overview_context(db, session_id),
        "session": session,
        "goals": repo.list_goals(db, session_id),
        "people": people,
        "departments": sorted({p.department for p in people}),
        "invite": invite,
        "role_links": role_links,
        "errors": {},
        "values": {},
        "report": None,
        "notice": None,
        "board": board_service.load(db, session_id),  # its moderation settings
        "now": utcnow(),
    }


def respond(
    request: Request,
    db: Session,
    keys: links.LinkKeys,
    session_id: str,
    section: str,
    *,
    errors: dict[str, str] | None = None,
    values: dict[str, str] | None = None,
    **extra: Any,
) -> Response:
    """After a form post: the section (htmx) or PRG redirect; the whole page when it failed."""
    if not errors and not is_htmx(request) and extra.get("report") is None:
        return see_other(f"/s/{session_id}/facilitate#{section}")
    context = page_context(db, keys, session_id)
    context.update(errors={section: errors or {}}, values={section: values or {}}, **extra)
    status = 422 if errors else 200
    return render(request, PAGE, context, block=section, status_code=status)
