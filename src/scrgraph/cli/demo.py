"""``scrgraph demo``: the main job, end to end."""

from __future__ import annotations

import typer

from scrgraph.cli._common import app, console, facade


@app.command()
def demo(ctx: typer.Context) -> None:
    """Run the main job: prepare Neo4j, then show what scrgraph finds."""
    waiting = "Connecting to Neo4j (the first start of the local one downloads it)..."
    with facade(ctx) as sg, console.status(waiting):
        result = sg.demo()
    server = result.server
    console.print(f"Neo4j {server.version} ({server.edition}) at [bold]{server.uri}[/], "
                  f"database '{server.database}'.")
    console.print(f"Schema in place: {result.schema_statements} constraints and indexes.")
    console.print(f"Marker written and read back: {result.marker['id']} at "
                  f"{result.marker['writtenAt']}.")
    console.print(f"The database holds {server.nodes} nodes and {server.relationships} "
                  "relationships.")
    if result.local:
        console.print("The local Neo4j keeps running; stop it with [bold]scrgraph db stop[/] "
                      "(or 'make stop').")
