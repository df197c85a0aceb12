"""Bad input gets a clear error naming file, sheet, row, column and value; nothing is written."""

from __future__ import annotations

import http.server
import json
import os
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from scrgraph.errors import (
    CatalogError,
    NeedsConfirmation,
    ScrgraphError,
    SourceError,
    ValidationFailed,
)
from scrgraph.export.workbook import write_xlsx
from scrgraph.facade import Scrgraph
from scrgraph.settings import Settings
from scrgraph.store.db import Database
from tests.chunks import compare_with_whole
from tests.conftest import clean_env, run_cli
from tests.sample import SAMPLE, copy_sample, rows, write_rows


def state(db: Database) -> tuple[int, int]:
    details = db.details()
    return details.nodes, details.relationships


def fingerprint(db: Database) -> list[dict[str, object]]:
    """Every node's properties and relationships, to compare before and after."""
    return db.read("MATCH (n:Resource) OPTIONAL MATCH (n)-[r]->(m:Resource) "
                   "WITH n, r, m ORDER BY type(r), m.iri "
                   "RETURN n.iri AS iri, properties(n) AS props, "
                   "collect([type(r), m.iri, properties(r)]) AS rels ORDER BY iri")


def expect_refused(settings: Settings, db: Database, path: Path,
                   error: type[ScrgraphError] = ValidationFailed) -> str:
    """Load ``path``; it must fail with ``error`` and leave the database exactly as it was."""
    before, details = fingerprint(db), state(db)
    with Scrgraph(settings, db) as sg, pytest.raises(error) as caught:
        sg.load([path])
    assert state(db) == details
    assert fingerprint(db) == before
    return str(caught.value)


