"""A load of one workbook (or CSV folder) prepared in chunks of reviews, in worker processes.

The corpus as one rdflib graph, and the SHACL engine's working set over it, were most of a
large load's memory, and mapping, checking and validating it ran on one core. Here the
workbook is read and checked as today (:func:`~scrgraph.ingest.pipeline.read_tabular`), then
split into chunks: each holds some reviews with their recommendations and actions, and every
item of the sheets they point at (Partnerships, Themes, Agencies: *shared*). A worker maps its
chunk to RDF, runs the SMART check and the SHACL gate, and, when it conforms, maps it to
property-graph rows (the same functions as the whole-graph path); it returns only rows,
violations and notes, and its graph dies with the chunk. The main process merges them and
writes the rows as a load of the whole graph would, in one transaction.

This gives what the whole graph gives because every rule looks at an item with what its row
points at (an action, its recommendation and that recommendation's review are in one chunk,
the shared items in all). What would make chunks interact sends the load down the whole-graph
path (:func:`prepare_chunked` returns None): a node other than a shared one in two chunks, a
shared node or relationship that two chunks map differently, a violation two chunks place
differently, a shared sheet pointing at a chunked one. So do the loads that path has steps for
which chunks have none: several sources, RDF sources, local themes the graph holds (declared
in earlier loads by a partnership whose reviews the load holds), and a load that fits in one
chunk.

The tagger's suggestions are made chunk by chunk too: each is made for one recommendation, from
its text, the local themes the load declares (a shared sheet) and the partnerships that
commissioned its review (in its chunk). A worker whose chunk passes the gate adds them to its
graph (the day of the load decided once, here), puts what it added through the gate
(:func:`~scrgraph.ingest.suggestions.added_violations`) and maps them to rows with the rest;
the model is read once per worker process (``default_model`` is cached).

A reload finds in the graph suggestions, and analysts' decisions on them, for its
recommendations (read once the chunks passed, just before the write: suggestions-held). They
are folded in chunk by chunk too (:func:`with_decisions`): each concerns one recommendation,
and each chunk's worker gets those of its own. The chunks were let go of once sent, so the
source is read and split again (checked to be the bytes the first pass read); a worker maps
its chunk, runs the SMART check (the rows carry its gaps), adds the tagger's suggestions of
the first pass's day, folds the decisions in and checks them as the whole-graph path does
(:func:`~scrgraph.store.loads.decided_rows`); the sources and the suggestions, checked in the
first pass, are not checked again. A decision that does not conform refuses the load with the
problems the whole graph gives, in its order; chunks that interact, or a source changed since
the first pass, send it down the whole-graph path.
"""

from __future__ import annotations

import datetime as dt
import functools
import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from multiprocessing.connection import wait as wait_for
from pathlib import Path
from typing import Any

from neo4j import ManagedTransaction
from rdflib import URIRef

from scrgraph.framework.concepts import Theme
from scrgraph.framework.ontology import ontology_graph
from scrgraph.ingest.format import SheetSpec, Workbook, workbook_spec
from scrgraph.ingest.pipeline import (
    SourceRead,
    SourceResolver,
    locate,
    read_failure,
    read_tabular,
    shape_violations,
    smart_gap_notes,
    source_sha256,
    workbook_rows,
)
from scrgraph.ingest.problems import Problem
from scrgraph.ingest.rdffiles import RDF_FORMATS
from scrgraph.ingest.shacl import Violation, report_order
from scrgraph.ingest.tordf import OntologyTerms, expand, workbook_to_rdf
from scrgraph.results import LoadReport, Progress
from scrgraph.store.db import Database
from scrgraph.store.loads import (
    carried_problem,
    decided_rows,
    framework_iris,
    with_held_decisions,
    write_rows,
)
from scrgraph.store.mapping import Neo4jMapping
from scrgraph.store.rows import NodeRow, PropertyGraph, RelRow

CHUNK_REVIEWS = 100
"""How many reviews a chunk holds (with their recommendations and actions)."""

_ROOT = "Reviews"
"""The sheet chunks are cut along: a chunk is some of its rows and the rows that point at
them."""


