"""The schema file and the ontology agree, and the schema is in place in Neo4j."""

from __future__ import annotations

import re

from scrgraph.framework.ontology import neo4j_labels
from scrgraph.store.db import Database, schema_statements


def unique_id_labels() -> set[str]:
    found = set()
    for statement in schema_statements():
        match = re.search(r"FOR \(n:(\w+)\) REQUIRE n\.id IS UNIQUE", statement)
        if match:
            found.add(match.group(1))
    return found


def test_every_label_the_ontology_maps_has_a_unique_id_constraint() -> None:
    assert set(neo4j_labels().values()) <= unique_id_labels()


def test_every_node_is_a_resource_with_a_unique_iri() -> None:
    assert any("FOR (n:Resource) REQUIRE n.iri IS UNIQUE" in s for s in schema_statements())


def test_schema_is_applied_idempotently(db: Database) -> None:
    first = db.apply_schema()
    again = db.apply_schema()
    assert first == again == len(schema_statements())
    constraints = db.read("SHOW CONSTRAINTS YIELD name RETURN name ORDER BY name")
    names = {row["name"] for row in constraints}
    assert {"resource_iri", "review_id", "recommendation_id", "action_id"} <= names
    assert len([s for s in schema_statements() if "CONSTRAINT" in s]) == len(names)


def test_supported_server_versions() -> None:
    from scrgraph.store.db import supported_version

    for version in ("5.26.16", "5.26.0", "5.27-aura", "2025.10.1", "2026.01.0"):
        assert supported_version(version), version
    for version in ("5.25.1", "5.0.0", "4.4.30", "3.5.35"):
        assert not supported_version(version), version
