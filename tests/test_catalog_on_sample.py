"""Every catalog query on the sample data: it runs, and the sample's built-in story shows."""

from __future__ import annotations

import datetime as dt

import pytest

from scrgraph.facade import Scrgraph
from scrgraph.settings import Settings
from scrgraph.store.db import Database
from tests.sample import SAMPLE


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
    assert rows["domestic-abuse"]["by_partnership_type"] == {
        "children": 5, "adults": 2, "community-safety": 3}
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


def test_overdue_actions_as_of_the_samples_reference_date(sg: Scrgraph) -> None:
    rows = sg.run_query("agency-accountability", {"as_of": dt.date(2026, 11, 28)}).rows
    assert sum(r["overdue"] for r in rows) == 17
