"""The network views: catalog query results in, a :class:`NetworkView` out.

Each view is a question answered as nodes and edges; the numbers it shows (sizes, weights,
counts in the hover text) are the catalog's, so a page and ``scrgraph query`` agree. Only the
facade's public methods are used (``run_query``, ``framework``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from scrgraph.errors import CatalogError
from scrgraph.viz import layout
from scrgraph.viz.model import (
    VIEWS,
    Edge,
    Filters,
    LegendItem,
    NetworkView,
    Node,
    Option,
    ReviewFacet,
)
from scrgraph.viz.style import (
    AGENCY_COLOUR,
    OVERDUE_LEGEND,
    PARTNERSHIP_COLOURS,
    PARTNERSHIP_LABELS,
    REVIEW_COLOUR,
    SHAPES,
    STATUS_LABELS,
    focus_legend,
    quadrant_legend,
    status_legend,
    theme_legend,
    theme_map_links,
)

if TYPE_CHECKING:
    from scrgraph.facade import Scrgraph

#: More reviews than this and the reviews-and-themes view draws reviews grouped by kind and
#: year instead, and says so (the page stays quick at national size).
AGGREGATE_REVIEWS_ABOVE = 400

#: More items than this and a view draws actions grouped (by status, or not at all in the
#: focus views, where each recommendation's hover text still counts them), and says so.
MAX_ITEMS = 2000


class UnknownItem(CatalogError):
    """A view, theme or review that does not exist; the message suggests the nearest."""


# -- resolving what the user typed ----------------------------------------------------------

_SEPARATORS = re.compile(r"[\s\-_\u2013\u2014]+")


def _normal(text: str) -> str:
    return _SEPARATORS.sub(" ", text.strip().casefold()).strip()


def _did_you_mean(text: str, names: Mapping[str, str]) -> str:
    close = difflib.get_close_matches(_normal(text), list(names), n=1, cutoff=0.5)
    return f" Did you mean '{names[close[0]]}'?" if close else ""


def resolve_view(name: str) -> str:
    if name in VIEWS:
        return name
    names = {_normal(v): v for v in VIEWS}
    if _normal(name) in names:
        return names[_normal(name)]
    raise UnknownItem(f"There is no view '{name}'.{_did_you_mean(name, names)} The views are: "
                      f"{', '.join(VIEWS)}.")


def resolve_theme(sg: Scrgraph, text: str) -> str:
    """A theme's code from its code, id, label or another name analysts use ("DV"), through
    the one resolver (a local theme in the graph too)."""
    code, nearest = sg.resolve_theme(text)
    if code is not None:
        return code
    hint = f" Did you mean '{nearest}'?" if nearest else ""
    raise UnknownItem(f"There is no key theme or local theme '{text}'.{hint} "
                      "'scrgraph framework --local' lists the themes and their codes.")


def _resolve_review(text: str, reviews: Mapping[str, ReviewFacet]) -> str:
    if text in reviews:
        return text
    names: dict[str, str] = {}
    for review in reviews.values():
        names.setdefault(_normal(review.id), review.id)
        names.setdefault(_normal(review.title), review.id)
    if _normal(text) in names:
        return names[_normal(text)]
    if not reviews:
        raise UnknownItem(f"There is no review '{text}': no reviews are loaded.")
    raise UnknownItem(f"There is no review '{text}'.{_did_you_mean(text, names)} "
                      "'scrgraph query review-index' lists the reviews.")


# -- small helpers -----------------------------------------------------------------------------

def _lines(*parts: str | None) -> str:
    return "\n".join(p for p in parts if p)


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def _date(value: Any) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value or "")


def _review_facets(rows: Sequence[Mapping[str, Any]]) -> dict[str, ReviewFacet]:
    """The reviews by id, from the rows of ``review-index``."""
    return {r["review"]: ReviewFacet(r["review"], r["title"] or r["review"], r["kind"],
                                     r["year"], r["partnership"], r["partnership_name"],
                                     _first(r["partnership_type"]), r["recommendations"])
            for r in rows}


def _first(joined: str | None) -> str | None:
    """A joint review's first partnership type ('community-safety;adults'): its colour."""
    return joined.split(";")[0] if joined else None


def _review_line(review: ReviewFacet | None, review_id: str) -> str:
    if review is None:
        return review_id
    return f"{review.id}: {review.title} ({review.kind}, {review.year or 'no year'}, " \
           f"{review.partnership_name or 'no partnership'})"


def _legend(present: Iterable[str], entries: Mapping[str, LegendItem]) -> tuple[LegendItem, ...]:
    wanted = set(present)
    return tuple(item for group, item in entries.items() if group in wanted)


def _counts(nodes: Sequence[Node], edges: Sequence[Edge]) -> dict[str, int]:
    counts = dict(sorted(Counter(n.kind for n in nodes).items()))
    counts["edges"] = len(edges)
    return counts


@dataclass(frozen=True)
class _ThemeInfo:
    """A theme as the views draw it: one of the framework's 13 key themes, or a local theme a
    partnership declared beside them (drawn apart, never as a key theme)."""

    code: str
    label: str
    group: str
    """Its legend entry: ``theme-<kind>`` for a key theme, ``theme-local`` for a local one."""
    heading: str
    """The first line of its hover text, saying which of the two it is."""
    note: str | None
    local: bool

    @property
    def option(self) -> str:
        return f"{self.label} (local)" if self.local else self.label


def _themes(sg: Scrgraph) -> dict[str, _ThemeInfo]:
    """The framework's key themes, then the local themes the graph holds, by code."""
    found = {t.code: _ThemeInfo(t.code, t.label, f"theme-{t.kind}",
                                f"Key theme: {t.label} ({t.kind.replace('-', ' ')})",
                                t.scope_note, False)
             for t in sg.framework().themes}
    for t in sg.local_themes():
        by = ", ".join(t.partnerships) or "a partnership"
        related = ", ".join(t.related)
        found[t.code] = _ThemeInfo(
            t.code, t.label, "theme-local",
            f"Local theme: {t.label} (declared by {by}; not one of the framework's key themes)",
            _lines(t.definition, f"Related to quadrants and standards: {related}"
                   if related else None) or None, True)
    return found


