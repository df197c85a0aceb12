"""The property graph as rows: what the RDF mapping produces and the writer sends to Neo4j.

Plain data only, so mapping RDF to rows needs neither the driver nor the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# A relationship belongs to one of its ends: the item whose source row states it. Most belong
# to their start; a recommendation owns the MADE link from its review (the Recommendations
# sheet names the review), so adding a recommendation does not count as changing the review.
END_OWNED = frozenset({"MADE"})


@dataclass(frozen=True)
class NodeRow:
    iri: str
    labels: tuple[str, ...]
    props: dict[str, Any]


@dataclass(frozen=True)
class RelRow:
    type: str
    start: str
    end: str
    props: dict[str, Any] = field(default_factory=dict)

    @property
    def owner(self) -> str:
        return self.end if self.type in END_OWNED else self.start


@dataclass(frozen=True)
class PropertyGraph:
    nodes: tuple[NodeRow, ...]
    rels: tuple[RelRow, ...]
