"""A load of one workbook prepared in chunks of reviews (scrgraph.store.chunked) gives what the
whole-graph path gives: the same problems in the same order, the same notes, the same rows;
and loads whose chunks would interact, or that need the whole graph, are left to that path."""

from __future__ import annotations

import dataclasses
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from scrgraph.errors import ValidationFailed
from scrgraph.facade import Scrgraph
from scrgraph.ingest.pipeline import Prepared, SourceResolver, prepare_sources, read_tabular
from scrgraph.ingest.problems import Problem
from scrgraph.ingest.shacl import Violation
from scrgraph.results import LoadReport
from scrgraph.settings import Settings
from scrgraph.store import chunked
from scrgraph.store.db import Database
from scrgraph.store.rows import NodeRow, PropertyGraph, RelRow
from scrgraph.synth import write_corpus
from tests.chunks import assert_same, compare_with_whole
from tests.sample import SAMPLE, copy_sample, edit_cell, rows, write_rows


def both(path: Path, chunk_reviews: int, suggest: bool = False
         ) -> tuple[chunked.Chunked | ValidationFailed, Prepared | ValidationFailed]:
    """``path`` prepared in chunks (which must be used) and whole, the tagger's suggestions
    made or not."""
    got: chunked.Chunked | ValidationFailed | None
    try:
        got = chunked.prepare_chunked([path], chunk_reviews=chunk_reviews, suggest=suggest)
    except ValidationFailed as failed:
        got = failed
    assert got is not None, "the load was left to the whole-graph path"
    try:
        whole: Prepared | ValidationFailed = prepare_sources([path], suggest=suggest)
    except ValidationFailed as failed:
        whole = failed
    return got, whole


def refused_alike(folder: Path) -> list[Problem]:
    """The problems that refuse ``folder`` in chunks of two reviews, the same as whole."""
    got, whole = both(folder, 2)
    assert_same(got, whole)
    assert isinstance(got, ValidationFailed)
    return list(got.problems)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth") / "corpus"
    write_corpus(out, reviews=60, seed=5)
    return out


def suggestions(rows: PropertyGraph) -> list[RelRow]:
    """The tagger's suggestions among ``rows``."""
    return [r for r in rows.rels if r.type in ("SUGGESTS_THEME", "SUGGESTS_STANDARD")]


@pytest.mark.parametrize("suggest", [False, True], ids=["no-suggest", "suggest"])
def test_the_sample_in_chunks_of_two_reviews_is_the_sample_whole(suggest: bool) -> None:
    got, whole = both(SAMPLE, 2, suggest)
    assert_same(got, whole)
    assert isinstance(got, chunked.Chunked) and got.notes  # the SMART check found gaps
    assert got.rows is not None
    # The sample has recommendations no analyst coded: suggested for, chunk by chunk.
    made = suggestions(got.rows)
    assert got.suggested == len(made) and (len(made) > 0) == suggest
    assert all(r.props["modelVersion"] and r.props["evidence"] and r.props["assignedAt"]
               for r in made)
    # A joint review (two commissioning partnerships) keeps both links.
    joint = [r for r in got.rows.rels if r.start.endswith("/NCSP-DHR-2020-01")
             and r.end.split("/")[-1] in ("NCSP", "NSAB")]
    assert len(joint) == 2


@pytest.mark.parametrize("suggest", [False, True], ids=["no-suggest", "suggest"])
def test_a_synthetic_corpus_in_chunks_is_the_corpus_whole(corpus: Path, suggest: bool) -> None:
    workbook, _ = read_tabular(corpus, SourceResolver())
    assert workbook is not None
    pieces = chunked.split_workbook(workbook, 7)
    assert pieces is not None and len(pieces) == 9  # 60 reviews, 7 a chunk
    for piece in pieces:  # each recommendation and action with its review
        reviews = {i.id for i in piece.sheet("Reviews")}
        recs = {i.id for i in piece.sheet("Recommendations")}
        assert {i.values["review"] for i in piece.sheet("Recommendations")} <= reviews
        assert {i.values["recommendation"] for i in piece.sheet("Actions")} <= recs
        assert len(piece.sheet("Agencies")) == len(workbook.sheet("Agencies"))
    got, whole = both(corpus, 7, suggest)
    assert_same(got, whole)
    assert isinstance(got, chunked.Chunked) and got.rows is not None
    assert len(got.rows.nodes) > 1000 and len(got.notes) > 100
    made = suggestions(got.rows)
    assert got.suggested == len(made) and (len(made) > 0) == suggest
    # Suggestions made in more than one chunk.
    chunk_of = {i.id: n for n, piece in enumerate(pieces) for i in piece.sheet("Recommendations")}
    assert len({chunk_of[r.start.rsplit("/", 1)[-1]] for r in made}) > 1 or not suggest


