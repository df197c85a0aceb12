"""``/reports/themes``: the cross-review theme report, as HTML or PDF, with the report's
filters. The same report ``scrgraph report`` writes, from the same catalog queries."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse, Response

from scrgraph.api.deps import FacadeDep, ReaderDep
from scrgraph.results import ReportScope

router = APIRouter(prefix="/reports", tags=["reports"])

Text = Annotated[str | None, Query(max_length=200)]
Year = Annotated[int | None, Query(ge=1900, le=2200)]

# The report's CSS and charts are inline; it runs no script and asks for nothing.
REPORT_CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
              "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")


@router.get("/themes", summary="The cross-review theme report (HTML or PDF)",
            response_class=Response,
            responses={200: {"content": {"text/html": {}, "application/pdf": {}}}})
def themes_report(sg: FacadeDep, _: ReaderDep,
                  format: Literal["html", "pdf"] = "html",  # noqa: A002 - the API's word
                  from_year: Year = None, to_year: Year = None,
                  kind: Annotated[list[str] | None, Query(max_length=10)] = None,
                  partnership: Text = None, theme: Text = None) -> Response:
    """The theme report for the reviews in scope (all reviews by default)."""
    scope = ReportScope(from_year=from_year, to_year=to_year, kinds=tuple(kind or ()),
                        partnership=partnership, theme=theme)
    data = sg.report(scope)
    if format == "pdf":
        return Response(sg.report_pdf(data), media_type="application/pdf",
                        headers={"content-disposition":
                                 'attachment; filename="scrgraph-theme-report.pdf"'})
    return HTMLResponse(sg.report_html(data), headers={"content-security-policy": REPORT_CSP})
