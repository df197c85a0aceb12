"""Read the analysts' workbook (``.xlsx``, or its tables as ``.csv`` files) into checked items.

Nothing here touches the database. Every problem found is collected (not just the first), each
naming file, sheet, row, column and value in words an analyst understands; a caller that gets
any problem writes nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from scrgraph import cells
from scrgraph.errors import SourceError
from scrgraph.mapping import (
    FRAMEWORK_VOCABULARIES,
    ColumnSpec,
    SheetSpec,
    WorkbookSpec,
    codes,
    workbook_spec,
)

MAX_CELL_CHARS = 20_000
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._\-/]*$")
_TRUE = {"yes", "y", "true", "1"}
_FALSE = {"no", "n", "false", "0"}
_UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located as precisely as the input allows."""

    file: str
    message: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: Any = None

    def __str__(self) -> str:
        where = [self.file]
        if self.sheet:
            where.append(f"sheet {self.sheet}")
        if self.row:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column '{self.column}'")
        text = ", ".join(where) + ": " + self.message
        if self.value not in (None, "") and repr(str(self.value)) not in self.message:
            shown = str(self.value)
            shown = shown if len(shown) <= 60 else shown[:57] + "..."
            text += f" (value: {shown!r})"
        return text


class Vocabularies(Protocol):
    """Resolves framework codes (themes, standards) typed in cells."""

    def resolve(self, vocab: str, text: str) -> str | None: ...

    def suggest(self, vocab: str, text: str) -> str | None: ...


@dataclass(frozen=True)
class RawTable:
    """A sheet or CSV file as read: headers and rows of cell values with their row numbers."""

    name: str
    file: str
    headers: tuple[str, ...]
    rows: tuple[tuple[int, tuple[Any, ...]], ...]
    formula_cells: frozenset[tuple[int, int]] = frozenset()


@dataclass(frozen=True)
class Item:
    """One checked row: typed values by field name, and where it came from."""

    sheet: str
    file: str
    row: int
    values: dict[str, Any]

    @property
    def id(self) -> str:
        return str(self.values["id"])


@dataclass
class Workbook:
    """The checked items of every sheet, in source order."""

    source: Path
    items: dict[str, list[Item]] = field(default_factory=dict)

    def sheet(self, name: str) -> list[Item]:
        return self.items.get(name, [])


# -- reading files ---------------------------------------------------------------------------


def read_tables(path: Path, spec: WorkbookSpec) -> tuple[list[RawTable], list[Problem]]:
    """Read a workbook, a folder of CSV files, or one CSV file into raw tables."""
    if not path.exists():
        raise SourceError(f"{path}: no such file or folder.")
    if path.is_dir():
        return _read_csv_folder(path, spec)
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


def _read_csv_folder(folder: Path, spec: WorkbookSpec) -> tuple[list[RawTable], list[Problem]]:
    tables: list[RawTable] = []
    problems: list[Problem] = []
    for sheet in spec.sheets:
        path = folder / sheet.file
        if not path.exists():
            continue  # reported as a missing sheet by check_workbook
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
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        return None, [Problem(path.name, f"cannot read the CSV ({exc}).", sheet=sheet)]
    if not rows:
        return RawTable(sheet, path.name, (), ()), []
    headers = tuple(h.strip() for h in rows[0])
    body = tuple((number, tuple(row)) for number, row in enumerate(rows[1:], start=2))
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
            body = []
            formulas = set()
            for row_cells in rows:
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


# -- checking ---------------------------------------------------------------------------------


def load_workbook(path: Path, vocabularies: Vocabularies,
                  today: dt.date | None = None) -> tuple[Workbook, list[Problem]]:
    """Read and check a workbook; the problems list is empty when it can be loaded."""
    spec = workbook_spec()
    tables, problems = read_tables(path, spec)
    workbook = Workbook(path)
    checker = _Checker(vocabularies, today or dt.date.today())
    by_name = {t.name.strip().lower(): t for t in tables}
    for sheet in spec.sheets:
        table = by_name.get(sheet.name.lower())
        if table is None:
            if not any(p.sheet == sheet.name for p in problems):
                problems.append(_missing_sheet(path, sheet, tables))
            continue
        items, found = checker.check_table(table, sheet)
        workbook.items[sheet.name] = items
        problems.extend(found)
    problems.extend(_check_links(workbook, spec))
    return workbook, problems


