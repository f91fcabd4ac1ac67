"""Phones on conference Wi-Fi: Lighthouse's mobile preset on the three pages a room loads at once.

The participant's live page, their agenda page and the big screen of the demo session, served by
a real uvicorn, measured by Lighthouse (npm ``lighthouse``, pinned in package.json, installed into
node_modules by ``npm ci``) driving Debian's Chromium. The mobile preset simulates slow 4G
(150 ms RTT, 1.6 Mbit/s down) and a phone 4x slower than this machine's CPU. Goals, from issue
#24: performance score >= 95, LCP <= 2.0 s, a first visit <= 150 KB transferred, a repeat visit
<= 20 KB. The big screen keeps the preset's network, CPU and scoring but gets a projector's
1920x1080 viewport: it is shown by a laptop on the same Wi-Fi, never on a phone, and its text is
sized to fill one screen (on a phone's viewport every fitting step has one size, so it does not
shift there either: CLS 0.006 measured by hand, issue #24).

Robust, not lenient: the score and LCP are the median of three first visits, and of five when
the median of three misses (Lighthouse's CPU simulation scales the tasks it *observed*, so on a
contended 2-core machine one run can be slow for reasons that are not the page's). The
thresholds never move.

The repeat visit is measured, not computed: one more Lighthouse navigation in the same Chromium
right after a first visit, with storage reset off, so the HTTP cache holds what the first
visit's ``Cache-Control`` allowed and the browser decides what to fetch again, as a phone does.
Computing it from the first visit's ``Cache-Control`` headers would be our own reading of HTTP
caching rules; the browser's is the one that counts.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from sqlmodel import Session

from app.services.demo.service import DemoLinks, load_demo
from app.services.links.service import LinkKeys
from app.store.engine import make_engine
from tests.conftest import in_ci, require_chromium
from tests.e2e.browser import CHROMIUM
from tests.e2e.server import REPO_ROOT, LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.slow]

RUNNER = REPO_ROOT / "tests" / "e2e" / "lighthouse_run.mjs"
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)
MIN_SCORE = 95
MAX_LCP_MS = 2000
MAX_FIRST_VISIT_BYTES = 150 * 1024
MAX_REPEAT_VISIT_BYTES = 20 * 1024


def require_lighthouse() -> str:
    """The ``node`` to run Lighthouse with; skips (fails under CI=true) when either is missing."""
    node = shutil.which("node")
    if node is None:
        reason = "node is not installed (Debian package 'nodejs')"
    elif not (REPO_ROOT / "node_modules" / "lighthouse" / "package.json").exists():
        reason = "Lighthouse is not installed in node_modules (run `npm ci`)"
    else:
        return node
    if in_ci():
        pytest.fail(f"{reason}; CI=true requires the Lighthouse test to run.")
    pytest.skip(reason)


@dataclass(frozen=True)
class Target:
    """One page to measure: the link that signs the browser in, and the page behind it."""

    name: str
    link: str
    path: str
    viewport: dict[str, int] | None = None  # None: the mobile preset's phone screen


def targets(demo: DemoLinks) -> dict[str, Target]:
    participant = demo.participants[0][2]
    sid = demo.session_id
    return {
        "participant live page": Target("participant live page", participant, f"/s/{sid}/live"),
        "agenda page": Target("agenda page", participant, f"/s/{sid}/me"),
        "big screen": Target(
            "big screen", demo.executive, f"/s/{sid}/screen", {"width": 1920, "height": 1080}
        ),
    }


@pytest.fixture(scope="module")
def demo(module_server: LiveServer) -> DemoLinks:
    engine = make_engine(module_server.database_url)
    with Session(engine) as db:
        links = load_demo(db, LinkKeys(module_server.secret_key, module_server.base_url))
    engine.dispose()
    return links


def cookie_header(server: LiveServer, target: Target) -> str:
    """The cookies a browser holds once it opened ``target.link`` and then the page once.

    Lighthouse sends them with every request (``extraHeaders``), since it clears the origin's
    cookies before each first visit: the page is measured as its owner sees it, signed in.
    """
    with httpx.Client(base_url=server.base_url) as client:
        signed_in = client.get(target.link.removeprefix(server.base_url))
        assert signed_in.status_code == 303, signed_in.text
        response = client.get(target.path)
        response.raise_for_status()
        assert str(response.url).endswith(target.path), response.url  # not bounced elsewhere
        return "; ".join(f"{name}={value}" for name, value in client.cookies.items())


def lighthouse(
    node: str, url: str, cookie: str, runs: int, viewport: dict[str, int] | None
) -> dict[str, Any]:
    """``runs`` first visits and one repeat visit of ``url`` (see lighthouse_run.mjs)."""
    env = {**os.environ, "CHROME_PATH": str(CHROMIUM), "CHROME_FLAGS": CHROME_FLAGS}
    args = {"url": url, "cookie": cookie, "runs": runs, "viewport": viewport}
    done = subprocess.run(
        [node, str(RUNNER), json.dumps(args)],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120 * (runs + 1),
        check=False,
    )
    assert done.returncode == 0, f"Lighthouse failed:\n{done.stderr[-3000:]}"
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    for visit in [*report["first"], report["repeat"]]:
        assert visit["runtimeError"] is None, visit["runtimeError"]
        assert visit["finalUrl"] == url, f"redirected to {visit['finalUrl']}"
    return report


def verdict(first: list[dict[str, Any]], repeat: dict[str, Any]) -> dict[str, Any]:
    return {
        "score": statistics.median(v["score"] for v in first),
        "lcp_ms": statistics.median(v["lcpMs"] for v in first),
        "first_visit_bytes": statistics.median(v["bytes"] for v in first),
        "repeat_visit_bytes": repeat["bytes"],
    }


def misses(figures: dict[str, Any]) -> list[str]:
    found = []
    if figures["score"] < MIN_SCORE:
        found.append(f"score {figures['score']} < {MIN_SCORE}")
    if figures["lcp_ms"] > MAX_LCP_MS:
        found.append(f"LCP {figures['lcp_ms']:.0f} ms > {MAX_LCP_MS} ms")
    if figures["first_visit_bytes"] > MAX_FIRST_VISIT_BYTES:
        found.append(f"first visit {figures['first_visit_bytes']} B > {MAX_FIRST_VISIT_BYTES} B")
    if figures["repeat_visit_bytes"] > MAX_REPEAT_VISIT_BYTES:
        found.append(f"repeat visit {figures['repeat_visit_bytes']} B > {MAX_REPEAT_VISIT_BYTES} B")
    return found


def described(report: dict[str, Any]) -> str:
    lines = []
    for label, visits in (("first", report["first"]), ("repeat", [report["repeat"]])):
        for visit in visits:
            lines.append(
                f"{label}: score {visit['score']}, LCP {visit['lcpMs']:.0f} ms, "
                f"FCP {visit['fcpMs']:.0f} ms, TBT {visit['tbtMs']:.0f} ms, CLS {visit['cls']:.3f} "
                f"{visit['layoutShifts']}, "
                f"{visit['bytes']} B, benchmarkIndex {visit['benchmarkIndex']}, "
                f"render-blocking {visit['renderBlocking']}, LCP element {visit['lcpElement']}"
            )
    repeat = report["repeat"]["requests"]
    lines += [f"  repeat fetched {r['transferSize']:>6} B {r['url']}" for r in repeat]
    return "\n".join(lines)


@pytest.mark.parametrize(
    "page_name",
    ["participant live page", "agenda page", "big screen"],
)
def test_the_page_loads_fast_on_a_throttled_phone(
    page_name: str, live_server: LiveServer, demo: DemoLinks
) -> None:
    require_chromium()
    node = require_lighthouse()
    target = targets(demo)[page_name]
    cookie = cookie_header(live_server, target)
    url = live_server.url(target.path)

    report = lighthouse(node, url, cookie, 3, target.viewport)
    figures = verdict(report["first"], report["repeat"])
    if misses(figures):  # a median of five, never a lower bar
        more = lighthouse(node, url, cookie, 2, target.viewport)
        report["first"] += more["first"]
        figures = verdict(report["first"], report["repeat"])
    print(f"\n{page_name}: {figures}\n{described(report)}")  # shown with -s
    assert not misses(figures), f"{page_name}: {misses(figures)}\n{described(report)}"
