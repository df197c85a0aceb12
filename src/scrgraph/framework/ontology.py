"""The scrgraph ontology (``ontology/nscb.ttl``): the graph itself, read once, and the
annotations that say how its classes and properties become Neo4j labels, relationship types
and properties.

Nothing is read at import time; every loader is cached, so the file is parsed once per process.
The graph returned by :func:`ontology_graph` is shared: treat it as read-only.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from scrgraph.namespaces import NSCB, PREFIXES, RDFS, SKOS
from scrgraph.resources import share_dir


def ontology_path() -> Path:
    """Where ``nscb.ttl`` is (the repo's ``ontology/`` folder, or the wheel's copy)."""
    return share_dir("ontology") / "nscb.ttl"


@functools.cache
def ontology_graph() -> Graph:
    """The ontology as an rdflib graph, parsed once. Shared: do not modify it."""
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    graph.parse(ontology_path(), format="turtle")
    return graph


def texts(graph: Graph, subject: Node, predicate: URIRef) -> tuple[str, ...]:
    """All literal values, sorted (RDF has no order), English or untagged only."""
    values = {
        str(o)
        for o in graph.objects(subject, predicate)
        if isinstance(o, Literal) and o.language in (None, "en")
    }
    return tuple(sorted(values, key=lambda v: (v.casefold(), v)))


def text(graph: Graph, subject: Node, predicate: URIRef) -> str | None:
    """The first of :func:`texts`, or None."""
    values = texts(graph, subject, predicate)
    return values[0] if values else None


def notation(iri: URIRef) -> str | None:
    """The skos:notation (code) of any concept in the ontology, or None."""
    return text(ontology_graph(), iri, SKOS.notation)


# -- the Neo4j mapping -------------------------------------------------------------------------


def _annotations(annotation: URIRef) -> Mapping[URIRef, str]:
    found: dict[URIRef, str] = {}
    for subject, value in ontology_graph().subject_objects(annotation):
        if isinstance(subject, URIRef):
            found[subject] = str(value)
    return MappingProxyType(found)


@functools.cache
def neo4j_labels() -> Mapping[URIRef, str]:
    """Class IRI -> Neo4j label, for every class annotated with nscb:neo4jLabel."""
    return _annotations(NSCB.neo4jLabel)


@functools.cache
def neo4j_types() -> Mapping[URIRef, str]:
    """Object property IRI -> Neo4j relationship type (nscb:neo4jType)."""
    return _annotations(NSCB.neo4jType)


@functools.cache
def neo4j_properties() -> Mapping[URIRef, str]:
    """Property IRI -> Neo4j property name, where nscb:neo4jProperty gives one. Any other
    datatype property maps to its local name (see :func:`neo4j_property`)."""
    return _annotations(NSCB.neo4jProperty)


def neo4j_label(class_iri: URIRef) -> str | None:
    """The Neo4j label of a class, inherited from the nearest annotated superclass
    (nscb:SeriousCaseReview -> ``Review``); None for classes that are not nodes."""
    labels = neo4j_labels()
    graph = ontology_graph()
    seen: set[Node] = set()
    queue: list[Node] = [class_iri]
    while queue:
        cls = queue.pop(0)
        if cls in seen:
            continue
        seen.add(cls)
        if isinstance(cls, URIRef) and cls in labels:
            return labels[cls]
        queue.extend(graph.objects(cls, RDFS.subClassOf))
    return None


def neo4j_type(property_iri: URIRef) -> str | None:
    """The relationship type an object property becomes, or None if it does not become one."""
    return neo4j_types().get(property_iri)


def neo4j_property(property_iri: URIRef) -> str:
    """The Neo4j property name: the nscb:neo4jProperty annotation, else the IRI's local name."""
    named = neo4j_properties().get(property_iri)
    if named is not None:
        return named
    iri = str(property_iri)
    return re.split(r"[#/]", iri)[-1]
