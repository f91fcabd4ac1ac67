"""A played session with N departments (3 to 15), built through the API, for the summary's
layout at every size: long department names, items between many pairs, votes, action items,
agendas whose most pressing issues two departments share."""

from __future__ import annotations

from typing import Any

import httpx

from tests.support.summary_room import _call, key

DEPARTMENTS = [
    "Sales",
    "Finance",
    "Customer Success and Support Operations EMEA",
    "Engineering",
    "People & Culture",
    "Legal",
    "Product Management",
    "Marketing",
    "Procurement and Vendor Management",
    "IT",
    "Operations",
    "Data Platform",
    "Security",
    "Facilities",
    "Revenue Operations and Deal Desk Team",
]
IMPACTS = ["low", "medium", "high", "critical"]


def build_sized_room(http: httpx.Client, count: int) -> dict[str, Any]:
    """The session; returns its id, the executive link and the facilitator token."""
    created = _call(
        http,
        "POST",
        "/api/v1/sessions",
        None,
        {
            "title": f"Q3 leadership speed-dating, {count} departments",
            "starts_at": "2099-01-14T09:00:00",
            "timezone": "Europe/Berlin",
            "goals": ["Cut onboarding time in half"],
        },
    )
    sid = created["session"]["id"]
    facilitator = created["facilitator_url"].rsplit("/l/", 1)[1]
    goal = created["session"]["goals"][0]["id"]
    base = f"/api/v1/sessions/{sid}"
    tokens, people = [], []
    for n, department in enumerate(DEPARTMENTS[:count]):
        body = {"name": f"Head {n + 1}", "email": f"h{n}@example.com", "department": department}
        person = _call(http, "POST", f"{base}/participants", facilitator, body)
        link = {"role": "participant", "participant_id": person["id"]}
        tokens.append(
            _call(http, "POST", f"{base}/links", facilitator, link)["url"].rsplit("/l/", 1)[1]
        )
        people.append(person["id"])
    for n, pid in enumerate(people[:4]):
        shared = "Hand-overs between our teams lose the customer's history and context"
        agenda = {
            "what_we_do": f"{DEPARTMENTS[n]} keeps its part of the customer journey running.",
            "pressing_issue": shared if n < 2 else f"Planning for {DEPARTMENTS[n]} starts too late",
            "pressing_ask": "Agree one checklist for hand-overs.",
            "pressing_goal_id": goal,
            "butterfly_issue": f"Late requests from {DEPARTMENTS[n]} make the next team redo work.",
            "butterfly_targets": [DEPARTMENTS[(n + 1) % count]],
            "butterfly_cost": "About 20 hours a month of rework.",
            "butterfly_next_step": "Trial the checklist for one month.",
            "butterfly_no_goal": True,
        }
        _call(http, "POST", f"{base}/agendas/{pid}/submit", tokens[n], agenda)
    _call(http, "POST", f"{base}/plan", facilitator, {"rounds": 3})
    for pid in people[:-1]:  # the last department head never shows up
        _call(http, "POST", f"{base}/live/attendance/{pid}", facilitator, {"status": "arrived"})
    for kind in ("start", "skip"):
        _call(http, "POST", f"{base}/live/controls", facilitator, {"id": key(), "kind": kind})
    items = []
    for n in range(count):
        for step in (1, 3):
            target = DEPARTMENTS[(n + step) % count]
            if target == DEPARTMENTS[n]:
                continue
            body = {
                "id": key(),
                "from_team": DEPARTMENTS[n],
                "to_teams": [target],
                "what_happens": f"Requests from {DEPARTMENTS[n]} arrive without a due date, "
                f"so {target} re-plans its week ({step}).",
                "impact": IMPACTS[(n + step) % 4],
                "no_goal": True,
            }
            _call(http, "POST", f"{base}/board/items", tokens[n], body)
            items.append(body["id"])
    for voter in range(min(count, 4)):
        path = f"{base}/board/items/{items[0]}/vote"
        _call(http, "POST", path, tokens[voter], {"id": key()})
    for n, due in enumerate(["2099-01-20", "2099-03-01", "2099-06-30"]):
        body = {
            "id": key(),
            "owner": people[n],
            "what": f"Agree a hand-over checklist ({n + 1})",
            "due": due,
        }
        _call(http, "POST", f"{base}/board/items/{items[n]}/action", facilitator, body)
    return {
        "session_id": sid,
        "executive_url": created["executive_url"],
        "facilitator": facilitator,
        "executive": created["executive_url"].rsplit("/l/", 1)[1],
    }
