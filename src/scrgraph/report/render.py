"""The report's one layout: Jinja2 HTML (self-contained: inline CSS and SVG charts, no request
leaves the file); the PDF is the same HTML printed by WeasyPrint; the tables behind it are
written as CSV files and one workbook."""

from __future__ import annotations

import datetime as dt
import re
import time
from pathlib import Path
from typing import Any

from scrgraph.errors import PdfUnavailable
from scrgraph.files import replacing, write_text
from scrgraph.report import charts, model, tables
from scrgraph.results import ReportData, ReportFiles

TEMPLATES = Path(__file__).resolve().parent / "templates"

FORMATS = ("html", "pdf", "csv", "xlsx")
"""What ``write_report`` writes by default; ``docx`` (Word) on request (and ``qdpx``, which the
facade writes)."""


def _environment() -> Any:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    # Always escape: every value is data (recommendation texts may hold < or &), and the
    # templates' names end in .j2, which select_autoescape() would not escape.
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["date"] = _date
    env.filters["capital"] = lambda s: s[:1].upper() + s[1:] if s else s
    env.filters["num"] = _number
    env.filters["words"] = model.join_words
    env.globals["plural"] = model.plural
    env.globals["status_labels"] = model.STATUS_LABELS
    env.globals["smart_elements"] = model.smart_elements
    env.globals["partnership_types"] = model.PARTNERSHIP_TYPES
    return env


def _date(value: Any, fmt: str = "%d %b %Y") -> str:
    if isinstance(value, dt.date):
        return value.strftime(fmt).lstrip("0")
    return "" if value is None else str(value)


def _number(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.1f}".removesuffix(".0")
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _css() -> str:
    return (TEMPLATES / "report.css").read_text(encoding="utf-8")


TABLE_ROWS = 500
"""The most rows a long table of the report (agencies, overdue actions, recommendations that
need attention, the appendix) lists; the page says how many more there are and where they
are (the table's CSV, the workbook, the query command). A board reads tens of rows: at 10,000
reviews the tables listed every review and recommendation and the page was 93 MB."""


def report_charts(data: ReportData) -> dict[str, str]:
    """Every chart of the report as inline SVG, by name."""
    return {name: charts.to_svg(chart) for name, chart in draw_charts(data).items()}


def draw_charts(data: ReportData) -> dict[str, charts.Chart]:
    """Every chart of the report, drawn, by name."""
    return {
        "heatmap": charts.heatmap(data.rows("theme-reviews"), data.rows("themes"),
                                  data.rows("reviews")),
        "trend": charts.trend(data.rows("theme-years"), data.rows("themes")),
        "partnerships": charts.cross_partnership(data.rows("themes")),
        "agencies": charts.actions_by_agency(data.rows("agencies")),
        "standards": charts.standards(data.rows("standards")),
    }


def render_html(data: ReportData) -> str:
    """The cross-review theme report as one self-contained HTML page."""
    template = _environment().get_template("report.html.j2")
    return str(template.render(data=data, headline=model.headline(data),
                               charts=report_charts(data), css=_css(),
                               heatmap_reviews=charts.HEATMAP_REVIEWS,
                               table_rows=TABLE_ROWS))


def render_briefing_html(data: ReportData) -> str:
    """The seven-minute briefing on the scope's theme, as one self-contained HTML page."""
    if not data.scope.theme:
        raise ValueError("a briefing needs a theme in its scope")
    theme = data.theme(data.scope.theme)
    template = _environment().get_template("briefing.html.j2")
    return str(template.render(data=data, theme=theme, css=_css()))


def html_to_pdf(html: str) -> bytes:
    """The same HTML printed to PDF by WeasyPrint (A4, page numbers from the CSS)."""
    import logging

    try:
        from weasyprint import HTML
    except OSError as exc:  # cffi could not open Pango (Windows and macOS need it installed)
        raise PdfUnavailable(
            "PDF needs the Pango text library, which pip cannot install: on Windows install "
            "the GTK 3 runtime, on macOS 'brew install pango', on Linux your distribution's "
            f"pango package ({exc}). The HTML report holds the same pages and prints to PDF "
            "from any browser.") from exc

    # WeasyPrint reads the SVG elements' style attributes as HTML CSS too and warns about
    # every SVG property; the SVG renderer itself uses them.
    logger = logging.getLogger("weasyprint")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        # Nothing to fetch: the page holds all it shows; only data: URLs are read.
        pdf = HTML(string=html, url_fetcher=_data_only).write_pdf()
    finally:
        logger.setLevel(level)
    assert pdf is not None
    return bytes(pdf)


