"""The SHACL gate: good review data conforms; each kind of bad data is rejected with a message
an analyst can act on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from scrgraph.errors import SourceError
from scrgraph.graphs import GraphUnion
from scrgraph.ingest.shacl import (
    ValidationReport,
    Violation,
    read_graph,
    shapes_graph,
    validate,
    validate_file,
)
from scrgraph.namespaces import DCTERMS

PREFIXES = """
@prefix nscb: <https://w3id.org/scrgraph/nscb#> .
@prefix tlf: <https://w3id.org/scrgraph/framework/> .
@prefix partnership: <https://w3id.org/scrgraph/id/partnership/> .
@prefix agency: <https://w3id.org/scrgraph/id/agency/> .
@prefix review: <https://w3id.org/scrgraph/id/review/> .
@prefix rec: <https://w3id.org/scrgraph/id/recommendation/> .
@prefix action: <https://w3id.org/scrgraph/id/action/> .
@prefix coding: <https://w3id.org/scrgraph/id/assignment/> .
@prefix agent: <https://w3id.org/scrgraph/id/agent/> .
@prefix load: <https://w3id.org/scrgraph/id/load/> .
@prefix event: <https://w3id.org/scrgraph/id/event/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix schema: <https://schema.org/> .
"""

GOOD = (
    PREFIXES
    + """
partnership:NSCB a nscb:Partnership ;
    dcterms:identifier "NSCB" ;
    nscb:name "Northshire Safeguarding Children Board" ;
    nscb:partnershipType nscb:partnership-type-children .

agency:POLICE a nscb:Agency ;
    dcterms:identifier "POLICE" ; nscb:name "Northshire Constabulary" ;
    nscb:sector nscb:sector-police .
agency:CSC a nscb:Agency ;
    dcterms:identifier "CSC" ; nscb:name "Children's Services" ;
    nscb:sector nscb:sector-childrens-social-care .

review:NSCB-SCR-2014-01 a nscb:SeriousCaseReview ;
    dcterms:identifier "NSCB-SCR-2014-01" ;
    dcterms:title "Child K" ;
    dcterms:issued "2014-05-01"^^xsd:date ;
    nscb:commissionedBy partnership:NSCB ;
    nscb:underGuidance nscb:guidance-WT2013 ;
    dcterms:abstract "Neglect and domestic abuse in a family known to many agencies." ;
    nscb:madeRecommendation rec:NSCB-SCR-2014-01-R1 , rec:NSCB-SCR-2014-01-R2 .

rec:NSCB-SCR-2014-01-R1 a nscb:Recommendation ;
    dcterms:identifier "NSCB-SCR-2014-01-R1" ;
    nscb:number 1 ;
    nscb:text "Police to share domestic abuse notifications with schools within 24 hours." ;
    nscb:smart true ;
    nscb:hasTheme tlf:theme-domestic-abuse , tlf:theme-information-sharing ;
    nscb:mapsToStandard tlf:std-2.2 ;
    nscb:directedAt agency:POLICE .

rec:NSCB-SCR-2014-01-R2 a nscb:Recommendation ;
    dcterms:identifier "NSCB-SCR-2014-01-R2" ;
    nscb:number 2 ;
    nscb:text "Use the Graded Care Profile in all neglect cases." ;
    nscb:smart false ;
    nscb:hasTheme tlf:theme-neglect .

action:A1 a nscb:Action ;
    dcterms:identifier "NSCB-SCR-2014-01-R1-A1" ;
    nscb:respondsTo rec:NSCB-SCR-2014-01-R1 ;
    nscb:text "Set up daily notifications to schools (Operation Encompass)." ;
    nscb:ownedBy agency:POLICE ;
    nscb:due "2015-03-31"^^xsd:date ;
    nscb:status nscb:status-completed ;
    nscb:completedOn "2015-02-01"^^xsd:date ;
    nscb:evidence "Audit of notifications, March 2015." .

action:A2 a nscb:Action ;
    dcterms:identifier "NSCB-SCR-2014-01-R2-A1" ;
    nscb:respondsTo rec:NSCB-SCR-2014-01-R2 ;
    nscb:text "Train all social workers in the Graded Care Profile." ;
    nscb:ownedBy agency:CSC ;
    nscb:due "2015-06-30"^^xsd:date ;
    nscb:status nscb:status-superseded ;
    nscb:statusReason "Replaced by the county neglect strategy." .

