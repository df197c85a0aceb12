"""SHACL results in the analyst's words: items by their own IDs, values as the codes analysts
type, fields by their labels, and the nearest valid code for a wrong theme or standard."""

from __future__ import annotations

import functools
import re

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from scrgraph.framework.codes import (
    resolve_standard,
    resolve_theme,
    suggest_standard,
    suggest_theme,
)
from scrgraph.framework.ontology import notation, ontology_graph
from scrgraph.namespaces import DCTERMS, ID, NSCB, PREFIXES, RDF, RDFS, SH, SKOS, TLF


def compact(iri: URIRef) -> str:
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


def typed_code(iri: URIRef) -> str:
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


def describe_focus(node: Node, data: Graph) -> str:
    identifier = _identifier(node, data)
    if identifier is not None:
        return identifier
    coded = data.value(node, NSCB.ofRecommendation)
    if coded is not None:
        return f"coding of {describe_focus(coded, data)}"
    if isinstance(node, BNode):
        return "(an item without an ID)"
    if isinstance(node, URIRef):
        return compact(node)
    return str(node)


def describe_value(node: Node, data: Graph) -> str:
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
            return typed_code(node)
        return compact(node)
    return describe_focus(node, data)


def property_label(prop: Node) -> str:
    if not isinstance(prop, URIRef):
        return str(prop)
    if prop == RDF.type:
        return "type"
    label = ontology_graph().value(prop, RDFS.label)
    return str(label) if label is not None else compact(prop)


def describe_path(path: Node, results: Graph) -> str:
    if isinstance(path, URIRef):
        return property_label(path)
    inverse = results.value(path, SH.inversePath)
    if inverse is not None:
        if inverse in (NSCB.madeRecommendation, NSCB.madeFinding):
            return "review"
        return f"inverse of {property_label(inverse)}"
    return "(a combined path)"


def did_you_mean(path: Node, value: Node, message: str) -> tuple[str, str | None]:
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
    typed = typed_code(value)
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
