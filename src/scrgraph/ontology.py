"""The scrgraph ontology (``ontology/nscb.ttl``), loaded once and read as typed Python objects.

What it answers:

* :func:`framework` - Norfolk's Thematic Learning Framework: quadrants, practice standards,
  key themes, cross-cutting concepts, which standards speak to which themes and which
  quadrants interlink, each link with its source in the brief;
* :func:`resolve_theme` / :func:`resolve_standard` / :func:`resolve_quadrant` - a workbook
  cell's code or label (preferred, alternative or hidden; any case) to its concept, and
  :func:`suggest_theme` / :func:`suggest_standard` - the nearest valid code, for error messages;
* :func:`vocabularies` - workbook codes to ontology IRIs (review kinds, guidance, statuses ...);
* :func:`neo4j_label`, :func:`neo4j_type`, :func:`neo4j_property` and the full mappings -
  how classes and properties become Neo4j labels, relationship types and properties;
* :func:`framework_graph_rows` - the framework as node and relationship rows for a batched
  ``UNWIND $rows ... MERGE`` writer.

Nothing is read at import time; every loader is cached, so the file is parsed once per process.
The graph returned by :func:`ontology_graph` is shared: treat it as read-only.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Protocol, TypeVar

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from scrgraph.namespaces import DCTERMS, NSCB, PREFIXES, RDF, RDFS, SKOS, TLF
from scrgraph.resources import share_dir

SAFEGUARDING_ISSUE = "safeguarding-issue"
"""``Theme.kind`` of the recurring safeguarding issues."""

AREA_OF_PRACTICE = "area-of-practice"
"""``Theme.kind`` of the recurring areas of practice."""


# ---------------------------------------------------------------------------------------------
# Framework concepts
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Quadrant:
    """One of the four key learning areas."""

    iri: URIRef
    id: str
    """Neo4j id, e.g. ``quadrant-1``."""
    code: str
    """skos:notation, ``"1"`` .. ``"4"``."""
    label: str
    """The name the brief's numbered list gives it."""
    question: str
    """The guiding question for the Board, verbatim from the brief."""
    alt_labels: tuple[str, ...]
    hidden_labels: tuple[str, ...]


@dataclass(frozen=True)
class Standard:
    """A practice standard (headline outcome) from Appendix 1 of the brief."""

    iri: URIRef
    id: str
    """Neo4j id, e.g. ``std-2.2``."""
    code: str
    """skos:notation, e.g. ``"2.2"``."""
    label: str
    """A short name (ours, not the brief's)."""
    outcome: str
    """The outcome, verbatim from Appendix 1."""
    section: str
    """The Appendix 1 heading it sits under."""
    quadrant: str
    """The code of its one quadrant (``"4"`` for sections 4, 5 and 6)."""
    alt_labels: tuple[str, ...]
    hidden_labels: tuple[str, ...]


@dataclass(frozen=True)
class Theme:
    """A key theme: a recurring safeguarding issue or a recurring area of practice."""

    iri: URIRef
    id: str
    """Neo4j id, e.g. ``theme-domestic-abuse``."""
    code: str
    """skos:notation, e.g. ``domestic-abuse``."""
    label: str
    """The name as the brief words it."""
    kind: str
    """:data:`SAFEGUARDING_ISSUE` or :data:`AREA_OF_PRACTICE`."""
    alt_labels: tuple[str, ...]
    hidden_labels: tuple[str, ...]
    scope_note: str | None


@dataclass(frozen=True)
class CrossCuttingConcept:
    """A premise across all quadrants: the child at the centre; managing risk and uncertainty."""

    iri: URIRef
    id: str
    code: str
    label: str
    definition: str
    """The brief's own words."""
    alt_labels: tuple[str, ...]


@dataclass(frozen=True)
class StandardThemeLink:
    """A practice standard that speaks to a key theme, and where that comes from."""

    standard: str
    """Standard code, e.g. ``"2.2"``."""
    theme: str
    """Theme code, e.g. ``"domestic-abuse"``."""
    source: str
    """Where in the brief, e.g. ``"Brief, Appendix 1 standard 2.2 text"``."""
    basis: str
    """``"stated"`` (the text says so) or ``"implied"`` (our reading of the text)."""
    note: str | None
    """The words it rests on, or the reasoning for an implied link."""


