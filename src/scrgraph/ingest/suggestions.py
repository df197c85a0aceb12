"""The tagger's suggestions at load: for every recommendation no analyst has coded, the codes
the tagger suggests, added to the load's RDF as code assignments not accepted (so the one
mapping makes them SUGGESTS_THEME / SUGGESTS_STANDARD relationships, never codings); and what
analysts decided about earlier suggestions, carried into a reload of the same recommendations.

A suggestion is a ``nscb:CodeAssignment`` with ``nscb:accepted false``, ``nscb:assignedBy
nscb:tagSuggester``, ``nscb:assignedAt`` (the day of the load), ``nscb:score``,
``nscb:rationale`` (the evidence, in short) and ``nscb:modelVersion``. A rejected one has
``nscb:rejected true`` too, and who rejected it and when; an accepted one is an analyst's
coding (``nscb:accepted true``, the role who accepted it and when) that keeps its score,
evidence and model version, which say it came from the tagger.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from scrgraph.framework.codes import concepts
from scrgraph.framework.concepts import Theme, local_themes
from scrgraph.ingest.shacl import Violation
from scrgraph.ingest.tordf import OntologyTerms, agent
from scrgraph.namespaces import DCTERMS, NSCB, PROV, RDF, RDFS, SKOS, XSD
from scrgraph.results import CodeSuggestion

EVIDENCE_CHARS = 200
"""The longest evidence text stored with a suggestion."""

_DIRECT = {"themes": NSCB.hasTheme, "standards": NSCB.mapsToStandard}
_CODINGS = frozenset({"HAS_THEME", "MAPS_TO"})
_PENDING = frozenset({"SUGGESTS_THEME", "SUGGESTS_STANDARD"})
_REJECTED = frozenset({"REJECTED_THEME", "REJECTED_STANDARD"})


def evidence(suggestion: CodeSuggestion) -> str:
    """Why the tagger suggests a code, in short: the phrases of the text that name it, then
    the words that weighed most in its learned model."""
    parts = []
    if suggestion.matches:
        parts.append("phrases: " + ", ".join(f"'{m.words}'" for m in suggestion.matches))
    if suggestion.words:
        parts.append("model words: " + ", ".join(suggestion.words))
    text = "; ".join(parts) or "model score only"
    return text if len(text) <= EVIDENCE_CHARS else text[:EVIDENCE_CHARS - 3] + "..."


def _coded(data: Graph, rec: Node) -> bool:
    """Whether an analyst coded ``rec`` in the sources: a theme, a standard, or an accepted
    code assignment."""
    if any(True for p in _DIRECT.values() for _ in data.objects(rec, p)):
        return True
    return any(data.value(a, NSCB.accepted) == Literal(True)
               for a in data.subjects(NSCB.ofRecommendation, rec))


def uncoded(data: Graph) -> list[URIRef]:
    """The recommendations of ``data`` with no theme and no standard an analyst coded."""
    return sorted(r for r in set(data.subjects(RDF.type, NSCB.Recommendation))
                  if isinstance(r, URIRef) and not _coded(data, r))


def _assignment(terms: OntologyTerms, rec: Node, data: Graph, concept: URIRef,
                prefix: str) -> URIRef:
    rec_id = str(data.value(rec, DCTERMS.identifier) or str(rec).rsplit("/", 1)[-1])
    return terms.instance(NSCB.CodeAssignment, f"{rec_id}/{prefix}{concept.split('/')[-1]}")


def _assigned(data: Graph, rec: Node) -> set[Node | None]:
    return {data.value(a, NSCB.assignedCode) for a in data.subjects(NSCB.ofRecommendation, rec)}


def _partnerships_of(data: Graph, rec: Node) -> set[Node]:
    """The partnerships that commissioned the review that made ``rec``."""
    return {p for review in data.subjects(NSCB.madeRecommendation, rec)
            for p in data.objects(review, NSCB.commissionedBy)}


def _partnership_id(data: Graph, partnership: Node) -> str:
    return str(data.value(partnership, DCTERMS.identifier) or str(partnership).rsplit("/", 1)[-1])


def _local_themes_of(data: Graph, rec: Node, declared: Sequence[Theme],
                     held: Sequence[Theme] = ()) -> tuple[Theme, ...]:
    """The local themes that apply to ``rec``: those of ``declared`` (by the load) and of
    ``held`` (by the graph, declared in an earlier load; partnerships by ID) declared by a
    partnership that commissioned its review."""
    if not declared and not held:
        return ()
    partnerships = _partnerships_of(data, rec)
    ids = {_partnership_id(data, p) for p in partnerships}
    return (*(t for t in declared if partnerships & set(data.objects(t.iri, NSCB.declaredBy))),
            *(t for t in held if ids & set(t.partnerships)))


def held_declaration(theme: Theme, data: Graph) -> Graph:
    """The declaration of a local theme the graph holds (``theme``, as
    ``cypher/system/local-themes.cypher`` reads it), in RDF as a Themes sheet's row would be,
    declared by the partnerships of ``data`` among those that declared it: what a load carries
    so that the shapes can check, and the mapping draw, a suggestion of it (or an analyst's
    decision on one). The store never writes it (``Prepared.referenced``): the theme stays as
    the load that declared it wrote it."""
    fw = concepts("quadrants") + concepts("standards")
    related = {c.code: c.iri for c in fw}
    ids = set(theme.partnerships)
    g = Graph()
    g.add((theme.iri, RDF.type, NSCB.LocalTheme))
    g.add((theme.iri, DCTERMS.identifier, Literal(theme.id)))
    g.add((theme.iri, SKOS.notation, Literal(theme.code)))
    g.add((theme.iri, SKOS.prefLabel, Literal(theme.label)))
    for name in theme.alt_labels:
        g.add((theme.iri, SKOS.altLabel, Literal(name)))
    for name in theme.hidden_labels:
        g.add((theme.iri, SKOS.hiddenLabel, Literal(name)))
    if theme.definition:
        g.add((theme.iri, SKOS.definition, Literal(theme.definition)))
    for code in theme.related:
        if code in related:
            g.add((theme.iri, NSCB.relatesTo, related[code]))
    for partnership in set(data.subjects(RDF.type, NSCB.Partnership)):
        if _partnership_id(data, partnership) in ids:
            g.add((theme.iri, NSCB.declaredBy, partnership))
    return g


@dataclass(frozen=True)
class Suggested:
    """What :func:`add_suggestions` added to a load's graph."""

    count: int
    """How many codes it suggested."""
    triples: Graph
    """The triples added (already in the load's graph)."""


