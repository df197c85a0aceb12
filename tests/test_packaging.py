"""The wheel carries the declarative parts the package reads (ontology, cypher, loaders...)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from tests.conftest import REPO, build_wheel


def test_wheel_carries_the_declarative_parts(tmp_path: Path) -> None:
    wheel = build_wheel(tmp_path)
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
