"""The app factory: ``create_app(settings)`` assembles the service; nothing happens at import.

The facade is opened in the lifespan (connecting to Neo4j, or starting the local one) and
closed at shutdown; if Neo4j cannot be reached at start, the service still starts, answers 503
where it needs the database, and connects once Neo4j is back.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles

from scrgraph import __version__
from scrgraph.api import problems
from scrgraph.api.audit import AuditLog
from scrgraph.api.auth import Sessions
from scrgraph.api.config import ServiceSettings
from scrgraph.api.deps import Service
from scrgraph.api.middleware import BodyLimit, SecurityHeaders
from scrgraph.api.routes import (
    actions,
    agencies,
    audit,
    docs,
    health,
    loads,
    networks,
    pages,
    queries,
    recommendations,
    reports,
    reviews,
    standards,
    suggestions,
    themes,
    validations,
    withdrawals,
)
from scrgraph.api.templating import STATIC, error_page
from scrgraph.api.tokens import TokenStore
from scrgraph.errors import DatabaseUnavailable
from scrgraph.facade import Scrgraph
from scrgraph.settings import Settings

log = logging.getLogger("scrgraph.api")

#: The routers of the API, one per resource.
ROUTERS = (health, queries, reviews, recommendations, themes, standards, agencies, actions,
           networks, reports, suggestions, validations, loads, withdrawals, audit, pages,
           docs)


def create_app(settings: Settings, options: ServiceSettings | None = None,
               scrgraph: Scrgraph | None = None) -> FastAPI:
    """The service for these settings. ``scrgraph`` lets tests pass a facade they made."""
    options = options if options is not None else ServiceSettings()
    service = Service(scrgraph if scrgraph is not None else Scrgraph(settings), options,
                      TokenStore(settings.home), Sessions(options.session_minutes),
                      AuditLog(settings.home))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        try:
            service.scrgraph.open()
        except DatabaseUnavailable as exc:
            log.warning("Neo4j is not reachable yet (%s); answering 503 until it is.", exc)
        yield
        service.scrgraph.close()

    app = FastAPI(
        title="scrgraph",
        version=__version__,
        description="Learning from safeguarding case reviews on Norfolk's Thematic Learning "
                    "Framework. Every route except /health needs a token "
                    "(Authorization: Bearer ...); see 'scrgraph token create'.",
        lifespan=lifespan,
        docs_url=None,  # FastAPI's docs pages load scripts from a CDN; /docs is our own
        redoc_url=None,
    )
    app.state.service = service
    for module in ROUTERS:
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    problems.install(app, page=error_page, on_unavailable=service.mark_down)
    app.add_middleware(BodyLimit, limit=options.max_upload_bytes + 1024 * 1024)
    if options.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=list(options.cors_origins),
                           allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type"])
    app.add_middleware(SecurityHeaders)
    return app
