"""Rows of a query as a table (rich), CSV, JSON or Markdown.

Dates (Python or Neo4j temporal values) always appear as ISO text. In CSV, a text cell that a
spreadsheet would read as a formula (it starts with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return) gets a leading apostrophe, so opening an export cannot run anything.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Mapping, Sequence
from typing import Any

from rich.table import Table
from rich.text import Text

from scrgraph.ingest import cells


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
    """One CSV cell; text that could run as a spreadsheet formula is defused."""
    cell = text(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return cell
    return cells.escape(cell)


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


def _markdown_cell(value: Any) -> str:
    return text(value).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def to_markdown(columns: Sequence[str], rows: Sequence[Mapping[str, Any]]) -> str:
    lines = ["| " + " | ".join(_markdown_cell(c) for c in columns) + " |",
             "| " + " | ".join("---" for _ in columns) + " |"]
    lines += ["| " + " | ".join(_markdown_cell(row.get(c)) for c in columns) + " |"
              for row in rows]
    return "\n".join(lines) + "\n"


def to_table(columns: Sequence[str], rows: Sequence[Mapping[str, Any]],
             title: str | None = None) -> Table:
    table = Table(title=title, show_lines=False, highlight=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        # Text, not str: cell values are data, never rich markup.
        table.add_row(*(Text(text(row.get(c))) for c in columns))
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
