"""The hostile-input catalogue: each input once made scrgraph lose data, fetch, hang or show a
traceback. Each is refused with a message naming where, and leaves the database as it was."""

from __future__ import annotations

import http.server
import os
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from scrgraph.errors import CatalogError, SourceError
from scrgraph.facade import Scrgraph
from scrgraph.settings import Settings
from scrgraph.store.db import Database
from tests.conftest import clean_env, run_cli
from tests.sample import rows, write_rows
from tests.test_bad_input import (  # noqa: F401  (fixtures)
    clean_db,
    db,
    edit,
    expect_refused,
    sample,
)


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
    source.write_text('{"@context": "%s", "@id": "https://w3id.org/scrgraph/id/review/R1",'
                      ' "title": "Child Z"}' % context, encoding="utf-8")
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


def test_numbers_and_ids_too_large_for_neo4j_are_refused_by_validate(
        settings: Settings, db: Database, sample: Path) -> None:
    edit(sample, "recommendations.csv", 0, "Number", "99999999999999999999999")
    edit(sample, "agencies.csv", 0, "Agency ID", "A" * 10_000)
    message = expect_refused(settings, db, sample)
    assert "column 'Number': 99999999999999999999999 is too large a number." in message
    assert "the ID has 10,000 characters; an ID can have at most 200." in message


def test_parameters_too_large_or_not_a_number_are_refused() -> None:
    sg = Scrgraph()
    with pytest.raises(CatalogError, match="must be a whole number"):
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
    from scrgraph.export.workbook import write_xlsx

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
        (3, "'20141015' is not a date; write dates as YYYY-MM-DD.")]


def test_a_standard_code_in_the_themes_column_says_so(sample: Path) -> None:
    edit(sample, "recommendations.csv", 0, "Themes", "2.2")
    problems = Scrgraph().check([sample]).problems
    assert [p.message for p in problems] == [
        "'2.2' is a practice standard code, not a theme code: put it in the Standards "
        "column."]
