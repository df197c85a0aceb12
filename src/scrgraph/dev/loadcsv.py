"""Neo4j's own ``LOAD CSV`` with the batched writer's merge semantics, for the benchmark.

Issue 16 asks for the load's rows per second next to ``LOAD CSV``'s on the same data and
server. This module writes the property-graph rows that ``store/writer.py`` writes as CSV
files into the server's import folder (one file per node label set and one per relationship
type), loads them with ``LOAD CSV WITH HEADERS ... CALL (row) { ... } IN TRANSACTIONS``, and
fingerprints a database so the benchmark can check that both wrote the same graph.

The semantics are the writer's (``cypher/system/load-nodes.cypher`` and
``load-relationships.cypher``): each node is merged on its IRI (``:Resource {iri}``), its
properties replaced by the row's (``SET n = {...}``) and its labels added; each relationship
is merged between the two nodes found by IRI and its properties replaced. (The writer creates
the relationships of the items it writes after removing theirs, and leaves unchanged items,
such as the framework's concepts already loaded, alone; merging relationships gives the same
graph, the framework's links included.) Values keep their types:
each column's header names its type (``year:int``, ``published:date``, ``altLabels:string[]``,
as ``neo4j-admin import`` headers do), and the statement converts the text back.

Nothing here is part of scrgraph's load path: it is a yardstick. Property keys cannot be
parameters in a map literal, so each file's statement is built from its header (keys
backtick-quoted), and so is a relationship file's type (see :func:`statement`); every value
(the file's URL, labels, separator, batch size) is a parameter.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from neo4j import ManagedTransaction

from scrgraph.store.db import Database, literal
from scrgraph.store.rows import PropertyGraph

RESOURCE = "Resource"
#: Between the items of a list in one cell (the ASCII unit separator: no text holds it).
SEPARATOR = "\x1f"

#: Each column type: how a value is written as text, and how Cypher reads it back.
_CONVERT = {
    "string": "{}",
    "int": "toInteger({})",
    "float": "toFloat({})",
    "boolean": "toBoolean({})",
    "date": "date({})",
    "localdatetime": "localdatetime({})",
    "datetime": "datetime({})",
    "string[]": "split({}, $separator)",
}


class Unrepresentable(ValueError):
    """A value this CSV form cannot carry back unchanged (the benchmark stops on it)."""


def _type_of(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, dt.datetime):
        return "datetime" if value.tzinfo is not None else "localdatetime"
    if isinstance(value, dt.date):
        return "date"
    if isinstance(value, str):
        if not value:
            raise Unrepresentable("an empty string (LOAD CSV reads an empty cell as null)")
        return "string"
    if isinstance(value, list) and value and all(isinstance(v, str) and v for v in value):
        if any(SEPARATOR in v for v in value):
            raise Unrepresentable(f"a list item holding the separator {SEPARATOR!r}")
        return "string[]"
    raise Unrepresentable(f"a value of type {type(value).__name__}: {value!r}")


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)  # the shortest text that reads back as the same double
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return SEPARATOR.join(value)
    return str(value)


@dataclass(frozen=True)
class CsvFile:
    """One CSV file in the import folder: its nodes' labels or its relationships' type."""
    name: str
    kind: str  # "nodes" or "relationships"
    rows: int
    columns: tuple[tuple[str, str], ...]  # (property, type) after the key columns
    labels: tuple[str, ...] = ()
    type: str = ""


def _columns(props: Iterable[dict[str, Any]], where: str) -> tuple[tuple[str, str], ...]:
    found: dict[str, str] = {}
    for values in props:
        for key, value in values.items():
            try:
                kind = _type_of(value)
            except Unrepresentable as exc:
                raise Unrepresentable(f"{where}, property {key}: {exc}") from None
            if found.setdefault(key, kind) != kind:
                raise Unrepresentable(f"{where}, property {key}: both {found[key]} and {kind}")
    return tuple(sorted(found.items()))


def _write(path: Path, keys: Sequence[str], columns: Sequence[tuple[str, str]],
           rows: Iterable[tuple[Sequence[str], dict[str, Any]]]) -> None:
    header = [*keys, *_headers(columns)]
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(header)
        for key_values, props in rows:
            out.writerow([*key_values, *(_text(props[name]) if name in props else ""
                                         for name, _ in columns)])


def write_files(graph: PropertyGraph, folder: Path) -> list[CsvFile]:
    """Write ``graph`` as CSV files in ``folder``: the node files first, then the
    relationship files (the order they must be loaded in)."""
    files: list[CsvFile] = []
    by_labels: dict[tuple[str, ...], list[Any]] = {}
    for node in graph.nodes:
        by_labels.setdefault(node.labels, []).append(node)
    for index, (labels, nodes) in enumerate(sorted(by_labels.items())):
        columns = _columns(({**n.props, "iri": n.iri} for n in nodes), f"nodes {labels}")
        name = f"nodes-{index}-{'-'.join(labels)}.csv"
        _write(folder / name, [], columns, (((), {**n.props, "iri": n.iri}) for n in nodes))
        files.append(CsvFile(name, "nodes", len(nodes), columns, labels=labels))
    by_type: dict[str, list[Any]] = {}
    for rel in graph.rels:
        by_type.setdefault(rel.type, []).append(rel)
    for index, (rel_type, rels) in enumerate(sorted(by_type.items())):
        columns = _columns((r.props for r in rels), f"relationships {rel_type}")
        name = f"relationships-{index}-{rel_type}.csv"
        _write(folder / name, [":START", ":END"], columns,
               (((r.start, r.end), r.props) for r in rels))
        files.append(CsvFile(name, "relationships", len(rels), columns, type=rel_type))
    return files


def _quoted(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


def _headers(columns: Sequence[tuple[str, str]]) -> list[str]:
    """Each column's CSV header (its name, and its type unless a string)."""
    return [name if kind == "string" else f"{name}:{kind}" for name, kind in columns]