coding:R1-da a nscb:CodeAssignment ;
    nscb:ofRecommendation rec:NSCB-SCR-2014-01-R1 ;
    nscb:assignedCode tlf:theme-domestic-abuse ;
    nscb:assignedBy agent:me-officer ;
    nscb:assignedAt "2014-06-01"^^xsd:date ;
    nscb:accepted true .
agent:me-officer a prov:Agent ; rdfs:label "M&E officer" .

coding:R2-suggested a nscb:CodeAssignment ;
    nscb:ofRecommendation rec:NSCB-SCR-2014-01-R2 ;
    nscb:assignedCode tlf:std-4.5 ;
    nscb:assignedBy nscb:tagSuggester ;
    nscb:assignedAt "2014-06-02T10:00:00"^^xsd:dateTime ;
    nscb:accepted false ;
    nscb:score 0.71 .

event:RS-2014-01 a nscb:LearningEvent ;
    dcterms:identifier "RS-2014-01" ;
    dcterms:title "SCR roadshow: Child K" ;
    nscb:eventKind nscb:event-roadshow ;
    nscb:heldOn "2014-06-20"^^xsd:date ;
    nscb:sharesLearningFrom review:NSCB-SCR-2014-01 .
"""
)

SECOND_REVIEW = """
review:NSCB-SCR-2015-01 a nscb:SeriousCaseReview ;
    dcterms:identifier "NSCB-SCR-2015-01" ;
    dcterms:title "Child L" ;
    dcterms:issued "2015-07-01"^^xsd:date ;
    nscb:commissionedBy partnership:NSCB ;
    nscb:underGuidance nscb:guidance-WT2015 ;
    nscb:madeRecommendation rec:NSCB-SCR-2014-01-R1 .