@pytest.fixture(autouse=True)
def in_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every load here prepared in chunks of two reviews where it can be (scrgraph.store.
    chunked), each checked against the same load prepared whole (tests/chunks.py)."""
    compare_with_whole(monkeypatch, chunk_reviews=2)


@pytest.fixture
def db(session_db: Database, settings: Settings) -> Database:
    """The database holding the sample data, so "unchanged" has something to keep.

    Tests that load successfully clear it first (``clean_db``); the sample is loaded again
    only when a test before left something else behind.
    """
    loads = session_db.read(_LOADS)
    if not _SAMPLE_LOAD or loads != _SAMPLE_LOAD:  # a changed copy of the sample has its hash
        session_db.clear()
        with Scrgraph(settings, session_db) as sg:
            sg.load([SAMPLE])
        _SAMPLE_LOAD[:] = session_db.read(_LOADS)
    return session_db


_LOADS = "MATCH (l:Load) RETURN l.file AS file, l.rows AS rows, l.sha256 AS sha256"
_SAMPLE_LOAD: list[dict[str, object]] = []  # what loading the sample itself records


@pytest.fixture
def clean_db(session_db: Database) -> Database:
    session_db.clear()
    return session_db


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    return copy_sample(tmp_path)


def edit(folder: Path, sheet_file: str, row: int, column: str, value: str) -> None:
    data = rows(sheet_file, folder)
    data[row][column] = value
    write_rows(sheet_file, data, folder)


def test_missing_sheet(settings: Settings, db: Database, sample: Path) -> None:
    (sample / "actions.csv").unlink()
    message = expect_refused(settings, db, sample)
    assert "sample, sheet Actions: the folder has no file 'actions.csv'" in message


def test_missing_column_suggests_the_near_one(settings: Settings, db: Database,
                                              sample: Path) -> None:
    text = (sample / "reviews.csv").read_text(encoding="utf-8")
    (sample / "reviews.csv").write_text(text.replace("Guidance", "Guidance code", 1),
                                        encoding="utf-8")
    message = expect_refused(settings, db, sample)
    assert ("reviews.csv, sheet Reviews, row 1: the required column 'Guidance' is missing"
            in message)


def test_empty_required_cell(settings: Settings, db: Database, sample: Path) -> None:
    edit(sample, "reviews.csv", 2, "Title", "")
    message = expect_refused(settings, db, sample)
    assert ("reviews.csv, sheet Reviews, row 4, column 'Title': this cell is empty but must be "
            "filled in.") in message


def test_duplicate_ids(settings: Settings, db: Database, sample: Path) -> None:
    data = rows("agencies.csv", sample)
    data[3]["Agency ID"] = data[0]["Agency ID"]
    write_rows("agencies.csv", data, sample)
    message = expect_refused(settings, db, sample)
    assert (f"agencies.csv, sheet Agencies, row 5, column 'Agency ID': the ID "
            f"'{data[0]['Agency ID']}' is used twice (first on row 2)") in message


def test_recommendation_pointing_at_no_review(settings: Settings, db: Database,
                                              sample: Path) -> None:
    edit(sample, "recommendations.csv", 0, "Review ID", "NSCP-SCR-1999-09")
    message = expect_refused(settings, db, sample)
    assert ("recommendations.csv, sheet Recommendations, row 2, column 'Review ID': "
            "'NSCP-SCR-1999-09' is not a Review ID on the Reviews sheet.") in message


def test_unknown_theme_code_suggests_the_nearest(settings: Settings, db: Database,
                                                 sample: Path) -> None:
    edit(sample, "recommendations.csv", 0, "Themes", "domestic-abse; neglect")
    message = expect_refused(settings, db, sample)
    assert ("recommendations.csv, sheet Recommendations, row 2, column 'Themes': "
            "'domestic-abse' is not a key theme of the framework, nor a local theme declared "
            "on a Themes sheet. Did you mean 'domestic-abuse'?") in message


def test_theme_labels_analysts_use_are_accepted(settings: Settings, clean_db: Database,
                                                sample: Path) -> None:
    edit(sample, "recommendations.csv", 0, "Themes", "DV; Neglect")
    edit(sample, "recommendations.csv", 0, "Standards", "2.2")
    with Scrgraph(settings, clean_db) as sg:
        sg.load([sample])
    themes = clean_db.read("MATCH (:Recommendation {id: $id})-[:HAS_THEME]->(t) "
                     "RETURN t.code AS code ORDER BY code",
                     {"id": rows("recommendations.csv", sample)[0]["Recommendation ID"]})
    assert themes == [{"code": "domestic-abuse"}, {"code": "neglect"}]


def test_unknown_review_type_and_status(settings: Settings, db: Database, sample: Path) -> None:
    edit(sample, "reviews.csv", 0, "Type", "SCRR")
    edit(sample, "actions.csv", 0, "Status", "done")
    message = expect_refused(settings, db, sample)
    assert ("reviews.csv, sheet Reviews, row 2, column 'Type': 'SCRR' is not one of: DHR, "
            "LCSPR, NATIONAL, SAR, SCR, THEMATIC. Did you mean 'SCR'?") in message
    assert "actions.csv, sheet Actions, row 2, column 'Status': 'done' is not one of" in message


def test_dates_that_do_not_parse_or_lie_in_the_future(settings: Settings, db: Database,
                                                       sample: Path) -> None:
    # A cell that is not a date is a problem of the workbook's format, reported first; a date
    # in the future breaks a rule of the shapes (for every kind of source), reported once the
    # format is right. Actions due before that future date are not reported as well.
    edit(sample, "reviews.csv", 0, "Published", "2015-13-45")
    edit(sample, "reviews.csv", 1, "Published", "2099-01-01")
    message = expect_refused(settings, db, sample)
    assert ("reviews.csv, sheet Reviews, row 2, column 'Published': '2015-13-45' is not a "
            "date; write the date as the report gives it: 2023-04-17, 2023-04 (month only) "
            "or 2023 (year only).") in message
    edit(sample, "reviews.csv", 0, "Published", "2014-03-19")
    message = expect_refused(settings, db, sample)
    assert message.startswith("1 problem found; nothing was loaded:")
    assert ("reviews.csv, sheet Reviews, row 3, column 'Published': NSCP-SCR-2014-02 "
            "(publication date): 2099-01-01 is in the future") in message


def test_future_dates_are_refused_in_rdf_sources_too(tmp_path: Path) -> None:
    from scrgraph.facade import Scrgraph

    turtle = tmp_path / "future.ttl"
    turtle.write_text(
        "@prefix nscb: <https://w3id.org/scrgraph/nscb#> .\n"
        "@prefix dcterms: <http://purl.org/dc/terms/> .\n"
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        "<https://w3id.org/scrgraph/id/action/A1> nscb:completedOn \"2999-01-01\"^^xsd:date ;\n"
        "    dcterms:identifier \"A1\" .\n", encoding="utf-8")
    report = Scrgraph().check([turtle])
    assert any("2999-01-01 is in the future" in str(p) for p in report.problems)


def test_due_date_before_the_review(settings: Settings, db: Database, sample: Path) -> None:
    edit(sample, "actions.csv", 0, "Due", "2001-01-01")
    message = expect_refused(settings, db, sample)
    assert ("actions.csv, sheet Actions, row 2, column 'Due': NSCP-SCR-2014-01-R1-A1 (due "
            "date): An action is due (2001-01-01) before its review was published "
            "(2014-03-19): check the due date.") in message


def test_every_problem_is_reported_together(settings: Settings, db: Database,
                                            sample: Path) -> None:
    edit(sample, "reviews.csv", 0, "Published", "someday")
    edit(sample, "agencies.csv", 0, "Sector", "polce")
    edit(sample, "actions.csv", 3, "Due", "")
    message = expect_refused(settings, db, sample)
    assert message.startswith("3 problems found; nothing was loaded:")
    assert "'polce' is not one of:" in message and "Did you mean 'police'?" in message


def test_wrong_file_type(settings: Settings, db: Database, tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.4 not a workbook")
    message = expect_refused(settings, db, path, SourceError)
    assert message.startswith("report.pdf: not a file scrgraph can load.")
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0 old excel")
    assert "save it as 'Excel Workbook (.xlsx)'" in expect_refused(settings, db, old,
                                                                    SourceError)


def test_corrupt_workbook(settings: Settings, db: Database, tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 this is not really a zip file at all")
    message = expect_refused(settings, db, path, SourceError)
    assert message.startswith("broken.xlsx: the file is not a valid .xlsx workbook")


def test_password_protected_workbook(settings: Settings, db: Database, tmp_path: Path) -> None:
    # Excel saves an encrypted workbook as an OLE compound file, not a zip.
    path = tmp_path / "locked.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    message = expect_refused(settings, db, path, SourceError)
    assert message.startswith("locked.xlsx: the workbook is password-protected")


def test_enormous_cell(settings: Settings, db: Database, sample: Path) -> None:
    edit(sample, "recommendations.csv", 0, "Recommendation", "x" * 25_000)
    message = expect_refused(settings, db, sample)
    assert ("recommendations.csv, sheet Recommendations, row 2, column 'Recommendation': the "
            "cell holds 25,000 characters; the most scrgraph accepts is 20,000.") in message


def test_a_sheet_over_the_row_limit_is_refused_naming_it(settings: Settings, db: Database,
                                                          sample: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    # The limit (250,000 rows: room for a national corpus) made small, so the test is quick.
    from scrgraph.ingest import tables

    monkeypatch.setattr(tables, "MAX_ROWS", len(rows("recommendations.csv", sample)) - 1)
    message = expect_refused(settings, db, sample)
    assert (f"recommendations.csv, sheet Recommendations: the file has more than "
            f"{tables.MAX_ROWS:,} rows; split it into several loads.") in message


def test_non_utf8_csv(settings: Settings, db: Database, sample: Path) -> None:
    text = (sample / "agencies.csv").read_text(encoding="utf-8")
    (sample / "agencies.csv").write_bytes(text.replace("Northshire", "Northshiré", 1)
                                          .encode("cp1252"))
    message = expect_refused(settings, db, sample)
    assert ("agencies.csv, sheet Agencies, row 2: the file is not UTF-8 text (byte 0xE9 on "
            "line 2). In Excel, save it as 'CSV UTF-8 (Comma delimited)'.") in message


def _sample_xlsx(folder: Path, target: Path) -> Path:
    sheets = {"Partnerships": "partnerships.csv", "Themes": "themes.csv", "Reviews": "reviews.csv",
              "Agencies": "agencies.csv", "Recommendations": "recommendations.csv",
              "Actions": "actions.csv"}
    from scrgraph.ingest.format import workbook_spec

    spec = workbook_spec()
    data = {}
    for name, file in sheets.items():
        columns = spec.sheet(name).columns
        data[name] = [{c.field: (row.get(c.header) or None) for c in columns}
                      for row in rows(file, folder)]
    return write_xlsx(target, data)


def test_spreadsheet_formula_is_refused(settings: Settings, db: Database, sample: Path,
                                        tmp_path: Path) -> None:
    import openpyxl

    path = _sample_xlsx(sample, tmp_path / "book.xlsx")
    book = openpyxl.load_workbook(path)
    book["Recommendations"]["D3"] = '=HYPERLINK("http://example.invalid","click")'
    book.save(path)
    message = expect_refused(settings, db, path)
    assert ("book.xlsx, sheet Recommendations, row 3, column 'Recommendation': the cell holds "
            "a formula; scrgraph reads values only.") in message


def test_xlsx_missing_sheet_names_the_sheets_it_has(settings: Settings, db: Database,
                                                    sample: Path, tmp_path: Path) -> None:
    import openpyxl

    path = _sample_xlsx(sample, tmp_path / "book.xlsx")
    book = openpyxl.load_workbook(path)
    del book["Agencies"]
    book.save(path)
    message = expect_refused(settings, db, path)
    assert ("book.xlsx, sheet Agencies: the workbook has no sheet named 'Agencies' (it has: "
            "Guide, Codes, Partnerships, Themes, Reviews, Recommendations, Actions).") in message


def test_formula_like_text_in_csv_is_kept_as_text(settings: Settings, clean_db: Database,
                                                  sample: Path) -> None:
    edit(sample, "recommendations.csv", 0, "Recommendation", "=1+1 is not a sum here")
    edit(sample, "agencies.csv", 0, "Name", "@Northshire Police")
    with Scrgraph(settings, clean_db) as sg:
        sg.load([sample])
    text = clean_db.read("MATCH (r:Recommendation {id: $id}) RETURN r.text AS text",
                   {"id": rows("recommendations.csv", sample)[0]["Recommendation ID"]})
    assert text == [{"text": "=1+1 is not a sum here"}]


def test_xlsx_loads_like_the_csv_folder(settings: Settings, clean_db: Database, sample: Path,
                                        tmp_path: Path) -> None:
    path = _sample_xlsx(sample, tmp_path / "book.xlsx")
    with zipfile.ZipFile(path) as archive:
        assert "xl/workbook.xml" in archive.namelist()
    with Scrgraph(settings, clean_db) as sg:
        first = sg.load([path])
        again = sg.load([sample])  # the same data as CSV: nothing to change
    assert first.summary.added["Recommendation"] == 160
    assert not again.summary.wrote_anything


def test_cli_reports_problems_without_a_traceback(cli_env: dict[str, str], db: Database,
                                                  sample: Path) -> None:
    edit(sample, "reviews.csv", 0, "Published", "yesterday")
    result = run_cli("load", str(sample), env=cli_env)
    assert result.code == 1
    assert "Error: 1 problem found; nothing was loaded:" in result.stderr
    assert "reviews.csv, sheet Reviews, row 2, column 'Published': 'yesterday'" in result.stderr
    assert "Traceback" not in result.output


def test_missing_source_path(settings: Settings, db: Database, tmp_path: Path) -> None:
    message = expect_refused(settings, db, tmp_path / "nowhere.xlsx", SourceError)
    assert "nowhere.xlsx: no such file or folder." in message


def test_empty_workbook_is_refused(settings: Settings, db: Database, tmp_path: Path) -> None:
    with Scrgraph(settings, db) as sg:
        blank = sg.write_template(tmp_path / "blank.xlsx")
    message = expect_refused(settings, db, blank)
    assert ("blank.xlsx: there is nothing to load: every sheet has only its header row."
            in message)


def test_a_write_neo4j_refuses_midway_leaves_nothing_behind(settings: Settings,
                                                            db: Database) -> None:
    """All or nothing inside Neo4j too: a failure in a later batch undoes the earlier ones."""
    from scrgraph.errors import WriteFailed
    from scrgraph.store.writer import BATCH, NodeRow, PropertyGraph, write_graph

    with Scrgraph(settings, db) as sg:
        sg.load_framework()
    before = state(db)
    good = [NodeRow(f"urn:test:{n}", ("Agency",), {"id": f"A{n}", "name": "Agency"})
            for n in range(BATCH + 10)]
    bad = NodeRow("urn:test:bad", ("Agency",), {"id": "BAD", "name": {"not": "a value"}})
    with pytest.raises(WriteFailed, match="Neo4j refused the write, so nothing was written"):
        write_graph(db, PropertyGraph((*good, bad), ()))
    assert state(db) == before


# --- hostile input: each of these once lost data, fetched, hung or showed a traceback -----


def rename_column(folder: Path, sheet_file: str, old: str, new: str) -> None:
    data = [{(new if k == old else k): v for k, v in row.items()}
            for row in rows(sheet_file, folder)]
    write_rows(sheet_file, data, folder)


def test_a_misspelt_optional_column_is_refused_not_ignored(settings: Settings, db: Database,
                                                            sample: Path) -> None:
    rename_column(sample, "reviews.csv", "Summary", "Sumary")
    message = expect_refused(settings, db, sample)
    assert ("reviews.csv, sheet Reviews, row 1: 'Sumary' is not a column of the Reviews "
            "sheet. Did you mean 'Summary'?") in message
    summaries = db.read("MATCH (r:Review) WHERE r.summary IS NOT NULL RETURN count(r) AS n")
    assert summaries == [{"n": 16}]  # nothing was cleared


def test_a_column_given_twice_is_refused(settings: Settings, db: Database,
                                         sample: Path) -> None:
    path = sample / "agencies.csv"
    text = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([text[0] + ",Name"] + [t + ",x" for t in text[1:]]) + "\n",
                    encoding="utf-8")
    assert "the column 'Name' appears twice" in expect_refused(settings, db, sample)


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - the standard library's name
        _Recorder.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "application/ld+json")
        self.end_headers()
        self.wfile.write(b'{"@context": {"title": "http://purl.org/dc/terms/title"}}')

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def context_server() -> Iterator[str]:
    server = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Recorder.requests = []
    yield f"http://127.0.0.1:{server.server_address[1]}/context.jsonld"
    server.shutdown()


@pytest.mark.parametrize("kind", ["url", "file"])
def test_json_ld_never_fetches_a_context(context_server: str, tmp_path: Path,
                                         kind: str) -> None:
    context = context_server if kind == "url" else "file:///etc/passwd"
    source = tmp_path / "review.jsonld"
    document = {"@context": context, "@id": "https://w3id.org/scrgraph/id/review/R1",
                "title": "Child Z"}
    source.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        Scrgraph().check([source])
    assert f"its JSON-LD @context refers to '{context}'" in str(caught.value)
    assert _Recorder.requests == []


def test_roles_differing_only_in_punctuation_stay_apart_and_reload_is_a_no_op(
        settings: Settings, clean_db: Database, sample: Path) -> None:
    data = rows("recommendations.csv", sample)
    data[0]["Coded by"], data[1]["Coded by"] = "M E officer", "M&E officer"
    data[0]["Coded on"] = data[1]["Coded on"] = "2024-01-10"
    write_rows("recommendations.csv", data, sample)
    with Scrgraph(settings, clean_db) as sg:
        sg.load([sample])
        for _ in range(2):
            assert not sg.load([sample]).summary.wrote_anything
    coders = clean_db.read(
        "MATCH (r:Recommendation)-[c:HAS_THEME]->() WHERE r.id IN $ids "
        "RETURN r.id AS id, collect(DISTINCT c.assignedBy) AS by ORDER BY id",
        {"ids": [data[0]["Recommendation ID"], data[1]["Recommendation ID"]]})
    assert [c["by"] for c in coders] == [["M E officer"], ["M&E officer"]]


def test_an_id_with_a_space_or_accent_is_a_message_not_a_traceback(
        settings: Settings, db: Database, sample: Path, tmp_path: Path) -> None:
    edit(sample, "agencies.csv", 0, "Agency ID", "Police Ré")
    message = expect_refused(settings, db, sample)
    assert ("agencies.csv, sheet Agencies, row 2, column 'Agency ID': 'Police Ré' is not a "
            "valid ID") in message
    # The agency's ID is the root cause; the references to it are not listed one by one.
    assert "is not an Agency ID" not in message
    assert "references to rows of the Agencies sheet were not checked" in message
    result = run_cli("validate", str(sample), env=clean_env(SCRGRAPH_HOME=str(tmp_path)))
    assert result.code == 1 and "Traceback" not in result.output


def test_a_missing_id_column_is_one_root_cause_not_160_follow_ons(
        settings: Settings, db: Database, sample: Path) -> None:
    rename_column(sample, "reviews.csv", "Review ID", "Review")
    message = expect_refused(settings, db, sample)
    assert message.count("is not a Review ID") == 0
    assert "160 references to rows of the Reviews sheet were not checked" in message
    assert len(message.splitlines()) <= 4


def test_number_labels_and_ids_too_long_are_refused_by_validate(
        settings: Settings, db: Database, sample: Path) -> None:
    edit(sample, "recommendations.csv", 0, "Number", "R" * 41)
    edit(sample, "agencies.csv", 0, "Agency ID", "A" * 10_000)
    message = expect_refused(settings, db, sample)
    assert "column 'Number'" in message and "is too long for a number" in message
    assert "the ID has 10,000 characters; an ID can have at most 200." in message


def test_parameters_too_large_or_not_a_number_are_refused() -> None:
    sg = Scrgraph()
    with pytest.raises(CatalogError, match="is too large"):
        sg.bind_query("recurring-themes", {"min_reviews": "99999999999999999999999"})
    with pytest.raises(CatalogError, match="must be a number"):
        sg.bind_query("repeated-recommendations", {"min_similarity": "nan"})


def test_what_is_not_a_regular_file_is_refused_at_once(tmp_path: Path) -> None:
    folder = tmp_path / "csv"
    folder.mkdir()
    (folder / "reviews.csv").mkdir()
    os.mkfifo(folder / "agencies.csv")  # reading it would wait for a writer forever
    with pytest.raises(SourceError, match="not a regular file"):
        Scrgraph().check([folder])
    loop = tmp_path / "loop.xlsx"
    loop.symlink_to(loop)
    with pytest.raises(SourceError, match="the link loops back on itself"):
        Scrgraph().check([loop])


def test_a_csv_cell_over_the_field_limit_names_its_row(sample: Path) -> None:
    data = rows("recommendations.csv", sample)
    data[2]["Recommendation"] = "x" * 200_000
    write_rows("recommendations.csv", data, sample)
    report = Scrgraph().check([sample])
    assert [(p.file, p.row) for p in report.problems] == [("recommendations.csv", 4),
                                                          ("sample", None)]
    assert "a cell is longer than" in report.problems[0].message
    assert report.problems[1].message.startswith("194 references to rows of the "
                                                 "Recommendations sheet were not checked")


def test_a_workbook_that_unpacks_to_too_much_is_refused(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "bomb.xlsx", {})
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/padding.bin", b"\0" * (60 * 2**20))
    assert path.stat().st_size < 2**20
    with pytest.raises(SourceError, match="unpacks to 60 MB"):
        Scrgraph().check([path])


def test_an_empty_rdf_file_is_refused_like_an_empty_workbook(tmp_path: Path) -> None:
    empty = tmp_path / "empty.ttl"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(SourceError, match="holds no data"):
        Scrgraph().check([empty])


def test_ambiguous_and_compact_dates_are_refused(sample: Path) -> None:
    edit(sample, "reviews.csv", 0, "Published", "01/02/2014")
    edit(sample, "reviews.csv", 1, "Published", "20141015")
    edit(sample, "reviews.csv", 2, "Published", "11/11/2015")  # the same either way round
    problems = Scrgraph().check([sample]).problems
    assert [(p.row, p.message) for p in problems] == [
        (2, "'01/02/2014' could be 1 February or 2 January; write dates as YYYY-MM-DD."),
        (3, "'20141015' is not a date; write the date as the report gives it: 2023-04-17, "
            "2023-04 (month only) or 2023 (year only).")]


def test_a_standard_code_in_the_themes_column_says_so(sample: Path) -> None:
    edit(sample, "recommendations.csv", 0, "Themes", "2.2")
    problems = Scrgraph().check([sample]).problems
    assert [p.message for p in problems] == [
        "'2.2' is a practice standard code, not a theme code: put it in the Standards "
        "column."]


def test_two_sources_that_disagree_are_both_named(tmp_path: Path) -> None:
    first, second = copy_sample(tmp_path / "a"), copy_sample(tmp_path / "b")
    edit(second, "reviews.csv", 0, "Title", "Child Q")
    [problem] = Scrgraph().check([first, second]).problems
    assert (problem.file, problem.sheet, problem.row, problem.column) == (
        "reviews.csv", "Reviews", 2, "Title")
    assert (f"The item is in {first} (reviews.csv, sheet Reviews, row 2) and in {second} "
            "(reviews.csv, sheet Reviews, row 2)") in problem.message


def test_a_sheet_or_csv_file_scrgraph_does_not_read_is_named_in_a_warning(
        sample: Path, tmp_path: Path) -> None:
    import openpyxl

    (sample / "notes.csv").write_text("Note\nremember the 2019 audit\n", encoding="utf-8")
    [warning] = Scrgraph().check([sample]).warnings
    assert str(warning) == (
        "notes.csv: the file is not one of the CSV files scrgraph reads (partnerships.csv, "
        "themes.csv, reviews.csv, agencies.csv, recommendations.csv, actions.csv), so nothing "
        "in it was read. Rename it if it is meant to be one of them.")
    path = _sample_xlsx(sample, tmp_path / "book.xlsx")
    book = openpyxl.load_workbook(path)
    book.create_sheet("Actions 2024").append(["Action ID"])
    book.save(path)
    report = Scrgraph().check([path])
    assert report.conforms  # the Guide and Codes sheets the template adds are not warned of
    assert [str(w) for w in report.warnings] == [
        "book.xlsx, sheet Actions 2024: the sheet 'Actions 2024' is not one scrgraph reads "
        "(Partnerships, Themes, Reviews, Agencies, Recommendations, Actions), so nothing in "
        "it was read. Rename it if it is meant to be one of them."]


def test_the_cli_prints_the_warning_and_still_loads(cli_env: dict[str, str], db: Database,
                                                    sample: Path) -> None:
    (sample / "Notes.CSV").write_text("Note\n", encoding="utf-8")
    result = run_cli("validate", str(sample), env=cli_env)
    assert result.code == 0, result.output
    assert "Warning: Notes.CSV: the file is not one of the CSV files" in result.stderr
    assert "The data conforms: 393 items" in result.stdout


def test_a_code_typed_as_a_number_in_xlsx_is_refused_not_misread(sample: Path,
                                                                  tmp_path: Path) -> None:
    import openpyxl

    path = _sample_xlsx(sample, tmp_path / "book.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book["Recommendations"]
    column = [c.value for c in sheet[1]].index("Standards") + 1
    sheet.cell(row=2, column=column, value=1.10)  # Excel keeps 1.10 typed in a number cell as 1.1
    sheet.cell(row=3, column=column, value=2.0)  # a whole number reads as typed: "2", no code
    book.save(path)
    problems = Scrgraph().check([path]).problems
    assert [str(p) for p in problems] == [
        "book.xlsx, sheet Recommendations, row 2, column 'Standards': the cell holds the "
        "number 1.1, and a spreadsheet turns some codes typed as numbers into others (1.10 "
        "becomes 1.1). Format the Standards column as Text and type its codes again. "
        "(value: '1.1')",
        "book.xlsx, sheet Recommendations, row 3, column 'Standards': '2' is not a practice "
        "standard code of the framework. The Codes sheet of 'scrgraph template' lists them "
        "all."]


HOSTILE = "[bold red]Child[/] \x1b[2J\x1b]0;owned\x07 K\u202e|x</td><script>alert(1)</script>"


def test_hostile_text_in_an_error_reaches_the_terminal_as_text(cli_env: dict[str, str],
                                                               db: Database,
                                                               sample: Path) -> None:
    edit(sample, "recommendations.csv", 0, "Themes", "[/bold] \x1b[31mneglect\x1b[0m")
    result = run_cli("validate", str(sample), env=cli_env)
    assert result.code == 1
    assert "Traceback" not in result.output
    assert "\x1b" not in result.stderr
    assert ("column 'Themes': '[/bold] \\x1b[31mneglect\\x1b[0m' is not a key theme"
            in result.stderr.replace("\n", " "))


def test_a_load_that_would_rewrite_most_of_a_sheet_asks_first(settings: Settings,
                                                              db: Database,
                                                              sample: Path) -> None:
    # A column pasted one row out of line: 100 recommendations would get another's text.
    recs = rows("recommendations.csv", sample)
    for index in range(100):
        recs[index]["Recommendation"] = recs[index + 1]["Recommendation"]
    write_rows("recommendations.csv", recs, sample)
    message = expect_refused(settings, db, sample, NeedsConfirmation)
    assert message.startswith(
        "This load would change 100 of the 160 recommendations it holds that are already in "
        "the database (NCSP-DHR-2017-01-R1, NCSP-DHR-2017-01-R10, ")
    assert message.endswith("and 90 more), far more than a usual update, so nothing was "
                            "changed. If that is what you want, run it again with --yes.")
    recs[0]["Recommendation"] = "Revised wording."
    write_rows("recommendations.csv", recs[:1] + rows("recommendations.csv", SAMPLE)[1:],
               sample)
    with Scrgraph(settings, db) as sg:
        assert sg.load([sample]).summary.changed == {"Recommendation": 1}  # a usual update
        again = sg.load([SAMPLE], confirmed=True)  # and back again
    assert again.summary.changed == {"Recommendation": 1}


def test_a_sync_that_would_empty_most_of_one_review_asks_first(settings: Settings,
                                                               db: Database,
                                                               sample: Path) -> None:
    review = "NSCP-SCR-2014-01"
    gone = {f"{review}-R{n}" for n in range(1, 7)}
    write_rows("recommendations.csv", [r for r in rows("recommendations.csv", sample)
                                       if r["Recommendation ID"] not in gone], sample)
    write_rows("actions.csv", [a for a in rows("actions.csv", sample)
                               if a["Recommendation ID"] not in gone], sample)
    before, details = fingerprint(db), state(db)
    with Scrgraph(settings, db) as sg:
        assert not sg.load([sample]).summary.wrote_anything  # without --sync, nothing goes
        with pytest.raises(NeedsConfirmation) as caught:
            sg.load([sample], sync=True)
    assert state(db) == details and fingerprint(db) == before
    assert str(caught.value) == (
        f"This load would remove 6 of the 10 recommendations of review {review} ({review}-R1, "
        f"{review}-R2, {review}-R3, {review}-R4, {review}-R5, {review}-R6), with their "
        "actions, because the sources no longer have them: far more than a usual update, so "
        "nothing was changed. If that is what you want, run it again with --yes.")


def test_a_period_under_review_must_run_forwards_and_end_by_publication(sample: Path) -> None:
    reviews = rows("reviews.csv", sample)
    for row in reviews:
        row["Period from"], row["Period to"] = "", ""
    reviews[0]["Period from"], reviews[0]["Period to"] = "2013-06-01", "2013-01-31"
    reviews[1]["Period from"], reviews[1]["Period to"] = "2012-01-01", "2014-12-31"
    reviews[2]["Period from"], reviews[2]["Period to"] = "2013-01-01", "2014-12-31"  # fine
    write_rows("reviews.csv", reviews, sample)
    problems = Scrgraph().check([sample]).problems
    assert sorted((p.row, p.column, p.message.split(": ", 1)[1]) for p in problems) == [
        (2, "Period from", "A review's period under review starts on one real date, "
         "YYYY-MM-DD, not after the day it ends."),
        (3, "Period to", "A review's period under review (2014-12-31) must not start or end "
         "after the review was published (2014-10-15)."),
    ]


def test_a_status_date_is_in_the_past_and_not_before_the_completion(sample: Path) -> None:
    actions = rows("actions.csv", sample)
    for action in actions:
        action["Status date"] = ""
    first = next(i for i, a in enumerate(actions) if a["Status"] == "impact-evidenced")
    actions[first]["Status date"] = "2001-01-01"  # before it was completed
    second = next(i for i, a in enumerate(actions) if a["Status"] == "superseded")
    actions[second]["Status date"] = "2999-01-01"
    write_rows("actions.csv", actions, sample)
    problems = Scrgraph().check([sample]).problems
    assert sorted((p.row, p.column, p.message.split(": ", 1)[1]) for p in problems) == sorted([
        (first + 2, "Completed on", "An action's status date is before it was completed: the "
         "status date is the day the current status was decided, on or after the completion."),
        (second + 2, "Status date", "2999-01-01 is in the future: it must be a date that has "
         "passed."),
    ])