def test_an_action_due_before_its_review_is_refused_in_chunks(tmp_path: Path) -> None:
    folder = copy_sample(tmp_path)
    actions = rows("actions.csv", folder)
    actions[-1]["Due"] = "2001-01-01"  # the last action, of a review late in the sheet
    write_rows("actions.csv", actions, folder)
    problems = refused_alike(folder)
    assert any("before its review was published" in p.message for p in problems)


def test_problems_in_several_chunks_come_in_the_order_of_the_whole(tmp_path: Path) -> None:
    folder = copy_sample(tmp_path)
    reviews = rows("reviews.csv", folder)
    reviews[-1]["Period to"], reviews[0]["Period to"] = "2099-01-01", "2098-01-01"
    write_rows("reviews.csv", reviews, folder)
    actions = rows("actions.csv", folder)
    actions[0]["Due"] = "1999-01-01"
    write_rows("actions.csv", actions, folder)
    assert len(refused_alike(folder)) >= 3


def test_the_same_recommendation_id_under_two_reviews(tmp_path: Path) -> None:
    folder = copy_sample(tmp_path)
    recs = rows("recommendations.csv", folder)
    other = next(r for r in recs if r["Review ID"] != recs[0]["Review ID"])
    recs.append({**other, "Recommendation ID": recs[0]["Recommendation ID"]})
    write_rows("recommendations.csv", recs, folder)
    assert any("used twice" in p.message for p in refused_alike(folder))


def test_loads_that_need_the_whole_graph_are_left_to_it(tmp_path: Path) -> None:
    assert chunked.prepare_chunked([SAMPLE], chunk_reviews=100) is None  # one chunk
    assert chunked.prepare_chunked([SAMPLE, SAMPLE], chunk_reviews=2) is None
    turtle = tmp_path / "data.ttl"
    turtle.write_text("")
    assert chunked.prepare_chunked([turtle], chunk_reviews=2) is None


def _result(nodes: tuple[NodeRow, ...] = (), rels: tuple[RelRow, ...] = (),
            violations: tuple[tuple[Violation, Problem], ...] = ()) -> chunked._ChunkResult:
    return chunked._ChunkResult(violations, (), None if violations else
                                PropertyGraph(nodes, rels), ())


def test_chunks_that_interact_send_the_load_to_the_whole_graph() -> None:
    shared = frozenset({"id:p"})
    node = NodeRow("id:r", ("Review",), {"id": "r"})
    again = NodeRow("id:r", ("Review",), {"id": "r"})
    partnership = NodeRow("id:p", ("Partnership",), {"id": "p"})
    merge = chunked._merge
    assert merge(iter([_result((node, partnership)), _result((partnership,))]), shared)
    # A node other than a shared one in two chunks, even the same.
    assert merge(iter([_result((node,)), _result((again,))]), shared) is None
    # A shared node two chunks map differently.
    other = dataclasses.replace(partnership, props={"id": "p", "name": "P"})
    assert merge(iter([_result((partnership,)), _result((other,))]), shared) is None
    # A relationship two chunks give different properties.
    rel = RelRow("HAS_THEME", "id:r", "id:t", {"accepted": True})
    assert merge(iter([_result(rels=(rel,)),
                       _result(rels=(dataclasses.replace(rel, props={}),))]), shared) is None
    # One violation that two chunks place on different rows.
    violation = Violation("p", None, None, "wrong", "Violation")
    assert merge(iter([_result(violations=((violation, Problem("f", "m", "S", 2)),)),
                       _result(violations=((violation, Problem("f", "m", "S", 3)),))]),
                 shared) is None