@dataclass
class Chunked:
    """One source read, validated and mapped to rows chunk by chunk: ready to write."""

    source: SourceRead
    """The source, its graph holding only the shared sheets and the Reviews sheet."""
    rows: PropertyGraph | None
    """None once let go of: when the graph holds decisions for the load's recommendations,
    :func:`load_chunked` prepares the rows again with them, and lets go of these first, so that
    the process never holds both."""
    notes: tuple[Problem, ...]
    recommendations: tuple[str, ...]
    """The IRIs of its recommendations, sorted."""
    suggested: int = 0
    """How many codes the tagger suggested for recommendations no analyst coded."""
    day: dt.date | None = None
    """The day of the tagger's suggestions (None: none asked for)."""
    chunk_reviews: int = CHUNK_REVIEWS
    """How many reviews a chunk held."""

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return self.source.warnings


@dataclass(frozen=True)
class _ChunkResult:
    """What a worker returns of one chunk: never its graph."""

    violations: tuple[tuple[Violation, Problem], ...]
    notes: tuple[tuple[str, Problem], ...]
    rows: PropertyGraph | None
    """None when the chunk, or what the tagger added to it, does not conform."""
    recommendations: tuple[str, ...]
    suggested: int = 0
    """How many codes the tagger suggested (suggestions asked for, the chunk conforming)."""
    added_violations: tuple[tuple[Violation, Problem], ...] = ()
    """The violations the tagger's suggestions bring (the chunk conforming)."""
    carried: tuple[tuple[Violation, Problem], ...] = ()
    """The violations the decisions the graph holds bring, once folded in (rows None)."""


@dataclass(frozen=True)
class _Merged:
    """The chunks' results together."""

    violations: list[Problem]
    """The sources' violations, located, in a report's order."""
    added_violations: list[Problem]
    """Those the tagger's suggestions bring, likewise."""
    notes: tuple[Problem, ...]
    rows: PropertyGraph
    recommendations: tuple[str, ...]
    suggested: int
    carried: list[Problem]
    """Those the decisions the graph holds bring, likewise."""


def prepare_chunked(paths: Sequence[Path], *, suggest: bool = False,
                    held_themes: Callable[[], Sequence[Theme]] | None = None,
                    progress: Progress | None = None,
                    chunk_reviews: int | None = None) -> Chunked | None:
    """Prepare a load of ``paths`` chunk by chunk, as
    :func:`~scrgraph.ingest.pipeline.prepare_sources` would prepare it whole (the same problems
    raised, in the same order, the same notes, the same rows); None when it must be prepared
    whole (see the module's doc)."""
    if len(paths) != 1 or paths[0].suffix.lower() in RDF_FORMATS:
        return None
    path = paths[0]
    ontology = ontology_graph()
    resolver = SourceResolver(ontology)
    if progress:
        progress("Reading", 0, 1)
    workbook, problems = read_tabular(path, resolver)
    if workbook is None:
        raise read_failure(problems, resolver, held_themes)
    if progress:
        progress("Reading", 1, 1)
    chunks = split_workbook(workbook, chunk_reviews or CHUNK_REVIEWS)
    if chunks is None or len(chunks) < 2:
        return None
    shared = _shared_sheets(workbook_spec().sheets)
    frame = workbook_to_rdf(
        Workbook(path, {name: items for name, items in workbook.items.items()
                        if name in shared or name == _ROOT}), ontology, resolver.local_iris)
    source = SourceRead(path, frame.graph, frame.origin, frame.reviews, workbook_rows(workbook),
                        source_sha256(path), tuple(workbook.warnings))
    del workbook
    # The day of the load's suggestions: one for every chunk, as for the whole graph.
    day = dt.datetime.now(dt.UTC).date() if suggest else None
    merged = _merge(_run(chunks, resolver.local_iris, day, progress),
                    _shared_iris(frame.origin))
    if merged is None:
        return None
    from scrgraph.errors import ValidationFailed

    if merged.violations:
        raise ValidationFailed(merged.violations)
    if held_themes is not None:
        from scrgraph.ingest.suggestions import held_for

        # Known only once the sources pass; the whole graph suggests them and carries them.
        if held_for(frame.graph, held_themes()):
            return None
    if merged.added_violations:
        raise ValidationFailed(merged.added_violations)
    return Chunked(source, merged.rows, merged.notes, merged.recommendations, merged.suggested,
                   day, chunk_reviews or CHUNK_REVIEWS)


