"""The executive's read-only view of a session."""

from __future__ import annotations

from collections import Counter

from fastapi import APIRouter, Request
from fastapi.responses import Response

from app.services import sessions
from app.store import repo
from app.web.deps import Reader, SessionDep
from app.web.forms import render

router = APIRouter(prefix="/s/{session_id}")


@router.get("/summary")
def summary(session_id: str, request: Request, db: SessionDep, who: Reader) -> Response:
    people = repo.list_participants(db, session_id)
    context = {
        "session": sessions.get_session(db, session_id),
        "goals": repo.list_goals(db, session_id),
        "by_department": sorted(Counter(p.department for p in people).items()),
        "count": len(people),
        "role": who.role,
    }
    return render(request, "summary.html", context)