@dataclass(frozen=True)
class QuadrantInterlink:
    """A quadrant that crosses over with (depends on) another, as the brief names it."""

    from_quadrant: str
    """Quadrant code, e.g. ``"2"``."""
    to_quadrant: str
    source: str
    basis: str
    note: str | None


@dataclass(frozen=True)
class Framework:
    """The Thematic Learning Framework, complete. Sequences are in a stable, reading order."""

    iri: URIRef
    id: str
    title: str
    quadrants: tuple[Quadrant, ...]
    standards: tuple[Standard, ...]
    themes: tuple[Theme, ...]
    """Safeguarding issues first, then areas of practice, each in the brief's order."""
    concepts: tuple[CrossCuttingConcept, ...]
    standard_theme_links: tuple[StandardThemeLink, ...]
    quadrant_interlinks: tuple[QuadrantInterlink, ...]

    def quadrant(self, code: str) -> Quadrant:
        """The quadrant with this code; KeyError if there is none."""
        return _by_code(self.quadrants, code)

    def standard(self, code: str) -> Standard:
        """The standard with this code; KeyError if there is none."""
        return _by_code(self.standards, code)

    def theme(self, code: str) -> Theme:
        """The theme with this code; KeyError if there is none."""
        return _by_code(self.themes, code)

    def standards_in(self, quadrant: str) -> tuple[Standard, ...]:
        """The standards in the quadrant with this code."""
        return tuple(s for s in self.standards if s.quadrant == quadrant)

    def themes_of_kind(self, kind: str) -> tuple[Theme, ...]:
        """The themes of one kind (:data:`SAFEGUARDING_ISSUE` or :data:`AREA_OF_PRACTICE`)."""
        return tuple(t for t in self.themes if t.kind == kind)

    def standards_for_theme(self, theme: str) -> tuple[Standard, ...]:
        """The standards that speak to the theme with this code."""
        codes = {link.standard for link in self.standard_theme_links if link.theme == theme}
        return tuple(s for s in self.standards if s.code in codes)

    def themes_for_standard(self, standard: str) -> tuple[Theme, ...]:
        """The themes the standard with this code speaks to."""
        codes = {link.theme for link in self.standard_theme_links if link.standard == standard}
        return tuple(t for t in self.themes if t.code in codes)

    def quadrants_for_theme(self, theme: str) -> tuple[Quadrant, ...]:
        """The quadrants a theme reaches through the standards that speak to it."""
        codes = {s.quadrant for s in self.standards_for_theme(theme)}
        return tuple(q for q in self.quadrants if q.code in codes)


class _Coded(Protocol):
    @property
    def code(self) -> str: ...


_C = TypeVar("_C", bound=_Coded)


def _by_code(items: Iterable[_C], code: str) -> _C:
    for item in items:
        if item.code == code:
            return item
    raise KeyError(code)


@dataclass(frozen=True)
class Vocabularies:
    """Workbook codes to ontology IRIs, for the loaders (each mapping read-only)."""

    review_kinds: Mapping[str, URIRef]
    """``"SCR"`` -> nscb:SeriousCaseReview, ... (the class a review is typed with)."""
    guidance: Mapping[str, URIRef]
    """``"WT2018"`` -> nscb:guidance-WT2018, ..."""
    action_statuses: Mapping[str, URIRef]
    """``"open"`` -> nscb:status-open, ..."""
    sectors: Mapping[str, URIRef]
    """``"police"`` -> nscb:sector-police, ..."""
    partnership_types: Mapping[str, URIRef]
    """``"children"`` -> nscb:partnership-type-children, ..."""
    event_kinds: Mapping[str, URIRef]
    """``"roadshow"`` -> nscb:event-roadshow, ..."""


# ---------------------------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------------------------


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