def _drawn_themes(nodes: Iterable[Node]) -> str:
    """The themes drawn, as :func:`_theme_counts` says them."""
    drawn = [n for n in nodes if n.kind == "theme"]
    local = sum(1 for n in drawn if n.group == "theme-local")
    key = _plural(len(drawn) - local, "key theme")
    return f"{key} and {_plural(local, 'local theme')}" if local else key


def _options(sg: Scrgraph, themes: Mapping[str, _ThemeInfo] | None = None
             ) -> tuple[tuple[Option, ...], tuple[Option, ...]]:
    fw = sg.framework()
    themes = themes if themes is not None else _themes(sg)
    return (tuple(Option(q.code, f"{q.code} {q.label}") for q in fw.quadrants),
            tuple(Option(t.code, t.option) for t in themes.values()))


def _theme_counts(themes: Mapping[str, _ThemeInfo]) -> str:
    """"13 key themes" or "13 key themes and 1 local theme"."""
    local = sum(1 for t in themes.values() if t.local)
    key = _plural(len(themes) - local, "key theme")
    return f"{key} and {_plural(local, 'local theme')}" if local else key


def _used_reviews(nodes: Iterable[Node], reviews: Mapping[str, ReviewFacet]
                  ) -> tuple[ReviewFacet, ...]:
    used = {r for n in nodes for r in n.evidence}
    return tuple(r for r in reviews.values() if r.id in used)


# -- the views ------------------------------------------------------------------------------

def theme_map(sg: Scrgraph) -> NetworkView:
    """Key themes (and local themes) and practice standards, grouped and coloured by
    quadrant."""
    fw = sg.framework()
    known = _themes(sg)
    # Counted in the database, review by review (the evidence the page's review filters
    # select by), not gathered from every recommendation here. A standard's reviews and
    # recommendations are standards-coverage's (for every partnership type), counted once.
    # A co-occurrence edge's evidence is every review the pair is shared in: the reviews
    # raising both themes, known from coding-reviews, so the query's lists of ids are not
    # read (max_ids 1); its counts and lift are the query's.
    index, recurring_rows, coded, pairs, cooccurrence = (r.rows for r in sg.run_queries([
        ("review-index", None), ("recurring-themes", {"min_reviews": 1}), ("coding-reviews", None),
        ("theme-standard-reviews", None),
        ("theme-cooccurrence", {"unit": "review", "max_ids": 1})]))
    reviews = _review_facets(index)
    recurring = {r["theme"]: r for r in recurring_rows}
    coverage = {r["code"]: r for r in coded if r["item"] == "standard"}

    theme_reviews: dict[str, dict[str, int]] = {}
    standard_reviews: dict[str, dict[str, int]] = {}
    for row in coded:
        reviews_of = theme_reviews if row["item"] == "theme" else standard_reviews
        reviews_of[row["code"]] = dict.fromkeys(row["in_reviews"], 1)
    theme_standard: dict[tuple[str, str], dict[str, int]] = {}
    standard_themes: dict[str, set[str]] = defaultdict(set)
    theme_quadrants: dict[str, set[str]] = defaultdict(set)
    for row in pairs:
        theme_standard[row["theme"], row["standard"]] = dict(
            zip(row["in_reviews"], row["per_review"], strict=True))
        standard_themes[row["standard"]].add(row["theme"])
        if row["quadrant"] is not None:  # a recommendation's quadrants are its standards'
            theme_quadrants[row["theme"]].add(row["quadrant"])

    # Standards on an outer ring, each quadrant a quarter of it; quadrants outside them;
    # themes inside, each nearest the standards it is coded with.
    positions: dict[str, layout.Point] = {}
    for k, q in enumerate(fw.quadrants):
        start = k * math.tau / len(fw.quadrants)
        end = (k + 1) * math.tau / len(fw.quadrants)
        arc_ids = [f"standard:{s.code}" for s in fw.standards_in(q.code)]
        positions.update(layout.arc(arc_ids, 700, start, end))
        positions[f"quadrant:{q.code}"] = layout.polar(1000, (start + end) / 2)
    angles = layout.angles_of(positions)
    wanted = []
    for t in known.values():
        links = [(angles[f"standard:{s}"], float(sum(ev.values())))
                 for (theme, s), ev in theme_standard.items() if theme == t.code]
        wanted.append((f"theme:{t.code}", layout.mean_angle(links)))
    positions.update(layout.ring(wanted, 340))

    nodes: list[Node] = []
    for q in fw.quadrants:
        standards = fw.standards_in(q.code)
        raised = {r for s in standards for r in standard_reviews.get(s.code, {})}
        nodes.append(Node(
            f"quadrant:{q.code}", f"{q.code} {q.label}", "quadrant", f"quadrant-{q.code}",
            _lines(f"Quadrant {q.code}: {q.label}", q.question,
                   f"{_plural(len(standards), 'practice standard')}; "
                   f"{_plural(len(raised), 'separate review')} map to them."),
            len(raised), *positions[f"quadrant:{q.code}"], quadrants=(q.code,), always=True))
    for s in fw.standards:
        row = coverage.get(s.code, {})
        n_reviews, n_recs = int(row.get("reviews", 0)), int(row.get("recommendations", 0))
        themes = sorted(standard_themes.get(s.code, set()))
        nodes.append(Node(
            f"standard:{s.code}", s.code, "standard", f"quadrant-{s.quadrant}",
            _lines(f"Practice standard {s.code}: {s.label}", s.outcome,
                   f"Quadrant {s.quadrant}: {fw.quadrant(s.quadrant).label}",
                   f"{_plural(n_reviews, 'separate review')}, "
                   f"{_plural(n_recs, 'recommendation')} map to it."
                   if n_recs else "No recommendation maps to it yet: a gap in the learning."),
            n_reviews, *positions[f"standard:{s.code}"],
            evidence=dict(standard_reviews.get(s.code, {})), quadrants=(s.quadrant,),
            themes=tuple(themes)))
    for t in known.values():
        row = recurring.get(t.code, {})
        n_reviews, n_recs = int(row.get("reviews", 0)), int(row.get("recommendations", 0))
        by_kind = ", ".join(f"{k} {v}" for k, v in (row.get("by_review_kind") or {}).items() if v)
        by_type = ", ".join(f"{PARTNERSHIP_LABELS.get(k, k)} {v}"
                            for k, v in (row.get("by_partnership_type") or {}).items() if v)
        nodes.append(Node(
            f"theme:{t.code}", t.label, "theme", t.group,
            _lines(t.heading, t.note,
                   f"Raised by {_plural(n_reviews, 'separate review')} in "
                   f"{_plural(n_recs, 'recommendation')}." if n_recs
                   else "No recommendation raises it yet.",
                   f"By review kind: {by_kind}" if by_kind else None,
                   f"By partnership: {by_type}" if by_type else None),
            n_reviews, *positions[f"theme:{t.code}"],
            evidence=dict(theme_reviews.get(t.code, {})),
            quadrants=tuple(sorted(theme_quadrants.get(t.code, set()))), themes=(t.code,)))

    labels = {t.code: t.label for t in known.values()}
    edges: list[Edge] = []
    for s in fw.standards:
        edges.append(Edge(f"standard:{s.code}", f"quadrant:{s.quadrant}", "in-quadrant",
                          f"Standard {s.code} is in quadrant {s.quadrant}.", 1, always=True,
                          dashed=True))
    for (theme, standard), evidence in sorted(theme_standard.items()):
        recs = sum(evidence.values())
        edges.append(Edge(f"theme:{theme}", f"standard:{standard}", "coded-with",
                          f"{labels.get(theme, theme)} and standard {standard}: coded together "
                          f"on {_plural(recs, 'recommendation')} "
                          f"({_plural(len(evidence), 'review')}).",
                          recs, evidence=dict(evidence)))
    for row in cooccurrence:
        a, b = row["theme_a"], row["theme_b"]
        edges.append(Edge(f"theme:{a}", f"theme:{b}", "co-occurs",
                          f"{labels.get(a, a)} and {labels.get(b, b)}: raised together in "
                          f"{_plural(row['shared'], 'review')} (of {row['count_a']} and "
                          f"{row['count_b']}); lift {row['lift']}"
                          f"{' (more often than chance)' if row['lift'] > 1 else ''}.",
                          float(row["lift"]),
                          evidence=dict.fromkeys(sorted(theme_reviews.get(a, {}).keys()
                                                        & theme_reviews.get(b, {}).keys()), 1)))

    legend = {**theme_legend(), **quadrant_legend(sg.framework().quadrants, SHAPES["standard"],
                                    "practice standard")}
    quadrant_options, theme_options = _options(sg, known)
    n_reviews = len({r for ev in theme_reviews.values() for r in ev}
                    | {r for ev in standard_reviews.values() for r in ev})
    return NetworkView(
        "theme-map", "Theme map",
        f"{_theme_counts(known).replace(' and ', ', ')} and {len(fw.standards)} practice "
        f"standards in "
        f"{len(fw.quadrants)} quadrants, sized by the separate reviews raising them "
        f"({_plural(n_reviews, 'review')} coded). Edges: themes raised in the same review "
        "(width: lift), themes and standards coded on the same recommendation.",
        tuple(nodes), tuple(edges),
        _legend([n.group for n in nodes], legend) + theme_map_links(),
        _used_reviews(nodes, reviews), quadrant_options, theme_options,
        counts=_counts(nodes, edges),
        queries=("recurring-themes", "coding-reviews", "theme-cooccurrence",
                 "theme-standard-reviews", "review-index"))


