"""The ontology against the brief (the Thematic Learning Framework) and docs/design.md."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence

import pytest
from rdflib import Literal, URIRef

from scrgraph.framework.codes import (
    code_lists,
    codes,
    normalise_label,
    resolve_quadrant,
    resolve_standard,
    resolve_theme,
    suggest_standard,
    suggest_theme,
)
from scrgraph.framework.concepts import (
    AREA_OF_PRACTICE,
    SAFEGUARDING_ISSUE,
    CrossCuttingConcept,
    Quadrant,
    Standard,
    Theme,
    framework,
)
from scrgraph.framework.ontology import neo4j_label, neo4j_property, neo4j_type, ontology_graph
from scrgraph.namespaces import DCTERMS, NSCB, NSCB_ONTOLOGY_IRI, OWL, RDF, RDFS, SKOS, TLF
from scrgraph.resources import share_dir
from scrgraph.store.db import Database
from scrgraph.store.loads import load_framework
from scrgraph.store.mapping import to_property_graph

# Appendix 1 of the brief, verbatim.
OUTCOMES = {
    "1.1": "Practice is child centred and recognises the children and young people we work with "
    "as unique individuals",
    "1.2": "Multi-agency assessments are analytical, of a high quality, and make full use of all "
    "the child/family's history",
    "1.3": "Parents and carers, including less visible parents, are fully involved with "
    "safeguarding and child protection processes, and issues of PR and consent are routinely "
    "explored",
    "1.4": "The workforce is highly skilled and trained to recognise, address and challenge "
    "disguised compliance",
    "1.5": "Practice takes account of the impact of different types of abuse, both emotional and "
    "physical, and addresses the needs of the child",
    "2.1": "Engagement with children and young people is effective and professionals build "
    "positive relationships with children and young people, helping them to feel safe",
    "2.2": "Norfolk has effective systems in place to track concerns within agencies, records "
    "include all relevant information and all relevant information is shared between agencies, "
    "with a particular focus on Domestic Abuse",
    "2.3": "Appropriate professionals are engaged in decision-making within the Multi-Agency "
    "Safeguarding Hub and other multi-agency discussions, in particular health partners",
    "2.4": "Information recorded in assessments and agency records is high quality and shared "
    "with children, family and the multi-agency partnership in a timely manner",
    "2.5": "Practitioners from all agencies understand the difference between consultations and "
    "referrals, and feel confident in making referrals to the MASH. Feedback on referrals is "
    "provided in a timely way",
    "3.1": "Professionals are confident to challenge one another and be challenged within the "
    "multi-agency arena in order to achieve the best outcomes for the child",
    "3.2": "Norfolk applies consistent thresholds and there is a clear rationale in each case for "
    "why decisions have been made, leading to appropriate and timely referrals for intervention",
    "3.3": "Significant case decisions in respect of safeguarding are made jointly across "
    "agencies and supported by multi-agency planning to best meet the needs of the child",
    "3.4": "Norfolk's Early Help offer is well established and includes robust mechanisms for "
    "proactive review and challenge to ensure cases do not drift",
    "4.1": "All agencies understand and follow national guidance in relation to information "
    "sharing when working with children and families",
    "4.2": "Practice standards for Early Help are in place and QA systems are used routinely to "
    "ensure the quality of the FSP process",
    "4.3": "Staff supervision is of a high quality and provided to all frontline staff working "
    "with children and families",
    "4.4": "Practitioners and managers are able to confidently exercise sound professional "
    "judgement in order to safeguard vulnerable children and young people",
    "4.5": "Policies and procedures are in place to support all staff in achieving positive "
    "outcomes for children, specifically in relation to Domestic Abuse and Neglect",
    "5.1": "Practitioners and managers have access to specialist advice and services when working "
    "with complex cases (including CSA)",
    "6.1": "All agencies are aware of, promote and follow NSCB policies, with a specific focus on "
    "Professional Disagreements, Disclosure Protocol and Working with Reluctant and Hostile "
    "families",
    "6.2": "Practitioners are confident when working with cases where neglect, sexual abuse "
    "and/or domestic abuse are present, including at the Early Help stage",
    "6.3": "Robust processes and arrangements are in place to ensure that the actions from SCRs "
    "are completed and that learning is shared and embedded across the children's workforce",
}

QUADRANTS = {
    "1": (
        "Professional curiosity",
        "how can the Board encourage and support appropriate curiosity with families, and "
        "between professionals?",
    ),
    "2": (
        "Information Sharing and Fora for discussion",
        "how can the Board ensure that we use opportunities for discussion effectively, include "
        "all relevant parties, act promptly and clearly; and share information well?",
    ),
    "3": (
        "Collaborative Working, Decision making and Planning",
        "how can the Board improve timely and collaborative planning and get strong and shared "
        "decisions?",
    ),
    "4": (
        "Leadership: Ownership, Accountability and Management Grip",
        "how does the Board give effective leadership and champion better safeguarding, "
        "locating clear accountability?",
    ),
}

SAFEGUARDING_ISSUES = {
    "domestic-abuse": "Domestic Abuse",
    "challenge-and-escalation": "Challenge and Escalation",
    "engaging-fathers": "Engaging fathers",
    "neglect": "Neglect",
}
AREAS_OF_PRACTICE = {
    "information-sharing": "Information-sharing",
    "returning-children-home": "Returning children home",
    "disseminating-learning": "Disseminating learning from SCRs",
    "engagement-with-children": "Quality of engagement with children and young people",
    "referral-quality-and-feedback": "Quality of referrals to CSC and feedback mechanisms",
    "early-help": "Early Help practice",
    "child-sexual-abuse": "Practitioner confidence re Child Sexual Abuse",
    "supervision": "Core standards for supervision",
    "historical-information": "Use of historical information in assessments",
}

# The links the brief states or implies that the issue lists explicitly.
REQUIRED_LINKS = {
    ("2.2", "domestic-abuse"),
    ("4.5", "domestic-abuse"),
    ("4.5", "neglect"),
    ("6.2", "neglect"),
    ("4.3", "supervision"),
    ("3.4", "early-help"),
    ("4.2", "early-help"),
    ("6.2", "early-help"),
    ("5.1", "child-sexual-abuse"),
    ("6.2", "child-sexual-abuse"),
    ("6.1", "challenge-and-escalation"),
    ("3.1", "challenge-and-escalation"),
    ("1.3", "engaging-fathers"),
    ("2.1", "engagement-with-children"),
    ("2.5", "referral-quality-and-feedback"),
    ("1.2", "historical-information"),
    ("2.2", "information-sharing"),
    ("2.4", "information-sharing"),
    ("4.1", "information-sharing"),
    ("6.3", "disseminating-learning"),
}

# docs/design.md, "Neo4j graph model".
DESIGN_LABELS = {
    NSCB.Framework: "Framework",
    NSCB.Quadrant: "Quadrant",
    NSCB.Standard: "Standard",
    NSCB.Theme: "Theme",
    NSCB.CrossCuttingConcept: "CrossCuttingConcept",
    NSCB.Partnership: "Partnership",
    NSCB.Review: "Review",
    NSCB.Recommendation: "Recommendation",
    NSCB.Agency: "Agency",
    NSCB.Action: "Action",
    NSCB.Load: "Load",
}
DESIGN_TYPES = {
    NSCB.commissionedBy: "COMMISSIONED_BY",
    NSCB.madeRecommendation: "MADE",
    NSCB.hasTheme: "HAS_THEME",
    NSCB.mapsToStandard: "MAPS_TO",
    NSCB.directedAt: "DIRECTED_AT",
    NSCB.respondsTo: "RESPONDS_TO",
    NSCB.ownedBy: "OWNED_BY",
    NSCB.inQuadrant: "IN_QUADRANT",
    NSCB.speaksTo: "SPEAKS_TO",
    NSCB.interlinksWith: "INTERLINKS_WITH",
    SKOS.inScheme: "IN_SCHEME",
    NSCB.loaded: "LOADED",
}
DESIGN_NODE_PROPERTIES = {
    "Framework": {"title"},
    "Quadrant": {"code", "label", "question"},
    "Standard": {"code", "label", "outcome", "section"},
    "Theme": {"code", "label", "kind", "altLabels", "hiddenLabels"},
    "CrossCuttingConcept": {"code", "label"},
}


def _workbook_vocab(sheet: str, field: str) -> set[str]:
    """The codes the workbook's column takes (it names an ontology vocabulary)."""
    with (share_dir("loaders") / "workbook.toml").open("rb") as f:
        workbook = tomllib.load(f)
    (column,) = [c for c in workbook["sheets"][sheet]["columns"] if c["field"] == field]
    return set(codes(column["vocab"]))


