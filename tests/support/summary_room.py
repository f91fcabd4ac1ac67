"""A session worth summarising, built through the API like a real client (in-process or live).

Four department heads (three submitted agendas, three marked present by the facilitator; Tom
Becker never opens the live view, so he is not counted present), a three-round plan, the
session started (so the board is seeded from the agendas' butterfly-effect issues) and in
round 1, live captures with votes, one removed and one merged item, and three action items due
in 2099 — pick ``TODAY`` to make the first one overdue without waiting for the calendar.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import httpx

# Golden files (tests/golden/summary/, docs/summary.schema.json) are rewritten, not compared,
# when this is set: ROUNDTABLE_REGENERATE_GOLDEN=1 pytest tests/web/test_summary*.py
REGENERATE = os.environ.get("ROUNDTABLE_REGENERATE_GOLDEN") == "1"
TODAY = date(2099, 2, 1)  # the first action item (due 2099-01-15) is overdue by then
TITLE = "Q1 leadership speed-dating"
GOALS = ("Cut onboarding time in half", "Grow net revenue retention to 115%")
PEOPLE = (
    ("Dana Lee", "Finance"),
    ("Marcus Okafor", "Sales"),
    ("Aisha Khan", "Customer Success"),
    ("Tom Becker", "Engineering"),
)


@dataclass
class SummaryRoom:
    session_id: str
    facilitator: str  # raw tokens
    executive: str
    executive_url: str
    facilitator_url: str
    people: dict[str, int] = field(default_factory=dict)  # name -> participant id
    tokens: dict[str, str] = field(default_factory=dict)  # name -> raw token
    goals: list[int] = field(default_factory=list)
    items: dict[str, str] = field(default_factory=dict)  # label -> board item id
    actions: list[str] = field(default_factory=list)


def key() -> str:
    return uuid.uuid4().hex


def _call(http: httpx.Client, method: str, path: str, token: str | None, body: Any) -> Any:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = http.request(method, path, json=body, headers=headers)
    assert response.status_code < 300, f"{method} {path}: {response.status_code} {response.text}"
    return response.json()


def _agenda(goal_id: int, department: str, targets: list[str]) -> dict[str, Any]:
    return {
        "what_we_do": f"{department} keeps its part of the customer journey running.",
        "pressing_issue": f"{department} loses a day a week to missing hand-over details.",
        "pressing_ask": "Agree one checklist for hand-overs between our teams.",
        "pressing_goal_id": goal_id,
        "butterfly_issue": f"Late hand-overs from {department} make the next team redo work.",
        "butterfly_targets": targets,
        "butterfly_cost": "About 20 hours a month of rework.",
        "butterfly_next_step": "Trial the checklist for one month.",
        "butterfly_no_goal": True,
    }


def build_summary_room(http: httpx.Client, starts_at: str = "2099-01-14T09:00:00") -> SummaryRoom:
    """Make the session described in the module docstring; returns its ids and tokens."""
    created = _call(
        http,
        "POST",
        "/api/v1/sessions",
        None,
        {
            "title": TITLE,
            "starts_at": starts_at,
            "timezone": "Europe/Berlin",
            "goals": list(GOALS),
        },
    )
    room = SummaryRoom(
        session_id=created["session"]["id"],
        facilitator=created["facilitator_url"].rsplit("/l/", 1)[1],
        executive=created["executive_url"].rsplit("/l/", 1)[1],
        executive_url=created["executive_url"],
        facilitator_url=created["facilitator_url"],
        goals=[g["id"] for g in created["session"]["goals"]],
    )
    base = f"/api/v1/sessions/{room.session_id}"
    for name, department in PEOPLE:
        email = name.lower().replace(" ", ".") + "@example.com"
        body = {"name": name, "email": email, "department": department, "title": "Head"}
        person = _call(http, "POST", f"{base}/participants", room.facilitator, body)
        link = {"role": "participant", "participant_id": person["id"]}
        url = _call(http, "POST", f"{base}/links", room.facilitator, link)["url"]
        room.people[name] = person["id"]
        room.tokens[name] = url.rsplit("/l/", 1)[1]
    agendas = {
        "Dana Lee": ("Finance", ["Sales"]),
        "Marcus Okafor": ("Sales", ["Finance", "Customer Success"]),
        "Aisha Khan": ("Customer Success", ["Engineering"]),
    }
    for name, (department, targets) in agendas.items():
        body = _agenda(room.goals[0], department, targets)
        _call(http, "POST", f"{base}/agendas/{room.people[name]}/submit", room.tokens[name], body)
    _call(http, "POST", f"{base}/plan", room.facilitator, {"rounds": 3})
    for name in ("Dana Lee", "Marcus Okafor", "Aisha Khan"):  # Tom Becker is never seen
        path = f"{base}/live/attendance/{room.people[name]}"
        _call(http, "POST", path, room.facilitator, {"status": "arrived"})
    for kind in ("start", "skip"):  # past the welcome: round 1 has begun
        _call(http, "POST", f"{base}/live/controls", room.facilitator, {"id": key(), "kind": kind})
    _capture_items(http, base, room)
    _make_actions(http, base, room)
    return room


def _capture_items(http: httpx.Client, base: str, room: SummaryRoom) -> None:
    captures = [
        ("invoices", "Marcus Okafor", "Sales", ["Finance"], "critical", 0,
         "Deals close without billing contacts, so invoices bounce."),
        ("handover", "Aisha Khan", "Customer Success", ["Engineering", "Sales"], "high", 1,
         "Escalations reach engineering without logs, so fixes take a week longer."),
        ("forecast", "Dana Lee", "Finance", ["Sales"], "medium", None,
         "Forecasts change after the board pack is printed, so numbers disagree."),
        ("duplicate", "Tom Becker", "Engineering", ["Customer Success"], "low", 1,
         "Release notes arrive after customers have already noticed the change."),
        ("removed", "Tom Becker", "Engineering", ["Finance"], "low", None,
         "A test item that its author removes again before the summary."),
        ("merged", "Dana Lee", "Sales", ["Finance"], "high", 0,
         "Sales closes deals with no billing contact on file, invoices bounce."),
    ]  # fmt: skip
    for label, author, source, targets, impact, goal, text in captures:
        body: dict[str, Any] = {
            "id": key(),
            "from_team": source,
            "to_teams": targets,
            "what_happens": text,
            "impact": impact,
        }
        if goal is None:
            body["no_goal"] = True
        else:
            body["goal_id"] = room.goals[goal]
        _call(http, "POST", f"{base}/board/items", room.tokens[author], body)
        room.items[label] = body["id"]
    votes = {"invoices": ["Dana Lee", "Aisha Khan"], "handover": ["Tom Becker"]}
    for label, voters in votes.items():
        for voter in voters:
            path = f"{base}/board/items/{room.items[label]}/vote"
            _call(http, "POST", path, room.tokens[voter], {"id": key()})
    removed = f"{base}/board/items/{room.items['removed']}/remove"
    _call(http, "POST", removed, room.tokens["Tom Becker"], {"id": key()})
    merge = {"id": key(), "source_id": room.items["merged"]}
    _call(
        http, "POST", f"{base}/board/items/{room.items['invoices']}/merge", room.facilitator, merge
    )


def _make_actions(http: httpx.Client, base: str, room: SummaryRoom) -> None:
    actions = [  # label, owner, what, due
        ("invoices", "Marcus Okafor", "Add a required billing contact field to deals",
         "2099-01-15"),
        ("handover", "Tom Becker", "Attach logs to every escalation template", "2099-03-01"),
        ("forecast", "Dana Lee", "Freeze the forecast before the board pack", "2099-06-30"),
    ]  # fmt: skip
    for label, owner, what, due in actions:
        action_id = key()
        body = {"id": action_id, "owner": room.people[owner], "what": what, "due": due}
        _call(
            http, "POST", f"{base}/board/items/{room.items[label]}/action", room.facilitator, body
        )
        room.actions.append(action_id)
