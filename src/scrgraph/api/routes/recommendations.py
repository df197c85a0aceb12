"""``/recommendations``: the recommendations, by review and number (paged), and one by id."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from scrgraph.api.deps import FacadeDep, ReaderDep
from scrgraph.api.routes._items import FormatParam, Limit, Skip, item, listing

router = APIRouter(prefix="/recommendations", tags=["recommendations"])


@router.get("", summary="The recommendations, by review and number")
def list_recommendations(
    sg: FacadeDep,
    _: ReaderDep,
    request: Request,
    fmt: FormatParam = None,
    skip: Skip = 0,
    limit: Limit = 50,
    review: Annotated[str | None, Query(max_length=200, description="Only a review's id.")] = None,
    theme: Annotated[
        str | None, Query(max_length=200, description="Only a key theme's code.")
    ] = None,
    agency: Annotated[str | None, Query(max_length=200, description="Only an agency's id.")] = None,
) -> Response:
    """The recommendations, by review and number, one page at a time (``next`` links the
    following page)."""
    return listing(
        sg, "recommendations", request, fmt, skip, limit, review=review, theme=theme, agency=agency
    )


@router.get(
    "/{recommendation_id}",
    summary="One recommendation with its themes, standards, agencies and actions",
)
def get_recommendation(
    sg: FacadeDep, _: ReaderDep, recommendation_id: Annotated[str, Path(max_length=200)]
) -> dict[str, Any]:
    """One recommendation with its themes, standards, agencies and actions; 404 if there is none."""
    return item(sg, "recommendations", "id", recommendation_id, "recommendation")
