"""Framework codes as analysts type them: resolving a cell's code or label (preferred,
alternative or hidden; any case) to its concept, the nearest valid code for "did you mean", and
the controlled code lists of review data (review kinds, statuses, sectors ...).

This is the one resolver: workbook reading, validation messages, query parameters and the
tagger all use it.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from rdflib import Graph, URIRef

from scrgraph.errors import SourceError
from scrgraph.framework.concepts import Concept, Quadrant, Standard, Theme, framework
from scrgraph.framework.ontology import ontology_graph, text
from scrgraph.namespaces import NSCB, SKOS

FRAMEWORK_CODE_LISTS = ("themes", "standards", "quadrants")
"""The code lists that are the framework's own concepts (resolved by label as well as code);
``themes`` also takes the local themes a source declares beside the framework's."""


@dataclass(frozen=True)
class CodeLists:
    """Codes of review data to ontology IRIs (each mapping read-only)."""

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


_SEPARATORS = re.compile(r"[\s\-_\u2013\u2014]+")


def normalise_label(text: str) -> str:
    """The form labels are matched in: case-folded, with hyphens, dashes, underscores and runs
    of spaces all one space (so "Information-sharing" matches "information sharing")."""
    return _SEPARATORS.sub(" ", text.strip().casefold()).strip()


def _index(concepts: Iterable[Concept]) -> Mapping[str, Concept]:
    """Every normalised IRI, id, code and label of the concepts, to the concept."""
    index: dict[str, Concept] = {}
    for c in concepts:
        for key in (str(c.iri), c.id, c.code, c.label, *c.alt_labels, *c.hidden_labels):
            index.setdefault(normalise_label(key), c)
    return MappingProxyType(index)


@functools.cache
def _indexes() -> Mapping[str, Mapping[str, Concept]]:
    fw = framework()
    return {"themes": _index(fw.themes), "standards": _index(fw.standards),
            "quadrants": _index(fw.quadrants)}


def label_index(kind: str) -> Mapping[str, str]:
    """Every normalised code and label of ``"themes"``, ``"standards"`` or ``"quadrants"``,
    mapped to the concept's code: what a tagger matches text against."""
    return MappingProxyType({key: c.code for key, c in _indexes()[kind].items()})


def concepts(kind: str) -> tuple[Concept, ...]:
    """Every concept the resolver knows of ``"themes"``, ``"standards"`` or ``"quadrants"``,
    each once: the tagger's vocabulary, so whatever the resolver learns to resolve (local
    themes beside the framework's) the tagger suggests too."""
    found: dict[str, Concept] = {}
    for concept in _indexes()[kind].values():
        found.setdefault(concept.id, concept)
    return tuple(found.values())


def resolve_theme(text: str) -> Theme | None:
    """The theme whose code, id, preferred, alternative or hidden label is ``text`` (any case,
    hyphens or spaces), or None. ``"DV"`` and ``"Domestic Abuse"`` give domestic-abuse."""
    found = _indexes()["themes"].get(normalise_label(text))
    return found if isinstance(found, Theme) else None


def resolve_standard(text: str) -> Standard | None:
    """The standard whose code (``"2.2"``), id or label is ``text``, or None."""
    found = _indexes()["standards"].get(normalise_label(text))
    return found if isinstance(found, Standard) else None


def resolve_quadrant(text: str) -> Quadrant | None:
    """The quadrant whose code (``"1"``), id or label is ``text``, or None."""
    found = _indexes()["quadrants"].get(normalise_label(text))
    return found if isinstance(found, Quadrant) else None


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


class FrameworkResolver:
    """Theme, standard and quadrant codes typed in cells (or given as query parameters),
    resolved through the ontology's labels, and the local themes partnerships declare beside
    the framework's 13 (``local``): the one resolver the workbook reader, the SHACL wording
    and query parameters use. A name that is both a framework theme's and a local theme's
    resolves to the framework's (the shapes refuse such a declaration)."""

    def __init__(self, local: Iterable[Theme] = ()) -> None:
        self.local: tuple[Theme, ...] = tuple(local)
        themes = dict(_indexes()["themes"])
        for theme in self.local:
            for key in (str(theme.iri), theme.id, theme.code, theme.label, *theme.alt_labels,
                        *theme.hidden_labels):
                themes.setdefault(normalise_label(key), theme)
        self._themes: Mapping[str, Concept] = MappingProxyType(themes)
        self._theme_codes = MappingProxyType({k: c.code for k, c in themes.items()})

    def with_local(self, themes: Iterable[Theme]) -> FrameworkResolver:
        """This resolver, knowing ``themes`` as well (a later declaration of a code replaces
        an earlier one)."""
        known = {t.code: t for t in (*self.local, *themes)}
        return FrameworkResolver(known.values())

    def theme(self, text: str) -> Theme | None:
        """The framework or local theme whose code, id or any label is ``text``."""
        found = self._themes.get(normalise_label(text))
        return found if isinstance(found, Theme) else None

    def resolve(self, code_list: str, text: str) -> str | None:
        if code_list == "themes":
            theme = self.theme(text)
            return theme.code if theme else None
        found = resolve_standard(text) if code_list == "standards" else resolve_quadrant(text)
        return found.code if found else None

    def suggest(self, code_list: str, text: str) -> str | None:
        if code_list == "themes":
            return _suggest(text, self._theme_codes)
        return suggest_standard(text) if code_list == "standards" else _suggest(
            text, label_index("quadrants"))


# -- code lists of review data ----------------------------------------------------------------


def _scheme_codes(graph: Graph, scheme: URIRef) -> Mapping[str, URIRef]:
    codes: dict[str, URIRef] = {}
    for concept in graph.subjects(SKOS.inScheme, scheme):
        code = text(graph, concept, SKOS.notation)
        if code is not None and isinstance(concept, URIRef):
            codes[code] = concept
    return MappingProxyType(dict(sorted(codes.items())))


@functools.cache
def code_lists() -> CodeLists:
    """The controlled code lists of review data, code -> IRI."""
    g = ontology_graph()
    kinds: dict[str, URIRef] = {}
    for cls, code in g.subject_objects(NSCB.reviewKindCode):
        if isinstance(cls, URIRef):
            kinds[str(code)] = cls
    return CodeLists(
        review_kinds=MappingProxyType(dict(sorted(kinds.items()))),
        guidance=_scheme_codes(g, NSCB.statutoryGuidanceScheme),
        action_statuses=_scheme_codes(g, NSCB.actionStatusScheme),
        sectors=_scheme_codes(g, NSCB.sectorScheme),
        partnership_types=_scheme_codes(g, NSCB.partnershipTypeScheme),
        event_kinds=_scheme_codes(g, NSCB.learningEventKindScheme),
    )


def codes(code_list: str) -> tuple[str, ...]:
    """The codes a code list allows (``"themes"``, ``"standards"``, ``"review_kinds"`` ...),
    from the ontology, the one place they are defined."""
    if code_list == "themes":
        return tuple(t.code for t in framework().themes)
    if code_list == "standards":
        return tuple(s.code for s in framework().standards)
    if code_list == "quadrants":
        return tuple(q.code for q in framework().quadrants)
    found = getattr(code_lists(), code_list, None)
    if found is None:
        raise SourceError(f"loaders/workbook.toml: there is no code list {code_list!r}.")
    return tuple(found)
