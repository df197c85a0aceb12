"""``scrgraph viz VIEW``: the learning as an interactive network, one offline HTML page."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path

import typer
from rich.text import Text

from scrgraph.cli._common import console, describe, facade, write_page
from scrgraph.viz.model import VIEWS, Filters

app = typer.Typer()

View = StrEnum("View", {name: name for name in VIEWS})  # type: ignore[misc]


@app.command("viz")
def viz(
    ctx: typer.Context,
    view: View = typer.Argument(..., help="What to draw (the views are listed above)."),
    theme: str | None = typer.Option(
        None, "--theme", help="The theme in focus (theme view), or the theme filter's first "
        "choice; a code or a label (domestic-abuse, 'DV')."),
    review: str | None = typer.Option(
        None, "--review", help="The review in focus (review view): its id or title."),
    kind: str | None = typer.Option(
        None, "--kind", help="Start filtered to reviews of this kind (SCR, LCSPR, SAR, DHR, "
        "THEMATIC, NATIONAL)."),
    partnership: str | None = typer.Option(
        None, "--partnership", help="Start filtered to reviews of this partnership (its id)."),
    year_from: int | None = typer.Option(
        None, "--from-year", help="Start filtered to reviews published in or after this year."),
    year_to: int | None = typer.Option(
        None, "--to-year", help="Start filtered to reviews published in or before this year."),
    quadrant: str | None = typer.Option(
        None, "--quadrant", help="Start filtered to one quadrant (1-4)."),
    as_of: dt.datetime | None = typer.Option(
        None, "--as-of", formats=["%Y-%m-%d"],
        help="The date actions are overdue against (default: today)."),
    out: Path | None = typer.Option(
        None, "--out", "-o", help="The page to write (default: scrgraph-out/VIEW.html)."),
) -> None:
    """Draw the learning as an interactive network: one self-contained HTML page.

    Views: theme-map (key themes and practice standards by quadrant, sized by the separate
    reviews raising them, linked where they occur together); reviews-themes (reviews and the
    themes they raise); theme (one theme in focus, --theme); review (one review in focus,
    --review); agency-accountability (agencies and their actions by status, overdue marked).

    The page needs no network connection: search, filters (review kind, partnership, years,
    quadrant, theme), the legend and the hover texts all work offline. The filter options
    only choose what the page shows first.
    """
    filters = Filters(kind=kind, partnership=partnership, year_from=year_from,
                      year_to=year_to, quadrant=quadrant,
                      theme=theme if view.value != "theme" else None)
    with facade(ctx) as sg:
        path, network = write_page(sg, view.value, out, theme=theme, review=review,
                                   as_of=as_of.date() if as_of else None, filters=filters)
    console.print(Text.assemble("Wrote ", describe(path, network), ". Open it in a browser."),
                  highlight=False)