@pytest.mark.parametrize("suggest", [False, True], ids=["no-suggest", "suggest"])
def test_a_load_in_chunks_writes_what_the_whole_load_writes(
        settings: Settings, db: Database, corpus: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, suggest: bool) -> None:
    from tests.test_bad_input import fingerprint

    source = tmp_path / "corpus"
    shutil.copytree(corpus, source)
    with Scrgraph(settings, db) as sg:
        whole_report = sg.load([source], suggest=suggest)  # whole: one chunk
    whole = fingerprint(db)
    db.clear()
    seen = compare_with_whole(monkeypatch, chunk_reviews=6)
    with Scrgraph(settings, db) as sg:
        report = sg.load([source], suggest=suggest)
    assert len(seen) == 1 and isinstance(seen[0], chunked.Chunked)
    assert report.notes == seen[0].notes and report.summary.added
    assert report.suggested == whole_report.suggested == seen[0].suggested
    assert (report.suggested > 0) == suggest
    loads = [f for f in fingerprint(db) if "/load/" in str(f["iri"])]
    assert len(loads) == 1
    assert [f for f in fingerprint(db) if f not in loads] == [
        f for f in whole if "/load/" not in str(f["iri"])]


UNCODED = ("NSCP-SCR-2014-01-R10", "NSAB-SAR-2024-01-R10")
"""Two recommendations of the sample no analyst coded, of reviews far apart (in different
chunks of two reviews)."""


@dataclasses.dataclass
class Reload:
    """A reload of the sample after a suggesting load and analysts' decisions."""

    outcome: LoadReport | ValidationFailed
    graph: list[dict[str, object]]
    """The graph afterwards, but its loads' records."""
    in_chunks: bool
    """Whether the reload was written from rows prepared in chunks with the decisions."""


def _reload_with_decisions(settings: Settings, db: Database, folder: Path,
                           monkeypatch: pytest.MonkeyPatch, chunk_reviews: int,
                           refused: bool = False) -> Reload:
    """Load ``folder`` (suggesting), accept a suggested theme of the first of UNCODED, reject
    a suggested standard of both (with ``refused``, the rejections then edited by hand into
    what the shapes refuse), edit a recommendation and reload, in chunks of ``chunk_reviews``
    reviews where the load can be."""
    from tests.test_bad_input import fingerprint
    from tests.test_suggestions_load import DAY, ROLE, _suggested

    db.clear()
    written: list[LoadReport | None] = []
    with monkeypatch.context() as patch:
        compare_with_whole(patch, chunk_reviews=chunk_reviews)
        load_chunked = chunked.load_chunked

        def recorded(*args: Any, **options: Any) -> LoadReport | None:
            written.append(load_chunked(*args, **options))
            return written[-1]

        patch.setattr(chunked, "load_chunked", recorded)
        with Scrgraph(settings, db) as sg:
            sg.load([folder])
            first, other = ({f["type"]: f["code"] for f in _suggested(db, rec)}
                            for rec in UNCODED)
            sg.accept_suggestion(UNCODED[0], first["SUGGESTS_THEME"], ROLE, on=DAY)
            for rec, suggested in zip(UNCODED, (first, other), strict=True):
                sg.reject_suggestion(rec, suggested["SUGGESTS_STANDARD"], ROLE, on=DAY)
            if refused:
                db.write(lambda tx: tx.run("MATCH ()-[x:REJECTED_STANDARD]->() "
                                           "SET x.score = 1.5").consume())
            edit_cell(folder, "recommendations.csv", "NSCP-SCR-2014-01-R1", "Number", "99")
            written.clear()
            outcome: LoadReport | ValidationFailed
            try:
                outcome = sg.load([folder])
            except ValidationFailed as failed:
                outcome = failed
    graph = [f for f in fingerprint(db) if "/load/" not in str(f["iri"])]
    return Reload(outcome, graph, any(w is not None for w in written))


