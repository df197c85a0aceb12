"""A load never quietly rewrites what another source wrote, and says what it changed, by ID.

The sample is loaded first (as ``make demo`` would); then an analyst's own small folder,
``mine``, whose agency IDs happen to match the sample's: one with another name (NSP), one
exactly the same (NUH). The database is compared before and after each load.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from scrgraph.api.main import create_app
from scrgraph.api.tokens import Role, TokenStore
from scrgraph.errors import OverwriteRefused
from scrgraph.facade import Scrgraph
from scrgraph.settings import Settings
from scrgraph.store.db import Database
from tests.conftest import run_cli
from tests.sample import SAMPLE, copy_sample, rows, write_rows
from tests.test_bad_input import fingerprint, state

REVIEW = "WSCP-LCSPR-2024-01"
MINE = {
    "partnerships.csv": "Partnership ID,Name,Type\n"
                        "WSCP,Westshire Safeguarding Children Partnership,children\n",
    "reviews.csv": "Review ID,Title,Type,Partnership ID,Published,Guidance,Summary\n"
                   f"{REVIEW},Child Q,LCSPR,WSCP,2024-05-01,WT2018,A fictional review.\n",
    "agencies.csv": "Agency ID,Name,Sector\n"
                    "NSP,Westshire Police,police\n"
                    "NUH,Northshire University Hospitals NHS Foundation Trust,health\n"
                    "WCSC,Westshire Children's Services,childrens-social-care\n",
    "recommendations.csv": (
        "Recommendation ID,Review ID,Number,Recommendation,Themes,Standards,Agencies,SMART,"
        "Coded by,Coded on\n"
        f"{REVIEW}-R1,{REVIEW},1,\"Westshire Police should record every child present at a "
        "domestic abuse incident by June 2025 and audit the records quarterly.\",DV,2.2,"
        "NSP;WCSC,Yes,analyst,2024-06-01\n"),
    "actions.csv": (SAMPLE / "actions.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    + "\n",
}
NSP_CHANGE = "name: 'Northshire Constabulary' -> 'Westshire Police'"


def write_mine(folder: Path) -> Path:
    folder.mkdir()
    for name, text in MINE.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def mine(tmp_path: Path) -> Path:
    return write_mine(tmp_path / "mine")


@pytest.fixture
def sampled(db: Database, settings: Settings) -> Database:
    """The session's database holding the sample, loaded from its folder ``sample``."""
    with Scrgraph(settings, db) as sg:
        sg.load([SAMPLE])
    return db


def sources(db: Database) -> dict[str, str | None]:
    """Which source each item records as having written it."""
    return {r["id"]: r["source"] for r in db.read(
        "MATCH (n:Resource) WHERE n.id IS NOT NULL AND NOT n:Load "
        "RETURN n.id AS id, n.loadedFrom AS source")}


def test_a_load_that_would_change_another_sources_items_names_them_and_writes_nothing(
        cli_env: dict[str, str], sampled: Database, mine: Path) -> None:
    before, details = fingerprint(sampled), state(sampled)
    refused = run_cli("load", str(mine), env=cli_env)
    assert refused.code == 1, refused.output
    message = " ".join(refused.stderr.split())
    assert "Traceback" not in refused.output
    assert ("This load would change 1 item that another source wrote (sample), so nothing "
            "was changed:") in message
    assert f"Agency NSP (was loaded from sample): {NSP_CHANGE}" in message
    assert "NUH" not in message  # the same values from another source change nothing
    assert "load again with --replace" in message
    assert state(sampled) == details and fingerprint(sampled) == before


def test_replace_changes_exactly_the_named_items_and_lists_every_item(
        cli_env: dict[str, str], sampled: Database, mine: Path) -> None:
    before = {row["iri"]: row for row in fingerprint(sampled)}
    done = run_cli("load", str(mine), "--replace", env=cli_env)
    assert done.code == 0, done.output
    out = " ".join(done.stdout.split())
    assert f"Changed Agency NSP (was loaded from sample): {NSP_CHANGE}" in out
    assert f"Added Review (1): {REVIEW}" in out
    assert "Added Agency (1): WCSC" in out
    assert "Unchanged Agency (1): NUH" in out
    after = {row["iri"]: row for row in fingerprint(sampled)}
    changed = {after[iri]["props"]["id"] for iri in before if after[iri] != before[iri]}
    assert changed == {"NSP"}
    nsp = next(row for row in after.values() if row["props"]["id"] == "NSP")["props"]
    assert nsp["name"] == "Westshire Police" and nsp["loadedFrom"] == "mine"
    loads = {r["id"] for r in sampled.read("MATCH (l:Load {file: 'mine'}) RETURN l.id AS id")}
    added = {row["props"]["id"] for iri, row in after.items() if iri not in before}
    assert len(loads) == 1
    assert added == {"WSCP", REVIEW, f"{REVIEW}-R1", "WCSC"} | loads
    held = sources(sampled)
    assert held["NUH"] == "sample"  # unchanged: still the sample's
    assert held[REVIEW] == held["WCSC"] == held["WSCP"] == "mine"


