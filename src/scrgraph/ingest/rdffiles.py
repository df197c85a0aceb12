"""Read RDF sources (Turtle, JSON-LD) into rdflib graphs, with errors an analyst can act on."""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Iterator
from pathlib import Path

from rdflib import Graph
from rdflib.plugins.parsers.notation3 import BadSyntax

from scrgraph.errors import SourceError
from scrgraph.ingest.files import read_bytes

RDF_FORMATS = {".ttl": "turtle", ".jsonld": "json-ld", ".json": "json-ld"}
"""File suffix -> rdflib format, for the RDF files scrgraph reads."""
_FORMAT_NAMES = {"turtle": "Turtle", "json-ld": "JSON-LD"}

@contextlib.contextmanager
def quiet_literal_warnings() -> Iterator[None]:
    """rdflib logs a traceback for every ill-typed literal (e.g. "2014-02-30"^^xsd:date).
    SHACL reports those clearly, so the tracebacks are only noise for the analyst."""
    logger = logging.getLogger("rdflib.term")
    previous = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(previous)


def read_graph(path: str | Path) -> Graph:
    """Read a Turtle (``.ttl``) or JSON-LD (``.jsonld``, ``.json``) file into a graph.

    Raises :class:`SourceError` naming the file (and the line, where the parser gives one)
    if the file is missing, unreadable, of another type or not valid.
    """
    path = Path(path)
    fmt = RDF_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise SourceError(
            f"{path}: scrgraph reads RDF as Turtle (.ttl) or JSON-LD (.jsonld, .json), "
            f"not '{path.suffix or 'no suffix'}'."
        )
    kind = _FORMAT_NAMES[fmt]
    raw = read_bytes(path)
    if fmt == "json-ld":
        _refuse_remote_contexts(path, raw)
    graph = Graph()
    try:
        with quiet_literal_warnings():
            graph.parse(data=raw, format=fmt, publicID=path.resolve().as_uri())
    except BadSyntax as exc:
        line = getattr(exc, "lines", None)
        why = getattr(exc, "_why", None) or "bad syntax"
        where = f"line {line + 1}: " if isinstance(line, int) else ""
        raise SourceError(f"{path}: not valid {kind}: {where}{why}.") from exc
    except json.JSONDecodeError as exc:
        raise SourceError(f"{path}: not valid {kind}: line {exc.lineno}: {exc.msg}.") from exc
    except UnicodeDecodeError as exc:
        raise SourceError(f"{path}: not valid {kind}: the file is not UTF-8 text.") from exc
    except OSError as exc:
        raise SourceError(f"{path}: cannot be read: {exc.strerror or exc}.") from exc
    except Exception as exc:  # any other parser failure is still "this file is not valid"
        raise SourceError(f"{path}: not valid {kind}: {exc}") from exc
    if len(graph) == 0:
        raise SourceError(f"{path}: the file holds no data (no triples).")
    return graph


def _refuse_remote_contexts(path: Path, raw: bytes) -> None:
    """A JSON-LD ``@context`` (or ``@import``) that names a URL or a file makes the parser
    fetch it: a source must never make scrgraph open another path or URL. Inline contexts
    (objects) are fine."""
    try:
        document = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return  # the parser reports it, with the line

    def walk(node: object) -> str | None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("@context", "@import"):
                    for context in value if isinstance(value, list) else [value]:
                        if isinstance(context, str):
                            return context
                found = walk(value)
                if found:
                    return found
        elif isinstance(node, list):
            for item in node:
                found = walk(item)
                if found:
                    return found
        return None

    reference = walk(document)
    if reference is not None:
        raise SourceError(
            f"{path}: its JSON-LD @context refers to {reference!r}; scrgraph never fetches a "
            "context from a URL or another file. Put the context in the file itself (as "
            "'scrgraph export jsonld' does).")
