"""``scrgraph db``: the local Neo4j (start, stop, status, logs) and the schema."""

from __future__ import annotations

import sys

import typer

from scrgraph.cli._common import console, facade
from scrgraph.errors import ConfigError, NeedsConfirmation

app = typer.Typer(name="db", help="Run and inspect the database.", no_args_is_help=True)


def _local_only(ctx: typer.Context, verb: str) -> None:
    settings = ctx.find_root().obj
    if not settings.uses_local_server:
        raise ConfigError(
            f"NEO4J_URI is set ({settings.neo4j_uri}), so scrgraph uses that server and does "
            f"not {verb} one of its own. Unset NEO4J_URI to use the local Neo4j."
        )


@app.command()
def start(ctx: typer.Context) -> None:
    """Start the local Neo4j (does nothing if it is already running)."""
    _local_only(ctx, "start")
    with facade(ctx) as sg:
        already = sg.local.running()
        with console.status("Starting the local Neo4j (the first start downloads it)..."):
            info = sg.local.start()
    word = "already running" if already else "started"
    console.print(f"Local Neo4j {word} at [bold]{info.uri}[/] (pid {info.pid}).")
    console.print(f"Data: {info.data_dir}")


@app.command()
def stop(ctx: typer.Context) -> None:
    """Stop the local Neo4j cleanly."""
    _local_only(ctx, "stop")
    with facade(ctx) as sg:
        stopped = sg.local.stop()
    console.print("Stopped the local Neo4j." if stopped else "The local Neo4j is not running.")


@app.command()
def status(ctx: typer.Context) -> None:
    """Show the server scrgraph uses: URI, version, pid, data and counts.

    Exits with code 3 when the local Neo4j is not running.
    """
    with facade(ctx) as sg:
        info = None
        if sg.settings.uses_local_server:
            info = sg.local.running()
            if info is None:
                console.print("The local Neo4j is not running. Start it with 'scrgraph db start'.")
                raise typer.Exit(3)
        details = sg.status()
    console.print(f"URI:           {details.uri}")
    console.print(f"Neo4j:         {details.version} ({details.edition})")
    console.print(f"Database:      {details.database}")
    if info is not None:
        console.print(f"PID:           {info.pid}")
        console.print(f"Data dir:      {info.data_dir}")
    console.print(f"Nodes:         {details.nodes}")
    console.print(f"Relationships: {details.relationships}")


@app.command()
def logs(
    ctx: typer.Context,
    lines: int = typer.Option(40, "--lines", "-n", help="How many lines of each log."),
) -> None:
    """Print the last lines of the local Neo4j's logs."""
    _local_only(ctx, "keep logs for")
    with facade(ctx) as sg:
        console.print(sg.local.logs(lines), markup=False, highlight=False)


@app.command()
def schema(ctx: typer.Context) -> None:
    """Create the constraints and indexes (safe to run again)."""
    with facade(ctx) as sg:
        count = sg.apply_schema()
    console.print(f"Schema in place ({count} constraints and indexes).")


@app.command()
def reset(
    ctx: typer.Context,
    yes: bool = typer.Option(False, "--yes", help="Do not ask first (for scripts)."),
) -> None:
    """Empty the database: delete every review, recommendation, action, agency and load record
    (the framework too; 'scrgraph load' or 'scrgraph demo' writes it again). Asks first."""
    with facade(ctx) as sg:
        details = sg.status()
        if not yes:
            if not sys.stdin.isatty():
                raise NeedsConfirmation(
                    f"'scrgraph db reset' would delete all {details.nodes} nodes and "
                    f"{details.relationships} relationships in {details.uri}; nothing was "
                    "deleted. Run it in a terminal to be asked, or add --yes.")
            typer.confirm(f"Delete all {details.nodes} nodes and {details.relationships} "
                          f"relationships in {details.uri} (database '{details.database}')? "
                          "This cannot be undone.", abort=True)
        before = sg.reset()
    console.print(f"The database is empty: deleted {before.nodes} nodes and "
                  f"{before.relationships} relationships.")