def reviews_themes(sg: Scrgraph, aggregate_above: int = AGGREGATE_REVIEWS_ABOVE
                   ) -> NetworkView:
    """Reviews linked to the key themes (and local themes) their recommendations raise."""
    known = _themes(sg)
    # Each theme's reviews and how many of each one's recommendations raise it, counted in
    # the database (not one row per coding); its reviews and recommendations are
    # recurring-themes' (with min_reviews 1), counted once.
    index, coded = (r.rows for r in sg.run_queries([("review-index", None),
                                                    ("coding-reviews", {"item": "theme"})]))
    reviews = _review_facets(index)
    recurring = {r["code"]: r for r in coded}
    recs = {r.id: r.recommendations for r in reviews.values()}

    aggregated = len(reviews) > aggregate_above
    def unit_of(review: str) -> str:
        if not aggregated:
            return f"review:{review}"
        facet = reviews[review]
        return f"group:{facet.kind}:{facet.year}"

    pair: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for row in coded:
        for review, n in zip(row["in_reviews"], row["per_review"], strict=True):
            pair[unit_of(review), row["code"]][review] = n
    theme_of_unit: dict[str, set[str]] = defaultdict(set)
    for unit, theme in pair:
        theme_of_unit[unit].add(theme)

    nodes: list[Node] = []
    units: dict[str, list[ReviewFacet]] = defaultdict(list)
    for review in reviews.values():
        units[unit_of(review.id)].append(review)
    ordered = sorted(units, key=lambda u: (min((r.year or 0) for r in units[u]), u))
    theme_ids = [f"theme:{code}" for code in known]
    positions = layout.ring([(t, None) for t in theme_ids], 300)
    theme_angles = layout.angles_of(positions)
    positions.update(layout.ring(
        [(u, layout.mean_angle((theme_angles[f"theme:{t}"], 1.0)
                               for t in sorted(theme_of_unit.get(u, ())))) for u in ordered],
        max(700.0, 45.0 * len(ordered) / math.tau)))
    for unit in ordered:
        members = units[unit]
        themes = tuple(sorted(theme_of_unit.get(unit, set())))
        if aggregated:
            first = members[0]
            label = f"{first.kind} {first.year or ''} ({len(members)})"
            title = _lines(f"{_plural(len(members), 'review')} of kind {first.kind} published "
                           f"in {first.year or 'an unknown year'}",
                           f"{sum(recs[m.id] for m in members)} recommendations",
                           f"Themes raised: {', '.join(themes) or 'none'}")
            nodes.append(Node(unit, label, "review-group", "review-group", title,
                              sum(recs[m.id] for m in members), *positions[unit],
                              evidence={m.id: recs[m.id] for m in members}, themes=themes))
            continue
        review = members[0]
        nodes.append(Node(
            unit, review.title, "review", f"partnership-{review.partnership_type}",
            _lines(_review_line(review, review.id),
                   f"{_plural(recs[review.id], 'recommendation')}; themes raised: "
                   f"{', '.join(themes) or 'none'}"),
            recs[review.id], *positions[unit], evidence={review.id: recs[review.id]},
            themes=themes))
    for t in known.values():
        row = recurring.get(t.code, {})
        n_reviews, n_recs = int(row.get("reviews", 0)), int(row.get("recommendations", 0))
        evidence = {r: 1 for (unit, theme), c in pair.items() if theme == t.code for r in c}
        nodes.append(Node(
            f"theme:{t.code}", t.label, "theme", t.group,
            _lines(t.heading, t.note,
                   f"Raised by {_plural(n_reviews, 'separate review')} in "
                   f"{_plural(n_recs, 'recommendation')}."),
            n_reviews, *positions[f"theme:{t.code}"], evidence=evidence, themes=(t.code,)))
    labels = {t.code: t.label for t in known.values()}
    edges = [Edge(unit, f"theme:{theme}", "raises",
                  f"{_plural(sum(c.values()), 'recommendation')} raise "
                  f"{labels.get(theme, theme)}"
                  + (f" ({_plural(len(c), 'review')})" if aggregated else "") + ".",
                  sum(c.values()), evidence=dict(c))
             for (unit, theme), c in sorted(pair.items())]

    legend: dict[str, LegendItem] = {
        **{f"partnership-{k}": LegendItem(f"partnership-{k}",
                                          f"review by a {PARTNERSHIP_LABELS[k]}", colour,
                                          SHAPES["review"])
           for k, colour in PARTNERSHIP_COLOURS.items()},
        "review-group": LegendItem("review-group", "reviews of one kind and year",
                                   REVIEW_COLOUR, SHAPES["review-group"]),
        **theme_legend()}
    quadrant_options, theme_options = _options(sg, known)
    notes = (f"{len(reviews)} reviews are too many to draw one by one: they are grouped by "
             "kind and year of publication.",) if aggregated else ()
    return NetworkView(
        "reviews-themes", "Reviews and themes",
        f"{_plural(len(reviews), 'review')} linked to the {_theme_counts(known)} their "
        "recommendations raise (size: recommendations made, separate reviews raising a "
        "theme; width: recommendations).",
        tuple(nodes), tuple(edges), _legend([n.group for n in nodes], legend),
        tuple(reviews.values()), quadrant_options, theme_options, counts=_counts(nodes, edges),
        queries=("review-index", "coding-reviews"),
        notes=notes)


