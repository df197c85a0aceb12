"""The data of a cross-review theme report, built only from catalog query results.

Every number a report, briefing or table shows is a value in one of the rows here, and every
row comes from one query in ``cypher/report/`` run through the facade (``sg.run_query``), so
a report and ``scrgraph query report-…`` cannot disagree. This module words those numbers
(the headline sentences) but never computes a new one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from scrgraph.errors import CatalogError
from scrgraph.results import ReportData, ReportScope

if TYPE_CHECKING:
    from scrgraph.facade import Scrgraph

#: The report's queries, by the name the report (and its workbook's sheets) use for them.
SECTIONS: dict[str, str] = {
    "summary": "report-summary",
    "themes": "report-themes",
    "theme-reviews": "report-theme-reviews",
    "theme-years": "report-theme-years",
    "theme-pairs": "report-theme-pairs",
    "quadrants": "report-quadrants",
    "quadrant-themes": "report-quadrant-themes",
    "quadrant-links": "report-quadrant-links",
    "standards": "report-standards",
    "agencies": "report-agencies",
    "overdue-actions": "report-overdue-actions",
    "reviews": "report-reviews",
    "recommendations": "report-recommendations",
    "smart-gaps": "report-smart-gaps",
}

#: The parameters every report query shares: the report's scope.
SCOPE_PARAMS = ("from_year", "to_year", "kind", "partnership", "theme")

PARTNERSHIP_TYPES = {"children": "children's reviews", "adults": "adults board reviews",
                     "community-safety": "community safety partnership reviews",
                     "national": "national panel reviews"}
"""How a headline names reviews by the type of partnership that commissioned them (by whom, not
by kind: a DHR commissioned jointly with the adults board is an adults board review too)."""

KIND_NAMES = {"SCR": "serious case reviews", "LCSPR": "local child safeguarding practice reviews",
              "SAR": "safeguarding adult reviews", "DHR": "domestic homicide reviews",
              "THEMATIC": "thematic reviews", "NATIONAL": "national panel reviews"}

SMART_ELEMENTS = {"owner": "an owner", "timescale": "a timescale", "measure": "a measure",
                  "action": "a specific action"}
"""How the report names what the SMART check finds missing (``smartGaps``), in its order."""


def smart_elements(gaps: list[str]) -> list[str]:
    """The SMART check's gaps in words, in the check's order: ['a timescale', 'a measure']."""
    return [words for key, words in SMART_ELEMENTS.items() if key in gaps]


STATUS_LABELS = {"open": "open", "in_progress": "in progress", "completed": "completed",
                 "impact_evidenced": "impact evidenced", "not_implemented": "not implemented",
                 "superseded": "superseded"}


def build(sg: Scrgraph, scope: ReportScope) -> ReportData:
    """Run every report query for ``scope`` through the catalog, a few at once
    (``sg.run_queries``); refuse an empty scope (the summary counts no review)."""
    as_of = scope.as_of or dt.date.today()
    used: dict[str, dict[str, Any]] = {}
    for section, name in SECTIONS.items():
        params = scope.params()
        if any(p.name == "as_of" for p in sg.query(name).params):
            params["as_of"] = as_of
        used[section] = params
    # The summary and the longest answer (every recommendation in scope) first, so the others
    # run beside the longest. On an empty scope every query answers quickly.
    order = sorted(SECTIONS, key=lambda s: (s != "summary", s != "recommendations"))
    found = dict(zip(order, sg.run_queries([(SECTIONS[s], used[s]) for s in order]),
                     strict=True))
    if not found["summary"].rows[0]["reviews"]:
        raise CatalogError(f"No review is in scope ({scope.describe()}): nothing to report.")
    results = {s: found[s] for s in SECTIONS}
    return ReportData(scope, results, dt.datetime.now().replace(microsecond=0), as_of, used)


# -- words ------------------------------------------------------------------------------------

def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``3 reviews``, ``1 review``."""
    return f"{count} {singular if count == 1 else (plural_form or singular + 's')}"


def join_words(items: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def by_partnership_type(row: Mapping[str, Any]) -> str:
    """'5 children's reviews, 3 adults board reviews and 3 community safety partnership reviews';
    when a joint review makes these add up to more than the reviews, the words say why."""
    parts = []
    total = 0
    for key, words in PARTNERSHIP_TYPES.items():
        count = row[f"{key.replace('-', '_')}_reviews"]
        total += count
        if count:
            parts.append(f"{count} {words if count != 1 else words[:-1]}")
    joint = ": a joint review counts under each of its partnerships" if total > row[
        "reviews"] else ""
    return join_words(parts) + joint


def theme_sentence(row: Mapping[str, Any]) -> str:
    """One theme's headline, e.g. 'Domestic abuse was raised in 10 separate reviews (5 children's
    reviews, ...), in 57 recommendations to 17 agencies.'"""
    label = row["label"][0].upper() + row["label"][1:]
    return (f"{label} was raised in {plural(row['reviews'], 'separate review')} "
            f"({by_partnership_type(row)}), in {plural(row['recommendations'], 'recommendation')}"
            f" to {plural(row['agencies'], 'agency', 'agencies')}.")


def headline(data: ReportData, top: int = 3) -> list[str]:
    """The report's headline in plain sentences, each number from a catalog row."""
    s = data.summary
    kinds = [f"{s[kind]} {KIND_NAMES[kind] if s[kind] != 1 else KIND_NAMES[kind][:-1]}"
             for kind in KIND_NAMES if s[kind]]
    years = (f"published between {s['first_published']:%B %Y} and {s['last_published']:%B %Y}"
             if s["first_published"] else "")
    sentences = [
        f"This report draws on {plural(s['reviews'], 'review')} ({join_words(kinds)}) {years}: "
        f"{plural(s['recommendations'], 'recommendation')} to "
        f"{plural(s['agencies'], 'agency', 'agencies')}, and "
        f"{plural(s['actions'], 'action')} in response."]
    # The themes raised by most separate reviews, and the one with most recommendations.
    themes = data.raised_themes[:top]
    most = max(data.raised_themes, key=lambda row: row["recommendations"], default=None)
    if most is not None and most not in themes:
        themes.append(most)
    sentences += [theme_sentence(row) for row in themes]
    sentences.append(
        f"{s['cross_quadrant']} of the {s['recommendations']} recommendations reach practice "
        "standards in two or more quadrants of the framework.")
    sentences.append(
        f"{s['done']} of the {s['actions']} actions are done (completed or impact evidenced), "
        f"but only {s['impact_evidenced']} have evidence of their impact; "
        f"{plural(s['overdue'], 'action')} {'is' if s['overdue'] == 1 else 'are'} overdue on "
        f"{data.as_of:%d %B %Y}.")
    gaps = ", ".join(row["standard"] for row in data.gaps)
    if s["standards_without_learning"]:
        sentences.append(
            f"{plural(s['standards_without_learning'], 'practice standard')} "
            f"({gaps}) "
            + ("has no learning mapped to it yet." if s["standards_without_learning"] == 1
               else "have no learning mapped to them yet."))
    return sentences
