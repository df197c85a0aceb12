"""The tagger: suggested codes with evidence, the SMART check, the labelled set and the
evaluation's arithmetic. None of it needs Neo4j; all of it runs offline."""

from __future__ import annotations

import csv
import json
import os
import shutil
import socket
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from scrgraph.errors import SourceError, ValidationFailed
from scrgraph.facade import Scrgraph
from scrgraph.framework.concepts import Theme, framework
from scrgraph.settings import Settings
from scrgraph.tagger import model as tagger_model
from scrgraph.tagger import vocabulary
from scrgraph.tagger.evaluate import folds_by_review, score_kind_codes
from scrgraph.tagger.labelled import default_path, default_set, read_labelled
from scrgraph.tagger.smart import check_smart
from scrgraph.tagger.suggest import score_kind, tag
from tests.conftest import clean_env, run_cli
from tests.graphs import FIXTURES

# One clear recommendation per theme, written for this test (none is in the labelled set).
CLEAR = {
    "domestic-abuse": "The police should complete a DASH risk assessment at every domestic "
                      "abuse call-out and refer high-risk victims to the MARAC.",
    "challenge-and-escalation": "Staff should use the escalation policy to resolve professional "
                                "disagreements when another agency closes a case too early.",
    "engaging-fathers": "Health visitors should record the details of the baby's father and "
                        "invite him to every contact.",
    "neglect": "Social workers should use the Graded Care Profile to assess chronic neglect "
               "and poor home conditions.",
    "information-sharing": "GP practices and schools should share information about concerns "
                           "with each other and with the social worker.",
    "returning-children-home": "No child should return home from care without a support plan "
                               "agreed with the parents and the school.",
    "disseminating-learning": "The partnership should disseminate the learning from this "
                              "review through a seven minute briefing and learning events.",
    "engagement-with-children": "Practitioners should see the child alone and record the "
                                "voice of the child in every assessment.",
    "referral-quality-and-feedback": "The MASH should give feedback to every referrer on the "
                                     "outcome of their referral.",
    "early-help": "The early help service should review every Family Support Plan so that "
                  "families do not drift without support.",
    "child-sexual-abuse": "Practitioners should be trained to recognise child sexual "
                          "exploitation and harmful sexual behaviour.",
    "supervision": "Managers should provide reflective supervision to every frontline "
                   "practitioner each month.",
    "historical-information": "Every assessment should include a chronology of the family's "
                              "history and previous concerns.",
}


def test_the_labelled_set_covers_the_framework_and_every_kind_of_review() -> None:
    labelled = default_set()
    items = labelled.items
    assert len(items) >= 200
    assert len(labelled.reviews) >= 20
    fw = framework()
    themes = Counter(t for i in items for t in i.themes)
    standards = Counter(s for i in items for s in i.standards)
    quadrants = Counter(q for i in items for q in i.quadrants)
    assert set(themes) == {t.code for t in fw.themes}
    assert set(quadrants) == {q.code for q in fw.quadrants}
    assert len(standards) >= 20
    kinds = {r.split("-")[1] for r in labelled.reviews}
    assert {"SCR", "LCSPR", "SAR", "DHR", "PANEL", "THEMATIC"} <= kinds
    # quadrants are those of the row's standards
    for i in items:
        assert i.quadrants == {fw.standard(s).quadrant for s in i.standards}
    lengths = sorted(len(i.text.split()) for i in items)
    assert lengths[0] <= 8 and lengths[-1] >= 40  # short and long


def test_the_labelled_set_names_no_real_person() -> None:
    text = default_path().read_text(encoding="utf-8")
    for honorific in ("Mr ", "Mrs ", "Ms ", "Miss ", "Dr "):
        assert honorific not in text