def test_reloading_the_same_source_with_edits_needs_no_replace(
        cli_env: dict[str, str], sampled: Database, mine: Path) -> None:
    assert run_cli("load", str(mine), "--replace", env=cli_env).code == 0
    agencies = (mine / "agencies.csv").read_text(encoding="utf-8")
    (mine / "agencies.csv").write_text(agencies.replace("Westshire Police,",
                                                        "Westshire Constabulary,"),
                                       encoding="utf-8")
    again = run_cli("load", str(mine), env=cli_env)
    assert again.code == 0, again.output
    assert ("Changed Agency NSP: name: 'Westshire Police' -> 'Westshire Constabulary'"
            in " ".join(again.stdout.split()))
    # and the sample, loaded again, is now the other source: refused, naming NSP
    back = run_cli("load", str(SAMPLE), env=cli_env)
    assert back.code == 1
    assert ("Agency NSP (was loaded from mine): name: 'Westshire Constabulary' -> "
            "'Northshire Constabulary'") in " ".join(back.stderr.split())


def test_json_lists_every_item_by_id(cli_env: dict[str, str], sampled: Database,
                                     mine: Path) -> None:
    done = run_cli("load", str(mine), "--replace", "-f", "json", env=cli_env)
    assert done.code == 0, done.output
    report = json.loads(done.stdout)
    assert report["added"] == {"Agency": ["WCSC"], "Partnership": ["WSCP"],
                               "Recommendation": [f"{REVIEW}-R1"], "Review": [REVIEW]}
    assert report["changed"] == [{"kind": "Agency", "id": "NSP", "changes": [NSP_CHANGE],
                                  "written_by": "sample"}]
    assert report["unchanged"] == {"Agency": ["NUH"]}
    assert report["removed"] == {} and report["changed_anything"] is True
    # the sample's 160 recommendations, reloaded, are listed one by one
    again = json.loads(run_cli("load", str(SAMPLE), "--replace", "-f", "json",
                               env=cli_env).stdout)
    assert len(again["unchanged"]["Recommendation"]) == 160
    assert [c["id"] for c in again["changed"]] == ["NSP"]


def test_a_first_load_counts_only_the_sources_items(cli_env: dict[str, str],
                                                   db: Database) -> None:
    first = run_cli("load", str(SAMPLE), env=cli_env)
    assert first.code == 0, first.output
    out = " ".join(first.stdout.split())
    assert "already in the database" not in out  # a fresh database holds nothing yet
    # the table counts the sample's items only: its one local theme, not the framework's 13
    assert re.search(r"Theme │ 1 │", out.split("Added")[0])
    assert "Added Theme (1): self-neglect" in out
    assert ("The framework's quadrants, standards and themes were written too (43 concepts, "
            "not counted above).") in out
    assert "Added Review (16): " in out and "and 8 more" in out
    assert "'scrgraph load -f json' lists every item." in out


def test_a_sync_does_not_remove_what_another_source_wrote(settings: Settings, sampled: Database,
                                                          tmp_path: Path) -> None:
    copy = copy_sample(tmp_path).rename(tmp_path / "copy")
    gone = rows("recommendations.csv", copy)[0]["Recommendation ID"]
    write_rows("recommendations.csv", [r for r in rows("recommendations.csv", copy)
                                       if r["Recommendation ID"] != gone], copy)
    write_rows("actions.csv", [a for a in rows("actions.csv", copy)
                               if a["Recommendation ID"] != gone], copy)
    before = fingerprint(sampled)
    with Scrgraph(settings, sampled) as sg:
        assert not sg.load([copy]).summary.wrote_anything  # the same items: nothing changes
        with pytest.raises(OverwriteRefused) as caught:
            sg.load([copy], sync=True)
        assert fingerprint(sampled) == before
        assert ("Recommendation", gone, "sample") in {
            (i.label, i.id, i.written_by) for i in caught.value.items}
        done = sg.load([copy], sync=True, replace=True)
    assert ("Recommendation", gone) in done.summary.removed_ids


def test_the_service_refuses_an_overwrite_with_409_and_replaces_when_told(
        settings: Settings, sampled: Database, tmp_path: Path) -> None:
    home = tmp_path / "service"
    editor = TokenStore(home).create("editor", Role.editor)[0]
    files = [("files", (name, text.encode(), "text/csv")) for name, text in MINE.items()]
    service = Scrgraph(Settings(SCRGRAPH_HOME=home), sampled)
    with TestClient(create_app(Settings(SCRGRAPH_HOME=home), scrgraph=service),
                    raise_server_exceptions=False) as client:
        before = fingerprint(sampled)
        refused = client.post("/loads", files=files,
                              headers={"Authorization": f"Bearer {editor}"})
        assert refused.status_code == 409
        assert refused.json()["items"] == [{"kind": "Agency", "id": "NSP",
                                            "written_by": "sample", "changes": [NSP_CHANGE]}]
        assert fingerprint(sampled) == before
        done = client.post("/loads", files=files, data={"replace": "true"},
                           headers={"Authorization": f"Bearer {editor}"})
        assert done.status_code == 201, done.text
        assert done.json()["items"]["changed"][0]["id"] == "NSP"
        assert done.json()["items"]["added"]["Review"] == [REVIEW]
    assert sources(sampled)["NSP"] == "csv"  # the service keeps uploaded .csv in 'csv'
