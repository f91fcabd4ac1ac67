"""Fixtures for end-to-end tests: real uvicorn servers, Chromium, desktop and phone pages.

Servers
    ``live_server`` (function-scoped view of one server per test module): a started
    :class:`~tests.e2e.server.LiveServer`; restarted if an earlier test in the module stopped it.
    ``start_server(workers=1, env=None, database_url=None, secret_key=None, port=None,
    cli=False)``
    (function-scoped factory): servers of the test's own, stopped when it ends.
    A failing test's report carries what each server it used logged during the test.

Browser (Chromium from Debian at /usr/bin/chromium; skipped when missing, failed when CI=true)
    ``browser`` (session), ``new_context(base_url=None, phone=False, **options)`` (factory;
    contexts close after the test), ``page`` (desktop 1280x800 on ``live_server``), ``phone``
    (390x844, touch, mobile, on ``live_server``). An uncaught script error or a Content Security
    Policy violation in any of the test's contexts fails the test at teardown.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    WebError,
)

from tests.e2e.browser import DESKTOP, PHONE
from tests.e2e.server import CreatedSession, Invitee, LiveServer

WATCHED = pytest.StashKey[list[tuple[LiveServer, int]]]()


def watch(request: pytest.FixtureRequest, server: LiveServer) -> None:
    """Attach what ``server`` logs from now on to this test's report if it fails."""
    request.node.stash.setdefault(WATCHED, []).append((server, server.log_size()))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    if report.failed:
        for server, mark in item.stash.get(WATCHED, []):
            text = server.log_since(mark) if server.log_path.exists() else ""
            report.sections.append((f"server {server.base_url} log", text or "(nothing logged)"))
    return report


# Servers


@pytest.fixture(scope="module")
def module_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """One server for a test module; tests keep apart by each making their own sessions."""
    server = LiveServer(tmp_path_factory.mktemp("live-server"))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def live_server(module_server: LiveServer, request: pytest.FixtureRequest) -> LiveServer:
    if not module_server.running:
        module_server.start()
    watch(request, module_server)
    return module_server


@pytest.fixture
def start_server(
    tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[Callable[..., LiveServer]]:
    """Start servers that belong to this test alone (e.g. to kill, or two on one database)."""
    started: list[LiveServer] = []

    def start(**options: Any) -> LiveServer:
        server = LiveServer(tmp_path / f"server-{len(started)}", **options)
        started.append(server)
        watch(request, server)
        return server.start()

    yield start
    for server in started:
        server.stop()


@dataclass(frozen=True)
class Seeded:
    """A session with people, made through the API."""

    session: CreatedSession
    people: list[Invitee]


@pytest.fixture
def seeded(live_server: LiveServer) -> Seeded:
    """A session with two department heads, each holding an invite link."""
    session = live_server.create_session()
    people = [
        live_server.add_participant(
            session, "Grace Hopper", "grace@example.com", "Engineering", "VP Engineering"
        ),
        live_server.add_participant(
            session,
            "Katherine Johnson",
            "katherine.johnson@operations.example.com",
            "Operations",
            "Head of Operations",
        ),
    ]
    return Seeded(session, people)


# Browser


@pytest.fixture
def new_context(browser: Browser) -> Iterator[Callable[..., BrowserContext]]:
    """Make fresh browser contexts (own cookies), desktop or with ``phone=True`` a phone."""
    contexts: list[BrowserContext] = []
    problems: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            page = message.page.url if message.page else "?"
            problems.append(f"CSP violation on {page} ({message.location}): {message.text}")

    def on_error(error: WebError) -> None:
        page = error.page.url if error.page else "?"
        problems.append(f"uncaught script error on {page}: {error.error}")

    def make(base_url: str | None = None, *, phone: bool = False, **options: Any) -> BrowserContext:
        settings = {**(PHONE if phone else DESKTOP), **options}
        if base_url is not None:
            settings["base_url"] = base_url
        context = browser.new_context(**settings)
        context.set_default_timeout(5_000)
        context.set_default_navigation_timeout(10_000)
        context.on("console", on_console)
        context.on("weberror", on_error)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()
    if problems:
        pytest.fail("The browser reported problems:\n" + "\n".join(problems))


@pytest.fixture
def page(live_server: LiveServer, new_context: Callable[..., BrowserContext]) -> Page:
    """A desktop page (1280x800) with its own cookies, relative URLs going to ``live_server``."""
    return new_context(live_server.base_url).new_page()


@pytest.fixture
def phone(live_server: LiveServer, new_context: Callable[..., BrowserContext]) -> Page:
    """A phone-sized page (390x844, touch, mobile) with its own cookies, on ``live_server``."""
    return new_context(live_server.base_url, phone=True).new_page()