def _network_nodes(sg: Scrgraph, rows: Sequence[Mapping[str, Any]],
                   reviews: Mapping[str, ReviewFacet], centre: Node,
                   as_of: dt.date | None = None, with_themes: bool = True,
                   with_reviews: bool = True, with_actions: bool = True
                   ) -> tuple[list[Node], list[Edge]]:
    """Reviews, recommendations, themes, standards, agencies and actions around ``centre``,
    from recommendation-network rows, laid out in rings (actions left out unless
    ``with_actions``: then a recommendation links to the agencies owning its actions)."""
    fw = sg.framework()
    agencies = {r["agency"]: r for r in sg.run_query("agency-index").rows}
    theme_labels = _themes(sg)
    as_of = as_of or dt.date.today()

    # Rings: reviews, recommendations (grouped by review), actions, then themes, standards
    # and agencies, each placed near the items it links to.
    review_ids = list(dict.fromkeys(r["review"] for r in rows)) if with_reviews else []
    positions: dict[str, layout.Point] = {centre.id: (0.0, 0.0)}
    positions.update(layout.ring([(f"review:{r}", None) for r in review_ids],
                                 max(170.0, 70.0 * len(review_ids) / math.tau)))
    angles = layout.angles_of(positions)
    rec_ids = [f"recommendation:{r['recommendation']}" for r in rows]
    positions.update(layout.ring(
        [(f"recommendation:{r['recommendation']}", angles.get(f"review:{r['review']}"))
         for r in rows], max(340.0 if with_reviews else 220.0, 38.0 * len(rec_ids) / math.tau)))
    angles = layout.angles_of(positions)
    action_items = [(f"action:{a['id']}", angles[f"recommendation:{r['recommendation']}"])
                    for r in rows for a in r["actions"]] if with_actions else []
    positions.update(layout.ring(action_items, max(520.0 if with_reviews else 400.0,
                                                   30.0 * len(action_items) / math.tau)))
    angles = layout.angles_of(positions)
    outer: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for r in rows:
        rec_angle = angles[f"recommendation:{r['recommendation']}"]
        if with_themes:
            for t in r["themes"]:
                outer[f"theme:{t}"].append((rec_angle, 1.0))
        for s in r["standards"]:
            outer[f"standard:{s}"].append((rec_angle, 1.0))
        for a in r["agencies"]:
            outer[f"agency:{a}"].append((rec_angle, 1.0))
        for action in r["actions"]:
            if action["owner"]:
                outer[f"agency:{action['owner']}"].append(
                    (angles[f"action:{action['id']}"] if with_actions else rec_angle, 1.0))
    positions.update(layout.ring([(k, layout.mean_angle(v)) for k, v in outer.items()],
                                 max(760.0 if with_reviews else 600.0,
                                     70.0 * len(outer) / math.tau)))

    evidence: dict[str, Counter[str]] = defaultdict(Counter)
    themes_of: dict[str, set[str]] = defaultdict(set)
    quadrants_of: dict[str, set[str]] = defaultdict(set)
    edges: list[Edge] = []
    rec_nodes: list[Node] = []
    action_nodes: list[Node] = []

    def touch(node_id: str, row: Mapping[str, Any], weight: int = 1) -> None:
        evidence[node_id][row["review"]] += weight
        themes_of[node_id].update(row["themes"])
        quadrants_of[node_id].update(row["quadrants"])

    for row in rows:
        review = row["review"]
        rec_id = f"recommendation:{row['recommendation']}"
        touch(centre.id, row)
        if with_reviews:
            touch(f"review:{review}", row)
        theme_names = ", ".join(theme_labels[t].label if t in theme_labels else t
                                for t in row["themes"])
        rec_nodes.append(Node(
            rec_id, f"R{row['number']}" if not with_reviews else
            f"{_short(reviews[review].title if review in reviews else review)} R{row['number']}",
            "recommendation",
            "recommendation",
            _lines(f"Recommendation {row['number']} of {_review_line(reviews.get(review), review)}",
                   row["text"],
                   f"Key themes: {theme_names or 'none'}",
                   f"Practice standards: {', '.join(row['standards']) or 'none'}",
                   f"Directed at: {', '.join(row['agencies']) or 'no agency'}",
                   f"SMART: {'yes' if row['smart'] else 'no'}" if row["smart"] is not None
                   else None,
                   f"{_plural(len(row['actions']), 'action')} in response."),
            len(row["actions"]), *positions[rec_id], evidence={review: len(row["actions"])},
            quadrants=tuple(row["quadrants"]), themes=tuple(row["themes"])))
        edges.append(Edge(f"review:{review}" if with_reviews else centre.id, rec_id, "made",
                          f"{review} made recommendation {row['number']}.", 1,
                          evidence={review: 1}))
        for code in (row["themes"] if with_themes else ()):
            touch(f"theme:{code}", row)
            edges.append(Edge(rec_id, f"theme:{code}", "raises",
                              f"Recommendation {row['number']} of {review} raises "
                              f"{theme_labels[code].label if code in theme_labels else code}.",
                              1, evidence={review: 1}))
        for code in row["standards"]:
            touch(f"standard:{code}", row)
            edges.append(Edge(rec_id, f"standard:{code}", "maps-to",
                              f"Recommendation {row['number']} of {review} maps to standard "
                              f"{code}.", 1, evidence={review: 1}))
        for directed in row["agencies"]:
            touch(f"agency:{directed}", row)
            edges.append(Edge(rec_id, f"agency:{directed}", "directed-at",
                              f"Recommendation {row['number']} of {review} is directed at "
                              f"{directed}.", 1, evidence={review: 1}))
        owners = Counter(a["owner"] for a in row["actions"] if a["owner"])
        for owner, n_actions in sorted(owners.items()) if not with_actions else ():
            touch(f"agency:{owner}", row, n_actions)
            edges.append(Edge(rec_id, f"agency:{owner}", "action-by",
                              f"{owner} owns {_plural(n_actions, 'action')} responding to "
                              f"recommendation {row['number']} of {review}.", n_actions,
                              evidence={review: n_actions}, dashed=True))
        for action in row["actions"] if with_actions else ():
            action_id = f"action:{action['id']}"
            overdue = _overdue(action, as_of)
            touch(action_id, row)
            action_nodes.append(_action_node(action, row, reviews, overdue, positions[action_id]))
            edges.append(Edge(action_id, rec_id, "responds-to",
                              f"Action {action['id']} responds to recommendation "
                              f"{row['number']} of {review}.", 1, evidence={review: 1}))
            if action["owner"]:
                touch(f"agency:{action['owner']}", row)
                edges.append(Edge(action_id, f"agency:{action['owner']}", "owned-by",
                                  f"{action['owner']} owns action {action['id']}.", 1,
                                  evidence={review: 1}, dashed=True))

    # A theme in focus is sized by the separate reviews raising it, a review by its
    # recommendations: its evidence says the same, review by review.
    centre_evidence = ({r: 1 for r in evidence[centre.id]} if centre.kind == "theme"
                       else dict(evidence[centre.id]))
    nodes: list[Node] = [Node(centre.id, centre.label, centre.kind, centre.group, centre.title,
                              centre.value, 0.0, 0.0, evidence=centre_evidence,
                              quadrants=tuple(sorted(quadrants_of[centre.id])),
                              themes=tuple(sorted(themes_of[centre.id])), always=True)]
    # Counted in one pass over the rows, not once per node (quadratic: a national corpus's
    # theme in focus has thousands of nodes and of rows, and took 30-100 s).
    made = Counter(r["review"] for r in rows)
    listed = {kind: Counter(code for r in rows for code in set(r[column]))
              for kind, column in (("theme", "themes"), ("standard", "standards"),
                                   ("agency", "agencies"))}
    owned_by = Counter(a["owner"] for r in rows for a in r["actions"])
    for review in review_ids:
        facet = reviews.get(review)
        node_id = f"review:{review}"
        n_recs = made[review]
        nodes.append(Node(node_id, facet.title if facet else review, "review",
                          f"partnership-{facet.partnership_type if facet else None}",
                          _lines(_review_line(facet, review),
                                 f"{_plural(n_recs, 'recommendation')} here."),
                          n_recs, *positions[node_id], evidence=dict(evidence[node_id]),
                          quadrants=tuple(sorted(quadrants_of[node_id])),
                          themes=tuple(sorted(themes_of[node_id]))))
    nodes.extend(rec_nodes)
    nodes.extend(action_nodes)
    for node_id in sorted(outer, key=lambda k: (k.split(":")[0], k)):
        kind, code = node_id.split(":", 1)
        ev = evidence[node_id]
        extra = dict(evidence=dict(ev), quadrants=tuple(sorted(quadrants_of[node_id])),
                     themes=tuple(sorted(themes_of[node_id])))
        count = listed.get(kind, listed["agency"])[code]
        if kind == "theme":
            t = theme_labels[code]
            nodes.append(Node(node_id, t.label, "theme", t.group,
                              _lines(t.heading,
                                     f"Raised by {_plural(count, 'recommendation')} here."),
                              count, *positions[node_id], **extra))  # type: ignore[arg-type]
        elif kind == "standard":
            s = fw.standard(code)
            nodes.append(Node(node_id, s.code, "standard", f"quadrant-{s.quadrant}",
                              _lines(f"Practice standard {s.code}: {s.label}", s.outcome,
                                     f"Quadrant {s.quadrant}: {fw.quadrant(s.quadrant).label}",
                                     f"{_plural(count, 'recommendation')} here map to it."),
                              count, *positions[node_id], **extra))  # type: ignore[arg-type]
        else:
            agency: Mapping[str, Any] = agencies.get(code, {})
            owned = owned_by[code]
            nodes.append(Node(node_id, code, "agency", "agency",
                              _lines(f"{agency.get('name') or code} ({code})",
                                     f"Sector: {agency.get('sector') or 'not given'}",
                                     f"Here: {_plural(count, 'recommendation')} directed at "
                                     f"it, {_plural(owned, 'action')} it owns."),
                              count + owned, *positions[node_id], **extra))  # type: ignore[arg-type]
    return nodes, edges


