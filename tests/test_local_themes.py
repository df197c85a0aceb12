"""Local themes beside the framework (issue 9): a partnership's own themes, declared on a
Themes sheet or in RDF, coded like the framework's, always shown as local and never counted
as one of the 13.

``tests/fixtures/local-themes`` declares ``self-neglect`` (NSAB; quadrant 1, standards 3.3 and
4.5; aliases "Self neglect" and "Hoarding"). Its recommendations code it by code, label and
alias in two SARs (A1, A2) and a DHR (D1); ``neglect`` is coded only in the two children's
reviews (C1, C2), so an adult's self-neglect must not add to it. Every test loads through the
real loader into the session's real Neo4j.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from scrgraph.errors import CatalogError, ValidationFailed
from scrgraph.facade import Scrgraph
from scrgraph.settings import Settings
from scrgraph.store.db import Database
from tests.conftest import clean_env, run_cli
from tests.graphs import FIXTURES
from tests.sample import edit_cell

LOCAL = FIXTURES / "local-themes"


@pytest.fixture
def sg(settings: Settings, db: Database) -> Scrgraph:
    """The facade over the emptied session database (the session owns and closes it)."""
    return Scrgraph(settings, db)


def run(sg: Scrgraph, name: str, **params: Any) -> list[dict[str, Any]]:
    return sg.run_query(name, params).rows


def by_theme(result: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {row["theme"]: row for row in result}


def copy_local(tmp_path: Path) -> Path:
    folder = tmp_path / "local-themes"
    shutil.copytree(LOCAL, folder)
    return folder


def refused(sg: Scrgraph, db: Database, sources: list[Path]) -> list[str]:
    """Load ``sources``: the load must be refused and write nothing; its problems as text."""
    with pytest.raises(ValidationFailed) as failure:
        sg.load(sources)
    assert db.read("MATCH (n:Partnership|Review|Recommendation|Theme) RETURN count(n) AS n"
                   )[0]["n"] == 0
    return [str(p) for p in failure.value.problems]


# -- what a load writes ---------------------------------------------------------------------


def test_a_local_theme_is_a_theme_marked_local_and_linked_to_the_framework(
        sg: Scrgraph, db: Database) -> None:
    sg.load([LOCAL])
    [theme] = db.read(
        "MATCH (t:Theme {code: 'self-neglect'}) RETURN t.id AS id, t.scope AS scope, "
        "t.label AS label, t.altLabels AS aliases, "
        "COLLECT { MATCH (t)-[:RELATES_TO]->(c) RETURN c.id ORDER BY c.id } AS related, "
        "COLLECT { MATCH (t)-[:DECLARED_BY]->(p) RETURN p.id } AS declared, "
        "EXISTS { (t)-[:IN_SCHEME]->(:Framework) } AS in_framework")
    assert theme == {"id": "self-neglect", "scope": "local", "label": "Self-neglect",
                     "aliases": ["Hoarding", "Self neglect"],
                     "related": ["quadrant-1", "std-3.3", "std-4.5"], "declared": ["NSAB"],
                     "in_framework": False}
    # Coded by code, label and alias alike: four recommendations of three reviews.
    coded = db.read("MATCH (:Theme {code: 'self-neglect'})<-[:HAS_THEME]-(r:Recommendation) "
                    "RETURN r.id AS id ORDER BY id")
    assert [r["id"] for r in coded] == ["A1-1", "A1-2", "A2-1", "D1-1"]
    # The framework still has its 13, and no scope of its own.
    assert db.read("MATCH (t:Theme)-[:IN_SCHEME]->(:Framework) "
                   "RETURN count(t) AS n, collect(DISTINCT t.scope) AS scopes")[0] == {
        "n": 13, "scopes": []}


def test_recurring_themes_shows_the_local_theme_apart_and_scope_keeps_or_leaves_it(
        sg: Scrgraph) -> None:
    sg.load([LOCAL])
    every = by_theme(run(sg, "recurring-themes"))
    assert {code: (r["scope"], r["reviews"], r["recommendations"])
            for code, r in every.items()} == {
        "self-neglect": ("local", 3, 4),
        "domestic-abuse": ("framework", 3, 3),
        "neglect": ("framework", 2, 3),
        "information-sharing": ("framework", 2, 2),
    }
    # An adult's self-neglect does not inflate the framework's neglect: children's reviews only.
    assert every["neglect"]["by_partnership_type"] == {
        "children": 2, "adults": 0, "community-safety": 0, "national": 0}
    assert every["self-neglect"]["by_partnership_type"] == {
        "children": 0, "adults": 2, "community-safety": 1, "national": 0}
    assert every["self-neglect"]["label"] == "Self-neglect"
    framework = run(sg, "recurring-themes", scope="framework")
    assert [r["theme"] for r in framework] == ["domestic-abuse", "neglect",
                                               "information-sharing"]
    assert {r["scope"] for r in framework} == {"framework"}
    local = run(sg, "recurring-themes", scope="local")
    assert [(r["theme"], r["scope"], r["reviews"]) for r in local] == [
        ("self-neglect", "local", 3)]
    with pytest.raises(CatalogError, match="must be one of all, framework, local"):
        sg.bind_query("recurring-themes", {"scope": "national"})


def test_cross_partnership_themes_counts_the_local_theme_under_its_own_name(
        sg: Scrgraph) -> None:
    sg.load([LOCAL])
    every = run(sg, "cross-partnership-themes")
    assert [(r["theme"], r["scope"], r["children_reviews"], r["adults_reviews"],
             r["community_safety_reviews"], r["partnership_types"]) for r in every] == [
        ("domestic-abuse", "framework", 1, 1, 1, 3),
        ("self-neglect", "local", 0, 2, 1, 2),
    ]
    assert [r["theme"] for r in run(sg, "cross-partnership-themes", scope="framework")] == [
        "domestic-abuse"]
    assert [r["theme"] for r in run(sg, "cross-partnership-themes", scope="local")] == [
        "self-neglect"]


def test_theme_trend_and_detail_take_the_local_theme_by_any_of_its_names(
        sg: Scrgraph) -> None:
    sg.load([LOCAL])
    detail = run(sg, "theme-detail", theme="Hoarding")  # an alias: resolved from the graph
    assert [(r["theme"], r["scope"], r["recommendation"]) for r in detail] == [
        ("self-neglect", "local", "A1-1"), ("self-neglect", "local", "A1-2"),
        ("self-neglect", "local", "D1-1"), ("self-neglect", "local", "A2-1")]
    trend = run(sg, "theme-trend", theme="self neglect")
    assert [(r["year"], r["reviews"], r["recommendations"]) for r in trend if r["reviews"]
            ] == [(2018, 1, 2), (2022, 1, 1), (2024, 1, 1)]
    assert {r["scope"] for r in trend} == {"local"}
    assert {r["theme"] for r in run(sg, "theme-trend", scope="local")} == {"self-neglect"}
    assert "self-neglect" not in {r["theme"] for r in run(sg, "theme-trend",
                                                          scope="framework")}
    with pytest.raises(CatalogError, match=r"'self-neglct' is not a key theme of the "
                       r"framework, nor a local theme in the graph\. Did you mean "
                       r"'self-neglect'\?"):
        run(sg, "theme-detail", theme="self-neglct")


def test_theme_cooccurrence_with_and_without_local_themes(sg: Scrgraph) -> None:
    sg.load([LOCAL])
    pairs = {(r["theme_a"], r["theme_b"]): r for r in run(
        sg, "theme-cooccurrence", min_count=1)}
    assert {k: (r["scope_a"], r["scope_b"], r["shared"], r["lift"])
            for k, r in pairs.items()} == {
        # 8 recommendations carry a theme; domestic abuse and neglect 3 each.
        ("domestic-abuse", "neglect"): ("framework", "framework", 1, round(8 / 9, 3)),
        ("domestic-abuse", "self-neglect"): ("framework", "local", 2, round(2 * 8 / 12, 3)),
        ("information-sharing", "self-neglect"): ("framework", "local", 1, round(8 / 8, 3)),
    }
    framework = run(sg, "theme-cooccurrence", min_count=1, scope="framework")
    # A1-2 carries only the local theme: 7 recommendations carry a framework theme.
    assert [(r["theme_a"], r["theme_b"], r["shared"], r["lift"]) for r in framework] == [
        ("domestic-abuse", "neglect", 1, round(7 / 9, 3))]


def test_the_api_themes_list_the_13_first_and_the_local_theme_after_them(
        sg: Scrgraph) -> None:
    sg.load([LOCAL])
    themes = run(sg, "themes")
    assert len(themes) == 14
    assert [t["scope"] for t in themes[:13]] == ["framework"] * 13
    assert (themes[13]["code"], themes[13]["scope"], themes[13]["related"],
            themes[13]["reviews"]) == ("self-neglect", "local", ["1", "3.3", "4.5"], 3)
    report = {r["theme"]: r for r in run(sg, "report-themes")}
    assert report["self-neglect"]["scope"] == "local"
    assert report["neglect"]["adults_reviews"] == 0


def test_local_themes_are_listed_apart_from_the_framework(sg: Scrgraph,
                                                          cli_env: dict[str, str]) -> None:
    sg.load([LOCAL])
    assert [(t.code, t.scope, t.related, t.partnerships) for t in sg.local_themes()] == [
        ("self-neglect", "local", ("1", "3.3", "4.5"), ("NSAB",))]
    assert "self-neglect" not in {t.code for t in sg.framework().themes}
    result = run_cli("framework", "--local", env=cli_env)
    assert result.code == 0, result.output
    framework_part, _, local_part = result.stdout.partition("Local themes")
    assert "13 key themes" in framework_part and "self-neglect" not in framework_part
    assert "self-neglect  Self-neglect" in local_part
    assert "1 local themes." in local_part


# -- export, template and reload ------------------------------------------------------------


def test_local_themes_survive_an_export_and_a_reload(sg: Scrgraph, db: Database,
                                                     tmp_path: Path) -> None:
    sg.load([LOCAL])
    before = run(sg, "recurring-themes", min_reviews=1)
    for kind, name in (("xlsx", "book.xlsx"), ("turtle", "graph.ttl"), ("csv", "csv")):
        sg.export(kind, tmp_path / name)
    codes = load_workbook(tmp_path / "book.xlsx")["Codes"]
    assert ["Local theme", "self-neglect", "Self-neglect"] in [
        [c.value for c in row[:3]] for row in codes.iter_rows()]
    for name in ("book.xlsx", "graph.ttl", "csv"):
        db.clear()
        sg.load([tmp_path / name])
        assert run(sg, "recurring-themes", min_reviews=1) == before, name


def test_the_template_has_a_themes_sheet_and_can_carry_the_local_themes(
        sg: Scrgraph, db: Database, tmp_path: Path) -> None:
    blank = load_workbook(sg.write_template(tmp_path / "blank.xlsx"))
    assert [c.value for c in blank["Themes"][1]] == [
        "Theme ID", "Label", "Definition", "Aliases", "Related quadrants",
        "Related standards", "Partnership ID"]
    assert blank["Themes"].max_row == 1
    sg.load([LOCAL])
    filled = load_workbook(sg.write_template(tmp_path / "local.xlsx", local_themes=True))
    assert [c.value for c in filled["Themes"][2]][:2] == ["self-neglect", "Self-neglect"]
    assert "Local theme" in [row[0].value for row in filled["Codes"].iter_rows()]
    # 'scrgraph tag' (no database) suggests the graph's local themes given it as --themes.
    assert [(s.code, s.local) for s in sg.tag(
        "Housing officers who find hoarding should refer the adult to Adult Social Services.",
        themes=tmp_path / "local.xlsx").themes if s.local] == [("self-neglect", True)]
    # A workbook filled in from it codes the local theme and loads on its own.
    book = filled
    book["Reviews"].append(["A9", "Adult A9", "SAR", "NSAB", "2025-01-10", "CA2014-S44"])
    book["Recommendations"].append(["A9-1", "A9", "1", "Recommendation A9-1", "Hoarding",
                                    None, None, "No"])
    book.save(tmp_path / "local.xlsx")
    db.clear()
    sg.load([tmp_path / "local.xlsx"])
    assert db.read("MATCH (:Recommendation {id: 'A9-1'})-[:HAS_THEME]->(t:Theme) "
                   "RETURN t.code AS code, t.scope AS scope") == [
        {"code": "self-neglect", "scope": "local"}]


def test_a_workbook_without_a_themes_sheet_still_loads(sg: Scrgraph, db: Database,
                                                       tmp_path: Path) -> None:
    folder = copy_local(tmp_path)
    (folder / "themes.csv").unlink()
    for rec in ("A1-1", "A1-2", "A2-1", "D1-1"):
        edit_cell(folder, "recommendations.csv", rec, "Themes", "information-sharing")
    sg.load([folder])
    assert db.read("MATCH (t:Theme) WHERE t.scope IS NOT NULL RETURN count(t) AS n"
                   )[0]["n"] == 0


# -- an RDF declaration ---------------------------------------------------------------------

RDF_THEME = """
@prefix nscb: <https://w3id.org/scrgraph/nscb#> .
@prefix tlf: <https://w3id.org/scrgraph/framework/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .

<https://w3id.org/scrgraph/id/theme/mental-capacity> a nscb:LocalTheme ;
    dcterms:identifier "mental-capacity" ;
    skos:notation "mental-capacity" ;
    skos:prefLabel "{label}"@en ;
    skos:altLabel "MCA"@en ;
    skos:definition "When a recommendation asks for a change in assessing mental capacity."@en ;
    nscb:relatesTo tlf:{related} ;
    nscb:declaredBy <https://w3id.org/scrgraph/id/partnership/NSAB> .
"""


def rdf_theme(tmp_path: Path, label: str = "Mental capacity",
              related: str = "std-1.2") -> Path:
    path = tmp_path / "nsab-themes.ttl"
    path.write_text(RDF_THEME.replace("{label}", label).replace("{related}", related),
                    encoding="utf-8")
    return path


def test_a_local_theme_declared_in_rdf_is_coded_by_a_workbook_loaded_with_it(
        sg: Scrgraph, db: Database, tmp_path: Path) -> None:
    folder = copy_local(tmp_path)
    edit_cell(folder, "recommendations.csv", "A2-2", "Themes", "MCA; information-sharing")
    # The workbook comes first on the command line; the RDF declaration is read first anyway.
    sg.load([folder, rdf_theme(tmp_path)])
    local = {r["theme"]: r for r in run(sg, "recurring-themes", scope="local",
                                        min_reviews=1)}
    assert {code: (r["scope"], r["reviews"], r["recommendations"])
            for code, r in local.items()} == {"self-neglect": ("local", 3, 4),
                                              "mental-capacity": ("local", 1, 1)}
    assert db.read("MATCH (t:Theme {code: 'mental-capacity'})-[:RELATES_TO]->(s) "
                   "RETURN s.id AS id") == [{"id": "std-1.2"}]


# -- bad declarations, refused with where they are ------------------------------------------


def test_a_local_theme_named_like_a_framework_theme_is_refused(sg: Scrgraph, db: Database,
                                                               tmp_path: Path) -> None:
    folder = copy_local(tmp_path)
    edit_cell(folder, "themes.csv", "self-neglect", "Aliases",
              "Self neglect; Hoarding; Child neglect")
    problems = refused(sg, db, [folder])
    assert problems == [
        "themes.csv, sheet Themes, row 2, column 'Aliases': self-neglect (alternative "
        "labels): The name 'Child neglect' is already a name of the framework's key theme "
        "'neglect': a local theme needs a code, label and aliases of its own. Code the "
        "recommendations to 'neglect', or give the local theme another name."]


def test_a_local_theme_with_a_framework_themes_code_is_refused(sg: Scrgraph, db: Database,
                                                               tmp_path: Path) -> None:
    folder = copy_local(tmp_path)
    edit_cell(folder, "themes.csv", "self-neglect", "Theme ID", "theme-neglect")
    problems = refused(sg, db, [folder])
    assert ("themes.csv, sheet Themes, row 2, column 'Theme ID': theme-neglect (code): The "
            "name 'theme-neglect' is already a name of the framework's key theme 'neglect'"
            ) in "\n".join(problems)


def test_a_local_theme_related_to_an_unknown_standard_is_refused(
        sg: Scrgraph, db: Database, tmp_path: Path) -> None:
    folder = copy_local(tmp_path)
    edit_cell(folder, "themes.csv", "self-neglect", "Related standards", "3.3; 7.1")
    problems = refused(sg, db, [folder])
    assert problems == [
        "themes.csv, sheet Themes, row 2, column 'Related standards': '7.1' is not a practice "
        "standard code of the framework. Did you mean '6.1'? The Codes sheet of 'scrgraph "
        "template' lists them all. (value: '3.3; 7.1')"]


def test_a_local_theme_related_to_nothing_or_declared_by_no_one_is_refused(
        sg: Scrgraph, db: Database, tmp_path: Path) -> None:
    folder = copy_local(tmp_path)
    edit_cell(folder, "themes.csv", "self-neglect", "Related quadrants", "")
    edit_cell(folder, "themes.csv", "self-neglect", "Related standards", "")
    edit_cell(folder, "themes.csv", "self-neglect", "Partnership ID", "NOBODY")
    problems = refused(sg, db, [folder])
    assert problems == ["themes.csv, sheet Themes, row 2, column 'Partnership ID': 'NOBODY' "
                        "is not a Partnership ID on the Partnerships sheet."]
    edit_cell(folder, "themes.csv", "self-neglect", "Partnership ID", "NSAB")
    problems = refused(sg, db, [folder])
    assert problems == [
        "themes.csv, sheet Themes, row 2, column 'Related quadrants': self-neglect (relates "
        "to): A local theme must relate to at least one quadrant (1 to 4) or practice "
        "standard (1.1 to 6.3) of the framework, and only to those."]


def test_an_undeclared_local_theme_is_an_error_with_the_nearest(sg: Scrgraph, db: Database,
                                                                tmp_path: Path) -> None:
    folder = copy_local(tmp_path)
    edit_cell(folder, "recommendations.csv", "A1-2", "Themes", "self-neglct")
    problems = refused(sg, db, [folder])
    assert problems == [
        "recommendations.csv, sheet Recommendations, row 6, column 'Themes': 'self-neglct' is "
        "not a key theme of the framework, nor a local theme declared on a Themes sheet. Did "
        "you mean 'self-neglect'? The Codes sheet of 'scrgraph template' lists the "
        "framework's; a local theme is declared on the Themes sheet of the same workbook, or "
        "in a file loaded with it."]
    (folder / "themes.csv").unlink()
    edit_cell(folder, "recommendations.csv", "A1-2", "Themes", "information-sharing")
    problems = refused(sg, db, [folder])
    assert len(problems) == 3  # A1-1, A2-1, D1-1 code a theme no one declared
    assert all("is not a key theme of the framework, nor a local theme" in p
               for p in problems)


def test_a_local_theme_declared_only_in_an_earlier_load_is_named_as_such(
        sg: Scrgraph, db: Database, tmp_path: Path) -> None:
    """A load codes only the local themes it declares: a Themes cell naming one the database
    holds from an earlier load is refused, saying which theme it is, who declared it and
    what to do; the undeclared code that the database does not hold keeps the usual error."""
    declared = tmp_path / "declared"
    shutil.copytree(LOCAL, declared)
    sg.load([declared])
    later = copy_local(tmp_path)
    (later / "themes.csv").unlink()
    edit_cell(later, "recommendations.csv", "A1-1", "Themes", "information-sharing")
    edit_cell(later, "recommendations.csv", "A2-1", "Themes", "DV; self-neglct")
    edit_cell(later, "recommendations.csv", "D1-1", "Themes", "domestic-abuse")
    before = db.read("MATCH (n) RETURN count(n) AS n")
    with pytest.raises(ValidationFailed) as failure:
        sg.load([later])
    assert db.read("MATCH (n) RETURN count(n) AS n") == before
    problems = [str(p) for p in failure.value.problems]
    assert problems[0] == (
        "recommendations.csv, sheet Recommendations, row 6, column 'Themes': 'Hoarding' is "
        "the local theme 'self-neglect' (Self-neglect) that NSAB declared in an earlier load, "
        "but this load does not declare it, and a load codes only the local themes it "
        "declares. Add its row to the Themes sheet of this workbook (the Themes sheet of "
        "'scrgraph template --local-themes' holds those the database has), or load the file "
        "that declares it with this one.")
    assert len(problems) == 2 and problems[1].startswith(
        "recommendations.csv, sheet Recommendations, row 7, column 'Themes': 'self-neglct' is "
        "not a key theme of the framework, nor a local theme declared on a Themes sheet.")
    # Validating needs no database, and says what it always said.
    [checked] = [str(p) for p in sg.check([later]).problems if "Hoarding" in str(p)]
    assert "is not a key theme of the framework, nor a local theme" in checked


def test_an_rdf_local_theme_named_like_a_framework_theme_is_refused(
        sg: Scrgraph, db: Database, tmp_path: Path) -> None:
    problems = refused(sg, db, [LOCAL, rdf_theme(tmp_path, label="Domestic violence")])
    assert problems == [
        "nsab-themes.ttl: mental-capacity (label): The name 'Domestic violence' is already a "
        "name of the framework's key theme 'domestic-abuse': a local theme needs a code, "
        "label and aliases of its own. Code the recommendations to 'domestic-abuse', or give "
        "the local theme another name."]
    problems = refused(sg, db, [LOCAL, rdf_theme(tmp_path, related="theme-neglect")])
    assert len(problems) == 1 and problems[0].startswith(
        "nsab-themes.ttl: mental-capacity (relates to): A local theme must relate to at least "
        "one quadrant (1 to 4) or practice standard (1.1 to 6.3)")


# -- the tagger's labelled files --------------------------------------------------------------


def test_a_labelled_file_codes_the_local_themes_declared_beside_it(tmp_path: Path) -> None:
    from scrgraph.tagger.labelled import read_labelled

    folder = copy_local(tmp_path)
    labelled = read_labelled(folder / "recommendations.csv")
    # By code, label or alias, as a load reads them; each row knows whose review it is.
    assert {i.text.removeprefix("Recommendation "): (sorted(i.themes), i.partnerships)
            for i in labelled.items} == {
        "C1-1": (["neglect"], ("NSCP",)), "C1-2": (["domestic-abuse", "neglect"], ("NSCP",)),
        "C2-1": (["neglect"], ("NSCP",)),
        "A1-1": (["information-sharing", "self-neglect"], ("NSAB",)),
        "A1-2": (["self-neglect"], ("NSAB",)),
        "A2-1": (["domestic-abuse", "self-neglect"], ("NSAB",)),
        "A2-2": (["information-sharing"], ("NSAB",)),
        "D1-1": (["domestic-abuse", "self-neglect"], ("NCSP",))}
    themes = tmp_path / "declared.csv"
    (folder / "themes.csv").rename(themes)  # undeclared, a local code is an unknown code
    with pytest.raises(ValidationFailed, match="'self-neglect' is not a code of the "
                       "framework's themes nor a local theme the file declares"):
        read_labelled(folder / "recommendations.csv")
    assert read_labelled(folder / "recommendations.csv", themes) == labelled  # --themes


HOARDING = "Tenancy officers who find hoarding should refer the adult to Adult Social Services."


def test_eval_tagger_scores_a_local_theme_per_code_and_in_the_averages(
        tmp_path: Path) -> None:
    """A tiny labelled set beside a Themes sheet (themes.csv) and a Reviews sheet: the local
    theme's counts are hand-computed (it is suggested by its names alone, score 0.5, and only
    for its partnership's reviews), and the averages count it with the framework's codes."""
    folder = tmp_path / "labelled"
    folder.mkdir()
    for name in ("themes.csv", "reviews.csv"):
        shutil.copy(LOCAL / name, folder / name)
    rows = [("A1", HOARDING, "self-neglect"),                          # suggested: tp
            ("A1", "The Board should publish its annual report.", "self-neglect"),  # fn
            ("C1", HOARDING, ""),               # NSCP's review: not suggested, not labelled
            ("A2", "Agencies should understand self neglect better.", "")]  # fp
    with (folder / "labelled.csv").open("w", encoding="utf-8", newline="") as f:
        f.write("review,text,themes,quadrants,standards\n")
        for review, text, codes in rows:
            f.write(f'{review},"{text}",{codes},,\n')
    result = run_cli("eval-tagger", str(folder / "labelled.csv"), "-f", "json",
                     env=clean_env(SCRGRAPH_HOME=str(tmp_path)))
    assert result.code == 0, result.output
    themes = next(k for k in json.loads(result.stdout)["kinds"] if k["kind"] == "themes")
    by = {c["code"]: c for c in themes["codes"]}
    local = by["self-neglect"]
    assert (local["local"], local["support"], local["true_positives"],
            local["false_positives"], local["false_negatives"]) == (True, 2, 1, 1, 1)
    assert (local["precision"], local["recall"], local["f1"]) == (0.5, 0.5, 0.5)
    tp, fp, fn = (sum(c[k] for c in themes["codes"])
                  for k in ("true_positives", "false_positives", "false_negatives"))
    assert themes["micro_precision"] == pytest.approx(tp / (tp + fp))
    assert themes["micro_recall"] == pytest.approx(tp / (tp + fn))
    supported = [c["f1"] or 0.0 for c in themes["codes"] if c["support"]]
    assert themes["macro_f1"] == pytest.approx(sum(supported) / len(supported))
    assert "self-neglect" in {c for c, row in by.items() if row["support"]}
    table = run_cli("eval-tagger", str(folder / "labelled.csv"),
                    env=clean_env(SCRGRAPH_HOME=str(tmp_path)))
    assert "self-neglect (local theme)" in table.stdout
