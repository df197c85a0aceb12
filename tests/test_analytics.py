"""Graph analytics: projections into networkx and the measures, with hand-computed answers."""

from __future__ import annotations

from typing import Any

import pytest

from scrgraph.analytics import (
    EXACT_BETWEENNESS_NODES,
    betweenness_sample,
    bridges,
    central_themes,
    communities,
    cooccurrence_graph,
    framework_graph,
    modularity,
    partitions,
    quadrant_reach,
)
from scrgraph.errors import CatalogError
from scrgraph.facade import Scrgraph
from scrgraph.results import Analysis, Bridge, ThemeCentrality, ThemeCommunity, ThemeReach
from scrgraph.settings import Settings
from scrgraph.store.db import Database
from tests.graphs import FixtureGraphs


@pytest.fixture(scope="module")
def graphs(session_db: Database, settings: Settings) -> FixtureGraphs:
    """The fixture graphs of tests/fixtures/, each loaded through the facade when first used."""
    return FixtureGraphs(Scrgraph(settings, session_db))


def edge(source_kind: str, source: str, target_kind: str, target: str) -> dict[str, Any]:
    return {"source_kind": source_kind, "source": source, "source_label": source.upper(),
            "target_kind": target_kind, "target": target, "target_label": target.upper()}


def coding(review_id: str, recommendation: str, theme: str) -> dict[str, Any]:
    return {"review": review_id, "recommendation": recommendation, "theme": theme,
            "label": theme.capitalize()}


# Two reviews: R1-1 and R1-2 share a review, R1-1 and R2-1 a recommendation pattern.
CODINGS = [
    coding("R1", "R1-1", "domestic-abuse"), coding("R1", "R1-1", "neglect"),
    coding("R1", "R1-2", "early-help"),
    coding("R2", "R2-1", "domestic-abuse"), coding("R2", "R2-1", "neglect"),
    coding("R3", "R3-1", "supervision"), coding("R3", "R3-1", "child-sexual-abuse"),
]


def test_betweenness_on_a_path_across_two_quadrants() -> None:
    # quadrant 1 - 1.1 - r1 - neglect - r2 - 2.1 - quadrant 2: a path of seven nodes, where
    # the node at position i lies on i * (6 - i) of the 15 pairs' shortest paths
    graph = framework_graph([
        edge("recommendation", "r1", "theme", "neglect"),
        edge("recommendation", "r1", "standard", "1.1"),
        edge("recommendation", "r2", "theme", "neglect"),
        edge("recommendation", "r2", "standard", "2.1"),
        edge("standard", "1.1", "quadrant", "1"),
        edge("standard", "2.1", "quadrant", "2"),
    ])
    assert graph.number_of_nodes() == 7 and graph.number_of_edges() == 6
    assert bridges(graph) == [
        Bridge("theme", "neglect", "NEGLECT", 0.6, 2, ("1", "2")),  # 9 / 15
        Bridge("standard", "1.1", "1.1", 0.3333, 1, ("1",)),  # 5 / 15
        Bridge("standard", "2.1", "2.1", 0.3333, 1, ("2",)),
    ]


def _large_framework_graph(recommendations: int) -> list[dict[str, Any]]:
    """A framework network of ``recommendations`` recommendations, each coded to one of five
    themes and two of eight standards (two per quadrant), the same every time."""
    rows = [edge("standard", f"{q}.{i}", "quadrant", str(q)) for q in range(1, 5)
            for i in (1, 2)]
    for n in range(recommendations):
        rec = f"r{n}"
        rows.append(edge("recommendation", rec, "theme", f"theme-{n % 5}"))
        rows.append(edge("recommendation", rec, "standard", f"{n % 4 + 1}.{n % 2 + 1}"))
        rows.append(edge("recommendation", rec, "standard", f"{(n * 7) % 4 + 1}.{n % 3 % 2 + 1}"))
    return rows


def test_betweenness_is_estimated_from_a_seeded_sample_on_a_large_network() -> None:
    graph = framework_graph(_large_framework_graph(300))
    assert betweenness_sample(graph) is None  # 317 nodes: exact by default
    assert graph.number_of_nodes() < EXACT_BETWEENNESS_NODES
    sample = betweenness_sample(graph, exact_up_to=100, sample=80)
    assert sample == 80
    exact = {b.code: b.betweenness for b in bridges(graph)}
    estimated = bridges(graph, sample=sample, seed=3)
    assert estimated == bridges(graph, sample=sample, seed=3)  # the same seed, the same answer
    assert {b.code: b.recommendations for b in estimated} == {
        b.code: b.recommendations for b in bridges(graph)}
    assert max(exact, key=lambda code: exact[code]) == estimated[0].code
    assert all(abs(b.betweenness - exact[b.code]) < 0.05 for b in estimated)
    assert any(b.betweenness != exact[b.code] for b in estimated)  # an estimate, not a copy


