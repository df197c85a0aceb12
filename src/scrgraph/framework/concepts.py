"""Norfolk's Thematic Learning Framework as typed Python objects, read from the ontology.

:func:`framework` gives quadrants, practice standards, key themes, cross-cutting concepts,
which standards speak to which themes and which quadrants interlink, each link with its source
in the brief. Read once per process.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from rdflib import Graph, URIRef
from rdflib.term import Node

from scrgraph.framework.ontology import ontology_graph, ontology_path, text, texts
from scrgraph.namespaces import DCTERMS, NSCB, RDF, SKOS, TLF

SAFEGUARDING_ISSUE = "safeguarding-issue"
"""``Theme.kind`` of the recurring safeguarding issues."""

AREA_OF_PRACTICE = "area-of-practice"
"""``Theme.kind`` of the recurring areas of practice."""

FRAMEWORK_SCOPE = "framework"
"""``Theme.scope`` (and the Neo4j ``scope``) of the framework's 13 key themes."""

LOCAL_SCOPE = "local"
"""``Theme.scope`` of a theme a partnership declares beside the framework's."""


@dataclass(frozen=True)
class Concept:
    """What every coded concept of the framework has: an IRI, a Neo4j id, a code and labels."""

    iri: URIRef
    id: str
    """Neo4j id, e.g. ``quadrant-1``, ``std-2.2``, ``theme-domestic-abuse``."""
    code: str
    """skos:notation, e.g. ``"1"``, ``"2.2"``, ``"domestic-abuse"``."""
    label: str
    alt_labels: tuple[str, ...]
    hidden_labels: tuple[str, ...]


@dataclass(frozen=True)
class Quadrant(Concept):
    """One of the four key learning areas (``label``: the name the brief's list gives it)."""

    question: str
    """The guiding question for the Board, verbatim from the brief."""


@dataclass(frozen=True)
class Standard(Concept):
    """A practice standard (headline outcome) from Appendix 1 of the brief (``label``: a short
    name, ours, not the brief's)."""

    outcome: str
    """The outcome, verbatim from Appendix 1."""
    section: str
    """The Appendix 1 heading it sits under."""
    quadrant: str
    """The code of its one quadrant (``"4"`` for sections 4, 5 and 6)."""


@dataclass(frozen=True)
class Theme(Concept):
    """A key theme: a recurring safeguarding issue or a recurring area of practice."""

    kind: str
    """:data:`SAFEGUARDING_ISSUE` or :data:`AREA_OF_PRACTICE` ("" for a local theme that
    does not say)."""
    scope_note: str | None
    definition: str | None = None
    """When a recommendation has the theme, where the ontology says so (skos:definition)."""
    scope: str = FRAMEWORK_SCOPE
    """:data:`FRAMEWORK_SCOPE` for the framework's 13, :data:`LOCAL_SCOPE` for a theme a
    partnership declared beside them (never one of the 13)."""
    related: tuple[str, ...] = ()
    """A local theme's related quadrant and standard codes (``"3"``, ``"3.3"``)."""
    partnerships: tuple[str, ...] = ()
    """The IDs of the partnerships that declared a local theme."""


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

_C = TypeVar("_C", bound=Concept)


def _by_code(items: Iterable[_C], code: str) -> _C:
    for item in items:
        if item.code == code:
            return item
    raise KeyError(code)


def _required(graph: Graph, subject: Node, predicate: URIRef) -> str:
    value = text(graph, subject, predicate)
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


def _common(graph: Graph, iri: URIRef) -> dict[str, Any]:
    """The fields every :class:`Concept` has, read from the ontology."""
    return {"iri": iri, "id": _local_id(iri), "code": _required(graph, iri, SKOS.notation),
            "label": _required(graph, iri, SKOS.prefLabel),
            "alt_labels": texts(graph, iri, SKOS.altLabel),
            "hidden_labels": texts(graph, iri, SKOS.hiddenLabel)}


@functools.cache
def framework() -> Framework:
    """The Thematic Learning Framework, read from the ontology once."""
    g = ontology_graph()
    scheme = TLF.tlf

    quadrants = sorted(
        (
            Quadrant(
                **_common(g, q),
                question=_required(g, q, NSCB.guidingQuestion),
            )
            for q in _instances(g, NSCB.Quadrant)
        ),
        key=lambda q: _code_key(q.code),
    )
    quadrant_code = {q.iri: q.code for q in quadrants}

    standards = sorted(
        (
            Standard(
                **_common(g, s),
                outcome=_required(g, s, NSCB.outcome),
                section=_required(g, s, NSCB.section),
                quadrant=quadrant_code[URIRef(str(g.value(s, NSCB.inQuadrant)))],
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
                **_common(g, t),
                kind=_required(g, t, NSCB.themeKind),
                scope_note=text(g, t, SKOS.scopeNote),
                definition=text(g, t, SKOS.definition),
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
                alt_labels=texts(g, c, SKOS.altLabel),
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
        note = text(g, link, SKOS.note)
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


def local_themes(graph: Graph) -> tuple[Theme, ...]:
    """The local themes (``nscb:LocalTheme``) a graph of review data declares, by code: what
    the resolver learns from a Themes sheet or an RDF source before it reads the codings.
    Declarations without a code or label are left out (the shapes report them)."""
    fw = framework()
    known = {q.iri: q.code for q in fw.quadrants} | {s.iri: s.code for s in fw.standards}
    found: dict[str, Theme] = {}
    for iri in _instances(graph, NSCB.LocalTheme):
        code, label = text(graph, iri, SKOS.notation), text(graph, iri, SKOS.prefLabel)
        if code is None or label is None:
            continue
        related = sorted((known[o] for o in graph.objects(iri, NSCB.relatesTo)
                          if isinstance(o, URIRef) and o in known), key=_code_key)
        partnerships = sorted(str(graph.value(p, DCTERMS.identifier) or p)
                              for p in graph.objects(iri, NSCB.declaredBy))
        found[code] = Theme(iri=iri, id=text(graph, iri, DCTERMS.identifier) or code,
                            code=code, label=label, alt_labels=texts(graph, iri, SKOS.altLabel),
                            hidden_labels=texts(graph, iri, SKOS.hiddenLabel),
                            kind=text(graph, iri, NSCB.themeKind) or "",
                            scope_note=text(graph, iri, SKOS.scopeNote),
                            definition=text(graph, iri, SKOS.definition), scope=LOCAL_SCOPE,
                            related=tuple(related), partnerships=tuple(partnerships))
    return tuple(sorted(found.values(), key=lambda t: t.code))