def _map(columns: Sequence[tuple[str, str]]) -> str:
    """The Cypher map literal of one row's properties, each converted back to its type. The
    keys are the ontology's property names (Cypher takes no parameter for a key); the CSV
    headers they are read from are the parameter ``$headers``."""
    return "{" + ", ".join(f"{_quoted(name)}: " + _CONVERT[kind].format(f"row[$headers[{i}]]")
                           for i, (name, kind) in enumerate(columns)) + "}"


def statement(file: CsvFile) -> str:
    """The LOAD CSV statement for one file (its parameters: url, separator, batch, headers,
    and for nodes labels)."""
    if file.kind == "nodes":
        body = ("MERGE (n:Resource {iri: row.iri})\n"
                f"  SET n = {_map(file.columns)}\n"
                "  SET n:$($labels)")
    else:
        # The type is written into the statement, not passed as $($type): a MERGE on a type
        # given as a value scans every relationship in the database (bench/README.md).
        body = ("MATCH (a:Resource {iri: row[':START']})\n"
                "  MATCH (b:Resource {iri: row[':END']})\n"
                f"  MERGE (a)-[r:{_quoted(file.type)}]->(b)\n"
                f"  SET r = {_map(file.columns)}")
    return ("LOAD CSV WITH HEADERS FROM $url AS row\n"
            f"CALL (row) {{\n  {body}\n}} IN TRANSACTIONS OF $batch ROWS")


def url(folder: str, file: CsvFile) -> str:
    """The file's URL, relative to the server's import folder."""
    return f"file:///{folder}/{file.name}"


def load(database: Database, files: Sequence[CsvFile], folder: str, batch: int) -> int:
    """Load ``files`` (in the import folder's subfolder ``folder``) in order, each in its own
    ``CALL { } IN TRANSACTIONS`` statement (which must run in an auto-commit transaction);
    return the rows loaded."""
    loaded = 0
    with database.session() as session:
        for file in files:
            params: dict[str, Any] = {"url": url(folder, file), "separator": SEPARATOR,
                                      "batch": batch, "headers": _headers(file.columns)}
            if file.kind == "nodes":
                params["labels"] = [RESOURCE, *file.labels]
            session.run(literal(statement(file)), params).consume()
            loaded += file.rows
    return loaded