# --- the ontology document ----------------------------------------------------------------------


def test_ontology_header_has_version_licence_title_and_description() -> None:
    g = ontology_graph()
    assert (NSCB_ONTOLOGY_IRI, RDF.type, OWL.Ontology) in g
    assert g.value(NSCB_ONTOLOGY_IRI, OWL.versionInfo) is not None
    assert g.value(NSCB_ONTOLOGY_IRI, DCTERMS.license) == URIRef(
        "https://opensource.org/licenses/MIT"
    )
    assert g.value(NSCB_ONTOLOGY_IRI, DCTERMS.title) is not None
    assert g.value(NSCB_ONTOLOGY_IRI, DCTERMS.description) is not None


def test_ontology_is_parsed_once() -> None:
    assert ontology_graph() is ontology_graph()
    assert framework() is framework()


def test_every_class_and_property_is_labelled_and_explained() -> None:
    g = ontology_graph()
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty):
        for term in g.subjects(RDF.type, kind):
            assert str(term).startswith(str(NSCB)), term
            assert g.value(term, RDFS.label) is not None, term
            assert g.value(term, RDFS.comment) is not None, term


# --- quadrants, standards, themes, concepts ------------------------------------------------


def test_four_quadrants_named_and_questioned_as_in_the_brief() -> None:
    quadrants = framework().quadrants
    assert [q.code for q in quadrants] == ["1", "2", "3", "4"]
    for q in quadrants:
        assert (q.label, q.question) == QUADRANTS[q.code]
        assert q.id == f"quadrant-{q.code}"
        assert q.iri == TLF[q.id]


