"""A labelled set: recommendations with the themes, quadrants and standards a person coded.

Columns ``text``, ``themes``, ``quadrants``, ``standards`` (codes separated by ``;``) and,
optionally, ``review`` (cross-validation keeps each review's recommendations together). A
coded workbook's Recommendations sheet serves too: its ``Recommendation`` column is the text,
``Review ID`` the review, and without a ``quadrants`` column the quadrants are those of the
row's standards. Codes are read through the framework's resolver, so a label or alias ("DV")
is read as its code. A local theme (a partnership's own) is a theme code too when the file
declares it: a workbook's Themes sheet, the themes.csv beside a CSV file, or another file given
(``themes``); each recommendation is then tagged with the local themes of the partnerships that
commissioned its review, when the file says whose it is (a Reviews sheet, or reviews.csv).
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
    FrameworkResolver,
    resolve_quadrant,
    resolve_standard,
    resolve_theme,
    suggest_standard,
    suggest_theme,
)
from scrgraph.framework.concepts import Concept, Theme, framework
from scrgraph.ingest.problems import Problem
from scrgraph.ingest.tables import read_file_tables
from scrgraph.resources import share_dir
from scrgraph.tagger.sources import local_themes_for, read_local_themes, review_partnerships

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
    partnerships: tuple[str, ...] | None = None
    """The partnerships that commissioned its review, when the file says; None when not."""

    def codes(self, kind: str) -> frozenset[str]:
        found: frozenset[str] = getattr(self, kind)
        return found


@dataclass(frozen=True)
class LabelledSet:
    path: Path
    items: tuple[Labelled, ...]
    sha256: str
    local: tuple[Theme, ...] = ()
    """The local themes the file declares (or the file given with it), scored as themes."""

    def local_for(self, item: Labelled) -> tuple[Theme, ...]:
        """The local themes the tagger is given for ``item``: those of a partnership that
        commissioned its review, or all when the file does not say whose it is."""
        return local_themes_for(self.local, item.partnerships)

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


def read_labelled(path: Path, themes: Path | None = None) -> LabelledSet:
    """Read a labelled set; ValidationFailed lists every problem (file, row, column, value).
    The local themes it declares (or ``themes`` declares) are theme codes like the
    framework's."""
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
    missing = [c for c in REQUIRED if c not in column]
    if missing:
        raise SourceError(f"{path.name}: the column(s) {', '.join(missing)} are missing "
                          f"(found: {', '.join(table.headers)}).")
    local = read_local_themes(themes if themes is not None else path)
    commissioned = review_partnerships(path, tables)
    resolver = FrameworkResolver(local)
    resolvers = dict(_RESOLVERS)
    resolvers["themes"] = (resolver.theme, lambda t: resolver.suggest("themes", t))
    where = (" nor a local theme the file declares (its Themes sheet, or the themes.csv beside "
             "it; or --themes FILE)")
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
            resolve, suggest = resolvers[kind]
            found: set[str] = set()
            for part in (p.strip() for p in cell(kind).split(";")):
                if not part:
                    continue
                concept = resolve(part)
                if concept is None:
                    near = suggest(part)
                    hint = f" Did you mean '{near}'?" if near else ""
                    nor = where if kind == "themes" else ""
                    problems.append(Problem(path.name, f"'{part}' is not a code of the "
                                            f"framework's {kind}{nor}.{hint}", table.name,
                                            number, kind, part))
                else:
                    found.add(concept.code)
            codes[kind] = frozenset(found)
        if "quadrants" not in column:
            fw = framework()
            codes["quadrants"] = frozenset(fw.standard(c).quadrant for c in codes["standards"])
        review = cell("review")
        items.append(Labelled(number, review or f"row {number}", text, **codes,
                              partnerships=commissioned.get(review) if review else None))
    if problems:
        raise ValidationFailed(problems, "nothing was read")
    if not items:
        raise SourceError(f"{path.name}: there are no labelled recommendations in it.")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return LabelledSet(path, tuple(items), digest, local)


@functools.cache
def default_set() -> LabelledSet:
    return read_labelled(default_path())
