"""The SHACL gate: data about reviews is checked here before anything reaches Neo4j.

:func:`validate` runs pyshacl-turbo (a SHACL engine in Rust with pySHACL's interface) with
``ontology/shapes.ttl`` and the ontology mixed into (a copy of) the data graph, without
inference, then adds the framework checks SHACL cannot express. It was chosen by measurement
over pySHACL, which took ~15 ms per recommendation and gives the same results on the
bad-input catalogue (bench/README.md).
It returns a :class:`ValidationReport` whose violations are written for analysts: the focus is
the item's own ID (e.g. a Review ID), values are shown as the codes analysts type, and a wrong
theme or standard code comes with the nearest valid one.

:func:`validate_file` reads a Turtle or JSON-LD file first (``rdffiles``). How results are
worded for analysts is ``wording``'s job.
"""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pyshacl_turbo
from rdflib import BNode, Graph, URIRef
from rdflib.term import Node

from scrgraph.framework.ontology import neo4j_properties, neo4j_types, ontology_graph
from scrgraph.graphs import GraphUnion
from scrgraph.ingest.rdffiles import quiet_literal_warnings, read_graph
from scrgraph.ingest.wording import (
    compact,
    describe_focus,
    describe_path,
    describe_value,
    did_you_mean,
    property_label,
)
from scrgraph.namespaces import DCTERMS, NSCB, OWL, RDF, RDFS, SH, SKOS, TLF
from scrgraph.resources import share_dir

VIOLATION = "Violation"
"""The severity that blocks a load."""

_VALIDATING = threading.Lock()

# Classes whose instances only the ontology may define: framework concepts and vocabularies.
_DEFINED_BY_ONTOLOGY = frozenset(
    {
        NSCB.Framework,
        NSCB.Quadrant,
        NSCB.Standard,
        NSCB.Theme,
        NSCB.CrossCuttingConcept,
        NSCB.FrameworkLink,
        NSCB.StatutoryGuidance,
        NSCB.ActionStatus,
        NSCB.Sector,
        NSCB.PartnershipType,
        NSCB.LearningEventKind,
        SKOS.ConceptScheme,
    }
)

_FRAMEWORK_MESSAGE = (
    "Review data must not add to or change the Thematic Learning Framework or its code lists: "
    "use the codes the framework already has (see the Codes sheet)."
)


