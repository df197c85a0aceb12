"""Summary learning slides for one review (python-pptx): the case in brief, one slide per
quadrant its learning touches, the actions and their owners, and where the same learning
recurred in other reviews.

Every fact on a slide is a row of a catalog query: ``review-profile`` (its recommendations
with their themes, standards, quadrants, agencies and actions), ``report-reviews`` (its
summary and counts), ``report-quadrants`` (each quadrant's guiding question),
``report-theme-reviews`` (the other reviews raising each theme) and ``similar-reviews``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrgraph.errors import CatalogError
from scrgraph.files import replacing
from scrgraph.formatting import published_words
from scrgraph.results import ReportData

if TYPE_CHECKING:
    from scrgraph.facade import Scrgraph


@dataclass(frozen=True)
class ReviewSlides:
    """The rows the slides of one review are made from."""

    review: dict[str, Any]
    recommendations: list[dict[str, Any]]
    quadrants: list[dict[str, Any]]
    recurrences: list[dict[str, Any]]
    similar: list[dict[str, Any]]
    themes: dict[str, str]
    standard_quadrants: dict[str, str]


def gather(sg: Scrgraph, review: str) -> ReviewSlides:
    """Run the queries behind one review's slides; CatalogError if there is no such review."""
    profile = sg.run_query("review-profile", {"review": review}).rows
    if not profile:
        raise CatalogError(f"No review '{review}' (or it has no recommendations).")
    first = profile[0]
    year = first["published"].year if first["published"] else None
    partnership = str(first["partnership"]).split(";")[0]  # a joint review's first
    brief = next(r for r in sg.run_query(
        "report-reviews", {"partnership": partnership, "from_year": year,
                           "to_year": year}).rows if r["review"] == review)
    everything = sg.run_query("report-theme-reviews").rows
    return ReviewSlides(
        brief, profile, sg.run_query("report-quadrants").rows,
        [r for r in everything if r["review"] != review],
        sg.run_query("similar-reviews", {"review": review}).rows,
        {r["theme"]: r["label"] for r in everything},
        {r["standard"]: r["quadrant"] for r in sg.run_query("report-standards").rows})


def _short(text: str, limit: int = 190) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _bullets(slide: Any, lines: Sequence[str], size: int = 16) -> None:
    from pptx.util import Pt

    body = slide.placeholders[1].text_frame
    body.clear()
    for i, line in enumerate(lines):
        paragraph = body.paragraphs[0] if i == 0 else body.add_paragraph()
        paragraph.text = line
        paragraph.font.size = Pt(size)


def write_pptx(data: ReviewSlides, path: Path) -> Path:
    """The slides as ``path`` (.pptx, the default 4:3 template)."""
    from pptx import Presentation
    from pptx.util import Cm, Pt

    review = data.review
    deck = Presentation()
    title_layout, content_layout = deck.slide_layouts[0], deck.slide_layouts[1]

    slide = deck.slides.add_slide(title_layout)
    slide.shapes.title.text = f"Learning from {review['title']}"
    slide.placeholders[1].text = (f"{review['kind']} commissioned by {review['partnership']}, "
                                  f"published {published_words(review['published'], '%d %B %Y')}\n"
                                  "Summary learning slides on the Thematic Learning Framework")

    slide = deck.slides.add_slide(content_layout)
    slide.shapes.title.text = "The case in brief"
    _bullets(slide, [_short(review["summary"] or "", 600),
                     f"{review['recommendations']} recommendations; "
                     f"{review['actions']} actions in response."], size=15)

    for quadrant in data.quadrants:
        recs = [r for r in data.recommendations if quadrant["quadrant"] in r["quadrants"]]
        if not recs:
            continue
        slide = deck.slides.add_slide(content_layout)
        slide.shapes.title.text = f"Quadrant {quadrant['quadrant']}: {quadrant['label']}"
        question = quadrant["question"] or ""
        themes = sorted({data.themes.get(t, t) for r in recs for t in r["themes"]})
        standards = sorted({s for r in recs for s in r["standards"]
                            if data.standard_quadrants.get(s) == quadrant["quadrant"]},
                           key=lambda s: tuple(int(x) for x in s.split(".")))
        lines = [question[:1].upper() + question[1:],
                 "Themes: " + (", ".join(themes) or "none"),
                 "Standards: " + ", ".join(standards)]
        lines += [f"R{r['number']}: {_short(r['text'], 130)}" for r in recs[:4]]
        if len(recs) > 4:
            lines.append(f"… and {len(recs) - 4} more recommendations")
        _bullets(slide, lines, size=12)

    slide = deck.slides.add_slide(deck.slide_layouts[5])
    slide.shapes.title.text = "Actions and owners"
    actions = [(r["number"], a) for r in data.recommendations for a in r["actions"]]
    shown = actions[:18]
    table = slide.shapes.add_table(len(shown) + 1, 5, Cm(1), Cm(3.6), Cm(23.4),
                                   Cm(0.7) * (len(shown) + 1)).table
    for c, header in enumerate(("Recommendation", "Action", "Owner", "Status", "Due")):
        table.cell(0, c).text = header
    for row, (number, action) in enumerate(shown, start=1):
        values = (f"R{number}", action["id"], action["owner"] or "", action["status"],
                  action["due"].isoformat() if action["due"] else "")
        for c, value in enumerate(values):
            table.cell(row, c).text = value
            table.cell(row, c).text_frame.paragraphs[0].font.size = Pt(9)
    if len(actions) > len(shown):
        box = slide.shapes.add_textbox(Cm(1), Cm(18), Cm(23), Cm(0.8))
        box.text_frame.text = f"The first {len(shown)} of {len(actions)} actions."

    slide = deck.slides.add_slide(content_layout)
    slide.shapes.title.text = "Where the same learning recurred"
    own = sorted({t for r in data.recommendations for t in r["themes"]})
    lines = []
    for theme in own:
        others = [f"{r['title']} ({published_words(r['published'], '%Y')})"
                  for r in data.recurrences
                  if r["theme"] == theme]
        lines.append(f"{data.themes.get(theme, theme)}: "
                     + (", ".join(others) if others else "no other review"))
    if data.similar:
        lines.append("Most alike: " + ", ".join(
            f"{r['title']} ({r['shared_themes']} themes shared)" for r in data.similar[:3]))
    _bullets(slide, [_short(line, 260) for line in lines], size=11)

    path.parent.mkdir(parents=True, exist_ok=True)
    with replacing(path) as temporary:
        deck.save(str(temporary))
    return path


