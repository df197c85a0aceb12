"""A labelled set: recommendations with the themes, quadrants and standards a person coded.

Columns ``text``, ``themes``, ``quadrants``, ``standards`` (codes separated by ``;``) and,
optionally, ``review`` (cross-validation keeps each review's recommendations together). A
coded workbook's Recommendations sheet serves too: its ``Recommendation`` column is the text,
``Review ID`` the review, and without a ``quadrants`` column the quadrants are those of the
row's standards. Codes are read through the framework's resolver, so a label or alias ("DV")
is read as its code.
Any problem is reported with file, row, column and value; nothing is read in part.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from scrgraph.errors import SourceError, ValidationFailed
from scrgraph.framework.codes import (
    normalise_label,
    resolve_quadrant,
    resolve_standard,
    resolve_theme,
    suggest_standard,
    suggest_theme,
)
from scrgraph.framework.concepts import Concept, framework
from scrgraph.ingest.format import workbook_spec
from scrgraph.ingest.problems import Problem
from scrgraph.ingest.tables import RawTable, read_file_tables
from scrgraph.resources import share_dir

REQUIRED = ("text", "themes", "standards")
TEXT_COLUMNS = ("text", "recommendation")
REVIEW_COLUMNS = ("review", "review id")
KIND_COLUMNS = ("themes", "quadrants", "standards")


@dataclass(frozen=True)
class Labelled:
    """One labelled recommendation."""

    row: int
    review: str
    text: str
    themes: frozenset[str]
    quadrants: frozenset[str]
    standards: frozenset[str]

    def codes(self, kind: str) -> frozenset[str]:
        found: frozenset[str] = getattr(self, kind)
        return found


@dataclass(frozen=True)
class LabelledSet:
    path: Path
    items: tuple[Labelled, ...]
    sha256: str

    @property
    def reviews(self) -> tuple[str, ...]:
        return tuple(sorted({i.review for i in self.items}))


def default_path() -> Path:
    """The project's own labelled set (``data/labelled/recommendations.csv``)."""
    return share_dir("labelled") / "recommendations.csv"


_RESOLVERS: dict[str, tuple[Callable[[str], Concept | None], Callable[[str], str | None]]] = {
    "themes": (resolve_theme, suggest_theme),
    "standards": (resolve_standard, suggest_standard),
    "quadrants": (resolve_quadrant, lambda _t: None),
}


def read_labelled(path: Path) -> LabelledSet:
    """Read a labelled set; ValidationFailed lists every problem (file, row, column, value)."""
    tables, problems = read_file_tables(path)
    if problems:
        raise ValidationFailed(problems, "nothing was read")
    table = next((t for t in tables
                  if {h.casefold() for h in t.headers} & set(TEXT_COLUMNS)), None)
    if table is None:
        raise SourceError(f"{path.name}: no sheet has a 'text' column; a labelled set has the "
                          "columns review, text, themes, quadrants, standards.")
    column = {h.casefold(): i for i, h in enumerate(table.headers)}
    for name, aliases in (("text", TEXT_COLUMNS), ("review", REVIEW_COLUMNS)):
        found_at = next((column[a] for a in aliases if a in column), None)
        if found_at is not None:
            column[name] = found_at
    local = _local_theme_names(path, tables)
    missing = [c for c in REQUIRED if c not in column]
    if missing:
        raise SourceError(f"{path.name}: the column(s) {', '.join(missing)} are missing "
                          f"(found: {', '.join(table.headers)}).")
    items: list[Labelled] = []
    for number, cells in table.rows:
        def cell(name: str, cells: tuple[object, ...] = cells) -> str:
            i = column.get(name)
            value = cells[i] if i is not None and i < len(cells) else None
            return "" if value is None else str(value).strip()
        text = cell("text")
        if not text:
            if any(cell(c) for c in KIND_COLUMNS):
                problems.append(Problem(path.name, "the text is empty but codes are given.",
                                        table.name, number, "text"))
            continue
        codes: dict[str, frozenset[str]] = {}
        for kind in KIND_COLUMNS:
            resolve, suggest = _RESOLVERS[kind]
            found: set[str] = set()
            for part in (p.strip() for p in cell(kind).split(";")):
                if not part:
                    continue
                concept = resolve(part)
                if concept is None and kind == "themes" and normalise_label(part) in local:
                    continue  # a local theme: scored by the framework's codes alone
                if concept is None:
                    near = suggest(part)
                    hint = f" Did you mean '{near}'?" if near else ""
                    problems.append(Problem(path.name, f"'{part}' is not a code of the "
                                            f"framework's {kind}.{hint}", table.name, number,
                                            kind, part))
                else:
                    found.add(concept.code)
            codes[kind] = frozenset(found)
        if "quadrants" not in column:
            fw = framework()
            codes["quadrants"] = frozenset(fw.standard(c).quadrant for c in codes["standards"])
        items.append(Labelled(number, cell("review") or f"row {number}", text, **codes))
    if problems:
        raise ValidationFailed(problems, "nothing was read")
    if not items:
        raise SourceError(f"{path.name}: there are no labelled recommendations in it.")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return LabelledSet(path, tuple(items), digest)


def _local_theme_names(path: Path, tables: list[RawTable]) -> frozenset[str]:
    """The codes, labels and aliases (normalised) of the local themes declared beside a
    labelled file: a workbook's Themes sheet, or the themes.csv next to a CSV file. The model
    learns, and the evaluation scores, the framework's codes only (local themes are suggested
    by their names), so a local theme's codings are left out of the labels rather than
    refused; any other unknown code still is."""
    sheet = next(s for s in workbook_spec().sheets if s.cls == "LocalTheme")
    table = next((t for t in tables if t.name.casefold() == sheet.name.casefold()), None)
    beside = path.parent / sheet.file
    if table is None and path.suffix.lower() == ".csv" and beside.is_file() and beside != path:
        found, _ = read_file_tables(beside)
        table = found[0] if found else None
    if table is None:
        return frozenset()
    at = {h.casefold(): i for i, h in enumerate(table.headers)}
    columns = [at[c.header.casefold()] for c in sheet.columns
               if c.field in ("id", "label", "aliases") and c.header.casefold() in at]
    return frozenset(normalise_label(part) for _, cells in table.rows for i in columns
                     if i < len(cells) and cells[i] is not None
                     for part in str(cells[i]).split(";") if part.strip())


@functools.cache
def default_set() -> LabelledSet:
    return read_labelled(default_path())
