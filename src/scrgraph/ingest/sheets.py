"""Check the rows of an analysts' workbook (or its CSV folder) into typed items.

Nothing here touches the database. Every problem found is collected (not just the first), each
naming file, sheet, row, column and value in words an analyst understands; a caller that gets
any problem writes nothing.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Protocol

from scrgraph.framework.codes import FRAMEWORK_CODE_LISTS, codes
from scrgraph.ingest import cells
from scrgraph.ingest.format import (
    HELP_SHEETS,
    ColumnSpec,
    Item,
    SheetSpec,
    Workbook,
    WorkbookSpec,
    workbook_spec,
)
from scrgraph.ingest.problems import Problem
from scrgraph.ingest.tables import RawTable, read_tables

MAX_CELL_CHARS = 20_000
MAX_ID_CHARS = 200  # an ID is a key Neo4j indexes, and people read it in every message
MAX_LABEL_CHARS = 40  # a number as a report prints it: '3', '9.1 b', 'IMR-POLICE-1'
MAX_INTEGER = 2**63 - 1  # Neo4j stores integers in 64 bits
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._\-/]*$")
_TRUE = {"yes", "y", "true", "1"}
_FALSE = {"no", "n", "false", "0"}
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


class CodeResolver(Protocol):
    """Resolves framework codes (themes, standards, quadrants) typed in cells, and local
    themes once their declarations have been read."""

    def resolve(self, code_list: str, text: str) -> str | None: ...

    def suggest(self, code_list: str, text: str) -> str | None: ...

    def declare_themes(self, items: Sequence[Item]) -> None:
        """Learn the local themes of a Themes sheet's checked rows, so that the sheets read
        after it (Recommendations) can code them."""


def read_workbook(path: Path, resolver: CodeResolver) -> tuple[Workbook, list[Problem]]:
    """Read and check a workbook; the problems list is empty when it can be loaded."""
    spec = workbook_spec()
    tables, problems = read_tables(path, spec)
    workbook = Workbook(path)
    checker = _Checker(resolver)
    by_name = {t.name.strip().lower(): t for t in tables}
    broken: set[str] = set()  # sheets some of whose rows could not be read with their IDs
    for sheet in spec.sheets:
        table = by_name.get(sheet.name.lower())
        if table is None and sheet.optional:
            continue
        if table is None:
            broken.add(sheet.name)
            if not any(p.sheet == sheet.name for p in problems):
                problems.append(_missing_sheet(path, sheet, tables))
            continue
        items, found = checker.check_table(table, sheet)
        workbook.items[sheet.name] = items
        problems.extend(found)
        if sheet.cls == LOCAL_THEME_CLASS:
            resolver.declare_themes(items)
        if any(p.row == 1 or p.column == sheet.id_column.header for p in found):
            broken.add(sheet.name)
    problems.extend(_check_links(workbook, spec, broken))
    workbook.warnings.extend(_unread(path, spec, tables))
    return workbook, problems


def _unread(path: Path, spec: WorkbookSpec, tables: list[RawTable]) -> list[Problem]:
    """Sheets (or CSV files in a folder) the format does not declare: nothing in them is
    loaded, which the analyst should hear about rather than find out later."""
    read = ", ".join(s.name for s in spec.sheets)
    if path.is_dir():
        files = sorted(f.name for f in path.iterdir() if f.suffix.lower() == ".csv"
                       and spec.by_file(f.name) is None)
        return [Problem(name, "the file is not one of the CSV files scrgraph reads ("
                        + ", ".join(s.file for s in spec.sheets) + "), so nothing in it was "
                        "read. Rename it if it is meant to be one of them.") for name in files]
    known = {s.name.lower() for s in spec.sheets} | {h.lower() for h in HELP_SHEETS}
    return [Problem(path.name, f"the sheet '{t.name}' is not one scrgraph reads ({read}), so "
                    "nothing in it was read. Rename it if it is meant to be one of them.",
                    sheet=t.name)
            for t in tables if t.name.strip().lower() not in known]


def _missing_sheet(path: Path, sheet: SheetSpec, tables: list[RawTable]) -> Problem:
    if path.is_dir():
        return Problem(path.name, f"the folder has no file '{sheet.file}' for the "
                       f"{sheet.name} sheet.", sheet=sheet.name)
    present = ", ".join(t.name for t in tables) or "none"
    return Problem(path.name, f"the workbook has no sheet named '{sheet.name}' (it has: "
                   f"{present}).", sheet=sheet.name)


class _Checker:
    def __init__(self, resolver: CodeResolver) -> None:
        self.resolver = resolver

    def check_table(self, table: RawTable, sheet: SheetSpec) -> tuple[list[Item], list[Problem]]:
        problems: list[Problem] = []
        positions: dict[str, int] = {}
        lowered = [h.lower() for h in table.headers]
        known = {c.header.lower() for c in sheet.columns}
        for position, header in enumerate(table.headers):
            if not header:
                continue
            if lowered.index(header.lower()) != position:
                problems.append(Problem(table.file, f"the column '{header}' appears twice; "
                                        "keep one of them.", sheet=sheet.name, row=1))
            elif header.lower() not in known:
                # A misspelt optional column would otherwise be ignored, and its values in
                # the database cleared, without a word.
                close = difflib.get_close_matches(header, [c.header for c in sheet.columns],
                                                  n=1, cutoff=0.6)
                hint = (f" Did you mean '{close[0]}'?" if close else
                        f" The {sheet.name} sheet's columns are: "
                        + ", ".join(c.header for c in sheet.columns) + ".")
                problems.append(Problem(table.file, f"'{header}' is not a column of the "
                                        f"{sheet.name} sheet.{hint}", sheet=sheet.name, row=1))
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
            if "id" not in item_values:
                continue  # its ID cell's problem is reported; a row without one is no item
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
        if kind == "partial-date":
            return self._partial_date(column, raw)
        if kind in _CODE_TYPES and isinstance(raw, float) and not raw.is_integer():
            # A spreadsheet keeps 1.10 typed in a number cell as 1.1: what was typed is lost.
            return None, (f"the cell holds the number {raw:g}, and a spreadsheet turns some "
                          "codes typed as numbers into others (1.10 becomes 1.1). Format the "
                          f"{column.header} column as Text and type its codes again.")
        text = str(raw).strip() if not isinstance(raw, float) or not raw.is_integer() \
            else str(int(raw))
        if kind == "text":
            # Exported CSV writes "=x" as "'=x" so a spreadsheet never runs it; read back,
            # it is the text "=x" again.
            return cells.unescape(text), None
        if kind == "texts":
            return sorted({cells.unescape(p.strip()) for p in text.split(";") if p.strip()}), None
        if kind == "label":
            if len(text) > MAX_LABEL_CHARS:
                return None, (f"'{text[:MAX_LABEL_CHARS]}...' is too long for a number: give "
                              f"the label the report prints (at most {MAX_LABEL_CHARS} "
                              "characters), e.g. 3, 1a or 9.1 b.")
            return text, None
        if kind == "id":
            if not _ID.match(text):
                return None, (f"'{text}' is not a valid ID: use letters, digits and - . _ / "
                              "only, with no spaces.")
            if len(text) > MAX_ID_CHARS:
                return None, (f"the ID has {len(text):,} characters; an ID can have at most "
                              f"{MAX_ID_CHARS}.")
            return text, None
        if kind == "integer":
            try:
                number = int(text)
            except ValueError:
                return None, f"'{text}' is not a whole number."
            if abs(number) > MAX_INTEGER:
                return None, f"{text} is too large a number."
            return number, None
        if kind == "boolean":
            if text.lower() in _TRUE:
                return True, None
            if text.lower() in _FALSE:
                return False, None
            return None, f"'{text}' should be Yes or No."
        parts = [p.strip() for p in text.split(";") if p.strip()] if column.multiple else [text]
        if kind in ("ref", "refs", "keys"):
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
        if vocab not in FRAMEWORK_CODE_LISTS:
            allowed = codes(vocab)
            lowered = {v.lower(): v for v in allowed}
            if text.lower() in lowered:
                return lowered[text.lower()], None
            close = difflib.get_close_matches(text.lower(), list(lowered), n=1, cutoff=0.5)
            hint = f" Did you mean '{lowered[close[0]]}'?" if close else ""
            return None, f"'{text}' is not one of: {', '.join(allowed)}.{hint}"
        code = self.resolver.resolve(vocab, text)
        if code is not None:
            return code, None
        other = "standards" if vocab == "themes" else "themes"
        if column.field in ("themes", "standards") and self.resolver.resolve(other, text):
            return None, (f"'{text}' is a {_NOUNS[other]} code, not a {_NOUNS[vocab]} code: "
                          f"put it in the {other.capitalize()} column.")
        suggestion = self.resolver.suggest(vocab, text)
        noun = _NOUNS[vocab]
        hint = f" Did you mean '{suggestion}'?" if suggestion else ""
        if vocab == "themes":
            return None, (f"'{text}' is not a key theme of the framework, nor a local theme "
                          f"declared on a Themes sheet.{hint} The Codes sheet of 'scrgraph "
                          "template' lists the framework's; a local theme is declared on the "
                          "Themes sheet of the same workbook, or in a file loaded with it.")
        return None, (f"'{text}' is not a {noun} code of the framework.{hint} The Codes sheet "
                      "of 'scrgraph template' lists them all.")

    def _date(self, column: ColumnSpec, raw: Any) -> tuple[Any, str | None]:
        """A date as ``YYYY-MM-DD``, a spreadsheet date cell, or a day/month/year that can be
        read one way only (``31/12/2023``); ``01/02/2023`` could be either, so it is refused."""
        if isinstance(raw, dt.datetime):
            if raw.time() != dt.time(0):
                return None, (f"the cell holds a date and a time ({raw.isoformat(' ')}); "
                              "give the date alone.")
            return raw.date(), None
        if isinstance(raw, dt.date):
            return raw, None
        text = str(raw).strip()
        wrong = f"'{text}' is not a date; write dates as YYYY-MM-DD."
        uk = _UK_DATE.match(text)
        try:
            if _ISO_DATE.match(text):
                return dt.date.fromisoformat(text), None
            if uk:
                day, month = int(uk[1]), int(uk[2])
                if day <= 12 and month <= 12 and day != month:
                    return None, (f"'{text}' could be {day} {_MONTHS[month]} or {month} "
                                  f"{_MONTHS[day]}; write dates as YYYY-MM-DD.")
                return dt.date(int(uk[3]), month, day), None
        except ValueError:
            return None, wrong
        return None, wrong


    def _partial_date(self, column: ColumnSpec, raw: Any) -> tuple[Any, str | None]:
        """A date as precise as the source gives it: a full date (as ``_date`` reads it), a
        year and month (``2023-04``, kept as that text) or a year (``2023``)."""
        if isinstance(raw, float) and raw.is_integer():
            raw = int(raw)  # a spreadsheet number cell holding a year
        text = str(raw).strip() if not isinstance(raw, dt.date) else ""
        if _YEAR.match(text):
            return text, None
        month = _YEAR_MONTH.match(text)
        if month:
            if not 1 <= int(month[1]) <= 12:
                return None, f"'{text}' has no month {month[1]}; write 2023-04, 2023 or a date."
            return text, None
        value, problem = self._date(column, raw)
        if problem and text and "/" not in text:
            problem = (f"'{text}' is not a date; write the date as the report gives it: "
                       "2023-04-17, 2023-04 (month only) or 2023 (year only).")
        return value, problem


_YEAR = re.compile(r"^\d{4}$")
_YEAR_MONTH = re.compile(r"^\d{4}-(\d{2})$")


_CODE_TYPES = frozenset({"id", "label", "code", "codes", "ref", "refs", "keys"})
_NOUNS = {"themes": "theme", "standards": "practice standard", "quadrants": "quadrant"}
LOCAL_THEME_CLASS = "LocalTheme"
"""The class of the Themes sheet's rows: local themes, which the sheets after it can code."""
_MONTHS = ("", "January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def _check_links(workbook: Workbook, spec: WorkbookSpec, broken: set[str]) -> list[Problem]:
    """References between sheets: each ID a cell names must be a row of the sheet it points at.

This is the reader resolving references, which the rows need before they can become RDF.
Rules about the data themselves (a status needs a reason, a due date after publication,
dates in the past) live in ``ontology/shapes.ttl`` alone, so RDF sources meet them too.
"""
    problems: list[Problem] = []
    unchecked: dict[str, int] = {}
    ids = {s.name: {i.id for i in workbook.sheet(s.name) if "id" in i.values}
           for s in spec.sheets}
    for sheet in spec.sheets:
        for column in sheet.columns:
            if column.ref is None:
                continue
            target = spec.sheet(column.ref)
            for item in workbook.sheet(sheet.name):
                value = item.values.get(column.field)
                for ref in _as_list(value):
                    if ref in ids[target.name]:
                        continue
                    if target.name in broken:
                        # The target sheet's own problems are the root cause: listing every
                        # reference to it as well would bury them.
                        unchecked[target.name] = unchecked.get(target.name, 0) + 1
                        continue
                    problems.append(Problem(
                        item.file, f"'{ref}' is not {_article(target.id_column.header)} on "
                        f"the {target.name} sheet.", sheet=sheet.name, row=item.row,
                        column=column.header, value=ref))
    for name, count in unchecked.items():
        problems.append(Problem(
            workbook.source.name, f"{count} references to rows of the {name} sheet were not "
            f"checked, because that sheet has the problems above; they will be once those "
            "are put right."))
    return problems


def _article(noun: str) -> str:
    """``an Agency ID``, ``a Review ID``."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


def _as_list(value: Any) -> Iterable[str]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]
