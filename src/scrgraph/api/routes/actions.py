"""``/actions``: the smart actions (paged), and one action by its id."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from scrgraph.api.deps import FacadeDep, ReaderDep
from scrgraph.api.routes._items import FormatParam, Limit, Skip, item, listing

router = APIRouter(prefix="/actions", tags=["actions"])


@router.get("", summary="The SMART actions")
def list_actions(
    sg: FacadeDep,
    _: ReaderDep,
    request: Request,
    fmt: FormatParam = None,
    skip: Skip = 0,
    limit: Limit = 50,
    status: Annotated[str | None, Query(
        max_length=200, description="Only open, in-progress, completed, impact-evidenced, "
        "not-implemented or superseded.")] = None,
    owner: Annotated[
        str | None, Query(max_length=200, description="Only the owning agency's id.")
    ] = None,
) -> Response:
    """The SMART actions, one page at a time (``next`` links the following page)."""
    return listing(sg, "actions", request, fmt, skip, limit, status=status, owner=owner)


@router.get("/{action_id}", summary="One action with its recommendation, review and owner")
def get_action(
    sg: FacadeDep, _: ReaderDep, action_id: Annotated[str, Path(max_length=200)]
) -> dict[str, Any]:
    """One action with its recommendation, review and owner; 404 if there is none."""
    return item(sg, "actions", "id", action_id, "action")
