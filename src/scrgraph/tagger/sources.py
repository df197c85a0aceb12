"""Recommendations to tag, read from a file: a workbook (its Recommendations sheet, or any
sheet with a ``text`` or ``Recommendation`` column), one CSV file with such a column, or a
folder of CSV files in the workbook format; and the local themes a file declares (its Themes
sheet, or the themes.csv of the folder or beside the CSV file), with the partnerships whose
reviews each recommendation belongs to, so that only their local themes are suggested."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from scrgraph.errors import SourceError, ValidationFailed
from scrgraph.framework.concepts import LOCAL_SCOPE, Theme
from scrgraph.ingest.format import workbook_spec
from scrgraph.ingest.tables import RawTable, read_file_tables

TEXT_COLUMNS = ("recommendation", "text")
"""The headers a column of recommendations may have (any case): the workbook's, the labelled
set's."""

AGENCY_COLUMNS = ("agencies",)


def local_themes_for(themes: Sequence[Theme], partnerships: tuple[str, ...] | None
                     ) -> tuple[Theme, ...]:
    """The local themes that apply to a recommendation of a review these ``partnerships``
    commissioned: those they declared; all of ``themes`` when the partnerships are not known
    (a text, or a file that does not say whose reviews its rows are)."""
    if partnerships is None:
        return tuple(themes)
    return tuple(t for t in themes if set(t.partnerships) & set(partnerships))


@dataclass(frozen=True)
class ToTag:
    text: str
    where: str
    agencies: tuple[str, ...] = ()
    partnerships: tuple[str, ...] | None = None
    """The partnerships that commissioned its review, when the file says (a Review ID column
    and a Reviews sheet, or reviews.csv beside it); None when it does not."""


def _sheet_table(path: Path, tables: Sequence[RawTable], sheet: str) -> RawTable | None:
    """The table of the workbook format's ``sheet`` (by class name, e.g. ``LocalTheme``) in
    ``tables`` (a workbook's sheets), or its CSV file in the folder or beside the CSV file
    ``path``."""
    spec = next(s for s in workbook_spec().sheets if s.cls == sheet)
    table = next((t for t in tables if t.name.casefold() == spec.name.casefold()), None)
    if table is not None:
        return table
    folder = path if path.is_dir() else path.parent
    beside = folder / spec.file
    if (path.is_dir() or path.suffix.lower() == ".csv") and beside.is_file() and beside != path:
        found, problems = read_file_tables(beside)
        if problems:
            raise ValidationFailed(problems, "nothing was tagged")
        return found[0] if found else None
    return None


def _cells(table: RawTable, sheet: str) -> list[tuple[int, dict[str, str]]]:
    """Each row of ``table`` as field -> text, by the workbook format's headers of ``sheet``."""
    spec = next(s for s in workbook_spec().sheets if s.cls == sheet)
    at = {h.casefold(): i for i, h in enumerate(table.headers)}
    columns = {c.field: at[c.header.casefold()] for c in spec.columns
               if c.header.casefold() in at}
    return [(number, {f: "" if i >= len(cells) or cells[i] is None else str(cells[i]).strip()
                      for f, i in columns.items()}) for number, cells in table.rows]


def _split(cell: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in cell.split(";") if p.strip())


def read_local_themes(path: Path) -> tuple[Theme, ...]:
    """The local themes ``path`` declares: a workbook's Themes sheet, a folder's themes.csv,
    a themes.csv itself, or the themes.csv beside a CSV file; none when there is none. Each
    with its label, aliases, definition and the partnerships that declare it."""
    from scrgraph.framework.ontology import ontology_graph
    from scrgraph.ingest.tordf import OntologyTerms
    from scrgraph.namespaces import NSCB

    if not path.exists():
        raise SourceError(f"{path}: there is no such file or folder.")
    tables: list[RawTable] = []
    if path.is_file():
        tables, problems = read_file_tables(path)
        if problems:
            raise ValidationFailed(problems, "nothing was tagged")
        header = next(c.header for s in workbook_spec().sheets if s.cls == "LocalTheme"
                      for c in s.columns if c.field == "id")
        if len(tables) == 1 and header.casefold() in {h.casefold() for h in tables[0].headers}:
            tables = [RawTable("Themes", tables[0].file, tables[0].headers, tables[0].rows)]
    table = _sheet_table(path, tables, "LocalTheme")
    if table is None:
        return ()
    terms = OntologyTerms(ontology_graph())
    found: dict[str, Theme] = {}
    for _, row in _cells(table, "LocalTheme"):
        code, label = row.get("id", ""), row.get("label", "")
        if not code or not label:
            continue
        found[code] = Theme(iri=terms.instance(NSCB.LocalTheme, code), id=code, code=code,
                            label=label, alt_labels=_split(row.get("aliases", "")),
                            hidden_labels=(), kind="", scope_note=None,
                            definition=row.get("definition") or None, scope=LOCAL_SCOPE,
                            partnerships=_split(row.get("partnership", "")))
    return tuple(sorted(found.values(), key=lambda t: t.code))


def review_partnerships(path: Path, tables: Sequence[RawTable]) -> dict[str, tuple[str, ...]]:
    """Review ID -> the partnerships that commissioned it, from the file's Reviews sheet (or
    the reviews.csv beside it)."""
    table = _sheet_table(path, tables, "Review")
    if table is None:
        return {}
    return {row["id"]: _split(row.get("partnership", ""))
            for _, row in _cells(table, "Review") if row.get("id")}


def read_recommendations(path: Path) -> tuple[ToTag, ...]:
    """Every non-empty recommendation text in the file, with where it is (file, sheet, row).
    A folder of CSV files (the workbook as CSV) is read from its recommendations.csv."""
    if path.is_dir():
        path = path / "recommendations.csv"
    tables, problems = read_file_tables(path)
    if problems:
        raise ValidationFailed(problems, "nothing was tagged")
    commissioned = review_partnerships(path, tables)
    review_header = next(c.header for s in workbook_spec().sheets if s.cls == "Recommendation"
                         for c in s.columns if c.field == "review").casefold()
    for table in sorted(tables, key=lambda t: t.name.casefold() != "recommendations"):
        headers = [h.casefold() for h in table.headers]
        column = next((headers.index(c) for c in TEXT_COLUMNS if c in headers), None)
        if column is None:
            continue
        agencies = next((headers.index(c) for c in AGENCY_COLUMNS if c in headers), None)
        review = headers.index(review_header) if review_header in headers else None
        found: list[ToTag] = []
        for number, cells in table.rows:
            value = cells[column] if column < len(cells) else None
            text = "" if value is None else str(value).strip()
            if not text:
                continue
            named: tuple[str, ...] = ()
            if agencies is not None and agencies < len(cells) and cells[agencies]:
                named = tuple(a.strip() for a in str(cells[agencies]).split(";") if a.strip())
            partnerships: tuple[str, ...] | None = None
            if review is not None and review < len(cells) and cells[review] is not None:
                partnerships = commissioned.get(str(cells[review]).strip())
            sheet = "" if path.suffix.lower() == ".csv" else f", sheet {table.name}"
            found.append(ToTag(text, f"{path.name}{sheet}, row {number}", named,
                               partnerships))
        if not found:
            raise SourceError(f"{path.name}: the column '{table.headers[column]}' of "
                              f"{table.name} holds no recommendation.")
        return tuple(found)
    raise SourceError(f"{path.name}: no sheet has a column of recommendations (headed "
                      "'Recommendation' or 'text').")
