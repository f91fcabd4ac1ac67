"""The executive summary as Markdown (for email or a wiki) and as CSV tables, from one Summary.

Every user-written text is escaped so it shows literally: no stray emphasis, links, HTML, table
breaks or headings. CSV cells that a spreadsheet would run as a formula are defused too.
"""

from __future__ import annotations

import re

from app.domain.csv_cells import defuse
from app.domain.summary.model import (
    IMPACT_WEIGHTS,
    ActionLine,
    FollowThrough,
    ItemLine,
    Summary,
)

# Characters with a meaning anywhere in a line (CommonMark + GFM tables and strikethrough;
# "#" because a trailing run of them would vanish from a heading).
_INLINE = re.compile(r"([\\`*_\[\]<>|~&#])")
# Characters that only mean something where a line (or list item) starts.
_LINE_START = re.compile(r"^([+\-=]|\d+(?=[.)]))")


def escape_markdown(text: str) -> str:
    """``text`` on one line, shown literally wherever Markdown puts it (cell, list item)."""
    flat = " ".join(text.split())
    escaped = _INLINE.sub(r"\\\1", flat)
    match = _LINE_START.match(escaped)
    if match is None:
        return escaped
    if match.group(1).isdigit():
        end = match.end()
        return escaped[:end] + "\\" + escaped[end:]
    return "\\" + escaped


def summary_to_markdown(summary: Summary) -> str:
    """The whole summary as GitHub-flavoured Markdown, ending with one newline."""
    parts = [
        f"# Executive summary: {escape_markdown(summary.title)}",
        f"As of {summary.as_of.isoformat()}.",
        _headline(summary),
        _frictions(summary),
        _dependencies(summary),
        _pressing(summary),
        _by_goal(summary),
        _actions(summary),
        _preparation(summary),
    ]
    if summary.follow_through is not None:
        parts.append(_follow_through(summary.follow_through))
    return "\n\n".join(parts) + "\n"


