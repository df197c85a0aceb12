"""The theme report as a Word document (python-docx), for board papers.

The same ReportData and the same words as the HTML report (headline, themes, quadrants,
accountability, gaps), with the charts as PNG pictures; the long appendix stays in the
workbook, which the document points to.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from scrgraph.files import replacing
from scrgraph.report import charts, model
from scrgraph.results import ReportData


def _table(document: Any, headers: Sequence[str], rows: Sequence[Sequence[Any]],
           numeric: Sequence[int] = ()) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Light Grid Accent 1"
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        cell.text = header
    for row in rows:
        cells = table.add_row().cells
        for i, (cell, value) in enumerate(zip(cells, row, strict=True)):
            cell.text = "" if value is None else str(value)
            if i in numeric:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _picture(document: Any, chart: charts.Chart, caption: str) -> None:
    from docx.shared import Cm

    document.add_picture(io.BytesIO(charts.to_png(chart, dpi=150)), width=Cm(16))
    document.add_paragraph(caption, style="Caption")


def write_docx(data: ReportData, path: Path) -> Path:
    """Write the report as ``path`` (.docx)."""
    from docx import Document

    from scrgraph.report.render import draw_charts

    drawn = draw_charts(data)
    s = data.summary
    document = Document()
    document.add_heading("Learning from reviews: cross-review theme report", level=0)
    document.add_paragraph(data.scope.describe())
    document.add_paragraph(
        f"Made by scrgraph on {data.generated:%d %B %Y}. Figures are as things stood on "
        f"{data.as_of:%d %B %Y}: reviews published by then, and each action's status on that "
        f"day. Every number is a row of a query in scrgraph's catalog; the "
        "tables behind this paper are in the workbook beside it.")

    document.add_heading("Headline", level=1)
    for sentence in model.headline(data):
        document.add_paragraph(sentence, style="List Bullet")
    document.add_paragraph(
        "A recommendation coded to two key themes counts under each theme, and one mapped to "
        "standards in two quadrants counts under each quadrant: do not add up the rows of the "
        "theme or quadrant tables. Done means completed or impact evidenced.")

    document.add_heading("Key themes across the reviews", level=1)
    _table(document, ["Key theme", "Separate reviews", "children's", "adults'", "DHR",
                      "Recommendations", "Agencies"],
           [[t["label"], t["reviews"], t["children_reviews"], t["adults_reviews"],
             t["community_safety_reviews"], t["recommendations"], t["agencies"]]
            for t in data.rows("themes")], numeric=range(1, 7))
    reviews = len(data.rows("reviews"))
    _picture(document, drawn["heatmap"], "Where each theme came from: each review's "
             "recommendations coded to the theme" + (
                 f" (the {charts.HEATMAP_REVIEWS} most recently published of {reviews:,} "
                 "reviews)." if reviews > charts.HEATMAP_REVIEWS else "."))
    _picture(document, drawn["partnerships"], "The separate reviews raising each theme, by "
             "the type of partnership that commissioned them.")
    _picture(document, drawn["trend"], "Themes over time: reviews raising the theme each year, "
             "and their share of that year's reviews.")

    for q in data.rows("quadrants"):
        document.add_heading(f"Quadrant {q['quadrant']}: {q['label']}", level=1)
        question = q["question"] or ""
        document.add_paragraph(question[:1].upper() + question[1:], style="Intense Quote")
        document.add_paragraph(
            f"{model.plural(q['recommendations'], 'recommendation')} from "
            f"{model.plural(q['reviews'], 'separate review')} map to this quadrant's "
            f"standards; {q['standards_with_learning']} of its {q['standards']} standards have "
            f"learning. {model.plural(q['actions'], 'action')} respond: {q['done']} done, "
            f"{q['impact_evidenced']} with impact evidenced, {q['overdue']} overdue.")
        standards = [st for st in data.rows("standards") if st["quadrant"] == q["quadrant"]]
        _table(document, ["Standard", "Outcome", "Recommendations", "Reviews"],
               [[f"{st['standard']} {st['label']}", st["outcome"],
                 st["recommendations"] or "none", st["reviews"]] for st in standards],
               numeric=(2, 3))

    document.add_heading("Learning that crosses quadrants", level=1)
    document.add_paragraph(
        f"{s['cross_quadrant']} of the {s['recommendations']} recommendations map to practice "
        "standards in two or more quadrants. A recommendation reaching three quadrants counts "
        "in three pairs.")
    _table(document, ["Quadrants linked", "Recommendations", "Separate reviews"],
           [[f"{r['quadrant_a']} {r['label_a']} + {r['quadrant_b']} {r['label_b']}",
             r["recommendations"], r["reviews"]] for r in data.rows("quadrant-links")],
           numeric=(1, 2))

    document.add_heading("Accountability", level=1)
    document.add_paragraph(
        f"{model.plural(s['actions'], 'action')} respond to the recommendations in scope: "
        f"{s['done']} done, {s['impact_evidenced']} with impact evidenced, {s['overdue']} "
        f"overdue; {s['recommendations_without_action']} recommendations have no action.")
    _picture(document, drawn["agencies"], "Actions owned by each agency, by status.")
    _table(document, ["Agency", "Actions", "Done", "Impact evidenced", "Overdue",
                      "Completed late", "Barriers recorded"],
           [[a["name"], a["actions"], a["done"], a["impact_evidenced"], a["overdue"],
             a["completed_late"], a["with_barriers"]] for a in data.rows("agencies")],
           numeric=range(1, 7))

    document.add_heading("Gaps", level=1)
    _picture(document, drawn["standards"], "Recommendations mapped to each practice standard.")
    for gap in data.gaps:
        document.add_paragraph(f"{gap['standard']} {gap['label']}: {gap['outcome']}",
                               style="List Bullet")
    document.add_paragraph(
        f"{s['unmapped']} recommendations are not mapped to the framework, {s['not_smart']} are "
        f"not SMART and {s['recommendations_without_action']} have no action in response.")
    document.add_paragraph(
        f"The SMART check, run on every recommendation when it is loaded, finds "
        f"{model.plural(s['smart_gaps'], 'recommendation')} of the {s['recommendations']} in "
        "scope lacking at least one of an owning agency, a timescale, a measure of it done and "
        "a specific action. Each row counts the recommendations lacking that element; a "
        "recommendation can lack several, so the rows do not add up.")
    _table(document, ["Lacking", "Recommendations", "Of those in scope"],
           [[g["lacking"][:1].upper() + g["lacking"][1:], g["recommendations"], g["in_scope"]]
            for g in data.rows("smart-gaps")], numeric=(1, 2))
    path.parent.mkdir(parents=True, exist_ok=True)
    with replacing(path) as temporary:
        document.save(str(temporary))
    return path
