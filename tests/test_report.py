"""The cross-review theme report and the seven-minute briefing, on the sample data.

The report is generated once for the module; its numbers are checked against the catalog's
other queries (so the report and ``scrgraph query`` cannot disagree), its files are opened
as an analyst would (the PDF rendered to PNG, the workbook's cell types, the CSV's BOM).
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from scrgraph.facade import Scrgraph
from scrgraph.results import ReportData, ReportFiles, ReportScope
from scrgraph.settings import Settings
from scrgraph.store.db import Database
from tests.conftest import run_cli
from tests.sample import SAMPLE

AS_OF = dt.date(2026, 11, 28)  # the sample's reference "today" (data/sample/README.md)

SCOPE_CONDITIONS = """\
WHERE ($from_year IS NULL OR coalesce(r.year, r.published.year) >= $from_year)
  AND ($to_year IS NULL OR coalesce(r.year, r.published.year) <= $to_year)
  AND ($kind IS NULL OR r.kind IN $kind)
  AND ($partnership IS NULL OR EXISTS {
        (r)-[:COMMISSIONED_BY]->(p:Partnership)
        WHERE p.id = $partnership OR p.type = $partnership })
  AND ($theme IS NULL OR EXISTS { (rec)-[:HAS_THEME]->(:Theme {code: $theme}) })
  AND ($as_of IS NULL OR r.publishedAs IS NULL OR date(r.publishedAs) <= date($as_of))"""

SCOPE_MATCH = re.compile(
    r"^(OPTIONAL )?MATCH (\(r:Review\)-\[:MADE\]->\(rec:Recommendation\)|"
    r".*\(rec:Recommendation\)<-\[:MADE\]-\(r:Review\))\n" + re.escape(SCOPE_CONDITIONS), re.M)


@pytest.fixture(scope="module")
def sg(session_db: Database, settings: Settings) -> Scrgraph:
    """The sample, loaded once for these read-only tests."""
    session_db.clear()
    facade = Scrgraph(settings, session_db)
    facade.load([SAMPLE])
    return facade


@pytest.fixture(scope="module")
def data(sg: Scrgraph) -> ReportData:
    return sg.report(ReportScope(as_of=AS_OF))


@pytest.fixture(scope="module")
def files(sg: Scrgraph, data: ReportData, tmp_path_factory: pytest.TempPathFactory
          ) -> ReportFiles:
    return sg.write_report(data, tmp_path_factory.mktemp("report"))


def rows(sg: Scrgraph, name: str, **params: object) -> list[dict[str, object]]:
    return sg.run_query(name, params).rows


# -- the queries behind the report --------------------------------------------------------------

def test_every_report_query_takes_the_same_scope(sg: Scrgraph) -> None:
    queries = [q for q in sg.queries() if q.folder == "report"]
    assert len(queries) == 14
    for query in queries:
        assert query.name.startswith("report-")
        # The same conditions, once, on the review r that made the recommendation rec (matched
        # from either end: report-themes starts from each theme).
        assert query.text.count(SCOPE_CONDITIONS) == 1, query.name
        assert SCOPE_MATCH.search(query.text), query.name
        assert {"from_year", "to_year", "kind", "partnership", "theme", "as_of"} <= {
            p.name for p in query.params}


def test_summary_row_on_the_sample(sg: Scrgraph) -> None:
    assert rows(sg, "report-summary", as_of=AS_OF) == [{
        "reviews": 16, "first_published": dt.date(2014, 3, 19),
        "last_published": dt.date(2025, 7, 16), "SCR": 5, "LCSPR": 4, "SAR": 3, "DHR": 3,
        "THEMATIC": 1, "NATIONAL": 0, "children_reviews": 10, "adults_reviews": 4,
        "community_safety_reviews": 3, "national_reviews": 0, "recommendations": 160,
        "agencies": 19, "actions": 194,
        "overdue": 17, "done": 153, "impact_evidenced": 14, "recommendations_without_action": 8,
        "not_smart": 19, "smart_gaps": 156, "unmapped": 5, "cross_quadrant": 92,
        "standards_without_learning": 3,
        "as_of": AS_OF}]


def test_theme_rows_agree_with_recurring_themes(sg: Scrgraph, data: ReportData) -> None:
    recurring = {r["theme"]: r for r in rows(sg, "recurring-themes", min_reviews=1)}
    for row in data.raised_themes:
        other = recurring[row["theme"]]
        assert (row["reviews"], row["recommendations"]) == (other["reviews"],
                                                           other["recommendations"])
        assert row["children_reviews"] == other["by_partnership_type"]["children"]
        assert row["community_safety_reviews"] == \
            other["by_partnership_type"]["community-safety"]
        assert row["DHR"] == other["by_review_kind"]["DHR"]
    # the framework's 13, then the sample's local theme (NSAB's self-neglect) after them
    themes = data.rows("themes")
    assert [t["scope"] for t in themes] == ["framework"] * 13 + ["local"]
    assert themes[-1]["theme"] == "self-neglect" and themes[-1]["reviews"] == 2
    assert data.theme("domestic-abuse") == {
        "theme": "domestic-abuse", "label": "Domestic Abuse", "scope": "framework",
        "theme_kind": "safeguarding-issue",
        "reviews": 10, "children_reviews": 5, "adults_reviews": 3, "community_safety_reviews": 3,
        "national_reviews": 0, "SCR": 3, "LCSPR": 2, "SAR": 2, "DHR": 3, "THEMATIC": 0,
        "NATIONAL": 0, "recommendations": 57,
        "agencies": 17, "first_year": 2014, "last_year": 2025}


def test_framework_rows_agree_with_the_framework_queries(sg: Scrgraph, data: ReportData
                                                         ) -> None:
    coverage = {r["standard"]: (r["recommendations"], r["reviews"])
                for r in rows(sg, "standards-coverage")}
    assert {r["standard"]: (r["recommendations"], r["reviews"])
            for r in data.rows("standards")} == coverage
    assert [g["standard"] for g in data.gaps] == [
        r["standard"] for r in rows(sg, "standards-gaps")] == ["1.4", "2.3", "5.1"]
    pairs = {(r["quadrant_a"], r["quadrant_b"]): r["recommendations"]
             for r in rows(sg, "quadrant-pairs")}
    assert {(r["quadrant_a"], r["quadrant_b"]): r["recommendations"]
            for r in data.rows("quadrant-links")} == pairs
    assert data.summary["cross_quadrant"] == len(rows(sg, "cross-quadrant-recommendations",
                                                          limit=100_000))
    implementation = {r["quadrant"]: (r["recommendations"], r["actions"])
                      for r in rows(sg, "implementation-by-quadrant") if r["quadrant"] != "all"}
    assert {r["quadrant"]: (r["recommendations"], r["actions"])
            for r in data.rows("quadrants")} == implementation
    trend = {(r["theme"], r["year"]): r["reviews"] for r in rows(sg, "theme-trend")
             if r["reviews"]}  # theme-trend lists the years a theme was not raised, too
    assert {(r["theme"], r["year"]): r["reviews"] for r in data.rows("theme-years")} == trend


def test_accountability_rows_agree_with_agency_accountability(sg: Scrgraph, data: ReportData
                                                              ) -> None:
    overall = {r["agency"]: r for r in rows(sg, "agency-accountability", as_of=AS_OF)}
    for row in data.rows("agencies"):
        other = overall[row["agency"]]
        assert (row["actions"], row["overdue"], row["done"]) == (
            other["actions"], other["overdue"], other["done"])
    assert sum(r["overdue"] for r in data.rows("agencies")) == data.summary["overdue"] == 17
    assert len(data.rows("overdue-actions")) == 17
    first = data.rows("overdue-actions")[0]
    assert (first["action"], first["agency"], first["due"], first["days_overdue"]) == (
        "NCSP-DHR-2020-01-R2-A1", "ICB", dt.date(2021, 3, 31), 2068)


def test_attention_counts_agree_with_recommendations_needing_attention(
        sg: Scrgraph, data: ReportData) -> None:
    for reason, key in (("not-smart", "not_smart"), ("unmapped", "unmapped"),
                        ("smart-gaps", "smart_gaps"),
                        ("no-action", "recommendations_without_action")):
        expected = {r["recommendation"] for r in rows(sg, "recommendations-needing-attention",
                                                     reason=reason, limit=100_000)}
        assert {r["recommendation"] for r in data.attention(reason)} == expected
        assert data.summary[key] == len(expected)
    assert len(data.rows("recommendations")) == 160


GAPS_STORED = "MATCH (rec:Recommendation) RETURN rec.id AS id, rec.smartGaps AS gaps"


def test_smart_gap_rows_count_what_the_smart_check_stored(sg: Scrgraph, data: ReportData
                                                          ) -> None:
    """Each element's row counts the recommendations whose stored smartGaps name it, read
    straight from the graph here; a recommendation lacking several counts in each row."""
    stored = {r["id"]: r["gaps"] or [] for r in sg.database.read(GAPS_STORED)}
    assert len(stored) == 160
    expected = {element: sum(element in gaps for gaps in stored.values())
                for element in ("owner", "timescale", "measure", "action")}
    assert [(r["element"], r["recommendations"], r["in_scope"])
            for r in data.rows("smart-gaps")] == [(k, v, 160) for k, v in expected.items()]
    lacking_any = sum(bool(gaps) for gaps in stored.values())
    assert data.summary["smart_gaps"] == lacking_any
    assert sum(expected.values()) > lacking_any  # several gaps each: the rows do not add up
    needing = {r["recommendation"]: r["missing"] for r in rows(
        sg, "recommendations-needing-attention", reason="smart-gaps", limit=100_000)}
    assert {r["recommendation"]: r["smart_gaps"] for r in data.rows("recommendations")
            if r["smart_gaps"]} == needing
    assert all(sorted(gaps) == sorted(needing.get(rec, [])) for rec, gaps in stored.items())
    # a narrower scope counts only its own recommendations
    sars = rows(sg, "report-smart-gaps", kind=["SAR"], as_of=AS_OF)
    sar_recs = {r["recommendation"] for r in rows(sg, "report-recommendations", kind=["SAR"],
                                                  as_of=AS_OF)}
    assert [r["recommendations"] for r in sars] == [
        sum(element in stored[rec] for rec in sar_recs) for element in expected]
    assert {r["in_scope"] for r in sars} == {len(sar_recs)} and len(sar_recs) < 160


def test_filters_change_the_scope(sg: Scrgraph) -> None:
    def summary(**scope: object) -> dict[str, object]:
        params = ReportScope(as_of=AS_OF, **scope).params()  # type: ignore[arg-type]
        return rows(sg, "report-summary", **params)[0]

    children = summary(partnership="children")
    assert (children["reviews"], children["adults_reviews"]) == (10, 0)
    assert summary(partnership="NSAB")["reviews"] == 4  # three SARs and the joint DHR
    recent = summary(from_year=2020)
    assert (recent["reviews"], recent["first_published"]) == (9, dt.date(2020, 2, 19))
    assert summary(from_year=2016, to_year=2018)["reviews"] == 4
    assert summary(kinds=("SAR", "DHR"))["reviews"] == 6
    theme = summary(theme="Domestic abuse")
    assert (theme["reviews"], theme["recommendations"]) == (10, 57)


def test_an_empty_scope_is_refused(sg: Scrgraph) -> None:
    from scrgraph.errors import ScrgraphError

    with pytest.raises(ScrgraphError, match="No review is in scope"):
        sg.report(ReportScope(partnership="NOBODY"))


def test_headline_words_the_catalogs_numbers(data: ReportData) -> None:
    from scrgraph.report.model import headline

    sentences = headline(data)
    assert sentences[0].startswith("This report draws on 16 reviews (5 serious case reviews, "
                                   "4 local child safeguarding practice reviews, ")
    assert ("Domestic Abuse was raised in 10 separate reviews (5 children's reviews, "
            "3 adults board reviews and 3 community safety partnership reviews: a joint review "
            "counts under each of its partnerships), in 57 "
            "recommendations to 17 agencies.") in sentences
    assert any("17 actions are overdue on 28 November 2026" in s for s in sentences)
    assert sentences[-1] == ("3 practice standards (1.4, 2.3, 5.1) have no learning mapped to "
                             "them yet.")


# -- the files ----------------------------------------------------------------------------------

def test_html_is_self_contained_with_vector_charts(files: ReportFiles) -> None:
    assert files.html is not None
    html = files.html.read_text(encoding="utf-8")
    assert html.count('<svg class="chart"') == 5
    assert "<image" not in html  # charts are vector, no embedded bitmap
    assert not re.search(r"<(script|link|img|iframe)\b", html)
    assert not re.search(r"""(src|href)=["'](?!#)""", html.replace('xlink:href="#', ""))
    assert not re.search(r"url\((?!#)", html)
    for heading in ("Headline", "Quadrant 1: Professional curiosity", "Accountability",
                    "Gaps", "Learning that crosses quadrants", "Appendix"):
        assert heading in html
    # every quadrant section states its guiding question
    assert "How can the Board improve timely and collaborative planning" in html
    # values are escaped as data, never read as markup
    assert "Children&#39;s Services should ensure that assessments of infants" in html


