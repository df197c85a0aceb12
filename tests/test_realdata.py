"""Real reviews as they are (issue 9): the format fits published reports.

Each test loads a small fictional graph of one real-world pattern through the real loader
(``tests/fixtures/real-reviews/``, or a copy of it edited in the test) into a real Neo4j and
checks what the queries, exports and reloads make of it.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest

from scrgraph.errors import ValidationFailed
from scrgraph.facade import Scrgraph
from scrgraph.settings import Settings
from scrgraph.store.db import Database
from scrgraph.store.mapping import natural_order
from tests.graphs import FIXTURES
from tests.sample import edit_cell

REAL = FIXTURES / "real-reviews"

# The labels of tests/fixtures/real-reviews' review R1, in the order a reader expects.
LABELS_IN_ORDER = ["1", "1a", "2", "3.140(a)", "9.1 b", "10", "A ii", "IMR-POLICE-1", "L3"]


@pytest.fixture
def sg(settings: Settings, db: Database) -> Scrgraph:
    """The facade over the emptied session database (the session owns and closes it)."""
    return Scrgraph(settings, db)


def run(sg: Scrgraph, name: str, **params: Any) -> list[dict[str, Any]]:
    return sg.run_query(name, params).rows


def published_as(db: Database) -> dict[str, Any]:
    return {r["id"]: r["as"] for r in db.read(
        "MATCH (r:Review) RETURN r.id AS id, r.publishedAs AS as")}


def copy_real(tmp_path: Path) -> Path:
    folder = tmp_path / "real-reviews"
    shutil.copytree(REAL, folder)
    return folder


def refused_edit(sg: Scrgraph, db: Database, tmp_path: Path,
                 edit: tuple[str, str, str, str]) -> str:
    """Load a copy of the fixture with one cell changed: the load must be refused and write
    nothing. Returns the refusal's message."""
    folder = copy_real(tmp_path)
    edit_cell(folder, *edit)
    with pytest.raises(ValidationFailed) as failure:
        sg.load([folder])
    assert db.read("MATCH (n:Partnership|Review|Recommendation|Agency|Action) "
                   "RETURN count(n) AS n")[0]["n"] == 0
    return str(failure.value)


def test_natural_order_puts_labels_as_a_reader_would() -> None:
    shuffled = ["L3", "10", "A ii", "2", "9.1 b", "1a", "IMR-POLICE-1", "3.140(a)", "1"]
    assert sorted(shuffled, key=natural_order) == LABELS_IN_ORDER
    assert natural_order("3.14") < natural_order("3.140(a)")
    assert natural_order("1B") == natural_order("1b")


def test_number_labels_are_kept_as_printed_and_sorted_naturally(sg: Scrgraph) -> None:
    sg.load([REAL])
    profile = run(sg, "review-profile", review="R1")
    assert [r["number"] for r in profile] == LABELS_IN_ORDER
    listed = run(sg, "recommendations-needing-attention", reason="no-action",
                 limit=1000)
    # R1's recommendations 1 and 2 have actions; the rest are listed, in natural order.
    assert [r["number"] for r in listed if r["review"] == "R1"] == [
        label for label in LABELS_IN_ORDER if label not in ("1", "2")]
    detail = run(sg, "theme-detail", theme="neglect")
    assert [r["number"] for r in detail if r["review"] == "R1"] == LABELS_IN_ORDER


def test_number_labels_survive_an_export_and_a_reload(sg: Scrgraph, db: Database,
                                                      tmp_path: Path) -> None:
    sg.load([REAL])
    before = {r["recommendation"]: r["number"] for r in run(sg, "review-profile", review="R1")}
    for kind, name in (("xlsx", "book.xlsx"), ("turtle", "graph.ttl"), ("csv", "csv")):
        sg.export(kind, tmp_path / name)
    for name in ("book.xlsx", "graph.ttl", "csv"):
        db.clear()
        sg.load([tmp_path / name])
        after = {r["recommendation"]: r["number"]
                 for r in run(sg, "review-profile", review="R1")}
        assert after == before, name
        assert published_as(db) == {"R1": "2021-05-04", "R2": "2023", "R3": "2023-04",
                                    "R4": None, "R5": None}, name


def test_an_integer_number_from_rdf_is_read_as_its_label(sg: Scrgraph, db: Database,
                                                        tmp_path: Path) -> None:
    sg.load([REAL])
    graph = tmp_path / "graph.ttl"
    sg.export("turtle", graph)
    text = graph.read_text(encoding="utf-8")
    assert 'nscb:number "10"' in text
    graph.write_text(text.replace('nscb:number "10"', "nscb:number 10"), encoding="utf-8")
    db.clear()
    sg.load([graph])
    numbers = [r["number"] for r in run(sg, "review-profile", review="R1")]
    assert numbers == LABELS_IN_ORDER


# Partial and missing publication dates: R1 2021-05-04 (LCSPR), R2 2023 (LCSPR), R3 2023-04
# (SAR, an adults' board), R4 no date (THEMATIC); each made one or more neglect
# recommendations, all directed at POL.

