"""What the item routers share: paging over a catalog query, and one item by its key."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Query, Request
from fastapi.responses import Response

from scrgraph import formatting
from scrgraph.api.formats import Format, negotiate, rows_response
from scrgraph.api.problems import ServiceProblem
from scrgraph.facade import Scrgraph
from scrgraph.results import QueryResult

Skip = Annotated[int, Query(ge=0, le=1_000_000, description="How many items to skip.")]
Limit = Annotated[int, Query(ge=1, le=500, description="The most items to return.")]
FormatParam = Annotated[
    Format | None,
    Query(alias="format", description="json (default), csv, markdown or xlsx; or use Accept."),
]


def listing(
    sg: Scrgraph,
    query: str,
    request: Request,
    fmt: Format | None,
    skip: int,
    limit: int,
    **filters: str | None,
) -> Response:
    """One page of a catalog query's rows, with a link to the next page when there is one."""
    chosen = negotiate(request, fmt)
    params: dict[str, Any] = {k: v for k, v in filters.items() if v is not None}
    result = sg.run_query(query, {**params, "skip": skip, "limit": limit})
    return rows_response(chosen, query, result.columns, result.rows,
                         {"skip": skip, "limit": limit,
                          "next": next_page(request, result, limit)})


def next_page(request: Request, result: QueryResult, limit: int) -> str | None:
    """The link to the page after ``result`` (the request with its ``skip`` moved on, the
    same ``limit``), when the query pages and more rows follow; else None."""
    if result.next_skip is None:
        return None
    # A path, not a full URL: never echo the request's Host header back.
    url = request.url.include_query_params(skip=result.next_skip, limit=limit)
    return f"{url.path}?{url.query}"


def item(sg: Scrgraph, query: str, key: str, value: str, what: str) -> dict[str, Any]:
    """The one row of ``query`` whose ``key`` is ``value``, as JSON-ready data; 404 if none."""
    rows = sg.run_query(query, {key: value}).rows
    if not rows:
        raise ServiceProblem(404, f"There is no {what} '{value}'.")
    data: dict[str, Any] = formatting.plain(rows[0])
    return data
