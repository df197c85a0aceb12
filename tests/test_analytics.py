"""Graph analytics: projections into networkx and the measures, with hand-computed answers."""

from __future__ import annotations

from typing import Any

import pytest

from scrgraph.analytics import (
    Analysis,
    Bridge,
    ThemeCentrality,
    ThemeCommunity,
    bridges,
    central_themes,
    communities,
    cooccurrence_graph,
    framework_graph,
    pagerank,
)
from scrgraph.db import Database
from scrgraph.errors import CatalogError
from scrgraph.facade import Scrgraph
from scrgraph.settings import Settings
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


def test_a_standard_with_no_recommendation_is_not_a_bridge() -> None:
    graph = framework_graph([edge("standard", "1.4", "quadrant", "1")])
    assert bridges(graph) == []


def test_cooccurrence_per_review_and_per_recommendation() -> None:
    per_review = cooccurrence_graph(CODINGS)
    assert sorted(per_review.edges(data="weight")) == [
        ("child-sexual-abuse", "supervision", 1), ("domestic-abuse", "early-help", 1),
        ("domestic-abuse", "neglect", 2), ("early-help", "neglect", 1)]
    assert dict(per_review.nodes(data="reviews")) == {
        "child-sexual-abuse": 1, "domestic-abuse": 2, "early-help": 1, "neglect": 2,
        "supervision": 1}
    per_recommendation = cooccurrence_graph(CODINGS, "recommendation")
    assert sorted(per_recommendation.edges(data="weight")) == [
        ("child-sexual-abuse", "supervision", 1), ("domestic-abuse", "neglect", 2)]
    assert "early-help" in per_recommendation  # a theme coded alone stays, unlinked


def test_cooccurrence_unit_must_be_review_or_recommendation() -> None:
    with pytest.raises(CatalogError, match="per review or per recommendation, not per 'agency'"):
        cooccurrence_graph(CODINGS, "agency")


def test_communities_are_seeded_and_ordered() -> None:
    graph = cooccurrence_graph(CODINGS)
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


def test_weighted_pagerank_by_hand() -> None:
    # With damping d = 0.85 over n = 5 themes: the pair (csa, supervision) keeps its share,
    # x = 0.03 + 0.85 x, so x = 0.2. In the triangle, domestic abuse and neglect (a each,
    # strength 3) and early help (e, strength 2): e = 0.03 + 0.85 (2a / 3) and 2a + e = 0.6,
    # so a = 1.71 / 7.7 = 0.22208 and e = 1.2 / 7.7 = 0.15584.
    ranks = pagerank(cooccurrence_graph(CODINGS))
    assert {k: round(v, 5) for k, v in ranks.items()} == {
        "child-sexual-abuse": 0.2, "domestic-abuse": 0.22208, "early-help": 0.15584,
        "neglect": 0.22208, "supervision": 0.2}
    assert central_themes(cooccurrence_graph(CODINGS)) == [
        ThemeCentrality("domestic-abuse", "Domestic-abuse", 2, 2, 3, 0.2221),
        ThemeCentrality("neglect", "Neglect", 2, 2, 3, 0.2221),
        ThemeCentrality("child-sexual-abuse", "Child-sexual-abuse", 1, 1, 1, 0.2),
        ThemeCentrality("supervision", "Supervision", 1, 1, 1, 0.2),
        ThemeCentrality("early-help", "Early-help", 1, 2, 2, 0.1558),
    ]


def test_pagerank_shares_a_dangling_themes_rank() -> None:
    # Per recommendation, early help is alone: e = 0.03 + 0.85 e / 5 = 0.03 / 0.83, and each
    # of the four paired themes gets x = (0.03 + 0.17 e) / 0.15.
    ranks = pagerank(cooccurrence_graph(CODINGS, "recommendation"))
    assert {k: round(v, 5) for k, v in ranks.items()} == {
        "child-sexual-abuse": 0.24096, "domestic-abuse": 0.24096, "early-help": 0.03614,
        "neglect": 0.24096, "supervision": 0.24096}
    assert pagerank(cooccurrence_graph([])) == {}


def test_analyse_projects_neo4j_through_the_catalog(graphs: FixtureGraphs) -> None:
    # R1-1 (SCR, neglect, 1.1), R2-1 (SCR, neglect, 2.1), R3-1 (SAR, domestic abuse and
    # supervision; the tagger's early-help suggestion is not accepted)
    sg = graphs.use("analyse")
    # The framework network has 33 nodes (23 standards, 4 quadrants, 3 recommendations,
    # 3 themes), so 32 * 31 / 2 = 496 pairs. Neglect joins the 7 nodes on quadrant 1's side
    # (quadrant 1, five standards, R1-1) to the 7 on quadrant 2's: 49 pairs. Standard 1.1
    # joins quadrant 1 and its four other standards to the 9 nodes beyond it: 45 pairs.
    # Co-occurrence: only R3 raises two themes; neglect (in R1 and R2) stands alone, so
    # its PageRank is e = 0.05 / (1 - 0.85 / 3) and the pair's is (1 - e) / 2.
    assert sg.analyse() == Analysis(
        bridges=(
            Bridge("theme", "neglect", "Neglect", 0.0988, 2, ("1", "2")),
            Bridge("standard", "1.1", "Child-centred practice", 0.0907, 1, ("1",)),
            Bridge("standard", "2.1",
                   "Effective engagement with children and young people", 0.0907, 1, ("2",)),
            Bridge("theme", "domestic-abuse", "Domestic Abuse", 0.0, 1, ()),
            Bridge("theme", "supervision", "Core standards for supervision", 0.0, 1, ()),
        ),
        communities=(ThemeCommunity(1, ("domestic-abuse", "supervision"), 1),
                     ThemeCommunity(2, ("neglect",), 0)),
        central_themes=(
            ThemeCentrality("domestic-abuse", "Domestic Abuse", 1, 1, 1, 0.4651),
            ThemeCentrality("supervision", "Core standards for supervision", 1, 1, 1, 0.4651),
            ThemeCentrality("neglect", "Neglect", 2, 0, 0, 0.0698),
        ),
        framework_nodes=33, framework_edges=29, themes=3, cooccurrence_edges=1,
        unit="review", seed=42,
    )


def test_analyse_an_empty_review_graph(graphs: FixtureGraphs) -> None:
    result = graphs.use("empty").analyse(seed=7, unit="recommendation")
    assert result == Analysis(bridges=(), communities=(), central_themes=(),
                              framework_nodes=27, framework_edges=23, themes=0,
                              cooccurrence_edges=0, unit="recommendation", seed=7)