@pytest.mark.parametrize("theme", sorted(CLEAR))
def test_a_clear_case_of_each_theme_is_suggested_with_evidence(theme: str) -> None:
    result = tag(CLEAR[theme])
    found = {s.code: s for s in result.themes}
    assert theme in found, [(s.code, s.score) for s in result.themes]
    suggestion = found[theme]
    assert 0.5 <= suggestion.score <= 1
    assert suggestion.matches or suggestion.words
    for word in suggestion.words:
        assert word.split()[0] in CLEAR[theme].lower()
    # every suggested standard places its quadrant
    assert {q.code for q in result.quadrants} == {
        framework().standard(s.code).quadrant for s in result.standards}


def test_evidence_names_the_alias_that_matched() -> None:
    result = tag("Agencies should train staff to recognise coercive control.")
    da = next(s for s in result.themes if s.code == "domestic-abuse")
    assert any(m.words == "coercive control" and m.name == "Coercive control"
               and m.name_kind == "alternative label" for m in da.matches)


def test_acronyms_match_only_in_capitals() -> None:
    assert "domestic-abuse" in vocabulary.match("Refer to the MARAC and the IDVA.", "themes")
    assert "domestic-abuse" not in vocabulary.match("Da capo: marac idva.", "themes")


def test_a_quadrant_names_the_standards_that_place_it() -> None:
    result = tag(CLEAR["supervision"])
    assert result.quadrants
    for q in result.quadrants:
        assert q.via and all(framework().standard(s).quadrant == q.code for s in q.via)
        assert q.score == max(s.score for s in result.standards if s.code in q.via)


def test_training_is_deterministic() -> None:
    labelled = default_set()
    a = tagger_model.train(labelled.items, "a")
    b = tagger_model.train(labelled.items, "b")
    text = CLEAR["neglect"]
    assert a.scores(text, "themes") == b.scores(text, "themes")
    assert a.scores(text, "standards") == b.scores(text, "standards")


def test_the_direct_vector_is_scikit_learns_tfidf() -> None:
    model = tagger_model.default_model()
    fitted = tagger_model.fit_vectorizers(default_set().items)
    for features, vectorizer in fitted.items():
        for text in (CLEAR["neglect"], "Consider the voice of the child.", "", "zzz unknown"):
            doc = tagger_model.model_input(text)
            cols, vals = model.vector(doc, features)
            expected = vectorizer.transform([doc]).tocsr()
            assert sorted(cols.tolist()) == sorted(expected.indices.tolist())
            got = dict(zip(cols.tolist(), vals.tolist(), strict=True))
            for j, v in zip(expected.indices.tolist(), expected.data.tolist(), strict=True):
                assert got[j] == pytest.approx(v)


TEXTS = ("The MASH's re-referral   process (2019-20) should be reviewed; co-ordinate "
         "Children's Services' and GP's\tsharing.", "Père Noël a b cd éé 24/7 x", "",
         "  spaced\n\nout  ", CLEAR["neglect"])


