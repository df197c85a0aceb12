"""Write what the ingest pipeline prepared (or the framework itself) into Neo4j, with the
provenance of each load: RDF → property-graph rows → one write transaction."""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from neo4j import ManagedTransaction
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from scrgraph import __version__
from scrgraph.errors import WriteFailed
from scrgraph.framework.ontology import ontology_graph
from scrgraph.graphs import GraphUnion
from scrgraph.ingest.pipeline import Prepared, SourceRead
from scrgraph.ingest.problems import Problem
from scrgraph.ingest.shacl import Violation
from scrgraph.ingest.tordf import OntologyTerms
from scrgraph.namespaces import DCTERMS, NSCB, RDF, XSD
from scrgraph.results import LoadReport, Progress, WriteSummary
from scrgraph.store.db import Database, literal, row, system_statement
from scrgraph.store.mapping import Neo4jMapping, to_property_graph
from scrgraph.store.rows import PropertyGraph
from scrgraph.store.writer import write_graph


def _provenance(sources: Sequence[SourceRead], ontology: Graph, load_hash: str) -> Graph:
    terms = OntologyTerms(ontology)
    load = terms.instance(NSCB.Load, load_hash[:16])
    graph = Graph()
    graph.add((load, RDF.type, NSCB.Load))
    graph.add((load, DCTERMS.identifier, Literal(load_hash[:16])))
    graph.add((load, NSCB.file, Literal("; ".join(s.path.name for s in sources))))
    graph.add((load, NSCB.sha256, Literal(load_hash)))
    graph.add((load, NSCB.rows, Literal(sum(s.rows for s in sources), datatype=XSD.integer)))
    graph.add((load, NSCB.loadedBy, Literal(getpass.getuser())))
    graph.add((load, NSCB.loadedAt, Literal(dt.datetime.now(dt.UTC).replace(microsecond=0),
                                            datatype=XSD.dateTime)))
    graph.add((load, NSCB.softwareVersion, Literal(__version__)))
    for source in sources:
        for review in source.reviews:
            graph.add((load, NSCB.loaded, review))
            graph.add((review, RDF.type, NSCB.Review))  # so the link maps; adds no data
    return graph


def _sources_of_items(sources: Sequence[SourceRead], labels: Mapping[URIRef, str],
                      framework: frozenset[str]) -> Graph:
    """``item nscb:loadedFrom "name"``: which source (file or folder name) holds each item,
    the first when several do. Framework concepts are scrgraph's own and get none."""
    graph = Graph()
    seen: set[Node] = set()
    for source in sources:
        for item, cls in source.graph.subject_objects(RDF.type):
            if cls in labels and item not in seen and str(item) not in framework:
                seen.add(item)
                graph.add((item, NSCB.loadedFrom, Literal(source.path.name)))
    return graph


def load_framework(database: Database,
                   progress: Progress | None = None) -> WriteSummary:
    """Write the framework from the ontology (idempotent)."""
    ontology = ontology_graph()
    graph = to_property_graph(ontology, ontology)
    # confirmed: the framework is scrgraph's own; a new version may rewrite all of it.
    return write_graph(database, graph, progress=progress, confirmed=True,
                       managed_types=Neo4jMapping(ontology).rel_types.values())


#: How many times a load is prepared again when an analyst decided on a suggested code of one
#: of its recommendations between the load's reading of the decisions and its write.
DECISION_RETRIES = 3


class _DecisionsChanged(Exception):
    """The decisions on suggested codes changed after the load read them."""


def _held_rows(database: Database, iris: list[str], tx: ManagedTransaction | None = None
               ) -> list[dict[str, Any]]:
    """The suggestions and decisions the graph holds for ``iris`` (suggestions-held), in a
    read transaction of their own or in ``tx``."""
    if not iris:
        return []
    if tx is None:
        return database.read_statement("suggestions-held", {"iris": iris})
    text = literal(system_statement("suggestions-held").text)
    return [row(record) for record in tx.run(text, {"iris": iris})]


def _carry_decisions(data: Graph, ontology: Graph, held_rows: list[dict[str, Any]]
                     ) -> list[Violation]:
    """Fold the suggestions, and analysts' decisions on them, that the graph holds for the
    recommendations about to be written (``held_rows``) into ``data`` (see
    ``carry_decisions``); the violations the decisions carried bring (``carried_violations``)."""
    from scrgraph.ingest.suggestions import (
        Held,
        carried_violations,
        carry_decisions,
    )

    held = [Held(r["recommendation"], r["code"], r["type"], r["props"]) for r in held_rows]
    if not held:
        return []
    carried = carry_decisions(data, ontology, held)
    return carried_violations(carried, data, ontology) if len(carried) else []


def carried_problem(violation: Violation) -> Problem:
    """A violation a decision carried from the graph brings, as the load's problem."""
    return Problem("(the database)", f"a decision on a suggested code the database holds "
                   f"does not conform, so nothing was loaded: {violation}")


def framework_iris(ontology: Graph) -> frozenset[str]:
    """The IRIs of the framework's nodes: scrgraph's own, never written by a load."""
    return frozenset(n.iri for n in to_property_graph(ontology, ontology).nodes)