def test_html_shows_what_the_smart_check_finds(files: ReportFiles, data: ReportData) -> None:
    """The quality section gives each element's count from report-smart-gaps, says the rows do
    not add up, and each recommendation needing attention shows what it lacks."""
    assert files.html is not None
    html = " ".join(files.html.read_text(encoding="utf-8").split())
    section = html[html.index('id="smart-check"'):html.index('id="appendix"')]
    s = data.summary
    assert (f"{s['smart_gaps']} recommendations of the {s['recommendations']} in scope lack at "
            "least one of them") in section
    assert f"the rows do not add up to {s['smart_gaps']}" in section
    for row in data.rows("smart-gaps"):
        label = row["lacking"][0].upper() + row["lacking"][1:]
        assert (f"<td>{label}</td><td class=\"n\">{row['recommendations']}</td>") in section
    assert "scrgraph query report-smart-gaps -p as_of=2026-11-28" in section
    # the not-SMART list: each row ends with what the check finds missing, in words
    for rec in data.attention("not-smart"):
        words = {"owner": "an owner", "timescale": "a timescale", "measure": "a measure",
                 "action": "a specific action"}
        wanted = [words[g] for g in ("owner", "timescale", "measure", "action")
                  if g in rec["smart_gaps"]]
        lacks = (", ".join(wanted[:-1]) + " and " + wanted[-1]) if len(wanted) > 1 else (
            wanted[0] if wanted else "nothing")
        row = section[section.index(f"<td>{rec['recommendation']}</td>"):]
        assert row[:row.index("</tr>")].endswith(f"<td>{lacks}</td>"), rec["recommendation"]


