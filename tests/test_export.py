"""``scrgraph export``: RDF, workbook, GraphML and the REFI-QDA codebook, against a real Neo4j.

The sample (with two recommendations edited to start with '=' and '-') is loaded and exported
in every format once per module; each round trip then empties the database, loads one export
and compares what the graph holds with what it held before (``export_rows``).
"""

from __future__ import annotations

import csv
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx
import openpyxl
import pytest
from rdflib import Graph

from scrgraph.export.exporters import QDC_NAMESPACE, ExportReport, code_guid, export_rows
from scrgraph.facade import Scrgraph
from scrgraph.ingest.format import workbook_spec
from scrgraph.ingest.pipeline import shape_violations
from scrgraph.settings import Settings
from scrgraph.store.db import Database, system_statement
from tests.conftest import clean_env, run_cli
from tests.graphs import sources
from tests.sample import SAMPLE, copy_sample, rows, write_rows

FORMULA_TEXT = '=HYPERLINK("http://example.org","open") Review the referral pathway.'
DASH_TEXT = "-1 in 10 referrals lacked a chronology; review the referral form."
GUID = re.compile(r"^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$")
NS = {"q": QDC_NAMESPACE}
Rows = dict[str, list[dict[str, Any]]]


@dataclass(frozen=True)
class Exported:
    """The sample's exports, and what the graph held when they were written."""

    rows: Rows
    nodes: int
    relationships: int
    files: dict[str, Path]
    reports: dict[str, ExportReport]


@pytest.fixture(scope="module")
def exported(settings: Settings, session_db: Database,
             tmp_path_factory: pytest.TempPathFactory) -> Exported:
    folder = copy_sample(tmp_path_factory.mktemp("formula-sample"))
    data = rows("recommendations.csv", folder)
    data[0]["Recommendation"] = FORMULA_TEXT
    data[1]["Recommendation"] = DASH_TEXT
    write_rows("recommendations.csv", data, folder)
    session_db.clear()
    sg = Scrgraph(settings, session_db)
    sg.load([folder])
    out = tmp_path_factory.mktemp("exports")
    files = {"turtle": out / "graph.ttl", "jsonld": out / "graph.jsonld",
             "xlsx": out / "workbook.xlsx", "csv": out / "csv", "graphml": out / "graph.graphml"}
    reports = {kind: sg.export(kind, path) for kind, path in files.items()}
    nodes = session_db.read("MATCH (n:Resource) RETURN count(n) AS n")[0]["n"]
    relationships = session_db.read(
        "MATCH (:Resource)-[r]->(:Resource) RETURN count(r) AS n")[0]["n"]
    return Exported(export_rows(session_db), nodes, relationships, files, reports)


@pytest.fixture
def sg(settings: Settings, db: Database) -> Scrgraph:
    """The facade over the emptied session database (not closed here: the session owns it)."""
    return Scrgraph(settings, db)


def _reload(sg: Scrgraph, db: Database, path: Path) -> Rows:
    db.clear()
    sg.load([path])
    return export_rows(db)


def _texts(exported_rows: Rows) -> dict[str, Any]:
    return {r["id"]: r["text"] for r in exported_rows["Recommendations"]}


def test_the_cli_offers_exactly_the_exporters_formats() -> None:
    from scrgraph.cli.export import ExportFormat
    from scrgraph.export.exporters import FORMATS

    assert tuple(f.value for f in ExportFormat) == FORMATS


def test_export_statements_return_the_workbook_fields() -> None:
    for sheet in workbook_spec().sheets:
        statement = system_statement(f"export-{sheet.name.lower()}")
        assert statement.returns == tuple(c.field for c in sheet.columns)
        assert not statement.writes
    assert not system_statement("export-graph").writes


def test_export_rows_hold_the_sample(exported: Exported) -> None:
    counts = {sheet: len(items) for sheet, items in exported.rows.items()}
    assert counts == {"Partnerships": 3, "Themes": 1, "Reviews": 16, "Agencies": 19,
                      "Recommendations": 160, "Actions": 194}
    assert exported.reports["xlsx"].counts == counts
    recs = {r["id"]: r for r in exported.rows["Recommendations"]}
    first = recs["NSCP-SCR-2014-01-R1"]
    assert first["review"] == "NSCP-SCR-2014-01"
    assert first["themes"] == ["domestic-abuse", "information-sharing"]
    assert first["standards"] == ["2.2", "2.5"]
    assert first["agencies"] == ["NSP"]
    assert first["smart"] is True
    assert (first["codedBy"], first["codedOn"].isoformat()) == ("M&E officer", "2016-06-15")
    # Unmapped: no codes and no coder, so those cells stay empty.
    assert not {"themes", "standards", "codedBy", "codedOn"} & set(recs["NSCP-SCR-2014-01-R10"])
    review_k = exported.rows["Reviews"][[r["id"] for r in exported.rows["Reviews"]].index(
        "NSCP-SCR-2014-01")]
    assert (review_k["kind"], review_k["partnership"]) == ("SCR", ["NSCP"])
    assert review_k["published"] == "2014-03-19"  # as the report gives it


