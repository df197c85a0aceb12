"""What every command shares: the consoles, the facade built from the root options, the
progress bar and the load summary table."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn
from rich.table import Table
from rich.text import Text

from scrgraph import formatting
from scrgraph.files import write_text
from scrgraph.results import Problem, WriteSummary
from scrgraph.results import Progress as ProgressCallback
from scrgraph.viz.model import Filters, NetworkView

if TYPE_CHECKING:  # the facade (and pydantic, under Settings) load only when a command runs
    from scrgraph.facade import Scrgraph

console = Console()
console_err = Console(stderr=True, soft_wrap=True)


def facade(ctx: typer.Context) -> Scrgraph:
    """The facade for this invocation's settings; close it when done (use ``with``)."""
    from scrgraph.facade import Scrgraph
    from scrgraph.settings import Settings

    settings = ctx.find_root().obj
    assert isinstance(settings, Settings)
    return Scrgraph(settings)


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
    """What a load added, changed and removed, by kind of item (unchanged ones as a total).
    Framework concepts written alongside the data are not the sources' items: said apart."""
    unchanged = sum(summary.unchanged.values())
    captions = []
    if unchanged:
        captions.append(f"{unchanged} {'item' if unchanged == 1 else 'items'} of the sources "
                        f"{'was' if unchanged == 1 else 'were'} already in the database as "
                        f"{'it is' if unchanged == 1 else 'they are'}.")
    if summary.refreshed_ids:
        n = len(summary.refreshed_ids)
        captions.append(f"Suggestions refreshed for {n} "
                        f"{'recommendation' if n == 1 else 'recommendations'}, not counted "
                        "above.")
    if summary.framework:
        captions.append(f"The framework's quadrants, standards and themes were written too "
                        f"({summary.framework} concepts, not counted above).")
    table = Table(title=title, title_justify="left", caption=" ".join(captions) or None,
                  caption_justify="left")
    for column in ("", "added", "changed", "removed"):
        table.add_column(column, justify="left" if not column else "right")
    counts = (summary.added, summary.changed, summary.removed)
    labels = sorted(set().union(*counts))
    for label in labels:
        table.add_row(label, *(str(c.get(label, 0)) for c in counts))
    return table


IDS_SHOWN = 8
"""How many IDs of one kind a load's summary prints on a line; the rest are counted."""
CHANGES_SHOWN = 10
"""How many changed items a load's summary prints, each with what changed."""


def _id_lines(heading: str, pairs: Sequence[tuple[str, str]]) -> tuple[list[str], bool]:
    """One line per kind: ``Added Review (3): A, B, C``; and whether any line was capped."""
    by_kind: dict[str, list[str]] = {}
    for label, item_id in pairs:
        by_kind.setdefault(label, []).append(item_id)
    lines = []
    for label, ids in sorted(by_kind.items()):
        more = len(ids) - IDS_SHOWN
        shown = ", ".join(ids[:IDS_SHOWN]) + (f" and {more} more" if more > 0 else "")
        lines.append(f"{heading} {label} ({len(ids)}): {shown}")
    return lines, any(len(ids) > IDS_SHOWN for ids in by_kind.values())


def print_summary(summary: WriteSummary, title: str, *, ids: bool = True) -> None:
    """A load's summary: the table by kind, then the items by ID: each changed item with what
    changed (and who wrote it before, when another source had), and with ``ids`` the added,
    unchanged and removed ones, capped; ``-f json`` lists them all."""
    console.print(summary_table(summary, title))
    added, capped_added = _id_lines("Added", summary.added_ids) if ids else ([], False)
    unchanged, capped_unchanged = (_id_lines("Unchanged", summary.unchanged_ids) if ids
                                   else ([], False))
    changed = [f"Changed {item}" for item in summary.changed_items[:CHANGES_SHOWN]]
    more = len(summary.changed_items) - CHANGES_SHOWN
    if more > 0:
        changed.append(f"... and {more} more changed items.")
    removed = [f"Removed {label} {item_id} (no longer in the source)."
               for label, item_id in summary.removed_ids]
    refreshed = [refreshed_line(summary)] if summary.refreshed_ids else []
    for line in added + changed + unchanged + removed + refreshed:
        console.print(formatting.terminal(line), highlight=False)
    if capped_added or capped_unchanged or more > 0:
        console.print("'scrgraph load -f json' lists every item.", highlight=False)


