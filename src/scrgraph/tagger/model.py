"""The learned part of the tagger: TF-IDF over a recommendation's words (and the names of codes
it matched), with one logistic regression per code, trained on a labelled set.

Small and deterministic: trained in well under a second on the CPU from the labelled set in the
package (the same data always gives the same model), once per process; nothing is downloaded
and nothing is stored. scikit-learn is imported here only, when a model is first needed.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from scrgraph.tagger.labelled import Labelled, LabelledSet, default_set
from scrgraph.tagger.vocabulary import KINDS, entries, match_tokens

MODEL_NAME = "tfidf-logreg-1"
"""Changes when the way the model is built changes; the version adds the training data's hash."""

C = 4.0
"""The regularisation of each logistic regression (chosen by review-grouped cross-validation
on the labelled set: see the README's tagger section)."""


@dataclass(frozen=True)
class Model:
    version: str
    vectorizer: Any
    """The fitted TfidfVectorizer (its vocabulary and weights; see :meth:`vector`)."""
    features: tuple[str, ...]
    codes: dict[str, tuple[str, ...]]
    """Kind -> the codes the model was trained on (those the labelled set has)."""
    weights: dict[str, Any]
    """Kind -> the models' coefficients, one row per code (a numpy array)."""
    intercepts: dict[str, Any]
    descriptions: dict[str, Any]
    """Kind -> the TF-IDF vectors of each code's description (dense rows, in :func:`entries`
    order)."""

    @functools.cached_property
    def _analyse(self) -> Any:
        return self.vectorizer.build_analyzer()

    @functools.cached_property
    def _vocabulary(self) -> dict[str, int]:
        return {str(k): int(v) for k, v in self.vectorizer.vocabulary_.items()}

    def vector(self, doc: str) -> tuple[Any, Any]:
        """The document's TF-IDF vector as (feature indexes, values): what the fitted
        vectorizer's ``transform`` gives (sublinear tf times idf, unit length), computed
        directly, because scikit-learn's checks on each call cost more than the sum."""
        import numpy as np

        counts: dict[int, int] = {}
        for token in self._analyse(doc):
            j = self._vocabulary.get(token)
            if j is not None:
                counts[j] = counts.get(j, 0) + 1
        idx = np.fromiter(sorted(counts), dtype=np.int64, count=len(counts))
        tf = np.array([1.0 + np.log(counts[j]) for j in idx])
        vals = tf * self.vectorizer.idf_[idx]
        norm = float(np.sqrt((vals * vals).sum()))
        return idx, (vals / norm if norm else vals)

    def scores(self, text: str, kind: str) -> dict[str, tuple[float, tuple[str, ...]]]:
        """Code -> (probability, the words that weighed most for it) for the codes the model
        was trained on."""
        import numpy as np

        if not len(self.codes[kind]):
            return {}
        cols, vals = self.vector(model_input(text))
        contributions = self.weights[kind][:, cols] * vals  # codes x the text's features
        logits = contributions.sum(axis=1) + self.intercepts[kind]
        probs = 1.0 / (1.0 + np.exp(-logits))
        out: dict[str, tuple[float, tuple[str, ...]]] = {}
        for i, code in enumerate(self.codes[kind]):
            order = np.argsort(-contributions[i], kind="stable")
            strongest = tuple(self.features[cols[j]] for j in order
                              if contributions[i, j] > 0
                              and not self.features[cols[j]].startswith("__"))[:3]
            out[code] = (float(probs[i]), strongest)
        return out

    def similarities(self, text: str, kind: str) -> dict[str, float]:
        """Code -> cosine similarity of the text's words and the code's description."""
        cols, vals = self.vector(text)
        sims = self.descriptions[kind][:, cols] @ vals
        return {e.code: round(float(s), 3) for e, s in zip(entries(kind), sims, strict=True)}

    def similarity(self, text: str, description: str) -> float:
        """Cosine similarity of the text's words and one description (a local theme's)."""
        cols, vals = self.vector(text)
        other_cols, other_vals = self.vector(description)
        weights = dict(zip(other_cols.tolist(), other_vals.tolist(), strict=True))
        total = sum(float(v) * weights.get(int(c), 0.0) for c, v in zip(cols, vals, strict=True))
        return round(float(total), 3)


DESCRIPTIONS_AS_EXAMPLES = True
"""Each code's description (labels, scope note, definition, outcome) is one more example of it."""


def _analyzer() -> Any:
    """Words and pairs of words of the text (stop words out), and the match words as they are
    (never paired with the text's words)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    words = TfidfVectorizer(ngram_range=(1, 2), stop_words="english").build_analyzer()

    def analyse(doc: str) -> list[str]:
        text, _, matched = doc.partition(_SEPARATOR)
        return [*words(text), *matched.split()]

    return analyse


_SEPARATOR = "\x1f"


def model_input(text: str) -> str:
    """What the model reads: the text, and a word for each code whose name it contains."""
    return text + _SEPARATOR + " ".join(match_tokens(text))


def train(items: Sequence[Labelled], version: str) -> Model:
    """Train on labelled recommendations (deterministic: liblinear, no randomness used)."""
    import numpy as np
    from scipy.sparse import vstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    descriptions = {kind: [e.description for e in entries(kind)]
                    for kind in (*KINDS, "quadrants")}
    vectorizer = TfidfVectorizer(analyzer=_analyzer(), sublinear_tf=True)
    texts = [model_input(i.text) for i in items]
    vectorizer.fit(texts + [d for ds in descriptions.values() for d in ds])
    x = vectorizer.transform(texts)
    described = {k: vectorizer.transform([model_input(d) for d in v])
                 for k, v in descriptions.items()}
    codes: dict[str, tuple[str, ...]] = {}
    weights: dict[str, Any] = {}
    intercepts: dict[str, Any] = {}
    for kind in KINDS:
        trained: list[str] = []
        rows: list[Any] = []
        biases: list[float] = []
        xk = vstack([x, described[kind]]) if DESCRIPTIONS_AS_EXAMPLES else x
        for entry in entries(kind):
            y = [1 if entry.code in i.codes(kind) else 0 for i in items]
            if not 0 < sum(y) < len(y):
                continue  # never (or always) labelled: scored by its names alone
            if DESCRIPTIONS_AS_EXAMPLES:
                y += [1 if e.code == entry.code else 0 for e in entries(kind)]
            est = LogisticRegression(C=C, solver="liblinear", class_weight="balanced")
            est.fit(xk, y)
            trained.append(entry.code)
            rows.append(est.coef_[0])
            biases.append(float(est.intercept_[0]))
        codes[kind] = tuple(trained)
        weights[kind] = np.vstack(rows) if rows else np.zeros((0, x.shape[1]))
        intercepts[kind] = np.asarray(biases)
    return Model(version, vectorizer, tuple(vectorizer.get_feature_names_out()), codes,
                 weights, intercepts, {k: vectorizer.transform(v).toarray() for k, v in
                                       descriptions.items()})


def version_of(labelled: LabelledSet) -> str:
    """The model's version: its name, and the first 12 hex of the training set's SHA-256."""
    return f"{MODEL_NAME}+{labelled.sha256[:12]}"


@functools.cache
def default_model() -> Model:
    """The model trained on the project's labelled set (trained once per process)."""
    labelled = default_set()
    return train(labelled.items, version_of(labelled))


