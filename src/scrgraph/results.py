"""What the facade returns: plain, typed results that every front end can show or serialise.

These are data only (no I/O, no heavy imports), so a front end can import them without pulling
in the driver, rdflib or networkx, and the API can return them as JSON.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scrgraph.cypherfiles import CypherFile, Param
from scrgraph.sources import Problem

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
    "LoadReport",
    "Param",
    "Problem",
    "Progress",
    "Query",
    "QueryResult",
    "ServerDetails",
    "SourceSummary",
    "ThemeCentrality",
    "ThemeCommunity",
    "Withdrawal",
    "WriteSummary",
]


@dataclass(frozen=True)
class QueryResult:
    """The rows one catalog query returned, with its columns in order."""

    query: Query
    columns: tuple[str, ...]
    rows: list[dict[str, Any]]


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
class WriteSummary:
    """What a write did, per label: added, changed, unchanged and removed items."""

    added: dict[str, int]
    changed: dict[str, int]
    unchanged: dict[str, int]
    removed: dict[str, int]
    removed_ids: tuple[tuple[str, str], ...] = ()

    @property
    def wrote_anything(self) -> bool:
        return bool(sum(self.added.values()) + sum(self.changed.values())
                    + sum(self.removed.values()))

    def total(self, label: str) -> int:
        """How many items of ``label`` the source holds (added, changed or unchanged)."""
        return sum(c.get(label, 0) for c in (self.added, self.changed, self.unchanged))


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


@dataclass(frozen=True)
class Withdrawal:
    """What withdrawing a review removed: the review, its recommendations and their actions."""

    review: str
    recommendations: int
    actions: int


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
    """How central a theme is in the co-occurrence network."""

    theme: str
    label: str
    reviews: int  # reviews raising the theme
    degree: int  # other themes it co-occurs with
    strength: int  # co-occurrences summed over those themes (weighted degree)
    pagerank: float  # PageRank weighted by co-occurrence


@dataclass(frozen=True)
class Analysis:
    """The results of ``analyse``."""

    bridges: tuple[Bridge, ...]
    communities: tuple[ThemeCommunity, ...]
    central_themes: tuple[ThemeCentrality, ...]
    framework_nodes: int
    framework_edges: int
    themes: int
    cooccurrence_edges: int
    unit: str
    seed: int


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