def _texts(graph: Graph, subject: Node, predicate: URIRef) -> tuple[str, ...]:
    """All literal values, sorted (RDF has no order), English or untagged only."""
    values = {
        str(o)
        for o in graph.objects(subject, predicate)
        if isinstance(o, Literal) and o.language in (None, "en")
    }
    return tuple(sorted(values, key=lambda v: (v.casefold(), v)))


def _text(graph: Graph, subject: Node, predicate: URIRef) -> str | None:
    values = _texts(graph, subject, predicate)
    return values[0] if values else None


def _required(graph: Graph, subject: Node, predicate: URIRef) -> str:
    value = _text(graph, subject, predicate)
    if value is None:  # the ontology is ours: a missing value is a bug in nscb.ttl
        raise ValueError(f"{ontology_path()}: {subject} has no {predicate}")
    return value


def _local_id(iri: URIRef) -> str:
    """Neo4j id of a framework concept: its IRI after the tlf: namespace."""
    return str(iri)[len(str(TLF)) :] if str(iri).startswith(str(TLF)) else str(iri)


def _code_key(code: str) -> tuple[int | str, ...]:
    """Sort "1.10" after "1.9"."""
    return tuple(int(p) if p.isdigit() else p for p in code.split("."))


def _ordered_members(graph: Graph, collection: URIRef) -> list[Node]:
    member_list = graph.value(collection, SKOS.memberList)
    if member_list is not None:
        return list(graph.items(member_list))
    return sorted(graph.objects(collection, SKOS.member), key=str)


def _instances(graph: Graph, cls: URIRef) -> Iterator[URIRef]:
    for subject in graph.subjects(RDF.type, cls):
        if isinstance(subject, URIRef):
            yield subject


@functools.cache
def framework() -> Framework:
    """The Thematic Learning Framework, read from the ontology once."""
    g = ontology_graph()
    scheme = TLF.tlf

    quadrants = sorted(
        (
            Quadrant(
                iri=q,
                id=_local_id(q),
                code=_required(g, q, SKOS.notation),
                label=_required(g, q, SKOS.prefLabel),
                question=_required(g, q, NSCB.guidingQuestion),
                alt_labels=_texts(g, q, SKOS.altLabel),
                hidden_labels=_texts(g, q, SKOS.hiddenLabel),
            )
            for q in _instances(g, NSCB.Quadrant)
        ),
        key=lambda q: _code_key(q.code),
    )
    quadrant_code = {q.iri: q.code for q in quadrants}

    standards = sorted(
        (
            Standard(
                iri=s,
                id=_local_id(s),
                code=_required(g, s, SKOS.notation),
                label=_required(g, s, SKOS.prefLabel),
                outcome=_required(g, s, NSCB.outcome),
                section=_required(g, s, NSCB.section),
                quadrant=quadrant_code[URIRef(str(g.value(s, NSCB.inQuadrant)))],
                alt_labels=_texts(g, s, SKOS.altLabel),
                hidden_labels=_texts(g, s, SKOS.hiddenLabel),
            )
            for s in _instances(g, NSCB.Standard)
        ),
        key=lambda s: _code_key(s.code),
    )

    theme_order: list[Node] = []
    for collection in (TLF["themes-safeguarding-issues"], TLF["themes-areas-of-practice"]):
        theme_order.extend(_ordered_members(g, collection))
    themes = sorted(
        (
            Theme(
                iri=t,
                id=_local_id(t),
                code=_required(g, t, SKOS.notation),
                label=_required(g, t, SKOS.prefLabel),
                kind=_required(g, t, NSCB.themeKind),
                alt_labels=_texts(g, t, SKOS.altLabel),
                hidden_labels=_texts(g, t, SKOS.hiddenLabel),
                scope_note=_text(g, t, SKOS.scopeNote),
            )
            for t in _instances(g, NSCB.Theme)
        ),
        key=lambda t: theme_order.index(t.iri) if t.iri in theme_order else len(theme_order),
    )

    concepts = sorted(
        (
            CrossCuttingConcept(
                iri=c,
                id=_local_id(c),
                code=_required(g, c, SKOS.notation),
                label=_required(g, c, SKOS.prefLabel),
                definition=_required(g, c, SKOS.definition),
                alt_labels=_texts(g, c, SKOS.altLabel),
            )
            for c in _instances(g, NSCB.CrossCuttingConcept)
        ),
        key=lambda c: c.id,
    )

    code_of: dict[URIRef, str] = {q.iri: q.code for q in quadrants}
    code_of.update({s.iri: s.code for s in standards})
    code_of.update({t.iri: t.code for t in themes})
    standard_links: list[StandardThemeLink] = []
    interlinks: list[QuadrantInterlink] = []
    for link in _instances(g, NSCB.FrameworkLink):
        prop = g.value(link, NSCB.linkProperty)
        source_node = g.value(link, NSCB.linkSource)
        target_node = g.value(link, NSCB.linkTarget)
        start = code_of[URIRef(str(source_node))]
        end = code_of[URIRef(str(target_node))]
        source = _required(g, link, DCTERMS.source)
        basis = _required(g, link, NSCB.linkBasis)
        note = _text(g, link, SKOS.note)
        if prop == NSCB.speaksTo:
            standard_links.append(StandardThemeLink(start, end, source, basis, note))
        elif prop == NSCB.interlinksWith:
            interlinks.append(QuadrantInterlink(start, end, source, basis, note))
    theme_rank = {t.code: i for i, t in enumerate(themes)}
    standard_links.sort(key=lambda lk: (_code_key(lk.standard), theme_rank[lk.theme]))
    interlinks.sort(key=lambda lk: (lk.from_quadrant, lk.to_quadrant))

    return Framework(
        iri=scheme,
        id=_local_id(scheme),
        title=_required(g, scheme, DCTERMS.title),
        quadrants=tuple(quadrants),
        standards=tuple(standards),
        themes=tuple(themes),
        concepts=tuple(concepts),
        standard_theme_links=tuple(standard_links),
        quadrant_interlinks=tuple(interlinks),
    )