def _short(text: str, limit: int = 14) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _overdue(action: Mapping[str, Any], as_of: dt.date) -> bool:
    """agency-accountability's rule: open or in progress, with a due date before ``as_of``."""
    due = action.get("due")
    return (action.get("status") in ("open", "in-progress") and isinstance(due, dt.date)
            and due < as_of)


def _action_node(action: Mapping[str, Any], row: Mapping[str, Any],
                 reviews: Mapping[str, ReviewFacet], overdue: bool,
                 position: layout.Point) -> Node:
    status = action.get("status")
    review = row["review"]
    return Node(
        f"action:{action['id']}", action["id"].rsplit("-", 1)[-1], "action", f"status-{status}",
        _lines(f"Action {action['id']} ({STATUS_LABELS.get(status, status)}"
               f"{', OVERDUE' if overdue else ''})",
               action.get("text"),
               f"Owner: {action.get('owner') or 'none'}",
               f"Due: {_date(action.get('due'))}" if action.get("due") else None,
               f"Completed: {_date(action.get('completed'))}" if action.get("completed")
               else None,
               f"Responds to recommendation {row['number']} of "
               f"{_review_line(reviews.get(review), review)}"),
        1, *position, evidence={review: 1}, quadrants=tuple(row["quadrants"]),
        themes=tuple(row["themes"]), marked=overdue)


