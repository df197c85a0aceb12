"""Loading the sample into a real Neo4j: exact counts, no-op reloads, updates and --sync."""

from __future__ import annotations

from pathlib import Path

import pytest

from scrgraph.errors import NeedsConfirmation
from scrgraph.facade import Scrgraph
from scrgraph.settings import Settings
from scrgraph.store.db import Database
from tests.conftest import run_cli
from tests.sample import SAMPLE, codes, copy_sample, rows, write_rows


def count(db: Database, pattern: str) -> int:
    """How many matches of a fixed test pattern (written here, never from input)."""
    query = f"MATCH {pattern} RETURN count(*) AS n"  # noqa: S608 - test-only fixed patterns
    return int(db.read(query)[0]["n"])


@pytest.fixture
def loaded(db: Database, settings: Settings) -> Database:
    with Scrgraph(settings, db) as sg:
        sg.load([SAMPLE])
    return db


def test_sample_loads_with_exact_counts(loaded: Database) -> None:
    reviews, recs = rows("reviews.csv"), rows("recommendations.csv")
    actions, agencies = rows("actions.csv"), rows("agencies.csv")
    # The documented size of the sample (data/sample/README.md) ...
    assert (len(reviews), len(recs), len(actions), len(agencies)) == (16, 160, 194, 19)
    # ... and the graph holds exactly what the CSV files say.
    assert count(loaded, "(:Review)") == 16
    assert count(loaded, "(:Recommendation)") == 160
    assert count(loaded, "(:Action)") == 194
    assert count(loaded, "(:Agency)") == 19
    assert count(loaded, "(:Partnership)") == 3
    assert count(loaded, "(:Theme)") == 14  # the 13 key themes and NSAB's self-neglect
    assert count(loaded, "(:Standard)") == 23
    assert count(loaded, "(:Quadrant)") == 4
    assert count(loaded, "(:Load)") == 1
    # one per review, and two for the joint DHR of Mrs A (NCSP;NSAB)
    assert count(loaded, "(:Review)-[:COMMISSIONED_BY]->(:Partnership)") == 17
    assert count(loaded, "(:Review)-[:MADE]->(:Recommendation)") == 160
    assert count(loaded, "(:Action)-[:RESPONDS_TO]->(:Recommendation)") == 194
    assert count(loaded, "(:Action)-[:OWNED_BY]->(:Agency)") == 194
    assert count(loaded, "(:Recommendation)-[:HAS_THEME]->(:Theme)") == sum(
        len(codes(r["Themes"])) for r in recs)
    assert count(loaded, "(:Recommendation)-[:MAPS_TO]->(:Standard)") == sum(
        len(codes(r["Standards"])) for r in recs)
    assert count(loaded, "(:Recommendation)-[:DIRECTED_AT]->(:Agency)") == sum(
        len(codes(r["Agencies"])) for r in recs)
    assert count(loaded, "(:Load)-[:LOADED]->(:Review)") == 16
    assert count(loaded, "(:Standard)-[:IN_QUADRANT]->(:Quadrant)") == 23


def test_loaded_values_and_relationships_match_the_source(loaded: Database) -> None:
    review = loaded.read(
        "MATCH (r:Review {id: $id})-[:COMMISSIONED_BY]->(p:Partnership) "
        "RETURN r.title AS title, r.kind AS kind, toString(r.published) AS published, "
        "r.year AS year, r.guidance AS guidance, p.id AS partnership, p.type AS type",
        {"id": "NSCP-SCR-2014-01"})
    assert review == [{"title": "Child K", "kind": "SCR", "published": "2014-03-19",
                       "year": 2014, "guidance": "WT2013", "partnership": "NSCP",
                       "type": "children"}]
    coded = loaded.read(
        "MATCH (r:Recommendation {id: $id})-[c:HAS_THEME]->(t:Theme) "
        "RETURN t.code AS theme, c.assignedBy AS by, toString(c.assignedAt) AS at, "
        "c.accepted AS accepted ORDER BY theme", {"id": "NSCP-SCR-2014-01-R1"})
    assert coded == [
        {"theme": "domestic-abuse", "by": "M&E officer", "at": "2016-06-15", "accepted": True},
        {"theme": "information-sharing", "by": "M&E officer", "at": "2016-06-15",
         "accepted": True},
    ]
    action = loaded.read(
        "MATCH (a:Action {id: $id})-[:OWNED_BY]->(g:Agency) "
        "RETURN a.status AS status, toString(a.due) AS due, toString(a.completed) AS done, "
        "g.id AS owner", {"id": "NSCP-SCR-2014-01-R1-A1"})
    assert action == [{"status": "impact-evidenced", "due": "2014-09-30",
                       "done": "2014-10-20", "owner": "NSP"}]


