"""What Cypher does poorly: graph analytics over projections of the graph into networkx.

Two projections come from catalog queries (``cypher/analytics/projection-*.cypher``):

* the framework network: recommendations linked to the key themes and practice standards they
  are coded to, and standards linked to their quadrants. Betweenness centrality finds the
  themes and standards that bridge the quadrants (it grows with volume: a theme on many
  recommendations lies on many paths); ``quadrant_reach`` asks the volume-free question, which
  themes' recommendations cross quadrants more often than recommendations in general.
* the theme co-occurrence network: themes linked by the number of recommendations coded to
  both (or, with ``unit="review"``, of reviews raising both; a review raises most themes, so
  that network is nearly complete and says little). Louvain communities (seeded, so the same
  graph always gives the same answer) show which themes travel together, with the partition's
  modularity and how many different partitions other seeds give, so weak communities are
  reported as weak. Degree and strength show the most connected themes.

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
from scrgraph.results import Analysis, Bridge, ThemeCentrality, ThemeCommunity, ThemeReach
from scrgraph.store.db import Database

DEFAULT_SEED = 42
DEFAULT_UNIT = "recommendation"
UNITS = ("review", "recommendation")
STABILITY_SEEDS = 20
EXACT_BETWEENNESS_NODES = 1000
"""Up to this many nodes in the framework network betweenness is exact; above it, it is
estimated from a seeded sample of source nodes (exact betweenness grows with nodes times
links: 89 s of CPU for 2,829 recommendations, against 10 s for a sample of 300 that ranked the
same ten themes and standards first)."""
BETWEENNESS_SAMPLE = 300
"""How many source nodes the estimate starts paths from."""
"""How many seeds (0, 1, ...) community detection is rerun with to see if its answer holds."""
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


def cooccurrence_graph(codings: Iterable[Mapping[str, Any]],
                       unit: str = DEFAULT_UNIT) -> nx.Graph:
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

def betweenness_sample(graph: nx.Graph, exact_up_to: int = EXACT_BETWEENNESS_NODES,
                       sample: int = BETWEENNESS_SAMPLE) -> int | None:
    """How many source nodes betweenness is estimated from: None when it is exact."""
    nodes = graph.number_of_nodes()
    return None if nodes <= exact_up_to else min(sample, nodes)


def bridges(graph: nx.Graph, *, sample: int | None = None,
            seed: int = DEFAULT_SEED) -> list[Bridge]:
    """Themes and standards with at least one recommendation, most bridging first; with
    ``sample``, betweenness is estimated from that many source nodes drawn with ``seed``."""
    centrality = nx.betweenness_centrality(graph, k=sample, normalized=True,
                                           seed=None if sample is None else seed)
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


def quadrant_reach(graph: nx.Graph) -> list[ThemeReach]:
    """Themes whose recommendations cross quadrants more often than recommendations in general.

    A recommendation crosses quadrants when its standards sit in two or more. For each theme,
    ``expected`` is how many of its mapped recommendations would cross if they did so at the
    rate of all mapped recommendations; ``ratio`` is its own rate over that rate. Unlike
    betweenness, neither grows with the theme's volume.
    """
    def quadrants(rec: str) -> set[str]:
        return {graph.nodes[q]["code"] for std in graph[rec]
                if graph.nodes[std]["kind"] == "standard"
                for q in graph[std] if graph.nodes[q]["kind"] == "quadrant"}

    reach = {node: quadrants(node) for node, kind in graph.nodes(data="kind")
             if kind == "recommendation"}
    mapped_all = [rec for rec, found in reach.items() if found]
    if not mapped_all:
        return []
    rate = sum(len(reach[rec]) >= 2 for rec in mapped_all) / len(mapped_all)
    found: list[ThemeReach] = []
    for node, data in graph.nodes(data=True):
        if data["kind"] != "theme":
            continue
        recs = [n for n in graph[node] if graph.nodes[n]["kind"] == "recommendation"]
        mapped = [rec for rec in recs if reach[rec]]
        if not mapped:
            continue
        crossing = sum(len(reach[rec]) >= 2 for rec in mapped)
        expected = len(mapped) * rate
        found.append(ThemeReach(data["code"], data["label"], len(recs), len(mapped), crossing,
                                round(expected, 1),
                                round(crossing / expected, 2) if expected else 0.0))
    return sorted(found, key=lambda r: (-r.ratio, -r.mapped, r.theme))


def _partition(graph: nx.Graph, seed: int) -> list[set[str]]:
    groups: list[set[str]] = nx.community.louvain_communities(graph, weight="weight", seed=seed)
    return groups


def communities(graph: nx.Graph, seed: int = DEFAULT_SEED) -> list[ThemeCommunity]:
    """Louvain communities of the co-occurrence network, largest first."""
    if graph.number_of_nodes() == 0:
        return []
    ordered = sorted((tuple(sorted(group)) for group in _partition(graph, seed)),
                     key=lambda themes: (-len(themes), themes))
    return [ThemeCommunity(number, themes,
                           int(graph.subgraph(themes).size(weight="weight")))
            for number, themes in enumerate(ordered, start=1)]


def modularity(graph: nx.Graph, found: Iterable[ThemeCommunity]) -> float:
    """The weighted modularity of a partition (0 when the network has no links)."""
    if graph.size(weight="weight") == 0:
        return 0.0
    return round(float(nx.community.modularity(graph, [set(c.themes) for c in found],
                                               weight="weight")), _PLACES)


def partitions(graph: nx.Graph, seeds: int = STABILITY_SEEDS) -> int:
    """How many different partitions Louvain finds with seeds 0 to ``seeds`` - 1."""
    if graph.number_of_nodes() == 0:
        return 0
    return len({frozenset(frozenset(group) for group in _partition(graph, seed))
                for seed in range(seeds)})


def central_themes(graph: nx.Graph) -> list[ThemeCentrality]:
    """Every theme of the co-occurrence network, most connected (strength) first.

    Strength is the weighted degree: co-occurrences summed over the other themes. (Weighted
    PageRank was dropped: on a network this small and dense it ranks themes as strength does.)
    """
    found = [ThemeCentrality(theme, data["label"], data["reviews"], graph.degree(theme),
                             int(graph.degree(theme, weight="weight")))
             for theme, data in graph.nodes(data=True)]
    return sorted(found, key=lambda c: (-c.strength, -c.degree, c.theme))


# -- the seam --------------------------------------------------------------------------------

def analyse(catalog: Catalog, database: Database, *, seed: int = DEFAULT_SEED,
            unit: str = DEFAULT_UNIT) -> Analysis:
    """Project the graph through the catalog's projection queries and measure it.

    ``unit`` says whether two themes co-occur only when one recommendation is coded to both
    (the default) or whenever one review raises both.
    """
    framework = framework_graph(catalog.run(database, "projection-framework", {}).rows)
    codings = catalog.run(database, "projection-theme-codings", {}).rows
    themes = cooccurrence_graph(codings, unit)
    found = communities(themes, seed)
    sample = betweenness_sample(framework)
    return Analysis(
        bridges=tuple(bridges(framework, sample=sample, seed=seed)),
        quadrant_reach=tuple(quadrant_reach(framework)),
        communities=tuple(found),
        modularity=modularity(themes, found),
        partitions=partitions(themes),
        central_themes=tuple(central_themes(themes)),
        framework_nodes=framework.number_of_nodes(),
        framework_edges=framework.number_of_edges(),
        themes=themes.number_of_nodes(),
        cooccurrence_edges=themes.number_of_edges(),
        unit=unit,
        seed=seed,
        betweenness_sample=sample,
    )
