"""Map an RDF graph to Neo4j's property graph, by the rules the ontology states.

The rules (see the head of ``ontology/nscb.ttl``):

* a resource typed with a class that has ``nscb:neo4jLabel`` (or a subclass of one) becomes a
  node with that label; a Review subclass also sets ``kind`` to its ``nscb:reviewKindCode``,
  and a theme class with ``nscb:themeScope`` (nscb:LocalTheme) sets ``scope`` (``local``);
* an object property with ``nscb:neo4jType`` becomes a relationship of that type;
* an object property with ``nscb:neo4jProperty`` points at a vocabulary concept and becomes a
  node property holding the concept's ``skos:notation``;
* a literal-valued property becomes the node property its ``nscb:neo4jProperty`` names, or its
  local name when it is an ``owl:DatatypeProperty`` of the ontology;
* a node's ``id`` is its ``dcterms:identifier``, or for framework concepts the local part of
  the IRI (``std-2.2``);
* ``nscb:CodeAssignment`` and ``nscb:FrameworkLink`` become the properties of the relationships
  they describe (HAS_THEME / MAPS_TO, SPEAKS_TO / INTERLINKS_WITH).
* some properties are derived, as the ontology's comments say: a review's ``publishedAs``
  (its publication date as the source gives it: ``2023-04-17``, ``2023-04`` or ``2023``) and
  ``year``, with ``published`` (a date) only when the day is known; a recommendation's
  ``numberOrder`` (a natural sort key of its ``number``, which is always text).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from scrgraph.framework import ontology
from scrgraph.namespaces import DCTERMS, NSCB, OWL, RDF, RDFS, SKOS, TLF
from scrgraph.store.rows import NodeRow, PropertyGraph, RelRow

# Properties that hold several values by nature: always a list in Neo4j, sorted.
LIST_PROPERTIES = frozenset({SKOS.altLabel, SKOS.hiddenLabel, NSCB.smartGap, NSCB.caseKey})
_REIFIED = {
    NSCB.CodeAssignment: (NSCB.ofRecommendation, NSCB.assignedCode),
    NSCB.FrameworkLink: (NSCB.linkSource, NSCB.linkTarget),
}


@dataclass(frozen=True)
class Neo4jMapping:
    """The ontology's Neo4j mapping (from ``scrgraph.ontology``), with the lookups mapping needs."""

    ontology: Graph

    @cached_property
    def labels(self) -> dict[URIRef, str]:
        """Every class that becomes a node, subclasses included (nearest ancestor wins)."""
        found = {}
        for cls in set(self.ontology.subjects(RDF.type, OWL.Class)):
            if isinstance(cls, URIRef) and (label := ontology.neo4j_label(cls)) is not None:
                found[cls] = label
        return found

    @cached_property
    def kinds(self) -> dict[URIRef, str]:
        return {c: str(code) for c, code in self.ontology.subject_objects(NSCB.reviewKindCode)
                if isinstance(c, URIRef)}

    @cached_property
    def scopes(self) -> dict[URIRef, str]:
        return {c: str(scope) for c, scope in self.ontology.subject_objects(NSCB.themeScope)
                if isinstance(c, URIRef)}

    @cached_property
    def rel_types(self) -> dict[URIRef, str]:
        return dict(ontology.neo4j_types())

    @cached_property
    def prop_names(self) -> dict[URIRef, str]:
        """Literal- or concept-valued properties and the Neo4j property each becomes."""
        names = dict(ontology.neo4j_properties())
        for prop in self.ontology.subjects(RDF.type, OWL.DatatypeProperty):
            if isinstance(prop, URIRef) and prop not in names:
                names[prop] = ontology.neo4j_property(prop)
        return names

    @cached_property
    def notations(self) -> dict[Node, str]:
        return {c: str(n) for c, n in self.ontology.subject_objects(SKOS.notation)}

    def theme_or_standard_type(self, concept: Node, accepted: bool = True,
                               data: Graph | None = None, rejected: bool = False
                               ) -> str | None:
        """The relationship a coding to ``concept`` (a framework concept, or a local theme
        ``data`` declares) becomes: HAS_THEME / MAPS_TO; for a suggestion no analyst has
        accepted, SUGGESTS_THEME / SUGGESTS_STANDARD; for one an analyst rejected,
        REJECTED_THEME / REJECTED_STANDARD."""
        types = [*self.ontology.objects(concept, RDF.type),
                 *(data.objects(concept, RDF.type) if data is not None else ())]
        for cls in types:
            if cls in (NSCB.Theme, NSCB.LocalTheme):
                return self.rel_types[NSCB.hasTheme if accepted else NSCB.rejectedTheme
                                      if rejected else NSCB.suggestsTheme]
            if cls == NSCB.Standard:
                return self.rel_types[NSCB.mapsToStandard if accepted
                                      else NSCB.rejectedStandard if rejected
                                      else NSCB.suggestsStandard]
        return None


def _python(value: Literal) -> Any:
    converted = value.toPython()
    if isinstance(converted, Decimal):
        return float(converted)
    if isinstance(converted, dt.datetime | dt.date | bool | int | float | str):
        return converted
    return str(value)


def _node_id(subject: URIRef, graph: Graph) -> str:
    identifier = graph.value(subject, DCTERMS.identifier)
    if identifier is not None:
        return str(identifier)
    if subject.startswith(str(TLF)):
        return subject[len(str(TLF)):]
    return subject.split("#")[-1].split("/")[-1]


