"""``scrgraph queries``, ``scrgraph query`` and ``scrgraph analyse``, run as a user would."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from scrgraph.facade import Scrgraph
from scrgraph.settings import Settings
from scrgraph.store.db import Database
from tests.conftest import REPO, run_cli
from tests.graphs import FixtureGraphs


@pytest.fixture(scope="module")
def graphs(session_db: Database, settings: Settings) -> FixtureGraphs:
    """The fixture graphs of tests/fixtures/, each loaded through the facade when first used."""
    return FixtureGraphs(Scrgraph(settings, session_db))


def test_queries_lists_every_catalog_query_with_folder_and_parameters(
        cli_env: dict[str, str]) -> None:
    result = run_cli("queries", env=cli_env)
    assert result.code == 0, result.output
    catalog = Scrgraph().catalog
    assert f"{len(catalog)} queries" in result.stdout
    for query in catalog:
        assert query.name in result.stdout
    assert "min_reviews (integer, default 2)" in result.stdout
    assert "kind (string, SCR|LCSPR|SAR|DHR|THEMATIC|NATIONAL)" in result.stdout
    assert "theme (theme, required)" in result.stdout


def test_queries_in_one_folder(cli_env: dict[str, str]) -> None:
    result = run_cli("queries", "--folder", "quality", env=cli_env)
    assert result.code == 0, result.output
    files = sorted((REPO / "cypher" / "quality").glob("*.cypher"))
    assert len(files) == 3  # needing attention, repeated, suggestions awaiting a decision
    assert f"{len(files)} queries" in result.stdout
    assert all(f.stem in result.stdout for f in files)
    assert "repeated-recommendations" in result.stdout
    assert "recurring-themes" not in result.stdout


def test_a_query_that_pages_says_how_to_ask_for_the_next_page(
        graphs: FixtureGraphs, session_db: Database, cli_env: dict[str, str]) -> None:
    graphs.use("recurring-themes")
    reviews = sorted(r["id"] for r in session_db.read("MATCH (r:Review) RETURN r.id AS id"))
    assert len(reviews) > 2
    first = run_cli("query", "reviews", "-p", "limit=2", "-f", "csv", env=cli_env)
    assert first.code == 0, first.output
    assert len(list(csv.DictReader(io.StringIO(first.stdout)))) == 2  # stdout: the rows alone
    assert "for the next page, add -p skip=2 -p limit=2" in first.stderr
    table = run_cli("query", "reviews", "-p", "limit=2", env=cli_env)
    assert "for the next page, add -p skip=2 -p limit=2" in table.stdout
    last = run_cli("query", "reviews", "-p", f"skip={len(reviews) - 2}", "-p", "limit=2",
                   "-f", "csv", env=cli_env)
    assert last.code == 0, last.output
    assert len(list(csv.DictReader(io.StringIO(last.stdout)))) == 2
    assert "next page" not in last.stderr


def test_query_as_json(graphs: FixtureGraphs, cli_env: dict[str, str]) -> None:
    graphs.use("recurring-themes")
    result = run_cli("query", "recurring-themes", "--param", "partnership_type=children",
                     "--format", "json", env=cli_env)
    assert result.code == 0, result.output
    assert result.stderr == ""  # no server notes, no progress noise
    assert json.loads(result.stdout) == [
        {"theme": "domestic-abuse", "label": "Domestic Abuse", "scope": "framework",
         "theme_kind": "safeguarding-issue", "reviews": 2, "cases": 2, "recommendations": 3,
         "by_review_kind": {"SCR": 1, "LCSPR": 1, "SAR": 0, "DHR": 0, "THEMATIC": 0,
                            "NATIONAL": 0},
         "by_partnership_type": {"children": 2, "adults": 0, "community-safety": 0,
                                 "national": 0}},
        {"theme": "neglect", "label": "Neglect", "scope": "framework",
         "theme_kind": "safeguarding-issue",
         "reviews": 2, "cases": 2, "recommendations": 2,
         "by_review_kind": {"SCR": 1, "LCSPR": 0, "SAR": 0, "DHR": 0, "THEMATIC": 1,
                            "NATIONAL": 0},
         "by_partnership_type": {"children": 2, "adults": 0, "community-safety": 0,
                                 "national": 0}},
    ]


def test_a_table_too_wide_for_the_terminal_is_printed_a_row_at_a_time(
        graphs: FixtureGraphs, settings: Settings, session_db: Database,
        cli_env: dict[str, str]) -> None:
    """report-summary has 26 columns: in an 80-column terminal each would be a few characters
    wide, its numbers broken over lines; it is printed as its columns down, values beside."""
    graphs.use("recurring-themes")
    narrow = run_cli("query", "report-summary", env={**cli_env, "COLUMNS": "80"})
    assert narrow.code == 0, narrow.output
    assert "report-summary: 1 row" in narrow.stdout and "1 rows" not in narrow.stdout
    lines = narrow.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    summary = Scrgraph(settings, session_db).run_query("report-summary").rows[0]
    for column in ("reviews", "recommendations", "cross_quadrant", "as_of"):
        # Each column on a line of its own with its whole value beside it.
        assert any(line.split("\u2502")[1:3] and line.split("\u2502")[1].strip() == column
                   and line.split("\u2502")[2].strip() == str(summary[column])
                   for line in lines), (column, narrow.stdout)
    # Two rows in a narrow terminal: each numbered.
    two = run_cli("query", "recurring-themes", env={**cli_env, "COLUMNS": "40"})
    assert two.code == 0, two.output
    assert "row 1" in two.stdout and "row 2" in two.stdout


def test_query_as_table_and_markdown(graphs: FixtureGraphs, cli_env: dict[str, str]) -> None:
    graphs.use("recurring-themes")
    table = run_cli("query", "recurring-themes", env=cli_env)
    assert table.code == 0, table.output
    assert "recurring-themes: 2 rows" in table.stdout
    assert "row 1" not in table.stdout  # wide enough: the columns across, as usual
    assert "domestic-abuse" in table.stdout
    assert "children: 2, community-safety: 1" in table.stdout
    markdown = run_cli("query", "theme-trend", "-p", "theme=neglect", "-f", "markdown",
                       env=cli_env)
    assert markdown.code == 0, markdown.output
    assert markdown.stdout == (
        "| theme | scope | year | reviews | recommendations | reviews_published "
        "| pct_of_reviews |\n"
        "| --- | --- | --- | --- | --- | --- | --- |\n"
        "| neglect | framework | 2015 | 1 | 1 | 1 | 100 |\n"
        "| neglect | framework | 2016 | 0 | 0 | 0 |  |\n"
        "| neglect | framework | 2017 | 0 | 0 | 0 |  |\n"
        "| neglect | framework | 2018 | 0 | 0 | 1 | 0 |\n"
        "| neglect | framework | 2019 | 0 | 0 | 1 | 0 |\n"
        "| neglect | framework | 2020 | 0 | 0 | 1 | 0 |\n"
        "| neglect | framework | 2021 | 1 | 1 | 1 | 100 |\n")


def test_query_as_csv_escapes_formulas_and_writes_iso_dates(
        graphs: FixtureGraphs, cli_env: dict[str, str]) -> None:
    # R1-1's text is =HYPERLINK("http://evil.example","x")
    graphs.use("formula-text")
    result = run_cli("query", "review-profile", "-p", "review=R1", "--format", "csv",
                     env=cli_env)
    assert result.code == 0, result.output
    assert list(csv.reader(io.StringIO(result.stdout))) == [
        ["review", "title", "kind", "published", "partnership", "recommendation", "number",
         "text", "smart", "themes", "standards", "quadrants", "agencies", "actions"],
        ["R1", "Child K", "SCR", "2019-02-03", "NSCP", "R1-1", "1",
         "'=HYPERLINK(\"http://evil.example\",\"x\")", "yes", "neglect", "", "", "CSC",
         "(completed: , due: 2019-12-31, id: R1-1-A1, owner: CSC, status: open)"],
    ]


def test_bad_parameter_is_one_clear_line_and_exit_1(cli_env: dict[str, str]) -> None:
    result = run_cli("query", "recurring-themes", "--param", "min_reviews=lots", env=cli_env)
    assert result.code == 1
    assert result.stdout == ""
    assert result.stderr == ("Error: Query 'recurring-themes': parameter 'min_reviews' must "
                             "be a whole number, not 'lots'.\n")


def test_other_mistakes_are_one_clear_line_too(cli_env: dict[str, str]) -> None:
    cases = {
        ("query", "recurring-themes", "-p", "top=3"):
            "Error: Query 'recurring-themes' has no parameter 'top' (its parameters: "
            "min_reviews, partnership_type, kind, scope).\n",
        ("query", "recurring-themes", "-p", "min_reviews"):
            "Error: --param expects name=value, got 'min_reviews'.\n",
        ("query", "recurring-themes", "-p", "kind=SAR", "-p", "kind=DHR"):
            "Error: --param kind is given twice.\n",
        ("query", "theme-detail"):
            "Error: Query 'theme-detail' needs parameter 'theme' (theme).\n",
        ("query", "recuring-themes"):
            "Error: There is no query named 'recuring-themes'. Did you mean "
            "'recurring-themes' or 'report-themes' or 'projection-theme-codings'?\n",
        ("queries", "--folder", "nowhere"):
            "Error: No catalog queries in folder 'nowhere'.\n",
    }
    for args, message in cases.items():
        result = run_cli(*args, env=cli_env)
        assert (result.code, result.stderr) == (1, message), args
        assert "Traceback" not in result.output


def test_explain_prints_a_plan(cli_env: dict[str, str]) -> None:
    result = run_cli("query", "theme-cooccurrence", "-p", "min_count=3", "--explain",
                     env=cli_env)
    assert result.code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("planner: ")
    assert lines[1].startswith("ProduceResults")
    assert any(line.lstrip("│ ").startswith("└─ ") for line in lines[2:])


def test_analyse_as_json_and_table(graphs: FixtureGraphs, cli_env: dict[str, str]) -> None:
    graphs.use("recurring-themes")
    result = run_cli("analyse", "--format", "json", "--top", "1", env=cli_env)
    assert result.code == 0, result.output
    analysis = json.loads(result.stdout)
    # per recommendation by default: C1-1 links domestic abuse with neglect, A1-1 with
    # supervision; early help stands alone
    assert analysis["unit"] == "recommendation" and analysis["seed"] == 42
    assert (analysis["themes"], analysis["cooccurrence_edges"]) == (4, 2)
    # --top holds for JSON too
    assert [c["theme"] for c in analysis["central_themes"]] == ["domestic-abuse"]
    assert len(analysis["bridges"]) == 1 and len(analysis["quadrant_reach"]) <= 1
    assert analysis["communities_are_weak"] is True
    assert analysis["betweenness_sample"] is None
    assert analysis["betweenness_method"] == "betweenness is computed exactly"
    assert analysis["communities_verdict"].startswith("The communities are weak (modularity")
    table = run_cli("analyse", "--unit", "review", "--top", "2", env=cli_env)
    assert table.code == 0, table.output
    assert "Theme co-occurrence (per review): 4 themes, 3 links." in table.stdout
    assert "Themes and standards that bridge quadrants" in table.stdout
    assert "The betweenness is computed exactly." in table.stdout
    assert "The communities are" in table.stdout


def test_theme_parameters_take_what_workbooks_take(db: Database, settings: Settings,
                                                   cli_env: dict[str, str]) -> None:
    sg = Scrgraph(settings, db)
    assert sg.bind_query("theme-detail", {"theme": "DV"})["theme"] == "domestic-abuse"
    assert sg.bind_query("theme-detail", {"theme": "Domestic Abuse"})["theme"] == (
        "domestic-abuse")
    result = run_cli("query", "theme-detail", "-p", "theme=domestic-abse", env=cli_env)
    assert result.code == 1
    assert "'domestic-abse' is not a key theme of the framework, nor a local theme in the " \
           "graph. Did you mean 'domestic-abuse'?" in result.stderr
    assert "Traceback" not in result.output


def test_the_codes_sheet_lists_every_name_a_cell_accepts(tmp_path: Path) -> None:
    import openpyxl

    path = Scrgraph().write_template(tmp_path / "t.xlsx")
    rows = {r[1]: r[4] for r in openpyxl.load_workbook(path)["Codes"].iter_rows(
        min_row=2, values_only=True)}
    assert "DV" in rows["domestic-abuse"].split("; ")


def test_hostile_text_is_shown_as_data_in_every_output_format(
        graphs: FixtureGraphs, cli_env: dict[str, str]) -> None:
    """The hostile-text graph's titles, names and texts hold rich markup, ANSI escapes (clear
    the screen, retitle the window), a bell, a right-to-left override, pipes, line breaks,
    HTML and a formula; each format shows them as text for its reader."""
    graphs.use("hostile-text")
    wide = {**cli_env, "COLUMNS": "2000"}
    table = run_cli("query", "review-profile", "-p", "review=R1", env=wide)
    assert table.code == 0, table.output
    for raw in ("\x1b", "\x07", "\u202e"):
        assert raw not in table.stdout
    assert "[bold red]Child[/] \\x1b[2J\\x1b]0;owned\\x07 K\\u202e|x</td>" in table.stdout
    markdown = run_cli("query", "review-profile", "-p", "review=R1", "-f", "markdown",
                       env=cli_env)
    assert markdown.code == 0, markdown.output
    lines = markdown.stdout.splitlines()
    assert len(lines) == 4  # header, rule, two recommendations: no line break got through
    assert {line.count(" | ") for line in lines} == {13}  # 14 columns on every line
    assert "<" not in markdown.stdout and "\x1b" not in markdown.stdout
    assert ("\\[bold red\\]Child\\[/\\] \\\\x1b\\[2J\\\\x1b\\]0;owned\\\\x07 K\\\\u202e\\|x"
            "&lt;/td&gt;&lt;script&gt;") in lines[2]
    result = run_cli("query", "review-profile", "-p", "review=R1", "-f", "csv", env=cli_env)
    assert result.code == 0, result.output
    texts = [row[7].replace("\r\n", "\n")
             for row in csv.reader(io.StringIO(result.stdout, newline=""))][1:]
    shown = ("[bold red]Child[/] \\x1b[2J\\x1b]0;owned\\x07 K\\u202e|x</td>"
             "<script>alert(1)</script>")
    assert texts == [shown + "\n| next | row |", "'-2+3 " + shown]  # a formula defused


def test_hostile_text_is_escaped_in_the_network_page_and_the_report(
        graphs: FixtureGraphs) -> None:
    import json
    import re

    sg = graphs.use("hostile-text")
    hostile = "[bold red]Child[/] \x1b[2J\x1b]0;owned\x07 K\u202e|x</td><script>alert(1)</script>"
    page = sg.render_network(sg.network("review", review="R1"))
    # The only scripts are scrgraph's own: the data block and three scripts.
    assert len(re.findall(r"<script\b", page)) == 4 and "alert(1)</script>" not in page
    data = re.search(r'<script type="application/json" id="scrgraph-data">(.*?)</script>',
                     page, re.S)
    assert data is not None
    titles = [n["title"] for n in json.loads(data.group(1))["nodes"]]
    assert any(hostile in t for t in titles)  # the data keep the text exactly, as data
    html = sg.report_html(sg.report())
    assert "<script" not in html
    assert "&lt;/td&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html
