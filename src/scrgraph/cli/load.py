"""``scrgraph load``: analysts' sources into Neo4j, validated, all or nothing."""

from __future__ import annotations

from pathlib import Path

import typer

from scrgraph.cli._common import console, facade, print_notes, progress_bar, summary_table, warn

app = typer.Typer()


@app.command()
def load(
    ctx: typer.Context,
    sources: list[Path] = typer.Argument(
        ..., help="Workbooks (.xlsx), folders of .csv files, or RDF files (.ttl, .jsonld)."),
    sync: bool = typer.Option(
        False, "--sync",
        help="Also remove recommendations and actions of the loaded reviews that the "
             "sources no longer have."),
    yes: bool = typer.Option(
        False, "--yes",
        help="Confirm a load that changes far more than usual (more than 10 items of a kind "
             "and more than half of those the sources hold) or a --sync that removes far more "
             "than usual (more than 10 items and a fifth of what the sources keep, or most of "
             "one review's recommendations)."),
) -> None:
    """Validate sources and load them into Neo4j: all of them, or nothing.

    Every problem in every source is listed (file, sheet, row, column, value) and nothing is
    written until all are fixed. Loading the same sources again changes nothing.
    """
    with facade(ctx) as sg, progress_bar() as progress:
        report = sg.load(sources, sync=sync, confirmed=yes, progress=progress)
    warn(report.warnings)
    summary = report.summary
    names = ", ".join(str(p) for p in report.sources)
    print_notes(report.notes, sources)
    if not summary.wrote_anything:
        console.print(f"Nothing changed: the database already holds everything in {names}.")
        return
    console.print(summary_table(summary, f"Loaded {names} (load {report.load_id})"))
    for label, item_id in summary.removed_ids:
        console.print(f"Removed {label} {item_id} (no longer in the source).")
