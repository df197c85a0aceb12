"""The learned part of the tagger: TF-IDF over a recommendation's words, stemmed (for standards,
runs of characters too), and the names of codes it matched, with one logistic regression per
code, trained on a labelled set.

Small and deterministic: trained in about a second on the CPU from the labelled set in the
package (the same data always gives the same model); nothing is downloaded. The trained model
is kept in scrgraph's cache folder (numbers and names only, no pickled objects), so a later
process loads it in milliseconds and never imports scikit-learn, which costs more than the
training itself; anything else in the inputs (the labelled set, the ontology's names, this
code, the libraries' versions) gives another file. scikit-learn is imported only to train.
"""

from __future__ import annotations

import ast
import contextlib
import functools
import hashlib
import importlib.metadata
import importlib.util
import json
import logging
import os
import re
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scrgraph.framework.ontology import ontology_path
from scrgraph.resources import cache_dir
from scrgraph.tagger.labelled import Labelled, LabelledSet, default_set
from scrgraph.tagger.vocabulary import KINDS, entries, match_tokens

log = logging.getLogger(__name__)

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
    vocabularies: dict[str, dict[str, int]]
    """Feature set (a value of :data:`FEATURES`) -> feature -> its column."""
    idf: dict[str, Any]
    """Feature set -> each column's inverse document frequency (a numpy array)."""
    codes: dict[str, tuple[str, ...]]
    """Kind -> the codes the model was trained on (those the labelled set has)."""
    weights: dict[str, Any]
    """Kind -> the models' coefficients, one row per code (a numpy array)."""
    intercepts: dict[str, Any]
    descriptions: dict[str, Any]
    """Kind -> the TF-IDF vectors (words) of each code's description (dense rows, in
    :func:`entries` order)."""

    @functools.cached_property
    def features(self) -> dict[str, tuple[str, ...]]:
        """Feature set -> its features' names, by column."""
        return {name: tuple(sorted(vocabulary, key=vocabulary.__getitem__))
                for name, vocabulary in self.vocabularies.items()}

    @functools.cached_property
    def _analysers(self) -> dict[str, Callable[[str], list[str]]]:
        return {name: _analyzer(chars=name != "words") for name in self.vocabularies}

    def vector(self, doc: str, features: str = "words") -> tuple[Any, Any]:
        """The document's TF-IDF vector in one feature set, as (feature indexes, values): what
        the fitted vectorizer's ``transform`` gives (sublinear tf times idf, unit length),
        computed directly, because scikit-learn's checks on each call cost more than the
        sum."""
        import numpy as np

        vocabulary = self.vocabularies[features]
        counts: dict[int, int] = {}
        for token in self._analysers[features](doc):
            j = vocabulary.get(token)
            if j is not None:
                counts[j] = counts.get(j, 0) + 1
        idx = np.fromiter(sorted(counts), dtype=np.int64, count=len(counts))
        tf = np.array([1.0 + np.log(counts[j]) for j in idx])
        vals = tf * self.idf[features][idx]
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


_TOKEN = re.compile(r"(?u)\b\w\w+\b")
_SPACES = re.compile(r"\s\s+")


@functools.cache
def _stop_words() -> frozenset[str]:
    """scikit-learn's English stop words, read from its source without importing it (the
    import alone takes longer than tagging a thousand recommendations)."""
    spec = importlib.util.find_spec("sklearn")
    assert spec is not None and spec.origin is not None, "scikit-learn is not installed"
    source = Path(spec.origin).parent / "feature_extraction" / "_stop_words.py"
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if (isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)
                and any(isinstance(t, ast.Name) and t.id == "ENGLISH_STOP_WORDS"
                        for t in node.targets)):
            return frozenset(ast.literal_eval(node.value.args[0]))
    raise RuntimeError(f"no ENGLISH_STOP_WORDS in {source}")


def _words(text: str) -> list[str]:
    """scikit-learn's word analyser with ``stop_words="english"``: lower-cased runs of two or
    more word characters, stop words out."""
    stop = _stop_words()
    return [w for w in _TOKEN.findall(text.lower()) if w not in stop]


def _runs(text: str) -> list[str]:
    """scikit-learn's ``char_wb`` analyser for runs of 4 and 5 characters: within each word,
    padded with a space at each end; a word shorter than a run counted once."""
    found: list[str] = []
    for word in _SPACES.sub(" ", text.lower()).split():
        padded = f" {word} "
        for n in (4, 5):
            offset = 0
            found.append(padded[offset:offset + n])
            while offset + n < len(padded):
                offset += 1
                found.append(padded[offset:offset + n])
            if offset == 0:
                break
    return found


def _analyzer(chars: bool = False) -> Callable[[str], list[str]]:
    """Words (stemmed) and pairs of words of the text (stop words out); with ``chars``, the
    runs of 4 and 5 characters within its words too; and the match words as they are (never
    paired with the text's words)."""

    def analyse(doc: str) -> list[str]:
        text, _, matched = doc.partition(_SEPARATOR)
        stems = [stem(w) for w in _words(text)]
        found = [*stems, *(f"{a} {b}" for a, b in zip(stems, stems[1:], strict=False))]
        if chars:
            found += [_CHARS + r for r in _runs(text)]
        return [*found, *matched.split()]

    return analyse


_SEPARATOR = "\x1f"