def test_export_rows_leave_out_pending_suggestions(db: Database, settings: Settings) -> None:
    # R1-1 is coded neglect and 2.2; the tagger's early-help suggestion is not accepted
    Scrgraph(settings, db).load(sources("pending-suggestion"))
    [row] = export_rows(db)["Recommendations"]
    assert row["themes"] == ["neglect"]
    assert row["standards"] == ["2.2"]
    assert row["codedBy"] == "M&E officer"
    # A suggestion is a relationship of its own type, never a flagged coding.
    assert db.read("MATCH (:Recommendation)-[s]->(t:Theme) "
                   "RETURN type(s) AS type, t.code AS theme, s.score AS score "
                   "ORDER BY type") == [
        {"type": "HAS_THEME", "theme": "neglect", "score": None},
        {"type": "SUGGESTS_THEME", "theme": "early-help", "score": 0.5}]


def test_rdf_exports_conform_to_the_shapes(exported: Exported) -> None:
    for kind, fmt in (("turtle", "turtle"), ("jsonld", "json-ld")):
        graph = Graph().parse(exported.files[kind], format=fmt)
        assert len(graph) == exported.reports[kind].counts["triples"]
        assert shape_violations(graph) == []
    assert "@prefix nscb: <https://w3id.org/scrgraph/nscb#>" in exported.files[
        "turtle"].read_text(encoding="utf-8")


def test_turtle_export_loads_back_the_same(exported: Exported, sg: Scrgraph,
                                           db: Database) -> None:
    assert _reload(sg, db, exported.files["turtle"]) == exported.rows


def test_jsonld_export_loads_back_the_same(exported: Exported, sg: Scrgraph,
                                           db: Database) -> None:
    assert _reload(sg, db, exported.files["jsonld"]) == exported.rows


def test_xlsx_export_loads_back_the_same_and_keeps_formulas_as_text(
        exported: Exported, sg: Scrgraph, db: Database) -> None:
    sheet = openpyxl.load_workbook(exported.files["xlsx"])["Recommendations"]
    cells = {c.value: c.data_type for c in sheet["D"] if isinstance(c.value, str)}
    assert cells[FORMULA_TEXT] == "s"  # a text cell, never a formula
    assert cells[DASH_TEXT] == "s"
    after = _reload(sg, db, exported.files["xlsx"])
    assert after == exported.rows
    assert _texts(after)["NSCP-SCR-2014-01-R1"] == FORMULA_TEXT


def test_csv_export_escapes_formulas_and_loads_back_the_same(
        exported: Exported, sg: Scrgraph, db: Database) -> None:
    folder = exported.files["csv"]
    # One file per sheet; an optional sheet (Themes) only when it has rows.
    assert sorted(p.name for p in exported.reports["csv"].paths) == sorted(
        s.file for s in workbook_spec().sheets if not s.optional or exported.rows.get(s.name))
    with (folder / "recommendations.csv").open(encoding="utf-8-sig", newline="") as handle:
        texts = [row["Recommendation"] for row in csv.DictReader(handle)]
    assert "'" + FORMULA_TEXT in texts
    assert "'" + DASH_TEXT in texts
    assert not any(t.startswith(("=", "+", "-", "@")) for t in texts)
    after = _reload(sg, db, folder)
    assert after == exported.rows
    assert _texts(after)["NSCP-SCR-2014-01-R1"] == FORMULA_TEXT
    assert _texts(after)["NSCP-SCR-2014-01-R2"] == DASH_TEXT


def test_graphml_export_opens_with_networkx(exported: Exported) -> None:
    network = nx.read_graphml(exported.files["graphml"])
    report = exported.reports["graphml"]
    assert network.number_of_nodes() == exported.nodes == report.counts["nodes"]
    assert network.number_of_edges() == exported.relationships == report.counts["edges"]
    child_k = network.nodes["https://w3id.org/scrgraph/id/review/NSCP-SCR-2014-01"]
    assert (child_k["label"], child_k["labels"]) == ("Child K", "Review")
    assert child_k["published"] == "2014-03-19"
    assert child_k["year"] == 2014
    theme = network.nodes["https://w3id.org/scrgraph/framework/theme-domestic-abuse"]
    assert (theme["label"], theme["labels"]) == ("Domestic Abuse", "Theme")
    assert "Domestic violence; " in theme["altLabels"]
    types = {data["label"] for _, _, data in network.edges(data=True)}
    assert {"COMMISSIONED_BY", "MADE", "HAS_THEME", "MAPS_TO", "DIRECTED_AT", "RESPONDS_TO",
            "OWNED_BY", "IN_QUADRANT"} <= types
    coded = network.get_edge_data(
        "https://w3id.org/scrgraph/id/recommendation/NSCP-SCR-2014-01-R1",
        "https://w3id.org/scrgraph/framework/theme-domestic-abuse")
    assert (coded["label"], coded["assignedBy"], coded["assignedAt"]) == (
        "HAS_THEME", "M&E officer", "2016-06-15")


