"""The report's charts: matplotlib figures as inline SVG text.

Each function takes catalog rows and draws them as they are; nothing here counts anything.
Text stays text in the SVG (selectable, searchable, small), ids are prefixed per chart so
several charts can share one HTML page, and the output is the same for the same rows.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from matplotlib.figure import Figure

from scrgraph.formatting import published_words

#: Okabe-Ito colours: distinguishable with the common forms of colour blindness.
COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
           "#000000")
STATUS_COLOURS = {"open": "#D55E00", "in_progress": "#E69F00", "completed": "#56B4E9",
                  "impact_evidenced": "#0072B2", "not_implemented": "#999999",
                  "superseded": "#CCCCCC"}
PARTNERSHIP_COLOURS = {"children": "#0072B2", "adults": "#E69F00",
                       "community-safety": "#009E73"}

_WIDTH = 6.7  # inches: the text width of an A4 page with 2 cm margins


def _figure(width: float, height: float) -> Figure:
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams.update({
        "svg.fonttype": "none",  # text stays text
        "svg.hashsalt": "scrgraph",  # the same ids every run
        "font.family": "DejaVu Sans",
        "font.size": 8,
        "axes.spines.top": False,
        "axes.spines.right": False,
    })
    return Figure(figsize=(width, height))


@dataclass(frozen=True)
class Chart:
    """One drawn chart: its name (unique in a page), its title (for screen readers) and the
    matplotlib figure."""

    name: str
    title: str
    figure: Figure


def to_png(chart: Chart, dpi: int = 200) -> bytes:
    """The chart as PNG (for Word and PowerPoint, which do not take SVG everywhere)."""
    out = io.BytesIO()
    chart.figure.savefig(out, format="png", dpi=dpi, bbox_inches="tight")
    return out.getvalue()


def to_svg(chart: Chart) -> str:
    """The chart as an ``<svg>`` element for inline use, its ids prefixed with its name."""
    figure, name, title = chart.figure, chart.name, chart.title
    out = io.StringIO()
    figure.savefig(out, format="svg", bbox_inches="tight", metadata={"Date": None})
    svg = out.getvalue()
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r'id="([^"]+)"', rf'id="{name}-\1"', svg)
    svg = re.sub(r'url\(#([^)]+)\)', rf'url(#{name}-\1)', svg)
    svg = re.sub(r'((?:xlink:)?href)="#([^"]+)"', rf'\1="#{name}-\2"', svg)
    svg = svg.replace("<svg ", f'<svg class="chart" role="img" aria-label="{_attr(title)}" ', 1)
    return svg


def _attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def _short(text: str, limit: int = 34) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _grid(ax: Any, grid: Any, cmap: str, fmt: str, fontsize: float = 7) -> None:
    """A heat map drawn as vector cells (no embedded bitmap), blank where zero, with values."""
    import numpy as np

    top = max(float(grid.max()), 1.0)
    ax.pcolormesh(np.ma.masked_equal(grid, 0), cmap=cmap, vmin=0, vmax=top * 1.2,
                  edgecolors="#e5e5e5", linewidth=0.5)
    ax.set_xlim(0, grid.shape[1])
    ax.set_ylim(grid.shape[0], 0)
    for i in range(grid.shape[0]):
        for j in range(grid.shape[1]):
            if grid[i, j]:
                ax.text(j + 0.5, i + 0.5, fmt.format(grid[i, j]), ha="center", va="center",
                        fontsize=fontsize, color="white" if grid[i, j] > top * 0.6 else "black")
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)


HEATMAP_REVIEWS = 60
"""The most reviews the theme-by-review heat map draws: the most recently published. A column
per review is readable for a board's tens of reviews; at 10,000 reviews the chart drew 70,000
numbers and took a minute and a half to write, and could not be read."""


def heatmap(rows: Sequence[Mapping[str, Any]], themes: Sequence[Mapping[str, Any]],
            reviews: Sequence[Mapping[str, Any]]) -> Chart:
    """Theme by review: the recommendations each review made on each theme, for the last
    :data:`HEATMAP_REVIEWS` reviews (``reviews`` come in order of publication)."""
    import numpy as np

    reviews = list(reviews)[-HEATMAP_REVIEWS:]
    theme_rows = [t for t in themes if t["reviews"] > 0]
    columns = [r["review"] for r in reviews]
    grid = np.zeros((len(theme_rows), len(columns)))
    index = {t["theme"]: i for i, t in enumerate(theme_rows)}
    col = {c: j for j, c in enumerate(columns)}
    for row in rows:
        if row["theme"] in index and row["review"] in col:
            grid[index[row["theme"]], col[row["review"]]] = row["recommendations"]
    fig = _figure(_WIDTH, 1.2 + 0.27 * len(theme_rows))
    ax = fig.subplots()
    _grid(ax, grid, "Blues", "{:.0f}")
    ax.set_yticks([i + 0.5 for i in range(len(theme_rows))],
                  [_short(t["label"]) for t in theme_rows])
    ax.set_xticks([j + 0.5 for j in range(len(columns))],
                  [f"{_short(r['title'], 22)} ({published_words(r['published'], '%Y')})"
                   for r in reviews],
                  rotation=55, ha="right", rotation_mode="anchor")
    return Chart("heatmap", "Key themes by review: recommendations on each theme", fig)


def trend(rows: Sequence[Mapping[str, Any]], themes: Sequence[Mapping[str, Any]]) -> Chart:
    """Themes over time: reviews raising each theme per year, and their share of that year's
    reviews, as two heat maps side by side."""
    import numpy as np

    theme_rows = [t for t in themes if t["reviews"] > 0]
    years = sorted({r["year"] for r in rows})
    index = {t["theme"]: i for i, t in enumerate(theme_rows)}
    col = {y: j for j, y in enumerate(years)}
    counts = np.zeros((len(theme_rows), len(years)))
    shares = np.zeros_like(counts)
    totals: dict[int, int] = {}
    for row in rows:
        if row["theme"] in index:
            counts[index[row["theme"]], col[row["year"]]] = row["reviews"]
            shares[index[row["theme"]], col[row["year"]]] = row["pct_of_reviews"]
            totals[row["year"]] = row["reviews_that_year"]
    fig = _figure(_WIDTH, 1.3 + 0.27 * len(theme_rows))
    left, right = fig.subplots(1, 2, sharey=True, gridspec_kw={"wspace": 0.06})
    for ax, grid, cmap, fmt, title in (
            (left, counts, "Blues", "{:.0f}", "Reviews raising the theme"),
            (right, shares, "Oranges", "{:.0f}%", "Share of that year's reviews")):
        _grid(ax, grid, cmap, fmt, fontsize=6)
        ax.set_xticks([j + 0.5 for j in range(len(years))],
                      [f"{y}\n({totals.get(y, 0)})" for y in years], fontsize=6)
        ax.set_title(title, fontsize=8, loc="left")
    left.set_yticks([i + 0.5 for i in range(len(theme_rows))],
                    [_short(t["label"], 30) for t in theme_rows])
    return Chart("trend", "Key themes over time, as counts and as a share of reviews", fig)


def cross_partnership(themes: Sequence[Mapping[str, Any]]) -> Chart:
    """Reviews raising each theme, by the type of partnership that commissioned them."""
    theme_rows = [t for t in themes if t["reviews"] > 0][::-1]
    fig = _figure(_WIDTH, 0.9 + 0.25 * len(theme_rows))
    ax = fig.subplots()
    start = [0] * len(theme_rows)
    names = {"children": "children's", "adults": "adults'", "community-safety":
             "community safety (DHR)"}
    for key, colour in PARTNERSHIP_COLOURS.items():
        values = [t[f"{key.replace('-', '_')}_reviews"] for t in theme_rows]
        ax.barh(range(len(theme_rows)), values, left=start, color=colour, label=names[key],
                height=0.7)
        start = [a + b for a, b in zip(start, values, strict=True)]
    ax.set_yticks(range(len(theme_rows)), [_short(t["label"], 40) for t in theme_rows])
    ax.set_xlabel("separate reviews raising the theme")
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(loc="lower right", frameon=False, title="commissioned by")
    return Chart("partnerships", "Key themes by type of commissioning partnership", fig)


def actions_by_agency(agencies: Sequence[Mapping[str, Any]], limit: int = 16) -> Chart:
    """Actions each agency owns, by status (the agencies with most actions)."""
    rows = sorted((a for a in agencies if a["actions"]), key=lambda a: (-a["actions"],
                                                                        a["agency"]))[:limit]
    rows = rows[::-1]
    fig = _figure(_WIDTH, 0.9 + 0.25 * len(rows))
    ax = fig.subplots()
    start = [0] * len(rows)
    labels = {"open": "open", "in_progress": "in progress", "completed": "completed",
              "impact_evidenced": "impact evidenced", "not_implemented": "not implemented",
              "superseded": "superseded"}
    for key, colour in STATUS_COLOURS.items():
        values = [a[key] for a in rows]
        ax.barh(range(len(rows)), values, left=start, color=colour, label=labels[key],
                height=0.7)
        start = [x + y for x, y in zip(start, values, strict=True)]
    for i, agency in enumerate(rows):
        if agency["overdue"]:
            ax.text(start[i] + 0.4, i, f"{agency['overdue']} overdue", va="center", fontsize=7,
                    color="#D55E00")
    ax.set_yticks(range(len(rows)), [a["agency"] for a in rows])
    ax.set_xlabel("actions owned")
    ax.set_xlim(0, max(start + [1]) * 1.18)
    ax.legend(loc="lower right", frameon=False, fontsize=7)
    return Chart("agencies", "Actions by agency and status", fig)


def standards(rows: Sequence[Mapping[str, Any]]) -> Chart:
    """Recommendations mapped to each practice standard, coloured by quadrant; gaps marked."""
    fig = _figure(_WIDTH, 2.4)
    ax = fig.subplots()
    quadrants = sorted({r["quadrant"] for r in rows})
    colour = {q: COLOURS[i % len(COLOURS)] for i, q in enumerate(quadrants)}
    xs = range(len(rows))
    ax.bar(xs, [r["recommendations"] for r in rows], color=[colour[r["quadrant"]] for r in rows])
    for x, row in zip(xs, rows, strict=True):
        if not row["recommendations"]:
            ax.text(x, 0.5, "none", rotation=90, ha="center", va="bottom", fontsize=7,
                    color="#D55E00")
    ax.set_xticks(list(xs), [r["standard"] for r in rows], fontsize=7)
    ax.set_ylabel("recommendations")
    ax.set_ylim(0, max([r["recommendations"] for r in rows] + [1]) * 1.3)  # room for the legend
    from matplotlib.patches import Patch

    ax.legend(handles=[Patch(color=colour[q], label=f"quadrant {q}") for q in quadrants],
              frameon=False, ncols=len(quadrants), loc="upper right", fontsize=7)
    return Chart("standards", "Recommendations mapped to each practice standard", fig)
