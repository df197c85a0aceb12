"""``/health``: the app and Neo4j, separately (no token needed; nothing about the server)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from scrgraph import __version__
from scrgraph.api.deps import ServiceDep

router = APIRouter(tags=["health"])


@router.get("/health", summary="Is the service up, and can it reach Neo4j?")
def health(service: ServiceDep) -> JSONResponse:
    """200 when the app and Neo4j both answer; 503 (the app up, Neo4j not) otherwise."""
    neo4j = "up" if service.scrgraph.ping() else "unavailable"
    service.database_down = neo4j != "up"
    return JSONResponse({"app": {"status": "up", "version": __version__},
                         "neo4j": {"status": neo4j}},
                        status_code=200 if neo4j == "up" else 503)
