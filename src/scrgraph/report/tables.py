"""Query results as files an analyst can hand on: CSV that Excel opens, and .xlsx workbooks.

Numbers stay numbers and dates stay dates (so a spreadsheet can sort, filter and sum them);
a nested breakdown (a map such as ``by_partnership_type``) becomes one column per key
(``by_partnership_type: children``), never a packed cell; a list becomes one cell of text
joined with "; ". Text that a spreadsheet would run as a formula is defused, as everywhere in
scrgraph.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from scrgraph import formatting
from scrgraph.files import replacing, write_text
from scrgraph.results import QueryResult

#: What ``write_table`` writes, by file suffix.
SUFFIX_FORMATS = {".csv": "csv", ".xlsx": "xlsx", ".json": "json", ".md": "markdown"}


def flatten(columns: Sequence[str], rows: Sequence[Mapping[str, Any]]
            ) -> tuple[list[str], list[dict[str, Any]]]:
    """Columns whose values are maps become one column per key, keys sorted (Neo4j maps have
    no order)."""
    out_columns: list[str] = []
    expanded: dict[str, list[str]] = {}
    for column in columns:
        keys: list[str] = []
        for row in rows:
            value = row.get(column)
            if isinstance(value, Mapping):
                keys += [str(k) for k in value if str(k) not in keys]
        if keys:
            keys.sort()
            expanded[column] = keys
            out_columns += [f"{column}: {key}" for key in keys]
        else:
            out_columns.append(column)
    out_rows = []
    for row in rows:
        flat: dict[str, Any] = {}
        for column in columns:
            value = row.get(column)
            if column in expanded:
                for key in expanded[column]:
                    flat[f"{column}: {key}"] = (value or {}).get(key)
            else:
                flat[column] = value
        out_rows.append(flat)
    return out_columns, out_rows


def cell(value: Any) -> Any:
    """One spreadsheet cell: numbers, booleans and dates as they are, anything else as text."""
    if value is None:
        return None
    if isinstance(value, bool | int | float | dt.datetime | dt.date):
        if isinstance(value, dt.datetime) and value.tzinfo is not None:
            return value.replace(tzinfo=None)  # Excel has no time zones
        return value
    return formatting.csv_cell(value)


def write_csv(path: Path, columns: Sequence[str], rows: Sequence[Mapping[str, Any]]) -> Path:
    """CSV with a BOM (so Excel reads it as UTF-8), maps spread into columns."""
    columns, flat = flatten(columns, rows)
    with replacing(path) as temporary, \
            temporary.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([formatting.csv_cell(c) for c in columns])
        for row in flat:
            writer.writerow([formatting.csv_cell(row.get(c)) for c in columns])
    return path


def write_xlsx(path: Path, sheets: Mapping[str, QueryResult],
               notes: Mapping[str, str] | None = None) -> Path:
    """One sheet per result (named by the key, at most 31 characters), with a header row,
    filters, frozen header and dates formatted as dates. ``notes`` adds a first sheet
    ("About") with one line per entry.

    Written row by row (openpyxl's write-only mode): a national report's recommendations
    sheet (144,629 rows) held as cells took about a gigabyte on top of its rows."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    bold = Font(bold=True)
    if notes:
        about = book.create_sheet("About")
        about.column_dimensions["A"].width = 28
        about.column_dimensions["B"].width = 110
        wrap = Alignment(wrap_text=True, vertical="top")
        for key, text in notes.items():
            name_cell, text_cell = WriteOnlyCell(about, cell(key)), WriteOnlyCell(about, cell(text))
            name_cell.font, text_cell.alignment = bold, wrap
            about.append([name_cell, text_cell])
    for name, result in sheets.items():
        sheet = book.create_sheet(name[:31])
        columns, rows = flatten(result.columns, result.rows)
        # What the sheet needs before its first row: widths, frozen header, filter.
        widths = [len(c) for c in columns]
        for row in rows:
            for c, column in enumerate(columns):
                value = row.get(column)
                shown = 10 if isinstance(value, dt.date) else len(formatting.text(value))
                widths[c] = max(widths[c], min(shown, 60))
        for c, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(c)].width = width + 2
        sheet.freeze_panes = "A2"
        if rows:
            sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"
        header = [WriteOnlyCell(sheet, cell(c)) for c in columns]
        for heading in header:
            heading.font = bold
        sheet.append(header)
        for row in rows:
            sheet.append([_xlsx_cell(sheet, row.get(c)) for c in columns])
    path.parent.mkdir(parents=True, exist_ok=True)
    with replacing(path) as temporary:
        book.save(temporary)
    return path


def _xlsx_cell(sheet: Any, value: Any) -> Any:
    """A value as ``cell`` gives it; a date or time as a cell formatted as one."""
    from openpyxl.cell import WriteOnlyCell

    value = cell(value)
    if isinstance(value, dt.date):
        dated = WriteOnlyCell(sheet, value)
        dated.number_format = ("yyyy-mm-dd hh:mm" if isinstance(value, dt.datetime)
                               else "yyyy-mm-dd")
        return dated
    return value


def table_format(path: Path, fmt: str | None = None) -> str:
    """The format to write ``path`` in: ``fmt`` if given, else from its suffix."""
    if fmt:
        return fmt
    found = SUFFIX_FORMATS.get(path.suffix.lower())
    if found is None:
        from scrgraph.errors import CatalogError

        raise CatalogError(f"Cannot tell the format of {path.name} from its name: use .csv, "
                           ".xlsx, .json or .md, or give --format.")
    return found


def write_result(result: QueryResult, path: Path, fmt: str | None = None) -> Path:
    """One query's rows written to ``path`` as csv, xlsx, json or markdown."""
    fmt = table_format(path, fmt)
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "xlsx":
        return write_xlsx(path, {result.query.name: result})
    if fmt == "csv":
        return write_csv(path, result.columns, result.rows)
    write_text(path, formatting.render(result.columns, result.rows, fmt))
    return path
