"""The network views as data, on the sample, without a browser: every node and edge agrees
with the catalog queries a user can run (``scrgraph query``)."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest

from scrgraph.errors import CatalogError
from scrgraph.facade import Scrgraph
from scrgraph.settings import Settings
from scrgraph.store.db import Database
from scrgraph.viz.model import Filters, NetworkView
from scrgraph.viz.views import agency_accountability, reviews_themes, theme_focus
from tests.conftest import run_cli
from tests.sample import SAMPLE, codes, rows

AS_OF = dt.date(2026, 11, 28)  # the sample's reference date (17 overdue actions)


@pytest.fixture(scope="module")
def sg(session_db: Database, settings: Settings) -> Scrgraph:
    """The sample, loaded once for these read-only tests."""
    session_db.clear()
    facade = Scrgraph(settings, session_db)
    facade.load([SAMPLE])
    return facade


def by_kind(view: NetworkView, kind: str) -> dict[str, object]:
    return {n.id.split(":", 1)[1]: n for n in view.nodes if n.kind == kind}


def well_formed(view: NetworkView) -> None:
    ids = [n.id for n in view.nodes]
    assert len(ids) == len(set(ids)), "node ids are unique"
    for edge in view.edges:
        assert edge.source in ids and edge.target in ids, edge
    counts = Counter(n.kind for n in view.nodes)
    assert view.counts == {**dict(sorted(counts.items())), "edges": len(view.edges)}
    assert {r.id for r in view.reviews} >= {r for n in view.nodes for r in n.evidence}
    for node in view.nodes:  # sizes under a filter add up to the catalog's number
        if node.evidence:
            assert sum(node.evidence.values()) == node.value, node.id
    json.dumps(view.to_dict())  # plain JSON, for the API
    assert view.to_dict() == asdict(view)  # copied without asdict's deep copy, the same


def test_theme_map_sizes_and_links_are_the_catalogs(sg: Scrgraph) -> None:
    view = sg.network("theme-map")
    well_formed(view)
    themes, standards = by_kind(view, "theme"), by_kind(view, "standard")
    # the framework's 13 key themes and the sample's one local theme (self-neglect)
    assert len(themes) == 14 and len(standards) == 23 and len(by_kind(view, "quadrant")) == 4
    recurring = {r["theme"]: r["reviews"]
                 for r in sg.run_query("recurring-themes", {"min_reviews": 1}).rows}
    assert {code: n.value for code, n in themes.items()} == {  # type: ignore[attr-defined]
        code: recurring.get(code, 0) for code in themes}
    coverage = {r["standard"]: r["reviews"] for r in sg.run_query("standards-coverage").rows}
    assert {code: n.value for code, n in standards.items()} == coverage  # type: ignore[attr-defined]
    # The gaps the sample was written with are drawn, at size zero.
    assert [c for c, n in standards.items() if n.value == 0] == ["1.4", "2.3", "5.1"]  # type: ignore[attr-defined]
    pairs = {(e.source, e.target): e for e in view.edges if e.kind == "co-occurs"}
    # The map links themes raised in the same review (so its filters can work by review).
    # Its evidence is every review the pair is shared in, not the query's first max_ids.
    rows = sg.run_query("theme-cooccurrence", {"unit": "review", "max_ids": 0}).rows
    assert len(pairs) == len(rows)
    for row in rows:
        edge = pairs[f"theme:{row['theme_a']}", f"theme:{row['theme_b']}"]
        assert edge.value == row["lift"]
        assert sorted(edge.evidence) == sorted(row["shared_in"])
        assert len(edge.evidence) == row["shared"]
        assert f"lift {row['lift']}" in edge.title
    assert themes["domestic-abuse"].value == 10  # type: ignore[attr-defined]


def test_a_local_theme_is_drawn_as_local_in_every_view(sg: Scrgraph) -> None:
    """The sample's SARs raise self-neglect, a theme NSAB declared beside the framework's:
    each view draws it, never as a key theme, and says who declared it."""
    for view in (sg.network("theme-map"), sg.network("reviews-themes"),
                 sg.network("review", review="NSAB-SAR-2018-01", as_of=AS_OF)):
        well_formed(view)
        node = by_kind(view, "theme")["self-neglect"]
        assert node.group == "theme-local", view.view  # type: ignore[attr-defined]
        assert node.title.startswith(  # type: ignore[attr-defined]
            "Local theme: Self-neglect (declared by NSAB; not one of the framework's key")
        assert "theme-local" in {item.group for item in view.legend}
        keys = [n for n in by_kind(view, "theme").values()
                if n.group != "theme-local"]  # type: ignore[attr-defined]
        assert all(n.title.startswith("Key theme: ") for n in keys)  # type: ignore[attr-defined]
    assert "13 key themes, 1 local theme and 23 practice standards" in sg.network(
        "theme-map").subtitle
    links = {e.source for e in sg.network("reviews-themes").edges
             if e.target == "theme:self-neglect"}
    assert links == {"review:NSAB-SAR-2018-01", "review:NSAB-SAR-2024-01"}
    focus = sg.network("theme", theme="hoarding", as_of=AS_OF)  # an alias NSAB declared
    well_formed(focus)
    assert (focus.focus, focus.title) == ("self-neglect", "Local theme in focus: Self-neglect")
    assert set(by_kind(focus, "review")) == {"NSAB-SAR-2018-01", "NSAB-SAR-2024-01"}
    assert "2 separate reviews and 2 recommendations" in focus.subtitle
    assert ("self-neglect", "Self-neglect (local)") in {(o.value, o.label)
                                                        for o in focus.themes}


def test_reviews_and_themes_link_what_the_codings_say(sg: Scrgraph) -> None:
    view = sg.network("reviews-themes")
    well_formed(view)
    index = sg.run_query("review-index").rows
    reviews = by_kind(view, "review")
    assert {r: n.value for r, n in reviews.items()} == {  # type: ignore[attr-defined]
        r["review"]: r["recommendations"] for r in index}
    recurring = {r["theme"]: r["reviews"]
                 for r in sg.run_query("recurring-themes", {"min_reviews": 1}).rows}
    assert {code: n.value for code, n in by_kind(view, "theme").items()} == {  # type: ignore[attr-defined]
        code: recurring.get(code, 0) for code in by_kind(view, "theme")}
    codings = Counter((r["review"], r["theme"])
                      for r in sg.run_query("projection-theme-codings").rows)
    assert {(e.source, e.target): e.value for e in view.edges} == {
        (f"review:{r}", f"theme:{t}"): n for (r, t), n in codings.items()}
    assert not view.notes


def test_reviews_are_grouped_by_kind_and_year_when_there_are_too_many(sg: Scrgraph) -> None:
    view = reviews_themes(sg, aggregate_above=5)
    well_formed(view)
    groups = by_kind(view, "review-group")
    assert groups and not by_kind(view, "review")
    index = sg.run_query("review-index").rows
    expected = Counter(f"{r['kind']}:{r['year']}" for r in index)
    assert {g: len(n.evidence) for g, n in groups.items()} == expected  # type: ignore[attr-defined]
    assert sum(n.value for n in groups.values()) == sum(  # type: ignore[attr-defined]
        r["recommendations"] for r in index)
    assert "grouped by kind and year" in view.notes[0]


def test_too_many_actions_are_grouped_or_left_out_and_the_page_says_so(sg: Scrgraph) -> None:
    accountability = agency_accountability(sg, AS_OF, max_items=50)
    well_formed(accountability)
    groups = [n for n in accountability.nodes if n.kind == "action-group"]
    assert groups and not by_kind(accountability, "action")
    rows = sg.run_query("agency-accountability", {"as_of": AS_OF}).rows
    assert sum(n.value for n in groups) == sum(r["actions"] for r in rows)
    assert sum(n.value for n in groups if n.marked) == 17
    assert "grouped by status" in accountability.notes[0]
    focus = theme_focus(sg, "domestic-abuse", AS_OF, max_items=50)
    well_formed(focus)
    assert not by_kind(focus, "action") and "68 actions" in focus.notes[0]
    assert "68 actions in response" in focus.subtitle
    full = sg.network("theme", theme="domestic-abuse", as_of=AS_OF)
    sizes = {n.id: n.value for n in full.nodes if n.kind == "agency"}
    assert {n.id: n.value for n in focus.nodes if n.kind == "agency"} == sizes


def test_one_theme_in_focus_by_code_or_label(sg: Scrgraph) -> None:
    view = sg.network("theme", theme="DV", as_of=AS_OF)
    well_formed(view)
    assert view.focus == "domestic-abuse"
    assert view.title == "Key theme in focus: Domestic Abuse"
    detail = sg.run_query("theme-detail", {"theme": "domestic-abuse"}).rows
    assert set(by_kind(view, "recommendation")) == {r["recommendation"] for r in detail}
    assert set(by_kind(view, "review")) == {r["review"] for r in detail}
    assert len(by_kind(view, "review")) == 10
    assert set(by_kind(view, "standard")) == {s for r in detail for s in r["standards"]}
    assert set(by_kind(view, "agency")) == {
        a for r in detail for a in r["directed_at"] + r["action_owners"]}
    network = sg.run_query("recommendation-network", {"theme": "domestic-abuse"}).rows
    assert set(by_kind(view, "action")) == {a["id"] for r in network for a in r["actions"]}
    assert "10 separate reviews and 57 recommendations" in view.subtitle
    # Sizes: a review by its recommendations on the theme (and the edge from the theme to it),
    # a standard by the recommendations mapping to it, an agency by the recommendations
    # directed at it and the actions it owns.
    made = Counter(r["review"] for r in network)
    assert {k: n.value for k, n in by_kind(view, "review").items()} == made  # type: ignore[attr-defined]
    assert {e.target.split(":", 1)[1]: e.value for e in view.edges
            if e.kind == "raised-by"} == made
    assert {k: n.value for k, n in by_kind(view, "standard").items()} == Counter(  # type: ignore[attr-defined]
        s for r in network for s in set(r["standards"]))
    assert {k: n.value for k, n in by_kind(view, "agency").items()} == Counter(  # type: ignore[attr-defined]
        [a for r in network for a in set(r["agencies"])]
        + [a["owner"] for r in network for a in r["actions"] if a["owner"]])


def test_one_review_in_focus(sg: Scrgraph) -> None:
    view = sg.network("review", review="child k", as_of=AS_OF)  # a title, any case
    well_formed(view)
    assert view.focus == "NSCP-SCR-2014-01"
    profile = sg.run_query("review-profile", {"review": "NSCP-SCR-2014-01"}).rows
    assert set(by_kind(view, "recommendation")) == {r["recommendation"] for r in profile}
    assert set(by_kind(view, "action")) == {a["id"] for r in profile for a in r["actions"]}
    assert set(by_kind(view, "theme")) == {t for r in profile for t in r["themes"]}
    assert set(by_kind(view, "standard")) == {s for r in profile for s in r["standards"]}
    recs = by_kind(view, "recommendation")
    for row in profile:  # the full text is on hover
        assert row["text"] in recs[row["recommendation"]].title  # type: ignore[attr-defined]


def test_agency_accountability_counts_and_overdue_marks(sg: Scrgraph) -> None:
    view = sg.network("agency-accountability", as_of=AS_OF)
    well_formed(view)
    rows = sg.run_query("agency-accountability", {"as_of": AS_OF}).rows
    agencies = by_kind(view, "agency")
    assert {a: n.value for a, n in agencies.items()} == {  # type: ignore[attr-defined]
        r["agency"]: r["actions"] for r in rows}
    owner = {e.source: e.target for e in view.edges if e.kind == "owned-by"}
    actions = [n for n in view.nodes if n.kind == "action"]
    assert Counter(owner[n.id] for n in actions) == Counter(
        {f"agency:{r['agency']}": r["actions"] for r in rows if r["actions"]})
    assert Counter(owner[n.id] for n in actions if n.marked) == Counter(
        {f"agency:{r['agency']}": r["overdue"] for r in rows if r["overdue"]})
    assert sum(n.marked for n in actions) == 17
    assert "17 overdue as of 2026-11-28" in view.subtitle


def test_filters_preset_for_the_page(sg: Scrgraph) -> None:
    view = sg.network("theme-map", theme="Domestic Abuse",
                      filters=Filters(kind="SCR", quadrant="2", year_from=2014))
    assert view.filters == Filters(kind="SCR", quadrant="2", year_from=2014,
                                   theme="domestic-abuse")
    keywords = sg.network("theme-map", theme="DV", kind="SCR", quadrant="2", year_from=2014)
    assert keywords.filters == view.filters


@pytest.mark.parametrize(("view", "options", "message"), [
    ("theme", {"theme": "domestic abse"}, "Did you mean 'domestic-abuse'?"),
    ("theme", {}, "needs a theme"),
    ("review", {"review": "NSCP-SCR-2014-1"}, "Did you mean 'NSCP-SCR-2014-01'?"),
    ("thememap", {}, "Did you mean 'theme-map'?"),
    ("theme-map", {"filters": Filters(kind="XYZ")}, "the kinds are: DHR, LCSPR, SAR, SCR"),
    ("theme-map", {"filters": Filters(quadrant="7")}, "There is no quadrant '7'"),
])
def test_unknown_names_get_a_clear_error_with_a_suggestion(
        sg: Scrgraph, view: str, options: dict[str, object], message: str) -> None:
    with pytest.raises(CatalogError, match=message.replace("(", r"\(").replace("?", r"\?")):
        sg.network(view, **options)  # type: ignore[arg-type]


def test_cli_writes_the_page_and_explains_an_unknown_theme(
        sg: Scrgraph, cli_env: dict[str, str], tmp_path: Path) -> None:
    result = run_cli("viz", "theme", "--theme", "domestic-abuse", env=cli_env, cwd=tmp_path)
    assert result.code == 0, result.output
    page = tmp_path / "scrgraph-out" / "theme-domestic-abuse.html"
    assert page.is_file() and str(page.relative_to(tmp_path)) in result.stdout
    html = page.read_text(encoding="utf-8")
    assert "Key theme in focus: Domestic Abuse" in html
    assert "<script src" not in html and "<link" not in html  # everything inline
    result = run_cli("viz", "theme", "--theme", "domestic abse", "--out",
                     str(tmp_path / "x.html"), env=cli_env)
    assert result.code == 1
    assert "Did you mean 'domestic-abuse'?" in result.stderr
    assert "Traceback" not in result.output and not (tmp_path / "x.html").exists()


# -- the views' own counting queries: the sample's files recounted here, and the numbers the
# views used to gather from every recommendation (recommendation-network) ------------------

def _by_review(row: dict[str, Any], total: str) -> dict[str, int]:
    """A row's reviews with their counts; its totals must be theirs."""
    assert row["in_reviews"] == sorted(row["in_reviews"])
    assert row.get("reviews", len(row["in_reviews"])) == len(row["in_reviews"])
    assert sum(row["per_review"]) == row[total]
    return dict(zip(row["in_reviews"], row["per_review"], strict=True))