def test_the_analysers_are_scikit_learns() -> None:
    """The words and runs of characters the model reads are what scikit-learn's analysers
    give, though computed without importing it."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    words = TfidfVectorizer(stop_words="english").build_analyzer()
    runs = TfidfVectorizer(analyzer="char_wb", ngram_range=(4, 5)).build_analyzer()
    for text in TEXTS:
        assert tagger_model._words(text) == words(text)
        assert tagger_model._runs(text) == runs(text)


def test_the_kept_model_is_the_trained_one(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """A model read back from the cache folder scores exactly as the one trained; a damaged
    file is trained again and replaced."""
    monkeypatch.setenv("SCRGRAPH_CACHE", str(tmp_path))
    labelled = default_set()
    trained = tagger_model.train(labelled.items, tagger_model.version_of(labelled))
    path = tagger_model.model_file(labelled)
    assert path.is_relative_to(tmp_path)
    tagger_model.save(trained, path)
    kept = tagger_model.load(path)
    assert kept.version == trained.version and kept.codes == trained.codes
    assert kept.features == trained.features
    for text in TEXTS:
        for kind in ("themes", "standards"):
            assert kept.scores(text, kind) == trained.scores(text, kind)
            assert kept.similarities(text, kind) == trained.similarities(text, kind)
    path.write_bytes(b"not a model")
    tagger_model.default_model.cache_clear()
    try:
        assert tagger_model.default_model().scores(TEXTS[0], "themes") == (
            trained.scores(TEXTS[0], "themes"))
        assert tagger_model.load(path).version == trained.version  # written again, whole
    finally:
        tagger_model.default_model.cache_clear()


def test_a_process_with_the_kept_model_never_imports_scikit_learn(tmp_path: Path) -> None:
    env = {**os.environ, "SCRGRAPH_CACHE": str(tmp_path)}
    code = ("import sys; from scrgraph.tagger.suggest import tag; "
            f"r = tag({CLEAR['early-help']!r}); "
            "print(sorted(s.code for s in r.themes), 'sklearn' in sys.modules)")
    first = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                           text=True, check=True).stdout.split("] ")
    second = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                            text=True, check=True).stdout.split("] ")
    assert "'early-help'" in first[0] and first[0] == second[0]
    assert first[1].strip() == "True"  # trained, so scikit-learn was imported
    assert second[1].strip() == "False"  # read back: it never was


def test_nothing_is_downloaded(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def refuse(*_args: Any, **_kwargs: Any) -> None:
        raise AssertionError("the tagger tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    tagger_model.default_model.cache_clear()  # trained again, under the guard
    sg = Scrgraph(Settings(SCRGRAPH_HOME=tmp_path))
    result = sg.tag(CLEAR["early-help"])
    assert "early-help" in {s.code for s in result.themes}
    assert result.model_version.startswith(tagger_model.MODEL_NAME)


SELF_NEGLECT = Theme(
    iri=framework().themes[0].iri, id="self-neglect", code="self-neglect", label="Self-neglect",
    alt_labels=("Self neglect", "Hoarding"), hidden_labels=(), kind="", scope_note=None,
    definition="A recommendation has this theme when it asks for a change in how agencies "
               "respond to an adult who does not care for their own health or home.",
    scope="local", partnerships=("NSAB",))
HOARDING = "Tenancy officers who find hoarding should refer the adult to Adult Social Services."


def test_a_local_theme_given_is_suggested_by_its_names() -> None:
    """A local theme is not in the learned model (the labelled set has none): its label or
    aliases in the text suggest it, with the phrase as evidence; without it given, never."""
    result = tag(HOARDING, local=(SELF_NEGLECT,))
    [found] = [s for s in result.themes if s.code == "self-neglect"]
    assert found.local and found.kind == "theme" and found.words == ()
    assert [(m.words, m.name, m.name_kind) for m in found.matches] == [
        ("hoarding", "Hoarding", "alternative label")]
    assert found.score == pytest.approx(0.5) and found.similarity is not None
    assert "self-neglect" not in {s.code for s in tag(HOARDING).themes}
    assert not any(s.local for s in tag(CLEAR["neglect"], local=(SELF_NEGLECT,)).themes)


def test_a_framework_name_inside_a_local_themes_name_is_not_its_evidence() -> None:
    """"self-neglect" names the local theme, not the framework's neglect."""
    text = "Adult Social Services should hold a risk meeting whenever self-neglect is found."
    alone = {s.code: s for s in score_kind(tagger_model.default_model(), text, "themes").all}
    assert [m.words for m in alone["neglect"].matches] == ["neglect"]
    both = {s.code: s for s in score_kind(tagger_model.default_model(), text, "themes",
                                          (SELF_NEGLECT,)).all}
    assert [m.words for m in both["self-neglect"].matches] == ["self-neglect"]
    assert both["neglect"].matches == ()
    assert both["neglect"].score < alone["neglect"].score


