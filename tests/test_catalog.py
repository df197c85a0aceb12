"""The query catalog without a database: loading, refusing bad files, binding, formatting."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest
from neo4j.time import Date, DateTime

from scrgraph import formatting
from scrgraph.catalog.queries import Catalog, default_catalog, format_plan
from scrgraph.errors import CatalogError

CATALOG_QUERIES = {
    "agency-accountability", "agency-action-groups", "agency-index", "coding-reviews",
    "cross-partnership-themes",
    "cross-quadrant-recommendations",
    "implementation-by-quadrant", "implementation-status", "learning-not-embedded",
    "learning-not-embedded-by-theme",
    "projection-framework", "projection-theme-codings", "quadrant-pairs",
    "recommendation-network", "recommendations-needing-attention", "recurring-themes",
    "repeated-recommendations", "review-index", "review-profile", "similar-reviews",
    "suggestions-awaiting-decision",
    "standards-coverage", "standards-gaps",
    "theme-cooccurrence", "theme-detail", "theme-standard-reviews", "theme-trend",
    # cypher/report/: the cross-review theme report's queries, all with the same scope
    "report-agencies", "report-overdue-actions", "report-quadrant-links", "report-quadrant-themes",
    "report-quadrants", "report-recommendations", "report-reviews", "report-standards",
    "report-smart-gaps", "report-summary", "report-theme-pairs", "report-theme-reviews",
    "report-theme-years",
    "report-themes",
    # cypher/api/: the web service's lists and item pages
    "reviews", "recommendations", "themes", "standards", "agencies", "actions",
}

GOOD = """\
// name: {name}
// Counts something.
// for: tests
// param: n integer default=2 -- a number
// returns: total
MATCH (x:Theme) WHERE x.n >= $n RETURN count(x) AS total ORDER BY total
"""


def write(root: Path, relative: str, text: str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# -- the project's own catalog ---------------------------------------------------------------

def test_project_catalog_holds_every_question_and_no_housekeeping() -> None:
    catalog = default_catalog()
    assert set(catalog.names()) == CATALOG_QUERIES
    assert {q.folder for q in catalog} == {"accountability", "analytics", "api", "framework",
                                           "quality", "report", "reviews", "themes", "viz"}


@pytest.mark.parametrize("name", sorted(CATALOG_QUERIES))
def test_every_query_is_documented_read_only_and_ordered(name: str) -> None:
    query = default_catalog()[name]
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", query.name)
    assert query.path.stem == query.name
    assert query.description and query.audience and query.returns
    assert not query.writes
    assert all(p.description for p in query.params)
    # the last clause orders the rows (a LIMIT may follow), so results are stable
    lines = query.text.strip().splitlines()
    if lines[-1].startswith("LIMIT "):
        lines.pop()
    assert lines[-1].startswith("ORDER BY ")


def test_catalog_files_use_no_literal_review_years_or_ids() -> None:
    for query in default_catalog():
        assert not re.search(r"'(NSCP|NSAB|NCSP)[-A-Z0-9]*'", query.text), query.name
        assert not re.search(r"\b(19|20)\d\d\b", query.text), query.name


# -- loading ---------------------------------------------------------------------------------

def test_loads_folders_as_namespaces_and_skips_schema_and_system(tmp_path: Path) -> None:
    write(tmp_path, "themes/a.cypher", GOOD.format(name="alpha"))
    write(tmp_path, "quality/deep/b.cypher", GOOD.format(name="beta"))
    write(tmp_path, "schema/c.cypher", "CREATE INDEX x IF NOT EXISTS FOR (n:X) ON (n.y);")
    write(tmp_path, "system/d.cypher", "// name: clear\nMATCH (n) DETACH DELETE n")
    catalog = Catalog.load(tmp_path)
    assert catalog.names() == ["alpha", "beta"]
    assert catalog["alpha"].folder == "themes"
    assert catalog["beta"].folder == "quality/deep"
    assert "alpha" in catalog and "clear" not in catalog
    assert len(catalog) == 2


def test_refuses_a_query_that_writes_naming_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, "themes/bad.cypher",
                 "// name: sneaky\n// Looks harmless.\nMATCH (t:Theme)\n"
                 "WITH t\nSET t.seen = true\nRETURN t.code AS code ORDER BY code\n")
    with pytest.raises(CatalogError) as caught:
        Catalog.load(tmp_path)
    assert str(caught.value) == (f"{path}:5: query 'sneaky' writes to the database; "
                                 "catalog queries must only read.")


def test_a_write_keyword_inside_a_string_or_comment_is_not_a_write(tmp_path: Path) -> None:
    write(tmp_path, "themes/ok.cypher",
          "// name: ok\n// Fine.\nMATCH (t:Theme) // SET nothing here\n"
          "WHERE t.label <> 'CREATE' RETURN t.code AS code ORDER BY code\n")
    assert not Catalog.load(tmp_path)["ok"].writes


def test_refuses_duplicate_names_naming_both_files(tmp_path: Path) -> None:
    # files are read in path order: quality/ before themes/
    first = write(tmp_path, "quality/b.cypher", GOOD.format(name="same"))
    second = write(tmp_path, "themes/a.cypher", GOOD.format(name="same"))
    with pytest.raises(CatalogError) as caught:
        Catalog.load(tmp_path)
    assert str(caught.value) == (f"{second}:6: query name 'same' is already used by "
                                 f"{first}:6.")


def test_refuses_an_undeclared_parameter_with_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, "themes/a.cypher",
                 "// name: a\n// Something.\n\nMATCH (t:Theme) WHERE t.code = $theme\n"
                 "RETURN t ORDER BY t.code\n")
    with pytest.raises(CatalogError) as caught:
        Catalog.load(tmp_path)
    assert str(caught.value) == (f"{path}:4: query 'a' uses $theme but its header does not "
                                 "declare it (add a '// param:' line).")


def test_refuses_a_declared_but_unused_parameter(tmp_path: Path) -> None:
    path = write(tmp_path, "themes/a.cypher",
                 "// name: a\n// param: limit integer default=5 -- how many\n"
                 "MATCH (t:Theme) RETURN t ORDER BY t.code\n")
    with pytest.raises(CatalogError) as caught:
        Catalog.load(tmp_path)
    assert str(caught.value) == (f"{path}:1: query 'a' declares parameter 'limit' but "
                                 "never uses it.")


def test_example_values_are_read_and_must_name_declared_parameters(tmp_path: Path) -> None:
    write(tmp_path, "themes/a.cypher",
          "// name: a\n// param: theme string -- a theme\n// example: theme=neglect\n"
          "MATCH (t:Theme {code: $theme}) RETURN t ORDER BY t.code\n")
    assert Catalog.load(tmp_path)["a"].example == {"theme": "neglect"}
    path = write(tmp_path, "themes/a.cypher",
                 "// name: a\n// param: theme string -- a theme\n// example: them=neglect\n"
                 "MATCH (t:Theme {code: $theme}) RETURN t ORDER BY t.code\n")
    with pytest.raises(CatalogError) as caught:
        Catalog.load(tmp_path)
    assert str(caught.value) == (f"{path}:1: the example of query 'a' sets 'them', which is "
                                 "not one of its parameters.")


def test_refuses_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="the query folder does not exist"):
        Catalog.load(tmp_path / "nowhere")


# -- lookup and binding ----------------------------------------------------------------------

def test_unknown_name_suggests_the_nearest() -> None:
    with pytest.raises(CatalogError) as caught:
        default_catalog()["recurring-theme"]
    assert str(caught.value).startswith(
        "There is no query named 'recurring-theme'. Did you mean 'recurring-themes'")


def test_unknown_name_with_nothing_close_points_at_the_listing() -> None:
    with pytest.raises(CatalogError) as caught:
        default_catalog()["zzz"]
    assert str(caught.value) == ("There is no query named 'zzz'. Run 'scrgraph queries' to "
                                 "list them.")


def test_bind_fills_defaults_and_coerces_text() -> None:
    catalog = default_catalog()
    assert catalog.bind("recurring-themes", {}) == {
        "min_reviews": 2, "partnership_type": None, "kind": None, "scope": "all"}
    assert catalog.bind("recurring-themes", {"min_reviews": "5", "kind": "SAR"}) == {
        "min_reviews": 5, "partnership_type": None, "kind": "SAR", "scope": "all"}
    assert catalog.bind("agency-accountability", {"as_of": dt.date(2024, 1, 31)}) == {
        "as_of": "2024-01-31"}
    assert catalog.bind("learning-not-embedded", {"across_partnerships": "yes"}) == {
        "theme": None, "across_partnerships": True, "gap_months": 12, "max_ids": 20}


def test_bad_parameter_type_value_and_name_are_clear() -> None:
    catalog = default_catalog()
    with pytest.raises(CatalogError) as caught:
        catalog.bind("recurring-themes", {"min_reviews": "many"})
    assert str(caught.value) == ("Query 'recurring-themes': parameter 'min_reviews' must be "
                                 "a whole number, not 'many'.")
    with pytest.raises(CatalogError) as caught:
        catalog.bind("recurring-themes", {"kind": "SCRR"})
    assert str(caught.value) == ("Query 'recurring-themes': parameter 'kind' must be one of "
                                 "SCR, LCSPR, SAR, DHR, THEMATIC, NATIONAL, not 'SCRR'.")
    with pytest.raises(CatalogError) as caught:
        catalog.bind("recurring-themes", {"minimum": "3"})
    assert str(caught.value) == ("Query 'recurring-themes' has no parameter 'minimum' (its "
                                 "parameters: min_reviews, partnership_type, kind, scope).")
    with pytest.raises(CatalogError) as caught:
        catalog.bind("agency-accountability", {"as_of": "31/01/2024"})
    assert str(caught.value) == ("Query 'agency-accountability': parameter 'as_of' must be "
                                 "a date (YYYY-MM-DD), not '31/01/2024'.")
    with pytest.raises(CatalogError) as caught:
        catalog.bind("theme-detail", {})
    assert str(caught.value) == "Query 'theme-detail' needs parameter 'theme' (theme)."


# -- plans -----------------------------------------------------------------------------------

def test_format_plan_draws_the_operator_tree() -> None:
    plan = {
        "operatorType": "ProduceResults@neo4j",
        "args": {"planner": "COST", "runtime": "SLOTTED", "EstimatedRows": 10.0,
                 "Details": "code"},
        "children": [
            {"operatorType": "Sort@neo4j", "args": {"EstimatedRows": 10.0,
                                                     "Details": "code ASC"},
             "children": [
                 {"operatorType": "NodeByLabelScan@neo4j",
                  "args": {"EstimatedRows": 10.0, "Details": "t:Theme"}, "children": []},
                 {"operatorType": "Argument@neo4j", "args": {"EstimatedRows": 1.0},
                  "children": []},
             ]},
        ],
    }
    assert format_plan(plan) == (
        "planner: COST, runtime: SLOTTED\n"
        "ProduceResults  (~10 rows)  code\n"
        "└─ Sort  (~10 rows)  code ASC\n"
        "   ├─ NodeByLabelScan  (~10 rows)  t:Theme\n"
        "   └─ Argument  (~1 rows)"
    )


# -- formatting ------------------------------------------------------------------------------

COLUMNS = ("name", "published", "codes", "counts", "n", "ok")
ROWS = [
    {"name": "=HYPERLINK(\"http://x\")", "published": dt.date(2020, 5, 1),
     "codes": ["2.2", "4.5"], "counts": {"SCR": 2, "DHR": 0}, "n": -3, "ok": True},
    {"name": "a|b", "published": Date(2021, 1, 2), "codes": [], "counts": {},
     "n": 1.5, "ok": None},
    {"name": "+1 then -2 @home", "published": DateTime(2021, 1, 2, 3, 4, 5),
     "codes": ["-x"], "counts": {}, "n": 0, "ok": False},
]


def test_csv_defuses_formulas_and_writes_iso_dates() -> None:
    rows = list(csv.reader(io.StringIO(formatting.to_csv(COLUMNS, ROWS))))
    assert rows == [
        ["name", "published", "codes", "counts", "n", "ok"],
        ["'=HYPERLINK(\"http://x\")", "2020-05-01", "2.2; 4.5", "DHR: 0, SCR: 2", "-3", "yes"],
        ["a|b", "2021-01-02", "", "", "1.5", ""],
        ["'+1 then -2 @home", "2021-01-02T03:04:05.000000000", "'-x", "", "0", "no"],
    ]


def test_csv_defuses_at_sign_tab_and_carriage_return() -> None:
    assert [formatting.csv_cell(v) for v in ("@SUM(A1)", "\tx", "\rx", "ok", -1)] == [
        "'@SUM(A1)", "'\tx", "'\rx", "ok", "-1"]


def test_json_keeps_structure_with_iso_dates() -> None:
    assert json.loads(formatting.to_json(COLUMNS, ROWS)) == [
        {"name": "=HYPERLINK(\"http://x\")", "published": "2020-05-01",
         "codes": ["2.2", "4.5"], "counts": {"SCR": 2, "DHR": 0}, "n": -3, "ok": True},
        {"name": "a|b", "published": "2021-01-02", "codes": [], "counts": {}, "n": 1.5,
         "ok": None},
        {"name": "+1 then -2 @home", "published": "2021-01-02T03:04:05.000000000",
         "codes": ["-x"], "counts": {}, "n": 0, "ok": False},
    ]


def test_markdown_escapes_pipes() -> None:
    assert formatting.to_markdown(("name", "published"), ROWS[:2]) == (
        "| name | published |\n"
        "| --- | --- |\n"
        "| =HYPERLINK(\"http://x\") | 2020-05-01 |\n"
        "| a\\|b | 2021-01-02 |\n"
    )


def test_table_shows_values_as_text_not_markup() -> None:
    from rich.console import Console

    console = Console(width=200, record=True)
    console.print(formatting.to_table(("name", "codes"),
                                      [{"name": "[bold]x[/bold]", "codes": ["a", "b"]}]))
    shown = console.export_text()
    assert "[bold]x[/bold]" in shown
    assert "a; b" in shown


def test_render_refuses_an_unknown_format() -> None:
    with pytest.raises(ValueError, match="no text format 'xml'"):
        formatting.render(COLUMNS, ROWS, "xml")
