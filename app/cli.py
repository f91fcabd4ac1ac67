"""The ``roundtable`` command: serve, migrate, demo, plan, export, import."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated

import typer
import uvicorn
from sqlmodel import Session

from app.config import DEFAULT_BASE_URL, Settings, get_settings
from app.domain.errors import DomainError, Invalid
from app.domain.planner.rotations import PlanRequest, plan_rotations
from app.mail.cli import send_test
from app.services.backup import service as backup
from app.services.demo.service import DemoLinks, load_demo
from app.services.links.service import LinkKeys
from app.services.plans.files import FORMATS, people_from_csv, render_plan
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
    keys = LinkKeys(settings.resolved_secret_key(), _offline_base(settings))
    with Session(engine) as db:
        return load_demo(db, keys)


def _offline_base(settings: Settings) -> str:
    """The base of links printed without a server to take it from; says so when it guesses."""
    if not settings.base_url:
        typer.echo(
            f"ROUNDTABLE_BASE_URL is unset: links below start with {DEFAULT_BASE_URL}, where "
            "`roundtable serve` listens by default.",
            err=True,
        )
    return settings.offline_base_url()


def _print_links(demo: DemoLinks) -> None:
    typer.echo("")
    typer.echo("Demo session ready. Open these links (each is a personal key; keep them private):")
    typer.echo(f"  Facilitator console : {demo.facilitator}")
    if demo.played_executive:
        typer.echo(f"  Executive summary   : {demo.played_executive}  (the played Q4 session)")
        typer.echo(f"  Upcoming (executive): {demo.executive}")
    else:
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
        # Live frames are small JSON and fan out to thousands of sockets: permessage-deflate
        # would cost each socket its own compressor (about 50 KiB) and a compression per event,
        # and it rules out writing each event's frame once for every socket.
        ws_per_message_deflate=False,
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


def _fail(error: DomainError) -> typer.Exit:
    typer.echo(f"error: {error.detail}", err=True)
    for item in error.errors:
        typer.echo(f"  {item.field}: {item.message}", err=True)
    return typer.Exit(2)


@cli.command("export")
def export_session(
    session_id: Annotated[str, typer.Argument(help="The session's id (from its URLs).")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
) -> None:
    """Write a whole session as a JSON backup (docs/backup.md); links as hashes, no tokens."""
    settings = get_settings()
    engine = make_engine(settings.database_url)
    upgrade(engine)
    with Session(engine) as db:
        try:
            document = backup.export_session(db, session_id)
        except DomainError as error:
            raise _fail(error) from None
    text = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        typer.echo(f"Session {session_id} written to {output}", err=True)


@cli.command("import")
def import_session(
    backup_file: Annotated[Path, typer.Argument(help="A backup written by export.")],
    new_links: Annotated[
        bool,
        typer.Option(
            "--new-links", help="Issue new tokens for every active link (the old ones stop)."
        ),
    ] = False,
) -> None:
    """Restore a session backup into this database (it must not hold the backup's ids yet).

    Links keep working as before; their URLs show again only under the same secret key.
    """
    settings = get_settings()
    engine = make_engine(settings.database_url)
    upgrade(engine)
    keys = LinkKeys(settings.resolved_secret_key(), _offline_base(settings))
    try:
        document = json.loads(backup_file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        typer.echo(f"error: cannot read {backup_file}: {error}", err=True)
        raise typer.Exit(2) from None
    with Session(engine) as db:
        try:
            result = backup.import_session(db, document, keys=keys, new_links=new_links)
        except DomainError as error:
            raise _fail(error) from None
    rows = ", ".join(f"{count} {name}" for name, count in result.rows.items() if count)
    typer.echo(f"Restored session {result.session_id} “{result.title}”: {rows}.")
    if result.series:
        typer.echo(f"  It is back in its series ({result.series}).")
    for link in result.new_links:
        who = f"{link.role} {link.name}".strip()
        typer.echo(f"  New {who} link: {link.url}")
    if not new_links:
        shown = result.facilitator_url or "(made under another secret key; use --new-links)"
        typer.echo(f"  Existing links keep working. Facilitator: {shown}")


@cli.command("mail-test")
def mail_test(
    address: Annotated[str, typer.Argument(help="Where to send the test message.")],
) -> None:
    """Send a test e-mail through ROUNDTABLE_SMTP_URL, at once (not through the outbox)."""
    settings = get_settings()
    try:
        typer.echo(send_test(settings, address))
    except ValueError as error:
        typer.echo(f"Error: {error}", err=True)
        raise typer.Exit(1) from error


def main() -> None:
    """Entry point of the ``roundtable`` script."""
    cli()