def load_prepared(database: Database, prepared: Prepared, *, sync: bool = False,
                  confirmed: bool = False, replace: bool = False,
                  progress: Progress | None = None) -> LoadReport:
    """Write validated sources in one transaction, with the Load provenance record.

    Each item records the source that wrote it (``nscb:loadedFrom``, set here: any a source
    brought is dropped from ``prepared.data``); a load that would change items a different
    source wrote stops naming them, unless ``replace``."""
    from scrgraph.ingest.suggestions import recommendation_iris

    ontology = ontology_graph()
    mapping = Neo4jMapping(ontology)
    framework = framework_iris(ontology)

    def write(held: list[dict[str, Any]],
              precondition: Callable[[ManagedTransaction], None]) -> LoadReport:
        graph = load_rows(prepared.data, prepared.sources, ontology, mapping, framework, held)
        return write_rows(database, graph, prepared.sources, ontology, mapping, framework,
                          precondition, referenced=prepared.referenced, sync=sync,
                          confirmed=confirmed, replace=replace, progress=progress)

    report = with_held_decisions(database, list(recommendation_iris(prepared.data)), write)
    assert report is not None  # write never declines
    return report


def with_held_decisions(
        database: Database, iris: list[str],
        write: Callable[[list[dict[str, Any]], Callable[[ManagedTransaction], None]],
                        LoadReport | None]) -> LoadReport | None:
    """``write(held, precondition)``: a load given the suggestions and decisions the graph
    holds for its recommendations (``iris``), and a precondition its transaction runs first
    that fails when they changed since; prepared and written again when they did. None when
    ``write`` declines."""
    for attempt in range(DECISION_RETRIES):
        # The decisions are read before the transaction (they go through the shapes with the
        # rest), then read again inside it under the recommendations' locks, which an
        # analyst's accept or reject takes too: if one came in between, prepare again.
        held = _held_rows(database, iris)

        def unchanged(tx: ManagedTransaction, held: list[dict[str, Any]] = held) -> None:
            if not iris:
                return
            tx.run(literal(system_statement("lock-recommendations").text),
                   {"iris": iris}).consume()
            if _held_rows(database, iris, tx) != held:
                raise _DecisionsChanged

        try:
            return write(held, unchanged)
        except _DecisionsChanged:
            if attempt == DECISION_RETRIES - 1:
                raise WriteFailed(
                    "Analysts kept deciding on suggested codes of these recommendations while "
                    "the load ran, so nothing was loaded. Load again.") from None
    raise AssertionError("unreachable")


def load_rows(data: Graph, sources: Sequence[SourceRead], ontology: Graph,
              mapping: Neo4jMapping, framework: frozenset[str],
              held: list[dict[str, Any]]) -> PropertyGraph:
    """The rows a load of ``data`` (read from ``sources``) writes, with the suggestions and
    decisions the graph holds for its recommendations (``held``) folded in; raises
    ValidationFailed when a decision folded in does not conform. ``data`` loses any
    ``nscb:loadedFrom`` a source brought: the loader's to set, never a source's."""
    from scrgraph.errors import ValidationFailed

    rows, violations = decided_rows(data, sources, ontology, mapping, framework, held)
    if rows is None:
        raise ValidationFailed([carried_problem(v) for v in violations])
    return rows


def decided_rows(data: Graph, sources: Sequence[SourceRead], ontology: Graph,
                 mapping: Neo4jMapping, framework: frozenset[str], held: list[dict[str, Any]]
                 ) -> tuple[PropertyGraph | None, list[Violation]]:
    """:func:`load_rows`, the violations of the decisions folded in returned (in a report's
    order), not raised: no rows when there are any."""
    data.remove((None, NSCB.loadedFrom, None))
    loaded_from = _sources_of_items(sources, mapping.labels, framework)
    union: Graph
    if held:
        # Decisions are folded into a copy, so that a retry folds what it reads then into the
        # data as prepared.
        union = data + ontology
        violations = _carry_decisions(union, ontology, held)
        if violations:
            return None, violations
        union += loaded_from
    else:
        # Read through, not copied: copying a national corpus cost more than mapping it.
        union = GraphUnion(data, ontology, loaded_from)
    return to_property_graph(union, ontology), []


def write_rows(database: Database, graph: PropertyGraph, sources: Sequence[SourceRead],
               ontology: Graph, mapping: Neo4jMapping, framework: frozenset[str],
               precondition: Callable[[ManagedTransaction], None], *,
               referenced: Sequence[str], sync: bool, confirmed: bool, replace: bool,
               progress: Progress | None) -> LoadReport:
    """Write a load's rows (``load_rows``) with its provenance, in one transaction."""
    load_hash = hashlib.sha256("".join(s.sha256 for s in sources).encode()).hexdigest()
    provenance = _provenance(sources, ontology, load_hash)
    prov_graph = to_property_graph(provenance, ontology)  # types its reviews itself
    provenance_rows = PropertyGraph(
        tuple(n for n in prov_graph.nodes if "Load" in n.labels),
        tuple(r for r in prov_graph.rels if r.type == "LOADED"))
    reviews = [str(r) for s in sources for r in s.reviews] if sync else []
    summary = write_graph(database, graph, sync_reviews=reviews, progress=progress,
                          confirmed=confirmed, replace=replace,
                          managed_types=mapping.rel_types.values(),
                          provenance=provenance_rows,
                          source_property=mapping.prop_names[NSCB.loadedFrom],
                          framework=framework, precondition=precondition,
                          refreshable=(mapping.rel_types[NSCB.suggestsTheme],
                                       mapping.rel_types[NSCB.suggestsStandard]),
                          referenced=referenced)
    return LoadReport(tuple(s.path for s in sources), summary, load_hash[:16],
                      tuple(w for s in sources for w in s.warnings))