def test_pdf_has_its_pages_and_page_one_renders(files: ReportFiles, tmp_path: Path) -> None:
    assert files.pdf is not None
    info = subprocess.run(["pdfinfo", str(files.pdf)], capture_output=True, text=True,
                          check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
    assert 15 <= pages <= 45
    first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-layout", str(files.pdf), "-"],
                           capture_output=True, text=True, check=True).stdout
    assert "Headline" in first and f"Page 1 of {pages}" in first
    assert "160 recommendations" in first
    subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(files.pdf),
                    str(tmp_path / "page")], check=True)
    (png,) = tmp_path.glob("page*.png")
    assert png.stat().st_size > 10_000


def test_workbook_keeps_numbers_and_dates(files: ReportFiles) -> None:
    assert files.xlsx is not None
    book = load_workbook(files.xlsx)
    assert book.sheetnames[0] == "About"
    assert {"summary", "themes", "agencies", "recommendations", "overdue-actions"} <= set(
        book.sheetnames)
    summary = book["summary"]
    header = [c.value for c in summary[1]]
    values = dict(zip(header, [c.value for c in summary[2]], strict=True))
    assert values["reviews"] == 16 and isinstance(values["reviews"], int)
    assert isinstance(values["first_published"], dt.datetime)  # a date cell
    assert summary.cell(2, header.index("first_published") + 1).number_format == "yyyy-mm-dd"
    recs = book["recommendations"]
    header = [c.value for c in recs[1]]
    first = [c.value for c in recs[2]]
    assert first[header.index("smart")] is True
    assert first[header.index("themes")] == "domestic-abuse; information-sharing"
    assert recs.max_row == 161
    # Written row by row, and still a sheet to work in: bold header, frozen, filtered, widths.
    assert recs.freeze_panes == "A2" and recs.cell(1, 1).font.b
    assert recs.auto_filter.ref == f"A1:{recs.cell(1, len(header)).column_letter}161"
    text_width = recs.column_dimensions[recs.cell(1, header.index("text") + 1).column_letter]
    assert text_width.width == 62  # the longest text, capped at 60, and a margin of 2
    about = {row[0].value: row[1].value for row in book["About"].iter_rows()}
    assert "smart-gaps sheet" in about["How to count"]
    smart = [[c.value for c in r] for r in book["smart-gaps"].iter_rows()]
    assert smart[0] == ["element", "lacking", "recommendations", "in_scope"]
    assert [r[0] for r in smart[1:]] == ["owner", "timescale", "measure", "action"]
    assert all(isinstance(r[2], int) for r in smart[1:])


