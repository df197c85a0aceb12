"""Benchmarks: each reports a ratio against a baseline measured in the same run.

Run with ``make bench`` (``python -m scrgraph.dev.benchmarks [--copies N] [--repeat R]``). It starts
its own throwaway local Neo4j in a temporary folder (or uses ``NEO4J_URI``'s database only when
``--use-configured-server`` is given, because it empties that database), and never touches
your data.

Measured:

* **write**: the sample scaled to N copies, written in batched ``UNWIND`` statements (what
  ``scrgraph load`` does) against the baseline of one statement per row, in one transaction
  each. Both start from an empty database and write the same rows.
* **reload**: loading the same rows again (compare and skip) against writing them first.
* **pipeline**: the whole load (read, map, validate, write) against its validation step alone,
  to show where a load's time goes.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from scrgraph.framework.ontology import ontology_graph
from scrgraph.ingest.format import workbook_spec
from scrgraph.ingest.pipeline import prepare_sources
from scrgraph.resources import share_dir
from scrgraph.settings import Settings
from scrgraph.store.db import Database, connect
from scrgraph.store.localdb import LocalNeo4j
from scrgraph.store.mapping import Neo4jMapping, to_property_graph
from scrgraph.store.rows import PropertyGraph
from scrgraph.store.writer import write_graph

# Columns that hold IDs of items copied per replica (agencies and partnerships are shared).
_COPIED = {"Reviews": ("id",), "Recommendations": ("id", "review"),
           "Actions": ("id", "recommendation")}


@dataclass(frozen=True)
class Timing:
    name: str
    seconds: float
    baseline_name: str
    baseline_seconds: float

    @property
    def ratio(self) -> float:
        return self.baseline_seconds / self.seconds if self.seconds else float("inf")


def scaled_sample(copies: int, folder: Path) -> Path:
    """The sample's CSV files with reviews, recommendations and actions copied ``copies`` times."""
    spec = workbook_spec()
    for sheet in spec.sheets:
        source = share_dir("sample") / sheet.file
        with source.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
        headers = {c.field: c.header for c in sheet.columns}
        copied = _COPIED.get(sheet.name)
        out = rows if copied is None else [
            {**row, **{headers[f]: f"{row[headers[f]]}-X{n}" for f in copied}}
            for n in range(copies) for row in rows]
        with (folder / sheet.file).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=[c.header for c in sheet.columns])
            writer.writeheader()
            writer.writerows(out)
    return folder


def _median(run: Callable[[], object], repeat: int, before: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        before()
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run(database: Database, copies: int, repeat: int) -> tuple[list[Timing], dict[str, int]]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = scaled_sample(copies, Path(tmp))
        database.apply_schema()
        ontology = ontology_graph()
        types = list(Neo4jMapping(ontology).rel_types.values())

        start = time.perf_counter()
        prepared = prepare_sources([folder])
        validate_and_read = time.perf_counter() - start
        graph: PropertyGraph = to_property_graph(prepared.data + ontology, ontology)

        def write(batch: int) -> Callable[[], object]:
            return lambda: write_graph(database, graph, managed_types=types, batch_size=batch)

        per_row = _median(write(1), repeat, database.clear)
        batched = _median(write(1000), repeat, database.clear)
        reload = _median(write(1000), repeat, lambda: None)  # the rows are already there
    sizes = {"nodes": len(graph.nodes), "relationships": len(graph.rels),
             "recommendations": sum(1 for n in graph.nodes if "Recommendation" in n.labels)}
    timings = [
        Timing("write, batched UNWIND (1000 rows)", batched, "one statement per row", per_row),
        Timing("reload of unchanged rows", reload, "first write, batched", batched),
        Timing("whole load (read+validate+write)", validate_and_read + batched,
               "read+map+validate alone", validate_and_read),
    ]
    return timings, sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--copies", type=int, default=10, help="copies of the sample (10)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (3)")
    parser.add_argument("--use-configured-server", action="store_true",
                        help="use NEO4J_URI's database (it is emptied) instead of a new one")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="scrgraph-bench-") as home:
        server = None
        if args.use_configured_server:
            settings = Settings()
        else:
            # Never the server NEO4J_URI names: its data is not ours to empty. The explicit
            # neo4j_uri=None outranks the environment.
            settings = Settings(home=Path(home), neo4j_uri=None)
            server = LocalNeo4j(Path(home))
            server.start()
        try:
            with connect(settings) as database:
                timings, sizes = run(database, args.copies, args.repeat)
                database.clear()
        finally:
            if server is not None:
                server.stop()
    print(f"scrgraph benchmarks: the sample x{args.copies} = {sizes['recommendations']} "
          f"recommendations, {sizes['nodes']} nodes, {sizes['relationships']} relationships; "
          f"median of {args.repeat} runs")
    for t in timings:
        print(f"  {t.name:38} {t.seconds:8.3f} s   baseline {t.baseline_name}: "
              f"{t.baseline_seconds:8.3f} s   ratio {t.ratio:6.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
