"""Read the analysts' files as raw tables: an ``.xlsx`` workbook, a folder of ``.csv`` files
(one per sheet) or one ``.csv`` file. Values are as typed; checking them is ``sheets``' job.
"""

from __future__ import annotations

import csv
import io
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scrgraph.errors import SourceError
from scrgraph.ingest.files import MAX_FILE_BYTES, regular_file
from scrgraph.ingest.format import WorkbookSpec
from scrgraph.ingest.problems import Problem


@dataclass(frozen=True)
class RawTable:
    """A sheet or CSV file as read: headers and rows of cell values with their row numbers."""

    name: str
    file: str
    headers: tuple[str, ...]
    rows: tuple[tuple[int, tuple[Any, ...]], ...]
    formula_cells: frozenset[tuple[int, int]] = frozenset()


MAX_ROWS = 250_000
"""The most rows one sheet may have: room for a national corpus (about 150,000
recommendations, issue 16) in one load, while a file far beyond it is refused before it is
read. A load holds its data in memory: about 0.8 GiB for 15,000 recommendations, measured."""


def read_tables(path: Path, spec: WorkbookSpec) -> tuple[list[RawTable], list[Problem]]:
    """Read a workbook, a folder of CSV files, or one CSV file into raw tables."""
    try:
        is_folder = stat.S_ISDIR(path.stat().st_mode)
    except OSError:
        is_folder = False
    if is_folder:
        return _read_csv_folder(path, spec)
    regular_file(path)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return _read_xlsx(path)
    if suffix == ".csv":
        sheet = spec.by_file(path.name)
        if sheet is None:
            names = ", ".join(s.file for s in spec.sheets)
            raise SourceError(
                f"{path.name}: a CSV file must be named after its sheet ({names}), or put the "
                "CSV files in one folder and load the folder."
            )
        table, problems = _read_csv(path, sheet.name)
        return ([table] if table else []), problems
    if suffix in (".xls", ".xlsm", ".xlsb", ".ods", ".numbers"):
        raise SourceError(
            f"{path.name}: scrgraph reads .xlsx workbooks. Open the file in Excel and save it "
            "as 'Excel Workbook (.xlsx)'."
        )
    raise SourceError(
        f"{path.name}: not a file scrgraph can load. Give an .xlsx workbook, a folder of .csv "
        "files, or RDF (.ttl, .jsonld)."
    )


def read_file_tables(path: Path) -> tuple[list[RawTable], list[Problem]]:
    """An ``.xlsx`` workbook's sheets, or one ``.csv`` file as one table named after the file,
    whatever the sheets are called: for files that need not follow the workbook format (a
    list of recommendations to tag, a labelled set)."""
    regular_file(path)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return _read_xlsx(path)
    if suffix == ".csv":
        table, problems = _read_csv(path, path.stem)
        return ([table] if table else []), problems
    raise SourceError(f"{path.name}: give an .xlsx workbook or a .csv file.")


def _read_csv_folder(folder: Path, spec: WorkbookSpec) -> tuple[list[RawTable], list[Problem]]:
    tables: list[RawTable] = []
    problems: list[Problem] = []
    for sheet in spec.sheets:
        path = folder / sheet.file
        if not path.exists() and not path.is_symlink():
            continue  # reported as a missing sheet by check_workbook
        regular_file(path)
        table, found = _read_csv(path, sheet.name)
        problems.extend(found)
        if table:
            tables.append(table)
    return tables, problems


def _read_csv(path: Path, sheet: str) -> tuple[RawTable | None, list[Problem]]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(
            path.name,
            f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02X} on line {line}). In "
            "Excel, save it as 'CSV UTF-8 (Comma delimited)'.", sheet=sheet, row=line)]
    if "\x00" in text:
        return None, [Problem(path.name, "the file is not a CSV text file.", sheet=sheet)]
    # strict: a quote out of place is an error, never a guess at where a cell ends.
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[tuple[int, list[str]]] = []
    try:
        for row in reader:
            rows.append((reader.line_num, row))
            if len(rows) > MAX_ROWS + 1:
                return None, [Problem(path.name, f"the file has more than {MAX_ROWS:,} rows; "
                                      "split it into several loads.", sheet=sheet)]
    except csv.Error as exc:
        why = str(exc)
        if "field larger than field limit" in why:
            why = (f"a cell is longer than {csv.field_size_limit():,} characters (the most is "
                   "20,000)")
        return None, [Problem(path.name, f"cannot read the CSV: {why}.", sheet=sheet,
                              row=reader.line_num)]
    if not rows:
        return RawTable(sheet, path.name, (), ()), []
    headers = tuple(h.strip() for h in rows[0][1])
    problems = [Problem(path.name, f"the row has {len(row)} cells but the header has "
                        f"{len(headers)}; a comma or quote may be out of place.", sheet=sheet,
                        row=number)
                for number, row in rows[1:]
                if len(row) > len(headers) and any(cell.strip() for cell in row[len(headers):])]
    if problems:
        return None, problems
    body = tuple((number, tuple(row)) for number, (_, row) in enumerate(rows[1:], start=2))
    return RawTable(sheet, path.name, headers, body), []


def _read_xlsx(path: Path) -> tuple[list[RawTable], list[Problem]]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    if not zipfile.is_zipfile(path):
        head = path.read_bytes()[:8]
        if head.startswith(b"\xd0\xcf\x11\xe0"):
            raise SourceError(
                f"{path.name}: the workbook is password-protected (or in the old .xls format). "
                "Remove the password (File > Info > Protect Workbook) and save it as .xlsx."
            )
        raise SourceError(f"{path.name}: the file is not a valid .xlsx workbook (it may be "
                          "damaged). Open it in Excel and save it again as .xlsx.")
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise SourceError(f"{path.name}: the workbook cannot be opened ({exc}). Open it in "
                          "Excel and save it again as .xlsx.") from None
    if unpacked > MAX_FILE_BYTES:
        raise SourceError(f"{path.name}: the workbook unpacks to {unpacked / 2**20:,.0f} MB; "
                          f"scrgraph reads workbooks of up to {MAX_FILE_BYTES // 2**20} MB "
                          "unpacked. Remove what the load does not need, or split it.")
    try:
        # data_only=False: a formula stays a formula, so it is reported, never evaluated.
        book = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise SourceError(f"{path.name}: the workbook cannot be opened ({exc}). Open it in "
                          "Excel and save it again as .xlsx.") from None
    tables = []
    try:
        for sheet in book.worksheets:
            rows = sheet.iter_rows()
            header_cells = next(rows, ())
            headers = tuple(str(c.value).strip() if c.value is not None else ""
                            for c in header_cells)
            body: list[tuple[int, tuple[Any, ...]]] = []
            formulas = set()
            for row_cells in rows:
                if len(body) >= MAX_ROWS:
                    raise SourceError(f"{path.name}: the sheet {sheet.title} has more than "
                                      f"{MAX_ROWS:,} rows; split it into several loads.")
                values = []
                number = 0
                for index, cell in enumerate(row_cells):
                    number = getattr(cell, "row", number) or number
                    if getattr(cell, "data_type", None) == "f":
                        formulas.add((number, index))
                    values.append(cell.value)
                if number:
                    body.append((number, tuple(values)))
            tables.append(RawTable(sheet.title, path.name, headers, tuple(body),
                                   frozenset(formulas)))
    finally:
        book.close()
    return tables, []