def test_the_analysis_says_whether_betweenness_is_exact() -> None:
    exact = Analysis(bridges=(), quadrant_reach=(), communities=(), modularity=0.0,
                     partitions=0, central_themes=(), framework_nodes=27, framework_edges=23,
                     themes=0, cooccurrence_edges=0, unit="recommendation", seed=7)
    assert exact.betweenness_method == "betweenness is computed exactly"
    sampled = exact.__class__(**{**exact.__dict__, "framework_nodes": 15_000,
                                 "betweenness_sample": 300})
    assert sampled.betweenness_method.startswith(
        "betweenness is estimated from paths starting at 300 of the 15,000 nodes, drawn with "
        "seed 7")


def test_a_standard_with_no_recommendation_is_not_a_bridge() -> None:
    graph = framework_graph([edge("standard", "1.4", "quadrant", "1")])
    assert bridges(graph) == []


def test_cooccurrence_per_review_and_per_recommendation() -> None:
    per_review = cooccurrence_graph(CODINGS, "review")
    assert sorted(per_review.edges(data="weight")) == [
        ("child-sexual-abuse", "supervision", 1), ("domestic-abuse", "early-help", 1),
        ("domestic-abuse", "neglect", 2), ("early-help", "neglect", 1)]
    assert dict(per_review.nodes(data="reviews")) == {
        "child-sexual-abuse": 1, "domestic-abuse": 2, "early-help": 1, "neglect": 2,
        "supervision": 1}
    per_recommendation = cooccurrence_graph(CODINGS)  # the default unit
    assert sorted(per_recommendation.edges(data="weight")) == [
        ("child-sexual-abuse", "supervision", 1), ("domestic-abuse", "neglect", 2)]
    assert "early-help" in per_recommendation  # a theme coded alone stays, unlinked


def test_cooccurrence_unit_must_be_review_or_recommendation() -> None:
    with pytest.raises(CatalogError, match="per review or per recommendation, not per 'agency'"):
        cooccurrence_graph(CODINGS, "agency")


def test_communities_are_seeded_and_ordered() -> None:
    graph = cooccurrence_graph(CODINGS, "review")
    expected = [ThemeCommunity(1, ("domestic-abuse", "early-help", "neglect"), 4),
                ThemeCommunity(2, ("child-sexual-abuse", "supervision"), 1)]
    assert communities(graph, seed=42) == expected
    assert communities(graph, seed=42) == communities(graph, seed=42)
    assert communities(cooccurrence_graph(CODINGS, "recommendation")) == [
        ThemeCommunity(1, ("child-sexual-abuse", "supervision"), 1),
        ThemeCommunity(2, ("domestic-abuse", "neglect"), 2),
        ThemeCommunity(3, ("early-help",), 0),
    ]
    assert communities(cooccurrence_graph([])) == []


def test_modularity_and_stability_of_the_communities() -> None:
    # Per review, five links weigh 5 in all (m = 5); weighted degrees 3, 2, 3 inside the
    # triangle and 1, 1 in the pair. Q = (4/5 - (8/10)^2) + (1/5 - (2/10)^2) = 0.16 + 0.16.
    graph = cooccurrence_graph(CODINGS, "review")
    assert modularity(graph, communities(graph)) == 0.32
    assert partitions(graph) == 1  # every seed finds the same two groups
    # one group holding everything explains nothing: Q = 5/5 - (10/10)^2 = 0
    assert modularity(graph, [ThemeCommunity(1, tuple(graph), 5)]) == 0.0
    assert modularity(cooccurrence_graph([]), []) == 0.0
    assert partitions(cooccurrence_graph([])) == 0


def test_the_communities_verdict_says_in_plain_words_when_they_are_weak() -> None:
    def analysis(q: float, found: int) -> Analysis:
        return Analysis(bridges=(), quadrant_reach=(),
                        communities=(ThemeCommunity(1, ("neglect",), 0),), modularity=q,
                        partitions=found, central_themes=(), framework_nodes=0,
                        framework_edges=0, themes=1, cooccurrence_edges=0,
                        unit="recommendation", seed=42)

    assert analysis(0.32, 1).communities_verdict == (
        "The communities are clear (modularity 0.32). Every seed gives the same grouping.")
    assert analysis(0.0035, 4).communities_verdict == (
        "The communities are weak (modularity 0.00, below 0.3: the themes are raised together "
        "too evenly to fall into groups). Different seeds give 4 different groupings. Do not "
        "plan around these groupings.")
    assert analysis(0.45, 2).communities_are_weak