def test_partial_dates_load_as_given_with_their_year(sg: Scrgraph, db: Database) -> None:
    sg.load([REAL])
    assert published_as(db) == {"R1": "2021-05-04", "R2": "2023", "R3": "2023-04", "R4": None,
                                "R5": None}
    rows = {r["id"]: r for r in db.read(
        "MATCH (r:Review) RETURN r.id AS id, r.year AS year, r.published AS published")}
    assert {k: v["year"] for k, v in rows.items()} == {"R1": 2021, "R2": 2023, "R3": 2023,
                                                       "R4": None, "R5": None}
    # A date only when the report gives the day: never a made-up 1 January.
    assert rows["R1"]["published"].iso_format() == "2021-05-04"
    assert rows["R2"]["published"] is None and rows["R3"]["published"] is None


def test_theme_trend_counts_partial_dates_in_their_year_and_undated_in_none(
        sg: Scrgraph) -> None:
    sg.load([REAL])
    trend = {r["year"]: r for r in run(sg, "theme-trend", theme="neglect")}
    assert sorted(trend) == [2021, 2022, 2023]
    assert [trend[y]["reviews"] for y in (2021, 2022, 2023)] == [1, 0, 2]
    assert trend[2023]["reviews_published"] == 2
    # Four reviews raise neglect; the undated thematic review is in no year.
    assert sum(r["reviews"] for r in trend.values()) == 3


def test_learning_not_embedded_counts_a_year_only_review_from_its_first_day(
        sg: Scrgraph) -> None:
    sg.load([REAL])
    rows = {r["action"]: r for r in run(sg, "learning-not-embedded", theme="neglect")}
    # R1-1-A1 completed 2021-06-01: R2 ('2023', from 2023-01-01) is a year and more later.
    assert rows["R1-1-A1"]["later_reviews"] == ["R2"]
    # R1-2-A1 completed 2022-06-01: '2023' may be before 2023-06-01, so R2 does not count;
    # R3 is an adults' review, and R4 has no date: neither counts as later.
    assert "R1-2-A1" not in rows
    across = {r["action"]: r for r in run(sg, "learning-not-embedded", theme="neglect",
                                          across_partnerships=True)}
    assert across["R1-1-A1"]["later_reviews"] == ["R2", "R3"]
    assert "R1-2-A1" not in across


def police(rows: list[dict[str, Any]]) -> dict[str, Any]:
    return next(r for r in rows if r["agency"] == "POL")


def test_agency_accountability_as_of_counts_partial_and_undated_reviews(sg: Scrgraph) -> None:
    sg.load([REAL])
    before = police(run(sg, "agency-accountability", as_of=dt.date(2022, 12, 31)))
    # R2 ('2023') is not yet published on 2022-12-31; R4 (no date) always counts, and its
    # open action due 2022-01-01 is overdue.
    assert (before["agency"], before["actions"], before["overdue"]) == ("POL", 3, 1)
    after = police(run(sg, "agency-accountability", as_of=dt.date(2023, 3, 1)))
    assert (after["actions"], after["overdue"]) == (4, 1)


@pytest.mark.parametrize(("review", "value", "expected"), [
    ("R1", "", "needs its publication date"),
    ("R2", "2023-13", "has no month 13"),
    ("R2", "April 2023", "write the date as the report gives it"),
    ("R2", "01/02/2023", "could be 1 February or 2 January"),
])
def test_bad_or_missing_publication_dates_are_refused(
        sg: Scrgraph, db: Database, tmp_path: Path, review: str, value: str,
        expected: str) -> None:
    message = refused_edit(sg, db, tmp_path, ("reviews.csv", review, "Published", value))
    assert expected in message and "Published" in message, message


def test_an_action_due_before_its_reviews_publication_year_is_refused(
        sg: Scrgraph, db: Database, tmp_path: Path) -> None:
    message = refused_edit(sg, db, tmp_path, ("actions.csv", "R2-1-A1", "Due", "2022-12-01"))
    assert "before its review was published (2023)" in message


# A national review: R5 (NATIONAL, no date) by the Child Safeguarding Practice Review Panel
# (partnership CSPRP, type national), with recommendations to a government department (DFE),
# all agencies (ALLAG), a group (HEADS) and an agency whose sector is not known (UNK).

def test_a_national_review_loads_with_its_commissioner_and_group_addressees(
        sg: Scrgraph, db: Database) -> None:
    sg.load([REAL])
    review = db.read("MATCH (r:Review {id: 'R5'})-[:COMMISSIONED_BY]->(p:Partnership) "
                     "RETURN r.kind AS kind, p.type AS type, r.publishedAs AS published")
    assert review == [{"kind": "NATIONAL", "type": "national", "published": None}]
    sectors = {r["id"]: r["sector"] for r in db.read(
        "MATCH (a:Agency) RETURN a.id AS id, a.sector AS sector")}
    assert sectors == {"POL": "police", "DFE": "national-government", "ALLAG": "all-agencies",
                       "HEADS": "group", "UNK": None}
    themes = {r["theme"]: r for r in run(sg, "recurring-themes", min_reviews=1)}
    sharing = themes["information-sharing"]
    assert (sharing["reviews"], sharing["recommendations"]) == (1, 2)
    assert sharing["by_review_kind"]["NATIONAL"] == 1
    assert sharing["by_partnership_type"]["national"] == 1
    national = run(sg, "recurring-themes", min_reviews=1, partnership_type="national")
    assert [r["theme"] for r in national] == ["information-sharing"]
    summary = run(sg, "report-summary")[0]
    assert (summary["NATIONAL"], summary["national_reviews"], summary["reviews"]) == (1, 1, 5)


