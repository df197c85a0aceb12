"""Query parameters that name an item the database holds: a review by its ID or title, an
agency by its ID or name, in any case, as analysts write them.

A value that names nothing is an error with the nearest ID or name, never an empty table;
a title that several reviews share is an error listing their IDs. The names are read in a
read transaction (``cypher/system/review-names.cypher``, ``agency-names.cypher``).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from scrgraph.errors import CatalogError
from scrgraph.store.db import Database


@dataclass(frozen=True)
class ItemKind:
    """One kind of item a parameter can name: the statement listing them, and words."""

    statement: str
    noun: str
    name_word: str
    listing: str


ITEM_TYPES = {
    "review": ItemKind("review-names", "review", "title", "scrgraph query review-index"),
    "agency": ItemKind("agency-names", "agency", "name", "scrgraph query agency-index"),
}
"""Parameter types (``// param: review review``) resolved against the database."""

_SPACES = re.compile(r"\s+")


def _normal(text: str) -> str:
    return _SPACES.sub(" ", text.strip()).casefold()


def resolve_item(database: Database, type_name: str, raw: object, where: str,
                 param: str) -> str:
    """The ID of the review (agency) that ``raw`` names by ID or title (name), any case."""
    kind = ITEM_TYPES[type_name]
    text = str(raw).strip()
    rows = database.read_statement(kind.statement)
    for row in rows:
        if row["id"] == text:
            return str(row["id"])
    wanted = _normal(text)
    by_id = [str(r["id"]) for r in rows if _normal(str(r["id"])) == wanted]
    if by_id:
        return by_id[0]
    by_name = [str(r["id"]) for r in rows if r["name"] and _normal(str(r["name"])) == wanted]
    if len(by_name) == 1:
        return by_name[0]
    prefix = f"{where}: parameter '{param}'"
    if by_name:
        raise CatalogError(
            f"{prefix}: '{text}' is the {kind.name_word} of {len(by_name)} {kind.noun}s "
            f"({', '.join(by_name)}): give the ID of the one you mean.")
    if not rows:
        raise CatalogError(f"{prefix}: there is no {kind.noun} '{text}': the database holds "
                           f"no {kind.noun}s yet.")
    raise CatalogError(f"{prefix}: there is no {kind.noun} '{text}' (by ID or "
                       f"{kind.name_word}).{_nearest(text, rows)} '{kind.listing}' lists "
                       "them all.")


def _nearest(text: str, rows: list[dict[str, object]]) -> str:
    """`` Did you mean 'Child K' (NSCP-SCR-2014-01)?``, or nothing when nothing is close."""
    names: dict[str, dict[str, object]] = {}
    for row in rows:
        names.setdefault(_normal(str(row["id"])), row)
        if row["name"]:
            names.setdefault(_normal(str(row["name"])), row)
    close = difflib.get_close_matches(_normal(text), list(names), n=1, cutoff=0.6)
    if not close:
        return ""
    row = names[close[0]]
    if close[0] == _normal(str(row["id"])) or not row["name"]:
        return f" Did you mean '{row['id']}' ({row['name']})?" if row["name"] else \
            f" Did you mean '{row['id']}'?"
    return f" Did you mean '{row['name']}' ({row['id']})?"


def stand_in(database: Database, type_name: str, raw: object) -> str | None:
    """``raw`` when the database holds that review (agency), by ID or name; else the first
    one it holds (by ID), or None when it holds none. For running a query's example on data
    other than the sample it was written for (the demo with ``--data``, the benchmark)."""
    try:
        return resolve_item(database, type_name, raw, "example", type_name)
    except CatalogError:
        rows = database.read_statement(ITEM_TYPES[type_name].statement)
        return str(rows[0]["id"]) if rows else None
