"""The benchmark script as a user runs it: it reports ratios, and never touches a server it did
not start unless told to."""

from __future__ import annotations

import subprocess
import sys

import pytest

from scrgraph.store.db import Database
from scrgraph.store.localdb import ServerInfo
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
    assert db.read(FINGERPRINT) == before
    assert db.read("MATCH (p:Precious) RETURN count(p) AS n") == [{"n": 2}]
