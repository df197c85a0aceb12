"""scrgraph through a ``neo4j://`` routing URI, as it runs against a Neo4j cluster or Aura:
the driver asks the server for its routing table, sends reads (read transactions) to a
reader and writes (managed write transactions, retried on transient errors) to the writer.
Here the "cluster" is the session's local server, which answers routing requests as a
cluster of one."""

from __future__ import annotations

from neo4j import Neo4jDriver

from scrgraph.facade import Scrgraph
from scrgraph.settings import Settings
from scrgraph.store.db import Database, connect
from scrgraph.store.localdb import ServerInfo
from tests.sample import SAMPLE, rows


def test_a_load_and_a_query_through_a_routing_uri(db: Database, neo4j_server: ServerInfo,
                                                  settings: Settings) -> None:
    port = neo4j_server.uri.rsplit(":", 1)[1]
    routed = Settings(NEO4J_URI=f"neo4j://127.0.0.1:{port}", NEO4J_USER="neo4j",
                      NEO4J_PASSWORD=neo4j_server.password)
    with connect(routed) as database:
        assert isinstance(database.driver, Neo4jDriver)  # the routing driver, not a direct one
        # The server hands out a routing table: itself as the one reader and writer.
        table = database.read("CALL dbms.routing.getRoutingTable({}, 'neo4j') "
                              "YIELD servers UNWIND servers AS s "
                              "RETURN s.role AS role, s.addresses AS addresses")
        roles = {row["role"]: row["addresses"] for row in table}
        assert roles["READ"] == roles["WRITE"] == [f"127.0.0.1:{port}"]
        with Scrgraph(routed, database) as sg:
            sg.load_framework()
            sg.load([SAMPLE])
            routed_rows = sg.run_query("recurring-themes").rows
    # The load went through whole; the same question over a direct bolt:// connection gets
    # the same answer.
    assert db.read("MATCH (r:Review) RETURN count(r) AS n") == [{"n": len(rows("reviews.csv"))}]
    with Scrgraph(settings, db) as sg:
        assert sg.run_query("recurring-themes").rows == routed_rows
    assert any(r["theme"] == "domestic-abuse" for r in routed_rows)
