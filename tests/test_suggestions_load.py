"""The tagger's suggestions stored at load, and analysts' decisions on them, against a real
Neo4j: stored only for uncoded recommendations, never as codings, no duplicates on reload,
dropped once the analyst codes the row, accepted (who, when) or rejected (remembered)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from scrgraph.errors import CatalogError
from scrgraph.facade import Scrgraph
from scrgraph.settings import Settings
from scrgraph.store.db import Database
from tests.conftest import run_cli
from tests.sample import SAMPLE, codes, copy_sample, edit_cell, rows, write_rows

TEXT = ("Children's Services should audit 20 neglect cases by March 2024, including how "
        "domestic abuse was recognised, and report the findings to the Board.")
ROLE = "M&E officer"
DAY = dt.date(2026, 11, 30)

SUGGESTED = ("MATCH (rec:Recommendation {id: $id})-[s:SUGGESTS_THEME|SUGGESTS_STANDARD]->(c) "
             "RETURN type(s) AS type, c.code AS code, properties(s) AS props ORDER BY code")


def _coded_row() -> dict[str, str]:
    return next(r for r in rows("recommendations.csv") if r["Themes"] and r["Standards"])


def _uncoded_copy(tmp_path: Path) -> tuple[Path, str]:
    """The review of one coded recommendation of the sample (a small load), with that
    recommendation made uncoded and its text set to TEXT."""
    row = _coded_row()
    folder = copy_sample(tmp_path, reviews={row["Review ID"]})
    rec = row["Recommendation ID"]
    for column, value in (("Themes", ""), ("Standards", ""), ("Recommendation", TEXT)):
        edit_cell(folder, "recommendations.csv", rec, column, value)
    return folder, rec


def _suggested(db: Database, rec: str) -> list[dict[str, Any]]:
    return db.read(SUGGESTED, {"id": rec})


def test_suggestions_are_stored_for_an_uncoded_row_only(db: Database, settings: Settings,
                                                        tmp_path: Path) -> None:
    folder, rec = _uncoded_copy(tmp_path)
    sg = Scrgraph(settings, db)
    report = sg.load([folder])
    expected = sg.tag(TEXT)  # the tagger on its own, offline
    found = _suggested(db, rec)
    assert {(f["type"], f["code"]) for f in found} == {
        *(("SUGGESTS_THEME", s.code) for s in expected.themes),
        *(("SUGGESTS_STANDARD", s.code) for s in expected.standards)}
    assert {f["code"] for f in found} >= {"neglect", "domestic-abuse"}
    scores = {s.code: s.score for s in (*expected.themes, *expected.standards)}
    for f in found:
        props = f["props"]
        assert props["score"] == pytest.approx(scores[f["code"]])
        assert props["modelVersion"] == expected.model_version
        assert props["assignedBy"] == "scrgraph tag suggester"
        assert props["accepted"] is False
        assert props["assignedAt"].to_native() == dt.datetime.now(dt.UTC).date()
        assert props["evidence"]
    neglect = next(f["props"] for f in found if f["code"] == "neglect")
    assert "'neglect'" in neglect["evidence"]  # the phrase of the text that names it
    # The coded rows got none: only the sample's uncoded rows and this one have suggestions.
    uncoded = {r["Recommendation ID"] for r in rows("recommendations.csv")
               if not r["Themes"] and not r["Standards"]} | {rec}
    with_suggestions = {r["id"] for r in db.read(
        "MATCH (r:Recommendation)-[:SUGGESTS_THEME|SUGGESTS_STANDARD]->() "
        "RETURN DISTINCT r.id AS id")}
    assert with_suggestions <= uncoded and rec in with_suggestions
    assert report.suggested == db.read(
        "MATCH ()-[s:SUGGESTS_THEME|SUGGESTS_STANDARD]->() RETURN count(s) AS n")[0]["n"]
    # Never a coding: the row has no HAS_THEME or MAPS_TO.
    assert db.read("MATCH (:Recommendation {id: $id})-[c:HAS_THEME|MAPS_TO]->() "
                   "RETURN count(c) AS n", {"id": rec}) == [{"n": 0}]


def test_a_reload_changes_nothing_and_duplicates_nothing(db: Database, settings: Settings,
                                                         tmp_path: Path) -> None:
    folder, rec = _uncoded_copy(tmp_path)
    sg = Scrgraph(settings, db)
    sg.load([folder])
    before = _suggested(db, rec)
    again = sg.load([folder])
    assert not again.summary.wrote_anything
    assert _suggested(db, rec) == before
    assert db.read("MATCH (r:Recommendation)-[s]->(c) WITH r, c, type(s) AS t, count(*) AS n "
                   "WHERE n > 1 RETURN count(*) AS duplicates") == [{"duplicates": 0}]


def test_coding_the_row_and_reloading_drops_its_suggestions(
        db: Database, settings: Settings, tmp_path: Path) -> None:
    folder, rec = _uncoded_copy(tmp_path)
    sg = Scrgraph(settings, db)
    sg.load([folder])
    assert _suggested(db, rec)
    edit_cell(folder, "recommendations.csv", rec, "Themes", "neglect")
    sg.load([folder])
    assert _suggested(db, rec) == []
    assert db.read("MATCH (:Recommendation {id: $id})-[:HAS_THEME]->(t) RETURN t.code AS t",
                   {"id": rec}) == [{"t": "neglect"}]


def _theme_recommendations(sg: Scrgraph, theme: str) -> int:
    found = {r["theme"]: r["recommendations"]
             for r in sg.run_query("recurring-themes", {"min_reviews": 1}).rows}
    return int(found.get(theme, 0))


def test_accept_records_who_and_when_and_then_counts(db: Database, settings: Settings,
                                                     tmp_path: Path) -> None:
    folder, rec = _uncoded_copy(tmp_path)
    sg = Scrgraph(settings, db)
    sg.load([folder])
    before = _theme_recommendations(sg, "neglect")
    decision = sg.accept_suggestion(rec, "Neglect", f" {ROLE} ", on=DAY)  # a label resolves
    assert (decision.code, decision.kind, decision.decision, decision.by, decision.on) == (
        "neglect", "theme", "accepted", ROLE, DAY)
    [coding] = db.read("MATCH (:Recommendation {id: $id})-[c:HAS_THEME]->(:Theme "
                       "{code: 'neglect'}) RETURN properties(c) AS c", {"id": rec})
    assert coding["c"]["assignedBy"] == ROLE and coding["c"]["accepted"] is True
    assert coding["c"]["assignedAt"].to_native() == DAY
    assert coding["c"]["modelVersion"] and coding["c"]["score"] > 0
    assert "neglect" not in {f["code"] for f in _suggested(db, rec)}
    assert _theme_recommendations(sg, "neglect") == before + 1
    # A reload of the same source keeps the coding (and changes nothing).
    assert not sg.load([folder]).summary.wrote_anything
    assert db.read("MATCH (:Recommendation {id: $id})-[c:HAS_THEME]->(t) "
                   "RETURN t.code AS t, c.assignedBy AS by", {"id": rec}) == [
        {"t": "neglect", "by": ROLE}]
    # Accepting it again: nothing awaits a decision any more.
    with pytest.raises(CatalogError, match="no suggestion of neglect"):
        sg.accept_suggestion(rec, "neglect", ROLE)


def test_an_accept_between_a_loads_read_and_its_write_is_not_lost(
        db: Database, settings: Settings, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A load reads the decisions on suggested codes, validates, then writes; an analyst who
    accepts a suggestion in between (another process, its own transaction) must not see the
    load put the suggestion back over the coding."""
    folder, rec = _uncoded_copy(tmp_path)
    sg = Scrgraph(settings, db)
    sg.load([folder])
    reads = accept_after_the_first_read(monkeypatch, settings, db, rec, "neglect")
    sg.load([folder])
    assert db.read("MATCH (:Recommendation {id: $id})-[c:HAS_THEME]->(t) "
                   "RETURN t.code AS t, c.assignedBy AS by", {"id": rec}) == [
        {"t": "neglect", "by": ROLE}]
    assert len(reads) == 2  # the load saw the change under its locks and prepared again
    assert "neglect" not in {f["code"] for f in _suggested(db, rec)}