@dataclass(frozen=True)
class Violation:
    """One problem found in the data, described for the analyst who can fix it."""

    focus: str
    """The item with the problem, by its own ID (e.g. ``NSCP-SCR-2014-01``)."""
    path: str | None
    """The field, as a readable name (e.g. ``publication date``), if the problem is in one."""
    value: str | None
    """The offending value as the analyst would have typed it, if there is one."""
    message: str
    """What is wrong and how to put it right."""
    severity: str
    """``Violation`` (blocks loading), ``Warning`` or ``Info``."""
    property: str | None = None
    """The IRI of the property ``path`` names, when the path is one property (to find the
    workbook column it came from)."""

    def __str__(self) -> str:
        where = f"{self.focus} ({self.path})" if self.path else self.focus
        value = f" [value: {self.value}]" if self.value is not None else ""
        return f"{where}: {self.message}{value}"


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of validation: ``conforms`` is False if any violation has severity
    ``Violation``; warnings and infos are reported but do not block loading."""

    conforms: bool
    violations: tuple[Violation, ...]

    def __str__(self) -> str:
        if not self.violations:
            return "The data conforms."
        head = "The data conforms, with notes:" if self.conforms else "The data does not conform:"
        return "\n".join([head, *(f"  - {v}" for v in self.violations)])


def shapes_path() -> Path:
    """Where ``shapes.ttl`` is (next to the ontology)."""
    return share_dir("ontology") / "shapes.ttl"


@functools.cache
def shapes_graph() -> Graph:
    """The SHACL shapes, parsed once. Shared: do not modify it."""
    graph = Graph()
    graph.parse(shapes_path(), format="turtle")
    return graph

def _shacl_violations(data: Graph) -> list[Violation]:
    # The ontology is mixed into the data by hand: the engine (like pySHACL) only mixes in its
    # ont_graph when it runs inference, and inference would let rdfs:range *make* an unknown
    # theme a Theme. Without it, framework concepts are known only by what the ontology says.
    # A view, not a copy: copying a national corpus cost as much CPU as validating it.
    combined = GraphUnion(data, ontology_graph())
    # pySHACL (and rdflib's SPARQL under it) was not safe to run in several threads at once:
    # concurrent loads once reported violations that were not there. Its successor is not
    # known to be safe either: one at a time.
    with _VALIDATING, quiet_literal_warnings():
        _conforms, results, _text = pyshacl_turbo.validate(
            combined,
            shacl_graph=shapes_graph(),
            inference="none",
            inplace=False,  # in place, the engine diffs the whole graph to write back nothing
            abort_on_first=False,
            allow_warnings=True,
            allow_infos=True,
            meta_shacl=False,
            advanced=True,  # SHACL-AF: the due-date rule uses a SPARQL target
        )
    found: list[Violation] = []
    # Only the report's own results: nested sh:node checks add sh:detail results of their own.
    top_level = [
        result
        for report in results.subjects(RDF.type, SH.ValidationReport)
        for result in results.objects(report, SH.result)
    ]
    for result in top_level:
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
        severity = results.value(result, SH.resultSeverity)
        message = messages[0] if messages else "This item does not fit the review data model."
        # Node-level results give the focus itself as the value: nothing to add.
        shown_value = describe_value(value, data) if value not in (None, focus) else None
        if path is not None and value is not None:
            message, typed = did_you_mean(path, value, message)
            shown_value = typed or shown_value
        found.append(
            Violation(
                focus=describe_focus(focus, data) if focus is not None else "(the data)",
                path=describe_path(path, results) if path is not None else None,
                value=shown_value,
                message=message,
                severity=compact(URIRef(str(severity))).removeprefix("sh:")
                if severity is not None
                else VIOLATION,
                property=str(path) if isinstance(path, URIRef) else None,
            )
        )
    return found


def _framework_violations(data: Graph) -> list[Violation]:
    """What SHACL cannot see: data that defines or changes framework concepts or code lists.

    The ontology is mixed into the data graph for validation, so a data graph that declared
    ``tlf:theme-new a nscb:Theme ; skos:inScheme tlf:tlf`` would pass every shape. Any triple
    about such things that the ontology itself does not hold is reported here.
    """
    ontology = ontology_graph()
    offenders: dict[Node, tuple[Node, Node]] = {}
    # Read once, not per triple (a namespace's attribute is a function call).
    prefixes, a, in_scheme, tlf = (str(TLF), str(NSCB)), RDF.type, SKOS.inScheme, TLF.tlf
    for s, p, o in data:
        defines = (
            (isinstance(s, URIRef) and str.startswith(s, prefixes))
            or (p == a and o in _DEFINED_BY_ONTOLOGY)
            or (p == in_scheme and o == tlf)
        )
        if defines and s not in offenders and (s, p, o) not in ontology:
            offenders[s] = (p, o)
    return [
        Violation(
            focus=compact(s) if isinstance(s, URIRef) else describe_focus(s, data),
            path=property_label(p),
            value=describe_value(o, data),
            message=_FRAMEWORK_MESSAGE,
            severity=VIOLATION,
            property=str(p),
        )
        for s, (p, o) in offenders.items()
    ]


@functools.cache
def _known_terms() -> tuple[frozenset[Node], frozenset[Node]]:
    """The classes and properties the ontology knows (declared, or used in its axioms)."""
    ontology = ontology_graph()
    classes = set(ontology.subjects(RDF.type, OWL.Class))
    classes |= set(ontology.subjects(RDFS.subClassOf)) | set(ontology.objects(None,
                                                                             RDFS.subClassOf))
    properties = {p for kind in (OWL.ObjectProperty, OWL.DatatypeProperty,
                                 OWL.AnnotationProperty, RDF.Property)
                  for p in ontology.subjects(RDF.type, kind)}
    properties |= set(ontology.predicates())
    properties |= set(neo4j_properties()) | set(neo4j_types())  # e.g. dcterms:issued
    properties.add(DCTERMS.identifier)  # every item's own ID
    return frozenset(classes), frozenset(properties)


_PROVENANCE = frozenset({NSCB.Load})
_PROVENANCE_MESSAGE = ("Load records are written by scrgraph itself when it loads data; a "
                       "source cannot bring its own.")
_FOREIGN_MESSAGE = ("This is not part of the scrgraph ontology, so it would be dropped without "
                    "a word: remove it, or use the ontology's terms (see 'scrgraph export "
                    "turtle').")


def _outside_the_ontology(data: Graph) -> list[Violation]:
    """What a load would silently drop, or must never take from a source: types and
    properties the ontology does not have, and provenance records."""
    classes, properties = _known_terms()
    found: list[Violation] = []
    a, loading = RDF.type, (NSCB.loaded, NSCB.loadedBy, NSCB.loadedAt)  # read once
    for s, p, o in data:
        # Items are described only when one has a problem: describing every subject of a
        # national corpus cost more than the check itself.
        if p in properties and p != a and p not in loading:
            continue  # the usual triple: a property of the ontology
        if p == a and o in _PROVENANCE or p in loading:
            found.append(Violation(describe_focus(s, data), property_label(p),
                                   describe_value(o, data), _PROVENANCE_MESSAGE, VIOLATION,
                                   str(p)))
        elif p == a and o not in classes:
            found.append(Violation(describe_focus(s, data), "type", compact(URIRef(str(o))),
                                   _FOREIGN_MESSAGE, VIOLATION, str(p)))
        elif p not in properties:
            found.append(Violation(describe_focus(s, data), compact(URIRef(str(p))),
                                   describe_value(o, data), _FOREIGN_MESSAGE, VIOLATION,
                                   str(p)))
    return found


def report_order(violation: Violation) -> tuple[str, str, str, str]:
    """The order a report lists its violations in: by item, field, message and value."""
    return (violation.focus, violation.path or "", violation.message, violation.value or "")


def validate(data: Graph) -> ValidationReport:
    """Check a graph of review data against the shapes and the framework. The graph is not
    changed. Conforms if there is no violation of severity ``Violation``.

    The same data checked again on the same day in the same process (``check`` then ``load``
    in the service, a folder loaded twice) gets the first report back: the report depends only
    on the triples, the shapes and the ontology (fixed in a process), and today's date (the
    shapes refuse dates in the future)."""
    key = _fingerprint(data)
    if key is not None:
        with _REPORTS_LOCK:
            cached = _REPORTS.get(key)
        if cached is not None:
            return cached
    violations = (_shacl_violations(data) + _framework_violations(data)
                  + _outside_the_ontology(data))
    unique = sorted(set(violations), key=report_order)
    conforms = not any(v.severity == VIOLATION for v in unique)
    report = ValidationReport(conforms=conforms, violations=tuple(unique))
    if key is not None:
        with _REPORTS_LOCK:
            _REPORTS[key] = report
            while len(_REPORTS) > _REPORTS_KEPT:
                del _REPORTS[next(iter(_REPORTS))]
    return report


_REPORTS: dict[tuple[int, int, date], ValidationReport] = {}
_REPORTS_LOCK = threading.Lock()
_REPORTS_KEPT = 16
_HASH_BITS = (1 << 64) - 1


def _fingerprint(data: Graph) -> tuple[int, int, date] | None:
    """A key for ``data``'s report in this process: how many triples it has, the sum of their
    hashes (so the order they are read in does not matter) and today's date; or None when the
    graph has blank nodes (whose labels differ from one reading to the next).

    Python's hashes are keyed afresh in each process, so the key is good for this process's
    cache only, and nobody outside it can make two graphs share one. It replaced a SHA-256 of
    the sorted triples, which took longer than the engine at 1,000 reviews."""
    count = total = 0
    for triple in data:
        subject, _, value = triple
        if isinstance(subject, BNode) or isinstance(value, BNode):
            return None
        total += hash(triple)
        count += 1
    return count, total & _HASH_BITS, date.today()

def validate_file(path: str | Path) -> ValidationReport:
    """Read a Turtle or JSON-LD file (see :func:`read_graph`) and validate it."""
    return validate(read_graph(path))
