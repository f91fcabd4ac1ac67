"""The ``roundtable`` command: serve, migrate, demo, plan."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer
import uvicorn
from sqlmodel import Session

from app.config import get_settings
from app.domain.errors import Invalid
from app.domain.planner import PlanRequest, plan_rotations
from app.services.demo import DemoLinks, load_demo
from app.services.links import LinkKeys
from app.services.plan_files import FORMATS, people_from_csv, render_plan
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


@cli.command()
def plan(
    people_csv: Annotated[Path, typer.Argument(help="CSV with name,department columns.")],
    group_size: Annotated[int, typer.Option(help="2 (pairs), 3 or 4.")] = 2,
    rounds: Annotated[int, typer.Option(help="Number of rounds.")] = 6,
    seed: Annotated[int, typer.Option(help="Same inputs and seed give the same plan.")] = 0,
    fmt: Annotated[str, typer.Option("--format", help="json, csv or md.")] = "md",
) -> None:
    """Plan rotations for the people in a CSV file and print the plan."""
    if fmt not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    try:
        people = people_from_csv(people_csv.read_text(encoding="utf-8"))
        result = plan_rotations(
            PlanRequest(people=people, rounds=rounds, group_size=group_size, seed=seed)
        )
    except Invalid as error:
        typer.echo(f"error: {error.detail}", err=True)
        for item in error.errors:
            typer.echo(f"  {item.field}: {item.message}", err=True)
        raise typer.Exit(2) from None
    typer.echo(render_plan(result, people, fmt), nl=False)


def main() -> None:
    """Entry point of the ``roundtable`` script."""
    cli()
