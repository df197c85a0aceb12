"""Benchmarks at scale: a synthetic corpus loaded, reloaded and queried, each step timed.

Run with ``make bench`` (``python -m scrgraph.dev.benchmarks [--reviews N] [--repeat R]
[--out DIR]``). It writes a fictional corpus with ``scrgraph synth`` (``--reviews`` reviews,
``--seed``), starts its own throwaway local Neo4j in a temporary folder (or uses
``NEO4J_URI``'s database only when ``--use-configured-server`` is given, because it empties
that database), and never touches your data.

Measured, each with its wall time, the process's CPU time, the Neo4j server's CPU time (when
the script started the server, or was given its process) and the process's peak memory so far
(its maximum resident size after the step):

* **load stages**: reading and mapping the CSV files to RDF, the SHACL gate, mapping to
  property-graph rows, writing them in batched ``UNWIND`` statements (what ``scrgraph load``
  does) into an empty database, for each batch size given, after a first write that warms the
  server up (shown apart; ``--no-warm-up`` leaves it out);
* **baseline**: the same rows written one statement (one round trip) per row, over the first
  ``--naive-rows`` rows only (it is slow), as rows per second next to the batched write's;
* **reload**: writing the same rows again (compare and skip);
* **LOAD CSV**: the same rows written as CSV files into the server's import folder and loaded
  into an empty database by Neo4j's own ``LOAD CSV ... CALL { } IN TRANSACTIONS`` with the
  writer's merge semantics (``dev/loadcsv.py``); the graph it leaves is checked to be the
  batched writer's (nodes by label, relationships by type, every property). Skipped, with a
  line saying why, when the server cannot read files written here (a remote server);
* **queries**: every catalog query with its example parameters, ``--repeat`` times: p50 and
  p95; and each query's text from before its rewrite (``bench/baseline/``, in a checkout),
  timed the same way beside it, with whether both returned the same rows (where the rewrite
  added paging, the old text's rows are sliced to the page the new one returns);
* **fronts**: the theme report's data and HTML, and each network view's data and page.

Results go to stdout as Markdown and, with ``--out DIR``, to ``DIR/bench.md`` and
``DIR/bench.json``. Timings are never asserted anywhere: a small run is a smoke test
(tests/test_scale.py).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shlex
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from scrgraph.catalog.queries import Catalog
from scrgraph.dev import loadcsv
from scrgraph.errors import ScrgraphError
from scrgraph.facade import Scrgraph
from scrgraph.framework.ontology import ontology_graph
from scrgraph.graphs import GraphUnion
from scrgraph.ingest.pipeline import SourceResolver, read_source
from scrgraph.ingest.shacl import validate
from scrgraph.results import QueryResult
from scrgraph.settings import Settings
from scrgraph.store.db import Database, connect
from scrgraph.store.localdb import LocalNeo4j
from scrgraph.store.mapping import Neo4jMapping, to_property_graph
from scrgraph.store.rows import PropertyGraph
from scrgraph.store.writer import write_graph
from scrgraph.synth import write_corpus

T = TypeVar("T")

NETWORK_VIEWS = ("theme-map", "reviews-themes", "agency-accountability", "theme")
"""The network views timed; ``theme`` is the theme in focus raised by the most reviews."""

#: The catalog queries as they were before their rewrites for scale (issue 16), kept as
#: baselines: in a checkout only (a wheel does not carry bench/).
BASELINE = Path(__file__).resolve().parents[3] / "bench" / "baseline"


def baseline_catalog() -> Catalog | None:
    """The queries of ``bench/baseline/``, or None outside a checkout."""
    return Catalog.load(BASELINE) if BASELINE.is_dir() else None


def baseline_params(baseline: Catalog, name: str, bound: Mapping[str, Any]) -> dict[str, Any]:
    """The parameters of a query's text from before its rewrite, out of those the current
    text was bound with (``Scrgraph.bind_query``): the paging the rewrite added left out."""
    declared = {p.name for p in baseline[name].params}
    return {k: v for k, v in bound.items() if k in declared}


def baseline_page(baseline: Catalog, name: str, bound: Mapping[str, Any],
                  rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The page of the old text's rows the current text answers with ``bound``: where the
    rewrite added paging (``skip``, ``limit``), the old text returned every row in the same
    order, so the page is a slice of them; otherwise all of them."""
    declared = {p.name for p in baseline[name].params}
    if "limit" in bound and "limit" not in declared:
        skip = int(bound.get("skip") or 0)
        rows = rows[skip:skip + int(bound["limit"])]
    if int(bound.get("max_ids") or 0) > 0 and "max_ids" not in declared:
        # The rewrite lists the first max_ids of each list (and counts them all).
        most = int(bound["max_ids"])
        rows = [{k: v[:most] if isinstance(v, list) else v for k, v in row.items()}
                for row in rows]
    return rows