"""


def check(ttl: str) -> ValidationReport:
    return validate(Graph().parse(data=ttl, format="turtle"))


def changed(old: str, new: str) -> str:
    """The good data with one change; fails loudly if the text to change is not there."""
    assert GOOD.count(old) == 1, old
    return GOOD.replace(old, new)


def only(report: ValidationReport, message_part: str) -> Violation:
    """The one violation whose message contains ``message_part``."""
    assert not report.conforms
    found = [v for v in report.violations if message_part in v.message]
    assert len(found) == 1, [str(v) for v in report.violations]
    return found[0]


# --- good data ------------------------------------------------------------------------------


def test_good_data_conforms() -> None:
    report = check(GOOD)
    assert report.conforms, str(report)
    assert report.violations == ()
    assert str(report) == "The data conforms."


def test_validation_does_not_change_the_data() -> None:
    data = Graph().parse(data=GOOD, format="turtle")
    before = len(data)
    validate(data)
    assert len(data) == before


@pytest.fixture
def engine_runs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """One entry for each run of the SHACL engine during the test."""
    import pyshacl_turbo as pyshacl  # the engine scrgraph runs

    runs: list[int] = []
    real = pyshacl.validate

    def counted(*args: object, **kwargs: object) -> object:
        runs.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(pyshacl, "validate", counted)
    return runs


def test_the_same_triples_checked_again_reuse_the_report(engine_runs: list[int]) -> None:
    runs = engine_runs
    data = Graph().parse(data=GOOD, format="turtle")
    first = validate(data)  # perhaps already checked by an earlier test
    before = len(runs)
    again = validate(Graph().parse(data=GOOD, format="turtle"))  # read again: same triples
    assert again == first and len(runs) == before
    changed = Graph().parse(data=GOOD, format="turtle")
    changed.remove((None, DCTERMS.title, None))
    assert not validate(changed).conforms  # different triples: checked afresh
    assert len(runs) == before + 1


def test_a_changed_value_is_checked_afresh(engine_runs: list[int]) -> None:
    # The report's key sums the triples' hashes: the same number of triples with one value
    # changed is another key, whichever order the triples come in.
    runs = engine_runs
    data = Graph().parse(data=GOOD, format="turtle")
    validate(data)
    before = len(runs)
    retitled = Graph().parse(data=GOOD, format="turtle")
    review = next(retitled.subjects(DCTERMS.title, None))
    retitled.set((review, DCTERMS.title, Literal("Another fictional title")))
    assert len(retitled) == len(data)
    assert validate(retitled).conforms and len(runs) == before + 1
    reordered = Graph()
    for triple in sorted(data, reverse=True):
        reordered.add(triple)
    validate(reordered)
    assert len(runs) == before + 1  # the same triples in another order: the kept report


def test_a_graph_union_reads_its_parts_as_one_set_and_refuses_writes() -> None:
    first = Graph().parse(data=GOOD, format="turtle")
    second = Graph()
    shared = next(iter(first))
    extra = (URIRef("https://example.org/x"), DCTERMS.title, Literal("x"))
    second.add(shared)
    second.add(extra)
    union = GraphUnion(first, second)
    assert set(union) == set(first) | set(second)
    assert len(union) == len(first) + 1  # the shared triple is seen once
    assert extra in union and union.value(extra[0], DCTERMS.title) == Literal("x")
    first.remove(shared)
    assert shared in union  # read through: the second part still holds it
    for write in (lambda: union.add(extra), lambda: union.remove(extra),
                  lambda: union.__iadd__(second)):
        with pytest.raises(TypeError, match="read-only"):
            write()


def test_good_data_conforms_from_turtle_and_json_ld_files(tmp_path: Path) -> None:
    graph = Graph().parse(data=GOOD, format="turtle")
    ttl = tmp_path / "reviews.ttl"
    ttl.write_text(GOOD, encoding="utf-8")
    jsonld = tmp_path / "reviews.jsonld"
    jsonld.write_text(graph.serialize(format="json-ld"), encoding="utf-8")
    assert validate_file(ttl).conforms
    assert validate_file(jsonld).conforms
    assert len(read_graph(jsonld)) == len(graph)


def test_every_reporting_shape_has_a_message_for_analysts() -> None:
    shapes = shapes_graph()
    targets = (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode)
    node_shapes = {s for t in targets for s in shapes.subjects(t, None)}
    node_shapes |= set(shapes.objects(None, SH.node))
    assert len(node_shapes) >= 10
    node_level = (SH.closed, SH["class"], SH["or"], SH["not"], SH["in"], SH.datatype)

    def messages(shape: Node) -> list[str]:
        found = [str(m) for m in shapes.objects(shape, SH.message)]
        for constraint in shapes.objects(shape, SH.sparql):
            found += [str(m) for m in shapes.objects(constraint, SH.message)]
        return found

    checked = 0
    for shape in node_shapes:
        reporting = list(shapes.objects(shape, SH.property))
        if any((shape, c, None) in shapes for c in node_level):
            reporting.append(shape)
        for reporter in reporting:
            found = messages(reporter)
            assert found, (shape, reporter)
            for message in found:
                assert message[0].isupper() and message.endswith((".", "?")), message
                assert "http" not in message and "nscb:" not in message, message
            checked += 1
    assert checked >= 60


# --- required fields ------------------------------------------------------------------------


def test_missing_title_is_rejected() -> None:
    report = check(changed('dcterms:title "Child K" ;', ""))
    violation = only(report, "A review needs exactly one title")
    assert violation.focus == "NSCB-SCR-2014-01"  # the Review ID, not an IRI
    assert violation.path == "title"
    assert violation.severity == "Violation"


def test_missing_publication_date_is_rejected() -> None:
    report = check(changed('dcterms:issued "2014-05-01"^^xsd:date ;', ""))
    violation = only(report, "An SCR, LCSPR, SAR or DHR needs its publication date")
    assert "at least the year (2023)" in violation.message
    assert violation.path == "publication date"


def test_a_thematic_review_may_have_no_publication_date_but_not_a_wrong_one() -> None:
    thematic = changed('a nscb:SeriousCaseReview ;', 'a nscb:ThematicReview ;')
    assert check(thematic.replace('dcterms:issued "2014-05-01"^^xsd:date ;', "")).conforms
    assert check(thematic.replace('"2014-05-01"^^xsd:date', '"2014"^^xsd:gYear')).conforms
    report = check(thematic.replace('"2014-05-01"^^xsd:date', '"May 2014"'))
    only(report, "A review has at most one publication date")


def test_missing_partnership_and_guidance_are_rejected() -> None:
    report = check(
        changed(
            "nscb:commissionedBy partnership:NSCB ;\n    nscb:underGuidance nscb:guidance-WT2013 ;",
            "",
        )
    )
    only(report, "A review needs its commissioning partnership (several for a joint review)")
    only(report, "A review needs exactly one guidance code")


def test_unknown_guidance_code_is_rejected() -> None:
    report = check(changed("nscb:guidance-WT2013", "nscb:guidance-WT2012"))
    violation = only(report, "guidance code: WT2013, WT2015")
    assert violation.value == "WT2012"


def test_missing_action_owner_is_rejected() -> None:
    report = check(changed("nscb:ownedBy agency:POLICE ;", ""))
    violation = only(report, "An action needs exactly one owner")
    assert violation.focus == "NSCB-SCR-2014-01-R1-A1"


# --- allowed values -------------------------------------------------------------------------


def test_review_that_is_only_a_review_has_no_kind() -> None:
    report = check(
        changed(
            "review:NSCB-SCR-2014-01 a nscb:SeriousCaseReview",
            "review:NSCB-SCR-2014-01 a nscb:Review",
        )
    )
    violation = only(
        report, "A review's type must be exactly one of: SCR, LCSPR, SAR, DHR, THEMATIC"
    )
    assert violation.focus == "NSCB-SCR-2014-01"


def test_review_with_two_kinds_is_rejected() -> None:
    report = check(
        changed(
            "review:NSCB-SCR-2014-01 a nscb:SeriousCaseReview",
            "review:NSCB-SCR-2014-01 a nscb:SeriousCaseReview , nscb:SafeguardingAdultReview",
        )
    )
    only(report, "A review's type must be exactly one of")


def test_review_of_an_unknown_kind_is_still_checked() -> None:
    report = check(
        changed(
            "review:NSCB-SCR-2014-01 a nscb:SeriousCaseReview",
            "review:NSCB-SCR-2014-01 a nscb:Inquiry",
        )
    )
    only(report, "A review's type must be exactly one of")


def test_bad_action_status_is_rejected() -> None:
    report = check(changed("nscb:status nscb:status-completed", "nscb:status nscb:status-done"))
    violation = only(report, "An action's status must be one of: open, in-progress, completed")
    assert violation.value == "done"
    assert violation.path == "status"


def test_action_status_as_plain_text_is_rejected() -> None:
    report = check(changed("nscb:status nscb:status-completed", 'nscb:status "completed"'))
    violation = only(report, "An action's status must be one of")
    assert violation.value == "completed"


def test_bad_sector_and_partnership_type_are_rejected() -> None:
    data = changed("nscb:sector nscb:sector-police", "nscb:sector nscb:sector-fire").replace(
        "nscb:partnership-type-children", "nscb:partnership-type-schools"
    )
    report = check(data)
    only(report, "An agency's sector, when given, must be one of: police, health")
    only(report, "A partnership's type must be one of: children, adults, community-safety")


# --- every recommendation in exactly one review ----------------------------------------------


def test_recommendation_in_no_review_is_rejected() -> None:
    report = check(
        changed(
            "nscb:madeRecommendation rec:NSCB-SCR-2014-01-R1 , rec:NSCB-SCR-2014-01-R2 .",
            "nscb:madeRecommendation rec:NSCB-SCR-2014-01-R2 .",
        )
    )
    violation = only(report, "A recommendation must belong to exactly one review")
    assert violation.focus == "NSCB-SCR-2014-01-R1"
    assert violation.path == "review"


def test_recommendation_in_two_reviews_is_rejected() -> None:
    report = check(GOOD + SECOND_REVIEW)
    violation = only(report, "A recommendation must belong to exactly one review")
    assert violation.focus == "NSCB-SCR-2014-01-R1"


# --- framework references -------------------------------------------------------------------


def test_unknown_theme_is_rejected_with_a_suggestion() -> None:
    report = check(changed("tlf:theme-neglect .", "tlf:theme-neglct ."))
    violation = only(report, "A theme must be one of the 13 key theme codes")
    assert "did you mean 'neglect'?" in violation.message
    assert violation.value == "neglct"
    assert violation.focus == "NSCB-SCR-2014-01-R2"


def test_unknown_standard_is_rejected() -> None:
    report = check(
        changed("nscb:mapsToStandard tlf:std-2.2 ;", "nscb:mapsToStandard tlf:std-7.1 ;")
    )
    violation = only(report, "A standard must be one of the practice standard codes 1.1 to 6.3")
    assert violation.value == "7.1"


def test_standard_given_as_a_theme_is_rejected() -> None:
    report = check(changed("tlf:theme-neglect .", "tlf:std-4.5 ."))
    violation = only(report, "A theme must be one of the 13 key theme codes")
    assert "'4.5' is a practice standard, not a key theme" in violation.message


def test_theme_outside_the_framework_namespace_is_rejected() -> None:
    report = check(changed("tlf:theme-neglect .", "<http://example.org/themes/neglect> ."))
    violation = only(report, "A theme must be one of the 13 key theme codes")
    assert "It names 'neglect', but not as the framework defines it." in violation.message


def test_data_cannot_define_its_own_theme() -> None:
    extra = """