def test_twenty_three_standards_with_their_full_outcome_text() -> None:
    standards = framework().standards
    assert len(standards) == 23
    assert {s.code: s.outcome for s in standards} == OUTCOMES
    assert framework().standard("2.2").outcome.endswith("with a particular focus on Domestic Abuse")
    assert framework().standard("6.3").outcome == OUTCOMES["6.3"]


def test_standards_have_short_labels_not_their_outcome() -> None:
    for s in framework().standards:
        assert s.label and len(s.label) < len(s.outcome), s.code
        assert s.id == f"std-{s.code}"
    assert framework().standard("1.1").label == "Child-centred practice"


def test_every_standard_is_in_exactly_one_quadrant_by_its_section() -> None:
    g = ontology_graph()
    expected_quadrant = {"1": "1", "2": "2", "3": "3", "4": "4", "5": "4", "6": "4"}
    for s in framework().standards:
        quadrants = list(g.objects(s.iri, NSCB.inQuadrant))
        assert len(quadrants) == 1, s.code
        assert s.quadrant == expected_quadrant[s.code.split(".")[0]], s.code
        assert (s.iri, SKOS.broader, TLF[f"quadrant-{s.quadrant}"]) in g
    assert {s.code for s in framework().standards_in("4")} == {
        "4.1", "4.2", "4.3", "4.4", "4.5", "5.1", "6.1", "6.2", "6.3",
    }  # fmt: skip


def test_standard_sections_follow_the_appendix_headings() -> None:
    fw = framework()
    assert fw.standard("1.4").section == "Professional curiosity and practice"
    assert fw.standard("2.5").section == "Information-sharing and fora for discussion"
    assert fw.standard("3.1").section == "Collaborative working and decision-making"
    ownership = "Ownership and accountability"
    assert fw.standard("4.5").section == f"{ownership}: policy, procedure and guidance"
    assert fw.standard("5.1").section == f"{ownership}: commissioning and gaps"
    assert fw.standard("6.2").section == f"{ownership}: NSCB monitoring and scrutiny"


def test_thirteen_key_themes_in_their_two_groups() -> None:
    fw = framework()
    assert len(fw.themes) == 13
    issues = {t.code: t.label for t in fw.themes_of_kind(SAFEGUARDING_ISSUE)}
    practice = {t.code: t.label for t in fw.themes_of_kind(AREA_OF_PRACTICE)}
    assert issues == SAFEGUARDING_ISSUES
    assert practice == AREAS_OF_PRACTICE
    # the brief's wording of challenge and escalation is kept as an alternative label
    challenge = fw.theme("challenge-and-escalation")
    assert "Challenge and Escalation (use of the Professional Disagreements Policy)" in (
        challenge.alt_labels
    )


