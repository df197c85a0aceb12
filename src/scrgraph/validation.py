"""The SHACL gate: data about reviews is checked here before anything reaches Neo4j.

:func:`validate` runs pySHACL with ``ontology/shapes.ttl`` and the ontology mixed into (a copy
of) the data graph, without inference, then adds the framework checks SHACL cannot express.
It returns a :class:`ValidationReport` whose violations are written for analysts: the focus is
the item's own ID (e.g. a Review ID), values are shown as the codes analysts type, and a wrong
theme or standard code comes with the nearest valid one.

:func:`validate_file` reads a Turtle or JSON-LD file first, raising
:class:`scrgraph.errors.SourceError` (naming the file and the line) if it cannot.
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyshacl
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.plugins.parsers.notation3 import BadSyntax
from rdflib.term import Node

from scrgraph.errors import SourceError
from scrgraph.namespaces import DCTERMS, ID, NSCB, PREFIXES, RDF, RDFS, SH, SKOS, TLF
from scrgraph.ontology import (
    notation,
    ontology_graph,
    resolve_standard,
    resolve_theme,
    suggest_standard,
    suggest_theme,
)
from scrgraph.resources import share_dir

VIOLATION = "Violation"
WARNING = "Warning"
INFO = "Info"

RDF_FORMATS = {".ttl": "turtle", ".jsonld": "json-ld", ".json": "json-ld"}
"""File suffix -> rdflib format, for the RDF files scrgraph reads."""
_FORMAT_NAMES = {"turtle": "Turtle", "json-ld": "JSON-LD"}

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


@contextlib.contextmanager
def _quiet_literal_warnings() -> Iterator[None]:
    """rdflib logs a traceback for every ill-typed literal (e.g. "2014-02-30"^^xsd:date).
    SHACL reports those clearly, so the tracebacks are only noise for the analyst."""
    logger = logging.getLogger("rdflib.term")
    previous = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(previous)


# ---------------------------------------------------------------------------------------------
# Showing nodes the way analysts know them
# ---------------------------------------------------------------------------------------------


def _compact(iri: URIRef) -> str:
    text = str(iri)
    if text.startswith(str(ID)):
        return text[len(str(ID)) :]
    for prefix, namespace in PREFIXES.items():
        if text.startswith(namespace) and prefix != "id":
            return f"{prefix}:{text[len(namespace) :]}"
    return text


@functools.cache
def _code_prefixes() -> tuple[str, ...]:
    """How the ontology turns codes into IRI local names ("theme-" + "neglect", "status-" +
    "open"), read off the ontology's own concepts; longest first."""
    prefixes: set[str] = set()
    graph = ontology_graph()
    for concept, code in graph.subject_objects(SKOS.notation):
        local = re.split(r"[#/]", str(concept))[-1]
        if local.endswith(str(code)) and local != str(code):
            prefixes.add(local[: -len(str(code))])
    return tuple(sorted(prefixes, key=len, reverse=True))


def _typed_code(iri: URIRef) -> str:
    """What the analyst most likely typed, for an IRI that should have been a code:
    tlf:theme-neglct -> "neglct", nscb:status-done -> "done"."""
    local = re.split(r"[#/]", str(iri).rstrip("/#"))[-1]
    if str(iri).startswith((str(TLF), str(NSCB))):
        for prefix in _code_prefixes():
            if local.startswith(prefix):
                return local[len(prefix) :]
    return local


def _identifier(node: Node, data: Graph) -> str | None:
    value = data.value(node, DCTERMS.identifier)
    return str(value) if isinstance(value, Literal) else None


def _describe_focus(node: Node, data: Graph) -> str:
    identifier = _identifier(node, data)
    if identifier is not None:
        return identifier
    coded = data.value(node, NSCB.ofRecommendation)
    if coded is not None:
        return f"coding of {_describe_focus(coded, data)}"
    if isinstance(node, BNode):
        return "(an item without an ID)"
    if isinstance(node, URIRef):
        return _compact(node)
    return str(node)


def _describe_value(node: Node, data: Graph) -> str:
    if isinstance(node, Literal):
        return str(node)
    if isinstance(node, URIRef):
        code = notation(node)
        if code is not None:
            return code
        kind = ontology_graph().value(node, NSCB.reviewKindCode)
        if kind is not None:
            return str(kind)
        identifier = _identifier(node, data)
        if identifier is not None:
            return identifier
        if str(node).startswith((str(TLF), str(NSCB))):
            return _typed_code(node)
        return _compact(node)
    return _describe_focus(node, data)


def _property_label(prop: Node) -> str:
    if not isinstance(prop, URIRef):
        return str(prop)
    if prop == RDF.type:
        return "type"
    label = ontology_graph().value(prop, RDFS.label)
    return str(label) if label is not None else _compact(prop)


