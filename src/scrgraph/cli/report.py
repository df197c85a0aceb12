"""``scrgraph report`` and ``scrgraph briefing``: cross-review theme reports and seven-minute
briefings, written as files."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path

import typer

from scrgraph.cli._common import console, console_err, facade
from scrgraph.errors import CatalogError
from scrgraph.results import ReportFiles, ReportScope

app = typer.Typer()


class Kind(StrEnum):
    SCR = "SCR"
    LCSPR = "LCSPR"
    SAR = "SAR"
    DHR = "DHR"
    THEMATIC = "THEMATIC"
    NATIONAL = "NATIONAL"


class ReportFormat(StrEnum):
    html = "html"
    pdf = "pdf"
    csv = "csv"
    xlsx = "xlsx"
    docx = "docx"
    qdpx = "qdpx"


def _scope(from_year: int | None, to_year: int | None, kind: list[Kind],
           partnership: str | None, theme: str | None, as_of: dt.datetime | None
           ) -> ReportScope:
    return ReportScope(from_year, to_year, tuple(k.value for k in kind), partnership, theme,
                       as_of.date() if as_of else None)


def _print_files(files: ReportFiles, what: str) -> None:
    console.print(f"Wrote {what} in {files.seconds:.1f} s:")
    for path in (files.html, files.pdf, files.xlsx, files.docx, files.pptx, files.qdpx):
        if path is not None:
            console.print(f"  {path}", highlight=False)
    if files.csv:
        console.print(f"  {files.csv[0].parent}/ ({len(files.csv)} CSV files)", highlight=False)
    if files.note:
        console_err.print(files.note, markup=False, highlight=False)


FROM = typer.Option(None, "--from", help="Only reviews published in or after this year.")
TO = typer.Option(None, "--to", help="Only reviews published in or before this year.")
KIND = typer.Option([], "--kind", help="Only reviews of this kind (repeat for several).")
PARTNERSHIP = typer.Option(
    None, "--partnership",
    help="Only reviews commissioned by this partnership (its ID, e.g. NSCP) or type of "
         "partnership (children, adults, community-safety).")
AS_OF = typer.Option(None, "--as-of", formats=["%Y-%m-%d"],
                     help="As things stood on this day: only reviews published by then, each "
                          "action's status on that day, overdue against it (default: today).")


@app.command()
def report(
    ctx: typer.Context,
    out: Path = typer.Option(Path("scrgraph-out/report"), "--out", "-o",
                             help="The folder to write into (created if missing)."),
    from_year: int | None = FROM,
    to_year: int | None = TO,
    kind: list[Kind] = KIND,
    partnership: str | None = PARTNERSHIP,
    theme: str | None = typer.Option(
        None, "--theme", help="Only recommendations coded to this key theme (code or label)."),
    as_of: dt.datetime | None = AS_OF,
    fmt: list[ReportFormat] = typer.Option(
        [], "--format", "-f",
        help="Write only these: html, pdf, csv, xlsx, docx (Word), qdpx (the recommendations "
             "as a REFI-QDA project). Default: html, pdf, csv and xlsx."),
) -> None:
    """Write a cross-review theme report: report.html, report.pdf, tables/*.csv, report.xlsx."""
    scope = _scope(from_year, to_year, kind, partnership, theme, as_of)
    formats = tuple(f.value for f in fmt) or ("html", "pdf", "csv", "xlsx")
    with facade(ctx) as sg:
        data = sg.report(scope)
        files = sg.write_report(data, out, formats)
    s = data.summary
    console.print(f"{scope.describe()} {s['reviews']} reviews, {s['recommendations']} "
                  f"recommendations, {s['actions']} actions.", highlight=False)
    _print_files(files, "the theme report")


@app.command()
def briefing(
    ctx: typer.Context,
    theme: str = typer.Option(..., "--theme", help="The key theme (code or label)."),
    out: Path = typer.Option(Path("scrgraph-out/briefings"), "--out", "-o",
                             help="The folder to write into (created if missing)."),
    from_year: int | None = FROM,
    to_year: int | None = TO,
    kind: list[Kind] = KIND,
    partnership: str | None = PARTNERSHIP,
    as_of: dt.datetime | None = AS_OF,
) -> None:
    """Write the seven-minute briefing on one theme (HTML and PDF) for frontline staff."""
    scope = _scope(from_year, to_year, kind, partnership, theme, as_of)
    with facade(ctx) as sg:
        data = sg.report(scope)
        files = sg.write_briefing(data, out)
    _print_files(files, f"the seven-minute briefing on {theme}")


@app.command()
def slides(
    ctx: typer.Context,
    review: str | None = typer.Option(
        None, "--review", help="The review's ID (e.g. NSCP-LCSPR-2021-01)."),
    theme: str | None = typer.Option(
        None, "--theme", help="Or a key theme (code or label): its learning across reviews."),
    out: Path = typer.Option(Path("scrgraph-out/slides"), "--out", "-o",
                             help="The folder to write into (created if missing)."),
    as_of: dt.datetime | None = AS_OF,
) -> None:
    """Write summary learning slides (.pptx) for one review or one theme, on the framework."""
    if (review is None) == (theme is None):
        raise CatalogError("Give one of --review ID or --theme THEME.")
    with facade(ctx) as sg:
        if review is not None:
            files = sg.write_slides(review, out)
        else:
            data = sg.report(_scope(None, None, [], None, theme, as_of))
            files = sg.write_theme_slides(data, out)
    _print_files(files, f"the learning slides for {review or theme}")