def held_for(data: Graph, held: Sequence[Theme]) -> tuple[Theme, ...]:
    """The local themes of ``held`` (the graph's, declared in earlier loads) that concern the
    load ``data``: declared by a partnership that commissioned one of its reviews, and not
    declared by ``data`` itself (a theme the load declares again is the load's)."""
    own = {t.code for t in local_themes(data)}
    ids = {_partnership_id(data, p) for p in data.objects(None, NSCB.commissionedBy)}
    return tuple(t for t in held if t.code not in own and ids & set(t.partnerships))


def carry_held_themes(data: Graph, held: Sequence[Theme]) -> Graph:
    """Add the declarations of ``held`` (see :func:`held_for`) to ``data`` as
    :func:`held_declaration` makes them, so that suggestions of them, and analysts' decisions
    on those, can point at them; return the triples added."""
    added = Graph()
    for theme in held:
        added += held_declaration(theme, data)
    data += added
    return added


def add_suggestions(data: Graph, ontology: Graph, day: dt.date,
                    held: Sequence[Theme] = ()) -> Suggested:
    """Add the tagger's suggestions for every recommendation of ``data`` no analyst coded
    (except codes a source already assigns it, accepted or not). The local themes ``data``
    declares are suggested too, and those of ``held`` (the graph's, declared in earlier loads,
    see :func:`held_for`), each for the recommendations of the reviews that a partnership
    which declared it commissioned."""
    from scrgraph.tagger.model import default_model
    from scrgraph.tagger.suggest import tag

    todo = [(rec, data.value(rec, NSCB.text)) for rec in uncoded(data)]
    todo = [(rec, text) for rec, text in todo if text is not None and str(text).strip()]
    if not todo:
        return Suggested(0, Graph())
    terms = OntologyTerms(ontology)
    iris = {kind: {c.code: c.iri for c in concepts(kind)} for kind in _DIRECT}
    model = default_model()
    declared = local_themes(data)
    added = Graph()
    count = 0
    for rec, text in todo:
        local = _local_themes_of(data, rec, declared, held)
        result = tag(str(text).strip(), model, local=local)
        taken = _assigned(data, rec)
        local_iris = {t.code: t.iri for t in local}
        for kind, found in (("themes", result.themes), ("standards", result.standards)):
            for suggestion in found:
                concept = (local_iris if suggestion.local else iris[kind]).get(suggestion.code)
                if concept is None or concept in taken:
                    continue
                record = _assignment(terms, rec, data, concept, "suggested-")
                for triple in _suggestion_triples(record, rec, concept, {
                        "score": suggestion.score, "evidence": evidence(suggestion),
                        "modelVersion": result.model_version, "assignedAt": day}):
                    added.add(triple)
                count += 1
    data += added
    return Suggested(count, added)


