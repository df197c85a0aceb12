"""The service over HTTP (FastAPI's TestClient) against the real Neo4j, on the sample data.

Each auth failure, the catalog in every format, items with paging, uploads (a bad one leaves the
database unchanged), a withdrawal (no orphan left, audit record present) and the safety
headers. Tokens and the audit log live in a throwaway home, never the session server's.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from fastapi import UploadFile
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from openpyxl import load_workbook
from schemathesis import GenerationMode

from scrgraph.api.config import ServiceSettings
from scrgraph.api.main import create_app
from scrgraph.api.tokens import Role, TokenStore
from scrgraph.api.uploads import received
from scrgraph.facade import Scrgraph
from scrgraph.settings import Settings
from scrgraph.store.db import Database
from tests.sample import SAMPLE, codes, copy_sample, rows, write_rows


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("service-home")


@pytest.fixture(scope="module")
def tokens(home: Path) -> dict[str, str]:
    store = TokenStore(home)
    made = {role.value: store.create(f"test {role.value}", role)[0] for role in Role}
    revoked, record = store.create("gone", Role.admin)
    store.revoke(record.id)
    made["revoked"] = revoked
    return made


@pytest.fixture(scope="module")
def client(session_db: Database, home: Path, tokens: dict[str, str]) -> Iterator[TestClient]:
    """The app over the session's Neo4j, with the sample loaded once for this module."""
    session_db.clear()
    settings = Settings(SCRGRAPH_HOME=home)
    sg = Scrgraph(settings, session_db)
    sg.load_framework()
    sg.load([SAMPLE])
    with TestClient(create_app(settings, scrgraph=sg), raise_server_exceptions=False) as test:
        yield test


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


# -- access -------------------------------------------------------------------------------