def test_tag_file_suggests_local_themes_for_their_partnerships_reviews(tmp_path: Path) -> None:
    """A folder declaring self-neglect for NSAB: its SAR's rows may get it, a children's
    partnership's rows never; a CSV of texts alone gets it with --themes (all given apply)."""
    folder = tmp_path / "book"
    shutil.copytree(FIXTURES / "local-themes", folder)
    recs = folder / "recommendations.csv"
    lines = recs.read_text(encoding="utf-8").splitlines()
    header = lines[0]
    lines = [header] + [",".join([f"{r}-9", r, "9", HOARDING.replace(",", ""), "", "", "", "No",
                                  "", ""]) for r in ("A2", "C2")]
    recs.write_text("\n".join(lines) + "\n", encoding="utf-8")
    sg = Scrgraph(Settings(SCRGRAPH_HOME=tmp_path / "home"))
    sar, children = sg.tag_file(folder)
    assert "self-neglect" in {s.code for s in sar.themes if s.local}
    assert "self-neglect" not in {s.code for s in children.themes}
    (tmp_path / "texts").mkdir()
    texts = _write_labelled(tmp_path / "texts" / "recs.csv", [
        {"review": "", "text": HOARDING, "themes": "", "quadrants": "", "standards": ""}])
    assert "self-neglect" not in {s.code for s in sg.tag_file(texts)[0].themes}
    [given] = sg.tag_file(texts, folder / "themes.csv")
    assert "self-neglect" in {s.code for s in given.themes}
    assert "self-neglect" in {s.code for s in sg.tag(HOARDING, folder).themes}


# -- SMART -------------------------------------------------------------------------------------


def test_a_smart_recommendation_has_no_gaps() -> None:
    check = check_smart("Eastmere Constabulary should audit 20 domestic abuse cases by March "
                        "2026 and report the findings to the Board.")
    assert check.smart
    assert "Eastmere Constabulary" in check.found["owner"]
    assert "by March 2026" in check.found["timescale"]
    assert "audit" in check.found["measure"]


def test_smart_flags_each_missing_element_with_its_words() -> None:
    owner = check_smart("Practitioners should audit their cases within three months and report "
                        "to the Board.")
    assert [g.element for g in owner.gaps] == []  # the Board is named as owner
    no_owner = check_smart("Practitioners should audit their cases within three months.")
    assert [g.element for g in no_owner.gaps] == ["owner"]
    no_time = check_smart("The police should audit their use of DASH.")
    assert [g.element for g in no_time.gaps] == ["timescale"]
    no_measure = check_smart("The police should train all officers by June 2026.")
    assert [g.element for g in no_measure.gaps] == ["measure"]
    for vague, words in (("Consider the voice of the child.", ("Consider",)),
                         ("Staff should be reminded of the neglect strategy.", ("be reminded",)),
                         ("Agencies should raise awareness of coercive control.",
                          ("raise awareness",))):
        gaps = {g.element: g for g in check_smart(vague).gaps}
        assert "action" in gaps
        assert gaps["action"].words[: len(words)] == words
        assert all(w in gaps["action"].message for w in words)


def test_agencies_given_with_the_row_count_as_owners() -> None:
    text = "Should audit its domestic abuse cases by June 2026."
    assert "owner" in {g.element for g in check_smart(text).gaps}
    assert check_smart(text, ["POLICE"]).smart


# -- evaluation --------------------------------------------------------------------------------


def test_evaluation_arithmetic_on_a_hand_computed_set() -> None:
    labels = [frozenset({"a"}), frozenset({"a", "b"}), frozenset(), frozenset({"b"})]
    predicted = [frozenset({"a"}), frozenset({"a"}), frozenset({"b"}), frozenset({"b", "c"})]
    scores = score_kind_codes("themes", labels, predicted, [("a", "A"), ("b", "B"), ("c", "C")])
    by = {c.code: c for c in scores.codes}
    # a: tp 2, fp 0, fn 0. b: tp 1, fp 1, fn 1. c: tp 0, fp 1, fn 0 (never labelled).
    assert (by["a"].true_positives, by["a"].false_positives, by["a"].false_negatives) == (2, 0, 0)
    assert by["a"].precision == 1 and by["a"].recall == 1 and by["a"].f1 == 1
    assert (by["b"].support, by["b"].precision, by["b"].recall, by["b"].f1) == (2, 0.5, 0.5, 0.5)
    assert by["c"].support == 0 and by["c"].precision == 0 and by["c"].recall is None
    assert by["c"].f1 == 0
    # micro: tp 3, fp 2, fn 1 -> P 3/5, R 3/4, F1 6/9
    assert scores.micro_precision == pytest.approx(0.6)
    assert scores.micro_recall == pytest.approx(0.75)
    assert scores.micro_f1 == pytest.approx(2 / 3)
    # macro over codes with labelled examples (a, b): (1 + 0.5) / 2
    assert scores.macro_f1 == pytest.approx(0.75)
    # exact: rows 1 only
    assert scores.exact_match == pytest.approx(0.25)