def _actions_left_out(actions: int, with_actions: bool) -> tuple[str, ...]:
    if with_actions:
        return ()
    return (f"{actions} actions are too many to draw one by one: each recommendation's text "
            "counts its actions, and dashed links lead to the agencies that own them.",)


def theme_focus(sg: Scrgraph, theme: str, as_of: dt.date | None = None,
                max_items: int = MAX_ITEMS) -> NetworkView:
    """One key theme: its reviews, recommendations, standards, agencies and actions."""
    code = resolve_theme(sg, theme)
    themes = _themes(sg)
    t = themes[code]
    index, rows, recurring_rows = (r.rows for r in sg.run_queries([
        ("review-index", None), ("recommendation-network", {"theme": code}),
        ("recurring-themes", {"min_reviews": 1})]))
    reviews = _review_facets(index)
    recurring = {r["theme"]: r for r in recurring_rows}
    row = recurring.get(code, {})
    n_reviews, n_recs = int(row.get("reviews", 0)), int(row.get("recommendations", 0))
    centre = Node(f"theme:{code}", t.label, "theme", t.group,
                  _lines(t.heading, t.note,
                         f"Raised by {_plural(n_reviews, 'separate review')} in "
                         f"{_plural(n_recs, 'recommendation')}."),
                  n_reviews, 0.0, 0.0)
    actions = sum(len(r["actions"]) for r in rows)
    with_actions = len(rows) + actions <= max_items
    nodes, edges = _network_nodes(sg, rows, reviews, centre, as_of, with_themes=False,
                                  with_actions=with_actions)
    made = Counter(r["review"] for r in rows)  # in the order the rows first name them
    edges[:0] = reversed([Edge(centre.id, f"review:{review}", "raised-by",
                               f"{review} raises {t.label} in "
                               f"{_plural(n, 'recommendation')}.", n, evidence={review: n})
                          for review, n in made.items()])
    quadrant_options, theme_options = _options(sg, themes)
    counts = _counts(nodes, edges)
    return NetworkView(
        "theme", f"{'Local' if t.local else 'Key'} theme in focus: {t.label}",
        f"{_plural(n_reviews, 'separate review')} and {_plural(n_recs, 'recommendation')} "
        f"raise {t.label}, with the practice standards they map to, the agencies they are "
        f"directed at and {_plural(actions, 'action')} in response.",
        tuple(nodes), tuple(edges), _legend([n.group for n in nodes] +
                                            (["overdue"] if any(n.marked for n in nodes)
                                             else []), focus_legend(sg.framework().quadrants)),
        _used_reviews(nodes, reviews), quadrant_options, theme_options, counts=counts,
        queries=("recommendation-network", "recurring-themes", "agency-index", "review-index"),
        notes=_actions_left_out(actions, with_actions), focus=code)