# ---------------------------------------------------------------------------------------------
# Resolving what analysts type
# ---------------------------------------------------------------------------------------------

_SEPARATORS = re.compile(r"[\s\-_\u2013\u2014]+")


def normalise_label(text: str) -> str:
    """The form labels are matched in: case-folded, with hyphens, dashes, underscores and runs
    of spaces all one space (so "Information-sharing" matches "information sharing")."""
    return _SEPARATORS.sub(" ", text.strip().casefold()).strip()


def _keys(
    iri: URIRef, id_: str, code: str, label: str, alt: Iterable[str], hidden: Iterable[str]
) -> set[str]:
    return {normalise_label(k) for k in (str(iri), id_, code, label, *alt, *hidden)}


@functools.cache
def _theme_index() -> Mapping[str, Theme]:
    index: dict[str, Theme] = {}
    for t in framework().themes:
        for key in _keys(t.iri, t.id, t.code, t.label, t.alt_labels, t.hidden_labels):
            index.setdefault(key, t)
    return MappingProxyType(index)


@functools.cache
def _standard_index() -> Mapping[str, Standard]:
    index: dict[str, Standard] = {}
    for s in framework().standards:
        for key in _keys(s.iri, s.id, s.code, s.label, s.alt_labels, s.hidden_labels):
            index.setdefault(key, s)
    return MappingProxyType(index)


@functools.cache
def _quadrant_index() -> Mapping[str, Quadrant]:
    index: dict[str, Quadrant] = {}
    for q in framework().quadrants:
        for key in _keys(q.iri, q.id, q.code, q.label, q.alt_labels, q.hidden_labels):
            index.setdefault(key, q)
    return MappingProxyType(index)


def label_index(kind: str) -> Mapping[str, str]:
    """Every normalised code and label of ``"themes"``, ``"standards"`` or ``"quadrants"``,
    mapped to the concept's code: what a tagger matches text against."""
    indexes: dict[str, Mapping[str, Theme] | Mapping[str, Standard] | Mapping[str, Quadrant]]
    indexes = {
        "themes": _theme_index(),
        "standards": _standard_index(),
        "quadrants": _quadrant_index(),
    }
    return MappingProxyType({key: c.code for key, c in indexes[kind].items()})