def test_evaluation_arithmetic_counts_a_local_theme_like_the_others() -> None:
    labels = [frozenset({"a", "self-neglect"}), frozenset({"self-neglect"}), frozenset({"a"})]
    predicted = [frozenset({"a", "self-neglect"}), frozenset(), frozenset({"self-neglect"})]
    scores = score_kind_codes("themes", labels, predicted, [("a", "A"),
                                                            ("self-neglect", "Self-neglect")],
                              ["self-neglect"])
    by = {c.code: c for c in scores.codes}
    # a: tp 1 (row 1), fn 1 (row 3). self-neglect: tp 1 (row 1), fn 1 (row 2), fp 1 (row 3).
    assert (by["a"].true_positives, by["a"].false_positives, by["a"].false_negatives,
            by["a"].f1, by["a"].local) == (1, 0, 1, pytest.approx(2 / 3), False)
    assert (by["self-neglect"].support, by["self-neglect"].true_positives,
            by["self-neglect"].false_positives, by["self-neglect"].false_negatives,
            by["self-neglect"].precision, by["self-neglect"].recall,
            by["self-neglect"].local) == (2, 1, 1, 1, 0.5, 0.5, True)
    # micro: tp 2, fp 1, fn 2 -> P 2/3, R 2/4, F1 4/7; macro (2/3 + 1/2) / 2; exact: row 1.
    assert scores.micro_precision == pytest.approx(2 / 3)
    assert scores.micro_recall == pytest.approx(0.5)
    assert scores.micro_f1 == pytest.approx(4 / 7)
    assert scores.macro_f1 == pytest.approx((2 / 3 + 0.5) / 2)
    assert scores.exact_match == pytest.approx(1 / 3)


def test_folds_never_split_a_review() -> None:
    items = default_set().items
    folds = folds_by_review(items, 5)
    assert sorted(n for f in folds for n in f) == list(range(len(items)))
    review_fold = {}
    for k, fold in enumerate(folds):
        for n in fold:
            assert review_fold.setdefault(items[n].review, k) == k


def _write_labelled(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, ["review", "text", "themes", "quadrants", "standards"])
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_a_bad_code_in_a_labelled_file_is_located(tmp_path: Path) -> None:
    path = _write_labelled(tmp_path / "mine.csv", [
        {"review": "R1", "text": "Share information.", "themes": "information-sharing",
         "quadrants": "2", "standards": "2.2"},
        {"review": "R1", "text": "Tackle abuse.", "themes": "domestic-abse", "quadrants": "",
         "standards": "9.9"},
    ])
    with pytest.raises(ValidationFailed) as failed:
        read_labelled(path)
    shown = [str(p) for p in failed.value.problems]
    assert any("mine.csv" in s and "row 3" in s and "'themes'" in s and "domestic-abuse" in s
               for s in shown), shown
    assert any("row 3" in s and "'standards'" in s and "9.9" in s for s in shown), shown


