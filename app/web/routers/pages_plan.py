"""The facilitator's rotation plan page: settings, figures, rounds, swaps, table cards."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import ValidationError
from sqlmodel import Session

from app.domain.errors import DomainError, FieldError, Invalid
from app.services.clock import log as clock_log
from app.services.live import service as live
from app.services.plans import service as plans
from app.services.sessions import service as sessions
from app.store import repo
from app.store.models import Participant, PlanVersion
from app.web import qr
from app.web.deps import Facilitator, FormDep, SessionDep, public_base
from app.web.forms import error_map, render, see_other, validation_field_errors
from app.web.live_hub import publish_from_thread
from app.web.plan_form import FORM_FIELDS, check_time_box, parse_settings, rounds_bounds

router = APIRouter(prefix="/s/{session_id}/facilitate/plan")

NOTICES = {
    "generated": "New plan generated.",
    "rerolled": "Plan re-rolled with the next seed.",
    "swapped": "Swap done; its effect on the figures is shown below.",
    "show": "Run of show saved.",
    "restored": "Earlier version restored as the current plan.",
    "undone": "Swap undone: the plan is as it was before it.",
}

# Where each error of the page links to from the summary at the top, and its label.
ERROR_FIELDS = {
    "group_size": ("plan-group_size", "Who meets"),
    "rounds": ("plan-rounds", "Rounds"),
    "time_box_minutes": ("plan-time_box_minutes", "Time box in minutes"),
    "seed": ("plan-seed", "Seed"),
    "tables": ("plan-tables", "Table or room names"),
    "must_meet": ("plan-must_meet", "Pairs who must meet"),
    "must_not_meet": ("plan-must_not_meet", "Pairs who must not meet"),
    "same_department": ("plan-same_department", "Same-department meetings"),
    "swap": ("swap-round", "Swap two people"),
    "show": ("show-topic_1", "Run of show"),
}


def plan_view(plan: PlanVersion | None, people: dict[str, Participant]) -> list[dict[str, Any]]:
    """Rounds with names for the template."""
    if plan is None:
        return []
    return [
        {
            "number": r["number"],
            "groups": [
                {"table": g["table"], "people": [people.get(m) for m in g["members"]]}
                for g in r["groups"]
            ],
            "sitting_out": [people.get(m) for m in r["sitting_out"]],
        }
        for r in plan.rounds
    ]


def context(db: Session, session_id: str) -> dict[str, Any]:
    people = {str(p.id): p for p in repo.list_participants(db, session_id)}
    plan = plans.current_plan(db, session_id)
    session = sessions.get_session(db, session_id)
    settings = plan.settings if plan else {"group_size": 2, "rounds": None, "seed": 0}
    return {
        "session": session,
        "people": people,
        "plan": plan,
        "rounds": plan_view(plan, people),
        "versions": plans.versions(db, session_id)[:10],
        "values": _settings_values(settings, people),
        "errors": {},
        "notice": None,
        "played": plans.played_rounds(db, session_id),
        "show": clock_log.run_of_show(db, session) if plan else (),
        "show_form": show_minutes(live.show_settings(session)),
        "error_fields": ERROR_FIELDS,
        **rounds_bounds(people, int(settings.get("group_size") or 2)),
    }


@router.get("")
def plan_page(session_id: str, request: Request, db: SessionDep, who: Facilitator) -> Response:
    ctx = context(db, session_id)
    ctx["notice"] = NOTICES.get(request.query_params.get("notice", ""))
    if request.query_params.get("notice") == "swapped" and len(ctx["versions"]) > 1:
        ctx["effect"] = quality_change(ctx["versions"][1].figures, ctx["versions"][0].figures)
    return render(request, "plan.html", ctx)


QUALITY = (
    ("pairs_covered", "Pairs who meet", True),
    ("linked_pairs_covered", "Dependency-linked pairs", True),
    ("repeats", "Repeat meetings", False),
    ("same_department_meetings", "Same-department meetings", False),
)


def quality_change(before: dict[str, Any], after: dict[str, Any]) -> list[dict[str, Any]]:
    """How a change moved each quality figure, and whether that is better or worse."""
    rows = []
    for key, label, more_is_better in QUALITY:
        old, new = int(before.get(key, 0)), int(after.get(key, 0))
        verdict = "same" if old == new else ("better" if (new > old) == more_is_better else "worse")
        rows.append({"label": label, "before": old, "after": new, "verdict": verdict})
    return rows


@router.get("/cards")
def table_cards(session_id: str, request: Request, db: SessionDep, who: Facilitator) -> Response:
    """Printable cards: one per table, listing who sits there in each round."""
    ctx = context(db, session_id)
    tables: dict[str, list[tuple[int, list[Any]]]] = {}
    for r in ctx["rounds"]:
        for g in r["groups"]:
            tables.setdefault(g["table"], []).append((r["number"], g["people"]))
    ctx["tables"] = sorted(tables.items(), key=lambda item: _natural(item[0]))
    url = qr.join_url(public_base(request), session_id)
    ctx["join"] = {"url": url, "short": qr.short_form(url), "svg": qr.qr_svg(url)}
    return render(request, "plan_cards.html", ctx)


@router.post("")
def generate(
    session_id: str, request: Request, form: FormDep, db: SessionDep, who: Facilitator
) -> Response:
    values = {k: str(form.get(k, "")) for k in FORM_FIELDS}
    people = {str(p.id): p for p in repo.list_participants(db, session_id)}
    try:
        settings = parse_settings(values, people)
        check_time_box(settings, people, sessions.get_session(db, session_id).show_config)
        version = plans.generate(db, session_id, settings, author="facilitator")
        publish_from_thread(request, [live.plan_changed(db, session_id, version.version)])
    except (ValidationError, DomainError) as error:
        ctx = context(db, session_id)
        ctx["values"] = values
        ctx["errors"] = _errors(error)
        return render(request, "plan.html", ctx, status_code=_status(error))
    return see_other(f"/s/{session_id}/facilitate/plan?notice=generated")


@router.post("/show")
def save_show(
    session_id: str, request: Request, form: FormDep, db: SessionDep, who: Facilitator
) -> Response:
    """Segment lengths (entered in minutes on the page, stored in seconds)."""
    names = (
        "topic_1",
        "topic_2",
        "topic_3",
        "welcome",
        "changeover",
        "break",
        "break_every",
        "wrapup",
    )
    raw = {name: str(form.get(name, "")).strip() for name in names}
    try:
        minutes = {k: float(v) for k, v in raw.items() if k != "break_every"}
        values = {
            "topic_seconds": [round(minutes[f"topic_{i}"] * 60) for i in (1, 2, 3)],
            "welcome_seconds": round(minutes["welcome"] * 60),
            "changeover_seconds": round(minutes["changeover"] * 60),
            "break_seconds": round(minutes["break"] * 60),
            "break_every": int(raw["break_every"] or 0),
            "wrapup_seconds": round(minutes["wrapup"] * 60),
        }
        live.update_show(db, session_id, values)
    except (ValueError, DomainError) as error:
        ctx = context(db, session_id)
        detail = error.detail if isinstance(error, DomainError) else "Enter numbers of minutes."
        problems = error.errors if isinstance(error, DomainError) else []
        ctx["errors"] = {"show": "; ".join(e.message for e in problems) or detail}
        ctx["show_form"] = raw
        return render(request, "plan.html", ctx, status_code=422)
    return see_other(f"/s/{session_id}/facilitate/plan?notice=show")


@router.post("/reroll")
def reroll(session_id: str, request: Request, db: SessionDep, who: Facilitator) -> Response:
    version = plans.reroll(db, session_id, author="facilitator")
    publish_from_thread(request, [live.plan_changed(db, session_id, version.version)])
    return see_other(f"/s/{session_id}/facilitate/plan?notice=rerolled")


@router.post("/restore")
def restore(
    session_id: str, request: Request, form: FormDep, db: SessionDep, who: Facilitator
) -> Response:
    """Make an earlier version current again (``undo=1``: undo the swap that made this one)."""
    raw = str(form.get("version", ""))
    undo = form.get("undo") == "1"
    try:
        if not raw.isdigit():
            raise Invalid("Choose a version.", [FieldError("form", "Choose a version to restore.")])
        current = plans.require_plan(db, session_id)
        reason = f"Undid: {current.reason}" if undo else ""
        version = plans.restore(
            db,
            session_id,
            int(raw),
            author="facilitator",
            played=plans.played_rounds(db, session_id),
            reason=reason,
        )
        publish_from_thread(request, [live.plan_changed(db, session_id, version.version)])
    except DomainError as error:
        ctx = context(db, session_id)
        ctx["errors"] = {"form": error.errors[0].message if error.errors else error.detail}
        return render(request, "plan.html", ctx, status_code=_status(error))
    notice = "undone" if undo else "restored"
    return see_other(f"/s/{session_id}/facilitate/plan?notice={notice}")


@router.post("/swap")
def swap(
    session_id: str, request: Request, form: FormDep, db: SessionDep, who: Facilitator
) -> Response:
    values = {k: str(form.get(k, "")) for k in ("round", "a", "b")}
    try:
        if not all(v.isdigit() for v in values.values()):
            raise Invalid(
                "Choose a round and two people.",
                [FieldError("swap", "Choose a round and two people.")],
            )
        version = plans.swap(
            db,
            session_id,
            int(values["round"]),
            int(values["a"]),
            int(values["b"]),
            author="facilitator",
            played=plans.played_rounds(db, session_id),
        )
        publish_from_thread(request, [live.plan_changed(db, session_id, version.version)])
    except DomainError as error:
        ctx = context(db, session_id)
        ctx["errors"] = {"swap": error.errors[0].message if error.errors else error.detail}
        ctx["swap_values"] = values
        return render(request, "plan.html", ctx, status_code=422)
    return see_other(f"/s/{session_id}/facilitate/plan?notice=swapped")


def show_minutes(settings: dict[str, Any]) -> dict[str, str]:
    """Run-of-show seconds as the minutes the form shows."""

    def minutes(seconds: int) -> str:
        return f"{seconds / 60:g}"

    topics = settings["topic_seconds"]
    return {
        **{f"topic_{i}": minutes(topics[i - 1]) for i in (1, 2, 3)},
        "welcome": minutes(settings["welcome_seconds"]),
        "changeover": minutes(settings["changeover_seconds"]),
        "break": minutes(settings["break_seconds"]),
        "break_every": str(settings["break_every"]),
        "wrapup": minutes(settings["wrapup_seconds"]),
    }


def _settings_values(settings: dict[str, Any], people: dict[str, Participant]) -> dict[str, str]:
    def names(pairs: list[Any]) -> str:
        return "\n".join(
            ", ".join(people[str(x)].name if str(x) in people else str(x) for x in pair)
            for pair in pairs
        )

    return {
        "group_size": str(settings.get("group_size", 2)),
        "rounds": str(settings.get("rounds") or ""),
        "time_box_minutes": str(settings.get("time_box_minutes") or ""),
        "mode": "time" if settings.get("time_box_minutes") else "rounds",
        "seed": str(settings.get("seed", 0)),
        "tables": "\n".join(settings.get("tables", [])),
        "must_meet": names(settings.get("must_meet", [])),
        "must_not_meet": names(settings.get("must_not_meet", [])),
        "same_department": settings.get("same_department", "hard"),
    }


def _errors(error: ValidationError | DomainError) -> dict[str, str]:
    if isinstance(error, ValidationError):
        return error_map(validation_field_errors(error))
    return error_map(error.errors) if error.errors else {"form": error.detail}


def _status(error: ValidationError | DomainError) -> int:
    return 409 if isinstance(error, DomainError) and not error.errors else 422


def _natural(name: str) -> tuple[str, int]:
    head = name.rstrip("0123456789")
    tail = name[len(head) :]
    return (head, int(tail) if tail else 0)