def _describe_path(path: Node, results: Graph) -> str:
    if isinstance(path, URIRef):
        return _property_label(path)
    inverse = results.value(path, SH.inversePath)
    if inverse is not None:
        if inverse in (NSCB.madeRecommendation, NSCB.madeFinding):
            return "review"
        return f"inverse of {_property_label(inverse)}"
    return "(a combined path)"


# ---------------------------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------------------------


def _did_you_mean(path: Node, value: Node, message: str) -> tuple[str, str | None]:
    """Say what was wrong with a theme or standard reference, and the nearest valid code.

    Returns the message and the code as the analyst probably typed it (None if the value is
    not a reference to a framework code).
    """
    if not isinstance(value, URIRef) or path not in (
        NSCB.hasTheme,
        NSCB.mapsToStandard,
        NSCB.assignedCode,
    ):
        return message, None
    typed = _typed_code(value)
    theme = resolve_theme(typed)
    standard = resolve_standard(typed)
    if path == NSCB.hasTheme and theme is None and standard is not None:
        return f"{message} '{typed}' is a practice standard, not a key theme.", typed
    if path == NSCB.mapsToStandard and standard is None and theme is not None:
        return f"{message} '{typed}' is a key theme, not a practice standard.", typed
    if path == NSCB.hasTheme:
        suggestion = theme.code if theme is not None else suggest_theme(typed)
    elif path == NSCB.mapsToStandard:
        suggestion = standard.code if standard is not None else suggest_standard(typed)
    elif theme is not None or standard is not None:
        suggestion = theme.code if theme is not None else standard.code if standard else None
    else:
        suggestion = suggest_theme(typed) or suggest_standard(typed)
    if suggestion == typed:
        # The right code, but not the framework's own concept (e.g. an IRI typed by hand).
        return f"{message} It names '{typed}', but not as the framework defines it.", typed
    if suggestion is not None:
        return f"{message} '{typed}' is not one of them; did you mean '{suggestion}'?", typed
    return f"{message} '{typed}' is not one of them.", typed


def _shacl_violations(data: Graph) -> list[Violation]:
    # The ontology is mixed into a copy of the data by hand: pySHACL only mixes in its
    # ont_graph when it runs inference, and inference would let rdfs:range *make* an unknown
    # theme a Theme. Without it, framework concepts are known only by what the ontology says.
    combined = Graph()
    combined += data
    combined += ontology_graph()
    with _quiet_literal_warnings():
        _conforms, results, _text = pyshacl.validate(
            combined,
            shacl_graph=shapes_graph(),
            inference="none",
            inplace=True,
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
        shown_value = _describe_value(value, data) if value not in (None, focus) else None
        if path is not None and value is not None:
            message, typed = _did_you_mean(path, value, message)
            shown_value = typed or shown_value
        found.append(
            Violation(
                focus=_describe_focus(focus, data) if focus is not None else "(the data)",
                path=_describe_path(path, results) if path is not None else None,
                value=shown_value,
                message=message,
                severity=_compact(URIRef(str(severity))).removeprefix("sh:")
                if severity is not None
                else VIOLATION,
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
    for s, p, o in data:
        if (s, p, o) in ontology:
            continue
        defines = (
            (isinstance(s, URIRef) and (str(s).startswith(str(TLF)) or str(s).startswith(NSCB)))
            or (p == RDF.type and o in _DEFINED_BY_ONTOLOGY)
            or (p == SKOS.inScheme and o == TLF.tlf)
        )
        if defines and s not in offenders:
            offenders[s] = (p, o)
    return [
        Violation(
            focus=_compact(s) if isinstance(s, URIRef) else _describe_focus(s, data),
            path=_property_label(p),
            value=_describe_value(o, data),
            message=_FRAMEWORK_MESSAGE,
            severity=VIOLATION,
        )
        for s, (p, o) in offenders.items()
    ]


def validate(data: Graph) -> ValidationReport:
    """Check a graph of review data against the shapes and the framework. The graph is not
    changed. Conforms if there is no violation of severity ``Violation``."""
    violations = _shacl_violations(data) + _framework_violations(data)
    unique = sorted(
        set(violations),
        key=lambda v: (v.focus, v.path or "", v.message, v.value or ""),
    )
    conforms = not any(v.severity == VIOLATION for v in unique)
    return ValidationReport(conforms=conforms, violations=tuple(unique))


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
    if not path.is_file():
        raise SourceError(f"{path}: no such file.")
    graph = Graph()
    try:
        with _quiet_literal_warnings():
            graph.parse(path, format=fmt)
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
    return graph


def validate_file(path: str | Path) -> ValidationReport:
    """Read a Turtle or JSON-LD file (see :func:`read_graph`) and validate it."""
    return validate(read_graph(path))


__all__ = [
    "INFO",
    "VIOLATION",
    "WARNING",
    "ValidationReport",
    "Violation",
    "read_graph",
    "shapes_graph",
    "shapes_path",
    "validate",
    "validate_file",
]
