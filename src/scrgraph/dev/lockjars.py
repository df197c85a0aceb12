"""Write ``neo4j/jars.lock``: every jar of the local Neo4j, with its size and SHA-256.

Developers only (``make lockjars``): Maven resolves ``neo4j/pom.xml`` once, into the local Maven
repository; this script reads each resolved jar there and writes the lock that scrgraph
downloads from at run time (``scrgraph.store.jars``), so running scrgraph never needs Maven.
Each jar's SHA-1 is also checked against the one Maven Central publishes beside it, so a jar
altered in the local Maven repository cannot end up in the lock.

    python -m scrgraph.dev.lockjars [--no-verify]
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

from scrgraph.store.jars import LOCK_NAME, MAVEN_CENTRAL, Jar, sha256_of

_REPO = Path(__file__).resolve().parents[3]
_POM = _REPO / "neo4j" / "pom.xml"
_MAIN_CLASS = "org.neo4j.server.CommunityEntryPoint"


def resolve(pom: Path) -> list[tuple[str, str, str, str, Path]]:
    """(group, artifact, version, classifier, file) of every runtime jar, as Maven lists them."""
    mvn = shutil.which("mvn")
    if not mvn:
        sys.exit("mvn was not found: the lock script asks Maven to resolve neo4j/pom.xml.")
    with tempfile.TemporaryDirectory() as tmp:
        listing = Path(tmp) / "deps.txt"
        subprocess.run(
            [mvn, "-q", "-B", "-f", str(pom), "dependency:list", "-DincludeScope=runtime",
             "-DoutputAbsoluteArtifactFilename=true", f"-DoutputFile={listing}"],
            check=True,
        )
        lines = listing.read_text().splitlines()
    found = []
    for line in lines:
        parts = line.strip().split(":")
        # group:artifact:type[:classifier]:version:scope[ -- module]:/absolute/file
        if len(parts) < 6 or parts[2] != "jar":
            continue
        if len(parts) >= 7 and parts[5].split(" ")[0] in {"compile", "runtime"}:
            group, artifact, _, classifier, version = parts[:5]
            file = ":".join(parts[6:])
        else:
            group, artifact, _, version = parts[:4]
            classifier = ""
            file = ":".join(parts[5:])
        found.append((group, artifact, version, classifier, Path(file.split(" -- ")[0].strip())))
    return sorted(found, key=lambda item: (item[0], item[1], item[3]))


def central_sha1(path: str) -> str:
    with urllib.request.urlopen(f"{MAVEN_CENTRAL}/{path}.sha1", timeout=60) as response:
        text: str = response.read().decode("ascii", "replace")
    return text.split()[0].strip().lower()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-verify", action="store_true",
                        help="skip comparing each jar's SHA-1 with Maven Central's")
    args = parser.parse_args(argv)
    jars = []
    for group, artifact, version, classifier, file in resolve(_POM):
        name = f"{artifact}-{version}{'-' + classifier if classifier else ''}.jar"
        path = f"{group.replace('.', '/')}/{artifact}/{version}/{name}"
        jar = Jar(group, artifact, version, classifier, path, file.stat().st_size,
                  sha256_of(file))
        if not args.no_verify:
            local_sha1 = hashlib.sha1(file.read_bytes()).hexdigest()  # noqa: S324 (Maven's own)
            if central_sha1(path) != local_sha1:
                sys.exit(f"{file} differs from Maven Central's {path}: refusing to lock it.")
        jars.append(jar)
    version = next(j.version for j in jars if (j.group, j.artifact) == ("org.neo4j", "neo4j"))
    out = _REPO / "neo4j" / LOCK_NAME
    lines = [
        "# Every jar of the local Neo4j that scrgraph runs when NEO4J_URI is not set.",
        "# Generated from pom.xml by `make lockjars` (python -m scrgraph.dev.lockjars); do not",
        "# edit. scrgraph downloads each file from Maven Central (or SCRGRAPH_MAVEN_URL) by its",
        "# path, and uses it only when its size and SHA-256 match.",
        f'neo4j_version = "{version}"',
        f'main_class = "{_MAIN_CLASS}"',
        "",
    ]
    for jar in jars:
        lines += [
            "[[jar]]",
            f'group = "{jar.group}"',
            f'artifact = "{jar.artifact}"',
            f'version = "{jar.version}"',
            *([f'classifier = "{jar.classifier}"'] if jar.classifier else []),
            f'path = "{jar.path}"',
            f"size = {jar.size}",
            f'sha256 = "{jar.sha256}"',
            "",
        ]
    out.write_text("\n".join(lines))
    total = sum(j.size for j in jars)
    print(f"Wrote {out}: {len(jars)} jars, {total / 1e6:.0f} MB.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
