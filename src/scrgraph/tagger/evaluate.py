"""How well the tagger finds the codes a person gave: per-code precision, recall and F1,
micro and macro averages and exact-match rates, on recommendations the model was not trained on.

When the file to test is the training set itself, it is cross-validated by review: the reviews
are dealt into folds (sorted, then review i to fold i mod k), and each fold is tagged by a model
trained on the other folds, so no review's recommendations are both trained on and tested. Any
other file is tagged by a model trained on the labelled set less any recommendation whose text
the file also holds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

from scrgraph.errors import SourceError
from scrgraph.framework.concepts import Theme
from scrgraph.results import CodeScore, KindScores, TaggerEvaluation
from scrgraph.tagger.labelled import KIND_COLUMNS, Labelled, LabelledSet, default_set, read_labelled
from scrgraph.tagger.model import Model, train, version_of
from scrgraph.tagger.suggest import THRESHOLDS, quadrants_from, score_kind
from scrgraph.tagger.vocabulary import entries

Prediction = Mapping[str, frozenset[str]]
"""Kind (``themes``, ``quadrants``, ``standards``) -> the codes suggested."""


def _rate(num: int, den: int) -> float | None:
    return num / den if den else None


def score_kind_codes(kind: str, labels: Sequence[frozenset[str]],
                     predictions: Sequence[frozenset[str]],
                     codes: Iterable[tuple[str, str]], local: Iterable[str] = ()
                     ) -> KindScores:
    """Score one kind: ``labels[i]`` the codes a person gave recommendation i, ``predictions[i]``
    those suggested; ``codes`` every (code, label) to report, in order; ``local`` the codes of
    local themes among them (scored like the others, and marked)."""
    local = frozenset(local)
    rows: list[CodeScore] = []
    listed = list(codes)
    known = {c for c, _ in listed}
    extra = sorted(({c for s in labels for c in s} | {c for s in predictions for c in s}) - known)
    for code, label in [*listed, *((c, c) for c in extra)]:
        tp = sum(1 for y, p in zip(labels, predictions, strict=True) if code in y and code in p)
        fp = sum(1 for y, p in zip(labels, predictions, strict=True) if code not in y and code in p)
        fn = sum(1 for y, p in zip(labels, predictions, strict=True) if code in y and code not in p)
        rows.append(CodeScore(code, label, tp + fn, tp, fp, fn, _rate(tp, tp + fp),
                              _rate(tp, tp + fn), _rate(2 * tp, 2 * tp + fp + fn),
                              code in local))
    tp = sum(r.true_positives for r in rows)
    fp = sum(r.false_positives for r in rows)
    fn = sum(r.false_negatives for r in rows)
    supported = [r.f1 or 0.0 for r in rows if r.support]
    exact = sum(1 for y, p in zip(labels, predictions, strict=True) if y == p)
    return KindScores(kind, tuple(rows), _rate(tp, tp + fp) or 0.0, _rate(tp, tp + fn) or 0.0,
                      _rate(2 * tp, 2 * tp + fp + fn) or 0.0,
                      sum(supported) / len(supported) if supported else 0.0,
                      exact / len(labels) if labels else 0.0)


def predict(model: Model, text: str, local: Sequence[Theme] = ()) -> Prediction:
    """The codes the tagger would suggest for ``text`` (with ``local``, those local themes
    too, as :func:`scrgraph.tagger.suggest.tag` suggests them)."""
    themes = score_kind(model, text, "themes", local).suggested(THRESHOLDS["themes"])
    standards = score_kind(model, text, "standards").suggested(THRESHOLDS["standards"])
    return {"themes": frozenset(s.code for s in themes),
            "standards": frozenset(s.code for s in standards),
            "quadrants": frozenset(q.code for q in quadrants_from(standards))}


def folds_by_review(items: Sequence[Labelled], k: int) -> list[list[int]]:
    """Indexes of ``items`` in ``k`` folds, each review's recommendations in one fold."""
    reviews = sorted({i.review for i in items})
    if len(reviews) < k:
        raise SourceError(f"cross-validation in {k} folds needs at least {k} reviews; the file "
                          f"has {len(reviews)}. Give fewer folds (--folds).")
    fold_of = {r: n % k for n, r in enumerate(reviews)}
    folds: list[list[int]] = [[] for _ in range(k)]
    for n, item in enumerate(items):
        folds[fold_of[item.review]].append(n)
    return folds


def cross_validated(items: Sequence[Labelled], k: int,
                    trainer: Callable[[Sequence[Labelled]], Model],
                    local: Callable[[Labelled], Sequence[Theme]] = lambda _i: ()
                    ) -> list[Prediction]:
    """Predictions for every item by a model that never saw its review."""
    predictions: list[Prediction | None] = [None] * len(items)
    for fold in folds_by_review(items, k):
        held = set(fold)
        model = trainer([it for n, it in enumerate(items) if n not in held])
        for n in fold:
            predictions[n] = predict(model, items[n].text, local(items[n]))
    return [p for p in predictions if p is not None]


def evaluate(path: Path, folds: int = 5, training: LabelledSet | None = None,
             themes: Path | None = None) -> TaggerEvaluation:
    """Score the tagger on the labelled file ``path`` (see the module's doc for how); the
    local themes it declares (or ``themes`` declares) are scored like the framework's."""
    tested = read_labelled(path, themes)
    training = training or default_set()
    version = version_of(training)
    items = tested.items
    if tested.sha256 == training.sha256:
        predictions = cross_validated(items, folds, lambda part: train(part, version),
                                      tested.local_for)
        method = (f"cross-validation by review: {len(tested.reviews)} reviews in {folds} "
                  "folds, each tagged by a model trained on the other folds")
    else:
        texts = {i.text.strip().casefold() for i in items}
        kept = [i for i in training.items if i.text.strip().casefold() not in texts]
        model = train(kept, version)
        predictions = [predict(model, i.text, tested.local_for(i)) for i in items]
        left = len(training.items) - len(kept)
        method = (f"trained on the labelled set ({len(kept)} recommendations"
                  + (f"; {left} also in this file left out" if left else "")
                  + "), tested on this file")
    if tested.local:
        method += (f"; local themes ({', '.join(t.code for t in tested.local)}) suggested by "
                   "their names, as at load")
    local = {"themes": [(t.code, t.label) for t in tested.local]}
    kinds = tuple(
        score_kind_codes(kind, [i.codes(kind) for i in items], [p[kind] for p in predictions],
                         [*((e.code, e.label) for e in entries(kind)), *local.get(kind, ())],
                         (c for c, _ in local.get(kind, ())))
        for kind in KIND_COLUMNS)
    exact_all = sum(1 for i, p in zip(items, predictions, strict=True)
                    if all(i.codes(k) == p[k] for k in KIND_COLUMNS))
    return TaggerEvaluation(path, len(items), len(tested.reviews), method, kinds,
                            exact_all / len(items), version)