def refreshed_line(summary: WriteSummary) -> str:
    """How many recommendations had only their suggested codes refreshed, and which."""
    ids = [item_id for _, item_id in summary.refreshed_ids]
    more = len(ids) - IDS_SHOWN
    shown = ", ".join(ids[:IDS_SHOWN]) + (f" and {more} more" if more > 0 else "")
    noun = "recommendation" if len(ids) == 1 else "recommendations"
    return (f"Suggestions refreshed for {len(ids)} {noun} (the tagger's model or the "
            f"ontology's names changed; nothing else about them did): {shown}.")


NOTES_SHOWN = 10
"""How many notes a load or validation prints; the rest are counted."""


def print_notes(notes: tuple[Problem, ...], sources: list[Path]) -> None:
    """The SMART check's notes (never blocking): those marked SMART Yes first, at most
    :data:`NOTES_SHOWN`, and how to see them all."""
    if not notes:
        return
    # One pass: testing each note against the marked list was quadratic, and a national
    # load has a hundred thousand notes.
    marked = [n for n in notes if "SMART column says Yes" in n.message]
    ordered = marked + [n for n in notes if "SMART column says Yes" not in n.message]
    console.print(f"Note: the SMART check finds something missing from {len(notes)} "
                  f"recommendations ({len(marked)} of them marked SMART Yes). This does not "
                  "stop a load.", highlight=False)
    for note in ordered[:NOTES_SHOWN]:
        console.print(Text(f"  - {note}"))
    if len(notes) > NOTES_SHOWN:
        names = " ".join(str(p) for p in sources)
        console.print(f"  ... and {len(notes) - NOTES_SHOWN} more: 'scrgraph tag {names}' "
                      "lists each with the words that show it.", highlight=False)


# -- network pages (scrgraph viz, and the demo) ------------------------------------------

#: Where pages go unless --out says otherwise (make demo writes there too).
DEFAULT_FOLDER = Path("scrgraph-out")

def default_path(view: str, focus: str | None = None) -> Path:
    """``scrgraph-out/theme-map.html``, ``scrgraph-out/theme-domestic-abuse.html``, ..."""
    name = f"{view}-{focus}" if focus else view
    safe = "".join(c if c.isalnum() or c in "-_." else "-" for c in name)
    return DEFAULT_FOLDER / f"{safe}.html"


def write_page(sg: Scrgraph, view: str, path: Path | None = None, *,
               theme: str | None = None, review: str | None = None,
               as_of: dt.date | None = None, filters: Filters | None = None
               ) -> tuple[Path, NetworkView]:
    """Build one view, write its page (to ``path`` or the default) and return both."""
    network = sg.network(view, theme=theme, review=review, as_of=as_of, filters=filters)
    page = sg.render_network(network)
    path = path or default_path(network.view, network.focus)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text(path, page)
    return path, network


def describe(path: Path, network: NetworkView) -> Text:
    """``path: title, N items and M links``; the title (a review's, from the sources) as text."""
    items = sum(v for k, v in network.counts.items() if k != "edges")
    return Text.assemble((str(path), "bold"), formatting.terminal(
        f": {network.title}, {items} items and {network.counts.get('edges', 0)} links"))


def warn(warnings: Sequence[Problem]) -> None:
    """What a check or load passed over, on stderr: it did not stop the load."""
    for warning in warnings:
        console_err.print(formatting.terminal(str(warning), prefix="Warning:",
                                              style="bold yellow"), highlight=False)
