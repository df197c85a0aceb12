"""The catalog's code lists agree with the ontology's: one source for each code list.

Query headers offer ``choices=`` for review kinds and partnership types so that a mistyped
value fails before the query runs. Those lists are written in the Cypher files; this test holds
them to the ontology (``ontology/nscb.ttl``), read here with rdflib and nothing of scrgraph's.
"""

from __future__ import annotations

from rdflib import Graph, Namespace
from rdflib.namespace import SKOS

from scrgraph.facade import Scrgraph
from tests.conftest import REPO

NSCB = Namespace("https://w3id.org/scrgraph/nscb#")


def _ontology() -> Graph:
    return Graph().parse(REPO / "ontology" / "nscb.ttl", format="turtle")


def test_review_kind_and_partnership_type_choices_are_the_ontologys_code_lists() -> None:
    ontology = _ontology()
    review_kinds = {str(code) for code in ontology.objects(None, NSCB.reviewKindCode)}
    partnership_types = {str(ontology.value(concept, SKOS.notation))
                         for concept in ontology.subjects(SKOS.inScheme,
                                                          NSCB.partnershipTypeScheme)}
    assert review_kinds == {"SCR", "LCSPR", "SAR", "DHR", "THEMATIC", "NATIONAL"}
    assert partnership_types == {"children", "adults", "community-safety", "national"}
    expected = {"kind": review_kinds, "partnership_type": partnership_types}
    seen = {name: 0 for name in expected}
    wrong = []
    for query in Scrgraph().catalog:
        for param in query.params:
            if param.name in expected:
                seen[param.name] += 1
                if set(param.choices) != expected[param.name]:
                    wrong.append(f"{query.where}: {param.name} choices={'|'.join(param.choices)}")
    assert wrong == []
    assert all(seen.values()), seen  # the test has something to check


def test_no_other_parameter_offers_review_kinds_or_partnership_types() -> None:
    # a parameter under another name with these codes would escape the test above
    codes = {"SCR", "LCSPR", "SAR", "DHR", "THEMATIC", "NATIONAL", "children", "adults",
             "community-safety", "national"}
    stray = [f"{query.name}: {param.name}" for query in Scrgraph().catalog
             for param in query.params
             if param.name not in ("kind", "partnership_type") and codes & set(param.choices)]
    assert stray == []
