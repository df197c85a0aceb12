"""Map checked workbook items to RDF, using the ontology's terms.

Each column's ``term`` in ``loaders/workbook.toml`` names the ontology property it fills; the
ontology says how instances are named (``nscb:iriTemplate``), which class a review kind code
means (``nscb:reviewKindCode``) and which concept a code means (``skos:notation`` within the
property's range). Theme and standard codes also become ``nscb:CodeAssignment`` records that
carry who coded them and when.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from scrgraph.errors import SourceError
from scrgraph.graphs import data_graph
from scrgraph.ingest.format import ColumnSpec, SheetSpec, Workbook, WorkbookSpec, workbook_spec
from scrgraph.namespaces import NSCB, PREFIXES, PROV, RDF, RDFS, SKOS, XSD

_FRAMEWORK_CLASS = {"themes": NSCB.Theme, "standards": NSCB.Standard,
                    "quadrants": NSCB.Quadrant}
# The terms every item's triples use, made once: a namespace's attribute makes a new URIRef at
# each call, a cost worth avoiding in a loop over a national corpus.
_A, _LABEL, _AGENT = RDF.type, RDFS.label, PROV.Agent
_ASSIGNED_BY, _ASSIGNED_AT, _ACCEPTED = NSCB.assignedBy, NSCB.assignedAt, NSCB.accepted
_ASSIGNMENT, _OF_RECOMMENDATION = NSCB.CodeAssignment, NSCB.ofRecommendation
_ASSIGNED_CODE = NSCB.assignedCode
_TRUE = Literal(True, datatype=XSD.boolean)


@dataclass(frozen=True)
class Mapped:
    """The RDF for a workbook, and where each item came from (to locate SHACL violations)."""

    graph: Graph
    origin: dict[URIRef, tuple[str, str, int]]  # item IRI -> (file, sheet, row)
    reviews: tuple[URIRef, ...]


@functools.cache
def expand(curie: str) -> URIRef:
    prefix, _, local = curie.partition(":")
    if prefix not in PREFIXES:
        raise SourceError(f"loaders/workbook.toml: unknown prefix in term {curie!r}.")
    return URIRef(PREFIXES[prefix] + local)


class OntologyTerms:
    """The lookups the mapping needs, answered from the ontology graph, and the local themes
    (code -> IRI) the sources declare beside the framework's."""

    def __init__(self, ontology: Graph, local_themes: Mapping[str, URIRef] | None = None
                 ) -> None:
        self.graph = ontology
        self.local_themes = dict(local_themes or {})
        self._concepts: dict[tuple[URIRef, str], URIRef] = {}
        for concept, notation in ontology.subject_objects(SKOS.notation):
            for cls in ontology.objects(concept, RDF.type):
                if isinstance(cls, URIRef) and isinstance(concept, URIRef):
                    self._concepts[(cls, str(notation))] = concept
        self._kinds = {str(code): cls for cls, code in
                       ontology.subject_objects(NSCB.reviewKindCode)
                       if isinstance(cls, URIRef)}
        # Looked up once per class and property, not once per item.
        self._templates = {cls: str(template) for cls, template in
                           ontology.subject_objects(NSCB.iriTemplate)}
        self._ranges: dict[URIRef, URIRef] = {}

    def template(self, cls: URIRef) -> str:
        template = self._templates.get(cls)
        if template is None:
            raise SourceError(f"The ontology gives no nscb:iriTemplate for {cls}.")
        return template

    def instance(self, cls: URIRef, item_id: str) -> URIRef:
        return URIRef(self.template(cls).replace("{id}", _iri_safe(item_id)))

    def concept(self, cls: URIRef, code: str) -> URIRef:
        found = self._concepts.get((cls, code))
        if found is None and cls == NSCB.Theme:
            found = self.local_themes.get(code)
        if found is None:
            raise SourceError(f"The ontology has no {cls} with code {code!r}.")
        return found

    def range_of(self, prop: URIRef) -> URIRef:
        found = self._ranges.get(prop) or self.graph.value(prop, RDFS.range)
        if not isinstance(found, URIRef):
            raise SourceError(f"The ontology gives no rdfs:range for {prop}.")
        self._ranges[prop] = found
        return found

    def review_class(self, code: str) -> URIRef:
        return self._kinds[code]


def _iri_safe(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._\-/]", "_", text)