def _missing_sheet(path: Path, sheet: SheetSpec, tables: list[RawTable]) -> Problem:
    if path.is_dir():
        return Problem(path.name, f"the folder has no file '{sheet.file}' for the "
                       f"{sheet.name} sheet.", sheet=sheet.name)
    present = ", ".join(t.name for t in tables) or "none"
    return Problem(path.name, f"the workbook has no sheet named '{sheet.name}' (it has: "
                   f"{present}).", sheet=sheet.name)


class _Checker:
    def __init__(self, vocabularies: Vocabularies, today: dt.date) -> None:
        self.vocabularies = vocabularies
        self.today = today

    def check_table(self, table: RawTable, sheet: SheetSpec) -> tuple[list[Item], list[Problem]]:
        problems: list[Problem] = []
        positions: dict[str, int] = {}
        lowered = [h.lower() for h in table.headers]
        for column in sheet.columns:
            if column.header.lower() in lowered:
                positions[column.field] = lowered.index(column.header.lower())
            elif column.required:
                close = difflib.get_close_matches(column.header, list(table.headers), n=1)
                hint = f"; is '{close[0]}' meant to be it?" if close else "."
                problems.append(Problem(table.file, f"the required column '{column.header}' "
                                        f"is missing{hint}", sheet=sheet.name, row=1))
        if problems:
            return [], problems
        items = []
        seen: dict[str, int] = {}
        for number, values in table.rows:
            if all(v is None or str(v).strip() == "" for v in values):
                continue
            item_values: dict[str, Any] = {}
            for column in sheet.columns:
                index = positions.get(column.field)
                raw = values[index] if index is not None and index < len(values) else None
                where: dict[str, Any] = dict(file=table.file, sheet=sheet.name, row=number,
                                             column=column.header)
                if index is not None and (number, index) in table.formula_cells:
                    problems.append(Problem(
                        message="the cell holds a formula; scrgraph reads values only. Copy "
                        "the column and paste it back as values.", value=raw, **where))
                    continue
                value, problem = self.convert(column, raw, sheet.name)
                if problem:
                    problems.append(Problem(message=problem, value=raw, **where))
                elif value is not None:
                    item_values[column.field] = value
            item = Item(sheet.name, table.file, number, item_values)
            if "id" in item_values:
                if item.id in seen:
                    problems.append(Problem(
                        table.file, f"the ID '{item.id}' is used twice (first on row "
                        f"{seen[item.id]}); each row needs its own ID.", sheet=sheet.name,
                        row=number, column=sheet.id_column.header, value=item.id))
                    continue
                seen[item.id] = number
            items.append(item)
        return items, problems

    def convert(self, column: ColumnSpec, raw: Any, sheet: str) -> tuple[Any, str | None]:
        """A cell's typed value, or a message saying what is wrong with it."""
        if raw is None or (isinstance(raw, str) and raw.strip() == ""):
            if column.required:
                return None, "this cell is empty but must be filled in."
            return None, None
        if isinstance(raw, str) and len(raw) > MAX_CELL_CHARS:
            return None, (f"the cell holds {len(raw):,} characters; the most scrgraph accepts "
                          f"is {MAX_CELL_CHARS:,}.")
        kind = column.type
        if kind == "date":
            return self._date(column, raw)
        text = str(raw).strip() if not isinstance(raw, float) or not raw.is_integer() \
            else str(int(raw))
        if kind == "text":
            # Exported CSV writes "=x" as "'=x" so a spreadsheet never runs it; read back,
            # it is the text "=x" again.
            return cells.unescape(text), None
        if kind == "id":
            if not _ID.match(text):
                return None, (f"'{text}' is not a valid ID: use letters, digits and - . _ / "
                              "only, with no spaces.")
            return text, None
        if kind == "integer":
            try:
                return int(text), None
            except ValueError:
                return None, f"'{text}' is not a whole number."
        if kind == "boolean":
            if text.lower() in _TRUE:
                return True, None
            if text.lower() in _FALSE:
                return False, None
            return None, f"'{text}' should be Yes or No."
        parts = [p.strip() for p in text.split(";") if p.strip()] if column.multiple else [text]
        if kind in ("ref", "refs"):
            bad = [p for p in parts if not _ID.match(p)]
            if bad:
                return None, f"'{bad[0]}' is not a valid ID."
            return (parts if column.multiple else parts[0]), None
        resolved = []
        for part in parts:
            code, problem = self._code(column, part)
            if problem:
                return None, problem
            resolved.append(code)
        return (sorted(set(resolved)) if column.multiple else resolved[0]), None

    def _code(self, column: ColumnSpec, text: str) -> tuple[str | None, str | None]:
        vocab = column.vocab
        assert vocab is not None
        if vocab not in FRAMEWORK_VOCABULARIES:
            allowed = codes(vocab)
            lowered = {v.lower(): v for v in allowed}
            if text.lower() in lowered:
                return lowered[text.lower()], None
            close = difflib.get_close_matches(text.lower(), list(lowered), n=1, cutoff=0.5)
            hint = f" Did you mean '{lowered[close[0]]}'?" if close else ""
            return None, f"'{text}' is not one of: {', '.join(allowed)}.{hint}"
        code = self.vocabularies.resolve(vocab, text)
        if code is not None:
            return code, None
        suggestion = self.vocabularies.suggest(vocab, text)
        noun = {"themes": "theme", "standards": "practice standard"}[vocab]
        hint = f" Did you mean '{suggestion}'?" if suggestion else ""
        return None, (f"'{text}' is not a {noun} code of the framework.{hint} The Codes sheet "
                      "of 'scrgraph template' lists them all.")

    def _date(self, column: ColumnSpec, raw: Any) -> tuple[Any, str | None]:
        if isinstance(raw, dt.datetime):
            value = raw.date()
        elif isinstance(raw, dt.date):
            value = raw
        else:
            text = str(raw).strip()
            try:
                value = dt.date.fromisoformat(text)
            except ValueError:
                match = _UK_DATE.match(text)
                try:
                    if not match:
                        raise ValueError
                    value = dt.date(int(match[3]), int(match[2]), int(match[1]))
                except ValueError:
                    return None, f"'{text}' is not a date; write dates as YYYY-MM-DD."
        if column.field in _PAST_FIELDS and value > self.today:
            return None, (f"{value.isoformat()} is in the future; "
                          f"'{column.header}' must be a date that has passed.")
        return value, None