def test_theme_groups_are_skos_collections_matching_theme_kind() -> None:
    g = ontology_graph()
    for collection, kind in (
        (TLF["themes-safeguarding-issues"], SAFEGUARDING_ISSUE),
        (TLF["themes-areas-of-practice"], AREA_OF_PRACTICE),
    ):
        members = set(g.objects(collection, SKOS.member))
        member_list = g.value(collection, SKOS.memberList)
        assert member_list is not None
        ordered = list(g.items(member_list))
        assert set(ordered) == members
        assert members == {t.iri for t in framework().themes_of_kind(kind)}


def test_cross_cutting_concepts_carry_the_brief_text() -> None:
    concepts = {c.id: c for c in framework().concepts}
    assert set(concepts) == {"concept-child-centred", "concept-managing-risk"}
    assert concepts["concept-child-centred"].definition.startswith(
        "At the heart of all learning is the child or young person"
    )
    assert "all learning is child centred" in concepts["concept-child-centred"].definition
    assert concepts["concept-managing-risk"].definition == (
        "Sitting underneath everything we do is the recognition that safeguarding requires "
        "people at all levels to manage risk and uncertainty."
    )


def test_every_framework_concept_is_in_the_scheme_with_one_preferred_label() -> None:
    g = ontology_graph()
    fw = framework()
    items: list[Quadrant | Standard | Theme | CrossCuttingConcept] = [
        *fw.quadrants,
        *fw.standards,
        *fw.themes,
        *fw.concepts,
    ]
    for item in items:
        assert (item.iri, SKOS.inScheme, TLF.tlf) in g, item.iri
        assert len(list(g.objects(item.iri, SKOS.prefLabel))) == 1, item.iri
        assert len(list(g.objects(item.iri, SKOS.notation))) == 1, item.iri


# --- links across the framework -----------------------------------------------------------------


def test_links_the_brief_names_are_present_directly_and_reified() -> None:
    g = ontology_graph()
    fw = framework()
    reified = {(lk.standard, lk.theme) for lk in fw.standard_theme_links}
    assert reified >= REQUIRED_LINKS
    for standard, theme in REQUIRED_LINKS:
        assert (fw.standard(standard).iri, NSCB.speaksTo, fw.theme(theme).iri) in g


def test_direct_and_reified_links_agree() -> None:
    g = ontology_graph()
    fw = framework()
    direct = {
        (str(g.value(s, SKOS.notation)), str(g.value(o, SKOS.notation)))
        for s, o in g.subject_objects(NSCB.speaksTo)
    }
    assert direct == {(lk.standard, lk.theme) for lk in fw.standard_theme_links}
    interlinks = {
        (str(g.value(s, SKOS.notation)), str(g.value(o, SKOS.notation)))
        for s, o in g.subject_objects(NSCB.interlinksWith)
    }
    assert interlinks == {(lk.from_quadrant, lk.to_quadrant) for lk in fw.quadrant_interlinks}


def test_every_link_says_where_it_comes_from() -> None:
    fw = framework()
    for lk in fw.standard_theme_links:
        assert lk.basis in {"stated", "implied"}
        assert lk.source.startswith("Brief, "), lk
        if lk.basis == "stated":
            assert f"standard {lk.standard}" in lk.source
    implied = {(lk.standard, lk.theme) for lk in fw.standard_theme_links if lk.basis == "implied"}
    assert ("1.3", "engaging-fathers") in implied  # 'less visible parents' is our reading


def test_every_theme_is_spoken_to_by_at_least_one_standard() -> None:
    fw = framework()
    for theme in fw.themes:
        assert fw.standards_for_theme(theme.code), theme.code
    assert {s.code for s in fw.standards_for_theme("returning-children-home")}


def test_quadrant_interlinks_are_the_two_the_brief_names() -> None:
    links = {(lk.from_quadrant, lk.to_quadrant): lk for lk in framework().quadrant_interlinks}
    assert set(links) == {("2", "3"), ("1", "4")}
    assert links[("2", "3")].note and "intrinsic to collaborative working" in links[("2", "3")].note
    assert links[("1", "4")].note and "management support" in links[("1", "4")].note
    for lk in links.values():
        assert lk.source == "Brief, 'the themes will cross over and interlink'"
        assert lk.basis == "stated"