def test_a_national_review_must_be_a_known_kind_and_sector(
        sg: Scrgraph, db: Database, tmp_path: Path) -> None:
    message = refused_edit(sg, db, tmp_path, ("agencies.csv", "UNK", "Sector", "government"))
    assert "'government' is not one of:" in message and "national-government" in message


# Cases and joint reviews (tests/fixtures/cases-and-joint-reviews): one death reviewed as a SAR
# (S1, NSAB) and as a DHR commissioned jointly by NSAB and NCSP (D1), both with case key CASE-A;
# a thematic review of three cases (T1: CASE-B, CASE-C, CASE-D); and C1 with no case key.
# All four raise domestic abuse; S1 and D1 also raise neglect.
CASES = FIXTURES / "cases-and-joint-reviews"


def test_recurring_themes_count_separate_cases_as_well_as_reviews(sg: Scrgraph) -> None:
    sg.load([CASES])
    themes = {r["theme"]: r for r in run(sg, "recurring-themes", min_reviews=1)}
    abuse, neglect = themes["domestic-abuse"], themes["neglect"]
    assert (abuse["reviews"], abuse["cases"], abuse["recommendations"]) == (4, 5, 4)
    assert (neglect["reviews"], neglect["cases"]) == (2, 1)
    # The joint DHR is one DHR, counted under both partnerships that commissioned it.
    assert abuse["by_review_kind"] == {"SCR": 0, "LCSPR": 1, "SAR": 1, "DHR": 1, "THEMATIC": 1,
                                       "NATIONAL": 0}
    assert neglect["by_partnership_type"] == {"children": 0, "adults": 2,
                                              "community-safety": 1, "national": 0}


def test_cross_partnership_themes_count_a_joint_review_once(sg: Scrgraph) -> None:
    sg.load([CASES])
    rows = {r["theme"]: r for r in run(sg, "cross-partnership-themes")}
    abuse, neglect = rows["domestic-abuse"], rows["neglect"]
    assert (abuse["children_reviews"], abuse["adults_reviews"],
            abuse["community_safety_reviews"]) == (2, 2, 1)
    assert (abuse["partnership_types"], abuse["reviews"], abuse["cases"]) == (3, 4, 5)
    # One death, twice reviewed: two partnership types, two reviews, one case.
    assert (neglect["partnership_types"], neglect["reviews"], neglect["cases"]) == (2, 2, 1)


def test_report_themes_count_a_joint_review_once(sg: Scrgraph) -> None:
    # As recurring-themes does: once in reviews and by kind, under each partnership type.
    sg.load([CASES])
    rows = {r["theme"]: r for r in run(sg, "report-themes")}
    keys = ("reviews", "children_reviews", "adults_reviews", "community_safety_reviews",
            "LCSPR", "SAR", "DHR", "THEMATIC", "first_year", "last_year")
    assert [rows["domestic-abuse"][k] for k in keys] == [4, 2, 2, 1, 1, 1, 1, 1, 2021, 2023]
    assert [rows["neglect"][k] for k in keys] == [2, 0, 2, 1, 0, 1, 1, 0, 2022, 2023]


def test_a_joint_review_is_one_row_naming_both_partnerships(sg: Scrgraph) -> None:
    sg.load([CASES])
    detail = run(sg, "theme-detail", theme="domestic-abuse")
    assert sorted(r["review"] for r in detail) == ["C1", "D1", "S1", "T1"]
    joint = next(r for r in detail if r["review"] == "D1")
    assert joint["partnership_type"] == "community-safety;adults"  # in the order NCSP;NSAB
    profile = run(sg, "review-profile", review="D1")
    assert [r["partnership"] for r in profile] == ["NCSP;NSAB"]
    adults = run(sg, "reviews", partnership_type="community-safety")
    assert [r["id"] for r in adults] == ["D1"]


def test_partnerships_and_case_keys_survive_an_export_and_a_reload(
        sg: Scrgraph, db: Database, tmp_path: Path) -> None:
    sg.load([CASES])
    query = ("MATCH (r:Review) RETURN r.id AS id, r.cases AS cases, "
             "COLLECT { MATCH (r)-[:COMMISSIONED_BY]->(p) RETURN p.id ORDER BY p.id } AS by "
             "ORDER BY id")
    before = db.read(query)
    assert before[1] == {"id": "D1", "cases": ["CASE-A"], "by": ["NCSP", "NSAB"]}
    assert before[3]["cases"] == ["CASE-B", "CASE-C", "CASE-D"]
    sg.export("csv", tmp_path / "csv")
    db.clear()
    sg.load([tmp_path / "csv"])
    assert db.read(query) == before