def import_folder(database: Database) -> tuple[Path | None, str]:
    """The server's import folder when this process can write files there that the server
    reads back (checked with a file holding a random token); otherwise None and why not."""
    try:
        settings = {r["name"]: r["value"] for r in database.read(
            "SHOW SETTINGS YIELD name, value WHERE name IN $names RETURN name, value",
            {"names": ["server.directories.import",
                       "dbms.security.allow_csv_import_from_file_urls"]})}
    except Exception as exc:  # noqa: BLE001 - any refusal means the step is skipped
        return None, f"the server did not show its settings ({type(exc).__name__})"
    if str(settings.get("dbms.security.allow_csv_import_from_file_urls")).lower() != "true":
        return None, "the server does not allow LOAD CSV from file URLs"
    value = settings.get("server.directories.import")
    if not value:
        return None, "the server has no import folder (server.directories.import)"
    folder = Path(value)
    if not folder.is_dir():
        return None, (f"the server's import folder {value} is not a folder here "
                      "(a server on another machine?)")
    token = secrets.token_hex(16)
    probe = folder / f"scrgraph-probe-{token}.csv"
    try:
        probe.write_text(f"{token}\n", encoding="utf-8")
        read = database.read("LOAD CSV FROM $url AS line RETURN line[0] AS token",
                             {"url": f"file:///{probe.name}"})
    except Exception as exc:  # noqa: BLE001 - any failure means the step is skipped
        return None, f"the server could not read a file written here ({type(exc).__name__})"
    finally:
        probe.unlink(missing_ok=True)
    if read != [{"token": token}]:
        return None, f"the server's import folder {value} is not the folder of that name here"
    return folder, ""


@dataclass(frozen=True)
class Fingerprint:
    """What a database holds: nodes by label, relationships by type, and a digest of every
    node (labels and properties) and relationship (type, ends' IRIs, properties)."""
    nodes: int
    labels: dict[str, int]
    types: dict[str, int]
    digest: str

    @property
    def relationships(self) -> int:
        return sum(self.types.values())


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=lambda v: f"{type(v).__name__}:{v}")


def fingerprint(database: Database) -> Fingerprint:
    """The database's fingerprint, read in one read transaction (streamed, not held)."""
    def work(tx: ManagedTransaction) -> Fingerprint:
        nodes = tx.run("MATCH (n) RETURN count(n) AS n").single(strict=True)["n"]
        labels = {r["label"]: r["n"] for r in tx.run(
            "MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n")}
        types = {r["type"]: r["n"] for r in tx.run(
            "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n")}
        digest = hashlib.sha256()
        for record in tx.run("MATCH (n) RETURN labels(n) AS labels, properties(n) AS props "
                             "ORDER BY n.iri, n.id"):
            digest.update(_canonical([sorted(record["labels"]), record["props"]]).encode())
            digest.update(b"\n")
        for record in tx.run("MATCH (a)-[r]->(b) RETURN type(r) AS type, a.iri AS start, "
                             "b.iri AS end, properties(r) AS props "
                             "ORDER BY type, start, end"):
            digest.update(_canonical([record["type"], record["start"], record["end"],
                                      record["props"]]).encode())
            digest.update(b"\n")
        return Fingerprint(nodes, dict(sorted(labels.items())), dict(sorted(types.items())),
                           digest.hexdigest())

    with database.session() as session:
        found: Fingerprint = session.execute_read(work)
    return found


def differences(expected: Fingerprint, found: Fingerprint) -> list[str]:
    """How ``found`` differs from ``expected``, in words (empty when the same)."""
    lines = [f"nodes: {expected.nodes} expected, {found.nodes} found"] \
        if expected.nodes != found.nodes else []
    lines += [f"{name} {key}: {expected_n} expected, {found_n} found"
             for name, want, got in (("label", expected.labels, found.labels),
                                     ("type", expected.types, found.types))
             for key in sorted(set(want) | set(got))
             if (expected_n := want.get(key, 0)) != (found_n := got.get(key, 0))]
    if not lines and expected.digest != found.digest:
        lines.append("the same counts, but some properties or relationship ends differ")
    return lines