def accept_after_the_first_read(monkeypatch: pytest.MonkeyPatch, settings: Settings,
                                db: Database, rec: str, code: str) -> list[int]:
    """An analyst accepts ``code`` for ``rec`` (another facade, its own transaction) right
    after a load's first read of the decisions, before its write; returns how many rows each
    of the loads' reads before a transaction found."""
    from scrgraph.store import loads

    read = loads._held_rows
    reads: list[int] = []

    def read_then_someone_accepts(database: Database, iris: list[str],
                                  tx: Any = None) -> list[dict[str, Any]]:
        rows = read(database, iris, tx)
        if tx is None:
            reads.append(len(rows))
            if len(reads) == 1:  # the first time only: the analyst is quick once
                Scrgraph(settings, db).accept_suggestion(rec, code, ROLE, on=DAY)
        return rows

    monkeypatch.setattr(loads, "_held_rows", read_then_someone_accepts)
    return reads


def test_a_rejection_is_remembered_across_reloads(db: Database, settings: Settings,
                                                  tmp_path: Path) -> None:
    folder, rec = _uncoded_copy(tmp_path)
    sg = Scrgraph(settings, db)
    sg.load([folder])
    standard = next(f["code"] for f in _suggested(db, rec) if f["type"] == "SUGGESTS_STANDARD")
    sg.reject_suggestion(rec, standard, ROLE, on=DAY)
    kept = db.read("MATCH (:Recommendation {id: $id})-[x:REJECTED_STANDARD]->(s) "
                   "RETURN s.code AS code, x.assignedBy AS by, x.assignedAt AS on",
                   {"id": rec})
    assert [(k["code"], k["by"], k["on"].to_native()) for k in kept] == [
        (standard, ROLE, DAY)]
    assert standard not in {f["code"] for f in _suggested(db, rec)}
    assert not sg.load([folder]).summary.wrote_anything
    assert standard not in {f["code"] for f in _suggested(db, rec)}
    assert len(db.read("MATCH (:Recommendation {id: $id})-[:REJECTED_STANDARD]->() RETURN 1",
                       {"id": rec})) == 1
    # Rejections and suggestions never count as codings.
    rows_ = sg.run_query("standards-coverage").rows
    assert rows_ == Scrgraph(settings, db).run_query("standards-coverage").rows