def test_themes_cross_quadrants_through_their_standards() -> None:
    quadrants = {q.code for q in framework().quadrants_for_theme("domestic-abuse")}
    assert quadrants == {"2", "4"}


# --- labels analysts use --------------------------------------------------------------------------


def test_every_theme_and_standard_has_alternative_and_hidden_labels() -> None:
    fw = framework()
    items: list[Theme | Standard] = [*fw.themes, *fw.standards]
    for item in items:
        assert item.alt_labels, item.code
        assert item.hidden_labels, item.code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("DV", "domestic-abuse"),
        ("Domestic Abuse", "domestic-abuse"),
        ("domestic-abuse", "domestic-abuse"),
        ("domestic violence", "domestic-abuse"),
        ("coercive control", "domestic-abuse"),
        ("MARAC", "domestic-abuse"),
        ("IDVA", "domestic-abuse"),
        ("DASH", "domestic-abuse"),
        ("DA", "domestic-abuse"),
        ("chronic neglect", "neglect"),
        ("Graded Care Profile", "neglect"),
        ("professional disagreement", "challenge-and-escalation"),
        ("Escalation policy", "challenge-and-escalation"),
        ("resolving professional differences", "challenge-and-escalation"),
        ("invisible men", "engaging-fathers"),
        ("Hidden Men", "engaging-fathers"),
        ("male carers", "engaging-fathers"),
        ("child sexual abuse", "child-sexual-abuse"),
        ("CSA", "child-sexual-abuse"),
        ("sexual abuse", "child-sexual-abuse"),
        ("reflective supervision", "supervision"),
        ("FSP", "early-help"),
        ("family support process", "early-help"),
        ("early intervention", "early-help"),
        ("  Information   sharing ", "information-sharing"),
        ("theme-neglect", "neglect"),
    ],
)
def test_resolve_theme_by_code_or_any_label(text: str, code: str) -> None:
    theme = resolve_theme(text)
    assert theme is not None, text
    assert theme.code == code


def test_resolve_returns_none_for_unknown_text() -> None:
    assert resolve_theme("weather") is None
    assert resolve_theme("2.2") is None  # a standard, not a theme
    assert resolve_standard("domestic-abuse") is None
    assert resolve_standard("7.1") is None


def test_resolve_standard_and_quadrant() -> None:
    assert (s := resolve_standard("2.2")) is not None and s.code == "2.2"
    assert (s := resolve_standard("std-6.3")) is not None and s.code == "6.3"
    assert (s := resolve_standard("Standard 4.3")) is not None and s.code == "4.3"
    assert (s := resolve_standard("disguised compliance")) is not None and s.code == "1.4"
    assert (q := resolve_quadrant("4")) is not None and q.id == "quadrant-4"
    assert (q := resolve_quadrant("professional curiosity")) is not None and q.code == "1"


def test_suggestions_for_misspelt_codes() -> None:
    assert suggest_theme("domestic-abse") == "domestic-abuse"
    assert suggest_theme("neglct") == "neglect"
    assert suggest_theme("early help practise") == "early-help"
    assert suggest_theme("zzzz qqqq") is None
    assert suggest_standard("std-2.22") == "2.2"


def test_no_label_points_at_two_themes_or_two_standards() -> None:
    fw = framework()
    groups: list[Sequence[Theme | Standard | Quadrant]] = [fw.themes, fw.standards, fw.quadrants]
    for items in groups:
        owner: dict[str, str] = {}
        for item in items:
            labels = {item.code, item.label, *item.alt_labels, *item.hidden_labels}
            for label in labels:
                key = normalise_label(label)
                assert owner.setdefault(key, item.code) == item.code, (label, item.code)


def test_preferred_alternative_and_hidden_labels_are_disjoint() -> None:
    g = ontology_graph()
    for concept in g.subjects(SKOS.inScheme, TLF.tlf):
        pref = {str(v) for v in g.objects(concept, SKOS.prefLabel)}
        alt = {str(v) for v in g.objects(concept, SKOS.altLabel)}
        hidden = {str(v) for v in g.objects(concept, SKOS.hiddenLabel)}
        assert not (pref & alt or pref & hidden or alt & hidden), concept


# --- vocabularies match the workbook ------------------------------------------------------------


