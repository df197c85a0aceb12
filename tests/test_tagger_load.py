"""The SMART check in validation and loads: notes located in their source, gaps stored on the
recommendation (computed by scrgraph, never taken from a source), against a real Neo4j."""

from __future__ import annotations

from pathlib import Path

from scrgraph.facade import Scrgraph
from scrgraph.settings import Settings
from scrgraph.store.db import Database
from tests.conftest import clean_env, run_cli
from tests.sample import copy_sample, rows, write_rows

SMART_TEXT = ("Children's Services should audit 20 neglect cases by March 2024 and report the "
              "findings to the Board.")
VAGUE_TEXT = "Consider the voice of the child."


def _two_texts(tmp_path: Path) -> tuple[Path, list[dict[str, str]]]:
    folder = copy_sample(tmp_path)
    recs = rows("recommendations.csv", folder)
    recs[0]["Recommendation"] = SMART_TEXT
    recs[1]["Recommendation"] = VAGUE_TEXT
    recs[1]["SMART"] = "Yes"
    write_rows("recommendations.csv", recs, folder)
    return folder, recs


def test_check_notes_what_the_smart_check_finds_where_it_is(tmp_path: Path) -> None:
    folder, recs = _two_texts(tmp_path)
    report = Scrgraph(Settings(SCRGRAPH_HOME=tmp_path / "home")).check([folder])
    assert report.conforms  # notes never block
    by_row = {n.row: n for n in report.notes}
    assert 2 not in by_row  # the SMART text
    note = by_row[3]
    assert (note.file, note.sheet, note.column) == ("recommendations.csv", "Recommendations",
                                                    "Recommendation")
    assert note.value == VAGUE_TEXT
    assert "no timescale" in note.message and "no measure" in note.message
    assert "no specific action (only 'Consider')" in note.message
    assert "SMART column says Yes" in note.message
    # its agencies (the Agencies column) are its owners
    assert recs[1]["Agencies"] and "no owning agency" not in note.message


def test_a_load_stores_the_gaps_and_replaces_any_a_source_brings(
        db: Database, settings: Settings, tmp_path: Path) -> None:
    folder, recs = _two_texts(tmp_path)
    smart_id, vague_id = recs[0]["Recommendation ID"], recs[1]["Recommendation ID"]
    brought = tmp_path / "gaps.ttl"
    brought.write_text(
        "@prefix nscb: <https://w3id.org/scrgraph/nscb#> .\n"
        f"<https://w3id.org/scrgraph/id/recommendation/{smart_id}> nscb:smartGap \"owner\" .\n",
        encoding="utf-8")
    with Scrgraph(settings, db) as sg:
        report = sg.load([folder, brought])
    assert any(n.row == 3 for n in report.notes)
    found = {r["id"]: r["gaps"] for r in db.read(
        "MATCH (r:Recommendation) WHERE r.id IN $ids RETURN r.id AS id, r.smartGaps AS gaps",
        {"ids": [smart_id, vague_id]})}
    assert found == {smart_id: None, vague_id: ["action", "measure", "timescale"]}


def test_cli_validate_prints_the_notes_and_still_conforms(tmp_path: Path) -> None:
    folder, _ = _two_texts(tmp_path)
    result = run_cli("validate", str(folder), env=clean_env(SCRGRAPH_HOME=str(tmp_path / "h")))
    assert result.code == 0, result.output
    assert "The data conforms" in result.stdout
    assert "the SMART check finds something missing from" in result.stdout
    assert "sheet Recommendations, row " in result.stdout
    assert "more: 'scrgraph tag" in result.stdout  # the rest are counted, not listed
