"""Write a property graph into Neo4j: all of it in one transaction, or none of it.

The rows come from ``propertygraph`` (RDF mapped through the ontology). Nodes are merged on
their IRI (every node carries the label ``Resource`` and a unique ``iri``); what each item owns
(its properties and its relationships) is compared with what the database holds, and only
items that are new or changed are written, so loading the same source twice changes nothing.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from neo4j import ManagedTransaction

from scrgraph.errors import NeedsConfirmation
from scrgraph.results import Progress, WriteSummary
from scrgraph.store.db import Database, literal, system_statement
from scrgraph.store.rows import END_OWNED, NodeRow, PropertyGraph, RelRow

BATCH = 1000
RESOURCE = "Resource"


def _label(labels: Iterable[str]) -> str:
    return next((label for label in sorted(labels) if label != RESOURCE), RESOURCE)


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=str)


def _signature(labels: Iterable[str], props: dict[str, Any],
               rels: Iterable[dict[str, Any]]) -> str:
    owned = sorted(_canonical(r) for r in rels)
    return _canonical({"labels": sorted(set(labels) - {RESOURCE}), "props": props,
                       "rels": owned})


def _rel_dict(rel: RelRow) -> dict[str, Any]:
    return {"type": rel.type, "start": rel.start, "end": rel.end, "props": rel.props}


def _batches(rows: Sequence[Any], size: int = BATCH) -> Iterable[Sequence[Any]]:
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


def _ownership(types: Iterable[str]) -> dict[str, list[str]]:
    types = set(types)
    return {"start_owned": sorted(types - END_OWNED), "end_owned": sorted(types & END_OWNED)}


def _write_rows(tx: ManagedTransaction, graph: PropertyGraph,
                ownership: dict[str, list[str]],
                advance: Callable[[int], None] | None = None, batch_size: int = BATCH) -> None:
    """Write nodes, then the relationships they own, in batches.

    Each node is merged first, which locks it until the transaction ends; then every
    relationship it owns is removed and the source's are created afresh. So a relationship is
    never looked up by its type (a MERGE on a type given as a value scans every relationship in
    the database, which made loads quadratic), and two loads of the same items at once still
    give one copy of each relationship: the second waits for the first's node locks, then
    replaces what the first wrote."""
    done = 0
    write_nodes = system_statement("load-nodes")
    for node_batch in _batches(graph.nodes, batch_size):
        rows = [{"iri": n.iri, "labels": [RESOURCE, *n.labels],
                 "props": {**n.props, "iri": n.iri}} for n in node_batch]
        tx.run(literal(write_nodes.text), rows=rows).consume()
        done += len(node_batch)
        if advance:
            advance(done)
    unlink = system_statement("load-unlink")
    for batch in _batches([n.iri for n in graph.nodes], batch_size):
        tx.run(literal(unlink.text), {"iris": list(batch), **ownership}).consume()
    write_rels = system_statement("load-relationships")
    for rel_batch in _batches(graph.rels, batch_size):
        tx.run(literal(write_rels.text), rows=[_rel_dict(r) for r in rel_batch]).consume()
        done += len(rel_batch)
        if advance:
            advance(done)


def removal_limit(kept: int) -> int:
    """How many items a ``--sync`` may remove without being confirmed: 10, or a fifth of what
    the sources keep, whichever is more."""
    return max(10, kept // 5)


def rewrite_limit(compared: int) -> int:
    """How many items of one kind already in the database a load may change without being
    confirmed: 10, or half of those the sources hold, whichever is more."""
    return max(10, compared // 2)


def _listed(ids: Sequence[str], shown: int = 10) -> str:
    more = len(ids) - shown
    return ", ".join(ids[:shown]) + (f" and {more} more" if more > 0 else "")


_CONFIRM = ("far more than a usual update, so nothing was changed. If that is what you want, "
            "run it again with --yes.")


def _check_rewrites(changed: dict[str, list[str]], unchanged: Counter[str]) -> None:
    """Refuse a load that would change most of the items of a kind it holds."""
    for label, ids in sorted(changed.items()):
        held = len(ids) + unchanged[label]
        if len(ids) > rewrite_limit(held):
            raise NeedsConfirmation(
                f"This load would change {len(ids)} of the {held} {_plural(label)} it holds "
                f"that are already in the database ({_listed(sorted(ids))}), " + _CONFIRM)


def _check_removals(removed: list[dict[str, Any]], kept: int) -> None:
    """Refuse a ``--sync`` that removes far more than usual, in all or in one review."""
    if len(removed) > removal_limit(kept):
        raise NeedsConfirmation(
            f"This load would remove {len(removed)} recommendations and actions that the "
            "sources no longer have (" + _listed([f"{r['label']} {r['id']}" for r in removed])
            + "), " + _CONFIRM)
    by_review: dict[str, list[str]] = {}
    held: dict[str, int] = {}
    for record in removed:
        if record["label"] == "Recommendation" and record["review"] is not None:
            by_review.setdefault(record["review"], []).append(record["id"])
            held[record["review"]] = record["held"]
    for review, ids in sorted(by_review.items()):
        if len(ids) > held[review] // 2:
            raise NeedsConfirmation(
                f"This load would remove {len(ids)} of the {held[review]} recommendations of "
                f"review {review} ({_listed(ids)}), with their actions, because the sources "
                "no longer have them: " + _CONFIRM)


def _plural(label: str) -> str:
    return {"Agency": "agencies", "Partnership": "partnerships"}.get(
        label, label[:1].lower() + label[1:] + "s")


def write_graph(database: Database, graph: PropertyGraph, *, sync_reviews: Sequence[str] = (),
                progress: Progress | None = None, managed_types: Iterable[str] = (),
                provenance: PropertyGraph | None = None, batch_size: int = BATCH,
                confirmed: bool = False) -> WriteSummary:
    """Write ``graph`` in one write transaction and report what changed.

    ``managed_types`` are the relationship types the ontology defines: an item's existing
    relationships of those types are compared with, and replaced by, the source's.
    ``sync_reviews`` (IRIs) makes the load also delete those reviews' recommendations and
    actions that ``graph`` no longer has. ``provenance`` (the Load record and its links) is
    written only when the load changed something, so loading the same source again is a no-op.
    ``batch_size`` rows go in each UNWIND (the benchmark compares it with one row a statement).
    A load that would change more than :func:`rewrite_limit` of the items of a kind it holds,
    or a ``--sync`` that would remove more than :func:`removal_limit` items or most of one
    review's recommendations, stops (the transaction is rolled back) unless ``confirmed``.
    """
    owned_by: dict[str, list[RelRow]] = {}
    for rel in graph.rels:
        owned_by.setdefault(rel.owner, []).append(rel)
    ownership = _ownership(set(managed_types) | {r.type for r in graph.rels})
    nodes = {n.iri: n for n in graph.nodes}

    def work(tx: ManagedTransaction) -> WriteSummary:
        existing: dict[str, str] = {}
        existing_q = system_statement("load-existing")
        for batch in _batches(list(nodes), batch_size):
            for record in tx.run(literal(existing_q.text), {"iris": list(batch), **ownership}):
                existing[record["iri"]] = _signature(record["labels"], record["props"],
                                                     record["rels"])
        added: Counter[str] = Counter()
        changed: dict[str, list[str]] = {}
        unchanged: Counter[str] = Counter()
        to_write: list[NodeRow] = []
        for iri, node in nodes.items():
            label = _label(node.labels)
            new = _signature(node.labels, {**node.props, "iri": iri},
                             (_rel_dict(r) for r in owned_by.get(iri, [])))
            if iri not in existing:
                added[label] += 1
                to_write.append(node)
            elif existing[iri] != new:
                changed.setdefault(label, []).append(str(node.props.get("id", iri)))
                to_write.append(node)
            else:
                unchanged[label] += 1
        if not confirmed:
            _check_rewrites(changed, unchanged)
        written = {n.iri for n in to_write}
        rels = [r for r in graph.rels if r.owner in written]
        total = len(to_write) + len(rels)
        _write_rows(tx, PropertyGraph(tuple(to_write), tuple(rels)), ownership,
                    lambda n: progress("Writing", n, total) if progress else None,
                    batch_size)
        removed: Counter[str] = Counter()
        removed_ids: list[tuple[str, str]] = []
        if sync_reviews:
            sync = system_statement("load-sync")
            records = [found.data() for found in tx.run(
                literal(sync.text), reviews=list(sync_reviews), keep=list(nodes))]
            for gone in records:
                removed[gone["label"]] += 1
                removed_ids.append((gone["label"], gone["id"]))
            kept = sum(1 for n in graph.nodes if {"Recommendation", "Action"} & set(n.labels))
            if not confirmed:
                _check_removals(records, kept)
        summary = WriteSummary(dict(added), {k: len(v) for k, v in changed.items()},
                               dict(unchanged), dict(removed), tuple(removed_ids))
        if provenance is not None and summary.wrote_anything:
            _write_rows(tx, provenance, ownership)
        return summary

    return database.write(work)
