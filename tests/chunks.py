"""Loads prepared in chunks checked against the same loads prepared whole.

:func:`compare_with_whole` makes every load of a test go through the chunked path with a few
reviews a chunk, and checks each against the whole-graph path on the same sources: the same
problems (in order), or the same notes, warnings, provenance, count of suggestions and rows
(the suggestions' among them).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from scrgraph.errors import ValidationFailed
from scrgraph.framework.concepts import Theme
from scrgraph.framework.ontology import ontology_graph
from scrgraph.ingest.pipeline import Prepared, prepare_sources
from scrgraph.store import chunked
from scrgraph.store.loads import framework_iris, load_rows
from scrgraph.store.mapping import Neo4jMapping
from scrgraph.store.rows import PropertyGraph


def whole_rows(prepared: Prepared) -> PropertyGraph:
    """The rows today's path writes for ``prepared`` (no decisions held)."""
    ontology = ontology_graph()
    return load_rows(prepared.data, prepared.sources, ontology, Neo4jMapping(ontology),
                     framework_iris(ontology), [])


def assert_same(got: chunked.Chunked | ValidationFailed, whole: Prepared | ValidationFailed,
                ) -> None:
    """A chunked preparation (or its failure) is what the whole-graph path gave."""
    if isinstance(got, ValidationFailed):
        assert isinstance(whole, ValidationFailed), "the chunks refused what the whole passed"
        assert got.problems == whole.problems
        return
    assert isinstance(whole, Prepared), f"the whole graph was refused: {whole}"
    assert got.notes == whole.notes
    assert got.warnings == whole.warnings
    assert got.suggested == whole.suggested
    (source,) = whole.sources
    assert (got.source.path, got.source.reviews, got.source.rows, got.source.sha256) == (
        source.path, source.reviews, source.rows, source.sha256)
    rows = whole_rows(whole)
    assert got.rows is not None
    assert got.rows.nodes == rows.nodes
    assert got.rows.rels == rows.rels


def compare_with_whole(monkeypatch: pytest.MonkeyPatch, chunk_reviews: int = 2
                       ) -> list[chunked.Chunked | ValidationFailed | None]:
    """Chunks of ``chunk_reviews`` reviews for every load from here on, each checked against
    the whole-graph path; returns what each chunked preparation gave (None when it left the
    load to the whole-graph path), for a test to see that the chunks were used."""
    original: Callable[..., chunked.Chunked | None] = chunked.prepare_chunked
    seen: list[chunked.Chunked | ValidationFailed | None] = []

    def checked(paths: Sequence[Path], *, suggest: bool = False,
                held_themes: Callable[[], Sequence[Theme]] | None = None,
                **options: Any) -> chunked.Chunked | None:
        got: chunked.Chunked | ValidationFailed | None
        try:
            got = original(paths, suggest=suggest, held_themes=held_themes, **options)
        except ValidationFailed as failed:
            got = failed
        seen.append(got)
        if got is not None:
            whole: Prepared | ValidationFailed
            try:
                whole = prepare_sources(paths, suggest=suggest, held_themes=held_themes)
            except ValidationFailed as failed:
                whole = failed
            assert_same(got, whole)
        if isinstance(got, ValidationFailed):
            raise got
        return got

    monkeypatch.setattr(chunked, "CHUNK_REVIEWS", chunk_reviews)
    monkeypatch.setattr(chunked, "prepare_chunked", checked)
    return seen