def test_csv_tables_open_in_excel(files: ReportFiles) -> None:
    names = {p.name for p in files.csv}
    assert {"summary.csv", "themes.csv", "recommendations.csv"} <= names
    themes = next(p for p in files.csv if p.name == "themes.csv")
    assert themes.read_bytes().startswith(b"\xef\xbb\xbf")
    with themes.open(encoding="utf-8-sig", newline="") as handle:
        table = list(csv.DictReader(handle))
    assert {"theme": "domestic-abuse", "reviews": "10"}.items() <= next(
        r for r in table if r["theme"] == "domestic-abuse").items()


# -- the briefing and the command line ----------------------------------------------------------

def test_briefing_on_one_theme(sg: Scrgraph, tmp_path: Path) -> None:
    data = sg.report(ReportScope(theme="neglect", as_of=AS_OF))
    written = sg.write_briefing(data, tmp_path)
    assert written.html is not None and written.pdf is not None
    assert written.html.name == "briefing-neglect.html"
    html = " ".join(written.html.read_text(encoding="utf-8").split())
    neglect = data.theme("neglect")
    # the children's neglect only: the SARs' self-neglect is NSAB's local theme
    assert neglect is not None and neglect["reviews"] == 3
    assert "Seven-minute briefing: Neglect" in html
    assert "Neglect was raised in 3 separate reviews (3 children's" in html
    assert "Thematic review: neglect of children under five" in html
    info = subprocess.run(["pdfinfo", str(written.pdf)], capture_output=True, text=True,
                          check=True).stdout
    assert re.search(r"Pages:\s+[12]\n", info)


