"""The ``roundtable`` command: serve, migrate, demo."""

from __future__ import annotations

import os
from typing import Annotated

import typer
import uvicorn
from sqlmodel import Session

from app.config import get_settings
from app.services.demo import DemoLinks, load_demo
from app.services.links import LinkKeys
from app.store.engine import make_engine
from app.store.migrate import upgrade

cli = typer.Typer(help="Roundtable: leadership speed-dating sessions.", no_args_is_help=True)


@cli.command()
def migrate() -> None:
    """Bring the database schema up to date."""
    settings = get_settings()
    engine = make_engine(settings.database_url)
    upgrade(engine)
    typer.echo(f"Database is up to date: {engine.url.render_as_string(hide_password=True)}")


def _load_demo() -> DemoLinks:
    settings = get_settings()
    engine = make_engine(settings.database_url)
    upgrade(engine)
    keys = LinkKeys(settings.resolved_secret_key(), settings.base_url)
    with Session(engine) as db:
        return load_demo(db, keys)


def _print_links(demo: DemoLinks) -> None:
    typer.echo("")
    typer.echo("Demo session ready. Open these links (each is a personal key; keep them private):")
    typer.echo(f"  Facilitator console : {demo.facilitator}")
    typer.echo(f"  Executive summary   : {demo.executive}")
    typer.echo("  Department heads:")
    for name, department, url in demo.participants:
        typer.echo(f"    {name:<16} {department:<18} {url}")
    typer.echo("")


@cli.command()
def demo() -> None:
    """Load the demo session (once) and print its links."""
    _print_links(_load_demo())


@cli.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[
        int, typer.Option(help="Worker processes (use Redis for more than one).")
    ] = 1,
    with_demo: Annotated[bool, typer.Option("--demo", help="Load the demo session first.")] = False,
) -> None:
    """Run the web server (migrating the database first)."""
    if "ROUNDTABLE_BASE_URL" not in os.environ:
        # Printed links should point at where this server actually listens.
        shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host  # noqa: S104
        os.environ["ROUNDTABLE_BASE_URL"] = f"http://{shown}:{port}"
        get_settings.cache_clear()
    settings = get_settings()
    upgrade(make_engine(settings.database_url))
    if with_demo:
        _print_links(_load_demo())
    uvicorn.run(
        "app.main:app",
        host=host,
        port=port,
        workers=workers,
        log_level=settings.log_level,
        proxy_headers=True,
    )


def main() -> None:
    """Entry point of the ``roundtable`` script."""
    cli()
