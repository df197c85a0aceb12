"""Tiny review graphs for query and analytics tests, written with parameterised Cypher.

The shapes follow docs/design.md: every node carries its label, ``:Resource`` and a unique
``iri``. A test describes only what its query needs::

    build(db,
          reviews=[review("R1", "SCR", "2019-03-01")],
          recommendations=[rec("R1-1", "R1", 1, themes=["neglect"], agencies=["POLICE"])],
          actions=[action("R1-1-A1", "R1-1", "POLICE", "completed", "2019-06-01",
                          completed="2019-05-20")])

The framework (4 quadrants, 23 standards, 13 themes) is always written. Partnerships
``NSCP`` (children), ``NSAB`` (adults) and ``NCSP`` (community-safety) always exist; a review
is commissioned by the one that matches its kind unless told otherwise. Agencies named by
recommendations or actions are created on the way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from neo4j import ManagedTransaction

from scrgraph.store.db import Database

BASE = "https://w3id.org/scrgraph/id/"

QUADRANTS = {
    "1": "Professional curiosity",
    "2": "Information sharing and fora for discussion",
    "3": "Collaborative working, decision making and planning",
    "4": "Leadership: ownership, accountability and management grip",
}
STANDARDS = ["1.1", "1.2", "1.3", "1.4", "1.5", "2.1", "2.2", "2.3", "2.4", "2.5",
             "3.1", "3.2", "3.3", "3.4", "4.1", "4.2", "4.3", "4.4", "4.5", "5.1",
             "6.1", "6.2", "6.3"]
SAFEGUARDING_ISSUES = ["domestic-abuse", "challenge-and-escalation", "engaging-fathers",
                       "neglect"]
AREAS_OF_PRACTICE = ["information-sharing", "returning-children-home",
                     "disseminating-learning", "engagement-with-children",
                     "referral-quality-and-feedback", "early-help", "child-sexual-abuse",
                     "supervision", "historical-information"]
PARTNERSHIPS = [
    {"id": "NSCP", "name": "Northshire Safeguarding Children Partnership", "type": "children"},
    {"id": "NSAB", "name": "Northshire Safeguarding Adults Board", "type": "adults"},
    {"id": "NCSP", "name": "Northshire Community Safety Partnership",
     "type": "community-safety"},
]
_PARTNERSHIP_FOR_KIND = {"SCR": "NSCP", "LCSPR": "NSCP", "THEMATIC": "NSCP", "SAR": "NSAB",
                         "DHR": "NCSP"}


def quadrant_of(code: str) -> str:
    """The quadrant a standard sits in (5.x and 6.x are in quadrant 4)."""
    head = code.split(".")[0]
    return head if head in QUADRANTS else "4"


def theme_label(code: str) -> str:
    return code.replace("-", " ").capitalize()


def review(id: str, kind: str, published: str, *, title: str | None = None,
           partnership: str | None = None) -> dict[str, Any]:
    date = dt.date.fromisoformat(published)
    return {"id": id, "kind": kind, "published": date, "year": date.year,
            "title": title or f"Review {id}",
            "partnership": partnership or _PARTNERSHIP_FOR_KIND[kind]}


def rec(id: str, review: str, number: int, text: str | None = None, *,
        themes: Sequence[str] = (), standards: Sequence[str] = (),
        agencies: Sequence[str] = (), smart: bool = True,
        suggested_themes: Sequence[str] = ()) -> dict[str, Any]:
    """A recommendation; ``suggested_themes`` are tagger suggestions not (yet) accepted."""
    return {"id": id, "review": review, "number": number,
            "text": text if text is not None else f"Recommendation {id}",
            "smart": smart, "themes": list(themes), "standards": list(standards),
            "agencies": list(agencies), "suggested": list(suggested_themes)}


def action(id: str, recommendation: str, owner: str, status: str, due: str, *,
           completed: str | None = None, barriers: str | None = None,
           text: str | None = None) -> dict[str, Any]:
    return {"id": id, "recommendation": recommendation, "owner": owner, "status": status,
            "due": dt.date.fromisoformat(due),
            "completed": dt.date.fromisoformat(completed) if completed else None,
            "barriers": barriers, "text": text or f"Action {id}"}


_FRAMEWORK = """
MERGE (f:Framework:Resource {id: 'tlf'})
  SET f.iri = $base + 'tlf', f.title = 'Thematic Learning Framework'
WITH f
UNWIND $quadrants AS q
MERGE (n:Quadrant:Resource {id: 'quadrant-' + q.code})
  SET n.iri = $base + n.id, n.code = q.code, n.label = q.label
MERGE (n)-[:IN_SCHEME]->(f)
WITH DISTINCT f
UNWIND $standards AS s
MATCH (q:Quadrant {code: s.quadrant})
MERGE (n:Standard:Resource {id: 'std-' + s.code})
  SET n.iri = $base + n.id, n.code = s.code, n.label = 'Standard ' + s.code,
      n.outcome = 'Outcome of standard ' + s.code, n.section = s.quadrant
MERGE (n)-[:IN_QUADRANT]->(q)
MERGE (n)-[:IN_SCHEME]->(f)
WITH DISTINCT f
UNWIND $themes AS t
MERGE (n:Theme:Resource {id: 'theme-' + t.code})
  SET n.iri = $base + n.id, n.code = t.code, n.label = t.label, n.kind = t.kind
MERGE (n)-[:IN_SCHEME]->(f)
"""

_SPEAKS_TO = """
UNWIND $pairs AS pair
MATCH (s:Standard {code: pair[0]}), (t:Theme {code: pair[1]})
MERGE (s)-[:SPEAKS_TO {source: 'test'}]->(t)
"""

_PARTNERSHIPS = """
UNWIND $rows AS row
MERGE (p:Partnership:Resource {id: row.id})
  SET p.iri = $base + 'partnership/' + row.id, p.name = row.name, p.type = row.type
