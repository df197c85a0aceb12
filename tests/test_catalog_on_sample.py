"""Every catalog query on the sample data: it runs, and the sample's built-in story shows."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from scrgraph.facade import Scrgraph
from scrgraph.settings import Settings
from scrgraph.store.db import Database
from tests.sample import SAMPLE, codes, rows


@pytest.fixture(scope="module")
def sg(session_db: Database, settings: Settings) -> Scrgraph:
    """The sample, loaded once for these read-only tests."""
    session_db.clear()
    facade = Scrgraph(settings, session_db)
    facade.load([SAMPLE])
    return facade


def test_every_query_runs_on_the_sample_with_its_example(sg: Scrgraph) -> None:
    for query in sg.catalog:
        rows = sg.run_query(query.name, query.example).rows
        assert rows, f"{query.name} returned no rows on the sample"


def test_headline_domestic_abuse_in_five_separate_childrens_cases(sg: Scrgraph) -> None:
    rows = {r["theme"]: r for r in sg.run_query("recurring-themes").rows}
    # Mrs A's DHR was commissioned jointly with the adults board: it counts under both types.
    assert rows["domestic-abuse"]["by_partnership_type"] == {
        "children": 5, "adults": 3, "community-safety": 3, "national": 0}
    children = sg.run_query("recurring-themes", {"partnership_type": "children"}).rows
    assert {r["theme"]: r["reviews"] for r in children}["domestic-abuse"] == 5


def test_standards_without_learning_are_the_gaps_the_sample_was_written_with(
        sg: Scrgraph) -> None:
    gaps = [r["standard"] for r in sg.run_query("standards-gaps").rows]
    assert gaps == ["1.4", "2.3", "5.1"]


def test_repeated_recommendations_find_the_sample_pairs(sg: Scrgraph) -> None:
    pairs = {(r["earlier_recommendation"], r["later_recommendation"])
             for r in sg.run_query("repeated-recommendations").rows}
    # data/sample/README.md lists these as the same agency asked for the same thing again.
    assert {("NSCP-SCR-2015-01-R1", "NSCP-LCSPR-2021-01-R1"),
            ("NSCP-SCR-2016-01-R1", "NSCP-LCSPR-2022-01-R1"),
            ("NCSP-DHR-2017-01-R2", "NCSP-DHR-2025-01-R1")} <= pairs


def test_repeated_recommendations_come_a_page_at_a_time(sg: Scrgraph) -> None:
    """Pages neither overlap nor miss a pair: one after another they are every pair, most
    similar first, then by the two ids; without paging parameters, the first 100."""
    params = {"min_similarity": 0.2}
    every = sg.run_query("repeated-recommendations", {**params, "limit": 100_000}).rows
    keys = [(r["earlier_recommendation"], r["later_recommendation"]) for r in every]
    assert len(every) > 100 and len(set(keys)) == len(keys)
    assert keys == [k for _, k in sorted((-r["similarity"], k)
                                         for r, k in zip(every, keys, strict=True))]
    pages: list[dict[str, Any]] = []
    skip: int | None = 0
    while skip is not None:
        page = sg.run_query("repeated-recommendations", {**params, "skip": skip, "limit": 30})
        # a page says where the next starts while rows follow it, and is then full
        assert (len(page.rows), page.next_skip) == (
            (30, skip + 30) if skip + 30 < len(every) else (len(every) - skip, None))
        pages += page.rows
        skip = page.next_skip
    assert pages == every
    assert sg.run_query("repeated-recommendations", params).rows == every[:100]
    # an empty page has no next one (it would be the same page again)
    empty = sg.run_query("repeated-recommendations", {**params, "limit": 0})
    assert (empty.rows, empty.next_skip) == ([], None)


def test_overdue_actions_as_of_the_samples_reference_date(sg: Scrgraph) -> None:
    rows = sg.run_query("agency-accountability", {"as_of": dt.date(2026, 11, 28)}).rows
    assert sum(r["overdue"] for r in rows) == 17


# -- what data/sample/README.md says the accountability and analytics queries show ----------

def _count(rows: list[dict[str, Any]], column: str) -> int:
    return sum(int(r[column]) for r in rows)


def test_sample_readme_agency_accountability(sg: Scrgraph) -> None:
    rows = sg.run_query("agency-accountability", {"as_of": dt.date(2026, 11, 28)}).rows
    assert [(r["agency"], r["overdue"]) for r in rows[:2]] == [("CSC", 5), ("ICB", 4)]
    assert (_count(rows, "actions"), _count(rows, "done"), _count(rows, "done_late")) == (
        194, 153, 97)
    then = sg.run_query("agency-accountability", {"as_of": dt.date(2024, 1, 1)}).rows
    assert (_count(then, "actions"), _count(then, "overdue")) == (156, 7)
    nscpbu = next(r for r in then if r["agency"] == "NSCPBU")
    today = next(r for r in rows if r["agency"] == "NSCPBU")
    # NSCP-LCSPR-2022-01-R5-A1 (due 2023-12-31, completed 2024-02-07) was overdue that day
    assert nscpbu["overdue"] >= 1 and nscpbu["done"] < today["done"]
    # Every not-implemented and superseded decision has its status date. Two were taken
    # after 2024-01-01, so that day they were still in progress: NSCP-LCSPR-2020-01-R2-A2
    # (EDU, due 2022-07-31, superseded 2024-05-15) was overdue, NSCP-LCSPR-2022-01-R8-A1
    # (due 2024-06-30) not yet due.
    assert sg.database.read(
        "MATCH (a:Action) WHERE a.status IN ['not-implemented', 'superseded'] "
        "RETURN count(a) AS decided, count(a.statusDate) AS dated") == [
            {"decided": 11, "dated": 11}]
    edu = next(r for r in then if r["agency"] == "EDU")
    assert (edu["overdue"], edu["superseded"]) == (1, 0)
    assert (_count(then, "not_implemented"), _count(then, "superseded")) == (4, 5)
    assert (_count(rows, "not_implemented"), _count(rows, "superseded")) == (4, 7)
    # The report as of that day gives the same figures.
    day = {"as_of": dt.date(2024, 1, 1)}
    summary = sg.run_query("report-summary", day).rows[0]
    assert (summary["reviews"], summary["actions"], summary["overdue"], summary["done"]) == (
        13, 156, 7, _count(then, "done"))
    agencies = sg.run_query("report-agencies", day).rows
    assert (_count(agencies, "overdue"), _count(agencies, "superseded"),
            _count(agencies, "not_implemented")) == (7, 5, 4)
    assert len(sg.run_query("report-overdue-actions", day).rows) == 7


def test_sample_readme_implementation(sg: Scrgraph) -> None:
    status = sg.run_query("implementation-status").rows
    assert len(status) == 16
    least = sorted(status, key=lambda r: r["pct_complete"])[:2]
    assert [(r["review"], r["pct_complete"]) for r in least] == [
        ("NCSP-DHR-2025-01", 33.3), ("NSCP-LCSPR-2025-01", 46.2)]
    quadrants = sg.run_query("implementation-by-quadrant").rows
    assert sum(r["actions"] for r in quadrants if r["quadrant"] != "all") == 311
    [total] = [r for r in quadrants if r["quadrant"] == "all"]
    assert (total["actions"], total["in_several_quadrants"], total["pct_complete"]) == (
        189, 120, 81.3)


def test_sample_readme_periods_under_review_are_plausible() -> None:
    # One to three years of practice, ending 10 to 28 months before publication.
    spans = []
    for review in rows("reviews.csv"):
        start, end, published = (dt.date.fromisoformat(review[c])
                                 for c in ("Period from", "Period to", "Published"))
        spans.append(((end - start).days / 365.25, (published - end).days / 30.4))
    assert all(0.9 < years <= 3.0 and 9.5 < months < 28.5 for years, months in spans), spans


def test_sample_readme_learning_not_embedded(sg: Scrgraph) -> None:
    # Every review records its period under review, ending before it was published.
    assert sg.database.read(
        "MATCH (r:Review) RETURN count(r) AS reviews, count(r.periodFrom) AS with_period, "
        "count(CASE WHEN r.periodFrom < r.periodTo AND r.periodTo < r.published THEN 1 END) "
        "AS before_publication") == [{"reviews": 16, "with_period": 16,
                                      "before_publication": 16}]
    rows = sg.run_query("learning-not-embedded").rows
    assert (len(rows), len({r["theme"] for r in rows})) == (132, 13)
    later = {(r["theme"], r["action"]): r["later_reviews"] for r in rows}
    assert later[("neglect", "NSCP-SCR-2014-02-R2-A2")] == [
        "NSCP-LCSPR-2020-01", "NSCP-THEMATIC-2023-01"]
    assert later[("child-sexual-abuse", "NSCP-SCR-2017-01-R1-A2")] == ["NSCP-LCSPR-2025-01"]
    assert later[("engaging-fathers", "NSCP-SCR-2016-01-R1-A2")] == [
        "NSCP-LCSPR-2021-01", "NSCP-LCSPR-2022-01"]
    by_theme = [(r["theme"], r["completed_actions"], len(r["later_reviews"]), r["times_expected"])
                for r in sg.run_query("learning-not-embedded-by-theme").rows]
    # Ranked by how much more often than its usual frequency each theme came back: the themes
    # almost every review raises (disseminating learning, information sharing) come back about
    # as often as they are raised anywhere and fall to the bottom half, below the designed
    # patterns (neglect second, child sexual abuse third; engaging fathers seventh). NSAB's
    # local theme leads: its 2019 self-neglect protocol, then Adult C's SAR asking again.
    assert by_theme == [
        ("self-neglect", 2, 1, 8.0),
        ("neglect", 9, 2, 2.13),
        ("child-sexual-abuse", 6, 1, 2.0),
        ("early-help", 7, 2, 1.6),
        ("supervision", 5, 4, 1.31),
        ("engagement-with-children", 5, 4, 1.14),
        ("engaging-fathers", 14, 2, 1.07),
        ("referral-quality-and-feedback", 10, 5, 0.83),
        ("disseminating-learning", 10, 7, 0.8),
        ("historical-information", 9, 5, 0.73),
        ("information-sharing", 20, 6, 0.64),
        ("domestic-abuse", 32, 4, 0.64),
        ("challenge-and-escalation", 3, 1, 0.29),
    ]
    themes = {t.code for t in sg.framework().themes}
    assert themes - {t[0] for t in by_theme} == {"returning-children-home"}


def test_sample_readme_theme_cooccurrence_and_projections(sg: Scrgraph) -> None:
    pairs = sg.run_query("theme-cooccurrence").rows
    assert len(pairs) == 26
    assert [(r["theme_a"], r["theme_b"], r["shared"], r["lift"]) for r in pairs[:2]] == [
        ("child-sexual-abuse", "supervision", 4, 5.1), ("early-help", "neglect", 11, 5.009)]
    last = pairs[-1]
    assert (last["theme_a"], last["theme_b"], last["shared"], last["lift"]) == (
        "disseminating-learning", "domestic-abuse", 2, 0.268)
    with_neglect = sorted(((r["shared"], r["theme_a"] if r["theme_b"] == "neglect"
                            else r["theme_b"]) for r in pairs
                           if "neglect" in (r["theme_a"], r["theme_b"])), reverse=True)
    assert with_neglect[:3] == [(11, "early-help"), (9, "information-sharing"),
                                (4, "historical-information")]
    per_review = sg.run_query("theme-cooccurrence", {"unit": "review"}).rows
    lifts = [r["lift"] for r in per_review]
    assert (len(per_review), min(lifts), max(lifts)) == (60, 0.457, 4.0)
    assert len(sg.run_query("projection-framework").rows) == 577
    assert len(sg.run_query("projection-theme-codings").rows) == 264


def test_sample_readme_analyse(sg: Scrgraph) -> None:
    result = sg.analyse()
    assert (result.themes, result.cooccurrence_edges) == (14, 39)
    assert [c.themes for c in result.communities] == [
        ("domestic-abuse", "engagement-with-children", "engaging-fathers",
         "historical-information", "information-sharing", "self-neglect"),
        ("challenge-and-escalation", "early-help", "neglect", "referral-quality-and-feedback"),
        ("child-sexual-abuse", "disseminating-learning", "returning-children-home",
         "supervision"),
    ]
    assert (round(result.modularity, 2), result.partitions) == (0.19, 1)
    assert result.communities_are_weak
    per_review = sg.analyse(unit="review")
    assert (per_review.cooccurrence_edges, per_review.modularity, per_review.partitions) == (
        72, 0.0227, 2)
    reach = [(r.theme, r.mapped, r.cross_quadrant, r.expected, r.ratio)
             for r in result.quadrant_reach]
    assert reach[:3] == [("self-neglect", 2, 2, 1.2, 1.68),
                         ("challenge-and-escalation", 9, 8, 5.3, 1.5),
                         ("historical-information", 16, 14, 9.5, 1.47)]
    assert reach[-1] == ("disseminating-learning", 20, 4, 11.9, 0.34)


def test_sample_readme_cross_quadrant_share_is_of_mapped_recommendations(sg: Scrgraph) -> None:
    rows = sg.run_query("cross-quadrant-recommendations").rows
    assert (len(rows), rows[0]["mapped_recommendations"]) == (92, 155)


def test_sample_readme_a_joint_review_and_a_death_reviewed_twice(sg: Scrgraph) -> None:
    # Mrs A's DHR was commissioned jointly by NCSP and NSAB; Adult C's SAR and Ms E's DHR
    # review one death (case key NS-CASE-23A), so they are two reviews of one case.
    assert sg.database.read(
        "MATCH (r:Review)-[:COMMISSIONED_BY]->(p:Partnership) WITH r, collect(p.id) AS ps "
        "WHERE size(ps) > 1 RETURN r.id AS review, ps ORDER BY review") == [
            {"review": "NCSP-DHR-2020-01", "ps": ["NCSP", "NSAB"]}]
    assert sg.database.read(
        "MATCH (r:Review) WHERE r.cases IS NOT NULL RETURN r.id AS review, r.cases AS cases "
        "ORDER BY review") == [
            {"review": "NCSP-DHR-2025-01", "cases": ["NS-CASE-23A"]},
            {"review": "NSAB-SAR-2024-01", "cases": ["NS-CASE-23A"]}]
    recurring = {r["theme"]: (r["reviews"], r["cases"])
                 for r in sg.run_query("recurring-themes").rows}
    # Themes both of them raise are one case fewer than reviews; the others are not.
    assert recurring["domestic-abuse"] == (10, 9)
    assert recurring["disseminating-learning"] == (14, 13)
    assert recurring["referral-quality-and-feedback"] == (12, 11)
    assert recurring["information-sharing"] == (15, 15)
    assert sum(reviews - cases for reviews, cases in recurring.values()) == 3
    cross = {r["theme"]: r for r in sg.run_query("cross-partnership-themes").rows}
    assert {k: cross["domestic-abuse"][k] for k in (
        "children_reviews", "adults_reviews", "community_safety_reviews", "partnership_types",
        "reviews", "cases")} == {
        "children_reviews": 5, "adults_reviews": 3, "community_safety_reviews": 3,
        "partnership_types": 3, "reviews": 10, "cases": 9}
    summary = sg.run_query("report-summary").rows[0]
    # The joint review counts once in reviews, under both types of partnership.
    assert (summary["reviews"], summary["children_reviews"], summary["adults_reviews"],
            summary["community_safety_reviews"]) == (16, 10, 4, 3)


def test_sample_readme_a_local_theme(sg: Scrgraph) -> None:
    # NSAB's self-neglect is its own row, marked local; the framework's neglect keeps only the
    # children's reviews that raise it.
    recurring = {r["theme"]: r for r in
                 sg.run_query("recurring-themes", {"min_reviews": 1}).rows}
    local = recurring["self-neglect"]
    assert (local["scope"], local["reviews"], local["recommendations"]) == ("local", 2, 2)
    neglect = recurring["neglect"]
    assert (neglect["scope"], neglect["reviews"], neglect["recommendations"]) == (
        "framework", 3, 24)
    assert neglect["by_partnership_type"]["adults"] == 0
    assert [t.code for t in sg.local_themes()] == ["self-neglect"]


def test_report_smart_gaps_recount_the_smart_check_on_the_sample_files(sg: Scrgraph) -> None:
    """report-smart-gaps, recomputed from the sample's CSV files with the SMART check run here
    offline (its text and the agencies it is directed at, as a load runs it)."""
    from scrgraph.tagger.smart import check_smart

    kinds = {r["Review ID"]: r["Type"] for r in rows("reviews.csv")}
    gaps = {r["Recommendation ID"]: (kinds[r["Review ID"]], {g.element for g in check_smart(
        r["Recommendation"], codes(r["Agencies"])).gaps}) for r in rows("recommendations.csv")}
    elements = ["owner", "timescale", "measure", "action"]
    for kind in (None, "SAR"):
        mine = [g for k, g in gaps.values() if kind is None or k == kind]
        found = sg.run_query("report-smart-gaps", {"kind": kind and [kind]}).rows
        assert [(r["element"], r["recommendations"], r["in_scope"]) for r in found] == [
            (e, sum(e in g for g in mine), len(mine)) for e in elements]
    summary = sg.run_query("report-summary").rows[0]
    assert summary["smart_gaps"] == sum(bool(g) for _, g in gaps.values())
