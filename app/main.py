"""The ASGI application: ``create_app(settings)``, and ``app`` for ``uvicorn app.main:app``."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import hashlib
import hmac
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio
from fastapi import FastAPI
from sqlalchemy.engine import Engine

from app.config import Settings, get_settings
from app.domain.framing import phrasing
from app.domain.framing.model import default_model
from app.mail import context as mail_context
from app.mail import hooks as mail_hooks
from app.mail import routes as mail_routes
from app.mail.worker import MailWorker
from app.services.links.service import LinkKeys
from app.services.shared import notices
from app.store.engine import make_engine, trim_pool
from app.store.migrate import upgrade
from app.web.database import Database
from app.web.direct_write import ServerSend
from app.web.errors import install_error_handlers
from app.web.guess_limit import GuessLimiter
from app.web.live_hub import HUB_CONNECTIONS, start_hub, stop_hub
from app.web.middleware import BodyLimit, Compression, SecurityHeaders
from app.web.redaction import install_redaction
from app.web.routers import (
    api_actions,
    api_agendas,
    api_backup,
    api_board,
    api_itinerary,
    api_live,
    api_people,
    api_plans,
    api_series,
    api_sessions,
    api_summary,
    health,
    pages,
    pages_itinerary,
)
from app.web.routers import screen as screen_routes
from app.web.static_assets import StaticAssets

log = logging.getLogger("roundtable")


async def trim_pools(engines: list[Engine], every: float) -> None:
    """Every ``every`` seconds, close the pools' connections idle past their linger."""
    while True:
        await asyncio.sleep(every)
        for engine in engines:
            try:
                await anyio.to_thread.run_sync(trim_pool, engine)
            except Exception:  # a failed close must not stop the next trims
                log.exception("trimming the database pool failed")


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the application for ``settings`` (read from the environment when omitted)."""
    settings = settings or get_settings()
    install_redaction()
    # The requests' slots plus the hub's own: no worker thread ever waits for a connection.
    engine = make_engine(
        settings.database_url,
        settings.db_pool_size + HUB_CONNECTIONS,
        keep=settings.db_pool_keep + HUB_CONNECTIONS,
        linger=settings.db_pool_linger_seconds,
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if not settings.base_url:
            log.warning(
                "ROUNDTABLE_BASE_URL is unset: links follow the address each request arrives on "
                "(the listening socket). Set ROUNDTABLE_BASE_URL behind a proxy or load balancer."
            )
            if settings.mail_enabled:
                log.warning(
                    "E-mail is on but ROUNDTABLE_BASE_URL is unset: e-mailed links use %s; set it "
                    "to the address recipients can reach.",
                    settings.offline_base_url(),
                )
        if settings.migrate_on_start:
            upgrade(engine)
        await start_hub(app, settings.broadcast_url, Database(engine, HUB_CONNECTIONS))
        # The framing check's model (VADER's lexicon, every word stemmed): built lazily it cost
        # the worker's first capture 0.5 s of CPU under the session row lock, holding the GIL
        # against every live socket; built here it is also frozen with the start-up objects.
        default_model()
        # Round 12: the framing check's sentence encoder (a 23 MB ONNX session), loaded and run
        # once here for the same reason.
        phrasing.encoder().vector("The worker starts.")
        if settings.gc_freeze:
            # Hundreds of thousands of start-up objects never die; a full collection walking
            # them stalls every live socket for tens of ms (bench/bench_fanout.py --gc-log).
            gc.collect()
            gc.freeze()
        # Full collections, rarely: each walks every live socket's objects (some 370,000 at
        # 2,000 sockets) and took 100-300 ms every 3-5 s at Python's default of one per 10
        # young collections, the stalls behind the load bench's p99 at S = 50 on one worker
        # (docs/SCALING.md, "Garbage collector pauses"). Cycles still die young in the first
        # two generations; what reaches the old one waits minutes instead of seconds.
        young, middle, _ = gc.get_threshold()
        gc.set_threshold(young, middle, settings.gc_full_every)
        mail_worker = None
        if settings.mail_worker:
            mail_worker = MailWorker(
                make_engine(
                    settings.database_url, 2, keep=1, linger=settings.db_pool_linger_seconds
                ),
                mail_ctx,
            )
            mail_worker.start()
        app.state.mail_worker = mail_worker
        engines = [engine] + ([mail_worker.engine] if mail_worker is not None else [])
        trimming = asyncio.create_task(
            trim_pools(engines, max(min(settings.db_pool_linger_seconds / 2, 10.0), 0.5))
        )
        try:
            yield
        finally:
            trimming.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await trimming
            await app.state.guesses.close()
            if mail_worker is not None:
                mail_worker.stop()
                mail_worker.engine.dispose()
            await stop_hub(app)
            engine.dispose()

    app = FastAPI(
        title="Roundtable",
        version="0.1.0",
        summary="Leadership speed-dating: timed cross-team rotations and live issue capture.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.database = Database(engine, settings.db_pool_size)
    secret_key = settings.resolved_secret_key()
    app.state.link_keys = LinkKeys(secret_key, settings.offline_base_url())
    # Its own key for CSRF tokens, so they reveal nothing about link tokens and vice versa.
    csrf_key = hmac.new(secret_key.encode(), b"roundtable csrf", hashlib.sha256).digest()
    app.state.csrf_key = csrf_key
    app.state.guesses = GuessLimiter.for_url(
        settings.broadcast_url, limit=settings.guess_limit, window=settings.guess_window_seconds
    )
    mail_ctx = mail_context.MailContext(settings, app.state.link_keys)
    mail_context.register(engine, mail_ctx)
    notices.subscribe(mail_hooks)  # e-mail hears of use cases; a no-op without a context
    app.state.mail_worker = None

    install_error_handlers(app)
    app.include_router(health.router)
    # First of the API: a clock control is the hot path, and routes are matched in order.
    app.include_router(api_live.router)
    app.include_router(screen_routes.router)
    app.include_router(api_sessions.router)
    app.include_router(api_people.router)
    app.include_router(api_agendas.router)
    app.include_router(api_plans.router)
    app.include_router(api_board.router)
    app.include_router(api_summary.router)
    app.include_router(api_actions.router)
    app.include_router(api_series.router)
    app.include_router(api_backup.router)
    app.include_router(mail_routes.api)
    app.include_router(mail_routes.router)
    app.include_router(api_itinerary.router)
    app.include_router(pages.router)
    app.include_router(pages_itinerary.fragments)
    app.include_router(screen_routes.join_router)
    app.mount("/static", StaticAssets(), name="static")
    app.add_middleware(Compression)  # innermost: the headers set outside see the final body
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(SecurityHeaders, csrf_key=csrf_key, secure_cookies=settings.cookie_secure)
    app.add_middleware(ServerSend)  # added last: outermost, so it sees the server's own send
    return app


def __getattr__(name: str) -> FastAPI:
    # ``app.main:app`` is built on first access, so importing this module (tests, the CLI)
    # reads no settings and opens no database.
    if name == "app":
        application = create_app()
        globals()["app"] = application
        return application
    raise AttributeError(name)
