"""``scrgraph load``: analysts' sources into Neo4j, validated, all or nothing."""

from __future__ import annotations

import json
from contextlib import nullcontext
from enum import StrEnum
from pathlib import Path

import typer

from scrgraph import formatting
from scrgraph.cli._common import console, facade, print_notes, print_summary, progress_bar, warn

app = typer.Typer()


class LoadFormat(StrEnum):
    table = "table"
    json = "json"


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
    replace: bool = typer.Option(
        False, "--replace",
        help="Change items that a different source (another file or folder name) wrote. "
             "Without it, such a load stops and names them, and nothing is written."),
    suggest: bool = typer.Option(
        True, "--suggest/--no-suggest",
        help="Store the tagger's suggested codes for each recommendation with no theme and "
             "no standard coded (never counted as codings; see 'scrgraph suggestions')."),
    output: LoadFormat = typer.Option(
        LoadFormat.table, "--format", "-f",
        help="How to print what was loaded: a summary (long lists cut short), or json with "
             "every item added, changed, unchanged and removed, by ID."),
) -> None:
    """Validate sources and load them into Neo4j: all of them, or nothing.

    Every problem in every source is listed (file, sheet, row, column, value) and nothing is
    written until all are fixed. Loading the same sources again changes nothing. An item that
    a different source wrote is changed only with --replace; every load lists the items it
    added and changed by ID.
    """
    quiet = output is LoadFormat.json
    with facade(ctx) as sg, (nullcontext(None) if quiet else progress_bar()) as progress:
        report = sg.load(sources, sync=sync, confirmed=yes, replace=replace,
                         suggest=suggest, progress=progress)
    warn(report.warnings)
    summary = report.summary
    if quiet:
        typer.echo(json.dumps(formatting.plain({
            "sources": [str(p) for p in report.sources],
            "load": report.load_id if summary.wrote_anything else None,
            "changed_anything": summary.wrote_anything, **summary.listing(),
            "notes": [str(n) for n in report.notes], "suggested": report.suggested}),
            indent=2))
        return
    names = ", ".join(str(p) for p in report.sources)
    print_notes(report.notes, sources)
    if not summary.wrote_anything:
        console.print(f"Nothing changed: the database already holds everything in {names}.")
        return
    print_summary(summary, f"Loaded {names} (load {report.load_id})")
    if report.suggested:
        console.print(f"The tagger suggested {report.suggested} codes for recommendations "
                      "no analyst coded: 'scrgraph suggestions list' shows those awaiting a "
                      "decision.", highlight=False)
