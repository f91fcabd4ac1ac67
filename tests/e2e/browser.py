"""Browser settings and small page helpers shared by the end-to-end tests."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

from tests.e2e.server import REPO_ROOT

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP: dict[str, Any] = {"viewport": {"width": 1280, "height": 800}}
PHONE: dict[str, Any] = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
SCREENSHOTS = REPO_ROOT / "artifacts" / "screenshots"

_shot_counts: dict[str, int] = {}


def current_test_name() -> str:
    """The running test as a file-name-safe string (from ``PYTEST_CURRENT_TEST``)."""
    current = os.environ.get("PYTEST_CURRENT_TEST", "outside-a-test").split(" ")[0]
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", current.split("::", 1)[-1]).strip("_")


def shot(page: Page, name: str, *, full_page: bool = True) -> Path:
    """Save a screenshot as ``artifacts/screenshots/<test>/<NN>-<name>.png``: the full page, or
    with ``full_page=False`` what the viewport shows (a modal dialog, a phone's first screen)."""
    test = current_test_name()
    _shot_counts[test] = _shot_counts.get(test, 0) + 1
    path = SCREENSHOTS / test / f"{_shot_counts[test]:02d}-{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    # caret="hide" (the default) leaves style="" on every input, which htmx then copies during
    # its settle step, tripping the app's CSP (style-src 'self'): keep the page untouched.
    page.screenshot(path=path, full_page=full_page, caret="initial")
    return path


def overflows_horizontally(page: Page) -> dict[str, Any] | None:
    """When the page is wider than the device: the widths and the elements that widen it.

    On a mobile viewport Chromium zooms a too-wide page out to fit, which inflates
    ``window.innerWidth`` to the page's width; so compare with the device width instead.
    An element inside a horizontally scrolling box only widens the page when it escapes that
    box, e.g. an absolutely positioned one whose containing block lies outside it.
    """
    viewport = page.viewport_size
    assert viewport is not None
    result: dict[str, Any] | None = page.evaluate(
        """(device) => {
          const scrollWidth = document.documentElement.scrollWidth;
          if (scrollWidth <= device && window.innerWidth <= device) return null;
          const clipped = el => {
            let needsPositioned = ['absolute', 'fixed'].includes(getComputedStyle(el).position);
            for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
              const style = getComputedStyle(a);
              if (needsPositioned && style.position !== 'static') needsPositioned = false;
              if (!needsPositioned && style.overflowX !== 'visible') return true;
            }
            return false;
          };
          const describe = el => {
            const classes = typeof el.className === 'string' && el.className.trim()
              ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
            const text = (el.textContent || '').trim().slice(0, 40);
            const right = Math.round(el.getBoundingClientRect().right);
            return `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${classes} `
              + `right=${right} "${text}"`;
          };
          const culprits = [...document.body.querySelectorAll('*')]
            .filter(el => el.getBoundingClientRect().right > device + 0.5 && !clipped(el))
            .map(describe)
            .slice(0, 10);
          return {device, innerWidth: window.innerWidth, scrollWidth, culprits};
        }""",
        viewport["width"],
    )
    return result
