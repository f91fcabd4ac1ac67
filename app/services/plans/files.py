"""The planner on files, for ``roundtable plan``: read people from CSV, write JSON, CSV or MD."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict

from app.domain.csv_cells import csv_text
from app.domain.errors import FieldError, Invalid
from app.domain.planner.rotations import Person, Plan

FORMATS = ("json", "csv", "md")


def people_from_csv(text: str) -> tuple[Person, ...]:
    """People from a CSV with ``name`` and ``department`` columns (others are ignored).

    Raises:
        Invalid: missing columns, or a blank or repeated name (line numbers given).
    """
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    columns = {(c or "").strip().casefold(): c for c in reader.fieldnames or []}
    if "name" not in columns:
        raise Invalid(
            "The CSV needs a 'name' column (and usually 'department').",
            [FieldError("file", "Missing column: name")],
        )
    errors: list[FieldError] = []
    people: list[Person] = []
    seen: set[str] = set()
    for row in reader:
        name = (row.get(columns["name"]) or "").strip()
        department = (row.get(columns.get("department", ""), "") or "").strip() or None
        line = reader.line_num
        if not name:
            errors.append(FieldError(f"line {line}", "The name is empty."))
        elif name.casefold() in seen:
            errors.append(FieldError(f"line {line}", f"{name} is listed twice."))
        else:
            seen.add(name.casefold())
            people.append(Person(name, department))
    if errors:
        raise Invalid(f"{len(errors)} line(s) of the CSV need fixing.", errors)
    return tuple(people)


def render_plan(plan: Plan, people: tuple[Person, ...], fmt: str) -> str:
    """The plan in one of ``FORMATS``; JSON carries the rounds and the figures."""
    departments = {p.id: p.department or "" for p in people}
    if fmt == "json":
        return json.dumps(
            {
                "rounds": [asdict(r) for r in plan.rounds],
                "figures": asdict(plan.figures),
                "seed": plan.seed,
                "group_size": plan.group_size,
            },
            indent=2,
        )
    if fmt == "csv":
        rows: list[list[object]] = [["round", "table", "name", "department", "meets"]]
        for r in plan.rounds:
            for g in r.groups:
                for member in g.members:
                    others = "; ".join(m for m in g.members if m != member)
                    rows.append([r.number, g.table, member, departments[member], others])
            for member in r.sitting_out:
                rows.append([r.number, "(sitting out)", member, departments[member], ""])
        return csv_text(rows)
    lines: list[str] = []
    for r in plan.rounds:
        lines += [f"## Round {r.number}", "", "| Table | Who |", "| --- | --- |"]
        lines += [f"| {g.table} | {' · '.join(g.members)} |" for g in r.groups]
        if r.sitting_out:
            lines.append(f"| (sitting out) | {', '.join(r.sitting_out)} |")
        lines.append("")
    f = plan.figures
    lines += [
        "## Figures",
        "",
        f"- Pairs who meet: {f.pairs_covered} / {f.pairs_possible} (bound {f.pairs_bound})",
        f"- Repeats: {f.repeats}; same-department meetings: {f.same_department_meetings}",
        *[f"- {note}" for note in f.notes],
    ]
    return "\n".join(lines) + "\n"