"""

_AGENCIES = """
UNWIND $rows AS row
MERGE (a:Agency:Resource {id: row})
  SET a.iri = $base + 'agency/' + row, a.name = 'Agency ' + row, a.sector = 'other'
"""

_REVIEWS = """
UNWIND $rows AS row
MATCH (p:Partnership {id: row.partnership})
MERGE (r:Review:Resource {id: row.id})
  SET r.iri = $base + 'review/' + row.id, r.title = row.title, r.kind = row.kind,
      r.published = row.published, r.year = row.year, r.guidance = 'WT2018'
MERGE (r)-[:COMMISSIONED_BY]->(p)
"""

_RECOMMENDATIONS = """
UNWIND $rows AS row
MATCH (r:Review {id: row.review})
MERGE (n:Recommendation:Resource {id: row.id})
  SET n.iri = $base + 'recommendation/' + row.id, n.number = row.number, n.text = row.text,
      n.smart = row.smart
MERGE (r)-[:MADE]->(n)
WITH n, row
CALL (n, row) {
  UNWIND row.themes AS code
  MATCH (t:Theme {code: code})
  MERGE (n)-[h:HAS_THEME]->(t)
    SET h.assignedBy = 'M&E officer', h.accepted = true
}
CALL (n, row) {
  UNWIND row.suggested AS code
  MATCH (t:Theme {code: code})
  MERGE (n)-[h:HAS_THEME]->(t)
    SET h.assignedBy = 'scrgraph tag suggester', h.accepted = false, h.score = 0.5
}
CALL (n, row) {
  UNWIND row.standards AS code
  MATCH (s:Standard {code: code})
  MERGE (n)-[m:MAPS_TO]->(s)
    SET m.assignedBy = 'M&E officer', m.accepted = true
}
CALL (n, row) {
  UNWIND row.agencies AS agency
  MATCH (a:Agency {id: agency})
  MERGE (n)-[:DIRECTED_AT]->(a)
}
"""

_ACTIONS = """
UNWIND $rows AS row
MATCH (rec:Recommendation {id: row.recommendation}), (owner:Agency {id: row.owner})
MERGE (a:Action:Resource {id: row.id})
  SET a.iri = $base + 'action/' + row.id, a.text = row.text, a.status = row.status,
      a.due = row.due, a.completed = row.completed, a.barriers = row.barriers
MERGE (a)-[:RESPONDS_TO]->(rec)
MERGE (a)-[:OWNED_BY]->(owner)
"""


def build(db: Database, *, reviews: Iterable[dict[str, Any]] = (),
          recommendations: Iterable[dict[str, Any]] = (),
          actions: Iterable[dict[str, Any]] = (), agencies: Iterable[str] = (),
          speaks_to: Iterable[tuple[str, str]] = ()) -> None:
    """Write the framework and the given review data in one write transaction."""
    reviews, recommendations, actions = list(reviews), list(recommendations), list(actions)
    agency_ids = sorted({*agencies, *(a for r in recommendations for a in r["agencies"]),
                         *(a["owner"] for a in actions)})
    themes = ([{"code": c, "label": theme_label(c), "kind": "safeguarding-issue"}
               for c in SAFEGUARDING_ISSUES]
              + [{"code": c, "label": theme_label(c), "kind": "area-of-practice"}
                 for c in AREAS_OF_PRACTICE])

    def work(tx: ManagedTransaction) -> None:
        tx.run(_FRAMEWORK, base=BASE,
               quadrants=[{"code": c, "label": label} for c, label in QUADRANTS.items()],
               standards=[{"code": c, "quadrant": quadrant_of(c)} for c in STANDARDS],
               themes=themes).consume()
        tx.run(_SPEAKS_TO, pairs=[list(p) for p in speaks_to]).consume()
        tx.run(_PARTNERSHIPS, base=BASE, rows=PARTNERSHIPS).consume()
        tx.run(_AGENCIES, base=BASE, rows=agency_ids).consume()
        tx.run(_REVIEWS, base=BASE, rows=reviews).consume()
        tx.run(_RECOMMENDATIONS, base=BASE, rows=recommendations).consume()
        tx.run(_ACTIONS, base=BASE, rows=actions).consume()

    db.write(work)


def recurring_themes_graph(db: Database) -> None:
    """Five reviews, one of each kind, for recurring-themes (used by query and CLI tests).

    Accepted codings: domestic abuse in C1 (twice), C2, A1 and D1; neglect in C1 and C3;
    supervision in A1; early help in D1. Suggestions not accepted: supervision on C2-1,
    neglect on D1-1.
    """
    build(db,
          reviews=[review("C1", "SCR", "2015-01-10"), review("C2", "LCSPR", "2020-02-01"),
                   review("C3", "THEMATIC", "2021-03-01"), review("A1", "SAR", "2019-05-01"),
                   review("D1", "DHR", "2018-06-01")],
          recommendations=[
              rec("C1-1", "C1", 1, themes=["domestic-abuse", "neglect"]),
              rec("C1-2", "C1", 2, themes=["domestic-abuse"]),
              rec("C2-1", "C2", 1, themes=["domestic-abuse"], suggested_themes=["supervision"]),
              rec("C3-1", "C3", 1, themes=["neglect"]),
              rec("A1-1", "A1", 1, themes=["domestic-abuse", "supervision"]),
              rec("D1-1", "D1", 1, themes=["domestic-abuse"], suggested_themes=["neglect"]),
              rec("D1-2", "D1", 2, themes=["early-help"]),
          ])
