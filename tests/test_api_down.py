"""Neo4j stopped and started again under a running app: 503 with a clear message, then answers
again without a restart. Uses its own second local Neo4j, never the session's server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from scrgraph.api.main import create_app
from scrgraph.api.tokens import Role, TokenStore
from scrgraph.settings import Settings
from scrgraph.store.localdb import LocalNeo4j
from tests.conftest import JAVA_OPTIONS


@pytest.fixture(scope="module")
def second_neo4j(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalNeo4j]:
    server = LocalNeo4j(tmp_path_factory.mktemp("second-neo4j"), heap="256m",
                        java_options=JAVA_OPTIONS)
    server.start()
    yield server
    server.stop()


@pytest.mark.slow
def test_neo4j_going_away_gives_503_and_the_app_recovers_by_itself(
        second_neo4j: LocalNeo4j) -> None:
    home: Path = second_neo4j.home
    token, _ = TokenStore(home).create("reader", Role.reader)
    headers = {"Authorization": f"Bearer {token}"}
    # Retried for 1 s (up to about 2 s with the driver's last wait), not the default 15 s
    # (about 30 s): the behaviour is the same, the test waits less.
    app = create_app(Settings(SCRGRAPH_HOME=home, SCRGRAPH_NEO4J_RETRY_SECONDS=1))
    with TestClient(app, raise_server_exceptions=False) as client:
        assert client.get("/queries/standards-gaps", headers=headers).status_code == 200

        second_neo4j.stop()
        down = client.get("/queries/standards-gaps", headers=headers)
        assert down.status_code == 503
        assert down.headers["retry-after"] == "10"
        assert "not answering" in down.json()["detail"]
        assert "bolt://" not in down.text and "127.0.0.1" not in down.text
        again = client.get("/reviews", headers=headers)  # at once, without the retries
        assert again.status_code == 503
        health = client.get("/health")
        assert health.status_code == 503
        assert health.json()["app"]["status"] == "up"
        assert health.json()["neo4j"] == {"status": "unavailable"}
        assert client.get("/queries", headers=headers).status_code == 200  # no database needed

        second_neo4j.start()  # perhaps on another port: the app follows the local server
        assert client.get("/health").status_code == 200
        assert client.get("/queries/standards-gaps", headers=headers).status_code == 200