tlf:theme-poverty a nscb:Theme ;
    <http://www.w3.org/2004/02/skos/core#inScheme> tlf:tlf ;
    <http://www.w3.org/2004/02/skos/core#notation> "poverty" .
"""
    report = check(changed("tlf:theme-neglect .", "tlf:theme-poverty .") + extra)
    violation = only(report, "must not add to or change the Thematic Learning Framework")
    assert violation.focus == "tlf:theme-poverty"


def test_coding_to_an_unknown_code_is_rejected() -> None:
    report = check(changed("nscb:assignedCode tlf:std-4.5 ;", "nscb:assignedCode tlf:std-4.9 ;"))
    violation = only(report, "A coding must give exactly one key theme or practice standard")
    assert violation.focus == "coding of NSCB-SCR-2014-01-R2"


def test_suggestion_score_out_of_range_is_rejected() -> None:
    report = check(changed("nscb:score 0.71 .", "nscb:score 7.1 ."))
    only(report, "A suggestion's score must be one number from 0 to 1")


# --- dates ----------------------------------------------------------------------------------


def test_impossible_date_is_rejected() -> None:
    report = check(changed('"2014-05-01"^^xsd:date', '"2014-02-30"^^xsd:date'))
    violation = only(report, "A review has at most one publication date: a real date")
    assert violation.value == "2014-02-30"


def test_date_in_another_format_is_rejected() -> None:
    report = check(changed('nscb:due "2015-03-31"^^xsd:date', 'nscb:due "31/03/2015"'))
    violation = only(report, "An action needs exactly one due date, a real date written YYYY-MM-DD")
    assert violation.value == "31/03/2015"


def test_due_date_before_the_review_is_rejected() -> None:
    report = check(changed('nscb:due "2015-03-31"^^xsd:date', 'nscb:due "2014-04-01"^^xsd:date'))
    violation = only(report, "before its review was published")
    assert violation.message == (
        "An action is due (2014-04-01) before its review was published (2014-05-01): "
        "check the due date."
    )
    assert violation.focus == "NSCB-SCR-2014-01-R1-A1"
    assert violation.path == "due date"


def test_due_date_on_the_publication_date_is_allowed() -> None:
    assert check(
        changed('nscb:due "2015-03-31"^^xsd:date', 'nscb:due "2014-05-01"^^xsd:date')
    ).conforms


# --- status reasons -------------------------------------------------------------------------


def test_superseded_without_a_reason_is_rejected() -> None:
    report = check(
        changed(
            "nscb:status nscb:status-superseded ;\n"
            '    nscb:statusReason "Replaced by the county neglect strategy." .',
            "nscb:status nscb:status-superseded .",
        )
    )
    violation = only(report, "needs a status reason")
    assert violation.focus == "NSCB-SCR-2014-01-R2-A1"


def test_not_implemented_without_a_reason_is_rejected() -> None:
    report = check(
        changed("nscb:status nscb:status-completed", "nscb:status nscb:status-not-implemented")
    )
    violation = only(report, "needs a status reason")
    assert violation.message == (
        "An action marked not-implemented or superseded needs a status reason: "
        "say why it was not implemented or was superseded."
    )
    assert violation.focus == "NSCB-SCR-2014-01-R1-A1"
    assert violation.value is None  # the action itself, already named as the focus


def test_superseded_with_an_empty_reason_is_rejected() -> None:
    report = check(changed('"Replaced by the county neglect strategy."', '""'))
    violation = only(report, "needs a status reason")
    assert violation.focus == "NSCB-SCR-2014-01-R2-A1"


def test_not_implemented_with_a_reason_conforms() -> None:
    data = changed(
        "nscb:status nscb:status-completed ;",
        'nscb:status nscb:status-not-implemented ; nscb:statusReason "No funding." ;',
    )
    assert check(data).conforms


# --- no personal data -----------------------------------------------------------------------


def test_personal_name_on_a_review_is_rejected() -> None:
    report = check(
        changed('dcterms:title "Child K" ;', 'dcterms:title "Child K" ; foaf:name "Kelly Smith" ;')
    )
    violation = only(report, "Review data must not hold people's names")
    assert violation.focus == "NSCB-SCR-2014-01"
    assert violation.path == "foaf:name"


def test_given_name_anywhere_is_rejected() -> None:
    report = check(GOOD + '\nagency:POLICE schema:givenName "Kelly" .\n')
    violation = only(report, "Review data must not hold people's names")
    assert violation.focus == "POLICE"


def test_a_person_node_is_rejected() -> None:
    report = check(GOOD + "\n<https://w3id.org/scrgraph/id/person/1> a foaf:Person .\n")
    only(report, "Review data must not describe individual people")


def test_unknown_field_on_a_review_is_rejected() -> None:
    report = check(
        changed('dcterms:title "Child K" ;', 'dcterms:title "Child K" ; nscb:childName "Kelly" ;')
    )
    violation = only(report, "A review has a field that is not part of the review data")
    assert violation.path == "nscb:childName"


# --- reading files --------------------------------------------------------------------------


def test_unreadable_turtle_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.ttl"
    path.write_text(PREFIXES + 'review:X dcterms:title "Child K ;\nreview:Y a nscb:Review .\n')
    with pytest.raises(SourceError) as caught:
        validate_file(path)
    message = str(caught.value)
    assert str(path) in message
    assert "not valid Turtle" in message
    assert f"line {PREFIXES.count(chr(10)) + 1}" in message


def test_unreadable_json_ld_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.jsonld"
    path.write_text('{\n  "@id": "https://w3id.org/scrgraph/id/review/X",\n  "title": [1,\n}\n')
    with pytest.raises(SourceError, match=r"broken\.jsonld: not valid JSON-LD: line 4"):
        validate_file(path)


def test_other_file_types_and_missing_files_are_source_errors(tmp_path: Path) -> None:
    csv = tmp_path / "reviews.csv"
    csv.write_text("Review ID\n")
    with pytest.raises(SourceError, match=r"Turtle \(\.ttl\) or JSON-LD"):
        validate_file(csv)
    with pytest.raises(SourceError, match="no such file"):
        validate_file(tmp_path / "missing.ttl")


def test_json_ld_document_with_bad_structure_is_a_source_error(tmp_path: Path) -> None:
    path = tmp_path / "odd.jsonld"
    path.write_text(json.dumps({"@context": 5, "@id": "x"}))
    with pytest.raises(SourceError, match=r"odd\.jsonld"):
        validate_file(path)


def test_report_text_lists_each_violation_for_the_analyst() -> None:
    report = check(changed('dcterms:title "Child K" ;', ""))
    text = str(report)
    assert text.startswith("The data does not conform:")
    assert "NSCB-SCR-2014-01 (title): A review needs exactly one title" in text
    assert "https://" not in text


# --- what a source cannot bring -------------------------------------------------------------


def test_a_source_cannot_bring_its_own_load_records() -> None:
    # Provenance is written by scrgraph when it loads, never taken from a source.
    report = check(GOOD + """
load:L1 a nscb:Load ;
    nscb:file "reviews.xlsx" ;
    nscb:sha256 "0f343b0931126a20f133d67c2b018a3b5e0a5b1f9b7b1c0b7a8f3c3c1d2e4f6a" ;
    nscb:rows 7 ;
    nscb:loadedBy "analyst" ;
    nscb:loadedAt "2024-01-01T09:00:00"^^xsd:dateTime ;
    nscb:softwareVersion "0.1.0" ;
    nscb:loaded review:NSCB-SCR-2014-01 .
""")
    assert not report.conforms
    forged = [v for v in report.violations if "Load records are written by scrgraph" in v.message]
    assert {v.path for v in forged} == {"type", "loaded", "loaded by", "loaded at"}


def test_rdf_outside_the_ontology_is_reported_not_dropped() -> None:
    report = check(GOOD + """
<http://example.org/unrelated> <http://example.org/colour> "blue" .
review:NSCB-SCR-2014-01 a <http://example.org/Case> .
""")
    foreign = {(v.focus, v.path) for v in report.violations
               if "not part of the scrgraph ontology" in v.message}
    assert foreign == {("http://example.org/unrelated", "http://example.org/colour"),
                       ("NSCB-SCR-2014-01", "type")}