def test_vocabularies_match_the_workbook_format() -> None:
    v = code_lists()
    assert set(v.review_kinds) == _workbook_vocab("Reviews", "kind")
    assert set(v.guidance) == _workbook_vocab("Reviews", "guidance")
    assert set(v.action_statuses) == _workbook_vocab("Actions", "status")
    assert set(v.sectors) == _workbook_vocab("Agencies", "sector")
    assert set(v.partnership_types) == _workbook_vocab("Partnerships", "type")
    assert set(v.event_kinds) == {"briefing", "roadshow", "training"}
    assert set(v.action_statuses) == {"open", "in-progress", "completed", "impact-evidenced",
                                      "not-implemented", "superseded"}
    assert set(v.review_kinds) == {"SCR", "LCSPR", "SAR", "DHR", "THEMATIC", "NATIONAL"}
    assert v.review_kinds["SAR"] == NSCB.SafeguardingAdultReview
    assert v.review_kinds["NATIONAL"] == NSCB.NationalReview
    assert {"national-government", "all-agencies", "group"} <= set(v.sectors)
    assert "national" in v.partnership_types
    assert v.guidance["CA2014-S44"] == NSCB["guidance-CA2014-S44"]


def test_review_kinds_are_subclasses_of_review() -> None:
    g = ontology_graph()
    for code, cls in code_lists().review_kinds.items():
        assert (cls, RDFS.subClassOf, NSCB.Review) in g, code
        assert g.value(cls, NSCB.reviewKindCode) == Literal(code)


def test_completed_is_kept_apart_from_impact_evidenced() -> None:
    comment = str(ontology_graph().value(NSCB.actionStatusScheme, RDFS.comment))
    assert "'completed' and 'impact-evidenced' are kept apart" in comment


# --- Neo4j mapping ------------------------------------------------------------------------------


def test_class_labels_are_as_in_the_design() -> None:
    for cls, label in DESIGN_LABELS.items():
        assert neo4j_label(cls) == label, cls
    assert neo4j_label(NSCB.SeriousCaseReview) == "Review"
    assert neo4j_label(NSCB.DomesticHomicideReview) == "Review"
    assert neo4j_label(NSCB.CodeAssignment) is None  # becomes relationship properties


def test_relationship_types_are_as_in_the_design() -> None:
    for prop, rel_type in DESIGN_TYPES.items():
        assert neo4j_type(prop) == rel_type, prop
    assert neo4j_type(NSCB.status) is None  # a node property, not a relationship


def test_property_names_follow_annotations_or_local_names() -> None:
    assert neo4j_property(DCTERMS.issued) == "published"
    assert neo4j_property(DCTERMS.identifier) == "id"
    assert neo4j_property(NSCB.completedOn) == "completed"
    assert neo4j_property(NSCB.partnershipType) == "type"
    assert neo4j_property(NSCB.underGuidance) == "guidance"
    assert neo4j_property(NSCB.loadedBy) == "by"
    assert neo4j_property(NSCB.loadedAt) == "at"
    assert neo4j_property(NSCB.softwareVersion) == "version"
    assert neo4j_property(NSCB.guidingQuestion) == "question"
    assert neo4j_property(SKOS.notation) == "code"
    # no annotation: the local name
    assert neo4j_property(NSCB.outcome) == "outcome"
    assert neo4j_property(NSCB.statusReason) == "statusReason"
    assert neo4j_property(NSCB.due) == "due"


def test_every_object_property_becomes_a_relationship_or_a_property() -> None:
    g = ontology_graph()
    for prop in g.subjects(RDF.type, OWL.ObjectProperty):
        is_relationship = (prop, NSCB.neo4jType, None) in g
        is_property = (prop, NSCB.neo4jProperty, None) in g
        in_reified_node = (prop, RDFS.domain, NSCB.FrameworkLink) in g or (
            prop,
            RDFS.domain,
            NSCB.CodeAssignment,
        ) in g
        assert is_relationship or is_property or in_reified_node, prop