def resolve_theme(text: str) -> Theme | None:
    """The theme whose code, id, preferred, alternative or hidden label is ``text`` (any case,
    hyphens or spaces), or None. ``"DV"`` and ``"Domestic Abuse"`` give domestic-abuse."""
    return _theme_index().get(normalise_label(text))


def resolve_standard(text: str) -> Standard | None:
    """The standard whose code (``"2.2"``), id or label is ``text``, or None."""
    return _standard_index().get(normalise_label(text))


def resolve_quadrant(text: str) -> Quadrant | None:
    """The quadrant whose code (``"1"``), id or label is ``text``, or None."""
    return _quadrant_index().get(normalise_label(text))


def _suggest(text: str, index: Mapping[str, str]) -> str | None:
    key = normalise_label(text)
    if key in index:
        return index[key]
    matches = difflib.get_close_matches(key, list(index), n=1, cutoff=0.6)
    return index[matches[0]] if matches else None


def suggest_theme(text: str) -> str | None:
    """The code of the theme nearest to ``text`` (e.g. ``"domestic-abse"`` -> ``"domestic-abuse"``),
    or None if nothing is close: for "did you mean" in error messages."""
    return _suggest(text, label_index("themes"))


def suggest_standard(text: str) -> str | None:
    """The code of the practice standard nearest to ``text``, or None if nothing is close."""
    return _suggest(text, label_index("standards"))


def notation(iri: URIRef) -> str | None:
    """The skos:notation (code) of any concept in the ontology, or None."""
    return _text(ontology_graph(), iri, SKOS.notation)


# ---------------------------------------------------------------------------------------------
# Vocabularies
# ---------------------------------------------------------------------------------------------


def _scheme_codes(graph: Graph, scheme: URIRef) -> Mapping[str, URIRef]:
    codes: dict[str, URIRef] = {}
    for concept in graph.subjects(SKOS.inScheme, scheme):
        code = _text(graph, concept, SKOS.notation)
        if code is not None and isinstance(concept, URIRef):
            codes[code] = concept
    return MappingProxyType(dict(sorted(codes.items())))


@functools.cache
def vocabularies() -> Vocabularies:
    """The controlled vocabularies of review data, code -> IRI."""
    g = ontology_graph()
    kinds: dict[str, URIRef] = {}
    for cls, code in g.subject_objects(NSCB.reviewKindCode):
        if isinstance(cls, URIRef):
            kinds[str(code)] = cls
    return Vocabularies(
        review_kinds=MappingProxyType(dict(sorted(kinds.items()))),
        guidance=_scheme_codes(g, NSCB.statutoryGuidanceScheme),
        action_statuses=_scheme_codes(g, NSCB.actionStatusScheme),
        sectors=_scheme_codes(g, NSCB.sectorScheme),
        partnership_types=_scheme_codes(g, NSCB.partnershipTypeScheme),
        event_kinds=_scheme_codes(g, NSCB.learningEventKindScheme),
    )


# ---------------------------------------------------------------------------------------------
# Neo4j mapping
# ---------------------------------------------------------------------------------------------


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


__all__ = [
    "AREA_OF_PRACTICE",
    "SAFEGUARDING_ISSUE",
    "CrossCuttingConcept",
    "Framework",
    "Quadrant",
    "QuadrantInterlink",
    "Standard",
    "StandardThemeLink",
    "Theme",
    "Vocabularies",
    "framework",
    "label_index",
    "neo4j_label",
    "neo4j_labels",
    "neo4j_properties",
    "neo4j_property",
    "neo4j_type",
    "neo4j_types",
    "normalise_label",
    "notation",
    "ontology_graph",
    "ontology_path",
    "resolve_quadrant",
    "resolve_standard",
    "resolve_theme",
    "suggest_standard",
    "suggest_theme",
    "vocabularies",
]