def added_violations(added: Graph, data: Graph, ontology: Graph) -> list[Violation]:
    """The SHACL gate for what :func:`add_suggestions` and :func:`carry_held_themes` added
    (``added``, part of ``data``), after the load's sources passed it: the violations the
    additions bring, checked against the recommendations, themes and partnerships they
    concern alone."""
    return carried_violations(added, data, ontology)


def _suggestion_triples(record: URIRef, rec: Node, concept: Node,
                        props: Mapping[str, Any]) -> list[tuple[Node, Node, Node]]:
    triples: list[tuple[Node, Node, Node]] = [
        (record, RDF.type, NSCB.CodeAssignment), (record, NSCB.ofRecommendation, rec),
        (record, NSCB.assignedCode, concept), (record, NSCB.assignedBy, NSCB.tagSuggester),
        (record, NSCB.accepted, Literal(False, datatype=XSD.boolean))]
    return triples + _detail_triples(record, props)


def _detail_triples(record: URIRef, props: Mapping[str, Any]
                    ) -> list[tuple[Node, Node, Node]]:
    triples: list[tuple[Node, Node, Node]] = []
    if props.get("score") is not None:
        triples.append((record, NSCB.score, Literal(Decimal(str(props["score"])),
                                                    datatype=XSD.decimal)))
    if props.get("evidence"):
        triples.append((record, NSCB.rationale, Literal(str(props["evidence"]))))
    if props.get("modelVersion"):
        triples.append((record, NSCB.modelVersion, Literal(str(props["modelVersion"]))))
    when = _date(props.get("assignedAt"))
    if when is not None:
        triples.append((record, NSCB.assignedAt, Literal(when.isoformat(), datatype=XSD.date)))
    return triples


def _date(value: Any) -> dt.date | None:
    if value is None:
        return None
    if hasattr(value, "to_native"):  # a neo4j.time value
        value = value.to_native()
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


@dataclass(frozen=True)
class Held:
    """A suggestion, or an analyst's decision on one, that the graph holds."""

    recommendation: str
    code: str
    type: str
    props: Mapping[str, Any]


