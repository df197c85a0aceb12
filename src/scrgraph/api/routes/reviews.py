"""``/reviews``: the reviews, newest first (paged), and one review by its id."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from scrgraph.api.deps import FacadeDep, ReaderDep
from scrgraph.api.routes._items import FormatParam, Limit, Skip, item, listing

router = APIRouter(prefix="/reviews", tags=["reviews"])


@router.get("", summary="The reviews, newest first")
def list_reviews(
    sg: FacadeDep,
    _: ReaderDep,
    request: Request,
    fmt: FormatParam = None,
    skip: Skip = 0,
    limit: Limit = 50,
    kind: Annotated[
        str | None,
        Query(max_length=200, description="Only SCR, LCSPR, SAR, DHR, THEMATIC or NATIONAL."),
    ] = None,
    partnership_type: Annotated[
        str | None,
        Query(max_length=200, description="Only children, adults, community-safety or national."),
    ] = None,
) -> Response:
    """The reviews, newest first, one page at a time (``next`` links the following page)."""
    return listing(
        sg, "reviews", request, fmt, skip, limit, kind=kind, partnership_type=partnership_type
    )


@router.get("/{review_id}", summary="One review with its partnership, recommendations and themes")
def get_review(
    sg: FacadeDep, _: ReaderDep, review_id: Annotated[str, Path(max_length=200)]
) -> dict[str, Any]:
    """One review with its partnership, recommendations and themes; 404 if there is none."""
    return item(sg, "reviews", "id", review_id, "review")
