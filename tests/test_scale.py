"""A small version of the benchmark (issue 16) as a smoke test: a synthetic corpus goes
through every step the full benchmark measures, against the session's real Neo4j. Nothing
here asserts a timing; what is asserted is that each step ran on the whole corpus."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from scrgraph.dev.benchmarks import (
    NETWORK_VIEWS,
    Results,
    baseline_catalog,
    baseline_page,
    baseline_params,
    comparable,
    queries_only,
    run,
)
from scrgraph.facade import Scrgraph
from scrgraph.settings import Settings
from scrgraph.store.db import Database
from scrgraph.store.localdb import ServerInfo
from scrgraph.synth import write_corpus

REVIEWS = 500  # the smoke size: ~7,000 recommendations, ~4,000 actions
#: The rewritten queries' old texts (bench/baseline/) are compared on a corpus of their own:
#: they are the slow texts the rewrites replaced, quick on this many reviews only.
REWRITE_REVIEWS = 30

#: Parameters the rewritten queries are compared under, beyond their examples: each of their
#: options, at values that keep rows on the small corpus.
REWRITE_PARAMS: dict[str, list[dict[str, object]]] = {
    "learning-not-embedded": [{}, {"across_partnerships": True}, {"gap_months": 0},
                              {"max_ids": 0, "across_partnerships": True}, {"max_ids": 1},
                              {"theme": "domestic-abuse", "gap_months": 24}],
    "learning-not-embedded-by-theme": [{}, {"across_partnerships": True, "gap_months": 3}],
    "repeated-recommendations": [{"min_similarity": 0.3, "limit": 100_000},
                                 {"min_similarity": 0.0, "limit": 100_000},
                                 {"min_similarity": 0.0, "skip": 40, "limit": 25}, {}],
    "report-theme-pairs": [{"min_reviews": 1}, {"from_year": 2019, "to_year": 2023},
                           {"kind": "SAR,DHR", "min_reviews": 1},
                           {"partnership": "children"},
                           {"theme": "domestic-abuse", "min_reviews": 1}],
    "recurring-themes": [{}, {"min_reviews": 1}, {"kind": "DHR"}, {"partnership_type": "adults"},
                         {"partnership_type": "children", "kind": "LCSPR", "min_reviews": 3},
                         {"scope": "framework", "min_reviews": 1}],
    "report-themes": [{}, {"as_of": "2020-06-30"}, {"kind": "SAR,DHR", "from_year": 2018},
                      {"partnership": "children", "theme": "neglect"},
                      {"partnership": "adults", "to_year": 2019}],
    "report-agencies": [{}, {"as_of": "2020-06-30"}, {"kind": "SAR,DHR", "from_year": 2018},
                        {"partnership": "children", "theme": "neglect"}],
    "recommendations-needing-attention": [{"limit": 100_000},
                                          {"reason": "no-action", "limit": 100_000},
                                          {"reason": "smart-gaps", "skip": 40, "limit": 25},
                                          {"skip": 90, "limit": 30}, {}],
    "implementation-by-quadrant": [{}, {"partnership_type": "adults"},
                                   {"partnership_type": "children"},
                                   {"partnership_type": "national"}],
    "cross-quadrant-recommendations": [{"limit": 100_000},
                                       {"min_quadrants": 3, "limit": 100_000},
                                       {"skip": 40, "limit": 25}, {}],
}


def _count(folder: Path, file: str) -> int:
    with (folder / file).open(encoding="utf-8", newline="") as handle:
        return sum(1 for _ in csv.DictReader(handle))


@dataclass(frozen=True)
class Benchmarked:
    results: Results
    corpus: Path


@pytest.fixture(scope="module")
def benchmarked(session_db: Database, settings: Settings, neo4j_server: ServerInfo,
                tmp_path_factory: pytest.TempPathFactory) -> Iterator[Benchmarked]:
    """The small benchmark, run once for this module's tests (the old texts apart, below);
    the database is left holding its corpus until the last test here replaces it."""
    corpus = tmp_path_factory.mktemp("scale") / "corpus"
    # The session's server keeps the plans it made on the other tests' small graphs
    # (conftest's KEEP_PLANS); this corpus is larger, so its queries are planned for it.
    _forget_plans(session_db)
    results = run(session_db, settings, reviews=REVIEWS, seed=2, repeat=1,
                  batch_sizes=(1000,), naive_rows=200, folder=corpus,
                  server_pid=neo4j_server.pid, old_texts=False)
    yield Benchmarked(results, corpus)
    _forget_plans(session_db)  # the next module's small graphs get plans of their own


def _forget_plans(db: Database) -> None:
    with db.session() as session:
        session.run("CALL db.clearQueryCaches()").consume()


@pytest.mark.slow
def test_the_small_benchmark_runs_every_step(benchmarked: Benchmarked, session_db: Database,
                                             settings: Settings) -> None:
    db, results, corpus = session_db, benchmarked.results, benchmarked.corpus
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
                     "warm-up: a batched write into the fresh server (not compared)",
                     "write, batched UNWIND (1000 rows a statement)",
                     "report: data (every report query)", "report: HTML"):
        assert expected in names
    assert any(n.startswith("baseline: one statement per row") for n in names)
    assert all(f"network {view}: page" in names for view in NETWORK_VIEWS)
    written = next(s for s in results.steps
                   if s.name == "write, batched UNWIND (1000 rows a statement)")
    assert written.rows == results.sizes["nodes"] + results.sizes["relationships"]
    # LOAD CSV ran on the same rows (the session's server has an import folder) and left the
    # batched writer's graph: the same nodes by label, relationships by type and properties.
    by_csv = next(s for s in results.steps if s.name == "LOAD CSV (1000 rows a transaction)")
    assert by_csv.skipped is None
    assert by_csv.server_cpu is not None and written.server_cpu is not None  # the server's CPU
    assert by_csv.rows == written.rows
    check = results.load_csv_check
    assert check is not None and check.same, check
    assert check.nodes == results.sizes["nodes"]
    assert check.relationships == results.sizes["relationships"]
    assert check.labels["Recommendation"] == recommendations
    assert check.labels["Action"] == actions and check.labels["Review"] == REVIEWS
    assert check.types["MADE"] == recommendations
    assert "LOAD CSV wrote the batched writer's graph" in results.to_markdown()
    assert any(r.startswith("batched write (1000 rows a statement) vs LOAD CSV: ")
               for r in results.ratios())
    assert not any("warm-up" in r for r in results.ratios())  # compared with nothing
    assert not results.rewrites  # the old texts are compared apart (the last test)
    # Every catalog query ran with its example parameters, and the headline ones found rows.
    with Scrgraph(settings, db) as sg:
        catalog = sorted(q.name for q in sg.queries())
    assert sorted(q.name for q in results.queries) == catalog
    assert [q.name for q in results.queries if q.failed] == []
    rows = {q.name: q.rows for q in results.queries}
    assert rows["recurring-themes"] > 0 and rows["theme-cooccurrence"] > 0
    report = json.loads(json.dumps(results.to_json()))
    assert report["sizes"]["recommendations"] == recommendations
    assert "| query | runs | rows | p50 ms | p95 ms |" in results.to_markdown()


@pytest.mark.slow
def test_queries_only_and_the_rewritten_queries_old_texts(
        benchmarked: Benchmarked, session_db: Database, settings: Settings,
        neo4j_server: ServerInfo, tmp_path: Path) -> None:
    """On a smaller corpus, loaded with scrgraph load (last in this file: it replaces the
    benchmark's corpus): ``--queries-only`` times what the database holds, with the server's
    CPU, and writes nothing; and each query rewritten for scale gives exactly the rows of its
    text from before the rewrite (bench/baseline/, slow texts, quick on this many reviews),
    under each of its options; where the rewrite added paging, exactly the page of them it
    asks for."""
    db = session_db
    baseline = baseline_catalog()
    assert baseline is not None
    assert sorted(baseline.names()) == sorted(REWRITE_PARAMS)
    corpus = tmp_path / "corpus"
    write_corpus(corpus, reviews=REWRITE_REVIEWS, seed=2)
    db.clear()  # the plans made on the benchmark's corpus are kept: planning is most of the time
    with Scrgraph(settings, db) as sg:
        sg.load([corpus])
    fingerprint = ("MATCH (n) WITH count(n) AS nodes OPTIONAL MATCH ()-[r]->() "
                   "RETURN nodes, count(r) AS relationships")
    before = db.read(fingerprint)
    results = queries_only(db, settings, repeat=1, server_pid=neo4j_server.pid)
    assert db.read(fingerprint) == before  # nothing written
    assert results.sizes["reviews"] == REWRITE_REVIEWS
    assert results.sizes["nodes"] == before[0]["nodes"]
    assert sorted(q.name for q in results.queries) == sorted(
        q.name for q in benchmarked.results.queries)  # the whole catalog
    assert all(q.server_p50_ms is not None for q in results.queries)
    assert all(q.failed is None for q in results.queries)
    assert {q.name: q.rows for q in results.queries}["recurring-themes"] > 0
    assert {s.name for s in results.steps} >= {"report: HTML",
                                               *(f"network {v}: page" for v in NETWORK_VIEWS)}
    markdown = results.to_markdown()
    assert "reviews the database held" in markdown and "| rewritten query |" in markdown
    # The benchmark's own comparison of the old texts, on each query's example parameters.
    assert {r.name: r.same_rows for r in results.rewrites} == dict.fromkeys(REWRITE_PARAMS, True)
    with Scrgraph(settings, db) as sg:
        for name, variants in REWRITE_PARAMS.items():
            found = 0
            for params in variants:
                after = sg.run_query(name, params).rows
                bound = sg.bind_query(name, params)
                before = baseline.run(db, name, baseline_params(baseline, name, bound)).rows
                assert baseline_page(baseline, name, bound, before) == comparable(
                    after, before), (name, params)
                found += len(after)
            assert found > 0, f"{name} found nothing on the corpus: the comparison is empty"
