"""The README tells the truth: its reference sections are generated from the code."""

from __future__ import annotations

from scrgraph.catalog.queries import default_catalog
from scrgraph.dev.docs import command_names, render
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_generated_sections_are_up_to_date() -> None:
    assert render(README) == README, "run 'make readme' and commit the result"


def test_every_command_is_in_the_readme() -> None:
    names = command_names()
    assert {"demo", "load", "validate", "template", "export", "query", "queries", "analyse",
            "framework", "db start", "db stop", "db status", "db logs"} <= set(names)
    for name in names:
        assert f"`scrgraph {name}`" in README, name


def test_every_catalog_query_is_in_the_readme() -> None:
    queries = [q.name for q in default_catalog()]
    assert len(queries) >= 14
    for name in queries:
        assert f"| `{name}` |" in README, name


def test_the_two_commands_lead_the_quickstart() -> None:
    quickstart = README.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    assert "make demo" in quickstart and "make test" in quickstart
    assert "scrgraph db stop" in quickstart