def _data_only(url: str, timeout: int = 10, ssl_context: Any = None) -> Any:
    from weasyprint import default_url_fetcher

    if not url.startswith("data:"):
        raise ValueError(f"the report does not fetch anything ({url})")
    return default_url_fetcher(url, timeout=timeout, ssl_context=ssl_context)


def table_notes(data: ReportData) -> dict[str, str]:
    """The workbook's About sheet: scope, date and the query behind each sheet."""
    notes = {"Report": "Cross-review theme report (scrgraph)",
             "Scope": data.scope.describe(),
             "Generated": data.generated.isoformat(sep=" "),
             "As things stood on": data.as_of.isoformat(),
             "How to count": "A recommendation coded to two themes counts under each, and one "
                             "mapped to standards in two quadrants counts under each: rows of "
                             "the themes and quadrants sheets must not be added up. Likewise a "
                             "recommendation lacking several elements of the SMART check counts "
                             "under each row of the smart-gaps sheet."}
    for section in model.SECTIONS:
        notes[f"Sheet {section}"] = (f"{data.results[section].query.description} "
                                     f"Same rows as: {data.query_command(section)}")
    return notes


def write_csvs(data: ReportData, out_dir: Path) -> tuple[Path, ...]:
    """One CSV per section, in ``out_dir/tables/``."""
    folder = out_dir / "tables"
    folder.mkdir(parents=True, exist_ok=True)
    return tuple(tables.write_csv(folder / f"{section}.csv", result.columns, result.rows)
                 for section, result in data.results.items())


def write_workbook(data: ReportData, path: Path) -> Path:
    """One workbook: an About sheet, then a sheet per section."""
    return tables.write_xlsx(path, data.results, table_notes(data))


def write_report(data: ReportData, out_dir: Path, formats: tuple[str, ...] = FORMATS,
                 stem: str = "report") -> ReportFiles:
    """Write the report to ``out_dir`` as ``stem.html``, ``stem.pdf``, ``tables/*.csv`` and
    ``stem.xlsx`` (those of ``formats``)."""
    started = time.perf_counter()
    out_dir.mkdir(parents=True, exist_ok=True)
    html_path = pdf_path = xlsx_path = None
    csvs: tuple[Path, ...] = ()
    note = None
    if "html" in formats or "pdf" in formats:
        html = render_html(data)
        try:
            html_path, pdf_path = _write_pages(html, out_dir, stem, formats)
        except PdfUnavailable as exc:
            if formats != FORMATS:  # the PDF was asked for by name: say why it cannot be
                raise
            html_path, pdf_path = _write_pages(html, out_dir, stem, ("html",))
            note = f"No PDF: {exc}"
    if "csv" in formats:
        csvs = write_csvs(data, out_dir)
    if "xlsx" in formats:
        xlsx_path = write_workbook(data, out_dir / f"{stem}.xlsx")
    docx_path = None
    if "docx" in formats:
        from scrgraph.report.word import write_docx

        docx_path = write_docx(data, out_dir / f"{stem}.docx")
    return ReportFiles(html_path, pdf_path, csvs, xlsx_path, time.perf_counter() - started,
                       docx=docx_path, note=note)


def _write_pages(html: str, out_dir: Path, stem: str, formats: tuple[str, ...]
                 ) -> tuple[Path | None, Path | None]:
    """``stem.html`` and its print, ``stem.pdf`` (those of ``formats``), each written whole."""
    html_path = pdf_path = None
    if "html" in formats:
        html_path = write_text(out_dir / f"{stem}.html", html)
    if "pdf" in formats:
        pdf_path = out_dir / f"{stem}.pdf"
        with replacing(pdf_path) as temporary:
            temporary.write_bytes(html_to_pdf(html))
    return html_path, pdf_path


def briefing_stem(theme: str) -> str:
    return "briefing-" + (re.sub(r"[^a-z0-9]+", "-", theme.lower()).strip("-") or "theme")


def write_briefing(data: ReportData, out_dir: Path, formats: tuple[str, ...] = ("html", "pdf")
                   ) -> ReportFiles:
    """The seven-minute briefing as ``briefing-THEME.html`` and ``.pdf``."""
    started = time.perf_counter()
    out_dir.mkdir(parents=True, exist_ok=True)
    assert data.scope.theme
    stem = briefing_stem(data.scope.theme)
    html_path, pdf_path = _write_pages(render_briefing_html(data), out_dir, stem, formats)
    return ReportFiles(html_path, pdf_path, (), None, time.perf_counter() - started)