def test_unknown_recommendation_or_code_names_the_nearest(db: Database, settings: Settings,
                                                          tmp_path: Path) -> None:
    folder, rec = _uncoded_copy(tmp_path)
    sg = Scrgraph(settings, db)
    sg.load([folder])
    with pytest.raises(CatalogError, match=f"Did you mean '{rec}'"):
        sg.accept_suggestion(rec[:-1] + "x", "neglect", ROLE)
    with pytest.raises(CatalogError, match="Did you mean 'neglect'"):
        sg.accept_suggestion(rec, "neglectt", ROLE)
    coded = _coded_row()["Recommendation ID"]
    other = next(r["Recommendation ID"] for r in rows("recommendations.csv")
                 if r["Themes"] and r["Recommendation ID"] != coded)
    with pytest.raises(CatalogError, match="no suggestions awaiting a decision"):
        sg.reject_suggestion(other, "neglect", ROLE)
    with pytest.raises(CatalogError, match="a role"):
        sg.reject_suggestion(rec, "neglect", "  ")


def test_no_suggest_stores_none(db: Database, settings: Settings, tmp_path: Path,
                                cli_env: dict[str, str]) -> None:
    folder, rec = _uncoded_copy(tmp_path)
    result = run_cli("load", "--no-suggest", str(folder), env=cli_env)
    assert result.code == 0, result.output
    assert "suggested" not in result.stdout
    assert db.read("MATCH ()-[s:SUGGESTS_THEME|SUGGESTS_STANDARD]->() "
                   "RETURN count(s) AS n") == [{"n": 0}]
    db.clear()
    Scrgraph(settings, db).load([folder], suggest=False)
    assert _suggested(db, rec) == []