def comparable(rows: list[dict[str, Any]], old: list[dict[str, Any]]
               ) -> list[dict[str, Any]]:
    """``rows`` with only the columns the old text's rows have (a rewrite may add counts)."""
    if not old:
        return rows
    keys = old[0].keys()
    return [{k: row[k] for k in keys if k in row} for row in rows]


@dataclass(frozen=True)
class Step:
    name: str
    wall: float
    cpu: float
    peak_mib: float
    rows: int | None = None
    server_cpu: float | None = None  # the Neo4j process's CPU, when it runs on this machine
    skipped: str | None = None  # why the step did not run (then its figures mean nothing)

    @property
    def rows_per_second(self) -> float | None:
        return self.rows / self.wall if self.rows and self.wall else None


LOAD_CSV = "LOAD CSV"
BATCHED = "write, batched UNWIND"
NAIVE = "baseline: one statement per row"
WARM_UP = "warm-up: a batched write into the fresh server (not compared)"


@dataclass(frozen=True)
class SameGraph:
    """The check that LOAD CSV wrote the batched writer's graph."""
    nodes: int
    relationships: int
    labels: dict[str, int]
    types: dict[str, int]
    same: bool
    differences: list[str]


@dataclass(frozen=True)
class QueryTiming:
    name: str
    runs: int
    rows: int
    p50_ms: float
    p95_ms: float
    server_p50_ms: float | None = None  # the server's CPU per run, p50, when it is known
    failed: str | None = None  # why the query gave no answer (then the times mean nothing)


@dataclass(frozen=True)
class Rewrite:
    """A catalog query timed beside its text from before the rewrite, on the same data."""
    name: str
    before: QueryTiming
    after: QueryTiming
    same_rows: bool


