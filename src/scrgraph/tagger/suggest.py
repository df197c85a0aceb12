"""Suggested codes for a recommendation, each with its score and evidence.

A theme's or standard's score starts from the learned model's probability ``p`` (the model also
reads which names of codes the text contains). A name found in the text raises it: to at least
``0.5 + p/2`` for the code's label or an alternative label, ``0.4 + p/2`` for a hidden label
alone. A code the model was never trained on has ``p = 0``, so its names alone score it: so
are a partnership's local themes, given with the recommendation (those declared by a
partnership that commissioned its review), and a framework theme's name within a local
theme's ("neglect" in "self-neglect") is not evidence of the framework theme. A quadrant's
score is the highest score of its suggested standards, and names them. The weights and
thresholds were chosen by review-grouped cross-validation on the labelled set (see the
README).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from scrgraph.framework.concepts import Theme, framework
from scrgraph.results import CodeSuggestion, PhraseMatch, TagResult
from scrgraph.tagger.model import Model, default_model
from scrgraph.tagger.smart import check_smart
from scrgraph.tagger.vocabulary import Span, entries, local_entries, match_local, match_outside

THRESHOLDS = {"themes": 0.45, "standards": 0.35}
"""The score from which a code is suggested, per kind (chosen by review-grouped
cross-validation on the labelled set; see the README)."""

LABEL_FLOOR = 0.5
"""The least score of a code whose label or alternative label is in the text."""
HIDDEN_FLOOR = 0.4
"""The least score of a code only a hidden label of which is in the text."""

_KIND_NAMES = {"themes": "theme", "standards": "standard", "quadrants": "quadrant"}


@dataclass(frozen=True)
class Scored:
    """Every code of one kind scored, best first (suggested or not)."""

    kind: str
    all: tuple[CodeSuggestion, ...]

    def suggested(self, threshold: float) -> tuple[CodeSuggestion, ...]:
        return tuple(s for s in self.all if s.score >= threshold)


def _with_names(p: float, found: tuple[PhraseMatch, ...]) -> float:
    """The learned probability ``p`` raised by the names found in the text."""
    if any(m.name_kind != "hidden label" for m in found):
        return max(p, LABEL_FLOOR + p / 2)
    if found:
        return max(p, HIDDEN_FLOOR + p / 2)
    return p


def score_kind(model: Model, text: str, kind: str, local: Sequence[Theme] = ()) -> Scored:
    """Every code of ``kind`` scored for ``text``; with ``local`` (themes only), those local
    themes too, by their names alone."""
    learned = model.scores(text, kind)
    sims = model.similarities(text, kind)
    out: list[CodeSuggestion] = []
    spans: tuple[Span, ...] = ()
    if local and kind == "themes":
        local_found, spans = match_local(text, local_entries(local))
        for entry in local_entries(local):
            found = tuple(local_found.get(entry.code, ()))
            out.append(CodeSuggestion("theme", entry.code, entry.label,
                                      round(_with_names(0.0, found), 3), found, (),
                                      model.similarity(text, entry.description),
                                      local=True))
    matches = match_outside(text, kind, spans)
    for entry in entries(kind):
        found = tuple(matches.get(entry.code, ()))
        p, strongest = learned.get(entry.code, (0.0, ()))
        out.append(CodeSuggestion(_KIND_NAMES[kind], entry.code, entry.label,
                                  round(_with_names(p, found), 3), found, strongest,
                                  sims.get(entry.code)))
    out.sort(key=lambda s: -s.score)
    return Scored(kind, tuple(out))


def quadrants_from(standards: tuple[CodeSuggestion, ...]) -> tuple[CodeSuggestion, ...]:
    """The quadrants of the suggested standards, each scored by its best standard."""
    fw = framework()
    found: dict[str, list[CodeSuggestion]] = {}
    for s in standards:
        found.setdefault(fw.standard(s.code).quadrant, []).append(s)
    out = [CodeSuggestion("quadrant", q.code, q.label, max(s.score for s in found[q.code]),
                          via=tuple(s.code for s in found[q.code]))
           for q in fw.quadrants if q.code in found]
    return tuple(sorted(out, key=lambda s: -s.score))


def tag(text: str, model: Model | None = None, where: str | None = None,
        agencies: Sequence[str] = (), local: Sequence[Theme] = ()) -> TagResult:
    """Suggest themes, standards and quadrants for one recommendation, and check it is SMART
    (``agencies``: those a workbook row directs it at, which count as its owners; ``local``:
    the local themes that apply to it, those of a partnership that commissioned its review)."""
    model = model or default_model()
    themes = score_kind(model, text, "themes", local).suggested(THRESHOLDS["themes"])
    standards = score_kind(model, text, "standards").suggested(THRESHOLDS["standards"])
    return TagResult(text, themes, standards, quadrants_from(standards),
                     check_smart(text, agencies), model.version, where)
