"""``scrgraph serve`` for real: the command on 127.0.0.1, called over HTTP and walked through
in Debian's chromium, with axe-core checking every page for WCAG 2.2 A/AA violations."""

from __future__ import annotations

import csv
import io
import json
import re
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from scrgraph.facade import Scrgraph
from scrgraph.settings import Settings
from scrgraph.store.db import Database
from scrgraph.store.localdb import ServerInfo
from tests.conftest import REPO, SCRGRAPH, clean_env, run_cli
from tests.sample import SAMPLE, copy_sample, rows, write_rows

AXE = REPO / "build" / "node" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


@dataclass(frozen=True)
class Served:
    url: str
    home: Path
    env: dict[str, str]
    tokens: dict[str, str]


def _get(url: str, **kwargs: object) -> httpx.Response:
    # A generous timeout: the machine running the tests may be busy.
    return httpx.get(url, timeout=60, **kwargs)  # type: ignore[arg-type]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _token(env: dict[str, str], role: str) -> str:
    made = run_cli("token", "create", "--role", role, "--name", f"{role} (test)", env=env)
    assert made.code == 0, made.output
    return made.stdout.strip()


@pytest.fixture(scope="module")
def served(session_db: Database, settings: Settings, neo4j_server: ServerInfo,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The sample in the session's Neo4j, and `scrgraph serve` running over it."""
    session_db.clear()
    sg = Scrgraph(settings, session_db)
    sg.load_framework()
    sg.load([SAMPLE])
    home = tmp_path_factory.mktemp("served-home")
    env = clean_env(SCRGRAPH_HOME=str(home), NEO4J_URI=neo4j_server.uri,
                    NEO4J_PASSWORD=neo4j_server.password)
    tokens = {role: _token(env, role) for role in ("reader", "editor", "admin")}
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    process = subprocess.Popen([str(SCRGRAPH), "serve", "--port", str(port)], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert process.poll() is None, process.stdout.read() if process.stdout else ""
            assert time.monotonic() < deadline, "scrgraph serve did not answer within 90 s"
            time.sleep(0.3)
        yield Served(url, home, env, tokens)
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_serve_answers_over_http_on_loopback(served: Served) -> None:
    health = _get(f"{served.url}/health")
    assert health.json()["neo4j"] == {"status": "up"}
    assert "server" not in health.headers  # no software banner
    assert _get(f"{served.url}/queries").status_code == 401
    reader = {"Authorization": f"Bearer {served.tokens['reader']}"}
    answer = _get(f"{served.url}/queries/recurring-themes",
                       params={"partnership_type": "children", "format": "csv"}, headers=reader)
    assert answer.status_code == 200
    themes = {r["theme"]: r["reviews"] for r in csv.DictReader(io.StringIO(answer.text))}
    assert themes["domestic-abuse"] == "5"
    assert "default-src 'self'" in answer.headers["content-security-policy"]
    schema = _get(f"{served.url}/openapi.json").json()
    assert "/queries/{name}" in schema["paths"]


def test_token_cli_create_list_revoke_and_the_service_follows(served: Served) -> None:
    token = _token(served.env, "reader")
    headers = {"Authorization": f"Bearer {token}"}
    assert _get(f"{served.url}/queries", headers=headers).status_code == 200
    listed = run_cli("token", "list", env=served.env)
    assert "reader (test)" in listed.stdout and token not in listed.stdout
    record = json.loads((served.home / "tokens.json").read_text())[-1]
    assert token not in json.dumps(record)
    assert run_cli("token", "revoke", record["id"], env=served.env).code == 0
    assert _get(f"{served.url}/queries", headers=headers).status_code == 401
    assert run_cli("token", "revoke", record["id"], env=served.env).code == 1
    assert run_cli("token", "create", "--role", "boss", "--name", "x", env=served.env).code == 1
    audit = [json.loads(line) for line in (served.home / "audit.log").read_text().splitlines()]
    assert [a["action"] for a in audit[-2:]] == ["token-created", "token-revoked"]


@pytest.mark.browser
def test_walk_through_in_chromium_with_axe_on_every_page(served: Served, tmp_path: Path
                                                          ) -> None:
    from playwright.sync_api import Page, expect, sync_playwright

    assert AXE.is_file(), "axe-core is missing: run 'make axe'"
    axe = AXE.read_text(encoding="utf-8")
    outside: list[str] = []
    checked: dict[str, list[str]] = {}

    def audit(page: Page) -> None:
        # axe runs in the page (evaluate is not subject to the page's CSP) with WCAG A/AA rules.
        page.evaluate(axe)
        result = page.evaluate("""async () => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values:
                ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa']}});
            return r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target).join(' '));
        }""")
        checked[page.url] = result

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        context = browser.new_context(accept_downloads=True)
        page = context.new_page()
        page.on("request", lambda r: outside.append(r.url)
                if not r.url.startswith(served.url) else None)

        page.goto(f"{served.url}/")  # not signed in: sent to sign in
        expect(page).to_have_url(f"{served.url}/sign-in?next=/")
        audit(page)
        page.get_by_label("Access token").fill("sgt_wrong")
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_role("alert")).to_contain_text("not valid")
        audit(page)
        page.get_by_label("Access token").fill(served.tokens["editor"])
        page.keyboard.press("Enter")  # the form works from the keyboard

        expect(page.get_by_role("heading", level=1)).to_have_text("Recurring themes")
        expect(page.get_by_role("link", name="domestic-abuse")).to_be_visible()
        audit(page)

        page.get_by_role("link", name="Questions").click()
        audit(page)
        page.get_by_role("link", name="recurring-themes", exact=True).click()
        page.get_by_label("Partnership type (optional)").select_option("children")
        page.get_by_role("button", name="Show the answer").click()
        table = page.locator("table")
        expect(table.locator("th").first).to_have_text("theme")
        audit(page)
        with page.expect_download() as download_info:
            page.get_by_role("link", name="CSV (for Excel)").click()
        downloaded = Path(download_info.value.path()).read_text(encoding="utf-8")
        assert downloaded.startswith("theme,label,") and "\ndomestic-abuse," in downloaded

        page.get_by_role("link", name="domestic-abuse").first.click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Key theme: Domestic Abuse")
        audit(page)
        page.goto(f"{served.url}/browse/reviews/NSCP-LCSPR-2021-01")
        expect(page.get_by_role("heading", level=1)).to_have_text("Review: Child S")
        audit(page)
        page.goto(f"{served.url}/browse/standards")
        audit(page)

        folder = copy_sample(tmp_path)
        recs = rows("recommendations.csv")
        recs[0]["Themes"] = "domestic-abuze"
        write_rows("recommendations.csv", recs, folder)
        page.get_by_role("link", name="Upload").click()
        audit(page)
        page.get_by_label("Workbook or files").set_input_files(sorted(folder.glob("*.csv")))
        page.get_by_label("Check and load", exact=True).check()
        page.get_by_role("button", name="Upload").click()
        problems = page.locator("#problems")
        expect(problems.locator("tbody tr")).to_have_count(1)
        expect(problems).to_contain_text("domestic-abuze")
        audit(page)

        page.get_by_role("link", name="Suggestions", exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "Suggested codes awaiting a decision")
        suggestions = page.locator("#suggestions tbody tr")
        before = suggestions.count()
        assert before > 0  # the sample's uncoded recommendations have suggestions
        audit(page)
        review = suggestions.first.locator("td").nth(1).inner_text()
        page.get_by_label("Review").select_option(review)
        page.get_by_role("button", name="Show").click()
        expect(page).to_have_url(re.compile(re.escape(
            f"{served.url}/browse/suggestions?review={review}&")))
        before = suggestions.count()
        assert before > 0 and all(r == review for r in suggestions.evaluate_all(
            "rows => rows.map(r => r.cells[1].innerText)"))
        audit(page)
        # the other filters: kind of code, least score, the code itself
        page.get_by_label("Review").select_option("")
        page.get_by_label("Kind of code").select_option("theme")
        page.get_by_label("Least score").fill("0.5")
        page.get_by_role("button", name="Show").click()
        kinds = suggestions.evaluate_all("rows => rows.map(r => r.cells[5].innerText)")
        scores = suggestions.evaluate_all("rows => rows.map(r => r.cells[6].innerText)")
        assert kinds and set(kinds) == {"theme"} and min(float(s) for s in scores) >= 0.5
        expect(page.get_by_label("Least score")).to_have_value("0.5")
        audit(page)
        code = suggestions.first.locator("td").nth(3).inner_text()
        page.get_by_label("Code", exact=True).select_option(code)
        page.get_by_role("button", name="Show").click()
        assert set(suggestions.evaluate_all(
            "rows => rows.map(r => r.cells[3].innerText)")) == {code}
        audit(page)
        before = suggestions.count()
        first = suggestions.first
        decided = first.locator("td").first.inner_text()
        first.get_by_label("Your role").fill("M&E officer")
        first.get_by_role("button", name="Reject").click()
        expect(page.get_by_role("status")).to_contain_text(f"rejected for recommendation {decided}")
        expect(suggestions).to_have_count(before - 1)
        audit(page)

        page.goto(f"{served.url}/docs")
        expect(page.get_by_role("heading", level=1)).to_have_text("API reference")
        audit(page)
        page.goto(f"{served.url}/")
        page.get_by_role("button", name="Sign out").click()
        expect(page).to_have_url(f"{served.url}/sign-in")
        browser.close()

    assert outside == []  # nothing was fetched from anywhere but the service
    assert len(checked) >= 10
    assert {url: found for url, found in checked.items() if found} == {}
