"""Neo4j's jars for the local server: listed in ``neo4j/jars.lock``, downloaded once, checked.

The lock (written by ``make lockjars``) names every jar with its size and SHA-256. The first
start downloads the missing ones from Maven Central (``SCRGRAPH_MAVEN_URL`` names a mirror)
with the standard library only, into the user's cache folder (``SCRGRAPH_CACHE`` overrides it):
each file is written to a temporary name, checked, then renamed, so a partial or corrupt
download is retried and never used. Every start checks every cached jar's hash again.
"""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import logging
import os
import tempfile
import time
import tomllib
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from scrgraph import resources
from scrgraph.errors import DatabaseUnavailable
from scrgraph.resources import share_dir

LOCK_NAME = "jars.lock"
MAVEN_CENTRAL = "https://repo.maven.apache.org/maven2"
ATTEMPTS = 3
_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Jar:
    """One artifact of the local server, as the lock lists it."""

    group: str
    artifact: str
    version: str
    classifier: str
    path: str  # under the Maven repository's root, with '/'
    size: int
    sha256: str


@dataclass(frozen=True)
class Lock:
    neo4j_version: str
    main_class: str
    jars: tuple[Jar, ...]

    @property
    def size(self) -> int:
        return sum(jar.size for jar in self.jars)


def read_lock(path: Path | None = None) -> Lock:
    """The lock shipped with scrgraph (``neo4j/jars.lock``)."""
    data = tomllib.loads((path or share_dir("neo4j") / LOCK_NAME).read_text(encoding="utf-8"))
    jars = tuple(
        Jar(j["group"], j["artifact"], j["version"], j.get("classifier", ""), j["path"],
            int(j["size"]), j["sha256"])
        for j in data["jar"]
    )
    return Lock(data["neo4j_version"], data["main_class"], jars)


def cache_dir() -> Path:
    """Where downloaded jars are kept: ``SCRGRAPH_CACHE``, else the user's cache folder."""
    return resources.cache_dir() / "maven2"


def repository_url() -> str:
    return os.environ.get("SCRGRAPH_MAVEN_URL", MAVEN_CENTRAL).rstrip("/")


def jar_file(cache: Path, jar: Jar) -> Path:
    return cache.joinpath(*jar.path.split("/"))


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _intact(path: Path, jar: Jar) -> bool:
    try:
        return path.stat().st_size == jar.size and sha256_of(path) == jar.sha256
    except OSError:
        return False


def missing(lock: Lock, cache: Path) -> list[Jar]:
    """The jars not in the cache, or whose size or SHA-256 differs from the lock's."""
    return [jar for jar in lock.jars if not _intact(jar_file(cache, jar), jar)]


def ensure(lock: Lock | None = None, cache: Path | None = None) -> list[Path]:
    """Every jar of the local server, downloading and checking what is missing or damaged."""
    lock = lock or read_lock()
    cache = cache or cache_dir()
    todo = missing(lock, cache)
    if todo:
        _download_all(todo, cache, repository_url(), lock.neo4j_version)
    return [jar_file(cache, jar) for jar in lock.jars]


def _download_all(todo: list[Jar], cache: Path, base: str, version: str) -> None:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
        TransferSpeedColumn,
    )

    total = sum(jar.size for jar in todo)
    _log.info("Downloading Neo4j %s Community for the local server: %s, %s, from %s into %s "
              "(once; later starts reuse them).", version, _files(len(todo)), _mb(total), base,
              cache)
    console = Console(stderr=True)
    columns = (TextColumn("{task.description}"), BarColumn(), DownloadColumn(),
               TransferSpeedColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("Neo4j's jars", total=total)
        for jar in todo:
            download(jar, cache, base, lambda n: progress.advance(task, n))
    _log.info("Downloaded and checked %s (%s).", _files(len(todo)), _mb(total))


def download(jar: Jar, cache: Path, base: str,
             advance: Callable[[int], None] = lambda n: None) -> Path:
    """One jar into the cache, checked against the lock; retried, never kept when wrong."""
    target = jar_file(cache, jar)
    target.parent.mkdir(parents=True, exist_ok=True)
    url = f"{base}/{jar.path}"
    problem = ""
    for attempt in range(1, ATTEMPTS + 1):
        received = 0
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.",
                                    suffix=".part")
        temp = Path(name)
        try:
            digest = hashlib.sha256()
            with os.fdopen(fd, "wb") as out, urllib.request.urlopen(url, timeout=60) as resp:
                for block in _blocks(resp.read):
                    out.write(block)
                    digest.update(block)
                    received += len(block)
                    advance(len(block))
            if received == jar.size and digest.hexdigest() == jar.sha256:
                os.replace(temp, target)
                return target
            problem = (f"what it sent ({received:,} bytes) does not match the {jar.size:,} "
                       "bytes and SHA-256 that scrgraph expects")
        except (urllib.error.URLError, http.client.HTTPException, OSError) as exc:
            problem = str(getattr(exc, "reason", None) or exc)
        finally:
            with contextlib.suppress(OSError):
                temp.unlink()
        advance(-received)
        _log.warning("Downloading %s failed (attempt %d of %d): %s", url, attempt, ATTEMPTS,
                     problem)
        if attempt < ATTEMPTS:
            time.sleep(attempt)
    raise DatabaseUnavailable(
        f"Could not download {url} for the local Neo4j: {problem}. Check the network (a proxy "
        "is taken from HTTPS_PROXY), or set SCRGRAPH_MAVEN_URL to a Maven mirror, or set "
        "NEO4J_URI to use an existing Neo4j server."
    )


def _blocks(read: Callable[[int], bytes]) -> Iterable[bytes]:
    while block := read(1 << 16):
        yield block


def _files(count: int) -> str:
    return f"{count} file" if count == 1 else f"{count} files"


def _mb(size: int) -> str:
    return f"{size / 1e6:.0f} MB"
