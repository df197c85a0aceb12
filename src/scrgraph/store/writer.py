"""Write a property graph into Neo4j: all of it in one transaction, or none of it.

The rows come from ``propertygraph`` (RDF mapped through the ontology). Nodes are merged on
their IRI (every node carries the label ``Resource`` and a unique ``iri``); what each item owns
(its properties and its relationships) is compared with what the database holds, and only
items that are new or changed are written, so loading the same source twice changes nothing.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import unquote

from neo4j import ManagedTransaction

from scrgraph.errors import NeedsConfirmation, OverwriteRefused, WriteFailed
from scrgraph.results import ItemChange, Progress, WriteSummary
from scrgraph.store.db import Database, literal, row, system_statement
from scrgraph.store.rows import END_OWNED, NodeRow, PropertyGraph, RelRow

BATCH = 1000
RESOURCE = "Resource"


def _label(labels: Iterable[str]) -> str:
    return next((label for label in sorted(labels) if label != RESOURCE), RESOURCE)


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=str)


def _signature(labels: Iterable[str], props: dict[str, Any],
               rels: Iterable[dict[str, Any]], source_property: str | None = None) -> str:
    """What an item holds, to compare: its labels, properties and owned relationships; not
    which source wrote it, so the same item from another source is unchanged."""
    owned = sorted(_canonical(r) for r in rels)
    kept = {k: v for k, v in props.items() if k != source_property}
    return _canonical({"labels": sorted(set(labels) - {RESOURCE}), "props": kept,
                       "rels": owned})


# Properties derived from others (mapping.py): a change shows in the one they come from.
_DERIVED = frozenset({"iri", "numberOrder", "year"})
_SHOWN = 60


def _shown(value: Any) -> str:
    if value is None:
        return "(empty)"
    text = "; ".join(str(v) for v in value) if isinstance(value, list) else str(value)
    return repr(text if len(text) <= _SHOWN else text[:_SHOWN - 3] + "...")


def _end_id(iri: str, ids: Mapping[str, str]) -> str:
    return ids.get(iri) or unquote(iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1])


def _differences(before: Mapping[str, Any], after: Mapping[str, Any], iri: str,
                 ids: Mapping[str, str], source_property: str | None) -> tuple[str, ...]:
    """What changes in one item, in words: each property (``name: 'A' -> 'B'``), then each
    kind of relationship it owns (``DIRECTED_AT: added ICB; removed CSC``)."""
    skip = _DERIVED | {source_property}
    old_props, new_props = before["props"], after["props"]
    changes = [f"{key}: {_shown(old_props.get(key))} -> {_shown(new_props.get(key))}"
               for key in sorted(set(old_props) | set(new_props))
               if key not in skip and old_props.get(key) != new_props.get(key)]
    old_labels = sorted(set(before["labels"]) - {RESOURCE})
    new_labels = sorted(set(after["labels"]) - {RESOURCE})
    if old_labels != new_labels:
        changes.append(f"kind of item: {', '.join(old_labels)} -> {', '.join(new_labels)}")

    def links(rels: Iterable[dict[str, Any]]) -> dict[str, set[str]]:
        found: dict[str, set[str]] = {}
        for rel in rels:
            other = rel["end"] if rel["start"] == iri else rel["start"]
            found.setdefault(rel["type"], set()).add(
                _end_id(other, ids) + (f" {_canonical(rel['props'])}" if rel["props"] else ""))
        return found

    old_links, new_links = links(before["rels"]), links(after["rels"])
    for rel_type in sorted(set(old_links) | set(new_links)):
        gained = sorted(new_links.get(rel_type, set()) - old_links.get(rel_type, set()))
        lost = sorted(old_links.get(rel_type, set()) - new_links.get(rel_type, set()))
        parts = ([f"added {', '.join(gained)}"] if gained else []) + (
            [f"removed {', '.join(lost)}"] if lost else [])
        if parts:
            changes.append(f"{rel_type}: {'; '.join(parts)}")
    return tuple(changes)


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


OVERWRITES_SHOWN = 10
"""How many items a refused overwrite names in its message (the error carries them all)."""


def _check_overwrites(items: Sequence[ItemChange]) -> None:
    """Refuse a load that would change items a different source wrote, naming them."""
    if not items:
        return
    more = len(items) - OVERWRITES_SHOWN
    lines = "\n".join(f"  - {item}" for item in items[:OVERWRITES_SHOWN])
    if more > 0:
        lines += f"\n  ... and {more} more."
    sources = sorted({str(item.written_by) for item in items})
    noun = "item" if len(items) == 1 else "items"
    raise OverwriteRefused(
        f"This load would change {len(items)} {noun} that another source wrote "
        f"({', '.join(sources)}), so nothing was changed:\n{lines}\n"
        "If they are different things that happen to share an ID, give yours IDs of their "
        "own. If they are the same things and your values are the ones to keep, load again "
        "with --replace (in the web service: replace).", items)


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
                confirmed: bool = False, replace: bool = False,
                source_property: str | None = None,
                framework: Iterable[str] = (),
                precondition: Callable[[ManagedTransaction], None] | None = None,
                refreshable: Iterable[str] = (), referenced: Iterable[str] = ()
                ) -> WriteSummary:
    """Write ``graph`` in one write transaction and report what changed, item by item.

    ``managed_types`` are the relationship types the ontology defines: an item's existing
    relationships of those types are compared with, and replaced by, the source's.
    ``sync_reviews`` (IRIs) makes the load also delete those reviews' recommendations and
    actions that ``graph`` no longer has. ``provenance`` (the Load record and its links) is
    written only when the load changed something, so loading the same source again is a no-op.
    ``batch_size`` rows go in each UNWIND (the benchmark compares it with one row a statement).
    A load that would change more than :func:`rewrite_limit` of the items of a kind it holds,
    or a ``--sync`` that would remove more than :func:`removal_limit` items or most of one
    review's recommendations, stops (the transaction is rolled back) unless ``confirmed``.

    ``source_property`` names the node property that records which source wrote an item
    (each node of ``graph`` carries it): a load that would change, or with ``sync_reviews``
    remove, items that a different source wrote stops with :class:`OverwriteRefused` naming
    them, unless ``replace``. Items with no source recorded (the framework, older loads) are
    not counted as another source's. ``framework`` (IRIs) are the framework's own concepts
    that ``graph`` carries so that codings can point at them: written when missing or out of
    date, but not counted among the load's items. ``precondition`` runs first in the
    transaction; what it raises rolls the transaction back.

    ``refreshable`` are relationship types that scrgraph derives rather than a source states
    (the tagger's suggestions): an item whose only difference is in those is written but
    reported apart, as refreshed (a new model version refreshes every uncoded
    recommendation's suggestions), not as changed, and never asks for confirmation.

    ``referenced`` (IRIs) are nodes the database already holds that ``graph`` carries only so
    that relationships can point at them (a local theme declared in an earlier load, which a
    suggestion points at): never compared, written or counted; their own relationships are
    left as they are.
    """
    owned_by: dict[str, list[RelRow]] = {}
    for rel in graph.rels:
        owned_by.setdefault(rel.owner, []).append(rel)
    ownership = _ownership(set(managed_types) | {r.type for r in graph.rels})
    nodes = {n.iri: n for n in graph.nodes}
    ids = {n.iri: str(n.props.get("id", n.iri)) for n in graph.nodes}
    concepts = frozenset(framework)
    derived = frozenset(refreshable)
    references = frozenset(referenced)

    def stated(rels: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
        return [r for r in rels if r["type"] not in derived]

    def work(tx: ManagedTransaction) -> WriteSummary:
        if precondition is not None:
            precondition(tx)
        existing_q = system_statement("load-existing")
        added: list[tuple[str, str]] = []
        changed: dict[str, list[str]] = {}
        changed_items: list[ItemChange] = []
        unchanged: list[tuple[str, str]] = []
        refreshed: list[tuple[str, str]] = []
        overwrites: list[ItemChange] = []
        concepts_written = 0
        to_write: list[NodeRow] = []
        missing: list[str] = []
        # What the database holds is read and compared a batch at a time: held all at once,
        # a reload of a national corpus kept every item twice (11.7 GB at 10,000 reviews).
        for batch in _batches(list(nodes), batch_size):
            existing = {record["iri"]: row(record) for record in tx.run(
                literal(existing_q.text), {"iris": list(batch), **ownership})}
            for iri in batch:
                node = nodes[iri]
                held = existing.get(iri)
                if iri in references:
                    if held is None:
                        missing.append(ids[iri])
                    continue
                label = _label(node.labels)
                item_id = ids[iri]
                props = {**node.props, "iri": iri}
                owned = [_rel_dict(r) for r in owned_by.get(iri, [])]
                if held is not None and _signature(
                        held["labels"], held["props"], held["rels"], source_property) == \
                        _signature(node.labels, props, owned, source_property):
                    if iri not in concepts:
                        unchanged.append((label, item_id))
                    continue
                to_write.append(node)
                if iri in concepts:
                    concepts_written += 1
                elif held is None:
                    added.append((label, item_id))
                elif derived and _signature(held["labels"], held["props"],
                                            stated(held["rels"]), source_property) == \
                        _signature(node.labels, props, stated(owned), source_property):
                    refreshed.append((label, item_id))
                else:
                    before = held["props"].get(source_property) if source_property else None
                    after = node.props.get(source_property) if source_property else None
                    other = before if before is not None and before != after else None
                    item = ItemChange(label, item_id, _differences(
                        held, {"labels": node.labels, "props": props, "rels": owned}, iri,
                        ids, source_property), other)
                    changed.setdefault(label, []).append(item_id)
                    changed_items.append(item)
                    if other is not None:
                        overwrites.append(item)
        if missing:
            raise WriteFailed(
                f"The local theme(s) {', '.join(sorted(missing))} that this load's suggestions "
                "point at left the database while the load ran, so nothing was loaded. Load "
                "again.")
        if not replace:
            _check_overwrites(overwrites)
        if not confirmed:
            _check_rewrites(changed, Counter(label for label, _ in unchanged))
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
                literal(sync.text), reviews=list(sync_reviews), keep=list(nodes),
                source_property=source_property or "")]
            for gone in records:
                removed[gone["label"]] += 1
                removed_ids.append((gone["label"], gone["id"]))
            if not replace:
                incoming = {n.props.get(source_property) for n in graph.nodes
                            if source_property and n.iri not in concepts}
                _check_overwrites([
                    ItemChange(gone["label"], gone["id"], ("removed: the sources no longer "
                                                           "have it",), gone["source"])
                    for gone in records
                    if gone["source"] is not None and gone["source"] not in incoming])
            kept = sum(1 for n in graph.nodes if {"Recommendation", "Action"} & set(n.labels))
            if not confirmed:
                _check_removals(records, kept)
        summary = WriteSummary(
            dict(Counter(label for label, _ in added)),
            {k: len(v) for k, v in changed.items()},
            dict(Counter(label for label, _ in unchanged)), dict(removed), tuple(removed_ids),
            tuple(sorted(added)), tuple(sorted(changed_items, key=lambda c: (c.label, c.id))),
            tuple(sorted(unchanged)), concepts_written, tuple(sorted(refreshed)))
        if provenance is not None and summary.wrote_anything:
            _write_rows(tx, provenance, ownership)
        return summary

    summary = database.write(work)
    if summary.wrote_anything:
        database.refresh_statistics()
    return summary
