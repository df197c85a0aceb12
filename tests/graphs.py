"""Small review graphs for query and analytics tests, loaded through the real loader.

Each graph is a folder under ``tests/fixtures/`` in the workbook format
(``loaders/workbook.toml``: one CSV file per sheet), optionally with Turtle files beside it for
what a workbook cannot hold (a tagger's suggestion that no analyst has accepted yet). The
facade validates and loads it exactly as ``scrgraph load`` would, framework included, so the
tests see what the loader writes and nothing else.
"""

from __future__ import annotations

from pathlib import Path

from scrgraph.facade import Scrgraph
from tests.conftest import REPO

FIXTURES = REPO / "tests" / "fixtures"


def sources(name: str) -> list[Path]:
    """The folder of one fixture graph and the RDF files that go with it."""
    folder = FIXTURES / name
    return [folder, *sorted(folder.glob("*.ttl"))]


class FixtureGraphs:
    """One facade over the session's database that holds one fixture graph at a time.

    ``use(name)`` loads a graph only when another one was loaded last, so tests that read the
    same graph, run one after another, share one load. Tests that change the database must not
    use this (they take the ``db`` fixture instead).
    """

    def __init__(self, facade: Scrgraph) -> None:
        self.sg = facade
        self.loaded: str | None = None

    def use(self, name: str) -> Scrgraph:
        if self.loaded != name:
            self.sg.database.clear()
            self.loaded = None
            if name != "empty":
                self.sg.load(sources(name))
            else:
                self.sg.load_framework()
            self.loaded = name
        return self.sg