# Dates that record something that happened cannot lie in the future.
_PAST_FIELDS = frozenset({"published", "completed", "codedOn"})


def _check_links(workbook: Workbook, spec: WorkbookSpec) -> list[Problem]:
    """References between sheets, and rules that need two sheets at once."""
    problems: list[Problem] = []
    ids = {s.name: {i.id for i in workbook.sheet(s.name)} for s in spec.sheets}
    for sheet in spec.sheets:
        for column in sheet.columns:
            if column.ref is None:
                continue
            target = spec.sheet(column.ref)
            for item in workbook.sheet(sheet.name):
                value = item.values.get(column.field)
                for ref in _as_list(value):
                    if ref not in ids[target.name]:
                        problems.append(Problem(
                            item.file, f"'{ref}' is not a {target.id_column.header} on the "
                            f"{target.name} sheet.", sheet=sheet.name, row=item.row,
                            column=column.header, value=ref))
    reviews = {i.id: i for i in workbook.sheet("Reviews")}
    recommendations = {i.id: i for i in workbook.sheet("Recommendations")}
    actions_sheet = spec.sheet("Actions")
    for action in workbook.sheet("Actions"):
        values = action.values
        where: dict[str, Any] = dict(file=action.file, sheet="Actions", row=action.row)
        status = values.get("status")
        if status in ("not-implemented", "superseded") and not values.get("statusReason"):
            problems.append(Problem(
                message=f"an action that is '{status}' needs a 'Status reason'.",
                column=actions_sheet.column("statusReason").header, **where))
        recommendation = recommendations.get(str(values.get("recommendation")))
        review = reviews.get(str(recommendation.values.get("review"))) if recommendation else None
        published = review.values.get("published") if review else None
        due = values.get("due")
        if published and due and due < published:
            problems.append(Problem(
                message=f"the due date {due.isoformat()} is before the review was published "
                f"({published.isoformat()}).", column=actions_sheet.column("due").header,
                value=due.isoformat(), **where))
    return problems


def _as_list(value: Any) -> Iterable[str]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]
