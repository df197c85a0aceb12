"""What Cypher does poorly: graph analytics over projections of the graph into networkx.

Two projections come from catalog queries (``cypher/analytics/projection-*.cypher``):

* the framework network: recommendations linked to the key themes and practice standards they
  are coded to, and standards linked to their quadrants. Betweenness centrality finds the
  themes and standards that bridge the quadrants.
* the theme co-occurrence network: themes linked by the number of reviews that raise both
  (or, with ``unit="recommendation"``, of recommendations coded to both). Louvain
  communities (seeded, so the same graph always gives the same answer) show which themes
  travel together; weighted PageRank shows the most central themes.

Scores are rounded to four decimal places, so results are stable from run to run.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from itertools import combinations
from typing import Any

import networkx as nx

from scrgraph.catalog.queries import Catalog
from scrgraph.errors import CatalogError
from scrgraph.results import Analysis, Bridge, ThemeCentrality, ThemeCommunity
from scrgraph.store.db import Database

DEFAULT_SEED = 42
UNITS = ("review", "recommendation")
_PLACES = 4


# -- projections -----------------------------------------------------------------------------

def _node(kind: str, code: str) -> str:
    return f"{kind}:{code}"


def framework_graph(edges: Iterable[Mapping[str, Any]]) -> nx.Graph:
    """The framework network from ``projection-framework`` rows."""
    graph = nx.Graph()
    for row in edges:
        ends = []
        for side in ("source", "target"):
            kind, code = str(row[f"{side}_kind"]), str(row[side])
            node = _node(kind, code)
            if node not in graph:
                graph.add_node(node, kind=kind, code=code, label=row[f"{side}_label"] or code)
            ends.append(node)
        graph.add_edge(ends[0], ends[1])
    return graph


def cooccurrence_graph(codings: Iterable[Mapping[str, Any]], unit: str = "review") -> nx.Graph:
    """Themes linked by shared reviews (or recommendations), from ``projection-theme-codings``.

    Each theme node carries its label and ``reviews``, the number of reviews raising it; each
    edge's ``weight`` counts the units (reviews or recommendations) coded to both themes.
    """
    if unit not in UNITS:
        raise CatalogError(f"Co-occurrence is counted per review or per recommendation, "
                           f"not per {unit!r}.")
    themes_of: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, str] = {}
    reviews_of: dict[str, set[str]] = defaultdict(set)
    for row in codings:
        theme = str(row["theme"])
        themes_of[str(row[unit])].add(theme)
        reviews_of[theme].add(str(row["review"]))
        labels[theme] = row.get("label") or theme
    graph = nx.Graph()
    for theme in sorted(reviews_of):
        graph.add_node(theme, label=labels[theme], reviews=len(reviews_of[theme]))
    for key in sorted(themes_of):
        for a, b in combinations(sorted(themes_of[key]), 2):
            weight = graph[a][b]["weight"] + 1 if graph.has_edge(a, b) else 1
            graph.add_edge(a, b, weight=weight)
    return graph


# -- measures --------------------------------------------------------------------------------

def bridges(graph: nx.Graph) -> list[Bridge]:
    """Themes and standards with at least one recommendation, most bridging first."""
    centrality = nx.betweenness_centrality(graph, normalized=True)
    found: list[Bridge] = []
    for node, data in graph.nodes(data=True):
        if data["kind"] not in ("theme", "standard"):
            continue
        recs = [n for n in graph[node] if graph.nodes[n]["kind"] == "recommendation"]
        if not recs:
            continue
        quadrants = {graph.nodes[q]["code"]
                     for rec in recs for std in graph[rec]
                     if graph.nodes[std]["kind"] == "standard"
                     for q in graph[std] if graph.nodes[q]["kind"] == "quadrant"}
        if data["kind"] == "standard":
            quadrants |= {graph.nodes[q]["code"] for q in graph[node]
                          if graph.nodes[q]["kind"] == "quadrant"}
        found.append(Bridge(data["kind"], data["code"], data["label"],
                            round(centrality[node], _PLACES), len(recs),
                            tuple(sorted(quadrants))))
    return sorted(found, key=lambda b: (-b.betweenness, -len(b.quadrants), b.kind, b.code))


def communities(graph: nx.Graph, seed: int = DEFAULT_SEED) -> list[ThemeCommunity]:
    """Louvain communities of the co-occurrence network, largest first."""
    if graph.number_of_nodes() == 0:
        return []
    groups = nx.community.louvain_communities(graph, weight="weight", seed=seed)
    ordered = sorted((tuple(sorted(group)) for group in groups),
                     key=lambda themes: (-len(themes), themes))
    return [ThemeCommunity(number, themes,
                           int(graph.subgraph(themes).size(weight="weight")))
            for number, themes in enumerate(ordered, start=1)]


def pagerank(graph: nx.Graph, damping: float = 0.85) -> dict[str, float]:
    """Weighted PageRank (networkx, which computes it with SciPy)."""
    if len(graph) == 0:
        return {}
    ranks: dict[str, float] = nx.pagerank(graph, alpha=damping, weight="weight", tol=1e-12,
                                          max_iter=1000)
    return ranks


def central_themes(graph: nx.Graph) -> list[ThemeCentrality]:
    """Every theme of the co-occurrence network, most central (PageRank) first."""
    ranks = pagerank(graph)
    found = [ThemeCentrality(theme, data["label"], data["reviews"], graph.degree(theme),
                             int(graph.degree(theme, weight="weight")),
                             round(ranks[theme], _PLACES))
             for theme, data in graph.nodes(data=True)]
    return sorted(found, key=lambda c: (-c.pagerank, -c.strength, c.theme))


# -- the seam --------------------------------------------------------------------------------

def analyse(catalog: Catalog, database: Database, *, seed: int = DEFAULT_SEED,
            unit: str = "review") -> Analysis:
    """Project the graph through the catalog's projection queries and measure it.

    ``unit`` says whether two themes co-occur when one review raises both (the default) or
    only when one recommendation is coded to both.
    """
    framework = framework_graph(catalog.run(database, "projection-framework", {}).rows)
    codings = catalog.run(database, "projection-theme-codings", {}).rows
    themes = cooccurrence_graph(codings, unit)
    return Analysis(
        bridges=tuple(bridges(framework)),
        communities=tuple(communities(themes, seed)),
        central_themes=tuple(central_themes(themes)),
        framework_nodes=framework.number_of_nodes(),
        framework_edges=framework.number_of_edges(),
        themes=themes.number_of_nodes(),
        cooccurrence_edges=themes.number_of_edges(),
        unit=unit,
        seed=seed,
    )