def load_chunked(database: Database, chunked: Chunked, *, sync: bool = False,
                 confirmed: bool = False, replace: bool = False,
                 progress: Progress | None = None) -> LoadReport | None:
    """Write a load prepared in chunks as :func:`~scrgraph.store.loads.load_prepared` writes
    one prepared whole. When the graph holds suggestions or decisions on them for its
    recommendations, its rows are prepared again chunk by chunk with them folded in
    (:func:`with_decisions`; raises the ValidationFailed the whole-graph path raises when one
    does not conform); None, writing nothing, when the chunks cannot do that (the whole-graph
    path then does)."""
    from scrgraph.errors import ValidationFailed

    ontology = ontology_graph()
    mapping = Neo4jMapping(ontology)
    framework = framework_iris(ontology)

    def write(held: list[dict[str, Any]],
              precondition: Callable[[ManagedTransaction], None]) -> LoadReport | None:
        rows = chunked.rows
        if held or rows is None:  # (None: let go of by an earlier try, which had decisions)
            chunked.rows = rows = None
            merged = with_decisions(chunked, held, progress)
            if merged is None:
                return None
            if merged.carried:
                raise ValidationFailed(merged.carried)
            rows = merged.rows
        return write_rows(database, rows, [chunked.source], ontology, mapping,
                          framework, precondition, referenced=(), sync=sync,
                          confirmed=confirmed, replace=replace, progress=progress)

    return with_held_decisions(database, list(chunked.recommendations), write)


def with_decisions(chunked: Chunked, held: list[dict[str, Any]],
                 progress: Progress | None = None) -> _Merged | None:
    """The rows of a load prepared in chunks with the suggestions and decisions the graph holds
    for its recommendations (``held``, suggestions-held) folded in, as
    :func:`~scrgraph.store.loads.load_rows` folds them into the whole graph: each chunk,
    re-read and split again (the first pass let go of them), mapped, SMART-checked and given
    the tagger's suggestions of the first pass's day in a worker, with the held rows of its
    own recommendations. The sources passed the SHACL gate in the first pass: not checked
    again. None when the chunks cannot give it: the source changed since, or the chunks
    interact."""
    path = chunked.source.path
    resolver = SourceResolver(ontology_graph())
    workbook, _ = read_tabular(path, resolver)
    if workbook is None or source_sha256(path) != chunked.source.sha256:
        return None  # changed since the first pass: the whole graph reads and checks it again
    chunks = split_workbook(workbook, chunked.chunk_reviews)
    del workbook
    if chunks is None:
        return None
    by_recommendation: dict[str, list[dict[str, Any]]] = {}
    for held_row in held:
        by_recommendation.setdefault(str(held_row["recommendation"]), []).append(held_row)
    terms = OntologyTerms(ontology_graph())
    classes = [(sheet.name, expand(f"nscb:{sheet.cls}")) for sheet in workbook_spec().sheets
               if sheet.cls == "Recommendation"]
    held_of = [[held_row for name, cls in classes for item in chunk.sheet(name)
                for held_row in by_recommendation.pop(str(terms.instance(cls, item.id)), [])]
               for chunk in chunks]
    if by_recommendation:
        return None  # held for a recommendation no chunk holds: never, the IRIs being the load's
    merged = _merge(_run(chunks, resolver.local_iris, chunked.day, progress, held_of),
                    _shared_iris(chunked.source.origin))
    if merged is None or merged.recommendations != chunked.recommendations:
        return None
    return merged


def _shared_iris(origin: Mapping[URIRef, tuple[str, str, int]]) -> frozenset[str]:
    """The IRIs every chunk may hold: the framework's, and the items of the shared sheets
    (by ``origin``, of a source's items)."""
    shared = _shared_sheets(workbook_spec().sheets)
    return framework_iris(ontology_graph()) | {str(iri) for iri, (_, sheet, _) in origin.items()
                                               if sheet in shared}


def _shared_sheets(sheets: Sequence[SheetSpec]) -> frozenset[str]:
    """The sheets every chunk holds whole: those no row of the Reviews sheet, or of a sheet
    pointing at it (at any remove), belongs to."""
    chunked = {_ROOT}
    grown = True
    while grown:
        grown = False
        for sheet in sheets:
            if sheet.name not in chunked and any(c.ref in chunked for c in sheet.columns):
                chunked.add(sheet.name)
                grown = True
    return frozenset(s.name for s in sheets if s.name not in chunked)