def review_focus(sg: Scrgraph, review: str, as_of: dt.date | None = None,
                 max_items: int = MAX_ITEMS) -> NetworkView:
    """One review: its recommendations, their themes, standards, agencies and actions."""
    reviews = _review_facets(sg.run_query("review-index").rows)
    review_id = _resolve_review(review, reviews)
    facet = reviews[review_id]
    rows = sg.run_query("recommendation-network", {"review": review_id}).rows
    centre = Node(f"review:{review_id}", facet.title, "review",
                  f"partnership-{facet.partnership_type}",
                  _lines(_review_line(facet, review_id),
                         f"{_plural(len(rows), 'recommendation')}."),
                  len(rows), 0.0, 0.0)
    actions = sum(len(r["actions"]) for r in rows)
    with_actions = len(rows) + actions <= max_items
    nodes, edges = _network_nodes(sg, rows, reviews, centre, as_of, with_reviews=False,
                                  with_actions=with_actions)
    quadrant_options, theme_options = _options(sg)
    counts = _counts(nodes, edges)
    return NetworkView(
        "review", f"Review in focus: {facet.title} ({review_id})",
        f"{facet.kind} published {facet.year or 'in an unknown year'} by "
        f"{facet.partnership_name or 'no partnership'}: {_plural(len(rows), 'recommendation')}, "
        f"{_drawn_themes(nodes)}, "
        f"{_plural(counts.get('standard', 0), 'practice standard')}, "
        f"{_plural(counts.get('agency', 0), 'agency', 'agencies')} and "
        f"{_plural(actions, 'action')}.",
        tuple(nodes), tuple(edges), _legend([n.group for n in nodes] +
                                            (["overdue"] if any(n.marked for n in nodes)
                                             else []), focus_legend(sg.framework().quadrants)),
        _used_reviews(nodes, reviews), quadrant_options, theme_options, counts=counts,
        queries=("recommendation-network", "agency-index", "review-index"),
        notes=_actions_left_out(actions, with_actions), focus=review_id)


def agency_accountability(sg: Scrgraph, as_of: dt.date | None = None,
                          max_items: int = MAX_ITEMS) -> NetworkView:
    """Agencies and the actions they own, coloured by status, overdue actions marked."""
    as_of = as_of or dt.date.today()
    # The actions counted in the database, grouped by agency, status and overdue: enough to
    # draw them grouped, and to know whether they are few enough to draw one by one (then,
    # and only then, every recommendation with its actions is read).
    review_rows, standing, agency_rows, grouped_rows = (r.rows for r in sg.run_queries([
        ("review-index", None), ("agency-accountability", {"as_of": as_of}),
        ("agency-index", None), ("agency-action-groups", {"as_of": as_of})]))
    reviews = _review_facets(review_rows)
    index = {r["agency"]: r for r in agency_rows}
    total = sum(g["actions"] for g in grouped_rows)
    grouped = len(standing) + total > max_items
    groups: dict[str, dict[tuple[str | None, bool], Mapping[str, Any]]] = defaultdict(dict)
    for found in grouped_rows:  # in the query's order, which places them
        groups[found["agency"]][found["status"], found["overdue"]] = found
    owned: dict[str, list[tuple[Mapping[str, Any], Mapping[str, Any]]]] = defaultdict(list)
    if not grouped:
        for row in sg.run_query("recommendation-network").rows:
            for action in row["actions"]:
                if action["owner"]:
                    owned[action["owner"]].append((action, row))
    spacing, inner = (80.0, 80.0) if grouped else (55.0, 70.0)
    agencies = [r["agency"] for r in standing]
    centres = layout.shelves([(a, len(groups.get(a, {}) if grouped else owned.get(a, [])))
                              for a in agencies], spacing, inner, 90.0)
    nodes: list[Node] = []
    edges: list[Edge] = []
    for r in standing:
        agency = r["agency"]
        mine = groups.get(agency, {}).values()
        evidence: Counter[str] = Counter()
        for g in mine:
            evidence.update(dict(zip(g["in_reviews"], g["per_review"], strict=True)))
        themes = sorted({t for g in mine for t in g["themes"]})
        quadrants = sorted({q for g in mine for q in g["quadrants"]})
        nodes.append(Node(
            f"agency:{agency}", agency, "agency", "agency",
            _lines(f"{r['name'] or agency} ({agency})",
                   f"Sector: {index.get(agency, {}).get('sector') or 'not given'}",
                   f"{_plural(r['actions'], 'action')} owned: {r['open']} open, "
                   f"{r['in_progress']} in progress, {r['done']} done, "
                   f"{r['not_implemented']} not implemented, {r['superseded']} superseded.",
                   f"{r['overdue']} overdue as of {as_of.isoformat()}.",
                   f"Recommendations directed at it: {r['recommendations_with_no_action']} "
                   f"with no action at all, {r['recommendations_left_to_others']} with "
                   "actions only by other agencies."),
            r["actions"], *centres[agency], evidence=dict(sorted(evidence.items())),
            quadrants=tuple(quadrants), themes=tuple(themes), marked=r["overdue"] > 0))
        if grouped:
            spots = layout.sunflower([f"{s}:{o}" for s, o in groups.get(agency, {})],
                                     centres[agency], spacing, inner)
            for (status, late), group in groups.get(agency, {}).items():
                node = _action_group_node(agency, status, late, group, spots[f"{status}:{late}"])
                nodes.append(node)
                edges.append(Edge(node.id, f"agency:{agency}", "owned-by",
                                  f"{agency} owns {_plural(group['actions'], 'action')} "
                                  f"{STATUS_LABELS.get(status, status)}"
                                  f"{', overdue' if late else ''}.", group["actions"],
                                  evidence=dict(node.evidence)))
            continue
        ordered = sorted(owned.get(agency, []), key=lambda ar: (ar[0]["status"] or "",
                                                                 ar[0]["id"]))
        spots = layout.sunflower([a["id"] for a, _ in ordered], centres[agency], spacing, inner)
        for action, coded in ordered:
            node = _action_node(action, coded, reviews, _overdue(action, as_of),
                                spots[action["id"]])
            nodes.append(node)
            edges.append(Edge(node.id, f"agency:{agency}", "owned-by",
                              f"{agency} owns action {action['id']}.", 1,
                              evidence={coded["review"]: 1}))
    quadrant_options, theme_options = _options(sg)
    legend = {"agency": LegendItem("agency", "agency (size: actions it owns)", AGENCY_COLOUR,
                                   SHAPES["agency"]),
              **status_legend(), "overdue": OVERDUE_LEGEND}
    counts = _counts(nodes, edges)
    overdue = sum(r["overdue"] for r in standing)
    notes = (f"{total} actions are too many to draw one by one: each agency's are grouped by "
             "status (overdue ones apart); a group's size is its number of actions.",
             ) if grouped else ()
    return NetworkView(
        "agency-accountability", "Agency accountability",
        f"{_plural(len(standing), 'agency', 'agencies')} and the "
        f"{_plural(total, 'action')} they own, coloured by status; "
        f"{overdue} overdue as of {as_of.isoformat()} (marked red).",
        tuple(nodes), tuple(edges),
        _legend([n.group for n in nodes] + (["overdue"] if overdue else []), legend),
        _used_reviews(nodes, reviews), quadrant_options, theme_options, counts=counts,
        queries=("agency-accountability", "agency-index", "agency-action-groups",
                 "review-index") + (() if grouped else ("recommendation-network",)),
        notes=notes)