def model_input(text: str) -> str:
    """What the model reads: the text, and a word for each code whose name it contains."""
    return text + _SEPARATOR + " ".join(match_tokens(text))


def _descriptions() -> dict[str, list[str]]:
    return {kind: [e.description for e in entries(kind)] for kind in (*KINDS, "quadrants")}


def fit_vectorizers(items: Sequence[Labelled]) -> dict[str, Any]:
    """Feature set -> its scikit-learn TfidfVectorizer, fitted on the labelled texts and the
    codes' descriptions (what :func:`train` fits)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [model_input(i.text) for i in items]
    descriptions = _descriptions()
    vectorizers: dict[str, Any] = {}
    for name in ("words", *sorted(set(FEATURES.values()) - {"words"})):
        vectorizer = TfidfVectorizer(analyzer=_analyzer(chars=name != "words"),
                                     sublinear_tf=True)
        vectorizer.fit(texts + [d for ds in descriptions.values() for d in ds])
        vectorizers[name] = vectorizer
    return vectorizers


def train(items: Sequence[Labelled], version: str) -> Model:
    """Train on labelled recommendations (deterministic: liblinear, no randomness used)."""
    import numpy as np
    from scipy.sparse import vstack
    from sklearn.linear_model import LogisticRegression

    descriptions = _descriptions()
    texts = [model_input(i.text) for i in items]
    vectorizers = fit_vectorizers(items)
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
    return Model(version,
                 {name: {str(k): int(v) for k, v in vec.vocabulary_.items()}
                  for name, vec in vectorizers.items()},
                 {name: np.asarray(vec.idf_, dtype=np.float64)
                  for name, vec in vectorizers.items()},
                 codes, weights, intercepts,
                 {k: words.transform(v).toarray() for k, v in descriptions.items()})


def version_of(labelled: LabelledSet) -> str:
    """The model's version: its name, and the first 12 hex of the training set's SHA-256."""
    return f"{MODEL_NAME}+{labelled.sha256[:12]}"


# -- the trained model, kept ---------------------------------------------------------------------

def _library_version(name: str) -> str:
    with contextlib.suppress(importlib.metadata.PackageNotFoundError):
        return importlib.metadata.version(name)
    return "none"


def model_file(labelled: LabelledSet) -> Path:
    """Where the model trained on ``labelled`` is kept: named by a digest of everything that
    makes it what it is (its version, the labelled set, the ontology's names and descriptions,
    this module's and the vocabulary's code, and the libraries that train it)."""
    from scrgraph.tagger import vocabulary

    digest = hashlib.sha256()
    for part in (version_of(labelled).encode(), labelled.sha256.encode(),
                 ontology_path().read_bytes(), Path(__file__).read_bytes(),
                 Path(vocabulary.__file__).read_bytes(),
                 *(f"{lib}={_library_version(lib)}".encode()
                   for lib in ("scikit-learn", "numpy", "scipy"))):
        digest.update(hashlib.sha256(part).digest())
    return cache_dir() / "tagger" / f"{MODEL_NAME}-{digest.hexdigest()[:20]}.npz"


def save(model: Model, path: Path) -> None:
    """Write ``model`` to ``path`` (numbers and names only), whole or not at all."""
    import numpy as np

    arrays: dict[str, Any] = {}
    for name, idf in model.idf.items():
        arrays[f"idf/{name}"] = idf
    for kind in model.weights:
        arrays[f"weights/{kind}"] = model.weights[kind]
        arrays[f"intercepts/{kind}"] = model.intercepts[kind]
    for kind, rows in model.descriptions.items():
        arrays[f"descriptions/{kind}"] = rows
    names = {"version": model.version, "codes": {k: list(v) for k, v in model.codes.items()},
             "features": {k: list(v) for k, v in model.features.items()}}
    arrays["names"] = np.array(json.dumps(names, ensure_ascii=False))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, part = tempfile.mkstemp(prefix=path.stem, suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            np.savez(handle, allow_pickle=False, **arrays)
        os.replace(part, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(part)


def load(path: Path) -> Model:
    """A model :func:`save` wrote (no pickled objects are read)."""
    import numpy as np

    with np.load(path, allow_pickle=False) as held:
        names = json.loads(str(held["names"]))
        arrays = {key: held[key] for key in held.files if key != "names"}

    def part(prefix: str) -> dict[str, Any]:
        return {k.split("/", 1)[1]: v for k, v in arrays.items() if k.startswith(prefix + "/")}

    return Model(names["version"],
                 {name: {f: j for j, f in enumerate(features)}
                  for name, features in names["features"].items()},
                 part("idf"), {k: tuple(v) for k, v in names["codes"].items()},
                 part("weights"), part("intercepts"), part("descriptions"))


@functools.cache
def default_model() -> Model:
    """The model trained on the project's labelled set: read from the cache folder when a
    process trained it before, else trained (once per process) and kept there."""
    labelled = default_set()
    version = version_of(labelled)
    path = model_file(labelled)
    if path.is_file():
        try:
            model = load(path)
            if model.version == version:
                return model
        except Exception as error:  # noqa: BLE001 - a damaged file is trained again
            log.debug("the tagger's kept model %s is unreadable (%s): training", path, error)
    model = train(labelled.items, version)
    try:
        save(model, path)
    except OSError as error:
        log.debug("could not keep the tagger's model in %s: %s", path, error)
    return model
