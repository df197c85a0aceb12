"""``/agencies``: the agencies, by name (paged), and one agency by its id."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from scrgraph.api.deps import FacadeDep, ReaderDep
from scrgraph.api.routes._items import FormatParam, Limit, Skip, item, listing

router = APIRouter(prefix="/agencies", tags=["agencies"])


@router.get("", summary="The agencies, by name")
def list_agencies(
    sg: FacadeDep,
    _: ReaderDep,
    request: Request,
    fmt: FormatParam = None,
    skip: Skip = 0,
    limit: Limit = 50,
    sector: Annotated[str | None, Query(max_length=200, description="Only e.g. police.")] = None,
) -> Response:
    """The agencies, by name, one page at a time (``next`` links the following page)."""
    return listing(sg, "agencies", request, fmt, skip, limit, sector=sector)


@router.get(
    "/{agency_id}",
    summary="One agency with the recommendations directed at it and the actions it owns",
)
def get_agency(
    sg: FacadeDep, _: ReaderDep, agency_id: Annotated[str, Path(max_length=200)]
) -> dict[str, Any]:
    """One agency with the recommendations directed at it and the actions it owns; 404 if
    there is none."""
    return item(sg, "agencies", "id", agency_id, "agency")