def _action_group_node(agency: str, status: str | None, overdue: bool,
                       group: Mapping[str, Any], position: layout.Point) -> Node:
    """One agency's actions of one status, overdue or not: an agency-action-groups row."""
    evidence = dict(zip(group["in_reviews"], group["per_review"], strict=True))
    label = STATUS_LABELS.get(status, str(status))
    return Node(
        f"actions:{agency}:{status}:{'overdue' if overdue else 'on-time'}",
        str(group["actions"]), "action-group", f"status-{status}",
        _lines(f"{agency}: {_plural(group['actions'], 'action')} {label}"
               f"{', OVERDUE' if overdue else ''}",
               "From " + ", ".join(f"{r} ({n})" for r, n in sorted(evidence.items()))),
        group["actions"], *position, evidence=evidence,
        quadrants=tuple(group["quadrants"]), themes=tuple(group["themes"]), marked=overdue)


def build(sg: Scrgraph, view: str, *, theme: str | None = None, review: str | None = None,
          as_of: dt.date | None = None, filters: Filters | None = None) -> NetworkView:
    """The view named ``view`` (see :data:`VIEWS`), with the page's filters preset."""
    name = resolve_view(view)
    if name == "theme" and not theme:
        raise UnknownItem("The theme view needs a theme: give --theme (e.g. domestic-abuse).")
    if name == "review" and not review:
        raise UnknownItem("The review view needs a review: give --review (a review's id).")
    if name == "theme-map":
        built = theme_map(sg)
    elif name == "reviews-themes":
        built = reviews_themes(sg)
    elif name == "theme":
        built = theme_focus(sg, theme or "", as_of)
    elif name == "review":
        built = review_focus(sg, review or "", as_of)
    else:
        built = agency_accountability(sg, as_of)
    if name == "theme" and (filters is None or not filters.active):
        built, filters = _opening_years(built)
    filters = filters or Filters()
    if name != "theme" and theme and filters.theme is None:
        filters = Filters(**{**_fields(filters), "theme": theme})
    if filters.theme is not None:
        filters = Filters(**{**_fields(filters), "theme": resolve_theme(sg, filters.theme)})
    if filters.quadrant is not None and filters.quadrant not in {o.value
                                                                  for o in built.quadrants}:
        raise UnknownItem(f"There is no quadrant '{filters.quadrant}': give 1, 2, 3 or 4.")
    kinds = sorted({r.kind for r in built.reviews})
    if filters.kind is not None and filters.kind not in kinds:
        raise UnknownItem(f"No review drawn here is of kind '{filters.kind}'; the kinds are: "
                          f"{', '.join(kinds) or 'none'}.")
    partnerships = sorted({r.partnership for r in built.reviews if r.partnership})
    if filters.partnership is not None and filters.partnership not in partnerships:
        raise UnknownItem(f"No review drawn here was commissioned by '{filters.partnership}'; "
                          f"the partnerships are: {', '.join(partnerships) or 'none'}.")
    return NetworkView(**{**_fields(built), "filters": filters})


def _opening_years(view: NetworkView, most: int = MAX_ITEMS) -> tuple[NetworkView, Filters | None]:
    """A theme in focus with more than ``most`` recommendations (a national corpus's: 11,301
    for neglect, 58,155 links, drawn as a grey disc) opens on its latest years, as many as
    keep it within ``most`` (the latest year alone if it has more), with a note saying so;
    everything stays on the page, a filter away. Otherwise the view as it is, no filter."""
    years = {r.id: r.year for r in view.reviews}
    per_year: Counter[int] = Counter()
    for node in view.nodes:
        if node.kind == "recommendation":
            for review in node.evidence:
                year = years.get(review)
                if year is not None:
                    per_year[year] += 1
    total = sum(1 for n in view.nodes if n.kind == "recommendation")
    if total <= most or len(per_year) < 2:
        return view, None
    shown, start = 0, max(per_year)
    for year in sorted(per_year, reverse=True):
        if shown and shown + per_year[year] > most:
            break
        shown += per_year[year]
        start = year
    note = (f"{total} recommendations are too many to read at once: the page opens on the "
            f"{shown} from reviews published in {start} or later. Change the years, or another "
            "filter, to see the others ('Show everything' draws them all).")
    return dataclasses.replace(view, notes=(*view.notes, note)), Filters(year_from=start)


def _fields(obj: Any) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in obj.__dataclass_fields__}


__all__ = ["AGGREGATE_REVIEWS_ABOVE", "UnknownItem", "build", "resolve_theme", "resolve_view"]
