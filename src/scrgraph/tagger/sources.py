"""Recommendations to tag, read from a file: a workbook (its Recommendations sheet, or any
sheet with a ``text`` or ``Recommendation`` column), one CSV file with such a column, or a
folder of CSV files in the workbook format."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scrgraph.errors import SourceError, ValidationFailed
from scrgraph.ingest.tables import read_file_tables

TEXT_COLUMNS = ("recommendation", "text")
"""The headers a column of recommendations may have (any case): the workbook's, the labelled
set's."""

AGENCY_COLUMNS = ("agencies",)


@dataclass(frozen=True)
class ToTag:
    text: str
    where: str
    agencies: tuple[str, ...] = ()


def read_recommendations(path: Path) -> tuple[ToTag, ...]:
    """Every non-empty recommendation text in the file, with where it is (file, sheet, row).
    A folder of CSV files (the workbook as CSV) is read from its recommendations.csv."""
    if path.is_dir():
        path = path / "recommendations.csv"
    tables, problems = read_file_tables(path)
    if problems:
        raise ValidationFailed(problems, "nothing was tagged")
    for table in sorted(tables, key=lambda t: t.name.casefold() != "recommendations"):
        headers = [h.casefold() for h in table.headers]
        column = next((headers.index(c) for c in TEXT_COLUMNS if c in headers), None)
        if column is None:
            continue
        agencies = next((headers.index(c) for c in AGENCY_COLUMNS if c in headers), None)
        found: list[ToTag] = []
        for number, cells in table.rows:
            value = cells[column] if column < len(cells) else None
            text = "" if value is None else str(value).strip()
            if not text:
                continue
            named: tuple[str, ...] = ()
            if agencies is not None and agencies < len(cells) and cells[agencies]:
                named = tuple(a.strip() for a in str(cells[agencies]).split(";") if a.strip())
            sheet = "" if path.suffix.lower() == ".csv" else f", sheet {table.name}"
            found.append(ToTag(text, f"{path.name}{sheet}, row {number}", named))
        if not found:
            raise SourceError(f"{path.name}: the column '{table.headers[column]}' of "
                              f"{table.name} holds no recommendation.")
        return tuple(found)
    raise SourceError(f"{path.name}: no sheet has a column of recommendations (headed "
                      "'Recommendation' or 'text').")