def test_cli_lists_accepts_and_rejects(db: Database, tmp_path: Path,
                                       cli_env: dict[str, str]) -> None:
    folder, rec = _uncoded_copy(tmp_path)
    loaded = run_cli("load", str(folder), env=cli_env)
    assert loaded.code == 0 and "The tagger suggested" in loaded.stdout, loaded.output
    review = next(r["Review ID"] for r in rows("recommendations.csv", folder)
                  if r["Recommendation ID"] == rec)
    listed = run_cli("suggestions", "list", "--review", review, "-f", "csv", env=cli_env)
    assert listed.code == 0, listed.output
    assert f"{rec}," in listed.stdout and ",neglect," in listed.stdout
    one = run_cli("suggestions", "list", "--kind", "theme", "--code", "Neglect", "-f", "csv",
                  env=cli_env)
    assert one.code == 0, one.output
    body = one.stdout.strip().splitlines()[1:]
    assert body and all(",neglect," in line and ",theme," in line for line in body)
    accepted = run_cli("suggestions", "accept", rec, "neglect", "--by", ROLE, env=cli_env)
    assert accepted.code == 0, accepted.output
    assert f"{rec} is now coded to theme neglect (accepted by {ROLE} on" in accepted.stdout
    rejected = run_cli("suggestions", "reject", rec, "domestic-abuse", "--by", ROLE,
                       env=cli_env)
    assert rejected.code == 0, rejected.output
    unknown = run_cli("suggestions", "accept", rec, "domestic abse", "--by", ROLE,
                      env=cli_env)
    assert unknown.code == 1 and "Did you mean 'domestic-abuse'" in unknown.output
    assert "Traceback" not in unknown.output
    listed = run_cli("suggestions", "list", "--review", review, "-f", "csv", env=cli_env)
    assert ",neglect," not in listed.stdout and ",domestic-abuse," not in listed.stdout


# -- the catalog query, against an independent recomputation ---------------------------------

def _expected(sg: Scrgraph, min_score: float = 0.0,
              review: str | None = None) -> list[tuple[Any, ...]]:
    """What suggestions-awaiting-decision should list on the sample, from the sample's CSV
    and the tagger alone: every code ``scrgraph tag`` suggests for each uncoded row."""
    out = []
    for row in rows("recommendations.csv"):
        if codes(row["Themes"]) or codes(row["Standards"]):
            continue
        if review is not None and row["Review ID"] != review:
            continue
        tagged = sg.tag(row["Recommendation"])
        for kind, found in (("theme", tagged.themes), ("standard", tagged.standards)):
            out += [(row["Recommendation ID"], row["Review ID"], s.code, kind, s.score,
                     tagged.model_version) for s in found if s.score >= min_score]
    return sorted(out)


def _listed(sg: Scrgraph, **params: Any) -> list[tuple[Any, ...]]:
    rows_ = sg.run_query("suggestions-awaiting-decision", params).rows
    for r in rows_:
        assert r["evidence"] and r["suggested_at"] == dt.datetime.now(dt.UTC).date()
    return sorted((r["recommendation"], r["review"], r["code"], r["kind"], r["score"],
                   r["model_version"]) for r in rows_)


def test_suggestions_awaiting_decision_against_a_recomputation(
        db: Database, settings: Settings) -> None:
    sg = Scrgraph(settings, db)
    sg.load([SAMPLE])
    expected = _expected(sg)
    assert len({e[0] for e in expected}) >= 3  # the sample's uncoded rows have suggestions
    assert _listed(sg) == expected
    assert _listed(sg, min_score=0.6) == _expected(sg, min_score=0.6)
    assert 0 < len(_expected(sg, min_score=0.6)) < len(expected)
    review = expected[0][1]
    assert _listed(sg, review=review) == _expected(sg, review=review)
    themes = _listed(sg, code_kind="theme")
    assert themes == [e for e in expected if e[3] == "theme"] and themes
    # One code: a theme by its label, a standard by its code (each kind only its own).
    theme = themes[0][2]
    label = sg.framework().theme(theme).label
    assert _listed(sg, theme=label) == [e for e in expected if e[2:4] == (theme, "theme")]
    standard = next(e[2] for e in expected if e[3] == "standard")
    by_standard = [e for e in expected if e[2:4] == (standard, "standard")]
    assert _listed(sg, standard=standard) == by_standard
    assert sorted((r["recommendation"], r["review"], r["code"], r["kind"], r["score"],
                   r["model_version"]) for r in sg.suggestions(code=standard).rows) == \
        by_standard
    assert [r["code"] for r in sg.suggestions(code=label).rows] == [theme] * len(
        [e for e in expected if e[2] == theme])
    with pytest.raises(CatalogError, match="Did you mean 'neglect'"):
        sg.suggestions(code="neglekt")
    # A decision takes a suggestion off the list, and nothing else.
    rec, _, code, *_ = expected[0]
    sg.reject_suggestion(rec, code, ROLE)
    assert _listed(sg) == [e for e in expected if e[:3] != (rec, expected[0][1], code)]
    assert sg.suggestions().rows == sg.run_query("suggestions-awaiting-decision").rows