def test_connected_themes_by_strength() -> None:
    assert central_themes(cooccurrence_graph(CODINGS, "review")) == [
        ThemeCentrality("domestic-abuse", "Domestic-abuse", 2, 2, 3),
        ThemeCentrality("neglect", "Neglect", 2, 2, 3),
        ThemeCentrality("early-help", "Early-help", 1, 2, 2),
        ThemeCentrality("child-sexual-abuse", "Child-sexual-abuse", 1, 1, 1),
        ThemeCentrality("supervision", "Supervision", 1, 1, 1),
    ]


def test_quadrant_reach_against_what_volume_predicts() -> None:
    # Five mapped recommendations, two crossing quadrants (r1: 1.1 and 2.1; r5: 2.2 and 3.2),
    # so the rate is 0.4. Theme a: r1 and r2, one crossing where 0.8 were expected (1.25).
    # Theme b: r3 and r4, none crossing (0). Theme c is only on r6, which has no standard.
    graph = framework_graph([
        edge("recommendation", "r1", "theme", "a"), edge("recommendation", "r2", "theme", "a"),
        edge("recommendation", "r3", "theme", "b"), edge("recommendation", "r4", "theme", "b"),
        edge("recommendation", "r6", "theme", "c"),
        edge("recommendation", "r1", "standard", "1.1"),
        edge("recommendation", "r1", "standard", "2.1"),
        edge("recommendation", "r2", "standard", "1.1"),
        edge("recommendation", "r3", "standard", "1.2"),
        edge("recommendation", "r4", "standard", "3.1"),
        edge("recommendation", "r5", "standard", "2.2"),
        edge("recommendation", "r5", "standard", "3.2"),
        *(edge("standard", code, "quadrant", code[0])
          for code in ("1.1", "1.2", "2.1", "2.2", "3.1", "3.2")),
    ])
    assert quadrant_reach(graph) == [ThemeReach("a", "A", 2, 2, 1, 0.8, 1.25),
                                     ThemeReach("b", "B", 2, 2, 0, 0.8, 0.0)]
    assert quadrant_reach(framework_graph([edge("standard", "1.4", "quadrant", "1")])) == []


def test_analyse_projects_neo4j_through_the_catalog(graphs: FixtureGraphs) -> None:
    # R1-1 (SCR, neglect, 1.1), R2-1 (SCR, neglect, 2.1), R3-1 (SAR, domestic abuse and
    # supervision; the tagger's early-help suggestion is not accepted)
    sg = graphs.use("analyse")
    # The framework network has 33 nodes (23 standards, 4 quadrants, 3 recommendations,
    # 3 themes), so 32 * 31 / 2 = 496 pairs. Neglect joins the 7 nodes on quadrant 1's side
    # (quadrant 1, five standards, R1-1) to the 7 on quadrant 2's: 49 pairs. Standard 1.1
    # joins quadrant 1 and its four other standards to the 9 nodes beyond it: 45 pairs.
    # Neither neglect recommendation crosses quadrants, and R3-1 maps to no standard.
    # Co-occurrence, per recommendation: only R3-1 carries two themes. One link of weight 1
    # split off from a lone theme gives modularity 1/1 - (2/2)^2 = 0: weak.
    assert sg.analyse() == Analysis(
        bridges=(
            Bridge("theme", "neglect", "Neglect", 0.0988, 2, ("1", "2")),
            Bridge("standard", "1.1", "Child-centred practice", 0.0907, 1, ("1",)),
            Bridge("standard", "2.1",
                   "Effective engagement with children and young people", 0.0907, 1, ("2",)),
            Bridge("theme", "domestic-abuse", "Domestic Abuse", 0.0, 1, ()),
            Bridge("theme", "supervision", "Core standards for supervision", 0.0, 1, ()),
        ),
        quadrant_reach=(ThemeReach("neglect", "Neglect", 2, 2, 0, 0.0, 0.0),),
        communities=(ThemeCommunity(1, ("domestic-abuse", "supervision"), 1),
                     ThemeCommunity(2, ("neglect",), 0)),
        modularity=0.0, partitions=1,
        central_themes=(
            ThemeCentrality("domestic-abuse", "Domestic Abuse", 1, 1, 1),
            ThemeCentrality("supervision", "Core standards for supervision", 1, 1, 1),
            ThemeCentrality("neglect", "Neglect", 2, 0, 0),
        ),
        framework_nodes=33, framework_edges=29, themes=3, cooccurrence_edges=1,
        unit="recommendation", seed=42,
    )
    assert sg.analyse(unit="review").unit == "review"


def test_analyse_an_empty_review_graph(graphs: FixtureGraphs) -> None:
    result = graphs.use("empty").analyse(seed=7, unit="recommendation")
    assert result == Analysis(bridges=(), quadrant_reach=(), communities=(), modularity=0.0,
                              partitions=0, central_themes=(), framework_nodes=27,
                              framework_edges=23, themes=0, cooccurrence_edges=0,
                              unit="recommendation", seed=7)
