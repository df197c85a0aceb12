"""A class-data-sharing archive of Neo4j's classes, kept beside the downloaded jars.

Starting Neo4j parses and checks some 20,000 classes from 214 jars. Java can instead map them
from an archive written when an earlier server stopped (class data sharing): measured here, a
start then takes about a third less CPU. The first server started with no archive writes one
when it stops cleanly; every later start maps it. The archive belongs to one Java and one set of
jars, so its name carries a digest of both; a Java that finds it unusable ignores it and starts
as it would without (``-Xshare:auto``, Java's default).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path

from scrgraph.store import jars
from scrgraph.store.java import Java

_SHARING_OPTIONS = ("-Xshare", "-XX:SharedArchiveFile", "-XX:ArchiveClassesAtExit",
                    "-XX:+AutoCreateSharedArchive")


def archive_path(java: Java, classpath: list[Path]) -> Path:
    """Where the archive for this Java and these jars is kept."""
    binary = java.path.resolve()
    stat = binary.stat()
    key = "\n".join([str(binary), str(stat.st_size), str(stat.st_mtime_ns),
                     *(str(jar) for jar in classpath)])
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    return jars.cache_dir().parent / "classes" / f"neo4j-java{java.major}-{digest}.jsa"


def java_options(archive: Path, pending: Path, chosen: tuple[str, ...] = ()) -> list[str]:
    """Map the archive when there is one; otherwise have this server write one as it stops.

    Nothing when the user's own Java options already say how to share class data (with
    ``-Xshare:off``, asking Java 17 to write an archive would stop it from starting).
    """
    if any(option.startswith(_SHARING_OPTIONS) for option in chosen):
        return []
    if archive.is_file():
        return [f"-XX:SharedArchiveFile={archive}", "-Xshare:auto"]
    pending.unlink(missing_ok=True)
    return [f"-XX:ArchiveClassesAtExit={pending}"]


def keep(pending: Path, archive: Path) -> None:
    """After a clean stop, put the archive the server wrote where later starts look for it.

    Two servers may each write one; either is good and the last one in place wins. A server
    stopped by force may leave half a file, which is thrown away.
    """
    if not pending.is_file() or pending.stat().st_size == 0:
        pending.unlink(missing_ok=True)
        return
    archive.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.replace(pending, archive)
    except OSError:  # Windows: another server has the archive open; keep that one
        with contextlib.suppress(OSError):
            pending.unlink()


def discard(pending: Path) -> None:
    """A server stopped by force: whatever it wrote is incomplete."""
    with contextlib.suppress(OSError):
        pending.unlink()