def _recommendations() -> dict[str, dict[str, Any]]:
    """The sample's recommendations with their codes, from its CSV file."""
    return {r["Recommendation ID"]: {"review": r["Review ID"], "themes": codes(r["Themes"]),
                                     "standards": codes(r["Standards"])}
            for r in rows("recommendations.csv")}


def _counted(items: dict[Any, Counter[str]]) -> dict[Any, dict[str, int]]:
    return {key: dict(sorted(by_review.items())) for key, by_review in items.items()}


def test_coding_reviews_recounts_the_samples_codings(sg: Scrgraph) -> None:
    found = sg.run_query("coding-reviews").rows
    got = {(r["item"], r["code"]): _by_review(r, "recommendations") for r in found}
    expected: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for rec in _recommendations().values():
        for item in ("theme", "standard"):
            for code in rec[f"{item}s"]:
                expected[item, code][rec["review"]] += 1
    assert got == _counted(expected)
    assert [(r["item"], r["code"]) for r in found] == sorted(got, key=lambda k: (k[0] != "theme",
                                                                                  k[1]))
    # what the theme map counted from every recommendation before
    old: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for row in sg.run_query("recommendation-network").rows:
        for item in ("theme", "standard"):
            for code in row[f"{item}s"]:
                old[item, code][row["review"]] += 1
    assert got == _counted(old)
    # and what the reviews-and-themes view counted from every coding
    codings = Counter((r["theme"], r["review"])
                      for r in sg.run_query("projection-theme-codings").rows)
    themes = sg.run_query("coding-reviews", {"item": "theme"}).rows
    assert themes == [r for r in found if r["item"] == "theme"]
    assert {(r["code"], review): n for r in themes
            for review, n in _by_review(r, "recommendations").items()} == dict(codings)
    assert sg.run_query("coding-reviews", {"item": "standard"}).rows == [
        r for r in found if r["item"] == "standard"]
    recurring = {r["theme"]: (r["reviews"], r["recommendations"])
                 for r in sg.run_query("recurring-themes", {"min_reviews": 1}).rows}
    assert {r["code"]: (r["reviews"], r["recommendations"]) for r in themes} == recurring
    coverage = {r["standard"]: (r["reviews"], r["recommendations"])
                for r in sg.run_query("standards-coverage").rows if r["recommendations"]}
    assert {r["code"]: (r["reviews"], r["recommendations"]) for r in found
            if r["item"] == "standard"} == coverage


