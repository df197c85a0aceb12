"""The names the ontology gives each code, and where they occur in a recommendation.

The names come from the framework's one resolver (:func:`scrgraph.framework.codes.concepts`):
each concept's preferred label, alternative labels and hidden labels. Analysts tune what the
tagger matches by editing those in ``ontology/nscb.ttl``. A partnership's local themes are
matched by their own label and aliases (:func:`local_entries`, :func:`match_local`), given
with each recommendation, since which apply depends on who commissioned its review.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from scrgraph.framework.codes import concepts
from scrgraph.framework.concepts import Concept, Quadrant, Standard, Theme
from scrgraph.results import PhraseMatch

KINDS = ("themes", "standards")
"""The kinds of code the tagger suggests directly (quadrants follow from standards)."""

_WORD = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z]+)?")
_NAME_KINDS = ("label", "alternative label", "hidden label")
_ACRONYM = re.compile(r"^[A-Z0-9]{2,5}$")


def words(text: str) -> list[tuple[str, int, int]]:
    """The words of ``text`` with their start and end: letters and digits, an apostrophe
    inside a word kept ("child's")."""
    return [(m.group(0), m.start(), m.end()) for m in _WORD.finditer(text)]


@dataclass(frozen=True)
class Name:
    """One name of a code, as the words it is matched by."""

    code: str
    name: str
    name_kind: str
    key: tuple[str, ...]
    """Its words, case-folded; an acronym (``DV``, ``CSA``) keeps its case and matches only
    in capitals, so "da" in a sentence is not domestic abuse."""
    exact_case: bool


@dataclass(frozen=True)
class Entry:
    """One code the tagger can suggest: its names and its description."""

    kind: str
    code: str
    label: str
    names: tuple[Name, ...]
    description: str
    """Labels, scope note, definition and (for a standard) its outcome: what the similarity
    evidence compares the recommendation with."""


def _names(concept: Concept) -> tuple[Name, ...]:
    found: list[Name] = []
    groups = ((concept.label,), concept.alt_labels, concept.hidden_labels)
    for name_kind, names in zip(_NAME_KINDS, groups, strict=True):
        for name in names:
            exact = bool(_ACRONYM.match(name))
            key = tuple(w if exact else w.casefold() for w, _, _ in words(name))
            if key:
                found.append(Name(concept.code, name, name_kind, key, exact))
    return tuple(found)


def _description(concept: Concept) -> str:
    parts = [concept.label, *concept.alt_labels]
    if isinstance(concept, Theme):
        parts += [concept.scope_note or "", concept.definition or ""]
    if isinstance(concept, Standard):
        parts.append(concept.outcome)
    if isinstance(concept, Quadrant):
        parts.append(concept.question)
    return " ".join(p for p in parts if p)


@functools.cache
def entries(kind: str) -> tuple[Entry, ...]:
    """The codes of ``"themes"``, ``"standards"`` or ``"quadrants"`` the tagger knows."""
    return tuple(Entry(kind, c.code, c.label, _names(c), _description(c)) for c in concepts(kind))


Index = Mapping[str, tuple[Name, ...]]
"""Names by their first word (case-folded, or as written for an acronym), longest first."""


def _index(found: Sequence[Entry]) -> Index:
    index: dict[str, list[Name]] = {}
    for entry in found:
        for name in entry.names:
            index.setdefault(name.key[0], []).append(name)
    return {k: tuple(sorted(v, key=lambda n: -len(n.key))) for k, v in index.items()}


@functools.cache
def _by_first_word(kind: str) -> Index:
    return _index(entries(kind))


Span = tuple[int, int]
"""Where a phrase is in a text: its first and last word's start and end characters."""


def _find(text: str, index: Index) -> dict[str, list[tuple[PhraseMatch, Span]]]:
    tokens = words(text)
    folded = [w.casefold() for w, _, _ in tokens]
    found: dict[str, list[tuple[PhraseMatch, Span]]] = {}
    taken: dict[str, set[int]] = {}
    for i in range(len(tokens)):
        candidates = index.get(folded[i], ()) + (
            index.get(tokens[i][0], ()) if tokens[i][0] != folded[i] else ())
        for name in candidates:
            n = len(name.key)
            got = tuple(w for w, _, _ in tokens[i:i + n]) if name.exact_case else tuple(
                folded[i:i + n])
            if got != name.key:
                continue
            span = set(range(i, i + n))
            if taken.setdefault(name.code, set()) & span:
                continue
            taken[name.code] |= span
            start, end = tokens[i][1], tokens[i + n - 1][2]
            found.setdefault(name.code, []).append(
                (PhraseMatch(text[start:end], name.name, name.name_kind), (start, end)))
    return found


@functools.lru_cache(maxsize=256)
def match(text: str, kind: str) -> Mapping[str, tuple[PhraseMatch, ...]]:
    """The names of ``kind``'s codes found in ``text``: code -> the phrases that matched.

    Whole words only; the longest name wins where names overlap ("domestic abuse policy"
    over "domestic abuse"), and each stretch of text counts once per code.
    """
    return MappingProxyType({code: tuple(m for m, _ in found) for code, found in
                             _find(text, _by_first_word(kind)).items()})


def local_entries(themes: Sequence[Theme]) -> tuple[Entry, ...]:
    """Local themes (declared by a partnership beside the framework's 13) as codes the tagger
    can suggest: matched by their label and aliases like the framework's, never part of the
    learned model (which is trained on the framework's codes)."""
    return tuple(Entry("themes", t.code, t.label, _names(t), _description(t)) for t in themes)


def match_local(text: str, local: Sequence[Entry]
                ) -> tuple[Mapping[str, tuple[PhraseMatch, ...]], tuple[Span, ...]]:
    """The names of the local themes ``local`` found in ``text`` (code -> phrases), and where
    they are, so that a framework theme's name inside one ("neglect" in "self-neglect") is
    not taken as evidence of the framework theme."""
    found = _find(text, _index(local))
    spans = tuple(span for matches in found.values() for _, span in matches)
    return ({code: tuple(m for m, _ in matches) for code, matches in found.items()}, spans)


def match_outside(text: str, kind: str, spans: Sequence[Span]
                  ) -> Mapping[str, tuple[PhraseMatch, ...]]:
    """:func:`match`, less the phrases that lie within one of ``spans``."""
    if not spans:
        return match(text, kind)
    out: dict[str, tuple[PhraseMatch, ...]] = {}
    for code, found in _find(text, _by_first_word(kind)).items():
        kept = tuple(m for m, (start, end) in found
                     if not any(s <= start and end <= e for s, e in spans))
        if kept:
            out[code] = kept
    return out


def match_tokens(text: str) -> list[str]:
    """The matches of ``text`` as extra words for the learned model (``__theme_neglect``):
    the model learns how far each name's match can be trusted."""
    out: list[str] = []
    for kind in KINDS:
        for code in match(text, kind):
            out.append(f"__{kind[:-1]}_{code}".replace(".", "_").replace("-", "_"))
    return out