def test_evaluating_another_file_leaves_its_texts_out_of_training(tmp_path: Path) -> None:
    first = default_set().items[0]
    path = _write_labelled(tmp_path / "held.csv", [
        {"review": first.review, "text": first.text, "themes": ";".join(first.themes),
         "quadrants": ";".join(first.quadrants), "standards": ";".join(first.standards)},
        {"review": "X", "text": CLEAR["neglect"], "themes": "neglect", "quadrants": "1",
         "standards": "1.5"},
    ])
    result = Scrgraph(Settings(SCRGRAPH_HOME=tmp_path)).evaluate_tagger(path)
    assert result.rows == 2
    assert "1 also in this file left out" in result.method
    themes = next(k for k in result.kinds if k.kind == "themes")
    neglect = next(c for c in themes.codes if c.code == "neglect")
    assert neglect.support == 1


def test_tag_file_reads_a_workbook_sheet_and_locates_rows(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Recommendations"
    sheet.append(["Recommendation ID", "Recommendation", "Agencies"])
    sheet.append(["R1", CLEAR["neglect"], "CSC"])
    sheet.append(["R2", "", ""])
    sheet.append(["R3", CLEAR["supervision"], ""])
    book.save(tmp_path / "recs.xlsx")
    results = Scrgraph(Settings(SCRGRAPH_HOME=tmp_path)).tag_file(tmp_path / "recs.xlsx")
    assert [r.where for r in results] == ["recs.xlsx, sheet Recommendations, row 2",
                                          "recs.xlsx, sheet Recommendations, row 4"]
    assert "CSC" in results[0].smart.found["owner"]


def test_tag_file_without_a_text_column_says_so(tmp_path: Path) -> None:
    (tmp_path / "x.csv").write_text("id,words\n1,hello\n", encoding="utf-8")
    with pytest.raises(SourceError, match="Recommendation"):
        Scrgraph(Settings(SCRGRAPH_HOME=tmp_path)).tag_file(tmp_path / "x.csv")


# -- the CLI -----------------------------------------------------------------------------------


def test_cli_tag_text_and_file(tmp_path: Path) -> None:
    env = clean_env(SCRGRAPH_HOME=str(tmp_path))
    one = run_cli("tag", CLEAR["referral-quality-and-feedback"], env=env)
    assert one.code == 0, one.output
    assert "referral-quality-and-feedback" in one.stdout
    assert "hidden label 'outcome of their referral'" in one.stdout
    assert "no timescale" in one.stdout
    path = _write_labelled(tmp_path / "recs.csv", [
        {"review": "R", "text": CLEAR["early-help"], "themes": "", "quadrants": "",
         "standards": ""}])
    out = run_cli("tag", str(path), "-f", "json", env=env)
    assert out.code == 0, out.output
    data = json.loads(out.stdout)
    assert data[0]["where"] == "recs.csv, row 2"
    assert "early-help" in [t["code"] for t in data[0]["themes"]]
    local = run_cli("tag", HOARDING, "--themes", str(FIXTURES / "local-themes" / "themes.csv"),
                    env=env)
    assert local.code == 0, local.output
    assert "self-neglect  Self-neglect  (local theme)" in local.stdout
    assert "'hoarding' = alternative label 'Hoarding'" in local.stdout
    missing = run_cli("tag", str(tmp_path / "nope.csv"), env=env)
    assert missing.code == 1 and "no such file" in missing.stderr


def test_cli_eval_tagger_cross_validates_the_training_set(tmp_path: Path) -> None:
    env = clean_env(SCRGRAPH_HOME=str(tmp_path))
    result = run_cli("eval-tagger", "--folds", "3", "-f", "json", env=env)
    assert result.code == 0, result.output
    data = json.loads(result.stdout)
    assert data["method"].startswith("cross-validation by review")
    assert data["rows"] == len(default_set().items)
    kinds = {k["kind"]: k for k in data["kinds"]}
    assert set(kinds) == {"themes", "quadrants", "standards"}
    for k in kinds.values():
        assert 0 < k["micro_f1"] <= 1
        tp = sum(c["true_positives"] for c in k["codes"])
        fp = sum(c["false_positives"] for c in k["codes"])
        fn = sum(c["false_negatives"] for c in k["codes"])
        assert k["micro_f1"] == pytest.approx(2 * tp / (2 * tp + fp + fn))