def test_theme_standard_reviews_recounts_the_samples_codings(sg: Scrgraph) -> None:
    found = sg.run_query("theme-standard-reviews").rows
    got = {(r["theme"], r["standard"]): _by_review(r, "recommendations") for r in found}
    expected: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for rec in _recommendations().values():
        for theme in rec["themes"]:
            for standard in rec["standards"]:
                expected[theme, standard][rec["review"]] += 1
    assert got == _counted(expected) and list(got) == sorted(got)
    fw = sg.framework()
    assert all(r["quadrant"] == fw.standard(r["standard"]).quadrant for r in found)
    old: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for row in sg.run_query("recommendation-network").rows:
        for theme in row["themes"]:
            for standard in row["standards"]:
                old[theme, standard][row["review"]] += 1
    assert got == _counted(old)
    edges = {(e.source, e.target): e for e in sg.network("theme-map").edges
             if e.kind == "coded-with"}
    assert {(f"theme:{t}", f"standard:{s}"): (sum(ev.values()), ev)
            for (t, s), ev in got.items()} == {k: (e.value, e.evidence) for k, e in edges.items()}


def test_agency_action_groups_recount_the_samples_actions(sg: Scrgraph) -> None:
    found = sg.run_query("agency-action-groups", {"as_of": AS_OF}).rows
    got = {(r["agency"], r["status"], r["overdue"]): (_by_review(r, "actions"), r["themes"],
                                                     r["quadrants"]) for r in found}
    recs, fw = _recommendations(), sg.framework()
    counts: dict[tuple[str, str, bool], Counter[str]] = defaultdict(Counter)
    themes: dict[tuple[str, str, bool], set[str]] = defaultdict(set)
    quadrants: dict[tuple[str, str, bool], set[str]] = defaultdict(set)
    first: dict[tuple[str, str, bool], str] = {}
    for action in rows("actions.csv"):
        rec = recs[action["Recommendation ID"]]
        late = action["Status"] in ("open", "in-progress") and bool(action["Due"]) and \
            dt.date.fromisoformat(action["Due"]) < AS_OF
        key = (action["Owner"], action["Status"], late)
        counts[key][rec["review"]] += 1
        themes[key].update(rec["themes"])
        quadrants[key].update(fw.standard(s).quadrant for s in rec["standards"])
        first[key] = min(first.get(key, action["Action ID"]), action["Action ID"])
    assert got == {key: (dict(sorted(c.items())), sorted(themes[key]), sorted(quadrants[key]))
                   for key, c in counts.items()}
    assert sum(late for _, _, late in got) > 0 and sum(not late for _, _, late in got) > 0
    assert list(got) == sorted(got, key=lambda k: (k[0], k[1], first[k]))
    assert sum(r["actions"] for r in found if r["overdue"]) == 17
    # what the agency view counted from every recommendation's actions before
    old: dict[tuple[str, str, bool], Counter[str]] = defaultdict(Counter)
    for row in sg.run_query("recommendation-network").rows:
        for action in row["actions"]:
            late = action["status"] in ("open", "in-progress") and action["due"] < AS_OF
            old[action["owner"], action["status"], late][row["review"]] += 1
    assert {k: v[0] for k, v in got.items()} == _counted(old)