def test_no_other_query_counts_suggestions_or_rejections(db: Database,
                                                          settings: Settings) -> None:
    """Every catalog query gives the same rows on the sample loaded with and without the
    tagger's suggestions (one of them rejected): suggestions are never codings."""
    sg = Scrgraph(settings, db)
    sg.load([SAMPLE], suggest=False)
    skip = {"suggestions-awaiting-decision"}
    without = {q.name: sg.run_query(q.name, q.example).rows for q in sg.catalog
               if q.name not in skip}
    db.clear()
    sg.load([SAMPLE])
    first = sg.suggestions().rows[0]
    sg.reject_suggestion(first["recommendation"], first["code"], ROLE)
    assert len(sg.suggestions().rows) > 1  # some left awaiting a decision
    for name, found in without.items():
        assert sg.run_query(name, sg.query(name).example).rows == found, name


def test_export_and_reload_keep_accepted_codings_and_rejections(
        db: Database, settings: Settings, tmp_path: Path) -> None:
    folder, rec = _uncoded_copy(tmp_path)
    sg = Scrgraph(settings, db)
    sg.load([folder])
    sg.accept_suggestion(rec, "neglect", ROLE, on=DAY)
    rejected = next(f["code"] for f in _suggested(db, rec) if f["type"] == "SUGGESTS_STANDARD")
    sg.reject_suggestion(rec, rejected, ROLE, on=DAY)
    ttl = sg.export("turtle", tmp_path / "out.ttl").paths[0]
    csv_folder = sg.export("csv", tmp_path / "csv").paths[0].parent
    for exported in (ttl, csv_folder):
        db.clear()
        sg.load([exported])
        assert db.read("MATCH (:Recommendation {id: $id})-[c:HAS_THEME]->(t) "
                       "RETURN t.code AS t, c.assignedBy AS by, c.assignedAt AS on",
                       {"id": rec}) == [{"t": "neglect", "by": ROLE, "on": DAY}]
        # the row is coded now: no suggestions for it
        assert _suggested(db, rec) == []
        held = db.read("MATCH (:Recommendation {id: $id})-[x:REJECTED_STANDARD]->(s) "
                       "RETURN s.code AS code, x.assignedBy AS by", {"id": rec})
        assert held == ([{"code": rejected, "by": ROLE}] if exported == ttl else [])


def test_a_decision_the_shapes_refuse_stops_the_reload(db: Database, settings: Settings,
                                                       tmp_path: Path) -> None:
    """Decisions carried from the graph into a reload pass the same SHACL gate: one edited
    by hand into something the shapes refuse stops the load, and nothing is written."""
    from scrgraph.errors import ValidationFailed

    folder, rec = _uncoded_copy(tmp_path)
    sg = Scrgraph(settings, db)
    sg.load([folder])
    code = next(f["code"] for f in _suggested(db, rec) if f["type"] == "SUGGESTS_STANDARD")
    sg.reject_suggestion(rec, code, ROLE, on=DAY)
    db.write(lambda tx: tx.run("MATCH ()-[x:REJECTED_STANDARD]->() SET x.score = 1.5"
                               ).consume())
    edit_cell(folder, "recommendations.csv", rec, "Number", "99")
    with pytest.raises(ValidationFailed) as failed:
        sg.load([folder])
    assert "score must be one number from 0 to 1" in str(failed.value.problems[0])
    assert f"coding of {rec}" in str(failed.value.problems[0])
    assert db.read("MATCH (r:Recommendation {id: $id}) RETURN r.number AS n",
                   {"id": rec}) != [{"n": "99"}]


