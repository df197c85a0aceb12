"""``/queries``: the catalog, and one query run with parameters checked against its header."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response

from scrgraph import formatting
from scrgraph.api.deps import FacadeDep, ReaderDep, ServiceDep
from scrgraph.api.formats import negotiate, rows_response
from scrgraph.api.problems import ServiceProblem
from scrgraph.api.routes._items import FormatParam, next_page
from scrgraph.facade import Scrgraph
from scrgraph.results import Query

router = APIRouter(prefix="/queries", tags=["queries"])

_INT64 = 2**63 - 1


def describe(query: Query) -> dict[str, Any]:
    """A catalog query as JSON: what it answers, its parameters and its columns."""
    return {
        "name": query.name, "folder": query.folder, "description": query.description,
        "audience": query.audience, "returns": list(query.returns),
        "example": dict(query.example),
        "parameters": [{"name": p.name, "type": p.type, "required": p.required,
                        "default": formatting.plain(p.default), "choices": list(p.choices),
                        "description": p.description} for p in query.params],
    }


def bind(sg: Scrgraph, name: str, given: dict[str, str]) -> dict[str, Any]:
    """The parameters as the query's header declares them (400 naming what is wrong)."""
    if name not in {q.name for q in sg.queries()}:
        raise ServiceProblem(404, f"There is no query named '{name}'. GET /queries lists them.")
    bound = sg.bind_query(name, given)
    for key, value in bound.items():
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > _INT64:
            raise ServiceProblem(400, f"Parameter '{key}' is too large.")
    return bound


def query_params(request: Request) -> dict[str, str]:
    """The query string minus ``format``; a parameter given twice is an error."""
    params: dict[str, str] = {}
    for key, value in request.query_params.multi_items():
        if key == "format":
            continue
        if key in params:
            raise ServiceProblem(400, f"Parameter '{key}' is given twice.")
        params[key] = value
    return params


@router.get("", summary="The query catalog")
def list_queries(service: ServiceDep, _: ReaderDep) -> list[dict[str, Any]]:
    """Every catalog query: name, folder, the question it answers, parameters and columns
    (this needs no database, so it answers even while Neo4j is down)."""
    return [describe(q) for q in service.scrgraph.queries()]


@router.get("/{name}", summary="Run one catalog query")
def run_query(sg: FacadeDep, _: ReaderDep, request: Request,
              name: Annotated[str, Path(max_length=100)], fmt: FormatParam = None) -> Response:
    """Run one catalog query (read-only). Its parameters are given in the query string, as the
    query's header declares them (see ``GET /queries``); the rows come as JSON, CSV, Markdown or
    xlsx by ``format`` or the Accept header. A query that pages (``skip`` and ``limit``) gives,
    in JSON, the link to its next page as ``next`` (null on the last page)."""
    chosen = negotiate(request, fmt)
    params = bind(sg, name, query_params(request))
    result = sg.run_query(name, params)
    extra: dict[str, Any] = {"query": name, "parameters": formatting.plain(params)}
    if {"skip", "limit"} <= set(params):
        extra["next"] = next_page(request, result, params["limit"])
    return rows_response(chosen, name, result.columns, result.rows, extra)
