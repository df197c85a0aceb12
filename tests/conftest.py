"""Shared fixtures: one real local Neo4j for the whole test session.

The server runs under a throwaway state directory on a free port and is stopped at the end.
Tests isolate by clearing the database (``db`` fixture), never by mocking it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from scrgraph.settings import Settings
from scrgraph.store.db import Database
from scrgraph.store.localdb import ServerInfo

REPO = Path(__file__).resolve().parents[1]
SCRGRAPH = Path(sys.executable).parent / "scrgraph"
# The suite's servers live for seconds to minutes: Java's quick compiler alone starts them with
# a third less CPU, and the serial collector spends less on a 1 GiB heap than G1 (measured: the
# server's CPU for four loads of the sample and four runs of the catalog, 24-30 s against
# 28-42 s); the queries are the same (SCRGRAPH_NEO4J_JAVA_OPTIONS, in the README).
JAVA_OPTIONS = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
# Tests empty the database and load it again hundreds of times. Each time the statistics change
# by more than Cypher's threshold, so every query was planned again: measured, 9 s of the
# server's CPU to plan the catalog after each emptying, against 0.2 s with plans kept; six
# tenths of the session servers' CPU was planning. The session's server keeps its plans. The
# answers do not depend on the plan; only the speed would, and the tests' graphs are small.
KEEP_PLANS = {"dbms.cypher.statistics_divergence_threshold": "1.0",
              "dbms.cypher.min_replan_interval": "1000h"}


@dataclass(frozen=True)
class CliResult:
    code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def clean_env(**extra: str) -> dict[str, str]:
    """The environment for a CLI run: no Neo4j settings from outside unless given."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("NEO4J_", "SCRGRAPH_"))}
    env["COLUMNS"] = "200"
    env["SCRGRAPH_NEO4J_JAVA_OPTIONS"] = " ".join(JAVA_OPTIONS)
    env.update(extra)
    return env


def run_cli(*args: str, env: dict[str, str], cwd: Path | None = None,
            timeout: float = 300) -> CliResult:
    """Run the installed ``scrgraph`` command as a user would."""
    proc = subprocess.run([str(SCRGRAPH), *args], env=env, cwd=cwd, capture_output=True,
                          text=True, timeout=timeout, check=False)
    return CliResult(proc.returncode, proc.stdout, proc.stderr)


def build_wheel(out: Path) -> Path:
    """scrgraph's wheel, built from a copy of this tree (without its build/, .venv/ or other
    leftovers: setuptools would carry stale files from an old build/ into the wheel, and two
    builds in one folder at once would race)."""
    source = out / "source"
    shutil.copytree(REPO, source, symlinks=True, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "dist", "*.egg-info", "scrgraph-out", "__pycache__",
        ".mypy_cache", ".ruff_cache", ".pytest_cache", ".hypothesis", "node_modules"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(out / "dist"), str(source)], check=True, capture_output=True)
    (wheel,) = (out / "dist").glob("scrgraph-*.whl")
    return wheel


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Files holding slow tests first, each file's tests in their order: make test hands
    whole files to its two workers, so the longest start at once and the short ones fill in
    at the end, rather than one worker finishing a long file while the other waits."""
    slow = {item.path for item in items if item.get_closest_marker("slow")}
    items.sort(key=lambda item: item.path not in slow)


@pytest.fixture(scope="session")
def server_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("scrgraph-home")


@pytest.fixture(scope="session")
def neo4j_server(server_home: Path) -> Iterator[ServerInfo]:
    """A real Neo4j, started once per test session and stopped afterwards."""
    from scrgraph.store.localdb import LocalNeo4j

    # An import folder of its own, so the benchmark's LOAD CSV step runs (tests/test_scale.py).
    imports = server_home / "import"
    imports.mkdir(exist_ok=True)
    server = LocalNeo4j(server_home, java_options=JAVA_OPTIONS,
                        conf={**KEEP_PLANS, "server.directories.import": str(imports)})
    info = server.start()
    yield info
    server.stop()


@pytest.fixture(scope="session")
def settings(neo4j_server: ServerInfo, server_home: Path) -> Settings:
    """Settings that point at the session's local Neo4j (found through SCRGRAPH_HOME)."""
    return Settings(SCRGRAPH_HOME=server_home)


@pytest.fixture(scope="session")
def session_db(settings: Settings) -> Iterator[Database]:
    from scrgraph.store.db import connect

    database = connect(settings)
    database.apply_schema()
    yield database
    database.close()


@pytest.fixture
def db(session_db: Database) -> Database:
    """The session's database, emptied for this test (schema kept)."""
    session_db.clear()
    return session_db


@pytest.fixture
def cli_env(settings: Settings) -> dict[str, str]:
    """Environment for CLI runs against the session's local Neo4j."""
    return clean_env(SCRGRAPH_HOME=str(settings.home))
