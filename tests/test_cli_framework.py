"""`scrgraph framework`, `validate` and `template`, run as a user runs them."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from tests.conftest import clean_env, run_cli
from tests.sample import SAMPLE, copy_sample, rows, write_rows

GOOD_TURTLE = """\
@prefix nscb: <https://w3id.org/scrgraph/nscb#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix tlf: <https://w3id.org/scrgraph/framework/> .

<https://w3id.org/scrgraph/id/partnership/P1> a nscb:Partnership ;
    dcterms:identifier "P1" ; nscb:name "Example Partnership" ;
    nscb:partnershipType nscb:partnership-type-children .
<https://w3id.org/scrgraph/id/review/R1> a nscb:SeriousCaseReview ;
    dcterms:identifier "R1" ; dcterms:title "Child Z" ;
    dcterms:issued "2016-05-01"^^xsd:date ;
    nscb:commissionedBy <https://w3id.org/scrgraph/id/partnership/P1> ;
    nscb:underGuidance nscb:guidance-WT2015 ;
    nscb:madeRecommendation <https://w3id.org/scrgraph/id/recommendation/R1-1> .
<https://w3id.org/scrgraph/id/recommendation/R1-1> a nscb:Recommendation ;
    dcterms:identifier "R1-1" ; nscb:number 1 ; nscb:smart true ;
    nscb:text "The partnership should review its domestic abuse pathway." ;
    nscb:hasTheme tlf:theme-domestic-abuse ; nscb:mapsToStandard tlf:std-2.2 .
"""


def test_framework_prints_the_tree(tmp_path: Path) -> None:
    result = run_cli("framework", env=clean_env(SCRGRAPH_HOME=str(tmp_path)))
    assert result.code == 0, result.output
    out = result.stdout
    for quadrant in ("1. Professional curiosity", "2. Information Sharing and Fora",
                     "3. Collaborative Working", "4. Leadership"):
        assert quadrant in out
    assert "2.2 Tracking, recording and sharing concerns" in out
    assert "domestic-abuse" in out and "Recurring safeguarding issues" in out
    assert ("4 quadrants, 23 practice standards, 13 key themes, 30 standard-theme links."
            in out)
    assert not (tmp_path / "server.json").exists()  # no database needed


def test_validate_accepts_the_sample_and_good_rdf(tmp_path: Path) -> None:
    env = clean_env(SCRGRAPH_HOME=str(tmp_path))
    result = run_cli("validate", str(SAMPLE), env=env)
    assert result.code == 0, result.output
    assert "The data conforms: 393 items, ready to load." in result.stdout
    turtle = tmp_path / "good.ttl"
    turtle.write_text(GOOD_TURTLE, encoding="utf-8")
    assert run_cli("validate", str(turtle), env=env).code == 0
    assert not (tmp_path / "server.json").exists()  # validating writes nothing anywhere


def test_validate_lists_shape_violations_in_rdf(tmp_path: Path) -> None:
    turtle = tmp_path / "bad.ttl"
    turtle.write_text(GOOD_TURTLE.replace("tlf:theme-domestic-abuse", "tlf:theme-domestic-abse")
                      .replace('dcterms:title "Child Z" ;', ""), encoding="utf-8")
    result = run_cli("validate", str(turtle), env=clean_env(SCRGRAPH_HOME=str(tmp_path)))
    assert result.code == 1
    assert "problems found; nothing was loaded" in result.stderr
    assert "did you mean 'domestic-abuse'?" in result.stderr
    assert "R1 (title)" in result.stderr
    assert "Traceback" not in result.output


def test_validate_lists_every_workbook_problem(tmp_path: Path) -> None:
    folder = copy_sample(tmp_path)
    data = rows("actions.csv", folder)
    data[0]["Status"] = "not-implemented"
    data[0]["Status reason"] = ""
    write_rows("actions.csv", data, folder)
    result = run_cli("validate", str(folder), env=clean_env(SCRGRAPH_HOME=str(tmp_path)))
    assert result.code == 1
    assert ("actions.csv, sheet Actions, row 2, column 'Status reason': "
            f"{data[0]['Action ID']} (status reason): An action marked not-implemented or "
            "superseded needs a status reason") in result.stderr


def test_template_writes_a_workbook_with_guide_and_codes(tmp_path: Path) -> None:
    path = tmp_path / "reviews.xlsx"
    result = run_cli("template", str(path), env=clean_env(SCRGRAPH_HOME=str(tmp_path)))
    assert result.code == 0, result.output
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Guide", "Codes", "Partnerships", "Themes", "Reviews",
                               "Agencies", "Recommendations", "Actions"]
    assert [c.value for c in book["Reviews"][1]] == ["Review ID", "Title", "Type",
                                                    "Partnership ID", "Published", "Guidance",
                                                    "Summary", "Period from", "Period to",
                                                    "Case keys"]
    codes = {row[1] for row in book["Codes"].iter_rows(min_row=2, values_only=True)}
    assert {"domestic-abuse", "neglect", "1.1", "6.3"} <= codes
    assert len(codes) == 13 + 23
    guide = [row for row in book["Guide"].iter_rows(values_only=True) if row[0] == "Actions"]
    assert ("Actions", "Status", "Yes", "one code",
            "Where the action stands (completed is not the same as impact evidenced). One of: "
            "completed, impact-evidenced, in-progress, not-implemented, open, superseded.") \
        in guide
    wrong = run_cli("template", str(tmp_path / "reviews.csv"),
                    env=clean_env(SCRGRAPH_HOME=str(tmp_path)))
    assert wrong.code == 2 and "ending .xlsx" in wrong.output