def _carried_in_chunks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many held rows each preparation of decisions in chunks (with_decisions) was given,
    from here on."""
    passes: list[int] = []
    with_decisions = chunked.with_decisions

    def counted(done: chunked.Chunked, held: list[dict[str, Any]],
                progress: Any = None) -> Any:
        passes.append(len(held))
        return with_decisions(done, held, progress)

    monkeypatch.setattr(chunked, "with_decisions", counted)
    return passes


def test_a_reload_keeps_analysts_decisions_in_chunks_as_whole(
        settings: Settings, db: Database, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A reload of a large workbook after a suggesting load and an analyst's accept and
    rejects: the graph holds suggestions and decisions for its recommendations, and the chunks
    fold them in (written from the chunks' rows, not the whole graph's) to write what the
    whole-graph path writes: the same items added, changed, unchanged, the same graph."""
    from tests.test_suggestions_load import ROLE

    carried = _carried_in_chunks(monkeypatch)
    whole = _reload_with_decisions(settings, db, copy_sample(tmp_path / "whole"), monkeypatch,
                                   chunked.CHUNK_REVIEWS)  # 16 reviews: one chunk, whole
    assert not whole.in_chunks and not carried
    got = _reload_with_decisions(settings, db, copy_sample(tmp_path / "chunks"), monkeypatch, 2)
    assert got.in_chunks and len(carried) == 1 and carried[0] > 3  # suggestions, decisions
    assert isinstance(got.outcome, LoadReport) and isinstance(whole.outcome, LoadReport)
    summary = got.outcome.summary
    assert summary == whole.outcome.summary
    assert [c.id for c in summary.changed_items] == ["NSCP-SCR-2014-01-R1"]
    assert summary.unchanged_ids and not summary.added_ids and not summary.removed_ids
    assert (got.outcome.notes, got.outcome.suggested) == (whole.outcome.notes,
                                                          whole.outcome.suggested)
    assert got.graph == whole.graph
    # The decisions kept: the accepted theme a coding, the rejected standards rejected.
    decided = db.read("MATCH (r:Recommendation)-[x:HAS_THEME|REJECTED_STANDARD]->() "
                      "WHERE r.id IN $ids AND x.assignedBy = $by "
                      "RETURN r.id AS rec, type(x) AS type ORDER BY rec, type",
                      {"ids": list(UNCODED), "by": ROLE})
    assert decided == [{"rec": UNCODED[1], "type": "REJECTED_STANDARD"},
                       {"rec": UNCODED[0], "type": "HAS_THEME"},
                       {"rec": UNCODED[0], "type": "REJECTED_STANDARD"}]


