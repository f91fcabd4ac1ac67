"""Accessibility checks in the browser: axe-core's WCAG rules and the names controls announce."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from playwright.sync_api import Page

from tests.e2e.server import REPO_ROOT

AXE_SCRIPT = REPO_ROOT / "static" / "vendor" / "axe-core" / "axe.min.js"
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")
BLOCKING_IMPACTS = frozenset({"serious", "critical"})
FORM_CONTROLS = "input:not([type=hidden]), textarea, select, button"


@cache
def _axe_source() -> str:
    return AXE_SCRIPT.read_text(encoding="utf-8")


def inject_axe(page: Page) -> None:
    """Load axe-core into the page unless it is already there.

    ``page.add_script_tag(path=…)`` would insert an inline <script>, which the app's CSP
    (``script-src 'self'``) rightly blocks; evaluating the same file over the DevTools protocol
    is not subject to the page's CSP, so the check runs against the page exactly as users get it.
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_axe_source())


def axe_violations(page: Page, tags: tuple[str, ...] = WCAG_TAGS) -> list[dict[str, Any]]:
    """Every axe-core violation of the WCAG 2.0/2.1/2.2 A and AA rules on the current page."""
    inject_axe(page)
    violations: list[dict[str, Any]] = page.evaluate(
        """async (tags) => {
          const result = await window.axe.run(document, {
            runOnly: {type: 'tag', values: tags},
            resultTypes: ['violations'],
          });
          return result.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
            nodes: v.nodes.map(n => ({target: n.target, html: n.html, summary: n.failureSummary})),
          }));
        }""",
        list(tags),
    )
    return violations


def describe_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']}")
        lines.append(f"    {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"    at {' '.join(map(str, node['target']))}: {node['html'][:200]}")
    return "\n".join(lines)


def assert_accessible(page: Page, what: str = "") -> None:
    """Fail when axe-core finds a serious or critical WCAG A/AA violation on the page."""
    blocking = [v for v in axe_violations(page) if v["impact"] in BLOCKING_IMPACTS]
    if blocking:
        report = describe_violations(blocking)
        print(f"axe-core violations on {what or page.url}:\n{report}")
        raise AssertionError(
            f"{len(blocking)} serious/critical accessibility violation(s) on "
            f"{what or page.url}:\n{report}"
        )


@dataclass(frozen=True)
class Control:
    """A form control as assistive technology announces it (Chromium's accessibility tree)."""

    tag: str
    attributes: dict[str, str]
    role: str
    name: str

    def __str__(self) -> str:
        shown = " ".join(
            f'{key}="{value}"'
            for key, value in self.attributes.items()
            if key in ("id", "name", "type", "class")
        )
        return f"<{self.tag} {shown}> role={self.role} name={self.name!r}"


def form_controls(page: Page, selector: str = FORM_CONTROLS) -> list[Control]:
    """The page's form controls with the accessible name Chromium computed for each."""
    cdp = page.context.new_cdp_session(page)
    try:
        root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        node_ids = cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": selector})
        controls = []
        for node_id in node_ids["nodeIds"]:
            dom = cdp.send("DOM.describeNode", {"nodeId": node_id})["node"]
            flat = dom.get("attributes", [])
            attributes = dict(zip(flat[::2], flat[1::2], strict=True))
            tree = cdp.send(
                "Accessibility.getPartialAXTree", {"nodeId": node_id, "fetchRelatives": False}
            )
            node = next(
                n for n in tree["nodes"] if n.get("backendDOMNodeId") == dom["backendNodeId"]
            )
            controls.append(
                Control(
                    tag=dom["localName"],
                    attributes=attributes,
                    role=str(node.get("role", {}).get("value", "")),
                    name=str(node.get("name", {}).get("value", "")).strip(),
                )
            )
        return controls
    finally:
        cdp.detach()
