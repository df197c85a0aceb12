"""The report's figures as things stood on a past day (``--as-of``), on a small graph.

tests/fixtures/report-as-of: review R1 (2020-01-01) with R1-1 (standards 1.1, 2.1; POLICE),
R1-2 (1.1; POLICE) and R1-3 (3.1; CSC); review R2 (published 2024-03-01) with R2-1 (1.1;
POLICE). Actions: A1 open on R1-1 (due 2023-06-01); A2 on R1-2 due 2023-12-31 and completed
only on 2024-02-07; A3 on R1-3 completed on 2022-12-01, its impact evidenced on 2024-06-01;
A4 on R1-3 judged not implemented on 2024-05-10 (due 2023-01-01, barriers recorded); A5 open
on R2-1 (due 2024-06-01).

On 2024-01-01, R2 was not yet published (R2-1 and A5 are left out), A2 was not yet done and
was overdue, A3 was completed but its impact not yet evidenced, and A4 was still in progress
and overdue. Today (the sample's 2026-11-28) A1 and A5 are overdue, A2 and A3 done.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from scrgraph.facade import Scrgraph
from scrgraph.settings import Settings
from scrgraph.store.db import Database
from tests.conftest import run_cli
from tests.graphs import sources

D = dt.date.fromisoformat
THEN = "2024-01-01"
NOW = "2026-11-28"


@pytest.fixture(scope="module")
def sg(session_db: Database, settings: Settings) -> Scrgraph:
    session_db.clear()
    facade = Scrgraph(settings, session_db)
    facade.load(sources("report-as-of"))
    return facade


def rows(sg: Scrgraph, name: str, **params: Any) -> list[dict[str, Any]]:
    result = sg.run_query(name, params)
    assert result.columns == sg.catalog[name].returns
    return result.rows


def pick(found: list[dict[str, Any]], *keys: str) -> list[tuple[Any, ...]]:
    return [tuple(row[k] for k in keys) for row in found]


def test_the_status_on_a_day_is_written_once_in_the_words_of_agency_accountability() -> None:
    # One rule, one wording: every query that reads statuses as of a date holds the CASE of
    # agency-accountability, letter for letter (white space aside).
    catalog = Scrgraph().catalog
    case = re.compile(r"CASE\s+WHEN a\.status IN \['completed', 'impact-evidenced'\].*?"
                      r"ELSE a\.status END", re.DOTALL)

    def words(text: str) -> str:
        return " ".join(text.split())

    rule = case.search(catalog["agency-accountability"].text)
    assert rule is not None
    # The agency network page's groups read each action's status as recorded now, and take
    # as_of only as the day an action is overdue on (as the page did before it counted in the
    # database); its header says so.
    now = catalog["agency-action-groups"]
    assert "status (as recorded now)" in " ".join(now.description.split())
    assert case.search(now.text) is None
    readers = [q for q in catalog if "as_of" in {p.name for p in q.params}
               and "a.status" in q.text and q.name != now.name]
    assert {q.name for q in readers} == {
        "agency-accountability", "report-agencies", "report-overdue-actions",
        "report-quadrants", "report-recommendations", "report-summary"}
    for query in readers:
        found = case.search(query.text)
        assert found is not None and words(found.group()) == words(rule.group()), query.name


def test_report_summary_as_of(sg: Scrgraph) -> None:
    keys = ("reviews", "recommendations", "actions", "overdue", "done", "impact_evidenced",
            "recommendations_without_action", "last_published", "as_of")
    assert pick(rows(sg, "report-summary", as_of=NOW), *keys) == [
        (2, 4, 5, 2, 2, 1, 0, D("2024-03-01"), D(NOW))]
    assert pick(rows(sg, "report-summary", as_of=THEN), *keys) == [
        (1, 3, 4, 3, 1, 0, 0, D("2020-01-01"), D(THEN))]


def test_report_quadrants_as_of(sg: Scrgraph) -> None:
    keys = ("quadrant", "standards", "standards_with_learning", "recommendations", "reviews",
            "actions", "done", "impact_evidenced", "overdue")
    assert pick(rows(sg, "report-quadrants", as_of=NOW), *keys) == [
        ("1", 5, 1, 3, 2, 3, 1, 0, 2), ("2", 5, 1, 1, 1, 1, 0, 0, 1),
        ("3", 4, 1, 1, 1, 2, 1, 1, 0), ("4", 9, 0, 0, 0, 0, 0, 0, 0)]
    assert pick(rows(sg, "report-quadrants", as_of=THEN), *keys) == [
        ("1", 5, 1, 2, 1, 2, 0, 0, 2), ("2", 5, 1, 1, 1, 1, 0, 0, 1),
        ("3", 4, 1, 1, 1, 2, 1, 0, 1), ("4", 9, 0, 0, 0, 0, 0, 0, 0)]


def test_report_agencies_as_of(sg: Scrgraph) -> None:
    def row(agency: str, *counts: int) -> dict[str, Any]:
        keys = ("recommendations", "actions", "open", "in_progress", "completed",
                "impact_evidenced", "not_implemented", "superseded", "done", "overdue",
                "completed_late", "with_barriers", "recommendations_without_action")
        return {"agency": agency, "name": f"Agency {agency}", "sector": "other",
                **dict(zip(keys, counts, strict=True))}

    assert rows(sg, "report-agencies", as_of=NOW) == [
        row("POLICE", 3, 3, 2, 0, 1, 0, 0, 0, 1, 2, 1, 0, 0),
        row("CSC", 1, 2, 0, 0, 0, 1, 1, 0, 1, 0, 0, 1, 0)]
    assert rows(sg, "report-agencies", as_of=THEN) == [
        row("POLICE", 2, 2, 1, 1, 0, 0, 0, 0, 0, 2, 0, 0, 0),
        row("CSC", 1, 2, 0, 1, 1, 0, 0, 0, 1, 1, 0, 1, 0)]


def test_report_agencies_agree_with_agency_accountability(sg: Scrgraph) -> None:
    for day in (NOW, THEN):
        report = pick(rows(sg, "report-agencies", as_of=day), "agency", "actions", "done",
                      "overdue", "not_implemented")
        overall = pick(rows(sg, "agency-accountability", as_of=day), "agency", "actions",
                       "done", "overdue", "not_implemented")
        assert sorted(report) == sorted(overall), day


def test_report_overdue_actions_as_of(sg: Scrgraph) -> None:
    keys = ("action", "agency", "status", "due", "days_overdue", "barriers", "review")
    assert pick(rows(sg, "report-overdue-actions", as_of=NOW), *keys) == [
        ("A1", "POLICE", "open", D("2023-06-01"), 1276, None, "R1"),
        ("A5", "POLICE", "open", D("2024-06-01"), 910, None, "R2")]
    assert pick(rows(sg, "report-overdue-actions", as_of=THEN), *keys) == [
        ("A4", "CSC", "in-progress", D("2023-01-01"), 365, "Staff shortage.", "R1"),
        ("A1", "POLICE", "open", D("2023-06-01"), 214, None, "R1"),
        ("A2", "POLICE", "in-progress", D("2023-12-31"), 1, None, "R1")]


def test_report_recommendations_as_of(sg: Scrgraph) -> None:
    keys = ("recommendation", "actions", "done")
    assert pick(rows(sg, "report-recommendations", as_of=NOW), *keys) == [
        ("R1-1", 1, 0), ("R1-2", 1, 1), ("R1-3", 2, 1), ("R2-1", 1, 0)]
    assert pick(rows(sg, "report-recommendations", as_of=THEN), *keys) == [
        ("R1-1", 1, 0), ("R1-2", 1, 0), ("R1-3", 2, 1)]


def test_every_report_section_leaves_out_reviews_published_later(sg: Scrgraph) -> None:
    assert pick(rows(sg, "report-reviews", as_of=THEN), "review") == [("R1",)]
    def neglect(day: str) -> list[tuple[Any, ...]]:
        return pick([r for r in rows(sg, "report-themes", as_of=day) if r["reviews"]],
                    "theme", "reviews", "recommendations")

    assert neglect(THEN) == [("neglect", 1, 3)]
    assert neglect(NOW) == [("neglect", 2, 4)]


def test_cli_report_as_of_shows_the_figures_of_that_day(
        sg: Scrgraph, cli_env: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "then"
    done = run_cli("report", "--as-of", THEN, "-f", "html", "-f", "csv", "-o", str(out),
                   env=cli_env)
    assert done.code == 0, done.output
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "as things stood on 1 January 2024: reviews published by" in html
    assert ("1 of the 4 actions are done (completed or impact evidenced), but only 0 have "
            "evidence of their impact; 3 actions are overdue on 01 January 2024.") in html
    summary = (out / "tables" / "summary.csv").read_text(encoding="utf-8-sig").splitlines()
    header, values = summary[0].split(","), summary[1].split(",")
    assert {k: values[header.index(k)] for k in ("reviews", "actions", "overdue", "done")} == {
        "reviews": "1", "actions": "4", "overdue": "3", "done": "1"}
    overdue = (out / "tables" / "overdue-actions.csv").read_text(encoding="utf-8-sig")
    assert [line.split(",")[2] for line in overdue.splitlines()[1:]] == ["A4", "A1", "A2"]
