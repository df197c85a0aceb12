"""Several loads, or several commands, at once: the same result as one."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from scrgraph.facade import Scrgraph
from scrgraph.settings import Settings
from scrgraph.store.db import Database
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