def test_cli_report_query_xlsx_and_errors(sg: Scrgraph, cli_env: dict[str, str],
                                          tmp_path: Path) -> None:
    out = tmp_path / "r"
    done = run_cli("report", "--kind", "SAR", "--kind", "DHR", "--from", "2020", "-f", "html",
                   "-f", "xlsx", "-o", str(out), "--as-of", "2026-11-28", env=cli_env)
    assert done.code == 0, done.output
    assert "4 reviews, 39 recommendations" in done.stdout
    assert (out / "report.html").exists() and (out / "report.xlsx").exists()
    assert not (out / "report.pdf").exists()
    sheet = load_workbook(out / "report.xlsx")["summary"]
    assert [c.value for c in sheet[2]][0] == 4

    done = run_cli("query", "recurring-themes", "-o", str(tmp_path / "q.xlsx"), env=cli_env)
    assert done.code == 0, done.output
    sheet = load_workbook(tmp_path / "q.xlsx")["recurring-themes"]
    header = [c.value for c in sheet[1]]
    assert "by_partnership_type: children" in header and "by_review_kind: SCR" in header
    row = next(r for r in sheet.iter_rows(min_row=2, values_only=True)
               if r[0] == "domestic-abuse")
    assert row[header.index("by_partnership_type: children")] == 5
    assert row[header.index("recommendations")] == 57

    done = run_cli("query", "recurring-themes", "-o", str(tmp_path / "q.csv"), env=cli_env)
    assert (tmp_path / "q.csv").read_bytes().startswith(b"\xef\xbb\xbftheme,")

    done = run_cli("query", "recurring-themes", "-f", "xlsx", env=cli_env)
    assert done.code == 1 and "--output" in done.stderr
    done = run_cli("report", "--partnership", "NOBODY", "-o", str(out), env=cli_env)
    assert done.code == 1 and "No review is in scope" in done.stderr
    assert "Traceback" not in done.output


# -- Word and PowerPoint ------------------------------------------------------------------------

def test_report_as_word_document(sg: Scrgraph, data: ReportData, tmp_path: Path) -> None:
    from docx import Document

    from scrgraph.report.model import headline

    written = sg.write_report(data, tmp_path, ("docx",))
    assert written.docx is not None and written.paths == (written.docx,)
    document = Document(str(written.docx))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "Learning from reviews: cross-review theme report"
    assert headline(data)[0] in texts
    assert "Quadrant 4: Leadership: Ownership, Accountability and Management Grip" in texts
    assert len(document.inline_shapes) == 5  # the five charts
    themes = document.tables[0]
    row = next(r for r in themes.rows if r.cells[0].text == "Domestic Abuse")
    assert [c.text for c in row.cells][1:] == ["10", "5", "3", "3", "57", "17"]
    smart = document.tables[-1]
    assert [c.text for c in smart.rows[0].cells] == ["Lacking", "Recommendations",
                                                     "Of those in scope"]
    assert [[c.text for c in r.cells] for r in smart.rows[1:]] == [
        [g["lacking"][:1].upper() + g["lacking"][1:], str(g["recommendations"]), "160"]
        for g in data.rows("smart-gaps")]
    assert any(f"finds {data.summary['smart_gaps']} recommendations of the 160" in text
               and "the rows do not add up" in text for text in texts)