def _literal(column: ColumnSpec, value: Any) -> Literal:
    if column.type == "date":
        assert isinstance(value, dt.date)
        return Literal(value.isoformat(), datatype=XSD.date)
    if column.type == "partial-date":
        text = value.isoformat() if isinstance(value, dt.date) else str(value)
        # 2023-04-17 (a day, as read or as exported), 2023-04 (a month) or 2023 (a year)
        return Literal(text, datatype={4: XSD.gYear, 7: XSD.gYearMonth}.get(len(text),
                                                                            XSD.date))
    if column.type == "integer":
        return Literal(int(value), datatype=XSD.integer)
    if column.type == "boolean":
        return Literal(bool(value), datatype=XSD.boolean)
    return Literal(str(value))


def workbook_to_rdf(workbook: Workbook, ontology: Graph,
                    local_themes: Mapping[str, URIRef] | None = None) -> Mapped:
    """The RDF graph for a checked workbook. Its Themes cells may code the local themes its
    own Themes sheet declares, or those in ``local_themes`` (code -> IRI, declared by another
    source of the same load)."""
    spec = workbook_spec()
    terms = OntologyTerms(ontology, local_themes)
    terms.local_themes.update({item.id: terms.instance(NSCB.LocalTheme, item.id)
                               for sheet in spec.sheets if sheet.cls == "LocalTheme"
                               for item in workbook.sheet(sheet.name)})
    graph = data_graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    origin: dict[URIRef, tuple[str, str, int]] = {}
    classes = {sheet.name: expand(f"nscb:{sheet.cls}") for sheet in spec.sheets}
    for sheet in spec.sheets:
        for item in workbook.sheet(sheet.name):
            subject = terms.instance(classes[sheet.name], item.id)
            origin[subject] = (item.file, sheet.name, item.row)
            for triple in _item_triples(sheet, spec, item.values, subject, classes, terms):
                graph.add(triple)
    reviews = tuple(terms.instance(classes["Reviews"], item.id)
                    for item in workbook.sheet("Reviews"))
    return Mapped(graph, origin, reviews)


def _item_triples(sheet: SheetSpec, spec: WorkbookSpec, values: dict[str, Any],
                  subject: URIRef, classes: dict[str, URIRef], terms: OntologyTerms
                  ) -> Iterator[tuple[Node, Node, Node]]:
    if "kind" not in values:
        yield subject, _A, classes[sheet.name]
    coding: dict[URIRef, Node] = {}
    for column in sheet.columns:
        if column.field not in values or column.term is None:
            continue
        value = values[column.field]
        inverse = column.term.startswith("^")
        prop = expand(column.term.lstrip("^"))
        if prop in (_ASSIGNED_BY, _ASSIGNED_AT):
            coding[prop] = (agent(value) if prop == _ASSIGNED_BY
                            else _literal(column, value))
            continue
        for obj in _objects(column, value, prop, spec, classes, terms):
            yield (obj, prop, subject) if inverse else (subject, prop, obj)
        if column.also is not None:
            yield subject, expand(column.also), _literal(column, value)
    if _ASSIGNED_BY in coding:
        assigner = coding[_ASSIGNED_BY]
        yield assigner, _A, _AGENT
        yield assigner, _LABEL, Literal(str(values["codedBy"]))
    # Each theme or standard code (its direct triple came from _objects) also gets a
    # CodeAssignment that records who coded it and when.
    for vocab in ("themes", "standards"):
        for code in values.get(vocab, []):
            concept = terms.concept(_FRAMEWORK_CLASS[vocab], code)
            assignment = terms.instance(_ASSIGNMENT,
                                        f"{values['id']}/{concept.split('/')[-1]}")
            yield assignment, _A, _ASSIGNMENT
            yield assignment, _OF_RECOMMENDATION, subject
            yield assignment, _ASSIGNED_CODE, concept
            yield assignment, _ACCEPTED, _TRUE
            for key, obj in coding.items():
                yield assignment, key, obj


def agent(role: Any) -> URIRef:
    """The agent (a role such as 'M&E officer') who assigned codes. The IRI percent-encodes
    the role as typed, so two different roles never share one agent ('M E officer' and
    'M&E officer' once did, and a reload flipped codings between them)."""
    return URIRef(PREFIXES["id"] + "agent/" + quote(str(role).strip(), safe=""))


def _objects(column: ColumnSpec, value: Any, prop: URIRef, spec: WorkbookSpec,
             classes: dict[str, URIRef], terms: OntologyTerms) -> Iterator[Node]:
    values = value if isinstance(value, list) else [value]
    for single in values:
        if column.type in ("ref", "refs"):
            assert column.ref is not None
            yield terms.instance(classes[column.ref], str(single))
        elif column.type == "codes":
            vocab = str(column.vocab)
            yield terms.concept(_FRAMEWORK_CLASS[vocab], str(single))
        elif column.type == "code":
            if prop == RDF.type:
                yield terms.review_class(str(single))
            else:
                yield terms.concept(terms.range_of(prop), str(single))
        else:
            yield _literal(column, single)

