"""JSON API: the rotation plan — generate, re-roll, swap, versions, export."""

from __future__ import annotations

import json

from fastapi import APIRouter, Request, status
from fastapi.responses import Response
from sqlmodel import Session

from app.services.links.schemas import Principal
from app.services.live import service as live
from app.services.plans import service as plans
from app.services.plans.bounds import check_rounds
from app.services.plans.schemas import (
    PlanGroupPublic,
    PlanPublic,
    PlanRoundPublic,
    PlanSettings,
    SwapInput,
)
from app.services.sessions import service as sessions
from app.store import repo
from app.store.models import PlanVersion
from app.web.deps import AnyRole, Facilitator, SessionDep
from app.web.live_hub import publish_from_thread
from app.web.problems import API_ERRORS

router = APIRouter(
    prefix="/api/v1/sessions/{session_id}/plan", tags=["rotation plan"], responses=API_ERRORS
)


def names_of(db: Session, session_id: str) -> dict[str, tuple[str, str]]:
    return {str(p.id): (p.name, p.department) for p in repo.list_participants(db, session_id)}


def plan_public(db: Session, plan: PlanVersion) -> PlanPublic:
    names = names_of(db, plan.session_id)

    def name(member: str) -> str:
        return names.get(member, ("(removed)", ""))[0]

    rounds = [
        PlanRoundPublic(
            number=r["number"],
            groups=[
                PlanGroupPublic(
                    table=g["table"],
                    members=[int(m) for m in g["members"]],
                    names=[name(m) for m in g["members"]],
                )
                for g in r["groups"]
            ],
            sitting_out=[int(m) for m in r["sitting_out"]],
        )
        for r in plan.rounds
    ]
    return PlanPublic(
        version=plan.version,
        reason=plan.reason,
        author=plan.author,
        created_at=plan.created_at,
        settings=PlanSettings.model_validate(plan.settings),
        rounds=rounds,
        figures=plan.figures,
    )


def announce(request: Request, db: Session, plan: PlanVersion) -> PlanPublic:
    """Tell open live views the plan changed, and answer with it."""
    publish_from_thread(request, [live.plan_changed(db, plan.session_id, plan.version)])
    return plan_public(db, plan)


def author(who: Principal) -> str:
    return who.role


@router.get("")
def read_plan(session_id: str, db: SessionDep, who: AnyRole) -> PlanPublic:
    """The plan in force: every round, who sits at which table with whom, and its figures."""
    return plan_public(db, plans.require_plan(db, session_id))


@router.post("", status_code=status.HTTP_201_CREATED)
def generate_plan(
    session_id: str, data: PlanSettings, request: Request, db: SessionDep, who: Facilitator
) -> PlanPublic:
    """Plan the rotations (a new version; before the session goes live).

    Rounds, asked for or fitted into a time box, stop where everyone has met everyone (the
    plan page's bound): more is refused with a field error naming the bound and the reason.
    """
    show = sessions.get_session(db, session_id).show_config
    check_rounds(data, repo.list_participants(db, session_id), show)
    return announce(request, db, plans.generate(db, session_id, data, author=author(who)))


@router.post("/reroll", status_code=status.HTTP_201_CREATED)
def reroll_plan(session_id: str, request: Request, db: SessionDep, who: Facilitator) -> PlanPublic:
    """The same settings with the next seed."""
    return announce(request, db, plans.reroll(db, session_id, author=author(who)))


@router.post("/swap", status_code=status.HTTP_201_CREATED)
def swap_people(
    session_id: str, data: SwapInput, request: Request, db: SessionDep, who: Facilitator
) -> PlanPublic:
    """Swap two people in one round; the new figures show the effect."""
    played = plans.played_rounds(db, session_id)
    version = plans.swap(
        db, session_id, data.round, data.a, data.b, author=author(who), played=played
    )
    return announce(request, db, version)


@router.get("/versions")
def plan_versions(session_id: str, db: SessionDep, who: Facilitator) -> list[PlanPublic]:
    """Every version of the plan, newest first."""
    return [plan_public(db, v) for v in plans.versions(db, session_id)]


@router.get("/export.csv", response_class=Response, responses={200: {"content": {"text/csv": {}}}})
def export_csv(session_id: str, db: SessionDep, who: Facilitator) -> Response:
    """The plan as CSV: one line per person per round."""
    plan = plans.require_plan(db, session_id)
    body = plans.export_csv(plan, names_of(db, session_id))
    return Response(
        body,
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="plan-{session_id}-v{plan.version}.csv"'
        },
    )


@router.get(
    "/export.json", response_class=Response, responses={200: {"content": {"application/json": {}}}}
)
def export_json(session_id: str, db: SessionDep, who: Facilitator) -> Response:
    """The plan as a JSON download (same shape as ``GET …/plan``)."""
    plan = plans.require_plan(db, session_id)
    body = json.dumps(plan_public(db, plan).model_dump(mode="json"), indent=2)
    return Response(
        body,
        media_type="application/json",
        headers={
            "Content-Disposition": f'attachment; filename="plan-{session_id}-v{plan.version}.json"'
        },
    )
