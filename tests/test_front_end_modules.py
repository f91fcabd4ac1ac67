"""The front end's modules: the pure ones pass their node tests (``tests/js/front_end.test.mjs``:
time formatting, the clock offset, reconnect backoff, resume seq, the board's state), every
relative import names a file that exists, and no module keeps a private copy of a shared helper."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path, PurePosixPath

import pytest

from app.assets import STATIC_DIR
from tests.support.node import run_node

HERE = Path(__file__).resolve().parent
IMPORT = re.compile(r'^(?:import|export) .*? from "([^"]+)";$', re.MULTILINE)
OURS = [p for p in STATIC_DIR.rglob("*.js") if "vendor" not in p.relative_to(STATIC_DIR).parts]


def test_the_pure_modules_pass_their_node_tests() -> None:
    printed = run_node(
        "--test",
        str(HERE / "js" / "front_end.test.mjs"),
        checks="the front end's modules",
        timeout=120,
        env={"RT_STATIC_DIR": str(STATIC_DIR)},
    )
    assert re.search(r"^# fail 0$", printed, re.MULTILINE), printed
    assert int(re.search(r"^# pass (\d+)$", printed, re.MULTILINE)[1]) >= 9  # type: ignore[index]


@pytest.mark.parametrize("path", OURS, ids=lambda p: str(p.relative_to(STATIC_DIR)))
def test_every_import_is_relative_and_names_a_module_that_exists(path: Path) -> None:
    """No build step: a browser resolves these exact strings against the module's own URL."""
    name = PurePosixPath(path.relative_to(STATIC_DIR).as_posix())
    for spec in IMPORT.findall(path.read_text(encoding="utf-8")):
        assert spec.startswith(("./", "../")), spec
        assert spec.endswith(".js"), spec
        target = posixpath.normpath(str(name.parent / spec))
        assert not target.startswith(".."), spec
        assert (STATIC_DIR / target).is_file(), f"{name} imports {spec}: no such file"


def test_shared_helpers_live_once() -> None:
    """setText, uuid, the countdown format, the CSRF meta, the JSON GET and the websocket are in
    static/shared/, for every module. (app.js, the classic script of every page, reads the CSRF
    meta for htmx itself: it is not a module and runs where no live page is.)"""
    copies = re.compile(
        r"function (setText|uuid|formatClock|format|csrfToken|getJson|backoffMs|clockOffset)\("
        r"|querySelector\('meta\[name=\"csrf-token\"\]'\)"
        r"|new WebSocket\("
    )
    for path in OURS:
        text = path.read_text(encoding="utf-8")
        if path.parent.name == "shared" or not re.search(r"^(import|export) ", text, re.MULTILINE):
            continue
        found = copies.findall(text)
        assert not found, f"{path.relative_to(STATIC_DIR)} repeats {found}"
