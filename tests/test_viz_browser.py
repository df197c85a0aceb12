"""The network pages in a real browser (Debian's chromium, driven by Playwright): each draws the
nodes and edges its own data holds, has its legend, search and filters, a filter changes what
is drawn, and no request leaves the page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, Route, sync_playwright

from scrgraph.facade import Scrgraph
from scrgraph.settings import Settings
from scrgraph.store.db import Database
from scrgraph.viz.model import Filters, NetworkView
from tests.sample import SAMPLE

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
AS_OF = dt.date(2026, 11, 28)
VIEWS: dict[str, dict[str, Any]] = {
    "theme-map": {},
    "reviews-themes": {},
    "theme": {"theme": "domestic-abuse"},
    "review": {"review": "NSCP-SCR-2014-01"},
    "agency-accountability": {},
}


@dataclass
class Opened:
    page: Page
    requests: list[str] = field(default_factory=list)
    """Every request the page made (the page itself included)."""
    errors: list[str] = field(default_factory=list)

    def js(self, expression: str) -> Any:
        return self.page.evaluate(expression)


@pytest.fixture(scope="module")
def written(session_db: Database, settings: Settings,
            tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, NetworkView]]:
    """Every view of the sample, written once as a page."""
    session_db.clear()
    sg = Scrgraph(settings, session_db)
    sg.load([SAMPLE])
    folder = tmp_path_factory.mktemp("pages")
    pages = {}
    for name, options in VIEWS.items():
        view = sg.network(name, as_of=AS_OF, **options)
        path = folder / f"{name}.html"
        path.write_text(sg.render_network(view), encoding="utf-8")
        pages[name] = (path, view)
    preset = sg.network("theme-map", filters=Filters(kind="DHR"))
    path = folder / "theme-map-dhr.html"
    path.write_text(sg.render_network(preset), encoding="utf-8")
    pages["preset"] = (path, preset)
    return pages


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def open_page(browser: Browser) -> Iterator[Any]:
    """Opens a page with every request routed: only the page itself may load."""
    contexts = []

    def opener(path: Path) -> Opened:
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        contexts.append(context)
        own = path.as_uri()

        def guard(route: Route) -> None:
            if route.request.url == own:
                route.continue_()
            else:
                route.abort()

        context.route("**/*", guard)
        page = context.new_page()
        opened = Opened(page)
        page.on("request", lambda request: opened.requests.append(request.url))
        page.on("pageerror", lambda error: opened.errors.append(str(error)))
        page.on("console", lambda message: opened.errors.append(message.text)
                if message.type == "error" else None)
        page.goto(own)
        page.wait_for_selector("body[data-ready=true]", state="attached", timeout=15000)
        return opened

    yield opener
    for context in contexts:
        context.close()


@pytest.mark.parametrize("name", list(VIEWS))
def test_each_view_draws_its_data_offline(
        name: str, written: dict[str, tuple[Path, NetworkView]], open_page: Any) -> None:
    path, view = written[name]
    opened = open_page(path)
    data = opened.js("({nodes: scrgraph.data.nodes.length, edges: scrgraph.data.edges.length,"
                     " ids: scrgraph.data.nodes.map(n => n.id)})")
    assert data["nodes"] == len(view.nodes) and data["edges"] == len(view.edges)
    assert data["ids"] == [n.id for n in view.nodes]
    assert opened.js("scrgraph.drawn()") == {"nodes": len(view.nodes), "edges": len(view.edges)}
    page = opened.page
    assert page.locator("#legend li").count() == len(view.legend) > 0
    assert page.locator("#search").is_visible()
    for select in ("kind", "partnership", "year-from", "year-to", "quadrant", "theme"):
        assert page.locator(f"#filter-{select} option").count() > 1, select
    assert page.locator("h1").inner_text() == view.title
    status = page.locator("#status").inner_text()
    assert f"({len(view.nodes)} of {len(view.nodes)} items)" in status
    if name == "theme-map":  # the sample's local theme is counted apart from the 13
        assert "13 key themes, 1 local theme and" in status, status
    assert opened.requests == [path.as_uri()], "the page asked for nothing but itself"
    assert opened.errors == []


def test_a_filter_changes_what_is_drawn(
        written: dict[str, tuple[Path, NetworkView]], open_page: Any) -> None:
    path, view = written["theme-map"]
    opened = open_page(path)
    page = opened.page
    everything = opened.js("scrgraph.drawn()")
    page.select_option("#filter-kind", "DHR")
    dhr = opened.js("scrgraph.drawn()")
    assert dhr["nodes"] < everything["nodes"] and dhr["edges"] < everything["edges"]
    dhr_reviews = {r.id for r in view.reviews if r.kind == "DHR"}
    expected = sorted(n.id for n in view.nodes if n.always or set(n.evidence) & dhr_reviews)
    assert opened.js("scrgraph.visible().nodes") == expected
    assert "filtered to DHR reviews" in page.locator("#status").inner_text()
    page.select_option("#filter-quadrant", "2")
    assert opened.js("scrgraph.drawn()")["nodes"] < dhr["nodes"]
    page.click("#reset")
    assert opened.js("scrgraph.drawn()") == everything
    page.select_option("#filter-theme", "domestic-abuse")
    themes = opened.js("scrgraph.visible().nodes.filter(id => id.startsWith('theme:'))")
    assert themes == ["theme:domestic-abuse"]
    assert opened.requests == [path.as_uri()]


def test_filters_preset_by_the_command(
        written: dict[str, tuple[Path, NetworkView]], open_page: Any) -> None:
    path, _ = written["preset"]
    opened = open_page(path)
    assert opened.page.locator("#filter-kind").input_value() == "DHR"
    assert "filtered to DHR reviews" in opened.page.locator("#status").inner_text()


def test_search_and_click_light_up_items(
        written: dict[str, tuple[Path, NetworkView]], open_page: Any) -> None:
    path, view = written["agency-accountability"]
    opened = open_page(path)
    page = opened.page
    page.fill("#search", "Northshire Constabulary")
    assert page.locator("#search-result").inner_text() == "1 item matches."
    # Click the agency: its own full text shows, and its actions stay lit.
    point = opened.js("(() => { const n = scrgraph.network; "
                      "return n.canvasToDOM(n.getPositions(['agency:NSP'])['agency:NSP']); })()")
    box = page.locator("#network").bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    assert page.locator("#details").inner_text().startswith("Northshire Constabulary (NSP)")
    lit = opened.js("scrgraph.nodes.get({filter: n => n.color.background !== "
                    "'rgba(200,200,200,0.35)'}).map(n => n.id)")
    owned = {e.source for e in view.edges if e.target == "agency:NSP"}
    assert set(lit) == owned | {"agency:NSP"}


def test_the_guard_would_catch_a_request(tmp_path: Path, open_page: Any) -> None:
    page = tmp_path / "leaky.html"
    page.write_text('<body data-ready="true"><img src="https://cdn.example.org/x.png">'
                    "</body>", encoding="utf-8")
    opened = open_page(page)
    opened.page.wait_for_timeout(200)
    assert "https://cdn.example.org/x.png" in opened.requests