def test_learning_slides_for_one_review(sg: Scrgraph, tmp_path: Path) -> None:
    from pptx import Presentation

    written = sg.write_slides("NSCP-LCSPR-2021-01", tmp_path)
    assert written.pptx is not None and written.pptx.name == "slides-NSCP-LCSPR-2021-01.pptx"
    deck = Presentation(str(written.pptx))
    titles = [s.shapes.title.text for s in deck.slides]
    assert titles[:2] == ["Learning from Child S", "The case in brief"]
    profile = rows(sg, "review-profile", review="NSCP-LCSPR-2021-01")
    touched = sorted({q for r in profile for q in r["quadrants"]})  # type: ignore[attr-defined]
    assert [t.split(":")[0] for t in titles if t.startswith("Quadrant")] == [
        f"Quadrant {q}" for q in touched]
    actions = sum(len(r["actions"]) for r in profile)  # type: ignore[arg-type]
    (table,) = [shape.table for s in deck.slides for shape in s.shapes if shape.has_table]
    assert len(table.rows) - 1 == min(actions, 18)
    recurred = next(s for s in deck.slides
                    if s.shapes.title.text == "Where the same learning recurred")
    text = recurred.placeholders[1].text_frame.text
    assert "Domestic Abuse: Child K (2014), Baby T (2015), Child M (2016)" in text
    assert "Child S (2021)" not in text
    with pytest.raises(Exception, match="there is no review 'NOPE'"):
        sg.write_slides("NOPE", tmp_path)


# -- the REFI-QDA project -----------------------------------------------------------------------