def carry_decisions(data: Graph, ontology: Graph, held: Iterable[Held]) -> Graph:
    """Fold what the graph holds for the recommendations of ``data`` into it, before it is
    written, so that a reload keeps analysts' decisions and changes nothing it need not:

    * a rejected suggestion stays rejected, and the tagger's suggestion of that code goes;
    * a suggestion an analyst accepted stays their coding, when the sources still code the
      recommendation nothing (once they code it, the sources' codes are the coding);
    * a suggestion the tagger makes again, with the same score, evidence and model version,
      keeps the day it was first made.

    Returns the triples of the decisions carried (already added to ``data``), for
    :func:`carried_violations`.
    """
    terms = OntologyTerms(ontology)
    by_key = {(h.recommendation, h.code): h for h in held}
    rejected = {k for k, h in by_key.items() if h.type in _REJECTED}
    accepted = {k for k, h in by_key.items() if h.type in _CODINGS}
    source_coded = {str(r) for r in set(data.subjects(RDF.type, NSCB.Recommendation))
                    if _coded(data, r)}
    for record in list(data.subjects(NSCB.assignedBy, NSCB.tagSuggester)):
        rec, code = data.value(record, NSCB.ofRecommendation), data.value(record,
                                                                         NSCB.assignedCode)
        key = (str(rec), str(code))
        if data.value(record, NSCB.accepted) != Literal(False):
            continue
        if key in rejected or (key in accepted and key[0] not in source_coded):
            data.remove((record, None, None))
            continue
        before = by_key.get(key)
        if before is not None and before.type in _PENDING and _same(data, record, before):
            data.remove((record, NSCB.assignedAt, None))
            when = _date(before.props.get("assignedAt"))
            if when is not None:
                data.add((record, NSCB.assignedAt, Literal(when.isoformat(), datatype=XSD.date)))
    carried = Graph()
    for key, decided in sorted(by_key.items()):
        rec, code = URIRef(key[0]), URIRef(key[1])
        if key in rejected:
            record = _assignment(terms, rec, data, code, "rejected-")
            carried.add((record, NSCB.rejected, Literal(True, datatype=XSD.boolean)))
            carried.add((record, NSCB.accepted, Literal(False, datatype=XSD.boolean)))
        elif key in accepted and key[0] not in source_coded:
            record = _assignment(terms, rec, data, code, "accepted-")
            carried.add((record, NSCB.accepted, Literal(True, datatype=XSD.boolean)))
            direct = NSCB.hasTheme if decided.type == "HAS_THEME" else NSCB.mapsToStandard
            carried.add((rec, direct, code))
        else:
            continue
        carried.add((record, RDF.type, NSCB.CodeAssignment))
        carried.add((record, NSCB.ofRecommendation, rec))
        carried.add((record, NSCB.assignedCode, code))
        role = decided.props.get("assignedBy")
        if role:
            who = agent(str(role))
            carried.add((who, RDF.type, PROV.Agent))
            carried.add((who, RDFS.label, Literal(str(role))))
            carried.add((record, NSCB.assignedBy, who))
        for triple in _detail_triples(record, decided.props):
            carried.add(triple)
    data += carried
    return carried


def carried_violations(carried: Graph, data: Graph, ontology: Graph) -> list[Violation]:
    """The SHACL gate for decisions carried from the graph into a load (``carried``, part of
    ``data``; or the suggestions added to it): the violations they bring, checked against the
    recommendations and local themes they concern (and what those point at outside the
    framework) alone, so the rest of the load, checked already, is not checked again."""
    from scrgraph.ingest.pipeline import shape_violations

    context = Graph()
    items = {*carried.objects(None, NSCB.ofRecommendation),
             *carried.objects(None, NSCB.assignedCode),
             *carried.subjects(RDF.type, NSCB.LocalTheme)}
    # And what they point at outside the framework: a local theme's partnerships.
    items |= {o for item in items for o in data.objects(item, None)
              if isinstance(o, URIRef) and (o, None, None) not in ontology}
    for item in items:
        if (item, None, None) not in ontology:
            for triple in data.triples((item, None, None)):
                if triple not in carried:
                    context.add(triple)
    already = {(v.focus, v.path, v.message) for v in shape_violations(context)}
    return [v for v in shape_violations(context + carried)
            if (v.focus, v.path, v.message) not in already]


def _same(data: Graph, record: Node, before: Held) -> bool:
    score = data.value(record, NSCB.score)
    now = (float(score.toPython()) if isinstance(score, Literal) else None,
           str(data.value(record, NSCB.rationale) or ""),
           str(data.value(record, NSCB.modelVersion) or ""))
    held = before.props.get("score")
    return now == (float(held) if held is not None else None,
                   str(before.props.get("evidence") or ""),
                   str(before.props.get("modelVersion") or ""))


def recommendation_iris(data: Graph) -> Sequence[str]:
    """The IRIs of the recommendations in ``data``."""
    return sorted(str(r) for r in set(data.subjects(RDF.type, NSCB.Recommendation)))
