"""How the network pages look: a colour per quadrant, a shape per kind of item, the legend.

Colour-blind safe colours (Okabe-Ito). The page's script reads the colours from the legend and
the shapes from :data:`SHAPES` (see ``render.page_data``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from scrgraph.viz.model import LegendItem

# One colour per quadrant, one per kind of other item.
QUADRANT_COLOURS = {"1": "#E69F00", "2": "#56B4E9", "3": "#009E73", "4": "#CC79A7"}
THEME_COLOURS = {"safeguarding-issue": "#D55E00", "area-of-practice": "#0072B2",
                 "local": "#F0E442"}
PARTNERSHIP_COLOURS = {"children": "#0072B2", "adults": "#009E73",
                       "community-safety": "#CC79A7", "national": "#E69F00", None: "#777777"}
STATUS_COLOURS = {"open": "#E69F00", "in-progress": "#56B4E9", "completed": "#009E73",
                  "impact-evidenced": "#00664A", "not-implemented": "#D55E00",
                  "superseded": "#999999", None: "#BBBBBB"}
STATUS_LABELS = {"open": "open", "in-progress": "in progress", "completed": "completed",
                 "impact-evidenced": "impact evidenced", "not-implemented": "not implemented",
                 "superseded": "superseded", None: "no status"}
PARTNERSHIP_LABELS = {"children": "children's partnership", "adults": "adults' board",
                      "community-safety": "community safety partnership",
                      "national": "national commissioner",
                      None: "no partnership"}
RECOMMENDATION_COLOUR = "#888888"
AGENCY_COLOUR = "#8C564B"
REVIEW_COLOUR = "#444444"
#: Link colours by kind of edge (the page draws others light grey).
EDGE_COLOURS = {"co-occurs": "rgba(40,40,110,0.6)", "raised-by": "rgba(60,60,60,0.6)",
                "coded-with": "rgba(130,130,130,0.22)", "in-quadrant": "rgba(130,130,130,0.5)"}
SHAPES = {"theme": "diamond", "standard": "dot", "quadrant": "box", "review": "square",
          "review-group": "square", "recommendation": "dot", "agency": "triangle",
          "action": "dot", "action-group": "dot"}


def quadrant_legend(quadrants: Iterable[Any], shape: str, what: str
                    ) -> dict[str, LegendItem]:
    """One entry per quadrant (``quadrants``: the framework's, with code and label)."""
    return {f"quadrant-{q.code}": LegendItem(f"quadrant-{q.code}",
                                            f"{what} in quadrant {q.code}: {q.label}",
                                            QUADRANT_COLOURS.get(q.code, "#777777"), shape)
            for q in quadrants}


def theme_legend() -> dict[str, LegendItem]:
    return {"theme-safeguarding-issue": LegendItem(
                "theme-safeguarding-issue", "key theme: recurring safeguarding issue",
                THEME_COLOURS["safeguarding-issue"], SHAPES["theme"]),
            "theme-area-of-practice": LegendItem(
                "theme-area-of-practice", "key theme: recurring area of practice",
                THEME_COLOURS["area-of-practice"], SHAPES["theme"]),
            "theme-local": LegendItem(
                "theme-local", "local theme: declared by a partnership beside the framework's",
                THEME_COLOURS["local"], SHAPES["theme"])}


def status_legend() -> dict[str, LegendItem]:
    return {f"status-{s}": LegendItem(f"status-{s}", f"action {STATUS_LABELS[s]}",
                                      colour, SHAPES["action"])
            for s, colour in STATUS_COLOURS.items() if s is not None}


OVERDUE_LEGEND = LegendItem("overdue", "overdue (open or in progress past its due date)",
                            "#C00000", "ring")


def focus_legend(quadrants: Iterable[Any]) -> dict[str, LegendItem]:
    """Every entry a theme or review in focus may need (only those drawn are shown)."""
    return {
        **{f"partnership-{k}": LegendItem(f"partnership-{k}",
                                          f"review by a {PARTNERSHIP_LABELS[k]}", colour,
                                          SHAPES["review"])
           for k, colour in PARTNERSHIP_COLOURS.items()},
        "recommendation": LegendItem("recommendation", "recommendation", RECOMMENDATION_COLOUR,
                                     SHAPES["recommendation"]),
        **theme_legend(),
        **quadrant_legend(quadrants, SHAPES["standard"], "practice standard"),
        "agency": LegendItem("agency", "agency", AGENCY_COLOUR, SHAPES["agency"]),
        **status_legend(),
        "overdue": OVERDUE_LEGEND,
    }


def theme_map_links() -> tuple[LegendItem, ...]:
    """The theme map's kinds of link, for its legend."""
    return (LegendItem("link-co-occurs", "themes raised in the same review (width: lift)",
                       "rgb(40,40,110)", "line"),
            LegendItem("link-coded-with", "theme and standard coded on one recommendation",
                       "rgb(170,170,170)", "line"),
            LegendItem("link-in-quadrant", "standard in its quadrant", "rgb(130,130,130)",
                       "dashed"))
