"""``/graph/{view}`` (a network view's nodes and edges as JSON) and ``/viz/{view}`` (the same
view as the interactive page). Both come from the facade's ``network``, so the numbers are the
catalog's, and equal what ``scrgraph viz`` draws."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse

from scrgraph.api.deps import FacadeDep, ReaderDep
from scrgraph.facade import Scrgraph

router = APIRouter(tags=["network"])

View = Literal["theme-map", "reviews-themes", "theme", "review", "agency-accountability"]
Text = Annotated[str | None, Query(max_length=200)]
Year = Annotated[int | None, Query(ge=1900, le=2200)]

# The page carries its scripts, styles and data inline and asks for nothing: it may run its
# own inline script, and nothing from anywhere else.
PAGE_CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
            "img-src data:; font-src data:; connect-src 'none'; base-uri 'none'; "
            "form-action 'none'; frame-ancestors 'none'")


def _network(sg: Scrgraph, view: str, theme: str | None, review: str | None,
             as_of: dt.date | None, kind: str | None, partnership: str | None,
             year_from: int | None, year_to: int | None, quadrant: str | None) -> Any:
    return sg.network(view, theme=theme, review=review, as_of=as_of, kind=kind,
                      partnership=partnership, year_from=year_from, year_to=year_to,
                      quadrant=quadrant)


@router.get("/graph/{view}", summary="A network view's nodes and edges")
def graph(sg: FacadeDep, _: ReaderDep, view: View, theme: Text = None, review: Text = None,
          as_of: dt.date | None = None, kind: Text = None, partnership: Text = None,
          year_from: Year = None, year_to: Year = None, quadrant: Text = None
          ) -> dict[str, Any]:
    """The view as data: title, nodes, edges, legend and counts (what the page draws)."""
    network = _network(sg, view, theme, review, as_of, kind, partnership, year_from, year_to,
                       quadrant)
    data: dict[str, Any] = network.to_dict()
    return data


@router.get("/viz/{view}", response_class=HTMLResponse, summary="A network view as a page")
def page(sg: FacadeDep, _: ReaderDep, view: View, theme: Text = None, review: Text = None,
         as_of: dt.date | None = None, kind: Text = None, partnership: Text = None,
         year_from: Year = None, year_to: Year = None, quadrant: Text = None) -> HTMLResponse:
    """The interactive network page: offline, filterable, the same as ``scrgraph viz``."""
    network = _network(sg, view, theme, review, as_of, kind, partnership, year_from, year_to,
                       quadrant)
    return HTMLResponse(sg.render_network(network),
                        headers={"content-security-policy": PAGE_CSP})