def split_workbook(workbook: Workbook, chunk_reviews: int) -> list[Workbook] | None:
    """The chunks of ``workbook``, each with about ``chunk_reviews`` reviews, the rows that
    point at them (at any remove) and every row of the shared sheets, rows in their sheets'
    order; None when the sheets cannot be cut apart (a shared sheet points at a chunked one,
    or a column fills a shared item's property from a chunked row)."""
    sheets = workbook_spec().sheets
    shared = _shared_sheets(sheets)
    for sheet in sheets:
        for column in sheet.columns:
            inverse = bool(column.term and column.term.startswith("^"))
            if column.ref and sheet.name in shared and column.ref not in shared:
                return None
            if column.ref in shared and inverse and sheet.name not in shared:
                return None
    # Rows that point at each other (at any remove) go to one chunk: union-find on them.
    parent: dict[tuple[str, str], tuple[str, str]] = {}

    def root(key: tuple[str, str]) -> tuple[str, str]:
        while parent.setdefault(key, key) != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for sheet in sheets:
        if sheet.name in shared:
            continue
        refs = [c for c in sheet.columns if c.ref and c.ref not in shared]
        for item in workbook.sheet(sheet.name):
            for column in refs:
                value = item.values.get(column.field)
                for target in value if isinstance(value, list) else [value]:
                    if target is not None:
                        parent[root((sheet.name, item.id))] = root((column.ref or "",
                                                                    str(target)))
    chunk_of: dict[tuple[str, str], int] = {}
    sizes: list[int] = []
    for review in workbook.sheet(_ROOT):
        group = root((_ROOT, review.id))
        if group not in chunk_of:
            if not sizes or sizes[-1] >= chunk_reviews:
                sizes.append(0)
            chunk_of[group] = len(sizes) - 1
        sizes[chunk_of[group]] += 1
    chunks = [Workbook(workbook.source) for _ in sizes]
    for sheet in sheets:
        if sheet.name not in workbook.items:
            continue
        for chunk in chunks:
            chunk.items[sheet.name] = (list(workbook.items[sheet.name])
                                       if sheet.name in shared else [])
        if sheet.name in shared:
            continue
        for item in workbook.items[sheet.name]:
            index = chunk_of.get(root((sheet.name, item.id)))
            if index is None:
                return None  # a row no review holds: the shapes judge it in the whole graph
            chunks[index].items[sheet.name].append(item)
    return chunks


def _workers(chunks: int) -> int:
    return max(1, min(os.cpu_count() or 1, chunks))


def _run(chunks: list[Workbook], local_iris: Mapping[str, URIRef], day: dt.date | None,
         progress: Progress | None, held: list[list[dict[str, Any]]] | None = None
         ) -> Iterator[_ChunkResult]:
    """Each chunk prepared in a worker process, a few at a time (their results as they come;
    the chunks sent only as workers take them, and let go of here once sent: ``chunks`` and
    ``held`` are emptied). With ``held`` (each chunk's held rows), the decisions folded in,
    without the SHACL gate (:func:`with_decisions`)."""
    total = len(chunks)
    workers = _workers(total)
    queue = deque(zip(chunks, held if held is not None else [None] * total, strict=True))
    chunks.clear()
    if held is not None:
        held.clear()
    # forkserver: a worker never inherits the threads (a driver's, a web server's) and locks
    # of the process that loads.
    context = multiprocessing.get_context("forkserver")
    # Short enough to leave the bar and its count room in an 80-column terminal.
    stage = ("Carrying decisions" if held is not None else
             "Checking against the shapes" if day is None else "Checking, suggesting codes")
    done = 0
    with ProcessPoolExecutor(workers, mp_context=context, initializer=watch_parent) as pool:
        pending: set[Future[_ChunkResult]] = set()
        try:
            while True:
                while len(pending) < 2 * workers and queue:
                    chunk, its_held = queue.popleft()
                    pending.add(pool.submit(_prepare_chunk, chunk, dict(local_iris), day,
                                            its_held))
                if not pending:
                    break
                if progress:
                    progress(stage, done, total)
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    done += 1
                    yield future.result()
        finally:  # the merge stopped early (the whole-graph path takes over), or failed
            for future in pending:
                future.cancel()
    if progress:
        progress(stage, total, total)