def test_codebook_holds_the_framework(tmp_path: Path) -> None:
    no_server = Settings(SCRGRAPH_HOME=tmp_path / "home")  # the codebook needs no database
    path = tmp_path / "framework.qdc"
    report = Scrgraph(no_server).export("qdc", path)
    assert report.counts == {"quadrants": 4, "standards": 23, "themes": 13}
    root = ET.parse(path).getroot()
    assert root.tag == f"{{{QDC_NAMESPACE}}}CodeBook"
    assert root.get("origin", "").startswith("scrgraph ")
    top = root.findall("q:Codes/q:Code", NS)
    quadrants = [c for c in top if c.get("name", "")[:1].isdigit()]
    groups = [c for c in top if c not in quadrants]
    assert len(quadrants) == 4
    assert sum(len(q.findall("q:Code", NS)) for q in quadrants) == 23
    assert sorted(g.get("name", "") for g in groups) == ["Recurring areas of practice",
                                                         "Recurring safeguarding issues"]
    assert sum(len(g.findall("q:Code", NS)) for g in groups) == 13
    every = list(root.iter(f"{{{QDC_NAMESPACE}}}Code"))
    assert len(every) == 4 + 23 + 2 + 13
    guids = [c.get("guid", "") for c in every]
    assert all(GUID.match(g) for g in guids)
    assert len(set(guids)) == len(guids)
    assert {c.get("isCodable") for c in top} == {"false"}
    leaves = [c for c in every if c not in top]
    assert {c.get("isCodable") for c in leaves} == {"true"}
    standard = next(c for c in leaves if c.get("name", "").startswith("2.2 "))
    assert standard.get("guid") == code_guid("https://w3id.org/scrgraph/framework/std-2.2")
    assert standard.findtext("q:Description", default="", namespaces=NS).startswith(
        "Norfolk has effective systems")
    domestic = next(c for c in leaves if c.get("name") == "Domestic Abuse")
    assert "Domestic violence" in domestic.findtext("q:Description", default="",
                                                    namespaces=NS)
    # The same GUIDs every time, so a re-imported codebook matches the analysts' coding.
    again = tmp_path / "again.qdc"
    Scrgraph(no_server).export("qdc", again)
    assert again.read_bytes() == path.read_bytes()
    assert not (tmp_path / "home" / "server.json").exists()


def test_cli_export_turtle(sg: Scrgraph, cli_env: dict[str, str], tmp_path: Path) -> None:
    sg.load([SAMPLE])
    result = run_cli("export", "turtle", "out.ttl", env=cli_env, cwd=tmp_path)
    assert result.code == 0, result.output
    assert "Wrote out.ttl" in result.stdout
    assert "Recommendations 160" in result.stdout
    graph = Graph().parse(tmp_path / "out.ttl", format="turtle")
    assert shape_violations(graph) == []


def test_cli_export_qdc_needs_no_database(tmp_path: Path) -> None:
    env = clean_env(SCRGRAPH_HOME=str(tmp_path / "home"))  # no Neo4j there, none started
    result = run_cli("export", "qdc", "out.qdc", env=env, cwd=tmp_path)
    assert result.code == 0, result.output
    assert "Wrote out.qdc" in result.stdout
    assert ET.parse(tmp_path / "out.qdc").getroot().tag == f"{{{QDC_NAMESPACE}}}CodeBook"
    assert not (tmp_path / "home" / "server.json").exists()


def test_cli_export_reports_a_path_it_cannot_write(tmp_path: Path) -> None:
    env = clean_env(SCRGRAPH_HOME=str(tmp_path / "home"))
    result = run_cli("export", "qdc", str(tmp_path / "missing" / "out.qdc"), env=env)
    assert result.code == 1
    assert "Cannot write" in result.stderr
    assert "Traceback" not in result.output


def test_a_failed_write_leaves_the_previous_file_as_it_was(tmp_path: Path) -> None:
    from scrgraph.files import replacing

    path = tmp_path / "scrgraph.ttl"
    path.write_text("the previous export", encoding="utf-8")
    with pytest.raises(RuntimeError), replacing(path) as temporary:
        temporary.write_text("half an export", encoding="utf-8")
        raise RuntimeError("the disk filled up")
    assert path.read_text(encoding="utf-8") == "the previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["scrgraph.ttl"]  # no part file left
