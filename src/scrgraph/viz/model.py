"""What a network page shows, as plain data: nodes, edges, legend, filters, title and counts.

A :class:`NetworkView` is built by :mod:`scrgraph.viz.views` from catalog query results and
drawn by :mod:`scrgraph.viz.render`; the API can return it as JSON (:meth:`NetworkView.to_dict`).
Only plain values here (no I/O, no heavy imports).

Filtering is done by the page over this data, without asking the database again:

- ``evidence`` maps each review the item comes from to how much that review contributes to
  its ``value`` (one for a review raising a theme, the number of actions for an agency; the
  weights add up to ``value``). With no filter on the reviews the item shows ``value``, the
  catalog's number; with one, it is drawn only if one of its reviews is selected (or it is
  ``always`` drawn), sized by the sum of its selected reviews' weights.
- ``quadrants`` and ``themes`` are the framework codes an item touches, for the quadrant and
  theme filters.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any

#: The views ``scrgraph viz`` draws, with what each shows.
VIEWS: dict[str, str] = {
    "theme-map": "Key themes and practice standards, grouped and coloured by quadrant, sized "
                 "by the separate reviews raising them; edges where they occur together.",
    "reviews-themes": "Reviews linked to the key themes their recommendations raise.",
    "theme": "One key theme in focus (--theme): its reviews, recommendations, practice "
             "standards, the agencies they are directed at and the actions in response.",
    "review": "One review in focus (--review): its recommendations, their themes, standards "
              "and quadrants, the agencies and the actions.",
    "agency-accountability": "Agencies and the actions they own, coloured by status, overdue "
                             "actions marked.",
}


@dataclass(frozen=True)
class Node:
    """One item drawn: a theme, standard, quadrant, review, recommendation, agency, action."""

    id: str
    label: str
    kind: str
    """theme, standard, quadrant, review, review-group, recommendation, agency or action."""
    group: str
    """The legend entry that colours it (e.g. ``quadrant-2``, ``status-open``)."""
    title: str
    """The full text shown on hover (plain text, lines separated by newlines)."""
    value: int
    """What its size shows (e.g. separate reviews raising a theme), from the catalog."""
    x: float
    y: float
    evidence: dict[str, int] = field(default_factory=dict)
    quadrants: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    always: bool = False
    """Drawn whatever the review filters select (framework items such as quadrants)."""
    marked: bool = False
    """Drawn with a warning border (an overdue action)."""


@dataclass(frozen=True)
class Edge:
    """A link between two nodes."""

    source: str
    target: str
    kind: str
    title: str
    value: float
    """Its weight (width): shared reviews, lift or recommendations, as ``title`` says."""
    evidence: dict[str, int] = field(default_factory=dict)
    always: bool = False
    dashed: bool = False


@dataclass(frozen=True)
class LegendItem:
    """One entry of the legend: a colour and shape, and what it stands for."""

    group: str
    label: str
    color: str
    shape: str


@dataclass(frozen=True)
class ReviewFacet:
    """One review, as the filters see it."""

    id: str
    title: str
    kind: str
    year: int | None
    partnership: str | None
    partnership_name: str | None
    partnership_type: str | None
    recommendations: int = 0


@dataclass(frozen=True)
class Option:
    """One choice of a filter: its value and what the page calls it."""

    value: str
    label: str


@dataclass(frozen=True)
class Filters:
    """What the filters select (None: everything). The page starts with these."""

    kind: str | None = None
    partnership: str | None = None
    year_from: int | None = None
    year_to: int | None = None
    quadrant: str | None = None
    theme: str | None = None

    @property
    def active(self) -> bool:
        return any(v is not None for v in asdict(self).values())


@dataclass(frozen=True)
class NetworkView:
    """One network, ready to draw: every number in it comes from catalog queries."""

    view: str
    title: str
    subtitle: str
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    legend: tuple[LegendItem, ...]
    reviews: tuple[ReviewFacet, ...]
    """Every review the nodes' evidence names, for the filters."""
    quadrants: tuple[Option, ...]
    themes: tuple[Option, ...]
    filters: Filters = Filters()
    focus: str | None = None
    """The theme code or review id in focus (theme and review views)."""
    counts: dict[str, int] = field(default_factory=dict)
    """Nodes by kind, and ``edges``."""
    queries: tuple[str, ...] = ()
    """The catalog queries the view was built from."""
    notes: tuple[str, ...] = ()
    """What the page must say about how it is drawn (e.g. reviews aggregated by kind and year)."""

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data (tuples become lists): what ``dataclasses.asdict`` gives, with
        the nodes and edges copied one level deep (they hold only plain values), not through
        its deep copy: a national theme map's evidence has most of a million entries."""
        data = asdict(replace(self, nodes=(), edges=()))
        data["nodes"] = tuple(_plain(node) for node in self.nodes)
        data["edges"] = tuple(_plain(edge) for edge in self.edges)
        return data


def _plain(item: Node | Edge) -> dict[str, Any]:
    """A node or edge as ``asdict`` gives it: its evidence a new dict, every other value
    immutable (strings, numbers, tuples of strings) and so shared."""
    return {f.name: dict(value) if isinstance(value := getattr(item, f.name), dict) else value
            for f in fields(item)}