def test_the_brief_headline_domestic_abuse_in_five_childrens_cases(loaded: Database) -> None:
    result = loaded.read(
        "MATCH (p:Partnership {type: 'children'})<-[:COMMISSIONED_BY]-(r:Review)"
        "-[:MADE]->(:Recommendation)-[:HAS_THEME]->(:Theme {code: 'domestic-abuse'}) "
        "RETURN count(DISTINCT r) AS cases")
    assert result == [{"cases": 5}]


def test_reloading_the_same_source_changes_nothing(loaded: Database, settings: Settings
                                                  ) -> None:
    before = loaded.details()
    with Scrgraph(settings, loaded) as sg:
        report = sg.load([SAMPLE])
    assert not report.summary.wrote_anything
    assert report.summary.unchanged["Recommendation"] == 160
    after = loaded.details()
    assert (after.nodes, after.relationships) == (before.nodes, before.relationships)
    assert count(loaded, "(:Load)") == 1


def test_a_changed_row_updates_its_item(db: Database, settings: Settings,
                                        tmp_path: Path) -> None:
    folder = copy_sample(tmp_path)
    with Scrgraph(settings, db) as sg:
        sg.load([folder])
        recs = rows("recommendations.csv", folder)
        recs[0]["Themes"] = "neglect"
        recs[0]["Recommendation"] = "Revised wording."
        write_rows("recommendations.csv", recs, folder)
        report = sg.load([folder])
    assert report.summary.changed == {"Recommendation": 1}
    assert report.summary.added == {}
    themes = db.read("MATCH (r:Recommendation {id: $id})-[:HAS_THEME]->(t) "
                     "RETURN r.text AS text, collect(t.code) AS themes",
                     {"id": recs[0]["Recommendation ID"]})
    assert themes == [{"text": "Revised wording.", "themes": ["neglect"]}]
    assert count(db, "(:Load)") == 2


def test_sync_removes_items_no_longer_in_the_source(db: Database, settings: Settings,
                                                    tmp_path: Path) -> None:
    folder = copy_sample(tmp_path)
    recs = rows("recommendations.csv", folder)
    actions = rows("actions.csv", folder)
    gone = recs[1]["Recommendation ID"]
    with Scrgraph(settings, db) as sg:
        sg.load([folder])
        write_rows("recommendations.csv", [r for r in recs if r["Recommendation ID"] != gone],
                   folder)
        write_rows("actions.csv", [a for a in actions if a["Recommendation ID"] != gone],
                   folder)
        without_sync = sg.load([folder])
        assert without_sync.summary.removed == {}
        assert count(db, "(:Recommendation)") == 160  # kept: no --sync
        with_sync = sg.load([folder], sync=True)
    gone_actions = sum(1 for a in actions if a["Recommendation ID"] == gone)
    assert with_sync.summary.removed == {"Recommendation": 1, "Action": gone_actions}
    assert ("Recommendation", gone) in with_sync.summary.removed_ids
    assert count(db, "(:Recommendation)") == 159
    assert count(db, "(:Action)") == 194 - gone_actions


def test_a_sync_that_removes_far_more_than_usual_asks_first(db: Database, settings: Settings,
                                                             tmp_path: Path) -> None:
    folder = copy_sample(tmp_path)
    with Scrgraph(settings, db) as sg:
        sg.load([folder])
        before = db.details()
        # A workbook that lost most of its rows (a filtered sheet saved by mistake): --sync
        # would remove 150 recommendations and 192 actions.
        write_rows("recommendations.csv", rows("recommendations.csv", folder)[:10], folder)
        write_rows("actions.csv", [a for a in rows("actions.csv", folder)
                                   if a["Recommendation ID"].endswith(("-R1", "-R2"))
                                   and a["Recommendation ID"].startswith("NSCP-SCR-2014-01")],
                   folder)
        with pytest.raises(NeedsConfirmation) as caught:
            sg.load([folder], sync=True)
        assert "This load would remove 342 recommendations and actions" in str(caught.value)
        assert "run it again with --yes" in str(caught.value)
        assert db.details() == before  # nothing was changed
        confirmed = sg.load([folder], sync=True, confirmed=True)
    assert sum(confirmed.summary.removed.values()) == 342
    assert count(db, "(:Recommendation)") == 10


def test_cli_load_prints_what_it_added_then_nothing(cli_env: dict[str, str],
                                                    db: Database) -> None:
    first = run_cli("load", str(SAMPLE), env=cli_env)
    assert first.code == 0, first.output
    assert "Recommendation" in first.stdout and "160" in first.stdout
    again = run_cli("load", str(SAMPLE), env=cli_env)
    assert again.code == 0, again.output
    assert "Nothing changed" in again.stdout
