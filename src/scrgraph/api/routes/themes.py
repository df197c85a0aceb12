"""``/themes``: the 13 key themes, then any local themes (paged), and one theme by its code."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response

from scrgraph.api.deps import FacadeDep, ReaderDep
from scrgraph.api.routes._items import FormatParam, Limit, Skip, item, listing

router = APIRouter(prefix="/themes", tags=["themes"])


@router.get("", summary="The 13 key themes, then the local themes")
def list_themes(
    sg: FacadeDep,
    _: ReaderDep,
    request: Request,
    fmt: FormatParam = None,
    skip: Skip = 0,
    limit: Limit = 50,
) -> Response:
    """The 13 key themes, then the local themes partnerships declared beside them (scope
    local), one page at a time (``next`` links the following page)."""
    return listing(sg, "themes", request, fmt, skip, limit)


@router.get("/{code}", summary="One key theme with its standards and recommendations")
def get_theme(
    sg: FacadeDep, _: ReaderDep, code: Annotated[str, Path(max_length=200)]
) -> dict[str, Any]:
    """One key theme with its standards and recommendations; 404 if there is none."""
    return item(sg, "themes", "code", code, "theme")