def to_property_graph(graph: Graph, ontology: Graph) -> PropertyGraph:
    """The Neo4j rows for every mapped resource in ``graph``."""
    vocab = Neo4jMapping(ontology)
    # Concepts of the ontology's vocabularies are looked up in both graphs.
    notations = dict(vocab.notations)
    notations.update({c: str(n) for c, n in graph.subject_objects(SKOS.notation)})
    nodes: dict[URIRef, NodeRow] = {}
    for subject, cls in graph.subject_objects(RDF.type):
        if not isinstance(subject, URIRef) or cls not in vocab.labels:
            continue
        assert isinstance(cls, URIRef)
        label = vocab.labels[cls]
        previous = nodes.get(subject)
        labels = tuple(sorted({label, *(previous.labels if previous else ())}))
        props = dict(previous.props) if previous else _node_props(subject, graph, vocab,
                                                                  notations)
        if cls in vocab.kinds:
            props["kind"] = vocab.kinds[cls]
        if cls in vocab.scopes:
            props["scope"] = vocab.scopes[cls]
        nodes[subject] = NodeRow(str(subject), labels, props)
    rels: list[RelRow] = []
    for prop, rel_type in vocab.rel_types.items():
        for start, end in graph.subject_objects(prop):
            if start in nodes and end in nodes:
                rels.append(RelRow(rel_type, str(start), str(end)))
    rels = _merge_reified(graph, vocab, nodes, rels)
    rels.sort(key=lambda r: (r.type, r.start, r.end))
    return PropertyGraph(tuple(sorted(nodes.values(), key=lambda n: n.iri)), tuple(rels))


def _node_props(subject: URIRef, graph: Graph, vocab: Neo4jMapping,
                notations: dict[Node, str]) -> dict[str, Any]:
    values: dict[str, list[Any]] = defaultdict(list)
    list_names = {vocab.prop_names[p] for p in LIST_PROPERTIES if p in vocab.prop_names}
    for prop, obj in graph.predicate_objects(subject):
        if not isinstance(prop, URIRef) or prop not in vocab.prop_names:
            continue
        name = vocab.prop_names[prop]
        if isinstance(obj, Literal):
            values[name].append(_python(obj))
        elif obj in notations:
            values[name].append(notations[obj])
    props: dict[str, Any] = {}
    for name, found in values.items():
        found = sorted(set(found), key=str)
        props[name] = found if name in list_names or len(found) > 1 else found[0]
    props["id"] = _node_id(subject, graph)
    published = props.pop("published", None)
    if isinstance(published, dt.date):
        props["published"] = published
        props["publishedAs"] = published.isoformat()
        props["year"] = published.year
    elif published is not None:  # an xsd:gYear or xsd:gYearMonth: 2023, 2023-04
        props["publishedAs"] = str(published)
        props["year"] = int(str(published)[:4])
    if "number" in props:
        props["number"] = str(props["number"])
        props["numberOrder"] = natural_order(props["number"])
    return props


_DIGITS = re.compile(r"(\d+)")


def natural_order(label: str) -> str:
    """A text key that sorts labels as people read them: each run of digits compared as a
    number (padded to a common width), letters without regard to case, so that 2 < 10,
    1 < 1a < 1b < 2, 9.1 b < 9.2 and 3.14 < 3.140(a)."""
    parts = _DIGITS.split(label.strip().lower())
    return "".join(part.zfill(_ORDER_WIDTH) if index % 2 else part
                   for index, part in enumerate(parts))


_ORDER_WIDTH = 12


def _merge_reified(graph: Graph, vocab: Neo4jMapping, nodes: dict[URIRef, NodeRow],
                   rels: list[RelRow]) -> list[RelRow]:
    """Fold CodeAssignments and FrameworkLinks into the relationships they describe."""
    by_key = {(r.start, r.end, r.type): r for r in rels}
    rel_types: dict[tuple[Node, bool, bool], str | None] = {}  # a concept's, per decision
    for cls, (source_prop, target_prop) in _REIFIED.items():
        skipped = {RDF.type, source_prop, target_prop, NSCB.linkProperty}
        for record in graph.subjects(RDF.type, cls):
            # Each record read once (a national corpus has hundreds of thousands of them);
            # a property given twice keeps its first value, as Graph.value would.
            pairs = list(graph.predicate_objects(record))
            held: dict[Node, Node] = {}
            for prop, obj in pairs:
                held.setdefault(prop, obj)
            source, target = held.get(source_prop), held.get(target_prop)
            if source not in nodes or target not in nodes or target is None:
                continue
            if cls == NSCB.CodeAssignment:
                accepted = held.get(NSCB.accepted)
                pending = isinstance(accepted, Literal) and accepted.toPython() is False
                rejected = held.get(NSCB.rejected)
                refused = isinstance(rejected, Literal) and rejected.toPython() is True
                if (target, pending, refused) not in rel_types:
                    rel_types[target, pending, refused] = vocab.theme_or_standard_type(
                        target, accepted=not pending, data=graph, rejected=refused)
                rel_type = rel_types[target, pending, refused]
            else:
                link_prop = held.get(NSCB.linkProperty)
                rel_type = vocab.rel_types.get(link_prop) if isinstance(link_prop,
                                                                          URIRef) else None
            if rel_type is None:
                continue
            props: dict[str, Any] = {}
            for prop, obj in pairs:
                if prop in skipped:
                    continue
                name = vocab.prop_names.get(prop) if isinstance(prop, URIRef) else None
                if name is None:
                    continue
                if isinstance(obj, Literal):
                    props[name] = _python(obj)
                else:
                    label = graph.value(obj, RDFS.label) or vocab.ontology.value(obj,
                                                                                 RDFS.label)
                    props[name] = str(label) if label is not None else str(obj)
            key = (str(source), str(target), rel_type)
            by_key[key] = RelRow(rel_type, str(source), str(target), props)
    return list(by_key.values())
