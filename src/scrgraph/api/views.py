"""Pages as data: what a page shows, built from query rows, before any template sees it.

Templates only format; every number and name on a page comes from a catalog query through the
facade, so a page and ``scrgraph query`` can never disagree. Values that name another item (a
review, a theme code, an agency id...) become links to that item's page.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from scrgraph import formatting

#: The kinds of item with a page: the catalog query that lists them, its key, and titles.
KINDS: dict[str, tuple[str, str, str, str]] = {
    # kind: (query, key parameter, one, many)
    "reviews": ("reviews", "id", "Review", "Reviews"),
    "recommendations": ("recommendations", "id", "Recommendation", "Recommendations"),
    "themes": ("themes", "code", "Key theme", "Key themes"),
    "standards": ("standards", "code", "Practice standard", "Practice standards"),
    "agencies": ("agencies", "id", "Agency", "Agencies"),
    "actions": ("actions", "id", "Action", "Actions"),
}

# Which columns name an item of which kind.
_LINKS = {
    "review": "reviews", "reviews": "reviews", "recommendation": "recommendations",
    "recommendations": "recommendations", "earlier_recommendation": "recommendations",
    "later_recommendation": "recommendations", "theme": "themes", "themes": "themes",
    "standard": "standards", "standards": "standards", "agency": "agencies",
    "agencies": "agencies", "owner": "agencies", "directed_at": "agencies",
    "action_owners": "agencies", "partnership": None, "actions": "actions",
}


def href(kind: str, key: Any) -> str:
    return f"/browse/{kind}/{quote(str(key), safe='')}"


@dataclass(frozen=True)
class Cell:
    """One value to show: text, and a link when it names an item."""

    text: str
    href: str | None = None


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    caption: str = ""


@dataclass(frozen=True)
class Field:
    """One labelled value of an item: cells (a list of links, say) or a table of nested rows."""

    label: str
    cells: tuple[Cell, ...] = ()
    table: Table | None = None


@dataclass(frozen=True)
class ItemView:
    kind: str
    title: str
    heading: str
    fields: tuple[Field, ...] = field(default_factory=tuple)


def label(column: str) -> str:
    return column.replace("_", " ").capitalize()


def cells(column: str, value: Any) -> tuple[Cell, ...]:
    """A value as cells: a list becomes one cell per member, linked when it names an item."""
    kind = _LINKS.get(column)
    if isinstance(value, list) and not any(isinstance(v, dict) for v in value):
        return tuple(Cell(formatting.text(v), href(kind, v) if kind else None) for v in value)
    text = formatting.text(value)
    if kind and value is not None and not isinstance(value, dict | list) and text:
        return (Cell(text, href(kind, value)),)
    return (Cell(text),)


def nested(column: str, value: list[Any]) -> Table:
    """A list of maps (e.g. a review's recommendations) as a table; ``id`` links to its item."""
    columns: list[str] = []
    for item in value:
        columns += [k for k in item if k not in columns]
    kind = _LINKS.get(column)
    rows = []
    for item in value:
        row = []
        for c in columns:
            if c == "id" and kind:
                row.append(Cell(formatting.text(item.get(c)), href(kind, item.get(c))))
            else:
                found = cells(c, item.get(c))
                row.append(found[0] if len(found) == 1 else
                           Cell(formatting.text(item.get(c))))
        rows.append(tuple(row))
    return Table(tuple(label(c) for c in columns), tuple(rows))


def table(columns: Sequence[str], rows: Sequence[Mapping[str, Any]], caption: str = ""
          ) -> Table:
    """Query rows as a table whose cells link to the items they name."""
    out = []
    for row in rows:
        line = []
        for c in columns:
            found = cells(c, row.get(c))
            if len(found) == 1:
                line.append(found[0])
            else:
                line.append(Cell(formatting.text(row.get(c))))
        out.append(tuple(line))
    return Table(tuple(columns), tuple(out), caption)


def item_view(kind: str, row: Mapping[str, Any]) -> ItemView:
    """One item's page: its scalar values, then its links (lists), then nested tables."""
    _, key, one, _ = KINDS[kind]
    name = row.get("title") or row.get("label") or row.get("name") or row.get(key)
    fields = []
    for column, value in row.items():
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            fields.append(Field(label(column), table=nested(column, value)))
        elif isinstance(value, list) and not value:
            fields.append(Field(label(column), (Cell("none"),)))
        else:
            fields.append(Field(label(column), cells(column, value)))
    return ItemView(kind, f"{one} {row.get(key)}", f"{one}: {formatting.text(name)}",
                    tuple(fields))


#: The columns of suggestions-awaiting-decision the suggestions page shows, in order.
SUGGESTION_COLUMNS = ("recommendation", "review", "text", "code", "label", "kind", "score",
                      "evidence")


@dataclass(frozen=True)
class Suggestion:
    """One suggested code awaiting a decision: its cells, and what a decision form sends."""

    recommendation: str
    code: str
    label: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class SuggestedCode:
    """A code that has suggestions awaiting a decision: a choice of the page's code filter."""

    code: str
    text: str
    """What the choice says: the code, its label and its kind."""


def suggested_codes(rows: Sequence[Mapping[str, Any]]) -> tuple[SuggestedCode, ...]:
    """The codes of rows of suggestions-awaiting-decision, each once: key themes by code,
    then practice standards in their order."""
    found: dict[tuple[str, str], str] = {}
    for row in rows:
        kind, code = str(row.get("kind")), formatting.text(row.get("code"))
        found[(kind, code)] = formatting.text(row.get("label"))

    def order(key: tuple[str, str]) -> tuple[Any, ...]:
        kind, code = key
        numbers = tuple(int(p) if p.isdigit() else 0 for p in code.split("."))
        return (kind != "theme", numbers if kind != "theme" else (), code)

    return tuple(SuggestedCode(code, f"{code}: {label} ("
                               f"{'key theme' if kind == 'theme' else 'practice standard'})")
                 for (kind, code), label in sorted(found.items(), key=lambda i: order(i[0])))


def suggestions(rows: Sequence[Mapping[str, Any]]) -> tuple[Suggestion, ...]:
    """Rows of suggestions-awaiting-decision as the page shows them: the recommendation and
    review link to their pages, the code to its theme's or standard's page."""
    out = []
    for row in rows:
        line = []
        for c in SUGGESTION_COLUMNS:
            if c == "code":
                kind = "themes" if row.get("kind") == "theme" else "standards"
                line.append(Cell(formatting.text(row.get(c)), href(kind, row.get(c))))
            elif c == "kind" and row.get("scope") == "local":
                line.append(Cell("local theme"))  # always shown as local, never one of the 13
            elif c == "score" and isinstance(row.get(c), float):
                line.append(Cell(f"{row[c]:.2f}"))
            else:
                line.append(cells(c, row.get(c))[0] if not isinstance(row.get(c), list)
                            else Cell(formatting.text(row.get(c))))
        out.append(Suggestion(formatting.text(row.get("recommendation")),
                              formatting.text(row.get("code")),
                              formatting.text(row.get("label")), tuple(line)))
    return tuple(out)