# The part of the REFI-QDA Project schema (urn:QDA-XML:project:1.0, v1.0) that scrgraph writes,
# restated here: the element order, required attributes and GUID/colour patterns a project
# must follow. (The public Project.xsd cannot be fetched in the offline test run.)
PROJECT_SUBSET_XSD = """<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns="urn:QDA-XML:project:1.0"
           targetNamespace="urn:QDA-XML:project:1.0" elementFormDefault="qualified">
  <xs:simpleType name="GUID"><xs:restriction base="xs:token">
    <xs:pattern value="[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}"/>
  </xs:restriction></xs:simpleType>
  <xs:simpleType name="RGB"><xs:restriction base="xs:token">
    <xs:pattern value="#([A-Fa-f0-9]{6}|[A-Fa-f0-9]{3})"/>
  </xs:restriction></xs:simpleType>
  <xs:complexType name="Ref"><xs:attribute name="targetGUID" type="GUID" use="required"/>
  </xs:complexType>
  <xs:complexType name="Code"><xs:sequence>
      <xs:element name="Description" type="xs:string" minOccurs="0"/>
      <xs:element name="Code" type="Code" minOccurs="0" maxOccurs="unbounded"/>
    </xs:sequence>
    <xs:attribute name="guid" type="GUID" use="required"/>
    <xs:attribute name="name" type="xs:string" use="required"/>
    <xs:attribute name="isCodable" type="xs:boolean" use="required"/>
    <xs:attribute name="color" type="RGB"/>
  </xs:complexType>
  <xs:complexType name="Coding"><xs:sequence>
      <xs:element name="CodeRef" type="Ref"/></xs:sequence>
    <xs:attribute name="guid" type="GUID" use="required"/>
    <xs:attribute name="creatingUser" type="GUID"/>
    <xs:attribute name="creationDateTime" type="xs:dateTime"/>
  </xs:complexType>
  <xs:element name="Project"><xs:complexType><xs:sequence>
    <xs:element name="Users"><xs:complexType><xs:sequence>
      <xs:element name="User" maxOccurs="unbounded"><xs:complexType>
        <xs:attribute name="guid" type="GUID" use="required"/>
        <xs:attribute name="name" type="xs:string"/></xs:complexType></xs:element>
    </xs:sequence></xs:complexType></xs:element>
    <xs:element name="CodeBook"><xs:complexType><xs:sequence>
      <xs:element name="Codes"><xs:complexType><xs:sequence>
        <xs:element name="Code" type="Code" maxOccurs="unbounded"/>
      </xs:sequence></xs:complexType></xs:element>
    </xs:sequence></xs:complexType></xs:element>
    <xs:element name="Cases"><xs:complexType><xs:sequence>
      <xs:element name="Case" maxOccurs="unbounded"><xs:complexType><xs:sequence>
        <xs:element name="Description" type="xs:string" minOccurs="0"/>
        <xs:element name="SourceRef" type="Ref" minOccurs="0" maxOccurs="unbounded"/>
      </xs:sequence>
      <xs:attribute name="guid" type="GUID" use="required"/>
      <xs:attribute name="name" type="xs:string"/></xs:complexType></xs:element>
    </xs:sequence></xs:complexType></xs:element>
    <xs:element name="Sources"><xs:complexType><xs:sequence>
      <xs:element name="TextSource" maxOccurs="unbounded"><xs:complexType><xs:sequence>
        <xs:element name="Description" type="xs:string" minOccurs="0"/>
        <xs:element name="PlainTextSelection" minOccurs="0" maxOccurs="unbounded">
          <xs:complexType><xs:sequence>
            <xs:element name="Coding" type="Coding" minOccurs="0" maxOccurs="unbounded"/>
          </xs:sequence>
          <xs:attribute name="guid" type="GUID" use="required"/>
          <xs:attribute name="name" type="xs:string"/>
          <xs:attribute name="startPosition" type="xs:integer" use="required"/>
          <xs:attribute name="endPosition" type="xs:integer" use="required"/>
          <xs:attribute name="creatingUser" type="GUID"/>
          <xs:attribute name="creationDateTime" type="xs:dateTime"/></xs:complexType>
        </xs:element>
      </xs:sequence>
      <xs:attribute name="guid" type="GUID" use="required"/>
      <xs:attribute name="name" type="xs:string"/>
      <xs:attribute name="plainTextPath" type="xs:string" use="required"/>
      <xs:attribute name="creatingUser" type="GUID"/>
      <xs:attribute name="creationDateTime" type="xs:dateTime"/></xs:complexType></xs:element>
    </xs:sequence></xs:complexType></xs:element>
  </xs:sequence>
  <xs:attribute name="name" type="xs:string" use="required"/>
  <xs:attribute name="origin" type="xs:string"/>
  <xs:attribute name="creatingUserGUID" type="GUID"/>
  <xs:attribute name="creationDateTime" type="xs:dateTime"/>
  </xs:complexType></xs:element>
</xs:schema>
"""


