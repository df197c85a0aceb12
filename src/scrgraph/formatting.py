"""Rows of a query as a table (rich), CSV, JSON or Markdown.

Dates (Python or Neo4j temporal values) always appear as ISO text. In CSV, a text cell that a
spreadsheet would read as a formula (it starts with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return) gets a leading apostrophe, so opening an export cannot run anything.

Text from sources is data in every medium: on a terminal, control characters (an ANSI escape
sequence could recolour, move the cursor or retitle the window) and the marks that reverse the
direction of text are shown as visible escapes (``\\x1b``), and rich markup (``[bold]``) is
never interpreted; in Markdown, a cell stays on its line and in its column and cannot open an
HTML tag, a link or code span. HTML pages escape through their templates (Jinja2 autoescape).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

from rich.table import Table
from rich.text import Text

from scrgraph.ingest import cells

_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e"
                     "\u2066-\u2069]")


def visible(text: str) -> str:
    """``text`` with control characters (but newline and tab) and bidirectional-text controls
    written as visible escapes (``\\x1b``, ``\\u202e``), so that printing it cannot act on the
    terminal or hide what it says."""
    return _UNSAFE.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)


def terminal(message: str, *, prefix: str = "", style: str = "") -> Text:
    """A message for a rich console: its text exactly, escaped by :func:`visible`, never read
    as markup; ``prefix`` (e.g. ``Error:``) in ``style``."""
    shown = Text(visible(message))
    return Text.assemble((prefix, style), " ", shown) if prefix else shown


def plain(value: Any) -> Any:
    """A value as JSON-ready Python: temporal values as ISO text, containers recursively."""
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    iso_format = getattr(value, "iso_format", None)
    if callable(iso_format):  # neo4j.time Date, DateTime, Time, Duration
        return str(iso_format())
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(v) for v in value]
    return value


def text(value: Any) -> str:
    """A value as one cell of text: lists joined with '; ', maps as sorted 'key: value' pairs."""
    value = plain(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, dict):  # keys sorted: Neo4j maps have no order
        return ", ".join(f"{k}: {text(v)}" for k, v in sorted(value.items()))
    if isinstance(value, list):
        return "; ".join(_nested(v) for v in value)
    return str(value)


def _nested(value: Any) -> str:
    if isinstance(value, dict):
        return "(" + text(value) + ")"
    return text(value)


def csv_cell(value: Any) -> str:
    """One CSV cell; text that could run as a spreadsheet formula is defused, and control
    characters other than line breaks and tabs are shown as escapes, as on a terminal."""
    cell = text(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return cell
    return cells.escape("\r".join(visible(part) for part in cell.split("\r")))


def to_csv(columns: Sequence[str], rows: Sequence[Mapping[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([csv_cell(c) for c in columns])
    for row in rows:
        writer.writerow([csv_cell(row.get(c)) for c in columns])
    return out.getvalue()


def to_json(columns: Sequence[str], rows: Sequence[Mapping[str, Any]]) -> str:
    return json.dumps([{c: plain(row.get(c)) for c in columns} for row in rows], indent=2,
                      ensure_ascii=False)


_MARKDOWN_SPECIAL = re.compile(r"([\\|`\[\]])")
_LINE_BREAK = re.compile(r"\r\n|[\r\n\u2028\u2029]")


def _markdown_cell(value: Any) -> str:
    """A table cell: one line, a literal pipe, and no tag, link or code span of its own."""
    cell = visible(_LINE_BREAK.sub(" ", text(value)))
    cell = _MARKDOWN_SPECIAL.sub(r"\\\1", cell)
    return cell.replace("<", "&lt;").replace(">", "&gt;")


def to_markdown(columns: Sequence[str], rows: Sequence[Mapping[str, Any]]) -> str:
    lines = ["| " + " | ".join(_markdown_cell(c) for c in columns) + " |",
             "| " + " | ".join("---" for _ in columns) + " |"]
    lines += ["| " + " | ".join(_markdown_cell(row.get(c)) for c in columns) + " |"
              for row in rows]
    return "\n".join(lines) + "\n"


#: Fewer characters a column than this and a table is printed one row at a time instead.
NARROWEST_COLUMN = 12


def to_table(columns: Sequence[str], rows: Sequence[Mapping[str, Any]],
             title: str | None = None, width: int | None = None) -> Table:
    """Rows as a terminal table; when ``width`` (the terminal's) leaves too little for each
    column (``report-summary`` has 26), one row at a time: its columns down, their values
    beside them, as psql's expanded display does."""
    if width is not None and columns and width < NARROWEST_COLUMN * len(columns):
        return _by_row(columns, rows, title)
    table = Table(title=title, show_lines=False, highlight=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        # Text, not str: cell values are data, never rich markup.
        table.add_row(*(Text(visible(text(row.get(c)))) for c in columns))
    return table


def _by_row(columns: Sequence[str], rows: Sequence[Mapping[str, Any]],
            title: str | None) -> Table:
    table = Table(title=title, show_lines=False, highlight=False, show_header=False)
    table.add_column("column", style="bold", no_wrap=True)
    table.add_column("value", overflow="fold")
    for number, row in enumerate(rows, 1):
        if len(rows) > 1:
            if number > 1:
                table.add_section()
            table.add_row(Text(f"row {number}", style="italic"), "")
        for column in columns:
            table.add_row(Text(column), Text(visible(text(row.get(column)))))
    return table


def render(columns: Sequence[str], rows: Sequence[Mapping[str, Any]], fmt: str) -> str:
    """CSV, JSON or Markdown text (tables are rich objects: use ``to_table``)."""
    if fmt == "csv":
        return to_csv(columns, rows)
    if fmt == "json":
        return to_json(columns, rows)
    if fmt == "markdown":
        return to_markdown(columns, rows)
    raise ValueError(f"no text format {fmt!r} (use csv, json or markdown)")


def published_words(value: Any, fmt: str) -> str:
    """A review's publication date in ``fmt``, or words saying the report gave no full date
    (queries return ``published`` only when the day is known; see ``publishedAs``)."""
    if value is None:
        return "date not given in full"
    return format(value, fmt)