def test_framework_maps_to_complete_and_consistent_neo4j_rows() -> None:
    rows = to_property_graph(ontology_graph(), ontology_graph())
    by_label: dict[str, set[str]] = {}
    iri_to_label: dict[str, str] = {}
    for node in rows.nodes:
        (label,) = node.labels
        by_label.setdefault(label, set()).add(node.props["id"])
        iri_to_label[node.iri] = label
        assert DESIGN_NODE_PROPERTIES[label] <= set(node.props), node.iri
    assert by_label["Framework"] == {"tlf"}
    assert by_label["Quadrant"] == {f"quadrant-{n}" for n in "1234"}
    assert by_label["Standard"] == {f"std-{code}" for code in OUTCOMES}
    assert by_label["Theme"] == {
        f"theme-{code}" for code in {**SAFEGUARDING_ISSUES, **AREAS_OF_PRACTICE}
    }
    assert by_label["CrossCuttingConcept"] == {"concept-child-centred", "concept-managing-risk"}
    assert len(rows.nodes) == 43

    counts: dict[str, int] = {}
    for rel in rows.rels:
        counts[rel.type] = counts.get(rel.type, 0) + 1
        assert rel.start in iri_to_label and rel.end in iri_to_label, rel
    assert counts["IN_QUADRANT"] == 23
    assert counts["SPEAKS_TO"] == len(framework().standard_theme_links)
    assert counts["INTERLINKS_WITH"] == 2
    assert counts["IN_SCHEME"] == 4 + 23 + 13 + 2
    assert len(rows.rels) == 97


def test_framework_rows_carry_plain_values_and_link_provenance() -> None:
    rows = to_property_graph(ontology_graph(), ontology_graph())
    std = next(n for n in rows.nodes if n.props["id"] == "std-2.2")
    assert std.labels == ("Standard",)
    assert std.props["code"] == "2.2"
    assert std.props["outcome"] == OUTCOMES["2.2"]
    assert isinstance(std.props["hiddenLabels"], list)
    speaks = [
        r
        for r in rows.rels
        if r.type == "SPEAKS_TO" and r.start == str(TLF["std-2.2"])
        and r.end == str(TLF["theme-domestic-abuse"])
    ]
    assert len(speaks) == 1
    assert speaks[0].props == {
        "source": "Brief, Appendix 1 standard 2.2 text",
        "basis": "stated",
        "note": "'with a particular focus on Domestic Abuse'",
    }


def test_framework_loads_into_neo4j_with_labels_from_the_ontology(db: Database) -> None:
    summary = load_framework(db)
    assert summary.added == {"Framework": 1, "Quadrant": 4, "Standard": 23, "Theme": 13,
                             "CrossCuttingConcept": 2}
    labels = db.read("MATCH (n:Resource) UNWIND labels(n) AS label WITH label "
                     "WHERE label <> 'Resource' RETURN label, count(*) AS n ORDER BY label")
    assert labels == [{"label": "CrossCuttingConcept", "n": 2}, {"label": "Framework", "n": 1},
                      {"label": "Quadrant", "n": 4}, {"label": "Standard", "n": 23},
                      {"label": "Theme", "n": 13}]
    assert {row["label"] for row in labels} == {
        neo4j_label(cls) for cls in (NSCB.Framework, NSCB.Quadrant, NSCB.Standard,
                                     NSCB.Theme, NSCB.CrossCuttingConcept)}
    types = db.read("MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n ORDER BY type")
    assert types == [{"type": "INTERLINKS_WITH", "n": 2}, {"type": "IN_QUADRANT", "n": 23},
                     {"type": "IN_SCHEME", "n": 42}, {"type": "SPEAKS_TO", "n": 30}]
    quadrant_4 = db.read("MATCH (s:Standard)-[:IN_QUADRANT]->(:Quadrant {code: '4'}) "
                         "RETURN s.code AS code ORDER BY code")
    assert [r["code"] for r in quadrant_4] == ["4.1", "4.2", "4.3", "4.4", "4.5", "5.1",
                                               "6.1", "6.2", "6.3"]
    again = load_framework(db)
    assert not again.wrote_anything


def test_no_iri_strings_in_code_outside_namespaces() -> None:
    src = share_dir("ontology").parent.parent  # src/scrgraph
    # jars.py holds a download address (Maven Central's), not an IRI of the data.
    modules = [m for m in src.rglob("*.py") if m.name not in ("namespaces.py", "jars.py")]
    assert len(modules) > 30
    for module in modules:
        text = module.read_text(encoding="utf-8")
        # IRIs belong in namespaces.py; a loopback URL (a test server's address) is no IRI.
        assert not re.search(r"[\"']https?://(?!127\.0\.0\.1)", text), module