@dataclass
class Results:
    reviews: int
    seed: int
    sizes: dict[str, int] = field(default_factory=dict)
    steps: list[Step] = field(default_factory=list)
    queries: list[QueryTiming] = field(default_factory=list)
    rewrites: list[Rewrite] = field(default_factory=list)
    load_csv_check: SameGraph | None = None
    server_pid: int | None = None  # the Neo4j process whose CPU each step reports, if known
    held: bool = False  # timed on what the database held (--queries-only), not a corpus of ours

    def ratios(self) -> list[str]:
        """The batched writes' rows per second against LOAD CSV's and one statement per
        row's, one line each."""
        def rate(prefix: str) -> Step | None:
            return next((s for s in self.steps if s.name.startswith(prefix)
                         and s.skipped is None and s.rows_per_second), None)
        lines = []
        for batched in (s for s in self.steps if s.name.startswith(BATCHED)):
            for prefix, name in ((LOAD_CSV + " (", "LOAD CSV"), (NAIVE, "one statement per row")):
                other = rate(prefix)
                if other is not None and batched.rows_per_second and other.rows_per_second:
                    lines.append(f"batched write ({batched.name[len(BATCHED) + 2:-1]}) vs "
                                 f"{name}: {batched.rows_per_second / other.rows_per_second:.2f}x"
                                 f" the rows per second ({batched.rows_per_second:,.0f} against "
                                 f"{other.rows_per_second:,.0f})")
        return lines

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        for step, raw in zip(self.steps, data["steps"], strict=True):
            raw["rows_per_second"] = step.rows_per_second
        data["ratios"] = self.ratios()
        del data["server_pid"], data["held"]
        return data

    def to_markdown(self) -> str:
        sizes = ", ".join(f"{n:,} {k}" for k, n in self.sizes.items())
        title = (f"{self.reviews:,} reviews the database held" if self.held
                 else f"{self.reviews:,} synthetic reviews (seed {self.seed})")
        lines = [f"# scrgraph benchmark: {title}",
                 "", sizes, "",
                 "| step | wall s | CPU s | server CPU s | rows | rows/s | peak MiB |",
                 "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for s in self.steps:
            if s.skipped is not None:
                lines.append(f"| {s.name} | skipped: {s.skipped} |  |  |  |  |  |")
                continue
            rate = s.rows_per_second
            server = "" if s.server_cpu is None else f"{s.server_cpu:.2f}"
            lines.append(f"| {s.name} | {s.wall:.2f} | {s.cpu:.2f} | {server} | "
                         f"{'' if s.rows is None else f'{s.rows:,}'} | "
                         f"{'' if rate is None else f'{rate:,.0f}'} | {s.peak_mib:.0f} |")
        check = self.load_csv_check
        if check is not None:
            lines += ["", (f"LOAD CSV wrote the batched writer's graph: the same "
                           f"{check.nodes:,} nodes by label ({len(check.labels)} labels) and "
                           f"{check.relationships:,} relationships ({len(check.types)} types), "
                           "and every property the same (checked after both)."
                           if check.same else "LOAD CSV did NOT write the batched writer's "
                           "graph: " + "; ".join(check.differences))]
        if ratios := self.ratios():
            lines += ["", *(f"- {line}" for line in ratios)]
        if self.queries:
            lines += ["", "| query | runs | rows | p50 ms | p95 ms | server CPU p50 ms |",
                      "| --- | ---: | ---: | ---: | ---: | ---: |"]
            lines += [f"| {q.name} | failed after {q.p50_ms / 1000:.1f} s: {q.failed} |  |  |  |  |"
                      if q.failed else
                      f"| {q.name} | {q.runs} | {q.rows:,} | {q.p50_ms:.1f} | {q.p95_ms:.1f} | "
                      f"{'' if q.server_p50_ms is None else f'{q.server_p50_ms:.0f}'} |"
                      for q in self.queries]
        if self.rewrites:
            lines += ["", "| rewritten query | rows before | rows after | p50 ms before "
                      "| p50 ms after | p95 ms before | p95 ms after | same rows |",
                      "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
            lines += [f"| {r.name} | {r.before.rows:,} | {r.after.rows:,} | "
                      f"{r.before.p50_ms:.1f} | {r.after.p50_ms:.1f} | "
                      f"{r.before.p95_ms:.1f} | {r.after.p95_ms:.1f} | "
                      f"{'yes' if r.same_rows else 'NO'} |" for r in self.rewrites]
        return "\n".join(lines) + "\n"


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def process_cpu(pid: int | None) -> float | None:
    """The CPU seconds (user and system) process ``pid`` has used, where Linux shows them."""
    if pid is None:
        return None
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _timed(results: Results, name: str, run: Callable[[], T], rows: int | None = None) -> T:
    server = process_cpu(results.server_pid)
    wall, cpu = time.perf_counter(), time.process_time()
    value = run()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    after = process_cpu(results.server_pid)
    results.steps.append(Step(name, wall, cpu, _peak_mib(), rows,
                              None if server is None or after is None else after - server))
    return value


def _percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _first_rows(graph: PropertyGraph, count: int) -> PropertyGraph:
    """The first ``count`` rows of ``graph``: nodes first, then relationships between them."""
    nodes = graph.nodes[:count]
    kept = {n.iri for n in nodes}
    rels = tuple(r for r in graph.rels if r.start in kept and r.end in kept)
    return PropertyGraph(nodes, rels[:max(0, count - len(nodes))])


def _time_query(run: Callable[[], QueryResult], name: str, repeat: int,
                server_pid: int | None = None) -> tuple[QueryTiming, list[dict[str, Any]]]:
    """Run a query ``repeat`` times: its p50 and p95 in milliseconds (and the server's CPU,
    p50, when its process is known), and its rows."""
    times: list[float] = []
    server: list[float] = []
    rows: list[dict[str, Any]] = []
    for _ in range(repeat):
        before = process_cpu(server_pid)
        start = time.perf_counter()
        try:
            rows = run().rows
        except ScrgraphError as exc:
            # At scale a query can fail (the server's transaction memory): a row saying so,
            # and the run goes on to the next query.
            spent = (time.perf_counter() - start) * 1000
            return QueryTiming(name, 1, 0, spent, spent, None, str(exc).splitlines()[0]), []
        times.append((time.perf_counter() - start) * 1000)
        after = process_cpu(server_pid)
        if before is not None and after is not None:
            server.append((after - before) * 1000)
    return (QueryTiming(name, repeat, len(rows), statistics.median(times),
                        _percentile(times, 0.95),
                        statistics.median(server) if server else None), rows)


def _load_csv(results: Results, database: Database, sg: Scrgraph, graph: PropertyGraph,
              batched: loadcsv.Fingerprint, batch: int) -> None:
    """Time LOAD CSV into an empty database (the framework loaded, as for the batched
    writes) and check that it leaves the batched writer's graph; skip it, saying why, when the
    server cannot read files written here."""
    name = f"{LOAD_CSV} ({batch} rows a transaction)"
    folder, why = loadcsv.import_folder(database)
    if folder is None:
        results.steps.append(Step(name, 0.0, 0.0, _peak_mib(), skipped=why))
        return
    with tempfile.TemporaryDirectory(prefix="scrgraph-loadcsv-", dir=folder) as tmp:
        files = _timed(results, f"{LOAD_CSV}: write the CSV files",
                       partial(loadcsv.write_files, graph, Path(tmp)))
        database.clear()
        sg.load_framework()
        _timed(results, name, partial(loadcsv.load, database, files, Path(tmp).name, batch),
               len(graph.nodes) + len(graph.rels))
    loaded = loadcsv.fingerprint(database)
    diff = loadcsv.differences(batched, loaded)
    results.load_csv_check = SameGraph(loaded.nodes, loaded.relationships, loaded.labels,
                                       loaded.types, not diff, diff)
    assert not diff, "LOAD CSV did not write the batched writer's graph: " + "; ".join(diff)


def run(database: Database, settings: Settings, *, reviews: int, seed: int = 1, repeat: int = 5,
        batch_sizes: Sequence[int] = (1000,), naive_rows: int = 2000,
        folder: Path | None = None, load_only: bool = False, csv_batch: int = 1000,
        server_pid: int | None = None, warm_up: bool = True,
        old_texts: bool = True) -> Results:
    """Measure everything on a synthetic corpus of ``reviews`` reviews (in ``folder``, or a
    temporary one); the database is emptied first and left holding the corpus. With
    ``load_only``, only the load's steps (reading to the baseline writer): no catalog query,
    report or network. ``csv_batch`` rows go in each of LOAD CSV's transactions. With
    ``server_pid`` (the server's process, on this machine), each step reports its CPU too.
    With ``warm_up``, one batched write comes first, shown apart and compared with nothing.
    With ``old_texts``, each rewritten query's old text is timed and compared beside it
    (they are slow: leave them out above a few hundred reviews)."""
    results = Results(reviews, seed, server_pid=server_pid)
    with tempfile.TemporaryDirectory(prefix="scrgraph-synth-") as tmp:
        corpus = folder or Path(tmp)
        _timed(results, "synth: write the corpus",
               lambda: write_corpus(corpus, reviews=reviews, seed=seed))
        database.clear()
        database.apply_schema()
        sg = Scrgraph(settings, database)
        sg.load_framework()
        ontology = ontology_graph()
        types = list(Neo4jMapping(ontology).rel_types.values())
        read, problems = _timed(results, "read and map to RDF",
                                lambda: read_source(corpus, ontology, SourceResolver(ontology)))
        assert read is not None and not problems, problems
        report = _timed(results, "validate (SHACL and framework checks)",
                        lambda: validate(read.graph))
        assert report.conforms, str(report)
        graph = _timed(results, "map to property-graph rows",
                       lambda: to_property_graph(GraphUnion(read.graph, ontology), ontology))
        total = len(graph.nodes) + len(graph.rels)
        recommendations = sum(1 for n in graph.nodes if "Recommendation" in n.labels)
        results.sizes = {"reviews": reviews, "recommendations": recommendations,
                         "triples": len(read.graph), "nodes": len(graph.nodes),
                         "relationships": len(graph.rels)}
        sample = _first_rows(graph, naive_rows)
        sample_rows = len(sample.nodes) + len(sample.rels)
        if warm_up:
            # The first write into a fresh server is slower whatever its batch size (Java
            # compiling the hot paths, first plans): shown, but compared with nothing.
            database.clear()
            sg.load_framework()
            _timed(results, WARM_UP, partial(write_graph, database, graph, managed_types=types,
                                             confirmed=True), total)
        for size in batch_sizes:
            database.clear()
            sg.load_framework()
            _timed(results, f"write, batched UNWIND ({size} rows a statement)",
                   partial(write_graph, database, graph, managed_types=types,
                           batch_size=size, confirmed=True), total)
        batched = loadcsv.fingerprint(database)  # the last batched write's graph
        _timed(results, "reload of unchanged rows",
               lambda: write_graph(database, graph, managed_types=types, confirmed=True), total)
        _load_csv(results, database, sg, graph, batched, csv_batch)
        database.clear()
        sg.load_framework()
        _timed(results, f"baseline: one statement per row (first {sample_rows:,} rows)",
               lambda: write_graph(database, sample, managed_types=types, batch_size=1,
                                   confirmed=True),
               sample_rows)
        if load_only:
            return results
        database.clear()
        sg.load([corpus])  # the corpus as scrgraph load leaves it, for the queries
        time_catalog_and_fronts(results, database, sg, repeat, old_texts)
    return results


def time_catalog_and_fronts(results: Results, database: Database, sg: Scrgraph,
                            repeat: int, old_texts: bool = True) -> None:
    """Time every catalog query (and, with ``old_texts``, each rewritten query's old text
    beside it), the report and the network views on what ``database`` holds, into
    ``results``."""
    answers = {}
    for query in sg.queries():
        timing, answers[query.name] = _time_query(
            partial(sg.run_query, query.name, sg.query_example(query.name)), query.name, repeat,
            results.server_pid)
        results.queries.append(timing)
    baseline = baseline_catalog() if old_texts else None
    for old in baseline or ():
        assert baseline is not None
        bound = sg.bind_query(old.name, sg.query_example(old.name))
        before, rows = _time_query(
            partial(baseline.run, database, old.name,
                    baseline_params(baseline, old.name, bound)),
            old.name, repeat)
        after = next(q for q in results.queries if q.name == old.name)
        results.rewrites.append(Rewrite(
            old.name, before, after,
            comparable(answers[old.name], rows)
            == baseline_page(baseline, old.name, bound, rows)))
    try:
        data = _timed(results, "report: data (every report query)", sg.report)
        _timed(results, "report: HTML", lambda: sg.report_html(data))
    except ScrgraphError as exc:
        results.steps.append(_failed("report", exc))
    for view in NETWORK_VIEWS:
        try:
            options = _view_options(sg, view)
            built = _timed(results, f"network {view}: data", partial(sg.network, view, **options))
            _timed(results, f"network {view}: page", partial(sg.render_network, built))
        except ScrgraphError as exc:
            results.steps.append(_failed(f"network {view}", exc))


def _view_options(sg: Scrgraph, view: str) -> dict[str, Any]:
    """What a view needs besides its name: for ``theme``, the theme raised by the most
    reviews (the largest, so the slowest to draw)."""
    if view != "theme":
        return {}
    raised = sg.run_query("recurring-themes", {"min_reviews": 1}).rows
    if not raised:
        return {}
    return {"theme": max(raised, key=lambda r: (r["reviews"], r["theme"]))["theme"]}


def _failed(name: str, exc: ScrgraphError) -> Step:
    """A front that failed at this scale, shown as a row saying why."""
    return Step(name, 0.0, 0.0, _peak_mib(), skipped="failed: " + str(exc).splitlines()[0])


def queries_only(database: Database, settings: Settings, *, repeat: int,
                 server_pid: int | None = None, old_texts: bool = True) -> Results:
    """Time the catalog, the report and the network views on what ``database`` already holds
    (a corpus loaded with ``scrgraph load``): nothing is written or emptied."""
    sg = Scrgraph(settings, database)
    counts = database.read_statement("counts", {})[0]
    summary = sg.run_query("report-summary", {}).rows[0]  # every review, as of today
    results = Results(int(summary["reviews"]), 0, server_pid=server_pid, held=True)
    results.sizes = {"reviews": int(summary["reviews"]),
                     "recommendations": int(summary["recommendations"]),
                     "actions": int(summary["actions"]), "nodes": int(counts["nodes"]),
                     "relationships": int(counts["relationships"])}
    time_catalog_and_fronts(results, database, sg, repeat, old_texts)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--reviews", type=int, default=200, help="synthetic reviews (200)")
    parser.add_argument("--seed", type=int, default=1, help="the corpus's seed (1)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per query (5)")
    parser.add_argument("--batch", type=int, action="append",
                        help="rows per UNWIND statement; give it several times to compare "
                             "(default 1000)")
    parser.add_argument("--naive-rows", type=int, default=2000,
                        help="rows the one-statement-per-row baseline writes (2000)")
    parser.add_argument("--csv-batch", type=int, default=1000,
                        help="rows per transaction of LOAD CSV (1000)")
    parser.add_argument("--no-warm-up", action="store_true",
                        help="leave out the first write, which warms the server up")
    parser.add_argument("--load-only", action="store_true",
                        help="time the load's steps only: no catalog query, report or network")
    parser.add_argument("--queries-only", action="store_true",
                        help="with --use-configured-server: time the catalog, report and "
                             "network views on what its database holds (loaded with 'scrgraph "
                             "load'); nothing is written or emptied")
    parser.add_argument("--no-old-texts", action="store_true",
                        help="leave out the rewritten queries' old texts (bench/baseline/), "
                             "which are slow at scale")
    parser.add_argument("--server-pid", type=int,
                        help="the configured server's process, on this machine: each step "
                             "reports its CPU too")
    parser.add_argument("--out", type=Path, help="write bench.md and bench.json here")
    parser.add_argument("--use-configured-server", action="store_true",
                        help="use NEO4J_URI's database (it is emptied) instead of a new one")
    args = parser.parse_args(argv)
    if args.queries_only:
        if not args.use_configured_server:
            parser.error("--queries-only times what a server holds: give "
                         "--use-configured-server (and NEO4J_URI, or SCRGRAPH_HOME)")
        with connect(Settings()) as database:
            results = queries_only(database, Settings(), repeat=args.repeat,
                                   server_pid=args.server_pid,
                                   old_texts=not args.no_old_texts)
        return _print(results, args.out)
    with tempfile.TemporaryDirectory(prefix="scrgraph-bench-") as home:
        server, server_pid = None, None
        if args.use_configured_server:
            settings = Settings()
        else:
            # Never the server NEO4J_URI names: its data is not ours to empty. The explicit
            # neo4j_uri=None and local_port=None outrank the environment: a port of its own,
            # and the heap and Java options the user set for local servers.
            settings = Settings(home=Path(home), neo4j_uri=None, local_port=None)
            # LOAD CSV reads files from the server's import folder, here one of our own.
            imports = Path(home) / "import"
            imports.mkdir()
            server = LocalNeo4j(settings.home, settings.local_port, settings.local_heap,
                                tuple(shlex.split(settings.local_java_options)),
                                conf={"server.directories.import": str(imports)})
            server_pid = server.start().pid
        try:
            with connect(settings) as database:
                results = run(database, settings, reviews=args.reviews, seed=args.seed,
                              repeat=args.repeat, batch_sizes=args.batch or [1000],
                              naive_rows=args.naive_rows, load_only=args.load_only,
                              csv_batch=args.csv_batch, server_pid=server_pid,
                              warm_up=not args.no_warm_up,
                              old_texts=not args.no_old_texts)
                database.clear()
        finally:
            if server is not None:
                server.stop()
    return _print(results, args.out)


def _print(results: Results, out: Path | None) -> int:
    markdown = results.to_markdown()
    print(markdown)
    if out:
        out.mkdir(parents=True, exist_ok=True)
        (out / "bench.md").write_text(markdown, encoding="utf-8")
        (out / "bench.json").write_text(json.dumps(results.to_json(), indent=2) + "\n",
                                        encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