def test_health_needs_no_token_and_reports_app_and_neo4j_separately(client: TestClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json()["app"]["status"] == "up"
    assert response.json()["neo4j"] == {"status": "up"}


@pytest.mark.parametrize("headers", [
    {}, {"Authorization": "Bearer sgt_not-a-token"}, {"Authorization": "Basic abc"},
    {"Authorization": "Bearer "},
])
def test_missing_or_wrong_token_is_401_with_a_bearer_challenge(
        client: TestClient, headers: dict[str, str]) -> None:
    response = client.get("/queries", headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["status"] == 401


def test_a_revoked_token_is_401(client: TestClient, tokens: dict[str, str]) -> None:
    assert client.get("/queries", headers=auth(tokens["revoked"])).status_code == 401


def test_wrong_role_is_403(client: TestClient, tokens: dict[str, str]) -> None:
    upload = {"files": ("x.csv", b"a,b\n", "text/csv")}
    assert client.post("/validations", files=upload,
                       headers=auth(tokens["reader"])).status_code == 403
    assert client.post("/loads", files=upload, headers=auth(tokens["reader"])).status_code == 403
    body = {"review": "NSCP-SCR-2014-01", "reason": "test"}
    assert client.post("/withdrawals", json=body,
                       headers=auth(tokens["editor"])).status_code == 403
    assert client.get("/audit", headers=auth(tokens["editor"])).status_code == 403
    assert "admin role" in client.get("/audit", headers=auth(tokens["reader"])).json()["detail"]


def test_security_headers_on_every_response(client: TestClient, tokens: dict[str, str]) -> None:
    for response in (client.get("/health"), client.get("/queries"),
                     client.get("/no-such-page"),
                     client.get("/queries", headers=auth(tokens["reader"]))):
        csp = response.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert not re.search(r"https?:", csp)  # no external source of anything
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
        assert "access-control-allow-origin" not in response.headers  # no CORS by default


# -- the catalog --------------------------------------------------------------------------

def test_catalog_lists_every_query_with_its_parameters(
        client: TestClient, tokens: dict[str, str]) -> None:
    listed = client.get("/queries", headers=auth(tokens["reader"])).json()
    names = {q["name"] for q in listed}
    assert {"recurring-themes", "theme-detail", "reviews", "themes"} <= names
    recurring = next(q for q in listed if q["name"] == "recurring-themes")
    assert recurring["parameters"][0] == {
        "name": "min_reviews", "type": "integer", "required": False, "default": 2,
        "choices": [], "description": "fewest separate reviews that must raise a theme"}


def test_query_runs_with_parameters_in_json(client: TestClient, tokens: dict[str, str]) -> None:
    response = client.get("/queries/recurring-themes",
                          params={"partnership_type": "children"}, headers=auth(tokens["reader"]))
    assert response.status_code == 200
    body = response.json()
    assert body["parameters"] == {"min_reviews": 2, "partnership_type": "children",
                                  "kind": None, "scope": "all"}
    themes = {r["theme"]: r["reviews"] for r in body["rows"]}
    assert themes["domestic-abuse"] == 5  # the framework's own example: five children's cases


def test_a_query_that_pages_links_its_next_page(client: TestClient,
                                               tokens: dict[str, str]) -> None:
    reader = auth(tokens["reader"])
    every = client.get("/queries/repeated-recommendations?min_similarity=0.2&limit=100000",
                       headers=reader).json()
    assert every["next"] is None and len(every["rows"]) > 40
    seen: list[dict[str, object]] = []
    url: str | None = "/queries/repeated-recommendations?min_similarity=0.2&limit=40"
    while url:
        body = client.get(url, headers=reader).json()
        assert len(body["rows"]) == 40 or body["next"] is None
        seen += body["rows"]
        url = body["next"]
    assert seen == every["rows"]
    # a query without paging has no next page to give
    assert "next" not in client.get("/queries/standards-gaps", headers=reader).json()


def test_query_as_csv_markdown_and_xlsx_by_format_or_accept(
        client: TestClient, tokens: dict[str, str]) -> None:
    reader = auth(tokens["reader"])
    as_csv = client.get("/queries/standards-gaps?format=csv", headers=reader)
    assert as_csv.headers["content-type"].startswith("text/csv")
    gaps = [r["standard"] for r in csv.DictReader(io.StringIO(as_csv.text))]
    assert gaps == ["1.4", "2.3", "5.1"]
    accepted = client.get("/queries/standards-gaps", headers={**reader, "Accept": "text/csv"})
    assert accepted.text == as_csv.text
    markdown = client.get("/queries/standards-gaps",
                          headers={**reader, "Accept": "text/markdown"})
    assert markdown.text.startswith("| standard |")
    xlsx = client.get("/queries/standards-gaps?format=xlsx", headers=reader)
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == gaps
    assert client.get("/queries/standards-gaps", headers={**reader, "Accept": "image/png"}
                      ).status_code == 406


def test_theme_by_label_resolves_as_in_the_cli(client: TestClient, tokens: dict[str, str]) -> None:
    rows_ = client.get("/queries/theme-detail", params={"theme": "domestic ABUSE"},
                       headers=auth(tokens["reader"])).json()["rows"]
    assert rows_ and {r["theme"] for r in rows_} == {"domestic-abuse"}


@pytest.mark.parametrize(("url", "status", "words"), [
    ("/queries/no-such-query", 404, "no query named"),
    ("/queries/recurring-themes?min_reviews=many", 400, "must be a whole number"),
    ("/queries/recurring-themes?kind=XYZ", 400, "must be one of"),
    ("/queries/recurring-themes?colour=red", 400, "has no parameter 'colour'"),
    ("/queries/theme-detail", 400, "needs parameter 'theme'"),
    ("/queries/recurring-themes?min_reviews=1&min_reviews=2", 400, "given twice"),
    ("/queries/recurring-themes?min_reviews=99999999999999999999999", 400, "too large"),
])
def test_bad_query_parameters_are_clear_problems_without_paths(
        client: TestClient, tokens: dict[str, str], url: str, status: int, words: str) -> None:
    response = client.get(url, headers=auth(tokens["reader"]))
    assert response.status_code == status
    detail = response.json()["detail"]
    assert words in detail
    assert not re.search(r"/\w[\w.-]*/", detail)  # no path of the server
    assert ".cypher" not in detail and "MATCH" not in detail


# -- items --------------------------------------------------------------------------------

def test_reviews_page_through_all_sixteen(client: TestClient, tokens: dict[str, str]) -> None:
    seen: list[str] = []
    url: str | None = "/reviews?limit=5"
    while url:
        body = client.get(url, headers=auth(tokens["reader"])).json()
        seen += [r["id"] for r in body["rows"]]
        url = body["next"]
    expected = sorted(rows("reviews.csv"), key=lambda r: (r["Published"], r["Review ID"]),
                      reverse=True)
    assert seen == [r["Review ID"] for r in expected]


def test_one_review_with_its_links(client: TestClient, tokens: dict[str, str]) -> None:
    body = client.get("/reviews/NSCP-LCSPR-2021-01", headers=auth(tokens["reader"])).json()
    assert body["title"] == "Child S"
    assert body["partnership"] == "NSCP"
    expected = [r["Recommendation ID"] for r in rows("recommendations.csv")
                if r["Review ID"] == "NSCP-LCSPR-2021-01"]
    assert [r["id"] for r in body["recommendations"]] == expected


@pytest.mark.parametrize(("url", "key", "value"), [
    ("/recommendations/NSCP-LCSPR-2021-01-R10", "agencies", ["CSC", "EDU", "NCHC"]),
    ("/themes/neglect", "label", "Neglect"),
    ("/standards/1.5", "quadrant", "1"),
    ("/agencies/NSP", "name", "Northshire Constabulary"),
    ("/actions/NSCP-SCR-2014-01-R1-A1", "status", "impact-evidenced"),
])
def test_one_item_of_each_kind(client: TestClient, tokens: dict[str, str], url: str, key: str,
                               value: object) -> None:
    response = client.get(url, headers=auth(tokens["reader"]))
    assert response.status_code == 200
    assert response.json()[key] == value


def _blank(value: str) -> str | None:
    return value or None


def test_exact_rows_of_review_recommendation_agency_and_action(
        client: TestClient, tokens: dict[str, str]) -> None:
    """The cypher/api/ queries' rows, field by field, against the sample's CSV files."""
    reader = auth(tokens["reader"])
    recs = rows("recommendations.csv")
    actions = rows("actions.csv")
    review = next(r for r in rows("reviews.csv") if r["Review ID"] == "NSCP-LCSPR-2021-01")
    own = [r for r in recs if r["Review ID"] == review["Review ID"]]
    assert client.get("/reviews/NSCP-LCSPR-2021-01", headers=reader).json() == {
        "id": review["Review ID"], "title": review["Title"], "kind": review["Type"],
        "published": review["Published"], "guidance": review["Guidance"],
        "summary": review["Summary"], "partnership": "NSCP",
        "partnership_name": "Northshire Safeguarding Children Partnership",
        "partnership_type": "children",
        "recommendations": [{"id": r["Recommendation ID"], "number": r["Number"],
                             "text": r["Recommendation"]} for r in own],
        "themes": sorted({c for r in own for c in codes(r["Themes"])}),
    }
    rec = next(r for r in recs if r["Recommendation ID"] == "NSCP-LCSPR-2021-01-R10")
    # what the SMART check stored, as the quality question lists it
    missing = {r["recommendation"]: r["missing"] for r in client.get(
        "/queries/recommendations-needing-attention?reason=smart-gaps&limit=1000",
        headers=reader).json()["rows"]}
    assert missing[rec["Recommendation ID"]]  # the check finds something missing from R10
    assert client.get("/recommendations/NSCP-LCSPR-2021-01-R10", headers=reader).json() == {
        "id": rec["Recommendation ID"], "number": "10", "text": rec["Recommendation"],
        "smart": rec["SMART"] == "Yes", "smart_gaps": missing[rec["Recommendation ID"]],
        "review": "NSCP-LCSPR-2021-01",
        "review_title": "Child S", "themes": sorted(codes(rec["Themes"])),
        "standards": sorted(codes(rec["Standards"])), "agencies": sorted(codes(rec["Agencies"])),
        "actions": [{"id": a["Action ID"], "owner": a["Owner"], "status": a["Status"],
                     "due": a["Due"]} for a in sorted(actions, key=lambda a: a["Action ID"])
                    if a["Recommendation ID"] == rec["Recommendation ID"]],
    }
    action = actions[0]
    assert client.get(f"/actions/{action['Action ID']}", headers=reader).json() == {
        "id": action["Action ID"], "text": action["Action"], "status": action["Status"],
        "due": action["Due"], "completed": _blank(action["Completed on"]),
        "evidence": _blank(action["Evidence"]), "barriers": _blank(action["Barriers"]),
        "status_reason": _blank(action["Status reason"]),
        "recommendation": action["Recommendation ID"],
        "review": next(r["Review ID"] for r in recs
                       if r["Recommendation ID"] == action["Recommendation ID"]),
        "owner": action["Owner"],
    }
    review_of = {r["Recommendation ID"]: r["Review ID"] for r in recs}
    assert client.get("/agencies/NSP", headers=reader).json() == {
        "id": "NSP", "name": "Northshire Constabulary", "sector": "police",
        "recommendations": [{"id": r["Recommendation ID"], "review": r["Review ID"]}
                            for r in sorted(recs, key=lambda r: r["Recommendation ID"])
                            if "NSP" in codes(r["Agencies"])],
        "actions": [{"id": a["Action ID"], "status": a["Status"], "due": a["Due"],
                     "recommendation": a["Recommendation ID"]}
                    for a in sorted(actions, key=lambda a: a["Action ID"])
                    if a["Owner"] == "NSP"],
    }
    neglect = client.get("/themes/neglect", headers=reader).json()
    raising = [r for r in recs if "neglect" in codes(r["Themes"])]
    assert neglect["reviews"] == len({r["Review ID"] for r in raising})
    assert [r["id"] for r in neglect["recommendations"]] == sorted(
        r["Recommendation ID"] for r in raising)
    standard = client.get("/standards/1.5", headers=reader).json()
    assert standard["recommendations"] == [
        {"id": r["Recommendation ID"], "review": review_of[r["Recommendation ID"]]}
        for r in sorted(recs, key=lambda r: r["Recommendation ID"])
        if "1.5" in codes(r["Standards"])]


def test_lists_filter_and_download(client: TestClient, tokens: dict[str, str]) -> None:
    reader = auth(tokens["reader"])
    dhrs = client.get("/reviews?kind=DHR", headers=reader).json()["rows"]
    assert {r["kind"] for r in dhrs} == {"DHR"} and len(dhrs) == 3
    themes = client.get("/themes?format=csv", headers=reader)
    listed = list(csv.DictReader(io.StringIO(themes.text)))
    assert [t["scope"] for t in listed] == ["framework"] * 13 + ["local"]  # local ones after
    standards = client.get("/standards?limit=100", headers=reader).json()["rows"]
    assert len(standards) == 23 and standards[0]["code"] == "1.1"


def test_unknown_items_are_404(client: TestClient, tokens: dict[str, str]) -> None:
    for url in ("/reviews/NOPE", "/themes/nope", "/standards/9.9", "/agencies/NOPE",
                "/actions/NOPE", "/recommendations/NOPE"):
        response = client.get(url, headers=auth(tokens["reader"]))
        assert response.status_code == 404, url
        assert response.headers["content-type"] == "application/problem+json"


def test_paging_limits_are_checked(client: TestClient, tokens: dict[str, str]) -> None:
    for url in ("/reviews?limit=0", "/reviews?limit=501", "/reviews?skip=-1"):
        assert client.get(url, headers=auth(tokens["reader"])).status_code == 422


# -- uploads ------------------------------------------------------------------------------

def _counts(client: TestClient, token: str) -> tuple[int, int]:
    body = client.get("/queries/recurring-themes?min_reviews=1", headers=auth(token)).json()
    return len(body["rows"]), sum(r["recommendations"] for r in body["rows"])


def _csv_files(folder: Path) -> list[tuple[str, tuple[str, bytes, str]]]:
    return [("files", (p.name, p.read_bytes(), "text/csv")) for p in sorted(folder.glob("*.csv"))]


def test_a_bad_upload_lists_every_problem_and_changes_nothing(
        client: TestClient, tokens: dict[str, str], tmp_path: Path) -> None:
    folder = copy_sample(tmp_path)
    recs = rows("recommendations.csv")
    recs[0]["Themes"] = "domestic-abuze"
    recs[1]["Standards"] = "9.9"
    write_rows("recommendations.csv", recs, folder)
    before = _counts(client, tokens["reader"])
    for url in ("/validations", "/loads"):
        response = client.post(url, files=_csv_files(folder), headers=auth(tokens["editor"]))
        assert response.status_code == 422
        problems = response.json()["problems"]
        assert len(problems) == 2
        first = problems[0]
        assert first["file"] == "recommendations.csv"
        assert first["sheet"] == "Recommendations" and first["row"] == 2
        assert first["column"] == "Themes" and first["value"] == "domestic-abuze"
        assert "domestic-abuse" in first["message"]  # the nearest valid code
        assert not any("/tmp" in json.dumps(p) for p in problems)
    assert _counts(client, tokens["reader"]) == before


def test_uploads_refuse_other_formats(client: TestClient, tokens: dict[str, str]) -> None:
    response = client.post("/validations", files={"files": ("notes.docx", b"x", "text/plain")},
                           headers=auth(tokens["editor"]))
    assert response.status_code == 415


def test_a_good_upload_validates_and_loads_again_without_change(
        client: TestClient, tokens: dict[str, str]) -> None:
    checked = client.post("/validations", files=_csv_files(SAMPLE),
                          headers=auth(tokens["editor"]))
    assert checked.status_code == 200 and checked.json()["conforms"] is True
    assert checked.json()["warnings"] == []  # each file is one of the sheets' files
    loaded = client.post("/loads", files=_csv_files(SAMPLE), headers=auth(tokens["editor"]))
    assert loaded.status_code == 201
    assert loaded.json()["changed_anything"] is False  # the sample is already there
    audit = client.get("/audit", headers=auth(tokens["admin"])).json()["records"]
    assert audit[0]["action"] == "load" and audit[0]["who"] == "test editor"
    assert audit[0]["files"] == ["csv"] and audit[0]["load"] == loaded.json()["load"]


def test_upload_limits_are_clear_413s(session_db: Database, home: Path,
                                      tokens: dict[str, str]) -> None:
    settings = Settings(SCRGRAPH_HOME=home)
    small = ServiceSettings(max_upload_bytes=1_500_000, max_rows=10)
    app = create_app(settings, small, scrgraph=Scrgraph(settings, session_db))
    editor = auth(tokens["editor"])
    with TestClient(app, raise_server_exceptions=False) as limited:
        rows_ = limited.post("/validations", files=_csv_files(SAMPLE), headers=editor)
        assert rows_.status_code == 413 and "the limit is 10" in rows_.json()["detail"]
        big = [("files", ("reviews.csv", b"x" * 1_600_000, "text/csv"))]
        size = limited.post("/validations", files=big, headers=editor)
        assert size.status_code == 413
        assert size.json()["detail"] == "The upload is larger than the limit of 1.43 MB."
        huge = [("files", ("reviews.csv", b"x" * 3_000_000, "text/csv"))]
        too_big = limited.post("/loads", files=huge, headers=editor)
        assert too_big.status_code == 413 and "limit of 2.43 MB" in too_big.json()["detail"]


def test_uploads_are_kept_privately_and_removed_afterwards() -> None:
    upload = UploadFile(io.BytesIO(b"Review ID\n"), filename="../../etc/reviews.csv")
    with received([upload], ServiceSettings()) as paths:
        (folder,) = paths
        assert folder.parent.stat().st_mode & 0o077 == 0
        (file,) = folder.iterdir()
        assert file.name == "reviews.csv" and file.stat().st_mode & 0o077 == 0
    assert not folder.parent.exists()


def test_cookie_sessions_need_csrf_for_writes(client: TestClient, tokens: dict[str, str]
                                              ) -> None:
    # A session from the sign-in form may read the API, but a write needs its CSRF token.
    client.cookies.clear()
    page = client.get("/sign-in")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
    signed = client.post("/sign-in", data={"token": tokens["editor"],
                                           "csrf": csrf.group(1) if csrf else ""},
                         follow_redirects=False)
    assert signed.status_code == 303
    session_cookie = signed.headers["set-cookie"].split(", scrgraph_signin")[0].lower()
    assert "httponly" in session_cookie and "samesite=strict" in session_cookie
    assert client.get("/queries").status_code == 200
    refused = client.post("/validations", files=_csv_files(SAMPLE))
    assert refused.status_code == 403 and "CSRF" in refused.json()["detail"]
    client.cookies.clear()


# -- network views and reports ---------------------------------------------------------------

def test_graph_and_viz_serve_the_views_the_cli_draws(client: TestClient,
                                                     tokens: dict[str, str]) -> None:
    reader = auth(tokens["reader"])
    sg = client.app.state.service.scrgraph  # type: ignore[attr-defined]
    expected = sg.network("theme", theme="domestic-abuse").to_dict()
    graph = client.get("/graph/theme", params={"theme": "DV"}, headers=reader)
    assert graph.status_code == 200
    assert graph.json()["counts"] == expected["counts"]
    assert {n["id"] for n in graph.json()["nodes"]} == {n["id"] for n in expected["nodes"]}
    page = client.get("/viz/theme-map", headers=reader)
    assert page.status_code == 200 and page.text.startswith("<!DOCTYPE html>")
    policy = page.headers["content-security-policy"]
    assert "script-src 'unsafe-inline'" in policy and "http" not in policy
    unknown = client.get("/graph/theme", params={"theme": "domestic-abse"}, headers=reader)
    assert unknown.status_code in (400, 404, 422)
    assert "domestic-abuse" in unknown.text  # the nearest theme is suggested
    assert client.get("/viz/theme-map").status_code == 401


def test_the_theme_report_as_html_and_pdf(client: TestClient, tokens: dict[str, str]) -> None:
    reader = auth(tokens["reader"])
    html = client.get("/reports/themes", params={"from_year": 2020}, headers=reader)
    assert html.status_code == 200 and "text/html" in html.headers["content-type"]
    assert "<script" not in html.text.lower()
    assert "http" not in html.headers["content-security-policy"]
    pdf = client.get("/reports/themes", params={"format": "pdf", "from_year": 2024},
                     headers=reader)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    empty = client.get("/reports/themes", params={"from_year": 2199}, headers=reader)
    assert empty.status_code in (400, 404, 422) and "No review is in scope" in empty.text


# -- withdrawal and the audit log ---------------------------------------------------------

def test_withdrawal_removes_the_review_and_what_only_it_owns(
        client: TestClient, tokens: dict[str, str], session_db: Database) -> None:
    admin = auth(tokens["admin"])
    review = "NSAB-SAR-2018-01"
    recs = [r["Recommendation ID"] for r in rows("recommendations.csv")
            if r["Review ID"] == review]
    actions = [a["Action ID"] for a in rows("actions.csv") if a["Recommendation ID"] in recs]
    before = session_db.read("MATCH (n) RETURN count(n) AS n")[0]["n"]
    response = client.post("/withdrawals", headers=admin,
                           json={"review": review, "reason": "legal ruling (test)"})
    assert response.status_code == 201
    assert response.json()["recommendations"] == len(recs)
    assert response.json()["actions"] == len(actions)
    after = session_db.read("MATCH (n) RETURN count(n) AS n")[0]["n"]
    assert before - after == 1 + len(recs) + len(actions)
    left = session_db.read(
        "MATCH (n) WHERE n.id IN $ids RETURN count(n) AS n", {"ids": [review, *recs, *actions]})
    assert left[0]["n"] == 0
    orphans = session_db.read(
        "MATCH (x:Action) WHERE NOT (x)-[:RESPONDS_TO]->() RETURN count(x) AS n "
        "UNION ALL MATCH (r:Recommendation) WHERE NOT ()-[:MADE]->(r) RETURN count(r) AS n")
    assert [o["n"] for o in orphans] == [0, 0]
    assert client.get(f"/reviews/{review}", headers=admin).status_code == 404
    again = client.post("/withdrawals", headers=admin, json={"review": review, "reason": "x2x"})
    assert again.status_code == 404
    audit = client.get("/audit", headers=admin).json()["records"]
    latest = audit[0]
    assert latest["action"] == "withdrawal" and latest["review"] == review
    assert latest["who"] == "test admin" and latest["reason"] == "legal ruling (test)"
    assert [r["review"] for r in audit if r["action"] == "withdrawal"] == [review]


def test_token_and_audit_files_are_private(home: Path, client: TestClient) -> None:
    for name in ("tokens.json", "audit.log"):
        assert (home / name).stat().st_mode & 0o077 == 0, name
    assert "sgt_" not in (home / "tokens.json").read_text()


# -- the web pages (their HTML; tests/test_api_serve.py drives them in chromium) ----------

def _signed_in(client: TestClient, token: str) -> str:
    """Sign in through the form; return the session's CSRF token (from a page's form)."""
    client.cookies.clear()
    page = client.get("/sign-in")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert csrf
    response = client.post("/sign-in", data={"token": token, "csrf": csrf.group(1),
                                             "next": "/catalog"}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/catalog"
    home = client.get("/")
    found = re.search(r'name="csrf" value="([^"]+)"', home.text)
    assert found
    return found.group(1)


def test_api_reference_page_is_built_from_the_openapi_schema(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200
    assert "<code>/queries/{name}</code>" in page.text and "<code>/loads</code>" in page.text
    assert "cdn" not in page.text.lower()


def test_pages_send_strangers_to_sign_in(client: TestClient) -> None:
    client.cookies.clear()
    response = client.get("/catalog", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/sign-in?next=/catalog"


def test_sign_in_refuses_a_wrong_token_and_a_forged_form(
        client: TestClient, tokens: dict[str, str]) -> None:
    client.cookies.clear()
    page = client.get("/sign-in")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert csrf
    wrong = client.post("/sign-in", data={"token": "sgt_wrong", "csrf": csrf.group(1)})
    assert wrong.status_code == 401 and "not valid" in wrong.text
    client.cookies.clear()
    forged = client.post("/sign-in", data={"token": tokens["reader"], "csrf": "guess"})
    assert forged.status_code == 403


def test_pages_of_a_question_that_pages_and_of_a_list_link_the_next(
        client: TestClient, tokens: dict[str, str]) -> None:
    _signed_in(client, tokens["reader"])
    every = client.get("/queries/repeated-recommendations?min_similarity=0.2&limit=100000",
                       headers=auth(tokens["reader"])).json()["rows"]
    url: str | None = "/catalog/repeated-recommendations?run=1&min_similarity=0.2&limit=40"
    shown, pages = 0, 0
    while url:
        page = client.get(url)
        assert page.status_code == 200
        shown += page.text.count("<tr>") - 1  # the header row
        assert ('rel="prev"' in page.text) == (pages > 0)
        following = re.search(r'<a href="([^"]+)" rel="next">', page.text)
        url = html.unescape(following.group(1)) if following else None
        pages += 1
    assert pages == -(-len(every) // 40) and shown == len(every)
    assert 'rel="next"' not in client.get("/catalog/standards-gaps?run=1").text
    # the browse lists: 50 a page, the sample's 160 recommendations on four
    first = client.get("/browse/recommendations").text
    assert 'href="/browse/recommendations?skip=50" rel="next"' in first
    assert 'rel="next"' not in client.get("/browse/recommendations?skip=150").text
    client.cookies.clear()


def test_a_long_answer_shows_its_first_rows_and_the_downloads_hold_them_all(
        client: TestClient, tokens: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    """An answer longer than a page shows (an edge list at national size has half a million
    rows) lists its first rows, says how many there are and that the downloads hold all."""
    from scrgraph.api.routes import pages

    monkeypatch.setattr(pages, "PAGE_ROWS", 7)
    _signed_in(client, tokens["reader"])
    every = client.get("/queries/projection-theme-codings",
                       headers=auth(tokens["reader"])).json()["rows"]
    assert len(every) > 7
    page = client.get("/catalog/projection-theme-codings?run=1")
    assert page.status_code == 200
    assert page.text.count("<tr>") - 1 == 7  # the header row, then the first seven
    assert (f"The first 7 of {len(every):,} rows: the CSV and Excel downloads above hold all "
            "of them") in page.text
    download = re.search(r'<a href="([^"]+format=csv[^"]*)" download>', page.text)
    assert download
    text = client.get(html.unescape(download.group(1))).content.decode("utf-8-sig")
    assert len(list(csv.DictReader(io.StringIO(text)))) == len(every)
    short = client.get("/catalog/report-summary?run=1")
    assert "The first" not in short.text and '<caption class="table-caption">1 row<' in short.text
    client.cookies.clear()


def test_pages_show_recurring_themes_a_query_and_an_item(
        client: TestClient, tokens: dict[str, str]) -> None:
    _signed_in(client, tokens["reader"])
    home = client.get("/")
    assert '<th scope="col">theme</th>' in home.text
    assert 'href="/browse/themes/domestic-abuse"' in home.text
    assert "/upload" not in home.text  # readers do not upload
    catalog = client.get("/catalog")
    assert 'href="/catalog/recurring-themes"' in catalog.text
    form = client.get("/catalog/recurring-themes")
    assert '<label class="label" for="p-partnership_type">' in form.text
    answer = client.get("/catalog/recurring-themes?run=1&partnership_type=children")
    assert "format=csv" in answer.text and "format=xlsx" in answer.text
    assert '<a href="/browse/themes/domestic-abuse">domestic-abuse</a>' in answer.text
    bad = client.get("/catalog/recurring-themes?run=1&min_reviews=lots")
    assert bad.status_code == 400 and "must be a whole number" in bad.text
    review = client.get("/browse/reviews/NSCP-LCSPR-2021-01")
    assert "Review: Child S" in review.text
    assert 'href="/browse/recommendations/NSCP-LCSPR-2021-01-R1"' in review.text
    for url in ("/browse/reviews", "/browse/themes", "/browse/standards", "/browse/agencies",
                "/browse/themes/neglect", "/browse/standards/2.1", "/browse/agencies/NSP",
                "/browse/actions/NSCP-SCR-2014-01-R1-A1"):
        assert client.get(url).status_code == 200, url
    missing = client.get("/browse/reviews/NOPE")
    assert missing.status_code == 404 and "There is no review" in missing.text
    assert client.get("/upload").status_code == 403
    client.cookies.clear()


def test_upload_page_shows_problems_as_a_table(
        client: TestClient, tokens: dict[str, str], tmp_path: Path) -> None:
    csrf = _signed_in(client, tokens["editor"])
    folder = copy_sample(tmp_path)
    recs = rows("recommendations.csv")
    recs[0]["Themes"] = "domestic-abuze"
    write_rows("recommendations.csv", recs, folder)
    files = _csv_files(folder)
    forged = client.post("/upload", files=files, data={"csrf": "nope", "action": "load"})
    assert forged.status_code == 403
    shown = client.post("/upload", files=files, data={"csrf": csrf, "action": "load"})
    assert shown.status_code == 422
    assert '<table class="table" id="problems">' in shown.text
    assert "<td>domestic-abuze</td>" in shown.text
    signed_out = client.post("/sign-out", data={"csrf": csrf}, follow_redirects=False)
    assert signed_out.status_code == 303
    assert client.get("/", follow_redirects=False).status_code == 303
    client.cookies.clear()


def test_upload_page_refuses_an_overwrite_with_409_and_replaces_when_asked(
        client: TestClient, tokens: dict[str, str], session_db: Database,
        tmp_path: Path) -> None:
    csrf = _signed_in(client, tokens["editor"])
    mine = copy_sample(tmp_path)
    agencies = rows("agencies.csv")
    next(a for a in agencies if a["Agency ID"] == "NSP")["Name"] = "Westshire Police"
    write_rows("agencies.csv", agencies, mine)
    name = "MATCH (g:Agency {id: 'NSP'}) RETURN g.name AS name"
    refused = client.post("/upload", files=_csv_files(mine),
                          data={"csrf": csrf, "action": "load"})
    assert refused.status_code == 409, refused.text  # as POST /loads answers
    assert "NSP" in refused.text and "Westshire Police" not in session_db.read(name)[0]["name"]
    replaced = client.post("/upload", files=_csv_files(mine),
                           data={"csrf": csrf, "action": "replace"})
    assert replaced.status_code == 200, replaced.text
    assert session_db.read(name) == [{"name": "Westshire Police"}]
    # Put the sample's agency back for the module's other tests.
    back = _csv_files(SAMPLE)
    restored = client.post("/upload", files=back, data={"csrf": csrf, "action": "replace"})
    assert restored.status_code == 200, restored.text
    assert session_db.read(name) == [{"name": "Northshire Constabulary"}]
    client.cookies.clear()


# -- suggested codes: listed for readers, decided by editors ---------------------------------

def test_recommendation_lists_carry_their_smart_gaps(client: TestClient,
                                                     tokens: dict[str, str]) -> None:
    reader = auth(tokens["reader"])
    missing = {r["recommendation"]: r["missing"] for r in client.get(
        "/queries/recommendations-needing-attention?reason=smart-gaps&limit=1000",
        headers=reader).json()["rows"]}
    page = client.get("/recommendations?limit=500", headers=reader).json()["rows"]
    assert len(page) == 160 and len(missing) < 160
    assert {r["id"]: r["smart_gaps"] for r in page if r["smart_gaps"]} == missing
    assert all(r["smart_gaps"] == [] for r in page if r["id"] not in missing)


def test_suggestions_list_the_catalog_query_with_its_parameters(
        client: TestClient, tokens: dict[str, str]) -> None:
    reader = auth(tokens["reader"])
    listed = client.get("/suggestions", headers=reader).json()
    same = client.get("/queries/suggestions-awaiting-decision", headers=reader).json()
    assert listed["rows"] == same["rows"] and listed["columns"] == same["columns"]
    assert listed["rows"]  # the sample's uncoded recommendations have suggestions
    themes = client.get("/suggestions?code_kind=theme&min_score=0.3", headers=reader).json()
    assert themes["rows"] == [r for r in same["rows"]
                              if r["kind"] == "theme" and r["score"] >= 0.3]
    review = listed["rows"][0]["review"]
    one = client.get(f"/suggestions?review={review}", headers=reader).json()["rows"]
    assert one == [r for r in same["rows"] if r["review"] == review]
    as_csv = client.get("/suggestions?format=csv", headers=reader)
    assert as_csv.headers["content-type"].startswith("text/csv")
    assert as_csv.text.count("\n") > len(listed["rows"])
    for url in ("/suggestions?min_score=2", "/suggestions?code_kind=quadrant"):
        bad = client.get(url, headers=reader)
        assert bad.status_code == 422, url
        assert bad.headers["content-type"] == "application/problem+json"
    # one code: a standard by its code, a theme by its code or label
    for row in (next(r for r in same["rows"] if r["kind"] == kind)
                for kind in ("standard", "theme")):
        wanted = [r for r in same["rows"] if (r["kind"], r["code"]) == (row["kind"], row["code"])]
        for typed in {row["code"], row["label"]}:
            found = client.get("/suggestions", params={"code": typed}, headers=reader).json()
            assert found["rows"] == wanted, typed
    unknown = client.get("/suggestions?code=neglekt", headers=reader)
    assert unknown.status_code == 400 and "Did you mean 'neglect'" in unknown.json()["detail"]


def test_suggestion_decisions_need_an_editor_and_a_known_suggestion(
        client: TestClient, tokens: dict[str, str]) -> None:
    reader, editor = auth(tokens["reader"]), auth(tokens["editor"])
    pending = client.get("/suggestions", headers=reader).json()["rows"]
    first = pending[0]
    body = {"recommendation": first["recommendation"], "code": first["code"],
            "role": "M&E officer"}
    for url in ("/suggestions/accept", "/suggestions/reject"):
        denied = client.post(url, json=body, headers=reader)
        assert denied.status_code == 403 and "editor role" in denied.json()["detail"]
        assert client.post(url, json=body).status_code == 401
    unknown = client.post("/suggestions/accept", headers=editor,
                          json={**body, "recommendation": first["recommendation"] + "9"})
    assert unknown.status_code == 404
    assert unknown.headers["content-type"] == "application/problem+json"
    assert f"Did you mean '{first['recommendation']}'" in unknown.json()["detail"]
    no_code = client.post("/suggestions/reject", headers=editor,
                          json={**body, "code": "no-such-theme-at-all"})
    assert no_code.status_code == 404
    assert "is not a key theme or practice standard" in no_code.json()["detail"]
    blank = client.post("/suggestions/accept", headers=editor, json={**body, "role": "   "})
    assert blank.status_code == 422
    # nothing was decided by any of these
    assert client.get("/suggestions", headers=reader).json()["rows"] == pending


def test_accepting_and_rejecting_a_suggestion_over_http(
        client: TestClient, tokens: dict[str, str]) -> None:
    reader, editor = auth(tokens["reader"]), auth(tokens["editor"])
    pending = client.get("/suggestions?code_kind=theme", headers=reader).json()["rows"]
    accepted = pending[0]
    rejected = next(r for r in pending if r["recommendation"] != accepted["recommendation"])
    before = client.get(f"/recommendations/{accepted['recommendation']}", headers=reader).json()
    assert accepted["code"] not in before["themes"]
    done = client.post("/suggestions/accept", headers=editor, json={
        "recommendation": accepted["recommendation"], "code": accepted["label"],
        "role": "M&E officer"})
    assert done.status_code == 200, done.text
    assert {k: done.json()[k] for k in ("recommendation", "code", "kind", "decision", "by")} == {
        "recommendation": accepted["recommendation"], "code": accepted["code"],
        "kind": "theme", "decision": "accepted", "by": "M&E officer"}
    after = client.get(f"/recommendations/{accepted['recommendation']}", headers=reader).json()
    assert accepted["code"] in after["themes"]
    done = client.post("/suggestions/reject", headers=editor, json={
        "recommendation": rejected["recommendation"], "code": rejected["code"],
        "role": "M&E officer"})
    assert done.status_code == 200 and done.json()["decision"] == "rejected"
    left = {(r["recommendation"], r["code"])
            for r in client.get("/suggestions", headers=reader).json()["rows"]}
    assert (accepted["recommendation"], accepted["code"]) not in left
    assert (rejected["recommendation"], rejected["code"]) not in left
    # a decision made is not there to make twice
    again = client.post("/suggestions/reject", headers=editor, json={
        "recommendation": rejected["recommendation"], "code": rejected["code"],
        "role": "M&E officer"})
    assert again.status_code == 404
    records = client.get("/audit", headers=auth(tokens["admin"])).json()["records"]
    decisions = [r for r in records if r["action"].startswith("suggestion-")]  # newest first
    assert [(r["action"], r["recommendation"], r["code"], r["by"], r["who"])
            for r in decisions] == [
        ("suggestion-reject", rejected["recommendation"], rejected["code"], "M&E officer",
         "test editor"),
        ("suggestion-accept", accepted["recommendation"], accepted["code"], "M&E officer",
         "test editor")]


def test_the_suggestions_page_shows_a_local_theme_as_local_and_codes_once() -> None:
    from scrgraph.api import views

    rows = [{"recommendation": "A1-9", "review": "A1", "code": code, "label": label,
             "kind": kind, "scope": scope, "score": 0.5}
            for code, label, kind, scope in (
                ("self-neglect", "Self-neglect", "theme", "local"),
                ("neglect", "Neglect", "theme", "framework"),
                ("2.2", "Tracking", "standard", None), ("2.2", "Tracking", "standard", None),
                ("10.1", "Made up", "standard", None))]
    kinds = [s.cells[views.SUGGESTION_COLUMNS.index("kind")].text
             for s in views.suggestions(rows)]
    assert kinds == ["local theme", "theme", "standard", "standard", "standard"]
    assert [c.code for c in views.suggested_codes(rows)] == ["neglect", "self-neglect", "2.2",
                                                             "10.1"]


def _shown(page: str) -> list[tuple[str, str]]:
    """The (recommendation, code) of each row of the suggestions page, from its links."""
    if '<table class="table" id="suggestions">' not in page:
        return []
    body = page.split('<table class="table" id="suggestions">', 1)[1].split("</table>", 1)[0]
    return re.findall(r'<tr><td><a href="/browse/recommendations/[^"]+">([^<]+)</a></td>'
                      r'.*?<a href="/browse/(?:themes|standards)/[^"]+">([^<]+)</a>',
                      body, flags=re.S)


def test_suggestions_page_lists_the_query_for_readers_without_buttons(
        client: TestClient, tokens: dict[str, str]) -> None:
    reader = auth(tokens["reader"])
    pending = client.get("/suggestions", headers=reader).json()["rows"]
    _signed_in(client, tokens["reader"])
    assert 'href="/browse/suggestions"' in client.get("/").text
    page = client.get("/browse/suggestions")
    assert page.status_code == 200
    assert _shown(page.text) == [(r["recommendation"], r["code"]) for r in pending]
    assert f"{len(pending)} suggestions awaiting a decision" in page.text
    first = pending[0]
    assert f'<td>{first["label"]}</td><td>{first["kind"]}</td><td>{first["score"]:.2f}</td>' \
        in page.text
    assert 'name="decision"' not in page.text and "editor" in page.text  # no buttons
    review = pending[-1]["review"]
    mine = client.get(f"/browse/suggestions?review={review}")
    assert _shown(mine.text) == [(r["recommendation"], r["code"])
                                 for r in pending if r["review"] == review]
    assert f'<option value="{review}" selected>' in mine.text
    unknown = client.get("/browse/suggestions?review=NO-SUCH-REVIEW")
    assert unknown.status_code == 400 and "There is a problem" in unknown.text
    # the other filters: kind of code, least score, the code itself (its choices: the codes
    # with suggestions, each once)
    least = sorted(r["score"] for r in pending)[len(pending) // 2]
    standards = client.get("/browse/suggestions", params={"kind": "standard",
                                                           "min_score": str(least)})
    assert _shown(standards.text) == [(r["recommendation"], r["code"]) for r in pending
                                      if r["kind"] == "standard" and r["score"] >= least]
    assert '<option value="standard" selected>' in standards.text
    assert f'value="{least}"' in standards.text
    code = pending[0]["code"]
    choices = re.findall(r'<option value="([^"]*)"', page.text.split('id="code"', 1)[1]
                         .split("</select>", 1)[0])
    assert choices[0] == "" and sorted(choices[1:]) == sorted({r["code"] for r in pending})
    one = client.get("/browse/suggestions", params={"code": code})
    assert _shown(one.text) == [(r["recommendation"], r["code"]) for r in pending
                                if r["code"] == code]
    assert f'<option value="{code}" selected>' in one.text
    for bad in ({"min_score": "high"}, {"min_score": "2"}, {"kind": "quadrant"},
                {"code": "neglekt"}):
        refused_filter = client.get("/browse/suggestions", params=bad)
        assert refused_filter.status_code == 400, bad
        assert "There is a problem" in refused_filter.text, bad
        assert 'id="suggestions"' not in refused_filter.text, bad
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert csrf
    refused = client.post("/browse/suggestions", data={
        "csrf": csrf.group(1), "decision": "accept", "recommendation": first["recommendation"],
        "code": first["code"], "role": "M&E officer"})
    assert refused.status_code == 403 and "editor role" in refused.text
    client.cookies.clear()
    assert client.get("/suggestions", headers=reader).json()["rows"] == pending


def test_suggestions_page_accepts_and_rejects_as_the_json_routes_do(
        client: TestClient, tokens: dict[str, str]) -> None:
    reader = auth(tokens["reader"])
    pending = client.get("/suggestions?code_kind=theme", headers=reader).json()["rows"]
    accepted = pending[0]
    rejected = next(r for r in pending if r["recommendation"] != accepted["recommendation"])
    csrf = _signed_in(client, tokens["editor"])
    page = client.get("/browse/suggestions")
    assert page.text.count('name="decision" value="accept"') == len(_shown(page.text)) > 0
    form = {"csrf": csrf, "decision": "accept", "recommendation": accepted["recommendation"],
            "code": accepted["code"], "role": "M&E officer"}
    forged = client.post("/browse/suggestions", data={**form, "csrf": "guess"})
    assert forged.status_code == 403
    blank = client.post("/browse/suggestions", data={**form, "role": "  "})
    assert blank.status_code == 422 and "Give the role of who decides" in blank.text
    wrong = client.post("/browse/suggestions", data={**form, "code": "no-such-theme-at-all"})
    assert wrong.status_code == 404
    assert "is not a key theme or practice standard" in wrong.text
    assert client.get("/suggestions?code_kind=theme", headers=reader).json()["rows"] == pending

    done = client.post("/browse/suggestions", data={**form, "review": accepted["review"]})
    assert done.status_code == 200, done.text
    notice = re.search(r'<p id="done">(.*?)</p>', done.text, flags=re.S)
    assert notice and " ".join(notice.group(1).split()).startswith(
        f"The key theme {accepted['code']} is now a coding of recommendation")
    assert "accepted by M&amp;E officer" in notice.group(1)
    assert 'value="M&amp;E officer"' in done.text  # the role fills the next forms
    assert (accepted["recommendation"], accepted["code"]) not in _shown(done.text)
    assert {r for _, r in re.findall(r'<tr><td><a href="[^"]+">([^<]+)</a></td><td><a '
                                     r'href="[^"]+">([^<]+)</a>', done.text)} \
        <= {accepted["review"]}  # still filtered by the review it was decided from
    after = client.get(f"/recommendations/{accepted['recommendation']}", headers=reader).json()
    assert accepted["code"] in after["themes"]

    done = client.post("/browse/suggestions", data={
        **form, "decision": "reject", "recommendation": rejected["recommendation"],
        "code": rejected["code"], "kind": "standard", "min_score": "0.3"})
    assert done.status_code == 200, done.text
    assert "it will not be suggested for it again" in done.text
    assert (rejected["recommendation"], rejected["code"]) not in _shown(done.text)
    left = client.get("/suggestions?code_kind=standard&min_score=0.3", headers=reader).json()
    assert left["rows"] and _shown(done.text) == [(r["recommendation"], r["code"])
                                                  for r in left["rows"]]
    assert 'name="kind" value="standard"' in done.text  # the next decision keeps the filters
    again = client.post("/browse/suggestions", data={
        **form, "decision": "reject", "recommendation": rejected["recommendation"],
        "code": rejected["code"]})
    assert again.status_code == 404 and "There is a problem" in again.text
    client.cookies.clear()
    records = client.get("/audit", headers=auth(tokens["admin"])).json()["records"]
    assert [(r["action"], r["recommendation"], r["code"], r["by"], r["who"])
            for r in records[:2]] == [
        ("suggestion-reject", rejected["recommendation"], rejected["code"], "M&E officer",
         "test editor"),
        ("suggestion-accept", accepted["recommendation"], accepted["code"], "M&E officer",
         "test editor")]


# -- property-based fuzz of the OpenAPI schema --------------------------------------------

@pytest.mark.slow
def test_fuzzing_the_openapi_schema_never_gives_a_server_error(
        client: TestClient, tokens: dict[str, str]) -> None:
    """schemathesis generates valid and invalid requests for every operation; none may get a
    5xx or a traceback. As an editor: admins' routes get the same fuzz up to their role check."""
    schema = schemathesis.openapi.from_asgi("/openapi.json", client.app)
    headers = {"Authorization": f"Bearer {tokens['editor']}"}
    operations = [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]
    assert len(operations) >= 15
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(generation_mode=mode))
            # A report is printed for every valid request: fewer of those keep the suite fast.
            @settings(max_examples=3 if "/reports" in operation.label else 8, deadline=None,
                      derandomize=True, database=None, suppress_health_check=list(HealthCheck))
            def fuzz(case: schemathesis.Case) -> None:
                response = case.call(headers=headers)
                body = response.content.decode("utf-8", "replace")  # a PDF or xlsx is bytes
                assert response.status_code < 500, (case.method, case.formatted_path, body)
                assert "Traceback" not in body

            try:
                fuzz()
            except Unsatisfiable:
                # Nothing invalid can be made for an operation without inputs (e.g. /health).
                assert mode is GenerationMode.NEGATIVE, operation.label
