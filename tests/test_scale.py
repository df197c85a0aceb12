"""A small version of the benchmark (issue 16) as a smoke test: a synthetic corpus goes
through every step the full benchmark measures, against the session's real Neo4j. Nothing
here asserts a timing; what is asserted is that each step ran on the whole corpus."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from scrgraph.dev.benchmarks import NETWORK_VIEWS, Results, run
from scrgraph.facade import Scrgraph
from scrgraph.settings import Settings
from scrgraph.store.db import Database

REVIEWS = 30  # ~400 recommendations; larger runs wait on the relationship MERGE (bench/)


def _count(folder: Path, file: str) -> int:
    with (folder / file).open(encoding="utf-8", newline="") as handle:
        return sum(1 for _ in csv.DictReader(handle))


@pytest.mark.slow
def test_the_small_benchmark_runs_every_step(db: Database, settings: Settings,
                                             tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    results: Results = run(db, settings, reviews=REVIEWS, seed=2, repeat=1,
                           batch_sizes=(500, 2000), naive_rows=200, folder=corpus)
    recommendations = _count(corpus, "recommendations.csv")
    actions = _count(corpus, "actions.csv")
    assert results.sizes["reviews"] == REVIEWS
    # The database holds the whole corpus as scrgraph load left it.
    held = db.read("MATCH (r:Review) WITH count(r) AS reviews "
                   "MATCH (c:Recommendation) WITH reviews, count(c) AS recs "
                   "MATCH (a:Action) RETURN reviews, recs, count(a) AS actions")
    assert held == [{"reviews": REVIEWS, "recs": recommendations, "actions": actions}]
    names = [s.name for s in results.steps]
    for expected in ("read and map to RDF", "validate (SHACL and framework checks)",
                     "map to property-graph rows", "reload of unchanged rows",
                     "write, batched UNWIND (500 rows a statement)",
                     "write, batched UNWIND (2000 rows a statement)",
                     "report: data (every report query)", "report: HTML"):
        assert expected in names
    assert any(n.startswith("baseline: one statement per row") for n in names)
    assert all(f"network {view}: page" in names for view in NETWORK_VIEWS)
    written = next(s for s in results.steps
                   if s.name == "write, batched UNWIND (500 rows a statement)")
    assert written.rows == results.sizes["nodes"] + results.sizes["relationships"]
    # Every catalog query ran with its example parameters, and the headline ones found rows.
    with Scrgraph(settings, db) as sg:
        catalog = sorted(q.name for q in sg.queries())
    assert sorted(q.name for q in results.queries) == catalog
    rows = {q.name: q.rows for q in results.queries}
    assert rows["recurring-themes"] > 0 and rows["theme-cooccurrence"] > 0
    report = json.loads(json.dumps(results.to_json()))
    assert report["sizes"]["recommendations"] == recommendations
    assert "| query | runs | rows | p50 ms | p95 ms |" in results.to_markdown()
