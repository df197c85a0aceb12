"""``/standards``: the 23 practice standards in framework order (paged), and one by code."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from scrgraph.api.deps import FacadeDep, ReaderDep
from scrgraph.api.routes._items import FormatParam, Limit, Skip, item, listing

router = APIRouter(prefix="/standards", tags=["standards"])


@router.get("", summary="The 23 practice standards, in framework order")
def list_standards(
    sg: FacadeDep,
    _: ReaderDep,
    request: Request,
    fmt: FormatParam = None,
    skip: Skip = 0,
    limit: Limit = 50,
    quadrant: Annotated[str | None, Query(max_length=200, description="Only 1, 2, 3 or 4.")] = None,
) -> Response:
    """The 23 practice standards, in framework order, one page at a time (``next`` links the
    following page)."""
    return listing(sg, "standards", request, fmt, skip, limit, quadrant=quadrant)


@router.get(
    "/{code}", summary="One practice standard with its quadrant, themes and recommendations"
)
def get_standard(
    sg: FacadeDep, _: ReaderDep, code: Annotated[str, Path(max_length=200)]
) -> dict[str, Any]:
    """One practice standard with its quadrant, themes and recommendations; 404 if there is none."""
    return item(sg, "standards", "code", code, "standard")
