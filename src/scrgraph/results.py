"""What the facade returns: plain, typed results that every front end can show or serialise.

These are data only (no I/O, no heavy imports), so a front end can import them without pulling
in the driver, rdflib or networkx, and the API can return them as JSON.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scrgraph.catalog.cypherfiles import CypherFile, Param
from scrgraph.ingest.problems import Problem

Progress = Callable[[str, int, int], None]
"""A progress callback: ``(step, done, total)``."""

Query = CypherFile
"""One catalog query: its name, folder, description, parameters, example and text."""

__all__ = [
    "Analysis",
    "Bridge",
    "CheckReport",
    "DemoResult",
    "ExportReport",
    "ItemChange",
    "LoadReport",
    "Param",
    "Problem",
    "Progress",
    "Query",
    "QueryResult",
    "ReportData",
    "ReportFiles",
    "ReportScope",
    "ServerDetails",
    "SourceSummary",
    "SynthCorpus",
    "ThemeCentrality",
    "ThemeCommunity",
    "ThemeReach",
    "Withdrawal",
    "WriteSummary",
]


@dataclass(frozen=True)
class QueryResult:
    """The rows one catalog query returned, with its columns in order."""

    query: Query
    columns: tuple[str, ...]
    rows: list[dict[str, Any]]
    next_skip: int | None = None
    """For a query that pages (``skip`` and ``limit`` parameters): the ``skip`` of the next
    page when more rows follow this one, else None."""


@dataclass(frozen=True)
class ServerDetails:
    """What ``scrgraph db status`` reports about the server scrgraph talks to."""

    uri: str
    database: str
    version: str
    edition: str
    nodes: int
    relationships: int


@dataclass(frozen=True)
class ItemChange:
    """One item a load changed, or would change: its kind (label) and ID, what changes in
    words (``name: 'Old' -> 'New'``), and the source that wrote it before when that was a
    different source (a file or folder name), else None."""

    label: str
    id: str
    changes: tuple[str, ...]
    written_by: str | None = None

    def __str__(self) -> str:
        source = f" (was loaded from {self.written_by})" if self.written_by else ""
        return f"{self.label} {self.id}{source}: {'; '.join(self.changes)}"


@dataclass(frozen=True)
class WriteSummary:
    """What a write did, per label: added, changed, unchanged and removed items; and each of
    them by ``(label, id)``. Framework concepts (quadrants, standards, themes) that a data load
    wrote alongside are not counted among its items: ``framework`` says how many there were."""

    added: dict[str, int]
    changed: dict[str, int]
    unchanged: dict[str, int]
    removed: dict[str, int]
    removed_ids: tuple[tuple[str, str], ...] = ()
    added_ids: tuple[tuple[str, str], ...] = ()
    changed_items: tuple[ItemChange, ...] = ()
    unchanged_ids: tuple[tuple[str, str], ...] = ()
    framework: int = 0
    """Framework concepts written (new or updated) with the data, not counted above."""
    refreshed_ids: tuple[tuple[str, str], ...] = ()
    """Items written whose only change was in what scrgraph derives for them, not what a
    source states: the tagger's suggestions for an uncoded recommendation (a new model
    version, or a name added to the ontology). Not counted as changed."""

    @property
    def replaced(self) -> tuple[ItemChange, ...]:
        """The changed items that a different source had written (a load told to replace)."""
        return tuple(c for c in self.changed_items if c.written_by is not None)

    @property
    def wrote_anything(self) -> bool:
        return bool(sum(self.added.values()) + sum(self.changed.values())
                    + sum(self.removed.values()) + self.framework + len(self.refreshed_ids))

    def listing(self) -> dict[str, Any]:
        """Every item by ID, as plain data (JSON): ``added``, ``unchanged``, ``removed`` and
        ``suggestions_refreshed`` as ``{kind: [ids]}``, ``changed`` as one entry per item with
        what changed and, when a different source had written it, that source; and the
        framework concepts written."""

        def by_kind(pairs: tuple[tuple[str, str], ...]) -> dict[str, list[str]]:
            found: dict[str, list[str]] = {}
            for label, item_id in pairs:
                found.setdefault(label, []).append(item_id)
            return found

        return {"added": by_kind(self.added_ids),
                "changed": [{"kind": c.label, "id": c.id, "changes": list(c.changes),
                             "written_by": c.written_by} for c in self.changed_items],
                "unchanged": by_kind(self.unchanged_ids),
                "removed": by_kind(self.removed_ids),
                "suggestions_refreshed": by_kind(self.refreshed_ids),
                "framework_concepts_written": self.framework}

    def total(self, label: str) -> int:
        """How many items of ``label`` the source holds (added, changed, refreshed or
        unchanged)."""
        return sum(c.get(label, 0) for c in (self.added, self.changed, self.unchanged)) + sum(
            1 for kind, _ in self.refreshed_ids if kind == label)


@dataclass(frozen=True)
class SourceSummary:
    """One source that was checked: its path and how many items (rows) it holds."""

    path: Path
    items: int


@dataclass(frozen=True)
class CheckReport:
    """What ``check`` found: the sources read, every problem, and whether they can be loaded."""

    sources: tuple[SourceSummary, ...]
    problems: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = ()
    notes: tuple[Problem, ...] = ()
    """What does not stop a load but needs an analyst's eye: recommendations the SMART check
    finds something missing from (owner, timescale, measure, action), with the words."""

    @property
    def conforms(self) -> bool:
        return not self.problems

    @property
    def items(self) -> int:
        return sum(s.items for s in self.sources)


@dataclass(frozen=True)
class LoadReport:
    """What a load did: the sources, what changed, and the id of its provenance record."""

    sources: tuple[Path, ...]
    summary: WriteSummary
    load_id: str
    warnings: tuple[Problem, ...] = ()
    notes: tuple[Problem, ...] = ()
    """As :attr:`CheckReport.notes`."""
    suggested: int = 0
    """How many codes the tagger suggested for the recommendations no analyst coded (before
    those analysts rejected or accepted were taken out)."""


@dataclass(frozen=True)
class SuggestionDecision:
    """An analyst's decision on one of the tagger's suggestions."""

    recommendation: str
    code: str
    kind: str
    """``theme`` or ``standard``."""
    decision: str
    """``accepted`` (now the analyst's coding) or ``rejected`` (not suggested again)."""
    by: str
    """Who decided: a role, e.g. 'M&E officer'."""
    on: dt.date


@dataclass(frozen=True)
class Withdrawal:
    """What withdrawing a review removed: the review, its recommendations and their actions."""

    review: str
    recommendations: int
    actions: int


@dataclass(frozen=True)
class SynthCorpus:
    """A synthetic corpus written by ``scrgraph synth``: its folder, seed, files and rows."""

    folder: Path
    seed: int
    rows: dict[str, int]
    """Rows written, by sheet name."""
    files: tuple[Path, ...]


@dataclass(frozen=True)
class ExportReport:
    """What an export wrote: the files, and how many of each thing they hold."""

    format: str
    paths: tuple[Path, ...]
    counts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Bridge:
    """A theme or standard and how much it bridges the framework network."""

    kind: str  # "theme" or "standard"
    code: str
    label: str
    betweenness: float  # normalised betweenness centrality in the framework network
    recommendations: int  # recommendations coded to it
    quadrants: tuple[str, ...]  # quadrants its recommendations reach through their standards


@dataclass(frozen=True)
class ThemeCommunity:
    """Themes that travel together: one community of the co-occurrence network."""

    number: int
    themes: tuple[str, ...]
    weight: int  # co-occurrences (shared reviews or recommendations) inside the community


@dataclass(frozen=True)
class ThemeCentrality:
    """How connected a theme is in the co-occurrence network."""

    theme: str
    label: str
    reviews: int  # reviews raising the theme
    degree: int  # other themes it co-occurs with
    strength: int  # co-occurrences summed over those themes (weighted degree)


@dataclass(frozen=True)
class ThemeReach:
    """How often a theme's recommendations cross quadrants, against what its volume predicts."""

    theme: str
    label: str
    recommendations: int  # recommendations coded to the theme
    mapped: int  # of those, the ones coded to at least one practice standard
    cross_quadrant: int  # of those, the ones whose standards sit in two or more quadrants
    expected: float  # cross_quadrant expected at the rate of all mapped recommendations
    ratio: float  # cross_quadrant / expected: above 1, it bridges more than its volume predicts


WEAK_MODULARITY = 0.3
"""Below this modularity a partition of a network this small is not worth planning around."""


@dataclass(frozen=True)
class Analysis:
    """The results of ``analyse``."""

    bridges: tuple[Bridge, ...]
    quadrant_reach: tuple[ThemeReach, ...]
    communities: tuple[ThemeCommunity, ...]
    modularity: float  # of the communities found, weighted by co-occurrence
    partitions: int  # different partitions community detection finds over 20 seeds
    central_themes: tuple[ThemeCentrality, ...]
    framework_nodes: int
    framework_edges: int
    themes: int
    cooccurrence_edges: int
    unit: str
    seed: int
    betweenness_sample: int | None = None  # None: exact; else source nodes it was estimated from

    @property
    def betweenness_method(self) -> str:
        """How betweenness was computed, in plain words."""
        if self.betweenness_sample is None:
            return "betweenness is computed exactly"
        return (f"betweenness is estimated from paths starting at {self.betweenness_sample:,} of "
                f"the {self.framework_nodes:,} nodes, drawn with seed {self.seed} (the network "
                "is too large to compute it exactly in reasonable time)")

    @property
    def communities_are_weak(self) -> bool:
        return self.modularity < WEAK_MODULARITY or self.partitions > 1

    @property
    def communities_verdict(self) -> str:
        """What the communities are worth, in plain words."""
        if not self.communities:
            return "No themes are coded, so there are no communities."
        if self.modularity < WEAK_MODULARITY:
            strength = (f"The communities are weak (modularity {self.modularity:.2f}, below "
                        f"{WEAK_MODULARITY}: the themes are raised together too evenly to fall "
                        f"into groups).")
        else:
            strength = f"The communities are clear (modularity {self.modularity:.2f})."
        stable = (" Every seed gives the same grouping." if self.partitions <= 1 else
                  f" Different seeds give {self.partitions} different groupings.")
        advice = " Do not plan around these groupings." if self.communities_are_weak else ""
        return strength + stable + advice


@dataclass(frozen=True)
class DemoResult:
    """What ``scrgraph demo`` did, for the front end to print."""

    server: ServerDetails
    local: bool
    schema_statements: int
    framework: WriteSummary
    load: LoadReport
    recurring_themes: QueryResult
    quadrant_pairs: QueryResult
    cross_quadrant: QueryResult
    catalog_rows: dict[str, int]
    """Every catalog query, run with its example parameters: how many rows it returned."""


# -- reports -----------------------------------------------------------------------------

@dataclass(frozen=True)
class ReportScope:
    """Which reviews and recommendations a report covers (all when every field is empty)."""

    from_year: int | None = None
    to_year: int | None = None
    kinds: tuple[str, ...] = ()
    partnership: str | None = None
    """A partnership's ID (e.g. NSCP) or a type of partnership (children, adults,
    community-safety)."""
    theme: str | None = None
    """Only recommendations coded to this key theme (code or label)."""
    as_of: dt.date | None = None
    """As things stood on this day (default: today): only reviews published by then, each
    action's status on that day, overdue against it."""

    def params(self) -> dict[str, Any]:
        """The scope as the report queries' parameters."""
        return {"from_year": self.from_year, "to_year": self.to_year,
                "kind": list(self.kinds) or None, "partnership": self.partnership,
                "theme": self.theme}

    @property
    def is_everything(self) -> bool:
        return not (self.from_year or self.to_year or self.kinds or self.partnership
                    or self.theme)

    def describe(self) -> str:
        """The scope in words, e.g. 'reviews published 2018 to 2025, SAR and DHR only'."""
        parts = []
        if self.from_year and self.to_year:
            parts.append(f"published {self.from_year} to {self.to_year}")
        elif self.from_year:
            parts.append(f"published in or after {self.from_year}")
        elif self.to_year:
            parts.append(f"published in or before {self.to_year}")
        if self.kinds:
            parts.append("of kind " + ", ".join(self.kinds))
        if self.partnership:
            kind = self.partnership in ("children", "adults", "community-safety", "national")
            parts.append(f"commissioned by {self.partnership}"
                         + (" partnerships" if kind else ""))
        text = "All reviews" if not parts else "Reviews " + "; ".join(parts)
        if self.theme:
            text += f"; only recommendations coded to the theme '{self.theme}'"
        return text + "."


@dataclass(frozen=True)
class ReportData:
    """The results of every report query for one scope, plus when and for what it was made."""

    scope: ReportScope
    results: dict[str, QueryResult]
    generated: dt.datetime
    as_of: dt.date
    params: dict[str, dict[str, Any]] = field(default_factory=dict)
    """The parameters each query ran with (by section), as ``scrgraph query`` would take them."""

    def rows(self, section: str) -> list[dict[str, Any]]:
        return self.results[section].rows

    @property
    def summary(self) -> dict[str, Any]:
        return self.rows("summary")[0]

    @property
    def raised_themes(self) -> list[dict[str, Any]]:
        """Themes raised by at least one review in scope, most reviews first."""
        return [row for row in self.rows("themes") if row["reviews"] > 0]

    def theme(self, code: str) -> dict[str, Any] | None:
        code = code.lower()
        return next((row for row in self.rows("themes")
                     if row["theme"] == code or row["label"].lower() == code), None)

    @property
    def gaps(self) -> list[dict[str, Any]]:
        """Practice standards no recommendation in scope maps to."""
        return [row for row in self.rows("standards") if row["recommendations"] == 0]

    def attention(self, reason: str) -> list[dict[str, Any]]:
        """Recommendations in scope needing attention for this reason (e.g. not-smart)."""
        return [row for row in self.rows("recommendations") if reason in row["attention"]]

    def query_command(self, section: str) -> str:
        """The ``scrgraph query`` command that gives one section's rows."""
        params = " ".join(
            f"-p {k}={','.join(v) if isinstance(v, list) else _param_text(v)}"
            for k, v in self.params.get(section, {}).items() if v is not None)
        name = self.results[section].query.name
        return f"scrgraph query {name}" + (f" {params}" if params else "")


def _param_text(value: Any) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


@dataclass(frozen=True)
class ReportFiles:
    """What writing a report or briefing wrote, and how long it took."""

    html: Path | None
    pdf: Path | None
    csv: tuple[Path, ...]
    xlsx: Path | None
    seconds: float
    docx: Path | None = None
    pptx: Path | None = None
    qdpx: Path | None = None
    note: str | None = None
    """Why a file that was asked for by default was left out (the PDF, without Pango)."""

    @property
    def paths(self) -> tuple[Path, ...]:
        return tuple(p for p in (self.html, self.pdf, *self.csv, self.xlsx, self.docx,
                                 self.pptx, self.qdpx) if p is not None)


# -- the tagger: suggested codes, SMART checks, evaluation ------------------------------------


@dataclass(frozen=True)
class PhraseMatch:
    """Words of a recommendation that match a name the ontology gives a code."""

    words: str
    """As they appear in the recommendation."""
    name: str
    """The label or alias they matched, as the ontology spells it."""
    name_kind: str
    """``label``, ``alternative label`` or ``hidden label``."""


@dataclass(frozen=True)
class CodeSuggestion:
    """One suggested theme, standard or quadrant, with its score (0 to 1) and its evidence."""

    kind: str
    """``theme``, ``standard`` or ``quadrant``."""
    code: str
    label: str
    score: float
    matches: tuple[PhraseMatch, ...] = ()
    words: tuple[str, ...] = ()
    """The words of the recommendation that weighed most for this code in the learned model."""
    similarity: float | None = None
    """Cosine similarity (0 to 1) of the recommendation's words and the code's description
    (labels, scope note, definition, outcome)."""
    via: tuple[str, ...] = ()
    """For a quadrant: the suggested standards that place it there."""
    local: bool = False
    """For a theme: a local theme (a partnership's own, beside the framework's 13), suggested
    by its names alone."""


@dataclass(frozen=True)
class SmartGap:
    """Something a SMART recommendation has that this one lacks, with the words that show it."""

    element: str
    """``owner``, ``timescale``, ``measure`` or ``action``."""
    message: str
    words: tuple[str, ...] = ()
    """The words that show it (e.g. the vague verb), when there are any."""


@dataclass(frozen=True)
class SmartCheck:
    """The SMART check of one recommendation: what it has (with its words) and what it lacks."""

    found: dict[str, tuple[str, ...]]
    """Element -> the words that show it is there (``owner``: the agencies named ...)."""
    gaps: tuple[SmartGap, ...]

    @property
    def smart(self) -> bool:
        return not self.gaps


@dataclass(frozen=True)
class TagResult:
    """The tagger's answer for one recommendation."""

    text: str
    themes: tuple[CodeSuggestion, ...]
    standards: tuple[CodeSuggestion, ...]
    quadrants: tuple[CodeSuggestion, ...]
    smart: SmartCheck
    model_version: str
    where: str | None = None
    """Where the text came from (file, sheet, row), when it came from a file."""


@dataclass(frozen=True)
class CodeScore:
    """How well the tagger found one code: counts of recommendations, and the rates."""

    code: str
    label: str
    support: int
    """Recommendations labelled with the code."""
    true_positives: int
    false_positives: int
    false_negatives: int
    precision: float | None
    """None when the tagger never suggested the code (no rate can be read)."""
    recall: float | None
    """None when no recommendation is labelled with the code."""
    f1: float | None
    local: bool = False
    """A local theme (a partnership's own, declared with the labelled file), not the
    framework's."""


@dataclass(frozen=True)
class KindScores:
    """The scores for one kind of code (themes, quadrants or standards)."""

    kind: str
    codes: tuple[CodeScore, ...]
    micro_precision: float
    micro_recall: float
    micro_f1: float
    macro_f1: float
    """The mean F1 over the codes that have labelled recommendations (support > 0)."""
    exact_match: float
    """Share of recommendations whose suggested codes of this kind are exactly the labels."""


@dataclass(frozen=True)
class TaggerEvaluation:
    """What ``eval-tagger`` measured, and how."""

    file: Path
    rows: int
    reviews: int
    method: str
    """In plain words: cross-validation by review (with how many folds), or trained on the
    labelled set and tested on the file."""
    kinds: tuple[KindScores, ...]
    exact_match_all: float
    """Share of recommendations whose themes, quadrants and standards are all exactly right."""
    model_version: str