def test_decisions_the_shapes_refuse_stop_a_reload_in_chunks_as_whole(
        settings: Settings, db: Database, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Rejections edited by hand into what the shapes refuse, in two chunks: the reload in
    chunks is refused with the problems the whole graph gives, in its order, and writes
    nothing."""
    whole = _reload_with_decisions(settings, db, copy_sample(tmp_path / "whole"), monkeypatch,
                                   chunked.CHUNK_REVIEWS, refused=True)
    got = _reload_with_decisions(settings, db, copy_sample(tmp_path / "chunks"), monkeypatch, 2,
                                 refused=True)
    assert isinstance(got.outcome, ValidationFailed)
    assert isinstance(whole.outcome, ValidationFailed)
    assert got.outcome.problems == whole.outcome.problems
    assert len(got.outcome.problems) == 2
    assert all("score must be one number from 0 to 1" in str(p)
               for p in got.outcome.problems)
    assert got.graph == whole.graph
    assert db.read("MATCH (r:Recommendation {id: 'NSCP-SCR-2014-01-R1'}) "
                   "RETURN r.number AS n") != [{"n": "99"}]


def test_a_decision_between_a_reloads_read_and_its_write_in_chunks(
        settings: Settings, db: Database, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """An analyst accepts a suggestion after the reload read the decisions, before its write:
    the chunks are prepared again with it (with_held_decisions' retry), and it is kept."""
    from tests.test_suggestions_load import ROLE, _suggested, accept_after_the_first_read

    folder = copy_sample(tmp_path)
    compare_with_whole(monkeypatch, chunk_reviews=2)
    with Scrgraph(settings, db) as sg:
        sg.load([folder])
    code = next(f["code"] for f in _suggested(db, UNCODED[1]) if f["type"] == "SUGGESTS_THEME")
    reads = accept_after_the_first_read(monkeypatch, settings, db, UNCODED[1], code)
    passes = _carried_in_chunks(monkeypatch)
    with Scrgraph(settings, db) as sg:
        sg.load([folder])
    assert len(reads) == 2 and len(passes) == 2  # prepared again, in chunks, with the accept
    assert db.read("MATCH (:Recommendation {id: $id})-[c:HAS_THEME]->(t) "
                   "RETURN t.code AS t, c.assignedBy AS by", {"id": UNCODED[1]}) == [
        {"t": code, "by": ROLE}]
    assert code not in {f["code"] for f in _suggested(db, UNCODED[1])}


WORKER_SCRIPT = """
import multiprocessing, os, signal, sys, time
from concurrent.futures import ProcessPoolExecutor
from scrgraph.store.chunked import watch_parent

if __name__ == "__main__":
    watched = sys.argv[1] == "watched"
    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("forkserver"),
                               initializer=watch_parent if watched else None)
    print(pool.submit(os.getpid).result(), flush=True)
    pool.submit(time.sleep, 120)
    time.sleep(0.5)
    os.kill(os.getpid(), signal.SIGKILL)  # the load killed before it finished
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        return stat.read().rsplit(")", 1)[1].split()[0] != "Z"


@pytest.mark.parametrize("watched", [True, False])
def test_a_worker_ends_when_the_load_is_killed(tmp_path: Path, watched: bool) -> None:
    # A chunk worker waits on a queue whose other end it holds itself: without the watch it
    # outlives a killed load (the unwatched run shows it), with it it ends within seconds.
    script = tmp_path / "killed_load.py"
    script.write_text(WORKER_SCRIPT, encoding="utf-8")
    out = tmp_path / "out.txt"
    with out.open("w", encoding="utf-8") as handle:  # a file: an orphan holding a pipe
        done = subprocess.run(  # would keep the run waiting
            [sys.executable, str(script), "watched" if watched else "unwatched"],
            stdout=handle, stderr=subprocess.DEVNULL, timeout=120, check=False)
    assert done.returncode == -signal.SIGKILL
    worker = int(out.read_text(encoding="utf-8").split()[0])
    with open(f"/proc/{worker}/stat", encoding="ascii") as stat:
        server = int(stat.read().rsplit(")", 1)[1].split()[1])  # the forkserver
    try:
        deadline = time.monotonic() + 8
        while _alive(worker) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _alive(worker) is not watched
    finally:
        for pid in (worker, server):
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


def test_a_check_is_prepared_in_chunks_as_a_load_is(
        tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # 'scrgraph validate' of a large workbook goes the chunked way too, with the report the
    # whole-graph way gives: sources and rows, notes, warnings; and, refused, every problem.
    bad = tmp_path / "bad"
    shutil.copytree(corpus, bad)
    actions = rows("actions.csv", bad)  # due before their reviews were published: the shapes'
    actions[0]["Due"] = actions[-1]["Due"] = "1999-01-01"  # rule, in two chunks
    write_rows("actions.csv", actions, bad)
    unreachable = Settings(NEO4J_URI="bolt://127.0.0.1:9", NEO4J_PASSWORD="unused")
    for folder in (corpus, bad):
        monkeypatch.setattr(chunked, "CHUNK_REVIEWS", 100)  # one chunk: the whole-graph way
        whole = Scrgraph(unreachable).check([folder])
        monkeypatch.setattr(chunked, "CHUNK_REVIEWS", 7)
        got = Scrgraph(unreachable).check([folder])
        assert got == whole
        assert got.conforms is (folder is corpus)
        assert got.notes if folder is corpus else len(got.problems) >= 2
    assert chunked.prepare_chunked([corpus]) is not None  # in chunks of 7 reviews
    monkeypatch.setattr(chunked, "CHUNK_REVIEWS", 100)
    assert chunked.prepare_chunked([corpus]) is None  # in one chunk: the whole graph


def test_local_themes_the_graph_holds_send_the_load_the_whole_way(
        settings: Settings, db: Database, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """NSAB declared self-neglect in an earlier load; today's workbook (two reviews, one
    NSAB's, no Themes sheet) has an uncoded recommendation naming hoarding. The theme is
    known only once the sources pass, and the chunks, which suggest without it, leave the
    load to the whole graph: loaded in chunks of a review, the graph is what it is loaded
    whole, the theme suggested."""
    from tests.test_bad_input import fingerprint
    from tests.test_suggestions_load import HOARDING, _later_workbook, _suggested

    sar, scr = "NSAB-SAR-2021-01", "NSCP-SCR-2014-02"
    earlier = copy_sample(tmp_path / "earlier", reviews={"NSAB-SAR-2018-01"})
    today, recs = _later_workbook(tmp_path, "today", {sar: HOARDING, scr: HOARDING})
    graphs = []
    for chunk_reviews in (1, chunked.CHUNK_REVIEWS):  # in chunks where it can, then whole
        db.clear()
        with monkeypatch.context() as patch:
            seen = compare_with_whole(patch, chunk_reviews=chunk_reviews)
            with Scrgraph(settings, db) as sg:
                sg.load([earlier])
                report = sg.load([today])
                assert len(seen) == 2 and seen[1] is None  # left to the whole graph
                if chunk_reviews == 1:
                    # Without the theme the graph holds, today's load is prepared in chunks.
                    assert chunked.prepare_chunked([today], suggest=True,
                                                   held_themes=lambda: ()) is not None
        assert "self-neglect" in {f["code"] for f in _suggested(db, recs[sar])}
        graphs.append((report.suggested, report.notes,
                       [f for f in fingerprint(db) if "/load/" not in str(f["iri"])]))
    assert graphs[0] == graphs[1]
