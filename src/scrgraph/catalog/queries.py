"""The query catalog: every question scrgraph answers, one read-only ``.cypher`` file each.

The catalog is built from ``cypher/`` (folders are namespaces) minus ``schema/`` and
``system/``, which hold scrgraph's own housekeeping. Each file is parsed by
``cypherfiles.parse``; a file that writes, or a name used twice, is refused with file:line.
Queries are looked up explicitly (``catalog["recurring-themes"]``) and run through one typed
``run()`` that binds parameters and reads in a read transaction.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from neo4j.exceptions import Neo4jError
from rdflib import URIRef

from scrgraph.catalog import cypherfiles
from scrgraph.catalog.cypherfiles import CypherFile
from scrgraph.catalog.lookups import ITEM_TYPES, resolve_item, stand_in
from scrgraph.errors import CatalogError
from scrgraph.framework.codes import FrameworkResolver
from scrgraph.framework.concepts import LOCAL_SCOPE, Theme
from scrgraph.resources import share_dir
from scrgraph.results import QueryResult
from scrgraph.store.db import Database

#: Folders of ``cypher/`` that are not part of the catalog.
EXCLUDED_FOLDERS = ("schema", "system")


def _write_line(query: CypherFile) -> int:
    """The line of the first writing clause (the statement's first line if not found)."""
    for offset, line in enumerate(query.text.splitlines()):
        if cypherfiles.writes(line):
            return query.line + offset
    return query.line


class Catalog:
    """The named, read-only queries, looked up by name."""

    def __init__(self, queries: Mapping[str, CypherFile], root: Path) -> None:
        self._queries = dict(sorted(queries.items()))
        self.root = root

    @classmethod
    def load(cls, root: Path | None = None) -> Catalog:
        """Parse every ``.cypher`` file under ``root`` (default: scrgraph's ``cypher/``)."""
        root = root if root is not None else share_dir("cypher")
        if not root.is_dir():
            raise CatalogError(f"{root}: the query folder does not exist.")
        queries: dict[str, CypherFile] = {}
        for path in sorted(root.rglob("*.cypher")):
            relative = path.relative_to(root)
            if len(relative.parts) > 1 and relative.parts[0] in EXCLUDED_FOLDERS:
                continue
            query = cypherfiles.parse(path, root)
            if query.writes:
                raise CatalogError(
                    f"{path}:{_write_line(query)}: query '{query.name}' writes to the "
                    "database; catalog queries must only read."
                )
            if query.name in queries:
                first = queries[query.name]
                raise CatalogError(
                    f"{query.where}: query name '{query.name}' is already used by "
                    f"{first.where}."
                )
            queries[query.name] = query
        return cls(queries, root)

    # -- lookup -----------------------------------------------------------------------------

    def __getitem__(self, name: str) -> CypherFile:
        try:
            return self._queries[name]
        except KeyError:
            close = difflib.get_close_matches(name, list(self._queries), n=3, cutoff=0.6)
            hint = (f" Did you mean {' or '.join(repr(c) for c in close)}?" if close
                    else " Run 'scrgraph queries' to list them.")
            raise CatalogError(f"There is no query named '{name}'.{hint}") from None

    def __contains__(self, name: object) -> bool:
        return name in self._queries

    def __iter__(self) -> Iterator[CypherFile]:
        return iter(self._queries.values())

    def __len__(self) -> int:
        return len(self._queries)

    def names(self) -> list[str]:
        return list(self._queries)

    # -- running ----------------------------------------------------------------------------

    def bind(self, name: str, params: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """The query's parameters, checked, coerced and with defaults filled in."""
        return self[name].bind(dict(params or {}))

    def resolve(self, database: Database, name: str,
                params: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """:meth:`bind`, then each parameter naming a review or an agency (by ID, title or
        name, any case) resolved to its ID against the database; an unknown one is an error
        naming the nearest."""
        query = self[name]
        bound = query.bind(dict(params or {}), _resolver(database, query, params))
        for param in query.params:
            if param.type in ITEM_TYPES and bound.get(param.name) is not None:
                bound[param.name] = resolve_item(database, param.type, bound[param.name],
                                                 f"Query '{name}'", param.name)
        return bound

    def example(self, database: Database, name: str) -> dict[str, Any]:
        """The query's example parameters, for the data the database holds: a review or an
        agency the example names that is not there is replaced by the first one that is, so
        the example shows the query at work on any data set."""
        query = self[name]
        params: dict[str, Any] = dict(query.example)
        for param in query.params:
            if param.type in ITEM_TYPES and param.name in params:
                found = stand_in(database, param.type, params[param.name])
                if found is None:
                    del params[param.name]
                else:
                    params[param.name] = found
        return params

    def run(self, database: Database, name: str,
            params: Mapping[str, Any] | None = None) -> QueryResult:
        """Run one catalog query in a read transaction. A theme parameter may name a local
        theme the graph holds, as well as the framework's. A query that pages (``skip`` and
        ``limit``) is asked for one row more than its page, to say whether another follows
        (``QueryResult.next_skip``); that row is not returned."""
        query = self[name]
        bound = self.resolve(database, name, params)
        page = _page(query, bound)
        sent = bound if page is None else {**bound, "limit": page[1] + 1}
        try:
            rows = database.read(query.text, sent, as_native=True)
        except Neo4jError as exc:
            raise CatalogError(f"Query '{name}' ({query.where}) failed: {exc.message}") from None
        columns = tuple(rows[0]) if rows else query.returns
        following = None
        if page is not None and len(rows) > page[1]:
            rows = rows[:page[1]]
            following = page[0] + page[1]
        return QueryResult(query, columns, rows, following)

    def explain(self, database: Database, name: str,
                params: Mapping[str, Any] | None = None) -> str:
        """The plan Neo4j would use for the query, as an indented tree of operators."""
        query = self[name]
        bound = self.resolve(database, name, params)
        try:
            plan = database.plan(query.text, bound)
        except Neo4jError as exc:
            raise CatalogError(f"Query '{name}' ({query.where}) failed: {exc.message}") from None
        if not plan:
            raise CatalogError(f"Neo4j returned no plan for query '{name}'.")
        return format_plan(plan)


def _page(query: CypherFile, bound: Mapping[str, Any]) -> tuple[int, int] | None:
    """``(skip, limit)`` of a query that pages, when one more row can be asked for to learn
    whether another page follows; else None (a limit of 0 or less, which Neo4j answers or
    refuses as it is, or a page that ends at the largest integer Neo4j takes)."""
    names = {p.name: p.type for p in query.params}
    if names.get("skip") != "integer" or names.get("limit") != "integer":
        return None
    skip, limit = bound.get("skip"), bound.get("limit")
    if not isinstance(skip, int) or not isinstance(limit, int):
        return None
    if skip < 0 or limit <= 0 or skip + limit >= cypherfiles.MAX_INTEGER:
        return None
    return skip, limit


def local_themes(database: Database) -> tuple[Theme, ...]:
    """The local themes the graph holds (``cypher/system/local-themes.cypher``)."""
    return tuple(
        Theme(iri=URIRef(row["iri"]), id=row["id"], code=row["code"], label=row["label"],
              alt_labels=tuple(row["alt_labels"]), hidden_labels=tuple(row["hidden_labels"]),
              kind="", scope_note=None, definition=row["definition"], scope=LOCAL_SCOPE,
              related=tuple(row["related"]), partnerships=tuple(row["partnerships"]))
        for row in database.read_statement("local-themes"))


def _resolver(database: Database, query: CypherFile,
              params: Mapping[str, Any] | None) -> FrameworkResolver | None:
    """The resolver for a query's theme parameters: the framework's (None), and the local
    themes in the graph when a theme is given that the framework does not know (read only
    then: most runs name none, or a framework theme)."""
    given = params or {}
    framework = FrameworkResolver()
    if all(framework.resolve("themes", str(given[p.name])) is not None
           for p in query.params if p.type == "theme" and given.get(p.name) is not None):
        return None
    return FrameworkResolver(local_themes(database))


def format_plan(plan: Mapping[str, Any]) -> str:
    """A Neo4j plan (as the driver returns it) as readable text, one operator a line."""
    lines: list[str] = []

    def walk(node: Mapping[str, Any], prefix: str, last: bool, root: bool) -> None:
        args = node.get("args") or node.get("arguments") or {}
        operator = str(node.get("operatorType") or node.get("operator_type") or "?")
        operator = operator.split("@")[0]
        parts = [operator]
        rows = args.get("EstimatedRows")
        if rows is not None:
            parts.append(f"(~{float(rows):.0f} rows)")
        details = args.get("Details")
        if details:
            parts.append(f"{details}")
        branch = "" if root else ("└─ " if last else "├─ ")
        lines.append(prefix + branch + "  ".join(parts))
        children = list(node.get("children") or [])
        child_prefix = prefix if root else prefix + ("   " if last else "│  ")
        for index, child in enumerate(children):
            walk(child, child_prefix, index == len(children) - 1, False)

    walk(plan, "", True, True)
    header = []
    args = plan.get("args") or plan.get("arguments") or {}
    for key in ("planner", "runtime", "Version"):
        if key in args:
            header.append(f"{key}: {args[key]}")
    if header:
        lines.insert(0, ", ".join(header))
    return "\n".join(lines)


@cache
def default_catalog() -> Catalog:
    """scrgraph's own catalog, from ``cypher/`` (parsed once per process)."""
    return Catalog.load()