# -- local themes ------------------------------------------------------------------------------

HOARDING = ("District council housing services should ensure that tenancy officers who find "
            "hoarding refer the adult to Adult Social Services.")


def test_a_local_theme_is_suggested_for_its_partnerships_reviews_only(
        db: Database, settings: Settings, tmp_path: Path) -> None:
    """The sample's NSAB declares self-neglect (aliases Self neglect, Hoarding): an uncoded
    recommendation of an NSAB review naming one gets it suggested, with the phrase; the same
    text in a children's partnership's review does not. Accepting and rejecting work on it."""
    sar, scr = "NSAB-SAR-2018-01", "NSCP-SCR-2014-02"
    folder = copy_sample(tmp_path, reviews={sar, scr})
    recs = {review: next(r["Recommendation ID"] for r in rows("recommendations.csv", folder)
                         if r["Review ID"] == review) for review in (sar, scr)}
    for rec in recs.values():
        for column, value in (("Themes", ""), ("Standards", ""), ("Recommendation", HOARDING)):
            edit_cell(folder, "recommendations.csv", rec, column, value)
    sg = Scrgraph(settings, db)
    sg.load([folder])
    found = {f["code"]: f for f in _suggested(db, recs[sar])}
    assert found["self-neglect"]["type"] == "SUGGESTS_THEME"
    assert "'hoarding'" in found["self-neglect"]["props"]["evidence"]
    assert found["self-neglect"]["props"]["score"] == pytest.approx(0.5)  # an alias alone
    [target] = db.read("MATCH (:Recommendation {id: $id})-[:SUGGESTS_THEME]->(t {code: "
                       "'self-neglect'}) RETURN t.scope AS scope", {"id": recs[sar]})
    assert target == {"scope": "local"}
    assert "self-neglect" not in {f["code"] for f in _suggested(db, recs[scr])}
    listed = {(r["recommendation"], r["code"]): r for r in sg.suggestions(review=sar).rows}
    assert listed[(recs[sar], "self-neglect")]["scope"] == "local"
    assert {r["scope"] for k, r in listed.items() if k[1] != "self-neglect"} <= {
        "framework", None}  # framework themes, and standards (no scope)
    assert [r["code"] for r in sg.suggestions(code="Hoarding").rows] == ["self-neglect"]
    # Accepted by its alias: the analyst's coding, counted as the local theme.
    decision = sg.accept_suggestion(recs[sar], "Hoarding", ROLE, on=DAY)
    assert (decision.code, decision.kind) == ("self-neglect", "theme")
    assert db.read("MATCH (:Recommendation {id: $id})-[c:HAS_THEME]->(t) RETURN t.code AS t, "
                   "t.scope AS scope, c.assignedBy AS by", {"id": recs[sar]}) == [
        {"t": "self-neglect", "scope": "local", "by": ROLE}]
    assert not sg.load([folder]).summary.wrote_anything  # a reload keeps it
    # Rejected on another recommendation of the review: remembered across a reload.
    other = next(r["Recommendation ID"] for r in rows("recommendations.csv", folder)
                 if r["Review ID"] == sar and r["Recommendation ID"] != recs[sar])
    for column, value in (("Themes", ""), ("Standards", ""), ("Recommendation", HOARDING)):
        edit_cell(folder, "recommendations.csv", other, column, value)
    sg.load([folder])
    assert "self-neglect" in {f["code"] for f in _suggested(db, other)}
    sg.reject_suggestion(other, "self-neglect", ROLE, on=DAY)
    sg.load([folder])
    assert "self-neglect" not in {f["code"] for f in _suggested(db, other)}
    assert db.read("MATCH (:Recommendation {id: $id})-[:REJECTED_THEME]->(t) "
                   "RETURN t.code AS t", {"id": other}) == [{"t": "self-neglect"}]