def _table(header: list[str], align: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _headline(summary: Summary) -> str:
    rows = [[f.label, f.value, escape_markdown(f.definition)] for f in summary.figures]
    table = _table(["Figure", "Value", "Definition"], ["---", "---:", "---"], rows)
    return "## Headline figures\n\n" + table


def _frictions(summary: Summary) -> str:
    head = "## Biggest cross-team frictions"
    if not summary.frictions:
        return head + "\n\n_No cross-team items._"
    lines = []
    for f in summary.frictions:
        items = "1 item" if f.items == 1 else f"{f.items} items"
        votes = "1 vote" if f.votes == 1 else f"{f.votes} votes"
        what = "; ".join(escape_markdown(t) for t in f.texts)
        lines.append(
            f"- **{escape_markdown(f.source)} → {escape_markdown(f.target)}**"
            f" ({items}, impact weight {f.weight}, {votes}): {what}"
        )
    return head + "\n\n" + "\n".join(lines)


def _dependencies(summary: Summary) -> str:
    weights = ", ".join(f"{impact} {weight}" for impact, weight in IMPACT_WEIGHTS.items())
    head = f"## Dependencies\n\nImpact weight per item: {weights}."
    if not summary.edges:
        return head + "\n\n_No cross-team items._"
    rows = [
        [escape_markdown(e.source), escape_markdown(e.target), str(e.items), str(e.weight)]
        for e in summary.edges
    ]
    header = ["From", "Pushes downstream onto", "Items", "Impact weight"]
    return head + "\n\n" + _table(header, ["---", "---", "---:", "---:"], rows)


def _pressing(summary: Summary) -> str:
    head = (
        '## Most pressing issues\n\nThe agendas\' "most pressing issue" (topic 2), ranked by'
        " how many departments raised it, then by votes on their board items that say the same."
    )
    if not summary.pressing:
        return head + "\n\n_None raised._"
    rows = []
    for p in summary.pressing:
        issue = escape_markdown(p.text)
        if p.ask:
            issue += f" (ask: {escape_markdown(p.ask)})"
        departments = ", ".join(escape_markdown(d) for d in p.departments or (p.department,))
        rows.append([str(p.rank), departments, issue, p.kind, str(p.votes)])
    header = ["#", "Departments", "Issue", "Source", "Votes"]
    return head + "\n\n" + _table(header, ["---:", "---", "---", "---", "---:"], rows)


def _item_bullet(item: ItemLine) -> str:
    targets = ", ".join(escape_markdown(t) for t in item.to_teams) or "—"
    votes = "1 vote" if item.votes == 1 else f"{item.votes} votes"
    return (
        f"- **{escape_markdown(item.from_team)} → {targets}**"
        f" ({item.impact}, {votes}, source: {item.origin}): " + escape_markdown(item.text)
    )


def _bullets(items: tuple[ItemLine, ...]) -> str:
    return "\n".join(_item_bullet(i) for i in items) if items else "_No items._"


def _by_goal(summary: Summary) -> str:
    sections = ["## Butterfly items by company goal"]
    for group in summary.goals:
        sections.append(f"### {escape_markdown(group.goal)}\n\n{_bullets(group.items)}")
    sections.append(f"### Aligned to no goal\n\n{_bullets(summary.unaligned)}")
    return "\n\n".join(sections)


def _due(line: ActionLine) -> str:
    return line.due.isoformat() if line.due else "—"


def _status(line: ActionLine) -> str:
    status = str(line.status).replace("_", " ")
    if line.blocked_reason:
        status += f": {escape_markdown(line.blocked_reason)}"
    return status


def _actions(summary: Summary) -> str:
    head = "## Action items"
    if not summary.actions:
        return head + "\n\n_None agreed._"
    rows = [
        [
            escape_markdown(a.owner) or "unassigned",
            escape_markdown(a.department) or "—",
            escape_markdown(a.what),
            _due(a),
            _status(a),
            "yes" if a.overdue else "no",
        ]
        for a in summary.actions
    ]
    header = ["Who", "Department", "What", "Due", "Status", "Overdue"]
    return head + "\n\n" + _table(header, ["---"] * 6, rows)


PREPARATION_NOTE = (
    "A meeting is counted once per person: each side prepares and agrees on their own."
    " Prep cards and private follow-ups stay private; only the counts show here."
)


def _preparation(summary: Summary) -> str:
    head = "## Preparation and agreed next steps\n\n" + PREPARATION_NOTE
    if not summary.preparation:
        return head + "\n\n_No rotation plan yet._"
    rows = [
        [str(r.round), f"{r.meetings_prepared} of {r.meetings_planned}", str(r.agreed_next_steps)]
        for r in summary.preparation
    ]
    header = ["Round", "Meetings prepared", "Agreed next steps"]
    return head + "\n\n" + _table(header, ["---:", "---:", "---:"], rows)


def _action_bullets(lines: tuple[ActionLine, ...]) -> str:
    if not lines:
        return "_None._"
    return "\n".join(
        f"- **{escape_markdown(a.owner) or 'unassigned'}**: {escape_markdown(a.what)}"
        f" (due {_due(a)}, {_status(a)})"
        for a in lines
    )


def _follow_through(follow: FollowThrough) -> str:
    counts = (
        f"Done: {len(follow.done)} · Still open: {len(follow.still_open)}"
        f" · Overdue: {len(follow.overdue)} · Recurring items: {len(follow.recurring)}"
    )
    recurring = "\n".join(
        f"- {escape_markdown(r.text)} ("
        + ", ".join(f"{escape_markdown(s)} → {escape_markdown(t)}" for s, t in r.pairs)
        + f"); last time: {escape_markdown(r.previous_text)}"
        for r in follow.recurring
    )
    sections = [
        f"## Follow-through since {escape_markdown(follow.previous_title)}\n\n{counts}",
        f"### Done\n\n{_action_bullets(follow.done)}",
        f"### Still open\n\n{_action_bullets(follow.still_open)}",
        f"### Overdue\n\n{_action_bullets(follow.overdue)}",
        f"### Recurring items\n\n{recurring or '_None._'}",
    ]
    for label, changes in (("rose", follow.friction_rose), ("fell", follow.friction_fell)):
        lines = "\n".join(
            f"- {escape_markdown(c.source)} → {escape_markdown(c.target)}:"
            f" {c.before} → {c.after} ({c.delta:+d})"
            for c in changes
        )
        sections.append(f"### Friction {label}\n\n{lines or '_None._'}")
    return "\n\n".join(sections)


_cell = defuse


def summary_to_csv_rows(summary: Summary) -> dict[str, list[list[str]]]:
    """CSV tables ``figures``, ``items``, ``action_items`` and ``preparation``, each a header
    row then data."""
    figures = [["figure", "label", "value", "count", "definition"]]
    figures += [[f.key, f.label, f.value, str(f.count), f.definition] for f in summary.figures]
    items = [["id", "from_team", "to_teams", "text", "impact", "weight", "votes", "goal", "origin"]]
    items += [
        [
            str(i.id),
            _cell(i.from_team),
            _cell("; ".join(i.to_teams)),
            _cell(i.text),
            str(i.impact),
            str(i.weight),
            str(i.votes),
            _cell(i.goal or ""),
            _cell(i.origin),
        ]
        for i in summary.items
    ]
    actions = [
        [
            *("id", "owner", "department", "what", "due", "status", "overdue"),
            *("blocked_reason", "item_id", "item"),
        ]
    ]
    actions += [
        [
            str(a.id),
            _cell(a.owner),
            _cell(a.department),
            _cell(a.what),
            a.due.isoformat() if a.due else "",
            str(a.status),
            "yes" if a.overdue else "no",
            _cell(a.blocked_reason),
            "" if a.item_id is None else str(a.item_id),
            _cell(a.item_text),
        ]
        for a in summary.actions
    ]
    preparation = [["round", "meetings_planned", "meetings_prepared", "agreed_next_steps"]]
    preparation += [
        [str(r.round), str(r.meetings_planned), str(r.meetings_prepared), str(r.agreed_next_steps)]
        for r in summary.preparation
    ]
    return {"figures": figures, "items": items, "action_items": actions, "preparation": preparation}
