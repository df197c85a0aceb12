"""How quickly the network pages become interactive in chromium (a benchmark, not a test).

``python -m scrgraph.viz.bench`` draws every view of the data in the database scrgraph points
at (load the sample first: ``scrgraph demo``), then synthetic networks of growing size (no
database), and prints for each: the time to build the view, to render the page, the page's
size, the time from navigation to the first drawing with events wired (time to interactive),
and the time a review filter takes to apply and redraw. Timings depend on the machine; compare
them within one run. Needs Playwright (a dev dependency) and Debian's chromium.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from scrgraph.facade import Scrgraph
from scrgraph.viz import layout
from scrgraph.viz.model import Edge, LegendItem, NetworkView, Node, Option, ReviewFacet
from scrgraph.viz.render import render

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
SAMPLE_VIEWS: dict[str, dict[str, Any]] = {
    "theme-map": {}, "reviews-themes": {}, "theme": {"theme": "domestic-abuse"},
    "review": {"review": "NSCP-SCR-2014-01"}, "agency-accountability": {},
}


def synthetic(items: int, seed: int = 7) -> NetworkView:
    """A network of about ``items`` nodes and twice as many edges, shaped like the focus
    views (reviews, recommendations, actions in discs), with evidence for the filters."""
    rng = random.Random(seed)
    kinds = ("SCR", "LCSPR", "SAR", "DHR")
    n_reviews = max(4, items // 12)
    reviews = [ReviewFacet(f"R{k}", f"Review {k}", kinds[k % 4], 2010 + k % 15, None, None,
                           None, 10) for k in range(n_reviews)]
    ids = [f"n{k}" for k in range(items)]
    positions = layout.sunflower(ids, (0.0, 0.0), 40.0)
    nodes = []
    for k, node_id in enumerate(ids):
        review = reviews[k % n_reviews].id
        nodes.append(Node(node_id, f"item {k}", "recommendation", "recommendation",
                          f"Synthetic item {k}", 1, *positions[node_id],
                          evidence={review: 1}, themes=("neglect",) if k % 3 else ()))
    edges = []
    for k in range(items * 2):
        a, b = rng.randrange(items), rng.randrange(items)
        if a != b:
            edges.append(Edge(ids[a], ids[b], "raises", f"link {k}", 1,
                              evidence={reviews[a % n_reviews].id: 1}))
    return NetworkView(
        "synthetic", f"Synthetic network of {items} items", "For the benchmark only.",
        tuple(nodes), tuple(edges),
        (LegendItem("recommendation", "item", "#888888", "dot"),), tuple(reviews),
        (Option("1", "1"),), (Option("neglect", "Neglect"),),
        counts={"recommendation": len(nodes), "edges": len(edges)})


def _timed(make: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    result = make()
    return result, (time.perf_counter() - start) * 1000


def measure(browser: Any, page_path: Path, repeats: int) -> tuple[float, float]:
    """Median time to interactive and median filter time (ms) over ``repeats`` openings."""
    ready, filtering = [], []
    for _ in range(repeats):
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.route("**/*", lambda route: route.continue_()
                   if route.request.url == page_path.as_uri() else route.abort())
        page.goto(page_path.as_uri())
        page.wait_for_selector("body[data-ready=true]", state="attached", timeout=120_000)
        ready.append(page.evaluate("scrgraph.readyAt"))
        filtering.append(page.evaluate(
            "(() => { const s = document.getElementById('filter-kind');"
            " const t = performance.now(); s.selectedIndex = 1;"
            " s.dispatchEvent(new Event('change')); scrgraph.network.redraw();"
            " return performance.now() - t; })()"))
        page.close()
    return statistics.median(ready), statistics.median(filtering)


def _view_maker(sg: Scrgraph, name: str, as_of: dt.date, options: dict[str, Any]
                ) -> Callable[[], NetworkView]:
    return lambda: sg.network(name, as_of=as_of, **options)


def _synthetic_maker(size: int) -> Callable[[], NetworkView]:
    return lambda: synthetic(size)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="500,2000,5000",
                        help="synthetic network sizes (items), comma-separated")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-database", action="store_true",
                        help="only the synthetic networks")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    views: list[tuple[str, Callable[[], NetworkView]]] = []
    sg = Scrgraph()
    if not args.no_database:
        as_of = dt.date(2026, 11, 28)
        sg.framework()  # parsed once per process: not part of any view's time
        sg.status()  # connected once: neither
        for name, options in SAMPLE_VIEWS.items():
            views.append((name, _view_maker(sg, name, as_of, options)))
    for size in (int(s) for s in args.sizes.split(",") if s):
        views.append((f"synthetic {size}", _synthetic_maker(size)))
    print(f"{'view':24} {'items':>6} {'links':>6} {'build ms':>9} {'render ms':>9} "
          f"{'page KB':>8} {'interactive ms':>14} {'filter ms':>9}")
    with tempfile.TemporaryDirectory(prefix="scrgraph-bench-") as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for name, make in views:
                view, build_ms = _timed(make)
                html, render_ms = _timed(lambda: render(view))  # noqa: B023
                path = Path(tmp) / f"{name.replace(' ', '-')}.html"
                path.write_text(html, encoding="utf-8")
                ready_ms, filter_ms = measure(browser, path, args.repeats)
                print(f"{name:24} {len(view.nodes):>6} {len(view.edges):>6} {build_ms:>9.0f} "
                      f"{render_ms:>9.0f} {len(html.encode()) / 1024:>8.0f} {ready_ms:>14.0f} "
                      f"{filter_ms:>9.0f}", flush=True)
        finally:
            browser.close()
            sg.close()


if __name__ == "__main__":
    main()