def _later_workbook(tmp_path: Path, name: str, texts: dict[str, str]
                    ) -> tuple[Path, dict[str, str]]:
    """A workbook (CSV folder ``name``) of the sample's NSAB-SAR-2021-01 and NSCP-SCR-2014-02
    without a Themes sheet (its Themes cells coding no local theme), the first recommendation
    of each review made uncoded with the text ``texts[review]``; and those recommendations."""
    sar, scr = "NSAB-SAR-2021-01", "NSCP-SCR-2014-02"
    folder = copy_sample(tmp_path / name, reviews={sar, scr}).rename(tmp_path / name / name)
    (folder / "themes.csv").unlink()
    data = rows("recommendations.csv", folder)
    firsts = {review: next(r["Recommendation ID"] for r in data if r["Review ID"] == review)
              for review in (sar, scr)}
    for row in data:
        if row["Recommendation ID"] in firsts.values():
            row.update({"Themes": "", "Standards": "",
                        "Recommendation": texts[row["Review ID"]]})
        elif codes(row["Themes"]) and not set(codes(row["Themes"])) <= set(
                c.code for c in Scrgraph().framework().themes):
            row["Themes"] = "information-sharing"  # the Themes cells code no local theme
    write_rows("recommendations.csv", data, folder)
    return folder, firsts


SQUALOR = ("Adult Social Services should make sure that practitioners who find an adult living "
           "in squalor refer them to the multi-agency risk panel.")


def test_a_local_theme_declared_in_an_earlier_load_is_suggested(
        db: Database, settings: Settings, tmp_path: Path) -> None:
    """NSAB declared self-neglect (alias Hoarding) in an earlier load; today's workbook has no
    Themes sheet. Its NSAB review's uncoded recommendation naming hoarding gets self-neglect
    suggested, pointing at the theme the graph holds, which the load leaves as it was; the
    children's review's does not. A load that declares the theme again uses its own
    declaration."""
    earlier = copy_sample(tmp_path / "earlier", reviews={"NSAB-SAR-2018-01"})
    sg = Scrgraph(settings, db)
    sg.load([earlier])
    theme = ("MATCH (t:Theme {code: 'self-neglect'}) RETURN properties(t) AS props, "
             "COLLECT { MATCH (t)-[r]->(o) RETURN type(r) + ' ' + o.id AS rel ORDER BY rel } "
             "AS rels")
    before = db.read(theme)
    assert before[0]["props"]["loadedFrom"] == "sample"
    sar, scr = "NSAB-SAR-2021-01", "NSCP-SCR-2014-02"
    today, recs = _later_workbook(tmp_path, "today", {sar: HOARDING, scr: HOARDING})
    report = sg.load([today])
    found = {f["code"]: f for f in _suggested(db, recs[sar])}
    assert found["self-neglect"]["type"] == "SUGGESTS_THEME"
    assert "'hoarding'" in found["self-neglect"]["props"]["evidence"]
    assert found["self-neglect"]["props"]["score"] == pytest.approx(0.5)
    assert "self-neglect" not in {f["code"] for f in _suggested(db, recs[scr])}
    # The theme is the earlier load's, untouched, and not one of this load's items.
    assert db.read(theme) == before
    assert "self-neglect" not in {i for _, i in (*report.summary.added_ids,
                                                 *report.summary.unchanged_ids)}
    assert [r["code"] for r in sg.suggestions(review=sar, code="self-neglect").rows] == [
        "self-neglect"]
    assert not sg.load([today]).summary.wrote_anything  # a reload changes nothing
    # Accepted, it is a coding of the theme the graph holds, and a reload keeps it.
    sg.accept_suggestion(recs[sar], "self-neglect", ROLE, on=DAY)
    assert not sg.load([today]).summary.wrote_anything
    coded = ("MATCH (:Recommendation {id: $id})-[:HAS_THEME]->(t) RETURN t.code AS t, "
             "t.loadedFrom AS source")
    assert db.read(coded, {"id": recs[sar]}) == [{"t": "self-neglect", "source": "sample"}]
    # Kept when the tagger would no longer suggest it (the text changed), and without
    # suggestions at all.
    edit_cell(today, "recommendations.csv", recs[sar], "Recommendation",
              "The Board should publish its annual report by March 2026.")
    sg.load([today])
    assert db.read(coded, {"id": recs[sar]}) == [{"t": "self-neglect", "source": "sample"}]
    sg.load([today], suggest=False)
    assert db.read(coded, {"id": recs[sar]}) == [{"t": "self-neglect", "source": "sample"}]
    assert db.read(theme) == before
    # Declared again, with other aliases: this load's declaration is the one suggested.
    again, recs = _later_workbook(tmp_path, "again", {sar: HOARDING, scr: HOARDING})
    squalid, hoarding = [r["Recommendation ID"] for r in rows("recommendations.csv", again)
                         if r["Review ID"] == sar][1:3]
    for rec, text in ((squalid, SQUALOR), (hoarding, HOARDING)):
        for column, value in (("Themes", ""), ("Standards", ""), ("Recommendation", text)):
            edit_cell(again, "recommendations.csv", rec, column, value)
    themes = rows("themes.csv", earlier)
    themes[0]["Aliases"] = "Squalor"
    write_rows("themes.csv", themes, again)
    sg.load([again], replace=True)
    assert "'squalor'" in {f["code"]: f for f in _suggested(db, squalid)}[
        "self-neglect"]["props"]["evidence"]
    assert "self-neglect" not in {f["code"] for f in _suggested(db, hoarding)}
    assert db.read(theme)[0]["props"]["altLabels"] == ["Squalor"]


