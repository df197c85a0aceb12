"""The benchmark script as a user runs it: it reports ratios, and never touches a server it did
not start unless told to."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from scrgraph.dev import loadcsv
from scrgraph.dev.benchmarks import Results, Step
from scrgraph.store.db import Database
from scrgraph.store.localdb import ServerInfo
from scrgraph.store.rows import NodeRow, PropertyGraph, RelRow
from scrgraph.store.writer import write_graph
from tests.conftest import clean_env

FINGERPRINT = ("MATCH (n) WITH count(n) AS nodes "
               "OPTIONAL MATCH ()-[r]->() RETURN nodes, count(r) AS relationships")


@pytest.mark.slow
def test_benchmark_leaves_the_configured_server_alone(db: Database,
                                                      neo4j_server: ServerInfo) -> None:
    db.read("RETURN 1")
    with db.session() as session:
        session.run("CREATE (:Precious {note: 'the user data'})-[:KEEP]->(:Precious)").consume()
    before = db.read(FINGERPRINT)
    env = clean_env(NEO4J_URI=neo4j_server.uri, NEO4J_USER="neo4j",
                    NEO4J_PASSWORD=neo4j_server.password)
    # The load's steps are what write; the queries (run by test_scale) only read.
    proc = subprocess.run(
        [sys.executable, "-m", "scrgraph.dev.benchmarks", "--reviews", "3", "--load-only",
         "--naive-rows", "50"],
        env=env, capture_output=True, text=True, timeout=600, check=False)
    assert proc.returncode == 0, proc.stderr
    assert "| reload of unchanged rows |" in proc.stdout
    assert "| baseline: one statement per row (first 50 rows) |" in proc.stdout
    assert "| query |" not in proc.stdout  # --load-only: no query was timed
    # Its own server has an import folder: LOAD CSV ran and wrote the batched writer's graph.
    assert "| step | wall s | CPU s | server CPU s | rows | rows/s | peak MiB |" in proc.stdout
    assert "| LOAD CSV (1000 rows a transaction) | " in proc.stdout
    assert "skipped" not in proc.stdout
    assert "LOAD CSV wrote the batched writer's graph: the same " in proc.stdout
    assert "- batched write (1000 rows a statement) vs LOAD CSV: " in proc.stdout
    assert db.read(FINGERPRINT) == before
    assert db.read("MATCH (p:Precious) RETURN count(p) AS n") == [{"n": 2}]


EVERY_KIND = {"title": 'A "quoted", comma\nand line', "year": 2023, "score": 0.1,
              "tiny": 1e-300, "smart": True, "late": False, "published": dt.date(2023, 4, 17),
              "at": dt.datetime(2024, 1, 2, 3, 4, 5, 678901),
              "zoned": dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.timezone(dt.timedelta(hours=1))),
              "caseKeys": ["a, b", "Ümlaut \"c\"", "x"]}


def _every_kind(score: float = 0.1) -> PropertyGraph:
    """Two reviews and an agency carrying every kind of value, linked with properties."""
    base = "https://example.org/lcsv/"
    nodes = (NodeRow(base + "r1", ("Review",), {**EVERY_KIND, "id": "r1", "score": score}),
             NodeRow(base + "r2", ("Review",), {"id": "r2", "year": 2019}),
             NodeRow(base + "a1", ("Agency",), {"id": "a1", "name": "Police, North"}))
    rels = (RelRow("DIRECTED_AT", base + "r1", base + "a1",
                   {"accepted": True, "assignedAt": dt.date(2024, 5, 1)}),
            RelRow("DIRECTED_AT", base + "r2", base + "a1"))
    return PropertyGraph(nodes, rels)


def _load_csv(db: Database, graph: PropertyGraph, folder: Path) -> loadcsv.Fingerprint:
    db.clear()
    with tempfile.TemporaryDirectory(dir=folder) as tmp:
        files = loadcsv.write_files(graph, Path(tmp))
        assert loadcsv.load(db, files, Path(tmp).name, batch=1) == len(graph.nodes) + len(
            graph.rels)
    return loadcsv.fingerprint(db)


@pytest.mark.slow
def test_load_csv_writes_what_the_writer_writes_every_kind_of_value(db: Database) -> None:
    graph = _every_kind()
    write_graph(db, graph, managed_types=["DIRECTED_AT"], confirmed=True)
    written = loadcsv.fingerprint(db)
    assert (written.nodes, written.labels, written.types) == (
        3, {"Agency": 1, "Resource": 3, "Review": 2}, {"DIRECTED_AT": 2})
    held = db.read("MATCH (n:Review {id: 'r1'}) RETURN n.zoned AS zoned, n.caseKeys AS keys, "
                   "n.year AS year")
    assert held[0]["keys"] == EVERY_KIND["caseKeys"] and held[0]["year"] == 2023
    folder, why = loadcsv.import_folder(db)
    assert folder is not None, why
    assert loadcsv.differences(written, _load_csv(db, graph, folder)) == []
    assert db.read("MATCH (n:Review {id: 'r1'}) RETURN n.zoned AS zoned, n.caseKeys AS keys, "
                   "n.year AS year") == held
    # One float off in the last digit is a different graph, and the check says so.
    assert loadcsv.differences(written, _load_csv(db, _every_kind(0.1 + 2e-17), folder)) == [
        "the same counts, but some properties or relationship ends differ"]
    # Fewer relationships are counted by type.
    fewer = PropertyGraph(graph.nodes, graph.rels[:1])
    assert loadcsv.differences(written, _load_csv(db, fewer, folder)) == [
        "type DIRECTED_AT: 2 expected, 1 found"]
    assert not any(folder.iterdir())  # the files and the probe are gone


def test_a_value_csv_cannot_carry_stops_the_step(tmp_path: Path) -> None:
    empty = PropertyGraph((NodeRow("urn:x", ("Review",), {"id": "x", "title": ""}),), ())
    with pytest.raises(loadcsv.Unrepresentable, match="title: an empty string"):
        loadcsv.write_files(empty, tmp_path)
    mixed = PropertyGraph((NodeRow("urn:x", ("Review",), {"id": "x", "year": 2020}),
                           NodeRow("urn:y", ("Review",), {"id": "y", "year": "2020"})), ())
    with pytest.raises(loadcsv.Unrepresentable, match="year: both int and string"):
        loadcsv.write_files(mixed, tmp_path)


def test_a_skipped_load_csv_says_why_and_gives_no_ratio() -> None:
    results = Results(3, 1, steps=[
        Step("write, batched UNWIND (1000 rows a statement)", 2.0, 0.5, 100.0, 4000),
        Step("LOAD CSV (1000 rows a transaction)", 0.0, 0.0, 100.0,
             skipped="the server could not read a file written here (ClientError)"),
        Step("baseline: one statement per row (first 50 rows)", 1.0, 0.2, 100.0, 50)])
    markdown = results.to_markdown()
    assert ("| LOAD CSV (1000 rows a transaction) | skipped: the server could not read a file "
            "written here (ClientError) |") in markdown
    assert results.ratios() == [
        "batched write (1000 rows a statement) vs one statement per row: 40.00x the rows per "
        "second (2,000 against 50)"]
    assert results.to_json()["steps"][1]["skipped"].startswith("the server could not")


def test_a_query_that_fails_at_scale_is_a_row_saying_why_and_the_run_goes_on() -> None:
    # At national size a query can run out of the server's transaction memory: the
    # benchmark records it and times the next query, instead of stopping.
    from scrgraph.dev.benchmarks import _time_query
    from scrgraph.errors import CatalogError
    from scrgraph.results import QueryResult

    def fails() -> QueryResult:
        raise CatalogError("Query 'big' failed: the transaction memory limit was reached\nmore")

    timing, rows = _time_query(fails, "big", repeat=3)
    assert rows == [] and timing.failed == (
        "Query 'big' failed: the transaction memory limit was reached")
    results = Results(3, 1, queries=[timing])
    assert ("| big | failed after 0.0 s: Query 'big' failed: the transaction memory limit was "
            "reached |") in results.to_markdown()