def slides_name(review: str) -> str:
    return "slides-" + (re.sub(r"[^A-Za-z0-9]+", "-", review).strip("-") or "review") + ".pptx"


def write_theme_pptx(data: ReportData, path: Path) -> Path:
    """Summary learning slides on the theme of ``data``'s scope (``sg.report`` with a theme):
    what the reviews found, one slide per quadrant the theme's learning touches, and the
    agencies' actions. The same rows as the theme report and the briefing."""
    from pptx import Presentation
    from pptx.util import Cm, Pt

    theme = data.theme(data.scope.theme or "")
    if theme is None:
        raise CatalogError(f"No key theme '{data.scope.theme}' in the report's scope.")
    s = data.summary
    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[0])
    slide.shapes.title.text = f"Learning on {theme['label']}"
    slide.placeholders[1].text = (f"{data.scope.describe()}\nSummary learning slides on the "
                                  "Thematic Learning Framework")

    slide = deck.slides.add_slide(deck.slide_layouts[1])
    slide.shapes.title.text = "What the reviews found"
    reviews = [f"{r['title']} ({r['kind']}, {published_words(r['published'], '%Y')}): "
               f"{r['recommendations']} recommendations" for r in data.rows("reviews")]
    _bullets(slide, [f"Raised in {theme['reviews']} separate reviews, in "
                     f"{theme['recommendations']} recommendations to {theme['agencies']} "
                     "agencies.", *reviews[:9]], size=13)

    for quadrant in data.rows("quadrants"):
        if not quadrant["recommendations"]:
            continue
        recs = [r for r in data.rows("recommendations") if quadrant["quadrant"] in r["quadrants"]]
        standards = [st for st in data.rows("standards")
                     if st["quadrant"] == quadrant["quadrant"] and st["recommendations"]]
        slide = deck.slides.add_slide(deck.slide_layouts[1])
        slide.shapes.title.text = f"Quadrant {quadrant['quadrant']}: {quadrant['label']}"
        question = quadrant["question"] or ""
        lines = [question[:1].upper() + question[1:],
                 f"{quadrant['recommendations']} recommendations from {quadrant['reviews']} "
                 "reviews map here; standards: "
                 + ", ".join(f"{st['standard']} ({st['recommendations']})" for st in standards)]
        lines += [f"{r['title']} R{r['number']}: {_short(r['text'], 120)}" for r in recs[-3:]]
        _bullets(slide, lines, size=12)

    slide = deck.slides.add_slide(deck.slide_layouts[5])
    slide.shapes.title.text = "Actions by agency"
    agencies = [a for a in data.rows("agencies") if a["actions"]][:14]
    table = slide.shapes.add_table(len(agencies) + 1, 5, Cm(1), Cm(3.6), Cm(23.4),
                                   Cm(0.7) * (len(agencies) + 1)).table
    for c, header in enumerate(("Agency", "Actions", "Done", "Impact evidenced", "Overdue")):
        table.cell(0, c).text = header
    for row, agency in enumerate(agencies, start=1):
        values = (agency["agency"], agency["actions"], agency["done"],
                  agency["impact_evidenced"], agency["overdue"])
        for c, value in enumerate(values):
            table.cell(row, c).text = str(value)
            table.cell(row, c).text_frame.paragraphs[0].font.size = Pt(10)
    box = slide.shapes.add_textbox(Cm(1), Cm(18), Cm(23), Cm(0.8))
    box.text_frame.text = (f"{s['actions']} actions in all: {s['done']} done, "
                           f"{s['impact_evidenced']} with impact evidenced, {s['overdue']} "
                           f"overdue on {data.as_of:%d %B %Y}.")
    path.parent.mkdir(parents=True, exist_ok=True)
    with replacing(path) as temporary:
        deck.save(str(temporary))
    return path
