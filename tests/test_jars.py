"""Neo4j's jars: a partial or corrupt download is retried and never used; the cache is checked.

A small HTTP server on loopback plays the Maven mirror (``SCRGRAPH_MAVEN_URL``), so these tests
see exactly what a broken network or a wrong mirror would send.
"""

from __future__ import annotations

import hashlib
import http.server
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from scrgraph.errors import DatabaseUnavailable
from scrgraph.store import jars

CONTENT = bytes(range(256)) * 400  # 100 kB standing in for a jar
JAR = jars.Jar("org.example", "thing", "1.0", "", "org/example/thing/1.0/thing-1.0.jar",
               len(CONTENT), hashlib.sha256(CONTENT).hexdigest())

Reply = Callable[[int], bytes]  # the body to send for the n-th request (1, 2, ...)


@pytest.fixture
def mirror() -> Iterator[tuple[str, list[str], Callable[[Reply], None]]]:
    """A Maven mirror on 127.0.0.1 whose answers a test sets; it records the paths asked."""
    asked: list[str] = []
    reply: list[Reply] = [lambda n: CONTENT]

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
            asked.append(self.path)
            body = reply[0](len(asked))
            self.send_response(200)
            self.send_header("Content-Length", str(len(CONTENT)))  # what a whole file has
            self.end_headers()
            self.wfile.write(body)  # a shorter body is a connection cut short

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield (f"http://127.0.0.1:{server.server_address[1]}/maven2", asked,
               lambda r: reply.__setitem__(0, r))
    finally:
        server.shutdown()
        server.server_close()


def test_a_download_cut_short_is_retried_and_only_the_whole_file_kept(
        mirror: tuple[str, list[str], Callable[[Reply], None]], tmp_path: Path) -> None:
    url, asked, set_reply = mirror
    set_reply(lambda n: CONTENT[: len(CONTENT) // 2] if n == 1 else CONTENT)
    target = jars.download(JAR, tmp_path, url)
    assert asked == ["/maven2/org/example/thing/1.0/thing-1.0.jar"] * 2
    assert target == tmp_path / "org" / "example" / "thing" / "1.0" / "thing-1.0.jar"
    assert target.read_bytes() == CONTENT
    assert [p.name for p in target.parent.iterdir()] == ["thing-1.0.jar"]  # no temp file left


def test_a_corrupt_download_is_never_used(
        mirror: tuple[str, list[str], Callable[[Reply], None]], tmp_path: Path) -> None:
    url, asked, set_reply = mirror
    wrong = bytes(reversed(CONTENT))  # the right size, the wrong bytes
    set_reply(lambda n: wrong)
    with pytest.raises(DatabaseUnavailable) as caught:
        jars.download(JAR, tmp_path, url)
    message = str(caught.value)
    assert message.startswith(f"Could not download {url}/org/example/thing/1.0/thing-1.0.jar "
                              "for the local Neo4j: what it sent (102,400 bytes) does not match")
    assert "SCRGRAPH_MAVEN_URL" in message
    assert len(asked) == jars.ATTEMPTS
    assert not [p for p in tmp_path.rglob("*") if p.is_file()]  # nothing kept, not even a part


def test_the_cache_check_finds_damaged_and_missing_jars(tmp_path: Path) -> None:
    other = jars.Jar("org.example", "other", "2.0", "linux-x86_64",
                     "org/example/other/2.0/other-2.0-linux-x86_64.jar", 3,
                     hashlib.sha256(b"abc").hexdigest())
    lock = jars.Lock("5.26.16", "Main", (JAR, other))
    assert jars.missing(lock, tmp_path) == [JAR, other]
    good = jars.jar_file(tmp_path, JAR)
    good.parent.mkdir(parents=True)
    good.write_bytes(CONTENT)
    assert jars.missing(lock, tmp_path) == [other]
    good.write_bytes(CONTENT[:-1] + b"\x00")  # one byte changed, same size
    assert jars.missing(lock, tmp_path) == [JAR, other]


def test_the_shipped_lock_lists_neo4j_community_and_its_entry_point() -> None:
    lock = jars.read_lock()
    assert lock.neo4j_version == "5.26.16"
    assert lock.main_class == "org.neo4j.server.CommunityEntryPoint"
    names = {(jar.group, jar.artifact) for jar in lock.jars}
    assert {("org.neo4j", "neo4j"), ("org.neo4j", "neo4j-bolt")} <= names
    assert all(len(jar.sha256) == 64 and jar.size > 0 for jar in lock.jars)
    assert len({jar.path for jar in lock.jars}) == len(lock.jars)
    assert not [jar for jar in lock.jars if "enterprise" in jar.artifact]