# -- a new model version -----------------------------------------------------------------------

@pytest.fixture
def new_model_version(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[], str]]:
    """The tagger as if a new version of its model were installed (same weights, another
    version), trained afresh; the usual model again afterwards."""
    from scrgraph.tagger import model as tagger_model

    def switch() -> str:
        monkeypatch.setattr(tagger_model, "MODEL_NAME", "tfidf-logreg-next")
        tagger_model.default_model.cache_clear()
        return tagger_model.default_model().version

    try:
        yield switch
    finally:
        monkeypatch.undo()
        tagger_model.default_model.cache_clear()


def test_a_new_model_version_refreshes_suggestions_and_changes_no_recommendation(
        db: Database, settings: Settings, tmp_path: Path,
        new_model_version: Callable[[], str]) -> None:
    """Every recommendation of two reviews uncoded: a reload under a new model version
    rewrites their suggestions, reported as refreshed, not as changed recommendations (which
    would also have asked for --yes, being most of those the load holds)."""
    from scrgraph.cli._common import refreshed_line

    folder = copy_sample(tmp_path, reviews={"NSCP-SCR-2014-02", "NSCP-LCSPR-2020-01"})
    ids = [r["Recommendation ID"] for r in rows("recommendations.csv", folder)]
    for rec in ids:
        for column in ("Themes", "Standards", "Coded by", "Coded on"):
            edit_cell(folder, "recommendations.csv", rec, column, "")
    sg = Scrgraph(settings, db)
    sg.load([folder])
    suggested = {r["id"] for r in db.read(
        "MATCH (r:Recommendation)-[:SUGGESTS_THEME|SUGGESTS_STANDARD]->() "
        "RETURN DISTINCT r.id AS id")}
    assert len(suggested) > 10 and len(suggested) > len(ids) // 2
    version = new_model_version()
    report = sg.load([folder])
    summary = report.summary
    assert summary.wrote_anything
    assert summary.changed == {} and summary.changed_items == ()
    assert {item_id for _, item_id in summary.refreshed_ids} == suggested
    assert {label for label, _ in summary.refreshed_ids} == {"Recommendation"}
    assert summary.listing()["suggestions_refreshed"] == {"Recommendation": sorted(suggested)}
    assert {r["v"] for r in db.read("MATCH ()-[s:SUGGESTS_THEME|SUGGESTS_STANDARD]->() "
                                    "RETURN DISTINCT s.modelVersion AS v")} == {version}
    assert refreshed_line(summary).startswith(
        f"Suggestions refreshed for {len(suggested)} recommendations")
    assert not sg.load([folder]).summary.wrote_anything  # and then nothing again
    # A recommendation whose text changes too is a changed recommendation, as ever.
    edit_cell(folder, "recommendations.csv", ids[0], "Number", "99")
    again = sg.load([folder]).summary
    assert [c.id for c in again.changed_items] == [ids[0]] and again.refreshed_ids == ()
