"""Write the workbook format: the blank template with its Guide, and data exported back out.

Everything comes from ``loaders/workbook.toml`` and the ontology. Any value that a spreadsheet
would read as a formula (see ``cells``) is written as a quoted text cell in XLSX and with a
leading ``'`` in CSV, so it is never evaluated.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from scrgraph.files import replacing
from scrgraph.framework.codes import FRAMEWORK_CODE_LISTS, codes
from scrgraph.ingest import cells
from scrgraph.ingest.format import HELP_SHEETS, ColumnSpec, SheetSpec, workbook_spec

Rows = Mapping[str, Sequence[Mapping[str, Any]]]  # sheet name -> rows of field -> value


def cell_text(column: ColumnSpec, value: Any) -> str:
    """A value as an analyst would type it in the workbook."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if hasattr(value, "iso_format"):  # neo4j.time.Date
        return str(value.iso_format())
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def write_csv_folder(folder: Path, rows: Rows) -> list[Path]:
    """One CSV file per sheet (UTF-8 with BOM, so Excel opens it as UTF-8).

    An optional sheet with no rows (the Themes sheet when there are no local themes) gets no
    file, and an old one in the folder is removed, so that loading the folder again gives back
    exactly what was exported."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for sheet in workbook_spec().sheets:
        path = folder / sheet.file
        if sheet.optional and not rows.get(sheet.name):
            path.unlink(missing_ok=True)
            continue
        with replacing(path) as temporary, \
                temporary.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow([c.header for c in sheet.columns])
            for row in rows.get(sheet.name, []):
                writer.writerow([cells.escape(cell_text(c, row.get(c.field)))
                                 for c in sheet.columns])
        written.append(path)
    return written


def write_xlsx(path: Path, rows: Rows, *, guide: bool = True) -> Path:
    """A workbook with one sheet per table (and, by default, the Guide and Codes sheets)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor="1F4E79")
    spec = workbook_spec()
    if guide:
        _guide_sheet(book.create_sheet(HELP_SHEETS[0]), spec.sheets, header_font, header_fill)
        local = next((rows.get(s.name, []) for s in spec.sheets if s.cls == "LocalTheme"), [])
        _codes_sheet(book.create_sheet(HELP_SHEETS[1]), header_font, header_fill, local)
    for sheet in spec.sheets:
        ws = book.create_sheet(sheet.name)
        ws.append([c.header for c in sheet.columns])
        for cell in ws[1]:
            cell.font, cell.fill = header_font, header_fill
        for index, column in enumerate(sheet.columns, start=1):
            letter = ws.cell(row=1, column=index).column_letter
            ws.column_dimensions[letter].width = 40 if column.type == "text" else 18
            if column.type in ("label", "partial-date"):
                # Text, so that Excel keeps '3.140' and '1.10' as the report prints them.
                ws.column_dimensions[letter].number_format = "@"
            framework = column.vocab in FRAMEWORK_CODE_LISTS
            if column.type == "boolean" or (column.type == "code" and not framework):
                choices = codes(column.vocab) if column.vocab else ("Yes", "No")
                check = DataValidation(type="list", formula1='"' + ",".join(choices) + '"',
                                       allow_blank=not column.required)
                check.error = f"Choose one of: {', '.join(choices)}"
                ws.add_data_validation(check)
                check.add(f"{letter}2:{letter}5000")
        for row in rows.get(sheet.name, []):
            ws.append([_xlsx_value(c, row.get(c.field)) for c in sheet.columns])
            for cell in ws[ws.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # text, never a formula
                    # Excel keeps formula-like text as text even after the cell is edited.
                    cell.quotePrefix = cells.looks_like_formula(cell.value)
                    cell.alignment = Alignment(wrap_text=False)
        ws.freeze_panes = "A2"
    with replacing(path) as temporary:
        book.save(temporary)
    return path


def column_help(column: ColumnSpec) -> str:
    """The column's help, with the codes it takes when they are a short list."""
    if column.type == "code" and column.vocab and column.vocab not in FRAMEWORK_CODE_LISTS:
        return f"{column.help} One of: {', '.join(codes(column.vocab))}."
    return column.help


def _xlsx_value(column: ColumnSpec, value: Any) -> Any:
    if value is None:
        return None
    if column.type == "integer":
        return int(value)
    return cell_text(column, value)


def _guide_sheet(ws: Any, sheets: Sequence[SheetSpec], font: Any, fill: Any) -> None:
    ws.append(["scrgraph workbook: one sheet per table, one row per item. Codes in cells "
               "that take several are separated by ';'. See the Codes sheet for valid codes."])
    ws.append([])
    ws.append(["Sheet", "Column", "Required", "Type", "What to enter"])
    for cell in ws[3]:
        cell.font, cell.fill = font, fill
    words = {"id": "identifier", "text": "text", "label": "number or label, as printed",
             "date": "date (YYYY-MM-DD)",
             "partial-date": "date (YYYY-MM-DD), month (YYYY-MM) or year (YYYY)",
             "integer": "whole number", "boolean": "Yes or No", "code": "one code",
             "codes": "codes separated by ;", "ref": "an ID from another sheet",
             "refs": "IDs from another sheet, separated by ;",
             "keys": "keys separated by ;", "texts": "texts separated by ;"}
    for sheet in sheets:
        for column in sheet.columns:
            ws.append([sheet.name, column.header, "Yes" if column.required else "",
                       words[column.type], column_help(column)])
    for letter, width in zip("ABCDE", (18, 22, 10, 28, 90), strict=True):
        ws.column_dimensions[letter].width = width


def _codes_sheet(ws: Any, font: Any, fill: Any,
                 local: Sequence[Mapping[str, Any]] = ()) -> None:
    """Every code a cell takes: the framework's themes and standards, and the local themes
    of the workbook's Themes sheet (``local``: its rows), marked as local."""
    from scrgraph.framework.concepts import framework

    fw = framework()
    ws.append(["Kind", "Code", "Label", "Quadrant / group", "Also accepted"])
    for cell in ws[1]:
        cell.font, cell.fill = font, fill
    for theme in fw.themes:
        ws.append(["Theme", theme.code, theme.label, theme.kind,
                   "; ".join((*theme.alt_labels, *theme.hidden_labels))])
    for row in local:
        related = [*row.get("relatedQuadrants", []), *row.get("relatedStandards", [])]
        ws.append(["Local theme", row["id"], row.get("label", ""),
                   "local, not one of the 13; relates to " + ", ".join(related),
                   "; ".join(row.get("aliases", []))])
    for standard in fw.standards:
        ws.append(["Standard", standard.code, standard.outcome,
                   f"{standard.quadrant} {fw.quadrant(standard.quadrant).label}",
                   "; ".join((standard.label, *standard.alt_labels, *standard.hidden_labels))])
    for letter, width in zip("ABCDE", (10, 28, 90, 40, 60), strict=True):
        ws.column_dimensions[letter].width = width
