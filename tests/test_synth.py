"""The synthetic corpus (``scrgraph synth``): deterministic, in the workbook format, fictional,
and loadable as it is."""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pytest

from scrgraph.errors import ScrgraphError
from scrgraph.facade import Scrgraph
from scrgraph.ingest.format import workbook_spec
from scrgraph.settings import Settings
from scrgraph.store.db import Database
from tests.conftest import clean_env, run_cli


def _rows(folder: Path, file: str) -> list[dict[str, str]]:
    with (folder / file).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_the_same_seed_writes_byte_identical_files(tmp_path: Path) -> None:
    first = Scrgraph().synth(tmp_path / "a", reviews=30, seed=7)
    Scrgraph().synth(tmp_path / "b", reviews=30, seed=7)
    Scrgraph().synth(tmp_path / "c", reviews=30, seed=8)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert _files(tmp_path / "a") != _files(tmp_path / "c")
    assert first.rows["Reviews"] == 30
    assert first.rows["Recommendations"] == len(_rows(tmp_path / "a", "recommendations.csv"))


def test_files_follow_the_workbook_format_with_plausible_distributions(tmp_path: Path) -> None:
    out = tmp_path / "corpus"
    Scrgraph().synth(out, reviews=200, seed=3)
    spec = workbook_spec()
    for sheet in spec.sheets:
        with (out / sheet.file).open(encoding="utf-8", newline="") as handle:
            assert next(csv.reader(handle)) == [c.header for c in sheet.columns]
    reviews, recs = _rows(out, "reviews.csv"), _rows(out, "recommendations.csv")
    actions = _rows(out, "actions.csv")
    per_review = Counter(r["Review ID"] for r in recs)
    assert len(per_review) == 200 and min(per_review.values()) >= 2
    assert 10 <= len(recs) / 200 <= 20  # about 15 a review, as national collections have
    kinds = Counter(r["Type"] for r in reviews)
    assert {"SCR", "LCSPR", "SAR", "DHR"} <= set(kinds)
    themes = Counter(t for r in recs for t in r["Themes"].split(";") if t)
    assert themes.most_common(1)[0][0] in ("domestic-abuse", "information-sharing")
    assert len(themes) == 13
    pairs = Counter(frozenset(r["Themes"].split(";")) for r in recs
                    if r["Themes"].count(";") == 1)
    # Themes travel together: the commonest pair is far above what independence would give,
    # and domestic abuse goes with fathers far more than with children returning home.
    assert pairs.most_common(1)[0][1] > 3 * sum(pairs.values()) / 78  # 78 pairs of 13 themes
    assert pairs[frozenset({"domestic-abuse", "engaging-fathers"})] > 3 * pairs[
        frozenset({"domestic-abuse", "returning-children-home"})]
    statuses = Counter(a["Status"] for a in actions)
    assert statuses["completed"] > statuses["open"] > 0
    for action in actions:
        if action["Status"] in ("not-implemented", "superseded"):
            assert action["Status reason"]
        assert action["Due"] > next(r["Published"] for r in reviews
                                    if action["Action ID"].startswith(r["Review ID"] + "-R"))
    # Fictional: every summary says so, and titles are anonymised initials.
    assert all("fictional" in r["Summary"] for r in reviews)
    assert all(re.fullmatch(r"[A-Za-z:' ]+ [A-Z][1-9]", r["Title"]) for r in reviews
               if r["Type"] != "THEMATIC")


def test_a_bad_size_or_target_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ScrgraphError, match="between 1 and"):
        Scrgraph().synth(tmp_path, reviews=0, seed=1)
    afile = tmp_path / "file.txt"
    afile.write_text("x", encoding="utf-8")
    with pytest.raises(ScrgraphError, match="is a file"):
        Scrgraph().synth(afile, reviews=1, seed=1)


def test_a_small_corpus_validates_and_loads(db: Database, settings: Settings,
                                            tmp_path: Path) -> None:
    out = tmp_path / "corpus"
    result = run_cli("synth", "--reviews", "12", "--seed", "5", "--out", str(out),
                     env=clean_env())
    assert result.code == 0, result.output
    assert "12 reviews" in result.stdout
    recs, actions = _rows(out, "recommendations.csv"), _rows(out, "actions.csv")
    with Scrgraph(settings, db) as sg:
        assert sg.check([out]).conforms
        sg.load([out])
    counts = db.read(
        "MATCH (r:Review) WITH count(r) AS reviews "
        "MATCH (c:Recommendation) WITH reviews, count(c) AS recs "
        "MATCH (a:Action) RETURN reviews, recs, count(a) AS actions")
    assert counts == [{"reviews": 12, "recs": len(recs), "actions": len(actions)}]
    themed = db.read("MATCH (:Recommendation)-[h:HAS_THEME]->(:Theme) RETURN count(h) AS n")
    assert themed == [{"n": sum(len([t for t in r["Themes"].split(";") if t]) for r in recs)}]