def watch_parent() -> None:
    """In a worker: end it as soon as the process that loads is gone. A worker waits for
    chunks on a queue whose other end it holds itself, so it would outlive a load killed
    before it finished (a closed terminal, a stopped service), holding a chunk's memory for as
    long as the machine runs. Watched through the parent's sentinel (a pipe that closes when
    the parent ends, reaped or not), not its pid."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        wait_for([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="watch-parent", daemon=True).start()


def _prepare_chunk(workbook: Workbook, local_iris: dict[str, URIRef], day: dt.date | None,
                   held: list[dict[str, Any]] | None = None) -> _ChunkResult:
    """In a worker: one chunk mapped, checked and validated and, when it conforms, given the
    tagger's suggestions of ``day`` (unless None), those checked, and mapped to rows, as the
    whole-graph path does each of these. With ``held`` (its recommendations' held rows; the
    load's second pass, its sources and suggestions having passed the gate in the first): not
    checked again, and the decisions folded in and checked."""
    from scrgraph.ingest.suggestions import add_suggestions, added_violations, recommendation_iris

    ontology = ontology_graph()
    mapped = workbook_to_rdf(workbook, ontology, local_iris)
    source = SourceRead(workbook.source, mapped.graph, mapped.origin, mapped.reviews, 0, "")
    notes = tuple(smart_gap_notes(mapped.graph, [source]))
    recommendations = tuple(recommendation_iris(mapped.graph))
    if held is None:
        violations = tuple((v, locate(v, [source])) for v in shape_violations(mapped.graph))
        if violations:
            return _ChunkResult(violations, notes, None, recommendations)
    suggested = 0
    if day is not None:
        added = add_suggestions(mapped.graph, ontology, day)
        suggested = added.count
        refused = tuple((v, locate(v, [source])) for v in (
            added_violations(added.triples, mapped.graph, ontology)
            if len(added.triples) and held is None else ()))
        if refused:
            return _ChunkResult((), notes, None, recommendations, suggested, refused)
    rows, carried = decided_rows(mapped.graph, [source], ontology, _mapping(), _framework(),
                                 held or [])
    return _ChunkResult((), notes, rows, recommendations, suggested,
                        carried=tuple((v, carried_problem(v)) for v in carried))


@functools.cache
def _mapping() -> Neo4jMapping:
    """A worker's mapping, its lookups made once for all the chunks it takes."""
    return Neo4jMapping(ontology_graph())


@functools.cache
def _framework() -> frozenset[str]:
    return framework_iris(ontology_graph())


def _merge(results: Iterator[_ChunkResult], shared: frozenset[str]) -> _Merged | None:
    """The chunks' violations (as located problems, in a report's order), notes (in the
    order of their recommendations), rows, recommendations and suggestions together; None
    when the chunks interact (see the module's doc)."""
    located: dict[Violation, Problem] = {}
    added: dict[Violation, Problem] = {}
    carried: dict[Violation, Problem] = {}
    notes: dict[str, Problem] = {}
    nodes: dict[str, NodeRow] = {}
    rels: dict[tuple[str, str, str], RelRow] = {}
    recommendations: list[str] = []
    suggested = 0
    for result in results:
        suggested += result.suggested
        for kept, found in ((located, result.violations), (added, result.added_violations),
                            (carried, result.carried)):
            for violation, problem in found:
                if kept.setdefault(violation, problem) != problem:
                    return None
        for iri, note in result.notes:
            if iri in notes:
                return None
            notes[iri] = note
        recommendations.extend(result.recommendations)
        for node in result.rows.nodes if result.rows else ():  # each once in a chunk
            if node.iri not in nodes:
                nodes[node.iri] = node
            elif node.iri not in shared or nodes[node.iri] != node:
                return None
        for rel in result.rows.rels if result.rows else ():
            if rels.setdefault((rel.type, rel.start, rel.end), rel) != rel:
                return None
    if len(set(recommendations)) < len(recommendations):
        return None
    rows = PropertyGraph(tuple(nodes[iri] for iri in sorted(nodes)),
                         tuple(rels[key] for key in sorted(rels)))
    return _Merged([located[v] for v in sorted(located, key=report_order)],
                   [added[v] for v in sorted(added, key=report_order)],
                   tuple(notes[iri] for iri in sorted(notes)), rows,
                   tuple(sorted(recommendations)), suggested,
                   [carried[v] for v in sorted(carried, key=report_order)])