def test_a_theme_with_too_many_recommendations_opens_on_its_latest_years(sg: Scrgraph) -> None:
    # A national corpus's theme in focus has thousands of recommendations (drawn all at once,
    # a grey disc): the page opens on the latest years that keep it within the limit, the
    # earlier ones a filter away. Here with a limit of 20 of the sample's 57.
    from scrgraph.viz.views import _opening_years

    view = sg.network("theme", theme="domestic-abuse", as_of=AS_OF)
    years = {r.id: r.year for r in view.reviews}
    per_year = Counter(years[review] for n in view.nodes if n.kind == "recommendation"
                       for review in n.evidence)
    opened, filters = _opening_years(view, most=20)
    assert filters is not None and filters.year_from is not None
    start = filters.year_from
    shown = sum(n for year, n in per_year.items() if year >= start)
    earlier = [year for year in per_year if year < start]
    assert shown <= 20 or start == max(per_year)
    assert earlier and shown + per_year[max(earlier)] > 20  # one more year would be too many
    assert opened.notes[-1] == (
        f"57 recommendations are too many to read at once: the page opens on the {shown} from "
        f"reviews published in {start} or later. Change the years, or another filter, to see "
        "the others ('Show everything' draws them all).")
    assert opened.nodes == view.nodes  # everything is still on the page
    assert _opening_years(view, most=57) == (view, None)
    assert view.filters == Filters()  # within the limit: opens on everything