def test_recommendations_as_a_refi_qda_project(sg: Scrgraph, tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET
    import zipfile

    import xmlschema

    data = sg.report(ReportScope(theme="neglect", as_of=AS_OF))
    written = sg.write_report(data, tmp_path, ("qdpx",))
    assert written.qdpx is not None and written.paths == (written.qdpx,)
    with zipfile.ZipFile(written.qdpx) as archive:
        names = archive.namelist()
        project = archive.read("project.qde").decode("utf-8")
        texts = {n: archive.read(n).decode("utf-8") for n in names if n.startswith("sources/")}
    xmlschema.XMLSchema(PROJECT_SUBSET_XSD).validate(project)
    ns = {"q": "urn:QDA-XML:project:1.0"}
    root = ET.fromstring(project)
    sources = root.findall("q:Sources/q:TextSource", ns)
    neglect = data.theme("neglect")
    assert neglect is not None
    assert len(sources) == len(texts) == neglect["recommendations"] == 24
    assert len(root.findall("q:Cases/q:Case", ns)) == 3
    codes = {c.get("guid"): c.get("name") for c in root.iter("{urn:QDA-XML:project:1.0}Code")}
    # every coding points at a code in the codebook, which is the framework's .qdc
    _, qdc = sg.export_bytes("qdc")
    assert set(codes) == {c.get("guid") for c in ET.fromstring(qdc).iter(
        "{urn:QDA-XML:codebook:1.0}Code")}
    for source in sources:
        path = source.get("plainTextPath", "").removeprefix("internal://")
        (selection,) = source.findall("q:PlainTextSelection", ns)
        assert int(selection.get("endPosition", "")) == len(texts[f"sources/{path}"])
        coded = {codes[ref.get("targetGUID")]
                 for ref in selection.iterfind("q:Coding/q:CodeRef", ns)}
        assert "Neglect" in coded


def test_learning_slides_for_one_theme(sg: Scrgraph, tmp_path: Path) -> None:
    from pptx import Presentation

    data = sg.report(ReportScope(theme="domestic-abuse", as_of=AS_OF))
    written = sg.write_theme_slides(data, tmp_path)
    assert written.pptx is not None and written.pptx.name == "slides-domestic-abuse.pptx"
    deck = Presentation(str(written.pptx))
    titles = [s.shapes.title.text for s in deck.slides]
    assert titles[:2] == ["Learning on Domestic Abuse", "What the reviews found"]
    assert titles[-1] == "Actions by agency"
    assert sum(t.startswith("Quadrant ") for t in titles) == 4
    found = deck.slides[1].placeholders[1].text_frame.text
    assert found.startswith("Raised in 10 separate reviews, in 57 recommendations to 17 "
                            "agencies.")


def test_without_pango_the_report_is_written_without_its_pdf(sg: Scrgraph,
                                                              cli_env: dict[str, str],
                                                              tmp_path: Path) -> None:
    # What a Windows laptop without the GTK runtime does: WeasyPrint's import cannot open Pango.
    missing = tmp_path / "no-pango" / "weasyprint"
    missing.mkdir(parents=True)
    (missing / "__init__.py").write_text(
        "raise OSError(\"cannot load library 'libpango-1.0-0': error 0x7e\")\n")
    env = {**cli_env, "PYTHONPATH": str(missing.parent)}
    out = tmp_path / "r"
    done = run_cli("report", "-o", str(out), env=env)
    assert done.code == 0, done.output
    assert (out / "report.html").is_file() and (out / "report.xlsx").is_file()
    assert not (out / "report.pdf").exists()
    assert "No PDF: PDF needs the Pango text library" in done.stderr
    asked = run_cli("report", "-f", "pdf", "-o", str(tmp_path / "pdf"), env=env)
    assert asked.code == 1
    assert "Error: PDF needs the Pango text library" in asked.stderr
    assert "Traceback" not in asked.output


def test_the_heatmap_draws_the_most_recently_published_reviews_only() -> None:
    # A column per review reads for tens of reviews; a national corpus's thousands are cut to
    # the last HEATMAP_REVIEWS in order of publication (the caption says so).
    from scrgraph.report import charts

    reviews = [{"review": f"R{i}", "title": f"Review {i}", "published": dt.date(1990 + i, 1, 1)}
               for i in range(charts.HEATMAP_REVIEWS + 1)]
    themes = [{"theme": "neglect", "label": "Neglect", "reviews": len(reviews)}]
    rows = [{"theme": "neglect", "review": r["review"], "recommendations": 1} for r in reviews]
    chart = charts.heatmap(rows, themes, reviews)
    labels = [t.get_text() for t in chart.figure.axes[0].get_xticklabels()]
    assert len(labels) == charts.HEATMAP_REVIEWS
    assert labels[0] == "Review 1 (1991)" and labels[-1] == f"Review {len(reviews) - 1} (2050)"
    drawn = sum(1 for text in chart.figure.axes[0].texts if text.get_text() == "1")
    assert drawn == charts.HEATMAP_REVIEWS


def test_long_tables_list_their_first_rows_and_say_where_the_rest_are(
        sg: Scrgraph, data: ReportData, monkeypatch: pytest.MonkeyPatch) -> None:
    # A national corpus's tables (every review and recommendation) made a 93 MB page; each
    # long table lists its first TABLE_ROWS rows. Made small here, on the sample.
    from scrgraph.report import render

    full = sg.report_html(data)
    monkeypatch.setattr(render, "TABLE_ROWS", 3)
    short = sg.report_html(data)
    recommendations = data.rows("recommendations")
    assert len(recommendations) > 3
    appendix = short[short.index("<h3>Every recommendation</h3>"):]
    assert appendix.count("<tr><td>") == 3
    assert recommendations[0]["recommendation"] in appendix
    assert recommendations[3]["recommendation"] not in appendix
    assert (f"Listed here: the first 3 of {len(recommendations)}, in\n    the order above. Every "
            "one is in <code>tables/recommendations.csv</code> and the workbook\n    beside this "
            f"report, and from <code>{data.query_command('recommendations')}</code>.") in appendix
    assert "Listed here" not in full and len(short) < len(full)
