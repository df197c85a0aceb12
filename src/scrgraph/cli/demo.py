"""``scrgraph demo``: the main job, end to end."""

from __future__ import annotations

from pathlib import Path

import typer

from scrgraph.cli._common import app, console, facade
from scrgraph.cli.load import progress_bar, summary_table


@app.command()
def demo(
    ctx: typer.Context,
    data: Path | None = typer.Option(
        None, "--data", help="Load this workbook or CSV folder instead of the sample data."),
) -> None:
    """Run the main job: load the framework and the (fictional) sample data into Neo4j."""
    with facade(ctx) as sg:
        with console.status("Connecting to Neo4j (the first start of the local one downloads "
                            "it)..."):
            server = sg.status()
        console.print(f"Neo4j {server.version} ({server.edition}) at [bold]{server.uri}[/], "
                      f"database '{server.database}'.")
        with progress_bar() as progress:
            result = sg.demo(data, progress)
        fw = sg.framework()
    console.print(f"Schema in place: {result.schema_statements} constraints and indexes.")
    console.print(f"Framework in Neo4j: {len(fw.quadrants)} quadrants, {len(fw.standards)} "
                  f"practice standards, {len(fw.themes)} key themes, "
                  f"{len(fw.standard_theme_links)} standard-theme links.")
    load = result.load
    names = "the fictional sample data" if data is None else str(data)
    if load.summary.wrote_anything:
        console.print(summary_table(load.summary, f"Loaded {names}"))
    else:
        console.print(f"{names} was already loaded: nothing changed.")
    server = result.server
    console.print(f"The database holds {server.nodes} nodes and {server.relationships} "
                  "relationships.")
    if result.local:
        console.print("The local Neo4j keeps running; stop it with [bold]scrgraph db stop[/] "
                      "(or 'make stop').")
