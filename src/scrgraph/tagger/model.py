"""The learned part of the tagger: TF-IDF over a recommendation's words, stemmed (for standards,
runs of characters too), and the names of codes it matched, with one logistic regression per
code, trained on a labelled set.

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

MODEL_NAME = "tfidf-logreg-2"
"""Changes when the way the model is built changes; the version adds the training data's hash."""

C = 4.0
"""The regularisation of each logistic regression (chosen by review-grouped cross-validation
on the labelled set: see the README's tagger section)."""

FEATURES = {"themes": "words", "standards": "words and characters"}
"""What each kind's regressions read (chosen by review-grouped cross-validation on the labelled
set): themes, the text's words (stemmed) and pairs of words; standards, those and the runs of
4 and 5 characters within its words as well, which let a standard's outcome match the many
ways a recommendation words it."""

_CHARS = "~"
"""The prefix of a run-of-characters feature (never shown as evidence)."""


@dataclass(frozen=True)
class Model:
    version: str
    vectorizers: dict[str, Any]
    """Feature set (a value of :data:`FEATURES`) -> its fitted TfidfVectorizer (vocabulary and
    weights; see :meth:`vector`)."""
    features: dict[str, tuple[str, ...]]
    """Feature set -> its features' names, by column."""
    codes: dict[str, tuple[str, ...]]
    """Kind -> the codes the model was trained on (those the labelled set has)."""
    weights: dict[str, Any]
    """Kind -> the models' coefficients, one row per code (a numpy array)."""
    intercepts: dict[str, Any]
    descriptions: dict[str, Any]
    """Kind -> the TF-IDF vectors (words) of each code's description (dense rows, in
    :func:`entries` order)."""

    @property
    def vectorizer(self) -> Any:
        """The words' vectorizer: what the similarities to descriptions compare."""
        return self.vectorizers["words"]

    @functools.cached_property
    def _analysers(self) -> dict[str, Any]:
        return {k: v.build_analyzer() for k, v in self.vectorizers.items()}

    @functools.cached_property
    def _vocabularies(self) -> dict[str, dict[str, int]]:
        return {name: {str(k): int(v) for k, v in vec.vocabulary_.items()}
                for name, vec in self.vectorizers.items()}

    def vector(self, doc: str, features: str = "words") -> tuple[Any, Any]:
        """The document's TF-IDF vector in one feature set, as (feature indexes, values): what
        the fitted vectorizer's ``transform`` gives (sublinear tf times idf, unit length),
        computed directly, because scikit-learn's checks on each call cost more than the
        sum."""
        import numpy as np

        vocabulary = self._vocabularies[features]
        counts: dict[int, int] = {}
        for token in self._analysers[features](doc):
            j = vocabulary.get(token)
            if j is not None:
                counts[j] = counts.get(j, 0) + 1
        idx = np.fromiter(sorted(counts), dtype=np.int64, count=len(counts))
        tf = np.array([1.0 + np.log(counts[j]) for j in idx])
        vals = tf * self.vectorizers[features].idf_[idx]
        norm = float(np.sqrt((vals * vals).sum()))
        return idx, (vals / norm if norm else vals)

    def scores(self, text: str, kind: str) -> dict[str, tuple[float, tuple[str, ...]]]:
        """Code -> (probability, the words that weighed most for it) for the codes the model
        was trained on."""
        import numpy as np

        if not len(self.codes[kind]):
            return {}
        names = self.features[FEATURES[kind]]
        cols, vals = self.vector(model_input(text), FEATURES[kind])
        contributions = self.weights[kind][:, cols] * vals  # codes x the text's features
        logits = contributions.sum(axis=1) + self.intercepts[kind]
        probs = 1.0 / (1.0 + np.exp(-logits))
        out: dict[str, tuple[float, tuple[str, ...]]] = {}
        for i, code in enumerate(self.codes[kind]):
            order = np.argsort(-contributions[i], kind="stable")
            strongest = tuple(names[cols[j]] for j in order
                              if contributions[i, j] > 0
                              and not names[cols[j]].startswith(("__", _CHARS)))[:3]
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


_SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "ied", "ers", "ed", "es", "s")


def stem(word: str) -> str:
    """A light stemmer, so that "referrals" and "referral", "fathers" and "father", "assessing"
    and "assess" are one word to the model: the first of a few endings is cut where at least
    four letters are left ("ies"/"ied" become "y")."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[:-len(suffix)] + ("y" if suffix in ("ies", "ied") else "")
    return word


def _analyzer(chars: bool = False) -> Any:
    """Words (stemmed) and pairs of words of the text (stop words out); with ``chars``, the
    runs of 4 and 5 characters within its words too; and the match words as they are (never
    paired with the text's words)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    words = TfidfVectorizer(stop_words="english").build_analyzer()
    runs = TfidfVectorizer(analyzer="char_wb", ngram_range=(4, 5)).build_analyzer()

    def analyse(doc: str) -> list[str]:
        text, _, matched = doc.partition(_SEPARATOR)
        stems = [stem(w) for w in words(text)]
        found = [*stems, *(f"{a} {b}" for a, b in zip(stems, stems[1:], strict=False))]
        if chars:
            found += [_CHARS + r for r in runs(text)]
        return [*found, *matched.split()]

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
    texts = [model_input(i.text) for i in items]
    vectorizers: dict[str, Any] = {}
    for name in ("words", *sorted(set(FEATURES.values()) - {"words"})):
        vectorizer = TfidfVectorizer(analyzer=_analyzer(chars=name != "words"),
                                     sublinear_tf=True)
        vectorizer.fit(texts + [d for ds in descriptions.values() for d in ds])
        vectorizers[name] = vectorizer
    codes: dict[str, tuple[str, ...]] = {}
    weights: dict[str, Any] = {}
    intercepts: dict[str, Any] = {}
    for kind in KINDS:
        vectorizer = vectorizers[FEATURES[kind]]
        x = vectorizer.transform(texts)
        described = vectorizer.transform([model_input(d) for d in descriptions[kind]])
        trained: list[str] = []
        rows: list[Any] = []
        biases: list[float] = []
        xk = vstack([x, described]) if DESCRIPTIONS_AS_EXAMPLES else x
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
    words = vectorizers["words"]
    return Model(version, vectorizers,
                 {k: tuple(v.get_feature_names_out()) for k, v in vectorizers.items()},
                 codes, weights, intercepts,
                 {k: words.transform(v).toarray() for k, v in descriptions.items()})


def version_of(labelled: LabelledSet) -> str:
    """The model's version: its name, and the first 12 hex of the training set's SHA-256."""
    return f"{MODEL_NAME}+{labelled.sha256[:12]}"


@functools.cache
def default_model() -> Model:
    """The model trained on the project's labelled set (trained once per process)."""
    labelled = default_set()
    return train(labelled.items, version_of(labelled))


