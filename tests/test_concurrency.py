"""Several loads, or several commands, at once: the same result as one."""

from __future__ import annotations

import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from scrgraph.facade import Scrgraph
from scrgraph.settings import Settings
from scrgraph.store.db import Database
from scrgraph.store.localdb import LocalNeo4j
from tests.conftest import SCRGRAPH, clean_env
from tests.sample import SAMPLE

# Every node and relationship, without the time a Load was recorded (it differs per load).
GRAPH = """
MATCH (n:Resource)
OPTIONAL MATCH (n)-[r]->(m:Resource)
WITH n, type(r) AS type, m.iri AS target, properties(r) AS props
ORDER BY type, target
WITH n, collect([type, target, props]) AS rels
RETURN n.iri AS iri, labels(n) AS labels,
       [k IN keys(n) WHERE k <> 'at' | [k, n[k]]] AS props, rels
ORDER BY iri
"""


def graph(db: Database) -> list[dict[str, object]]:
    return [{**row, "labels": sorted(row["labels"]), "props": sorted(row["props"])}
            for row in db.read(GRAPH)]


def test_concurrent_loads_give_the_graph_of_one_load(db: Database, settings: Settings) -> None:
    Scrgraph(settings, db).load([SAMPLE])
    single = graph(db)
    relationships = db.details().relationships
    db.clear()

    def load(_: int) -> None:
        with Scrgraph(settings) as sg:  # each its own connection, as separate terminals
            sg.load([SAMPLE])

    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(load, range(4)))
    assert db.details().relationships == relationships
    assert graph(db) == single


@pytest.mark.slow
def test_concurrent_commands_start_one_local_neo4j(tmp_path: Path) -> None:
    env = clean_env(SCRGRAPH_HOME=str(tmp_path / "home"))
    server = LocalNeo4j(tmp_path / "home")
    try:
        procs = [subprocess.Popen([str(SCRGRAPH), "query", "standards-gaps", "-f", "json"],
                                  env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True) for _ in range(4)]
        results = [(p.wait(timeout=600), *p.communicate()) for p in procs]
        assert [code for code, _, _ in results] == [0, 0, 0, 0], results
        started = [err for _, _, err in results if "Starting the local Neo4j" in err]
        assert len(started) == 1  # one start, said on stderr; the others waited and used it
        assert all(out.strip().startswith("[") for _, out, _ in results)  # stdout stays clean
        info = server.running()
        assert info is not None
        launchers = subprocess.run(["pgrep", "-f", f"ScrgraphNeo4j.java {tmp_path}"],
                                   capture_output=True, text=True, check=False).stdout.split()
        assert launchers == [str(info.pid)]
    finally:
        server.stop()
