"""Every catalog query, on a small graph built for it in a real Neo4j, with the exact rows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from scrgraph.errors import CatalogError
from scrgraph.facade import Scrgraph
from scrgraph.settings import Settings
from scrgraph.store.db import Database, native
from tests.graphs import FixtureGraphs

D = dt.date.fromisoformat
FRAMEWORK = Scrgraph().framework()
STANDARDS = [s.code for s in FRAMEWORK.standards]


def quadrant_label(code: str) -> str:
    return FRAMEWORK.quadrant(code).label


def standard_label(code: str) -> str:
    return FRAMEWORK.standard(code).label


def quadrant_of(code: str) -> str:
    return FRAMEWORK.standard(code).quadrant


def theme_label(code: str) -> str:
    return FRAMEWORK.theme(code).label


@pytest.fixture(scope="module")
def graphs(session_db: Database, settings: Settings) -> FixtureGraphs:
    """The fixture graphs of tests/fixtures/, each loaded through the facade when first used."""
    return FixtureGraphs(Scrgraph(settings, session_db))


def run(sg: Scrgraph, name: str, **params: Any) -> list[dict[str, Any]]:
    """The rows of one catalog query; its columns must be the ones its header declares."""
    result = sg.run_query(name, params)
    assert result.query is sg.catalog[name]
    assert result.columns == sg.catalog[name].returns
    if result.rows:
        assert tuple(result.rows[0]) == sg.catalog[name].returns
    return result.rows


def test_every_catalog_query_has_a_test() -> None:
    # The analysts' questions are tested here; the fronts' own queries (cypher/api, report,
    # viz) in the fronts' test modules, against the rows the fronts show.
    here = Path(__file__).read_text(encoding="utf-8")
    fronts = "".join(p.read_text(encoding="utf-8") for p in Path(__file__).parent.glob(
        "test_*.py"))
    missing = [query.name for query in Scrgraph().catalog
               if f'run(sg, "{query.name}"' not in here and f'"{query.name}"' not in fronts]
    assert missing == []


# -- themes ----------------------------------------------------------------------------------

def _da(reviews: int, recs: int, kinds: dict[str, int], types: dict[str, int]) -> dict[str, Any]:
    return {"theme": "domestic-abuse", "label": theme_label("domestic-abuse"),
            "scope": "framework", "theme_kind": "safeguarding-issue", "reviews": reviews,
            "cases": reviews,
            "recommendations": recs,
            "by_review_kind": {"SCR": 0, "LCSPR": 0, "SAR": 0, "DHR": 0, "THEMATIC": 0,
                               "NATIONAL": 0} | kinds,
            "by_partnership_type": {"children": 0, "adults": 0, "community-safety": 0,
                                    "national": 0} | types}


def test_recurring_themes(graphs: FixtureGraphs) -> None:
    sg = graphs.use("recurring-themes")
    neglect = {"theme": "neglect", "label": "Neglect", "scope": "framework",
               "theme_kind": "safeguarding-issue", "reviews": 2, "cases": 2, "recommendations": 2,
               "by_review_kind": {"SCR": 1, "LCSPR": 0, "SAR": 0, "DHR": 0, "THEMATIC": 1,
                                  "NATIONAL": 0},
               "by_partnership_type": {"children": 2, "adults": 0, "community-safety": 0,
                                       "national": 0}}
    # a tagger's suggestion not accepted (supervision in C2, neglect in D1) does not count
    assert run(sg, "recurring-themes") == [
        _da(4, 5, {"SCR": 1, "LCSPR": 1, "SAR": 1, "DHR": 1},
            {"children": 2, "adults": 1, "community-safety": 1}),
        neglect,
    ]
    assert run(sg, "recurring-themes", partnership_type="children") == [
        _da(2, 3, {"SCR": 1, "LCSPR": 1}, {"children": 2}),
        neglect,
    ]
    assert run(sg, "recurring-themes", kind="SAR", min_reviews=1) == [
        _da(1, 1, {"SAR": 1}, {"adults": 1}),
        {"theme": "supervision", "label": theme_label("supervision"), "scope": "framework",
         "theme_kind": "area-of-practice",
         "reviews": 1, "cases": 1, "recommendations": 1,
         "by_review_kind": {"SCR": 0, "LCSPR": 0, "SAR": 1, "DHR": 0, "THEMATIC": 0,
                            "NATIONAL": 0},
         "by_partnership_type": {"children": 0, "adults": 1, "community-safety": 0,
                                 "national": 0}},
    ]
    assert run(sg, "recurring-themes", min_reviews=5) == []


def test_recurring_themes_headline_five_separate_childrens_reviews(graphs: FixtureGraphs) -> None:
    # R0..R5: two SCRs, two LCSPRs, a thematic review and a SAR, two recommendations each,
    # all coded domestic abuse
    sg = graphs.use("five-childrens-reviews")
    assert run(sg, "recurring-themes", partnership_type="children") == [
        _da(5, 10, {"SCR": 2, "LCSPR": 2, "THEMATIC": 1}, {"children": 5})]


def test_theme_detail(graphs: FixtureGraphs) -> None:
    sg = graphs.use("theme-detail")
    expected = [
        {"theme": "neglect", "scope": "framework", "review": "R1", "review_kind": "SCR",
         "partnership_type": "children", "published": D("2016-01-01"),
         "recommendation": "R1-1", "number": "1", "text": "Use the neglect toolkit.",
         "standards": ["1.5", "4.5"], "directed_at": ["CSC", "POLICE"],
         "action_owners": ["BOARD", "CSC"]},
        {"theme": "neglect", "scope": "framework", "review": "R2", "review_kind": "SAR",
         "partnership_type": "adults", "published": D("2019-01-01"),
         "recommendation": "R2-1", "number": "1", "text": "Self-neglect protocol.",
         "standards": [], "directed_at": [], "action_owners": []},
    ]
    assert run(sg, "theme-detail", theme="neglect") == expected
    assert run(sg, "theme-detail", theme="NEGLECT") == expected  # the label, any case
    assert run(sg, "theme-detail", theme="theme-neglect") == expected  # the id
    # An unknown theme is an error naming the nearest, never a silent empty table.
    with pytest.raises(CatalogError, match="'no-such-theme' is not a key theme"):
        run(sg, "theme-detail", theme="no-such-theme")


def test_theme_cooccurrence(graphs: FixtureGraphs) -> None:
    # Recommendations and their themes: R1-1 and R2-1 domestic abuse and neglect; R1-2, R3-2
    # early help; R3-1 domestic abuse; R4-1 supervision; R4-2, R5-2, R5-3 domestic abuse and
    # early help; R5-1 none (not part of the population).
    sg = graphs.use("cooccurrence")

    def pair(a: str, b: str, count_a: int, count_b: int, lift: float,
             shared_in: list[str], max_ids: int = 20) -> dict[str, Any]:
        return {"theme_a": a, "theme_b": b, "scope_a": "framework", "scope_b": "framework",
                "shared": len(shared_in), "count_a": count_a,
                "count_b": count_b, "lift": lift,
                "shared_in": shared_in[:max_ids] if max_ids > 0 else shared_in}

    # nine recommendations carry a theme: domestic abuse 6, early help 5, neglect 2. The pair
    # shared by three (lift 3 * 9 / (6 * 5) = 0.9, less than chance) ranks below the pair
    # shared by two (2 * 9 / (6 * 2) = 1.5).
    assert run(sg, "theme-cooccurrence") == [
        pair("domestic-abuse", "neglect", 6, 2, 1.5, ["R1-1", "R2-1"]),
        pair("domestic-abuse", "early-help", 6, 5, 0.9, ["R4-2", "R5-2", "R5-3"]),
    ]
    assert run(sg, "theme-cooccurrence", min_count=3) == [
        pair("domestic-abuse", "early-help", 6, 5, 0.9, ["R4-2", "R5-2", "R5-3"])]
    # per review, five reviews raise a theme (domestic abuse all five, early help 4, neglect
    # 2, supervision 1), and lifts sit near 1
    assert run(sg, "theme-cooccurrence", unit="review", min_count=1) == [
        pair("early-help", "supervision", 4, 1, 1.25, ["R4"]),
        pair("domestic-abuse", "early-help", 5, 4, 1.0, ["R1", "R3", "R4", "R5"]),
        pair("domestic-abuse", "neglect", 5, 2, 1.0, ["R1", "R2"]),
        pair("domestic-abuse", "supervision", 5, 1, 1.0, ["R4"]),
        pair("early-help", "neglect", 4, 2, 0.625, ["R1"]),
    ]
    # shared_in lists the first max_ids units by id; shared still counts every one, and the
    # lift is computed from that count (0 lists every unit)
    assert run(sg, "theme-cooccurrence", min_count=3, max_ids=2) == [
        pair("domestic-abuse", "early-help", 6, 5, 0.9, ["R4-2", "R5-2", "R5-3"], max_ids=2)]
    assert run(sg, "theme-cooccurrence", unit="review", min_count=4, max_ids=1) == [
        pair("domestic-abuse", "early-help", 5, 4, 1.0, ["R1", "R3", "R4", "R5"], max_ids=1)]
    assert run(sg, "theme-cooccurrence", min_count=3, max_ids=0) == run(
        sg, "theme-cooccurrence", min_count=3)


def test_cross_partnership_themes(graphs: FixtureGraphs) -> None:
    sg = graphs.use("cross-partnership-themes")
    da = {"theme": "domestic-abuse", "label": theme_label("domestic-abuse"), "scope": "framework",
          "children_reviews": 2,
          "adults_reviews": 1, "community_safety_reviews": 1, "partnership_types": 3,
          "reviews": 4, "cases": 4}
    assert run(sg, "cross-partnership-themes") == [
        da,
        {"theme": "neglect", "label": "Neglect", "scope": "framework", "children_reviews": 1,
         "adults_reviews": 1,
         "community_safety_reviews": 0, "partnership_types": 2, "reviews": 2, "cases": 2},
    ]
    assert run(sg, "cross-partnership-themes", min_types=3) == [da]


def test_theme_trend(graphs: FixtureGraphs) -> None:
    # R1 (2018-03) raises neglect twice and early help once; R2 (2018-09) neglect; R3 (2020)
    # neglect. No review came out in 2019.
    sg = graphs.use("theme-trend")

    def row(theme: str, year: int, reviews: int, recs: int, published: int,
            pct: float | None) -> dict[str, Any]:
        return {"theme": theme, "scope": "framework", "year": year, "reviews": reviews,
                "recommendations": recs,
                "reviews_published": published, "pct_of_reviews": pct}

    neglect = [row("neglect", 2018, 2, 3, 2, 100.0), row("neglect", 2019, 0, 0, 0, None),
               row("neglect", 2020, 1, 1, 1, 100.0)]
    assert run(sg, "theme-trend") == [
        row("early-help", 2018, 1, 1, 2, 50.0), row("early-help", 2019, 0, 0, 0, None),
        row("early-help", 2020, 0, 0, 1, 0.0), *neglect]
    assert run(sg, "theme-trend", theme="neglect") == neglect


# -- framework -------------------------------------------------------------------------------

def test_cross_quadrant_recommendations(graphs: FixtureGraphs) -> None:
    # R1-1 (1.1, 2.2, 6.1), R1-2 (1.1, 1.2), R2-1 (3.1, 5.1), R2-2 (2.1), R3-1 (1.3, 2.4):
    # five recommendations mapped to standards; R3-2 has a theme but no standard
    sg = graphs.use("quadrants")
    r1 = {"review": "R1", "recommendation": "R1-1", "number": "1", "text": "Across three.",
          "quadrants": ["1", "2", "4"], "standards": ["1.1", "2.2", "6.1"],
          "themes": ["domestic-abuse", "neglect"], "mapped_recommendations": 5}
    assert run(sg, "cross-quadrant-recommendations") == [
        r1,
        {"review": "R2", "recommendation": "R2-1", "number": "1", "text": "Across two.",
         "quadrants": ["3", "4"], "standards": ["3.1", "5.1"], "themes": [],
         "mapped_recommendations": 5},
        {"review": "R3", "recommendation": "R3-1", "number": "1",
         "text": "Recommendation R3-1", "quadrants": ["1", "2"],
         "standards": ["1.3", "2.4"], "themes": [], "mapped_recommendations": 5},
    ]
    assert run(sg, "cross-quadrant-recommendations", min_quadrants=3) == [r1]


def test_quadrant_pairs(graphs: FixtureGraphs) -> None:
    sg = graphs.use("quadrants")

    def pair(a: str, b: str, ids: list[str], max_ids: int = 20) -> dict[str, Any]:
        return {"quadrant_a": a, "label_a": quadrant_label(a), "quadrant_b": b,
                "label_b": quadrant_label(b), "recommendations": len(ids),
                "recommendation_ids": ids[:max_ids] if max_ids > 0 else ids}

    assert run(sg, "quadrant-pairs") == [
        pair("1", "2", ["R1-1", "R3-1"]),
        pair("1", "4", ["R1-1"]),
        pair("2", "4", ["R1-1"]),
        pair("3", "4", ["R2-1"]),
    ]
    assert run(sg, "quadrant-pairs", min_count=2) == [pair("1", "2", ["R1-1", "R3-1"])]
    # the first max_ids ids by id; recommendations still counts them all (0 lists every one)
    assert run(sg, "quadrant-pairs", min_count=2, max_ids=1) == [
        pair("1", "2", ["R1-1", "R3-1"], max_ids=1)]
    assert run(sg, "quadrant-pairs", max_ids=0) == run(sg, "quadrant-pairs")


def test_standards_coverage(graphs: FixtureGraphs) -> None:
    sg = graphs.use("standards-coverage")

    def row(code: str, quadrant: str, recs: int = 0, reviews: int = 0) -> dict[str, Any]:
        return {"standard": code, "label": standard_label(code), "quadrant": quadrant,
                "recommendations": recs, "reviews": reviews}

    assert run(sg, "standards-coverage") == [
        row("1.1", "1"), row("1.2", "1"), row("1.3", "1"), row("1.4", "1"), row("1.5", "1"),
        row("2.1", "2"), row("2.2", "2", 3, 2), row("2.3", "2"), row("2.4", "2"),
        row("2.5", "2"),
        row("3.1", "3"), row("3.2", "3"), row("3.3", "3"), row("3.4", "3"),
        row("4.1", "4"), row("4.2", "4"), row("4.3", "4"), row("4.4", "4"),
        row("4.5", "4", 1, 1),
        row("5.1", "4"),
        row("6.1", "4"), row("6.2", "4"), row("6.3", "4"),
    ]
    assert run(sg, "standards-coverage", partnership_type="children") == [
        row(code, quadrant_of(code), *{"2.2": (2, 1), "4.5": (1, 1)}.get(code, (0, 0)))
        for code in STANDARDS]


def test_standards_gaps(graphs: FixtureGraphs) -> None:
    # R1-1 is coded to every standard but 1.4, 2.3 and 5.1; the SAR's R2-1 to 2.3
    sg = graphs.use("standards-gaps")

    def gap(code: str, themes: list[str]) -> dict[str, Any]:
        standard = FRAMEWORK.standard(code)
        return {"standard": code, "label": standard.label, "quadrant": standard.quadrant,
                "outcome": standard.outcome, "themes": themes}

    # the themes each standard speaks to, as the framework links them
    assert run(sg, "standards-gaps") == [gap("1.4", []), gap("5.1", ["child-sexual-abuse"])]
    assert run(sg, "standards-gaps", partnership_type="children") == [
        gap("1.4", []), gap("2.3", ["information-sharing"]), gap("5.1", ["child-sexual-abuse"])]


# -- accountability --------------------------------------------------------------------------

def test_agency_accountability(graphs: FixtureGraphs) -> None:
    # R1 (2020): R1-1 for POLICE and CSC, R1-2 POLICE, R1-3 HEALTH, R1-4 and R1-5 CSC.
    # R2 (published 2024-03-01): R2-1 POLICE, R2-2 HEALTH. Actions: POLICE's A1 open (due
    # 2023-06-01) and A2 in progress (due 2024-06-01) on R1-1; A3 completed on time and A4
    # completed a month late on R1-2; CSC's A5 not implemented on R1-3 (HEALTH's), A6
    # superseded and A7 completed 2024-02-07 (due 2023-12-31) on R1-4; POLICE's A8 open on
    # R2-1 (due 2024-06-01). The agency IDLE has nothing to account for and is left out.
    sg = graphs.use("accountability")

    def row(agency: str, actions: int, open: int, in_progress: int, done: int, late: int,
            not_implemented: int, superseded: int, overdue: int, no_action: int,
            left_to_others: int) -> dict[str, Any]:
        return {"agency": agency, "name": f"Agency {agency}", "actions": actions,
                "open": open, "in_progress": in_progress, "done": done, "done_late": late,
                "not_implemented": not_implemented, "superseded": superseded,
                "overdue": overdue, "recommendations_with_no_action": no_action,
                "recommendations_left_to_others": left_to_others}

    # Today: A1, A2 and A8 are overdue; A4 and A7 were done late. R1-5 and R2-2 have no
    # action at all; R1-1 (for CSC) and R1-3 (for HEALTH) have actions by others only.
    today = [
        row("POLICE", 5, 2, 1, 2, 1, 0, 0, 3, 0, 0),
        row("CSC", 3, 0, 0, 1, 1, 1, 1, 0, 1, 1),
        row("HEALTH", 0, 0, 0, 0, 0, 0, 0, 0, 1, 1),
    ]
    assert run(sg, "agency-accountability") == today
    # As things stood on 2024-01-01: R2 was not yet published, so A8, R2-1 and R2-2 do not
    # count; A7 was not yet done and was overdue; A2 was not yet due.
    assert run(sg, "agency-accountability", as_of="2024-01-01") == [
        row("CSC", 3, 0, 1, 0, 0, 1, 1, 1, 1, 1),
        row("POLICE", 4, 1, 1, 2, 1, 0, 0, 1, 0, 0),
        row("HEALTH", 0, 0, 0, 0, 0, 0, 0, 0, 0, 1),
    ]
    # The accountability graph with status dates: CSC judged A5 not implemented on
    # 2024-05-10 and superseded A6 on 2021-06-01; POLICE moved A2 in progress on 2024-02-15
    # and evidenced A4's impact on 2023-06-01. Today nothing changes; on 2024-01-01, A5 was
    # still in progress (and overdue, due 2023-01-01) and A2 still open.
    dated = graphs.use("accountability-status-dates")
    assert run(dated, "agency-accountability") == today
    assert run(dated, "agency-accountability", as_of="2024-01-01") == [
        row("CSC", 3, 0, 2, 0, 0, 0, 1, 2, 1, 1),
        row("POLICE", 4, 2, 0, 2, 1, 0, 0, 1, 0, 0),
        row("HEALTH", 0, 0, 0, 0, 0, 0, 0, 0, 0, 1),
    ]


def test_implementation_status(graphs: FixtureGraphs) -> None:
    sg = graphs.use("implementation-status")
    r1 = {"review": "R1", "title": "Review R1", "kind": "SCR", "published": D("2015-01-01"),
          "recommendations": 2, "actions": 4, "open": 1, "in_progress": 1, "completed": 1,
          "impact_evidenced": 1, "not_implemented": 0, "superseded": 0,
          "pct_complete": 50.0, "pct_impact_evidenced": 25.0,
          "barriers": ["R1-2-A1: No funding"]}
    r2 = {"review": "R2", "title": "Review R2", "kind": "SAR", "published": D("2016-01-01"),
          "recommendations": 1, "actions": 0, "open": 0, "in_progress": 0, "completed": 0,
          "impact_evidenced": 0, "not_implemented": 0, "superseded": 0,
          "pct_complete": None, "pct_impact_evidenced": None, "barriers": []}
    # R3's superseded action is left out of its percentages: one done of two, not of three
    r3 = {"review": "R3", "title": "Review R3", "kind": "DHR", "published": D("2017-01-01"),
          "recommendations": 1, "actions": 3, "open": 0, "in_progress": 0, "completed": 1,
          "impact_evidenced": 0, "not_implemented": 1, "superseded": 1,
          "pct_complete": 50.0, "pct_impact_evidenced": 0.0,
          "barriers": ["R3-1-A1: Staff shortages"]}
    assert run(sg, "implementation-status") == [r1, r2, r3]
    assert run(sg, "implementation-status", kind="SAR") == [r2]
    assert run(sg, "implementation-status", partnership_type="community-safety") == [r3]


def test_implementation_by_quadrant(graphs: FixtureGraphs) -> None:
    # R1-1 (standards 1.1 and 2.2: quadrants 1 and 2) has A1 completed and A2 open (with a
    # barrier); R1-2 (2.3) has A3 impact evidenced and A5 superseded; the SAR's R2-1 (6.1,
    # quadrant 4) has A4 in progress.
    sg = graphs.use("implementation-by-quadrant")

    def row(code: str, recs: int, actions: int, open: int, in_progress: int, completed: int,
            evidenced: int, superseded: int, pct: float | None, pct_evidenced: float | None,
            barriers: int, several: int) -> dict[str, Any]:
        label = "All quadrants (each action once)" if code == "all" else quadrant_label(code)
        return {"quadrant": code, "label": label, "recommendations": recs,
                "actions": actions, "open": open, "in_progress": in_progress,
                "completed": completed, "impact_evidenced": evidenced, "not_implemented": 0,
                "superseded": superseded, "pct_complete": pct,
                "pct_impact_evidenced": pct_evidenced, "barriers": barriers,
                "in_several_quadrants": several}

    # A1 and A2 count under quadrants 1 and 2; the 'all' row counts them once (five actions,
    # not seven). Superseded A5 is left out of the percentages' denominators.
    assert run(sg, "implementation-by-quadrant") == [
        row("1", 1, 2, 1, 0, 1, 0, 0, 50.0, 0.0, 1, 2),
        row("2", 2, 4, 1, 0, 1, 1, 1, 66.7, 33.3, 1, 2),
        row("3", 0, 0, 0, 0, 0, 0, 0, None, None, 0, 0),
        row("4", 1, 1, 0, 1, 0, 0, 0, 0.0, 0.0, 0, 0),
        row("all", 3, 5, 1, 1, 1, 1, 1, 50.0, 25.0, 1, 2),
    ]
    children = run(sg, "implementation-by-quadrant", partnership_type="children")
    assert children[3:] == [row("4", 0, 0, 0, 0, 0, 0, 0, None, None, 0, 0),
                            row("all", 2, 4, 1, 0, 1, 1, 1, 66.7, 33.3, 1, 2)]


def test_learning_not_embedded(graphs: FixtureGraphs) -> None:
    # C1-1 (neglect, 4.5, CSC) has CSC's action completed 2016-05-01; C2-1 (neglect, 1.1,
    # POLICE) has POLICE's, completed 2017-06-01. Later neglect recommendations: C3-1 (2018,
    # 4.5, HEALTH and POLICE), A1-1 (an adults' SAR, 2019, 4.5, CSC), C5-1 (2021, 2.2,
    # POLICE). C4-1 carries only a tagger's suggestion of neglect, not accepted.
    sg = graphs.use("learning-not-embedded")

    def row(action: str, owner: str, review: str, completed: str, later: list[str],
            recs: list[str]) -> dict[str, Any]:
        return {"theme": "neglect", "action": action, "owner": owner,
                "original_review": review, "completed": D(completed),
                "later_review_count": len(later), "later_reviews": later,
                "later_recommendation_count": len(recs), "later_recommendations": recs}

    # C3-1 shares 4.5 with C1-1: it points back at CSC's action. It is directed at POLICE too,
    # but C3 came out seven months after POLICE's action: too soon to judge it. C5-1 is for
    # POLICE (no shared standard with C1-1, not for CSC, so it does not follow CSC's action).
    # The superseded and in-progress actions, and C2 (published before any completion), count
    # for nothing.
    assert run(sg, "learning-not-embedded") == [
        row("C1-1-A1", "CSC", "C1", "2016-05-01", ["C3"], ["C3-1"]),
        row("C2-1-A1", "POLICE", "C2", "2017-06-01", ["C5"], ["C5-1"]),
    ]
    assert run(sg, "learning-not-embedded", across_partnerships=True) == [
        row("C1-1-A1", "CSC", "C1", "2016-05-01", ["C3", "A1"], ["C3-1", "A1-1"]),
        row("C2-1-A1", "POLICE", "C2", "2017-06-01", ["C5"], ["C5-1"]),
    ]
    assert run(sg, "learning-not-embedded", gap_months=6) == [
        row("C1-1-A1", "CSC", "C1", "2016-05-01", ["C3"], ["C3-1"]),
        row("C2-1-A1", "POLICE", "C2", "2017-06-01", ["C3", "C5"], ["C3-1", "C5-1"]),
    ]
    assert run(sg, "learning-not-embedded", gap_months=48) == []
    assert run(sg, "learning-not-embedded", theme="supervision") == []
    # The lists give the first max_ids, earliest first; the counts count them all.
    assert run(sg, "learning-not-embedded", gap_months=6, max_ids=1) == [
        row("C1-1-A1", "CSC", "C1", "2016-05-01", ["C3"], ["C3-1"]),
        {**row("C2-1-A1", "POLICE", "C2", "2017-06-01", ["C3"], ["C3-1"]),
         "later_review_count": 2, "later_recommendation_count": 2},
    ]
    # The baseline: 5 of the 6 reviews raise neglect; 3 children's reviews (C3, C4, C5) came
    # out at least 12 months after the first completion (2016-05-01), so 3 x 5/6 = 2.5 would
    # raise it at neglect's usual rate, and 2 did.
    assert run(sg, "learning-not-embedded-by-theme") == [
        {"theme": "neglect", "label": "Neglect", "completed_actions": 2,
         "first_completed": D("2016-05-01"), "last_completed": D("2017-06-01"),
         "later_reviews": ["C3", "C5"], "reviews_after": 3, "pct_reviews_raising": 83.3,
         "expected_reviews": 2.5, "times_expected": 0.8},
    ]
    across = run(sg, "learning-not-embedded-by-theme", across_partnerships=True)[0]
    assert (across["later_reviews"], across["reviews_after"], across["expected_reviews"],
            across["times_expected"]) == (["C3", "A1", "C5"], 4, 3.3, 0.9)


def test_learning_not_embedded_ranks_by_times_expected(graphs: FixtureGraphs) -> None:
    # Every one of the nine reviews raises disseminating-learning; child-sexual-abuse is
    # raised by C4, C8 and C9. An action on each was completed 2015-06-01 (C4's); five reviews
    # (C5 to C9) came out at least 12 months later. Dissemination came back in all five, as
    # its frequency predicts (5 x 9/9 = 5); child sexual abuse in two, where 5 x 3/9 = 1.7 were
    # expected. The rare theme that came back leads, though the frequent one has more reviews.
    sg = graphs.use("learning-not-embedded-ranking")
    assert [(r["theme"], r["later_reviews"], r["reviews_after"], r["pct_reviews_raising"],
             r["expected_reviews"], r["times_expected"])
            for r in run(sg, "learning-not-embedded-by-theme")] == [
        ("child-sexual-abuse", ["C8", "C9"], 5, 33.3, 1.7, 1.2),
        ("disseminating-learning", ["C5", "C6", "C7", "C8", "C9"], 5, 100.0, 5.0, 1.0),
    ]


def test_learning_not_embedded_reads_the_later_reviews_period_under_review(
        graphs: FixtureGraphs) -> None:
    # The learning-not-embedded graph, with periods under review: C3 (published 2018-01-01)
    # looked at 2017-07-01 to 2017-11-30, after POLICE's action was completed (2017-06-01),
    # though it came out only seven months later; C5 (published 2021) looked back to
    # 2017-01-01, before it. A period recorded replaces the gap rule; A1 and C4 have none.
    sg = graphs.use("learning-not-embedded-period")
    assert [(r["action"], r["later_reviews"], r["later_recommendations"])
            for r in run(sg, "learning-not-embedded")] == [
        ("C1-1-A1", ["C3"], ["C3-1"]),
        ("C2-1-A1", ["C3"], ["C3-1"]),
    ]
    # gap_months speaks only for reviews without a period: it changes nothing here, while
    # without periods a 48-month gap leaves nothing (test_learning_not_embedded).
    assert run(sg, "learning-not-embedded", gap_months=48) == run(sg, "learning-not-embedded")
    assert run(sg, "learning-not-embedded-by-theme")[0]["later_reviews"] == ["C3"]


# -- reviews ---------------------------------------------------------------------------------

def test_review_profile(graphs: FixtureGraphs) -> None:
    sg = graphs.use("review-profile")
    head = {"review": "R1", "title": "Child K", "kind": "SCR", "published": D("2019-02-03"),
            "partnership": "NSCP"}
    assert run(sg, "review-profile", review="R1") == [
        head | {"recommendation": "R1-1", "number": "1", "text": "Nothing coded.",
                "smart": True, "themes": [], "standards": [], "quadrants": [],
                "agencies": [], "actions": []},
        head | {"recommendation": "R1-2", "number": "2", "text": "Share and record.",
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
    # A review that is not there is an error naming the way to list them, never an empty table.
    with pytest.raises(CatalogError, match="there is no review 'NOPE' \\(by ID or title\\)"):
        run(sg, "review-profile", review="NOPE")


def test_similar_reviews(graphs: FixtureGraphs) -> None:
    sg = graphs.use("similar-reviews")
    # the themes of each review: R0, R1 domestic abuse, neglect, early help; R2 domestic
    # abuse, neglect, supervision; R3 domestic abuse; R4 R0's three, supervision and child
    # sexual abuse; R5 supervision; R6 domestic abuse and neglect

    def row(r: str, year: int, shared: list[str], jaccard: float) -> dict[str, Any]:
        return {"review": r, "title": f"Review {r}", "kind": "LCSPR",
                "published": dt.date(year, 1, 1), "shared_themes": len(shared),
                "jaccard": jaccard, "themes": shared}

    # R6 shares two themes to R4's three, but R4 raises two themes R0 does not: R6 is closer
    top = [row("R1", 2021, ["domestic-abuse", "early-help", "neglect"], 1.0),
           row("R6", 2026, ["domestic-abuse", "neglect"], 0.667)]
    assert run(sg, "similar-reviews", review="R0") == [
        *top,
        row("R4", 2024, ["domestic-abuse", "early-help", "neglect"], 0.6),
        row("R2", 2022, ["domestic-abuse", "neglect"], 0.5),
        row("R3", 2023, ["domestic-abuse"], 0.333),
    ]
    assert run(sg, "similar-reviews", review="R0", limit=2) == top


# -- quality ---------------------------------------------------------------------------------

def test_recommendations_needing_attention(graphs: FixtureGraphs) -> None:
    sg = graphs.use("needing-attention")

    texts = {n: "Children's Services should audit 20 " + what + " by March 2024 and report "
             "the findings to the Board." for n, what in (
                 (1, "neglect cases"), (2, "assessments"), (4, "child protection plans"))}
    texts[3] = "Consider the sharing of information about domestic abuse."

    def row(n: int, reason: str, missing: list[str] | None = None) -> dict[str, Any]:
        return {"review": "R1", "recommendation": f"R1-{n}", "number": str(n),
                "text": texts[n], "reason": reason, "missing": missing or []}

    # R1-3 names no owner (and is directed at no agency), no timescale, no measure and only
    # 'Consider': the SMART check's gaps, computed at load, sorted
    gaps = ["action", "measure", "owner", "timescale"]
    assert run(sg, "recommendations-needing-attention") == [
        row(2, "unmapped"), row(3, "no-agency"), row(3, "not-smart"),
        row(3, "smart-gaps", gaps), row(3, "no-action"), row(4, "unmapped"),
    ]
    assert run(sg, "recommendations-needing-attention", reason="not-smart") == [
        row(3, "not-smart")]
    assert run(sg, "recommendations-needing-attention", reason="smart-gaps") == [
        row(3, "smart-gaps", gaps)]


def test_repeated_recommendations(graphs: FixtureGraphs) -> None:
    # E1-1 (2015) and L1-1 (2021) ask POLICE and CSC for nearly the same thing. L1-2 has
    # E1-1's text but another agency; L1-3 its text but no shared standard; X1-1 and X1-2 are
    # identical but in one review. None of those is a repeat.
    sg = graphs.use("repeated-recommendations")
    earlier = "Police should share domestic abuse notifications with schools within 24 hours."
    later = ("Police should share domestic abuse notifications with schools and health "
             "within one day.")
    # lower-cased words longer than three letters, punctuation dropped: 10 in each text,
    # 9 shared ("24", "and", "one", "day" are too short), so 9 / 11
    pair = {"earlier_review": "E1", "earlier_recommendation": "E1-1", "earlier_text": earlier,
            "later_review": "L1", "later_recommendation": "L1-1", "later_text": later,
            "shared_themes": ["domestic-abuse"], "shared_standards": ["2.2"],
            "similarity": 0.818}
    # one row for the pair, listing both agencies it was directed at
    assert run(sg, "repeated-recommendations") == [{"agencies": ["CSC", "POLICE"], **pair}]
    assert run(sg, "repeated-recommendations", min_similarity=0.9) == []
    # one page of pairs at a time: the second page of one pair is empty
    assert run(sg, "repeated-recommendations", limit=1) == [{"agencies": ["CSC", "POLICE"], **pair}]
    assert run(sg, "repeated-recommendations", skip=1) == []


# -- analytics projections -------------------------------------------------------------------

def test_projection_framework(graphs: FixtureGraphs) -> None:
    sg = graphs.use("projection-framework")
    assert run(sg, "projection-framework") == [
        {"source_kind": "recommendation", "source": "R1-1", "source_label": "R1-1",
         "target_kind": "standard", "target": "1.1", "target_label": standard_label("1.1")},
        {"source_kind": "recommendation", "source": "R1-1", "source_label": "R1-1",
         "target_kind": "theme", "target": "neglect", "target_label": theme_label("neglect")},
        *({"source_kind": "standard", "source": code, "source_label": standard_label(code),
           "target_kind": "quadrant", "target": quadrant_of(code),
           "target_label": quadrant_label(quadrant_of(code))} for code in STANDARDS),
    ]


def test_projection_theme_codings(graphs: FixtureGraphs) -> None:
    sg = graphs.use("projection-theme-codings")
    assert run(sg, "projection-theme-codings") == [
        {"review": "R1", "recommendation": "R1-1", "theme": "domestic-abuse",
         "label": theme_label("domestic-abuse")},
        {"review": "R1", "recommendation": "R1-1", "theme": "neglect", "label": "Neglect"},
        {"review": "R2", "recommendation": "R2-1", "theme": "neglect", "label": "Neglect"},
    ]


# -- running and explaining ------------------------------------------------------------------

def test_run_returns_native_dates_in_nested_values(graphs: FixtureGraphs) -> None:
    sg = graphs.use("review-profile")
    row = run(sg, "review-profile", review="R1")[1]
    assert type(row["published"]) is dt.date
    assert type(row["actions"][0]["due"]) is dt.date


def test_rows_are_read_as_the_driver_exports_them(graphs: FixtureGraphs) -> None:
    # Database.read builds each row itself for plain values (quicker than Record.data()):
    # the same dicts, nested values and types, and nodes, relationships, paths and points
    # still exported by the driver.
    sg = graphs.use("review-profile")
    database = sg.database
    plain = ("MATCH (r:Review)-[:MADE]->(rec) RETURN r.id AS id, r.published AS published, "
             "[rec.number, [date('2020-01-02'), null], {n: rec.numberOrder, d: duration('P1D'),"
             " t: localtime('10:00'), dt: datetime('2020-01-02T03:04:05Z')}] AS nested, "
             "true AS yes, 1.5 AS x ORDER BY id, rec.id")
    graph = ("MATCH p = (r:Review)-[m:MADE]->(rec) RETURN r, m, p, [rec] AS listed, "
             "{rec: rec} AS mapped, point({x: 1, y: 2}) AS where ORDER BY r.id, rec.id")
    for query in (plain, graph):
        exported = [record.data() for record in database.driver.execute_query(query).records]
        assert exported
        read = database.read(query)
        assert read == exported
        assert [[type(v) for v in row.values()] for row in read] == \
            [[type(v) for v in row.values()] for row in exported]
        # The catalog's rows: converted to Python's own types in the same walk, as native()
        # converts the driver's export.
        converted = [{k: native(v) for k, v in row.items()} for row in exported]
        as_native = database.read(query, as_native=True)
        assert as_native == converted
        assert _types(as_native) == _types(converted)
    assert type(database.read(graph)[0]["r"]) is dict  # a node exported as its properties
    nested = database.read(plain, as_native=True)[0]["nested"]
    assert type(nested[1][0]) is dt.date and nested[2]["d"] == "P1D"
    assert type(nested[2]["t"]) is dt.time and type(nested[2]["dt"]) is dt.datetime


def _types(value: Any) -> Any:
    """The type of every value, nested ones too."""
    if isinstance(value, list):
        return [_types(v) for v in value]
    if isinstance(value, dict):
        return {k: _types(v) for k, v in value.items()}
    return type(value)


def test_explain_shows_the_plan_without_running(graphs: FixtureGraphs) -> None:
    plan = graphs.sg.explain_query("recurring-themes", {"min_reviews": "3"})
    lines = plan.splitlines()
    assert lines[0].startswith("planner: ")
    assert lines[1].startswith("ProduceResults  ")
    assert "theme, label, scope, theme_kind, reviews" in lines[1]
    assert any("└─ " in line for line in lines)


def test_explain_and_run_check_parameters_first(graphs: FixtureGraphs) -> None:
    with pytest.raises(CatalogError, match="must be a whole number"):
        graphs.sg.explain_query("recurring-themes", {"min_reviews": "x"})
    with pytest.raises(CatalogError, match="has no parameter 'top'"):
        graphs.sg.run_query("recurring-themes", {"top": "3"})


def test_the_collector_is_paused_while_answers_are_read_and_resumed_after() -> None:
    # Paused by the first reader, resumed by the last, in any thread; left off when it was
    # off before the first.
    import gc
    import threading

    from scrgraph.store.db import collector_paused

    assert gc.isenabled()
    first_in, second_out = threading.Event(), threading.Event()
    seen: list[bool] = []

    def reader() -> None:
        with collector_paused():
            first_in.set()
            second_out.wait(10)
            seen.append(gc.isenabled())

    other = threading.Thread(target=reader)
    other.start()
    first_in.wait(10)
    with collector_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()  # the other thread is still reading
    second_out.set()
    other.join(10)
    assert seen == [False]
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_readers_that_overlap_without_a_break_still_collect() -> None:
    # A service whose reads overlap never resumes the collector: a reader that finishes while
    # others read collects once its interval has passed, and not before.
    import gc
    import threading

    from scrgraph.store.db import _CollectorPause

    now = [0.0]
    pause = _CollectorPause(collect_every=10.0, clock=lambda: now[0])
    runs: list[str] = []

    def seen(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and threading.current_thread() is threading.main_thread():
            runs.append(phase)

    gc.callbacks.append(seen)
    try:
        with pause():
            with pause():
                now[0] = 5.0
            assert runs == []  # within the interval
            with pause():
                now[0] = 12.0
            assert runs == ["start"] and not gc.isenabled()
            with pause():
                now[0] = 13.0
            assert runs == ["start"]  # the interval starts again from the collection
        assert gc.isenabled()
    finally:
        gc.callbacks.remove(seen)
        gc.enable()
