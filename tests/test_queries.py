"""Every catalog query, on a small graph built for it in a real Neo4j, with the exact rows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from scrgraph.catalog.queries import default_catalog
from scrgraph.errors import CatalogError
from scrgraph.store.db import Database
from tests.fixtures_graph import (
    QUADRANTS,
    STANDARDS,
    action,
    build,
    quadrant_of,
    rec,
    recurring_themes_graph,
    review,
)

D = dt.date.fromisoformat


def run(db: Database, name: str, **params: Any) -> list[dict[str, Any]]:
    """The rows of one catalog query; its columns must be the ones its header declares."""
    catalog = default_catalog()
    result = catalog.run(db, name, params)
    assert result.query is catalog[name]
    assert result.columns == catalog[name].returns
    if result.rows:
        assert tuple(result.rows[0]) == catalog[name].returns
    return result.rows


def test_every_catalog_query_has_a_test_here() -> None:
    source = Path(__file__).read_text(encoding="utf-8")
    missing = [name for name in default_catalog().names()
               if f'run(db, "{name}"' not in source]
    assert missing == []


# -- themes ----------------------------------------------------------------------------------

def _da(reviews: int, recs: int, kinds: dict[str, int], types: dict[str, int]) -> dict[str, Any]:
    return {"theme": "domestic-abuse", "label": "Domestic abuse",
            "theme_kind": "safeguarding-issue", "reviews": reviews, "recommendations": recs,
            "by_review_kind": {"SCR": 0, "LCSPR": 0, "SAR": 0, "DHR": 0, "THEMATIC": 0} | kinds,
            "by_partnership_type": {"children": 0, "adults": 0, "community-safety": 0} | types}


def test_recurring_themes(db: Database) -> None:
    recurring_themes_graph(db)
    neglect = {"theme": "neglect", "label": "Neglect", "theme_kind": "safeguarding-issue",
               "reviews": 2, "recommendations": 2,
               "by_review_kind": {"SCR": 1, "LCSPR": 0, "SAR": 0, "DHR": 0, "THEMATIC": 1},
               "by_partnership_type": {"children": 2, "adults": 0, "community-safety": 0}}
    # a tagger's suggestion not accepted (supervision in C2, neglect in D1) does not count
    assert run(db, "recurring-themes") == [
        _da(4, 5, {"SCR": 1, "LCSPR": 1, "SAR": 1, "DHR": 1},
            {"children": 2, "adults": 1, "community-safety": 1}),
        neglect,
    ]
    assert run(db, "recurring-themes", partnership_type="children") == [
        _da(2, 3, {"SCR": 1, "LCSPR": 1}, {"children": 2}),
        neglect,
    ]
    assert run(db, "recurring-themes", kind="SAR", min_reviews=1) == [
        _da(1, 1, {"SAR": 1}, {"adults": 1}),
        {"theme": "supervision", "label": "Supervision", "theme_kind": "area-of-practice",
         "reviews": 1, "recommendations": 1,
         "by_review_kind": {"SCR": 0, "LCSPR": 0, "SAR": 1, "DHR": 0, "THEMATIC": 0},
         "by_partnership_type": {"children": 0, "adults": 1, "community-safety": 0}},
    ]
    assert run(db, "recurring-themes", min_reviews=5) == []


def test_recurring_themes_headline_five_separate_childrens_reviews(db: Database) -> None:
    kinds = ["SCR", "SCR", "LCSPR", "LCSPR", "THEMATIC", "SAR"]
    reviews = [review(f"R{i}", kind, f"201{i}-01-01") for i, kind in enumerate(kinds)]
    recs = [rec(f"R{i}-{n}", f"R{i}", n, themes=["domestic-abuse"])
            for i in range(len(kinds)) for n in (1, 2)]
    build(db, reviews=reviews, recommendations=recs)
    assert run(db, "recurring-themes", partnership_type="children") == [
        _da(5, 10, {"SCR": 2, "LCSPR": 2, "THEMATIC": 1}, {"children": 5})]


def test_theme_detail(db: Database) -> None:
    build(db, reviews=[review("R1", "SCR", "2016-01-01"), review("R2", "SAR", "2019-01-01")],
          recommendations=[
              rec("R1-1", "R1", 1, "Use the neglect toolkit.", themes=["neglect"],
                  standards=["4.5", "1.5"], agencies=["POLICE", "CSC"]),
              rec("R1-2", "R1", 2, themes=["domestic-abuse"]),
              rec("R2-1", "R2", 1, "Self-neglect protocol.", themes=["neglect"]),
              rec("R2-2", "R2", 2, suggested_themes=["neglect"]),
          ],
          actions=[action("R1-1-A1", "R1-1", "CSC", "open", "2017-01-01"),
                   action("R1-1-A2", "R1-1", "BOARD", "open", "2017-01-01")])
    expected = [
        {"theme": "neglect", "review": "R1", "review_kind": "SCR",
         "partnership_type": "children", "published": D("2016-01-01"),
         "recommendation": "R1-1", "number": 1, "text": "Use the neglect toolkit.",
         "standards": ["1.5", "4.5"], "directed_at": ["CSC", "POLICE"],
         "action_owners": ["BOARD", "CSC"]},
        {"theme": "neglect", "review": "R2", "review_kind": "SAR",
         "partnership_type": "adults", "published": D("2019-01-01"),
         "recommendation": "R2-1", "number": 1, "text": "Self-neglect protocol.",
         "standards": [], "directed_at": [], "action_owners": []},
    ]
    assert run(db, "theme-detail", theme="neglect") == expected
    assert run(db, "theme-detail", theme="NEGLECT") == expected  # the label, any case
    assert run(db, "theme-detail", theme="theme-neglect") == expected  # the id
    assert run(db, "theme-detail", theme="no-such-theme") == []


def _cooccurrence_graph(db: Database) -> None:
    build(db,
          reviews=[review(f"R{i}", "SCR", f"202{i}-01-01") for i in range(1, 6)],
          recommendations=[
              rec("R1-1", "R1", 1, themes=["domestic-abuse", "neglect"]),
              rec("R1-2", "R1", 2, themes=["early-help"]),
              rec("R2-1", "R2", 1, themes=["domestic-abuse", "neglect"]),
              rec("R3-1", "R3", 1, themes=["domestic-abuse"]),
              rec("R3-2", "R3", 2, themes=["early-help"]),
              rec("R4-1", "R4", 1, themes=["supervision"]),
              rec("R5-1", "R5", 1),  # no themes: not part of the population
          ])


def test_theme_cooccurrence(db: Database) -> None:
    _cooccurrence_graph(db)
    # four reviews raise a theme: domestic abuse in 3, neglect in 2, early help in 2
    da_eh = {"theme_a": "domestic-abuse", "theme_b": "early-help", "shared": 2,
             "count_a": 3, "count_b": 2, "lift": 1.333, "shared_in": ["R1", "R3"]}
    da_ne = {"theme_a": "domestic-abuse", "theme_b": "neglect", "shared": 2,
             "count_a": 3, "count_b": 2, "lift": 1.333, "shared_in": ["R1", "R2"]}
    assert run(db, "theme-cooccurrence") == [da_eh, da_ne]
    assert run(db, "theme-cooccurrence", min_count=1) == [
        da_eh, da_ne,
        {"theme_a": "early-help", "theme_b": "neglect", "shared": 1, "count_a": 2,
         "count_b": 2, "lift": 1.0, "shared_in": ["R1"]},
    ]
    # six recommendations carry a theme; only two carry two
    assert run(db, "theme-cooccurrence", unit="recommendation", min_count=1) == [
        {"theme_a": "domestic-abuse", "theme_b": "neglect", "shared": 2, "count_a": 3,
         "count_b": 2, "lift": 2.0, "shared_in": ["R1-1", "R2-1"]},
    ]


def test_cross_partnership_themes(db: Database) -> None:
    build(db,
          reviews=[review("C1", "SCR", "2015-01-01"), review("C2", "LCSPR", "2020-01-01"),
                   review("A1", "SAR", "2018-01-01"), review("D1", "DHR", "2019-01-01"),
                   review("D2", "DHR", "2021-01-01")],
          recommendations=[
              rec("C1-1", "C1", 1, themes=["domestic-abuse", "neglect"]),
              rec("C2-1", "C2", 1, themes=["domestic-abuse"]),
              rec("A1-1", "A1", 1, themes=["domestic-abuse", "neglect"]),
              rec("D1-1", "D1", 1, themes=["domestic-abuse"]),
              rec("D2-1", "D2", 1, themes=["supervision"]),
          ])
    da = {"theme": "domestic-abuse", "label": "Domestic abuse", "children_reviews": 2,
          "adults_reviews": 1, "community_safety_reviews": 1, "partnership_types": 3,
          "reviews": 4}
    assert run(db, "cross-partnership-themes") == [
        da,
        {"theme": "neglect", "label": "Neglect", "children_reviews": 1, "adults_reviews": 1,
         "community_safety_reviews": 0, "partnership_types": 2, "reviews": 2},
    ]
    assert run(db, "cross-partnership-themes", min_types=3) == [da]


def test_theme_trend(db: Database) -> None:
    build(db,
          reviews=[review("R1", "SCR", "2018-03-01"), review("R2", "SAR", "2018-09-01"),
                   review("R3", "LCSPR", "2020-01-01")],
          recommendations=[
              rec("R1-1", "R1", 1, themes=["neglect"]),
              rec("R1-2", "R1", 2, themes=["neglect", "early-help"]),
              rec("R2-1", "R2", 1, themes=["neglect"]),
              rec("R3-1", "R3", 1, themes=["neglect"]),
          ])
    neglect = [
        {"theme": "neglect", "year": 2018, "reviews": 2, "recommendations": 3},
        {"theme": "neglect", "year": 2020, "reviews": 1, "recommendations": 1},
    ]
    assert run(db, "theme-trend") == [
        {"theme": "early-help", "year": 2018, "reviews": 1, "recommendations": 1}, *neglect]
    assert run(db, "theme-trend", theme="neglect") == neglect


# -- framework -------------------------------------------------------------------------------

def _quadrant_graph(db: Database) -> None:
    build(db,
          reviews=[review("R1", "SCR", "2015-01-01"), review("R2", "SAR", "2016-01-01"),
                   review("R3", "DHR", "2017-01-01")],
          recommendations=[
              rec("R1-1", "R1", 1, "Across three.", themes=["neglect", "domestic-abuse"],
                  standards=["6.1", "2.2", "1.1"]),
              rec("R1-2", "R1", 2, standards=["1.1", "1.2"]),
              rec("R2-1", "R2", 1, "Across two.", standards=["3.1", "5.1"]),
              rec("R2-2", "R2", 2, standards=["2.1"]),
              rec("R3-1", "R3", 1, standards=["1.3", "2.4"]),
          ])


def test_cross_quadrant_recommendations(db: Database) -> None:
    _quadrant_graph(db)
    r1 = {"review": "R1", "recommendation": "R1-1", "number": 1, "text": "Across three.",
          "quadrants": ["1", "2", "4"], "standards": ["1.1", "2.2", "6.1"],
          "themes": ["domestic-abuse", "neglect"]}
    assert run(db, "cross-quadrant-recommendations") == [
        r1,
        {"review": "R2", "recommendation": "R2-1", "number": 1, "text": "Across two.",
         "quadrants": ["3", "4"], "standards": ["3.1", "5.1"], "themes": []},
        {"review": "R3", "recommendation": "R3-1", "number": 1,
         "text": "Recommendation R3-1", "quadrants": ["1", "2"],
         "standards": ["1.3", "2.4"], "themes": []},
    ]
    assert run(db, "cross-quadrant-recommendations", min_quadrants=3) == [r1]


def test_quadrant_pairs(db: Database) -> None:
    _quadrant_graph(db)

    def pair(a: str, b: str, ids: list[str]) -> dict[str, Any]:
        return {"quadrant_a": a, "label_a": QUADRANTS[a], "quadrant_b": b,
                "label_b": QUADRANTS[b], "recommendations": len(ids),
                "recommendation_ids": ids}

    assert run(db, "quadrant-pairs") == [
        pair("1", "2", ["R1-1", "R3-1"]),
        pair("1", "4", ["R1-1"]),
        pair("2", "4", ["R1-1"]),
        pair("3", "4", ["R2-1"]),
    ]
    assert run(db, "quadrant-pairs", min_count=2) == [pair("1", "2", ["R1-1", "R3-1"])]


def test_standards_coverage(db: Database) -> None:
    build(db, reviews=[review("R1", "SCR", "2015-01-01"), review("R2", "SAR", "2016-01-01")],
          recommendations=[rec("R1-1", "R1", 1, standards=["2.2", "4.5"]),
                           rec("R1-2", "R1", 2, standards=["2.2"]),
                           rec("R2-1", "R2", 1, standards=["2.2"])])

    def row(code: str, quadrant: str, recs: int = 0, reviews: int = 0) -> dict[str, Any]:
        return {"standard": code, "label": f"Standard {code}", "quadrant": quadrant,
                "recommendations": recs, "reviews": reviews}

    assert run(db, "standards-coverage") == [
        row("1.1", "1"), row("1.2", "1"), row("1.3", "1"), row("1.4", "1"), row("1.5", "1"),
        row("2.1", "2"), row("2.2", "2", 3, 2), row("2.3", "2"), row("2.4", "2"),
        row("2.5", "2"),
        row("3.1", "3"), row("3.2", "3"), row("3.3", "3"), row("3.4", "3"),
        row("4.1", "4"), row("4.2", "4"), row("4.3", "4"), row("4.4", "4"),
        row("4.5", "4", 1, 1),
        row("5.1", "4"),
        row("6.1", "4"), row("6.2", "4"), row("6.3", "4"),
    ]
    assert run(db, "standards-coverage", partnership_type="children") == [
        row(code, quadrant_of(code), *{"2.2": (2, 1), "4.5": (1, 1)}.get(code, (0, 0)))
        for code in STANDARDS]


def test_standards_gaps(db: Database) -> None:
    used = [code for code in STANDARDS if code not in ("1.4", "2.3", "5.1")]
    build(db, reviews=[review("R1", "SCR", "2015-01-01"), review("R2", "SAR", "2016-01-01")],
          recommendations=[rec("R1-1", "R1", 1, standards=used),
                           rec("R2-1", "R2", 1, standards=["2.3"])],
          speaks_to=[("5.1", "child-sexual-abuse"), ("1.4", "engaging-fathers"),
                     ("1.4", "challenge-and-escalation"), ("2.2", "domestic-abuse")])
    gap_14 = {"standard": "1.4", "label": "Standard 1.4", "quadrant": "1",
              "outcome": "Outcome of standard 1.4",
              "themes": ["challenge-and-escalation", "engaging-fathers"]}
    gap_51 = {"standard": "5.1", "label": "Standard 5.1", "quadrant": "4",
              "outcome": "Outcome of standard 5.1", "themes": ["child-sexual-abuse"]}
    assert run(db, "standards-gaps") == [gap_14, gap_51]
    assert run(db, "standards-gaps", partnership_type="children") == [
        gap_14,
        {"standard": "2.3", "label": "Standard 2.3", "quadrant": "2",
         "outcome": "Outcome of standard 2.3", "themes": []},
        gap_51,
    ]


# -- accountability --------------------------------------------------------------------------

def test_agency_accountability(db: Database) -> None:
    build(db, reviews=[review("R1", "SCR", "2020-01-01")], agencies=["IDLE"],
          recommendations=[rec("R1-1", "R1", 1, agencies=["POLICE", "CSC"]),
                           rec("R1-2", "R1", 2, agencies=["POLICE"]),
                           rec("R1-3", "R1", 3, agencies=["HEALTH"]),
                           rec("R1-4", "R1", 4, agencies=["CSC"])],
          actions=[
              action("A1", "R1-1", "POLICE", "open", "2023-06-01"),
              action("A2", "R1-1", "POLICE", "in-progress", "2024-06-01"),
              action("A3", "R1-2", "POLICE", "completed", "2023-01-01",
                     completed="2022-12-01"),
              action("A4", "R1-2", "POLICE", "impact-evidenced", "2023-01-01",
                     completed="2023-02-01"),
              action("A5", "R1-3", "CSC", "not-implemented", "2023-01-01"),
              action("A6", "R1-4", "CSC", "superseded", "2022-01-01"),
              action("A7", "R1-4", "CSC", "in-progress", "2023-12-31"),
          ])

    def row(agency: str, actions: int, open: int, in_progress: int, done: int,
            not_implemented: int, superseded: int, overdue: int,
            without: int) -> dict[str, Any]:
        return {"agency": agency, "name": f"Agency {agency}", "actions": actions,
                "open": open, "in_progress": in_progress, "done": done,
                "not_implemented": not_implemented, "superseded": superseded,
                "overdue": overdue, "recommendations_without_action": without}

    # CSC owns no action on R1-1; HEALTH owns none on R1-3 (CSC's A5 responds to it);
    # IDLE has nothing to account for and is left out
    assert run(db, "agency-accountability", as_of="2024-01-01") == [
        row("CSC", 3, 0, 1, 0, 1, 1, 1, 1),
        row("POLICE", 4, 1, 1, 2, 0, 0, 1, 0),
        row("HEALTH", 0, 0, 0, 0, 0, 0, 0, 1),
    ]
    # without as_of, today: A2 (due mid-2024) is overdue as well
    assert run(db, "agency-accountability") == [
        row("POLICE", 4, 1, 1, 2, 0, 0, 2, 0),
        row("CSC", 3, 0, 1, 0, 1, 1, 1, 1),
        row("HEALTH", 0, 0, 0, 0, 0, 0, 0, 1),
    ]


def test_implementation_status(db: Database) -> None:
    build(db,
          reviews=[review("R1", "SCR", "2015-01-01"), review("R2", "SAR", "2016-01-01"),
                   review("R3", "DHR", "2017-01-01")],
          recommendations=[rec("R1-1", "R1", 1), rec("R1-2", "R1", 2), rec("R2-1", "R2", 1),
                           rec("R3-1", "R3", 1)],
          actions=[
              action("R1-1-A1", "R1-1", "CSC", "completed", "2016-01-01",
                     completed="2015-12-01"),
              action("R1-1-A2", "R1-1", "CSC", "impact-evidenced", "2016-01-01",
                     completed="2015-11-01"),
              action("R1-2-A1", "R1-2", "CSC", "open", "2016-01-01", barriers="No funding"),
              action("R1-2-A2", "R1-2", "CSC", "in-progress", "2016-01-01", barriers="  "),
              action("R3-1-A1", "R3-1", "POLICE", "not-implemented", "2018-01-01",
                     barriers="Staff shortages"),
              action("R3-1-A2", "R3-1", "POLICE", "superseded", "2018-01-01"),
          ])
    r1 = {"review": "R1", "title": "Review R1", "kind": "SCR", "published": D("2015-01-01"),
          "recommendations": 2, "actions": 4, "open": 1, "in_progress": 1, "completed": 1,
          "impact_evidenced": 1, "not_implemented": 0, "superseded": 0,
          "pct_complete": 50.0, "pct_impact_evidenced": 25.0,
          "barriers": ["R1-2-A1: No funding"]}
    r2 = {"review": "R2", "title": "Review R2", "kind": "SAR", "published": D("2016-01-01"),
          "recommendations": 1, "actions": 0, "open": 0, "in_progress": 0, "completed": 0,
          "impact_evidenced": 0, "not_implemented": 0, "superseded": 0,
          "pct_complete": None, "pct_impact_evidenced": None, "barriers": []}
    r3 = {"review": "R3", "title": "Review R3", "kind": "DHR", "published": D("2017-01-01"),
          "recommendations": 1, "actions": 2, "open": 0, "in_progress": 0, "completed": 0,
          "impact_evidenced": 0, "not_implemented": 1, "superseded": 1,
          "pct_complete": 0.0, "pct_impact_evidenced": 0.0,
          "barriers": ["R3-1-A1: Staff shortages"]}
    assert run(db, "implementation-status") == [r1, r2, r3]
    assert run(db, "implementation-status", kind="SAR") == [r2]
    assert run(db, "implementation-status", partnership_type="community-safety") == [r3]


def test_implementation_by_quadrant(db: Database) -> None:
    build(db, reviews=[review("R1", "SCR", "2015-01-01"), review("R2", "SAR", "2016-01-01")],
          recommendations=[rec("R1-1", "R1", 1, standards=["1.1", "2.2"]),
                           rec("R1-2", "R1", 2, standards=["2.3"]),
                           rec("R2-1", "R2", 1, standards=["6.1"])],
          actions=[
              action("A1", "R1-1", "CSC", "completed", "2016-01-01", completed="2015-06-01"),
              action("A2", "R1-1", "CSC", "open", "2016-01-01", barriers="No staff"),
              action("A3", "R1-2", "CSC", "impact-evidenced", "2016-01-01",
                     completed="2015-07-01"),
              action("A4", "R2-1", "ASC", "in-progress", "2017-01-01"),
          ])

    def row(code: str, recs: int, actions: int, open: int, in_progress: int, completed: int,
            evidenced: int, pct: float | None, pct_evidenced: float | None,
            barriers: int) -> dict[str, Any]:
        return {"quadrant": code, "label": QUADRANTS[code], "recommendations": recs,
                "actions": actions, "open": open, "in_progress": in_progress,
                "completed": completed, "impact_evidenced": evidenced, "not_implemented": 0,
                "superseded": 0, "pct_complete": pct, "pct_impact_evidenced": pct_evidenced,
                "barriers": barriers}

    assert run(db, "implementation-by-quadrant") == [
        row("1", 1, 2, 1, 0, 1, 0, 50.0, 0.0, 1),
        row("2", 2, 3, 1, 0, 1, 1, 66.7, 33.3, 1),
        row("3", 0, 0, 0, 0, 0, 0, None, None, 0),
        row("4", 1, 1, 0, 1, 0, 0, 0.0, 0.0, 0),
    ]
    assert run(db, "implementation-by-quadrant", partnership_type="children")[3] == row(
        "4", 0, 0, 0, 0, 0, 0, None, None, 0)


def test_learning_not_embedded(db: Database) -> None:
    build(db,
          reviews=[review("C1", "SCR", "2015-01-01"), review("C2", "LCSPR", "2016-01-01"),
                   review("C3", "LCSPR", "2018-01-01"), review("A1", "SAR", "2019-01-01"),
                   review("C4", "THEMATIC", "2020-01-01")],
          recommendations=[
              rec("C1-1", "C1", 1, themes=["neglect"]),
              rec("C2-1", "C2", 1, themes=["neglect"]),
              rec("C3-1", "C3", 1, themes=["neglect"]),
              rec("A1-1", "A1", 1, themes=["neglect"]),
              rec("C4-1", "C4", 1, themes=["supervision"], suggested_themes=["neglect"]),
          ],
          actions=[
              action("C1-1-A1", "C1-1", "CSC", "completed", "2016-06-01",
                     completed="2016-05-01"),
              action("C1-1-A2", "C1-1", "CSC", "superseded", "2016-06-01",
                     completed="2015-06-01"),
              action("C1-1-A3", "C1-1", "CSC", "in-progress", "2016-06-01"),
              action("C2-1-A1", "C2-1", "POLICE", "impact-evidenced", "2017-06-01",
                     completed="2017-06-01"),
          ])
    # C2 was published before C1-1-A1 was completed, so it does not count against it;
    # C4's suggested (unaccepted) neglect coding does not count either
    assert run(db, "learning-not-embedded") == [
        {"theme": "neglect", "action": "C1-1-A1", "owner": "CSC", "original_review": "C1",
         "completed": D("2016-05-01"), "later_reviews": ["C3"]},
        {"theme": "neglect", "action": "C2-1-A1", "owner": "POLICE", "original_review": "C2",
         "completed": D("2017-06-01"), "later_reviews": ["C3"]},
    ]
    assert run(db, "learning-not-embedded", across_partnerships=True) == [
        {"theme": "neglect", "action": "C1-1-A1", "owner": "CSC", "original_review": "C1",
         "completed": D("2016-05-01"), "later_reviews": ["C3", "A1"]},
        {"theme": "neglect", "action": "C2-1-A1", "owner": "POLICE", "original_review": "C2",
         "completed": D("2017-06-01"), "later_reviews": ["C3", "A1"]},
    ]
    assert run(db, "learning-not-embedded", theme="supervision") == []
    assert run(db, "learning-not-embedded-by-theme") == [
        {"theme": "neglect", "label": "Neglect", "completed_actions": 2,
         "first_completed": D("2016-05-01"), "last_completed": D("2017-06-01"),
         "later_reviews": ["C3"]},
    ]
    assert run(db, "learning-not-embedded-by-theme", across_partnerships=True)[0][
        "later_reviews"] == ["C3", "A1"]


# -- reviews ---------------------------------------------------------------------------------

def test_review_profile(db: Database) -> None:
    build(db,
          reviews=[review("R1", "SCR", "2019-02-03", title="Child K"),
                   review("R2", "SAR", "2019-05-01")],
          recommendations=[
              rec("R1-2", "R1", 2, "Share and record.", themes=["neglect", "domestic-abuse"],
                  standards=["2.2", "1.1"], agencies=["POLICE", "CSC"], smart=False,
                  suggested_themes=["supervision"]),
              rec("R1-1", "R1", 1, "Nothing coded."),
              rec("R2-1", "R2", 1, themes=["neglect"]),
          ],
          actions=[
              action("R1-2-A2", "R1-2", "CSC", "completed", "2019-06-30",
                     completed="2019-06-01"),
              action("R1-2-A1", "R1-2", "POLICE", "open", "2019-12-31"),
          ])
    head = {"review": "R1", "title": "Child K", "kind": "SCR", "published": D("2019-02-03"),
            "partnership": "NSCP"}
    assert run(db, "review-profile", review="R1") == [
        head | {"recommendation": "R1-1", "number": 1, "text": "Nothing coded.",
                "smart": True, "themes": [], "standards": [], "quadrants": [],
                "agencies": [], "actions": []},
        head | {"recommendation": "R1-2", "number": 2, "text": "Share and record.",
                "smart": False, "themes": ["domestic-abuse", "neglect"],
                "standards": ["1.1", "2.2"], "quadrants": ["1", "2"],
                "agencies": ["CSC", "POLICE"],
                "actions": [
                    {"id": "R1-2-A1", "owner": "POLICE", "status": "open",
                     "due": D("2019-12-31"), "completed": None},
                    {"id": "R1-2-A2", "owner": "CSC", "status": "completed",
                     "due": D("2019-06-30"), "completed": D("2019-06-01")},
                ]},
    ]
    assert run(db, "review-profile", review="NOPE") == []


def test_similar_reviews(db: Database) -> None:
    theme_sets = {
        "R0": ["domestic-abuse", "neglect", "early-help"],
        "R1": ["domestic-abuse", "neglect", "early-help"],
        "R2": ["domestic-abuse", "neglect", "supervision"],
        "R3": ["domestic-abuse"],
        "R4": ["domestic-abuse", "neglect", "early-help", "supervision", "child-sexual-abuse"],
        "R5": ["supervision"],
    }
    build(db, reviews=[review(r, "LCSPR", f"202{i}-01-01") for i, r in enumerate(theme_sets)],
          recommendations=[rec(f"{r}-{n}", r, n, themes=[theme])
                           for r, themes in theme_sets.items()
                           for n, theme in enumerate(themes, start=1)])

    def row(r: str, year: int, shared: list[str], jaccard: float) -> dict[str, Any]:
        return {"review": r, "title": f"Review {r}", "kind": "LCSPR",
                "published": dt.date(year, 1, 1), "shared_themes": len(shared),
                "jaccard": jaccard, "themes": shared}

    top = [row("R1", 2021, ["domestic-abuse", "early-help", "neglect"], 1.0),
           row("R4", 2024, ["domestic-abuse", "early-help", "neglect"], 0.6)]
    assert run(db, "similar-reviews", review="R0") == [
        *top,
        row("R2", 2022, ["domestic-abuse", "neglect"], 0.5),
        row("R3", 2023, ["domestic-abuse"], 0.333),
    ]
    assert run(db, "similar-reviews", review="R0", limit=2) == top


# -- quality ---------------------------------------------------------------------------------

def test_recommendations_needing_attention(db: Database) -> None:
    build(db, reviews=[review("R1", "SCR", "2015-01-01")],
          recommendations=[
              rec("R1-1", "R1", 1, themes=["neglect"], agencies=["CSC"]),
              rec("R1-2", "R1", 2, agencies=["CSC"]),
              rec("R1-3", "R1", 3, standards=["2.2"], smart=False),
              rec("R1-4", "R1", 4, agencies=["CSC"], suggested_themes=["neglect"]),
          ],
          actions=[action(f"R1-{n}-A1", f"R1-{n}", "CSC", "open", "2016-01-01")
                   for n in (1, 2, 4)])

    def row(n: int, reason: str) -> dict[str, Any]:
        return {"review": "R1", "recommendation": f"R1-{n}", "number": n,
                "text": f"Recommendation R1-{n}", "reason": reason}

    assert run(db, "recommendations-needing-attention") == [
        row(2, "unmapped"), row(3, "no-agency"), row(3, "not-smart"), row(3, "no-action"),
        row(4, "unmapped"),
    ]
    assert run(db, "recommendations-needing-attention", reason="not-smart") == [
        row(3, "not-smart")]


def test_repeated_recommendations(db: Database) -> None:
    earlier = "Police should share domestic abuse notifications with schools within 24 hours."
    later = ("Police should share domestic abuse notifications with schools and health "
             "within one day.")
    hv = "Health visitors must record every new partner in the household."
    build(db,
          reviews=[review("E1", "SCR", "2015-01-01"), review("L1", "LCSPR", "2021-01-01"),
                   review("X1", "SCR", "2017-01-01")],
          recommendations=[
              rec("L1-1", "L1", 1, later, themes=["domestic-abuse", "information-sharing"],
                  standards=["2.2"], agencies=["POLICE", "CSC"]),
              rec("E1-1", "E1", 1, earlier, themes=["domestic-abuse"], standards=["2.2"],
                  agencies=["POLICE", "CSC"]),
              # the same text, but another agency / no shared standard: not repeats
              rec("L1-2", "L1", 2, earlier, themes=["domestic-abuse"], standards=["2.2"],
                  agencies=["HEALTH"]),
              rec("L1-3", "L1", 3, earlier, themes=["domestic-abuse"], standards=["4.1"],
                  agencies=["POLICE"]),
              # identical, but in the same review: not a repeat across reviews
              rec("X1-1", "X1", 1, hv, themes=["domestic-abuse"], standards=["2.2"],
                  agencies=["POLICE"]),
              rec("X1-2", "X1", 2, hv, themes=["domestic-abuse"], standards=["2.2"],
                  agencies=["POLICE"]),
          ])
    # lower-cased words longer than three letters, punctuation dropped: 10 in each text,
    # 9 shared ("24", "and", "one", "day" are too short), so 9 / 11
    pair = {"earlier_review": "E1", "earlier_recommendation": "E1-1", "earlier_text": earlier,
            "later_review": "L1", "later_recommendation": "L1-1", "later_text": later,
            "shared_themes": ["domestic-abuse"], "shared_standards": ["2.2"],
            "similarity": 0.818}
    assert run(db, "repeated-recommendations") == [
        {"agency": "CSC", **pair}, {"agency": "POLICE", **pair}]
    assert run(db, "repeated-recommendations", min_similarity=0.9) == []


# -- analytics projections -------------------------------------------------------------------

def test_projection_framework(db: Database) -> None:
    build(db, reviews=[review("R1", "SCR", "2015-01-01")],
          recommendations=[rec("R1-1", "R1", 1, themes=["neglect"], standards=["1.1"],
                               suggested_themes=["supervision"])])
    assert run(db, "projection-framework") == [
        {"source_kind": "recommendation", "source": "R1-1", "source_label": "R1-1",
         "target_kind": "standard", "target": "1.1", "target_label": "Standard 1.1"},
        {"source_kind": "recommendation", "source": "R1-1", "source_label": "R1-1",
         "target_kind": "theme", "target": "neglect", "target_label": "Neglect"},
        *({"source_kind": "standard", "source": code, "source_label": f"Standard {code}",
           "target_kind": "quadrant", "target": quadrant_of(code),
           "target_label": QUADRANTS[quadrant_of(code)]} for code in STANDARDS),
    ]


def test_projection_theme_codings(db: Database) -> None:
    build(db, reviews=[review("R1", "SCR", "2015-01-01"), review("R2", "SAR", "2016-01-01")],
          recommendations=[rec("R1-1", "R1", 1, themes=["neglect", "domestic-abuse"]),
                           rec("R1-2", "R1", 2, suggested_themes=["supervision"]),
                           rec("R2-1", "R2", 1, themes=["neglect"])])
    assert run(db, "projection-theme-codings") == [
        {"review": "R1", "recommendation": "R1-1", "theme": "domestic-abuse",
         "label": "Domestic abuse"},
        {"review": "R1", "recommendation": "R1-1", "theme": "neglect", "label": "Neglect"},
        {"review": "R2", "recommendation": "R2-1", "theme": "neglect", "label": "Neglect"},
    ]


# -- running and explaining ------------------------------------------------------------------

def test_run_returns_native_dates_in_nested_values(db: Database) -> None:
    build(db, reviews=[review("R1", "SCR", "2019-02-03")],
          recommendations=[rec("R1-1", "R1", 1)],
          actions=[action("A1", "R1-1", "CSC", "open", "2019-12-31")])
    [row] = run(db, "review-profile", review="R1")
    assert type(row["published"]) is dt.date
    assert type(row["actions"][0]["due"]) is dt.date


def test_explain_shows_the_plan_without_running(db: Database) -> None:
    plan = default_catalog().explain(db, "recurring-themes", {"min_reviews": "3"})
    lines = plan.splitlines()
    assert lines[0].startswith("planner: ")
    assert lines[1].startswith("ProduceResults  ")
    assert "theme, label, theme_kind, reviews" in lines[1]
    assert any("└─ " in line for line in lines)


def test_explain_and_run_check_parameters_first(db: Database) -> None:
    with pytest.raises(CatalogError, match="must be a whole number"):
        default_catalog().explain(db, "recurring-themes", {"min_reviews": "x"})
    with pytest.raises(CatalogError, match="has no parameter 'top'"):
        default_catalog().run(db, "recurring-themes", {"top": "3"})
