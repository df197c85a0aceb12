"""``scrgraph load``: analysts' sources into Neo4j, validated, all or nothing."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn
from rich.table import Table

from scrgraph.app import Progress as ProgressCallback
from scrgraph.cli._common import app, console, facade
from scrgraph.writer import WriteSummary


@contextmanager
def progress_bar() -> Iterator[ProgressCallback]:
    """A progress bar that appears only when there is something to show."""
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  console=console, transient=True) as bar:
        tasks: dict[str, TaskID] = {}

        def update(step: str, done: int, total: int) -> None:
            if step not in tasks:
                tasks[step] = bar.add_task(step, total=total)
            bar.update(tasks[step], completed=done, total=total)
            if done >= total:
                bar.remove_task(tasks.pop(step))

        yield update


def summary_table(summary: WriteSummary, title: str) -> Table:
    """What a load added, changed and removed, by kind of item (unchanged ones as a total)."""
    unchanged = sum(summary.unchanged.values())
    table = Table(title=title, title_justify="left",
                  caption=f"{unchanged} other items were already up to date." if unchanged
                  else None, caption_justify="left")
    for column in ("", "added", "changed", "removed"):
        table.add_column(column, justify="left" if not column else "right")
    counts = (summary.added, summary.changed, summary.removed)
    labels = sorted(set().union(*counts))
    for label in labels:
        table.add_row(label, *(str(c.get(label, 0)) for c in counts))
    return table


@app.command()
def load(
    ctx: typer.Context,
    sources: list[Path] = typer.Argument(
        ..., help="Workbooks (.xlsx), folders of .csv files, or RDF files (.ttl, .jsonld)."),
    sync: bool = typer.Option(
        False, "--sync",
        help="Also remove recommendations and actions of the loaded reviews that the "
             "sources no longer have."),
) -> None:
    """Validate sources and load them into Neo4j: all of them, or nothing.

    Every problem in every source is listed (file, sheet, row, column, value) and nothing is
    written until all are fixed. Loading the same sources again changes nothing.
    """
    with facade(ctx) as sg, progress_bar() as progress:
        report = sg.load(sources, sync=sync, progress=progress)
    summary = report.summary
    names = ", ".join(str(p) for p in report.sources)
    if not summary.wrote_anything:
        console.print(f"Nothing changed: the database already holds everything in {names}.")
        return
    console.print(summary_table(summary, f"Loaded {names} (load {report.load_id})"))
    for label, item_id in summary.removed_ids:
        console.print(f"Removed {label} {item_id} (no longer in the source).")
