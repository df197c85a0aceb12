"""Errors as problem responses (RFC 9457 ``application/problem+json``), from one place.

Every error a client can meet becomes a problem with a status and a message written for people;
none carries a stack trace, a file path of the server or Cypher. Pages (HTML) get the same
message in the site's layout.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from scrgraph import formatting
from scrgraph.errors import (
    CatalogError,
    ConfigError,
    DatabaseUnavailable,
    NeedsConfirmation,
    OverwriteRefused,
    ScrgraphError,
    SourceError,
    ValidationFailed,
    WriteFailed,
)

log = logging.getLogger("scrgraph.api")

PROBLEM_JSON = "application/problem+json"

# An absolute path (or a file URL), e.g. /home/x/.local/share/scrgraph/cypher/themes/a.cypher:12
_PATH = re.compile(r"(?:file://)?(?:/[\w.@+~-]+)+/([\w.@+~-]+)")

_TITLES = {400: "Bad request", 401: "Not signed in", 403: "Not allowed", 404: "Not found",
           405: "Method not allowed", 406: "Not acceptable", 409: "Conflict",
           413: "Too large", 415: "Unsupported upload", 422: "Cannot be processed",
           429: "Too many requests", 500: "Internal error", 503: "Database unavailable"}


def redact(message: str) -> str:
    """A message with every absolute path cut to its last part (the file's name)."""
    return _PATH.sub(r"\1", message)


class ServiceProblem(Exception):
    """An error the service raises itself: status, message and optional extra members."""

    def __init__(self, status: int, detail: str, headers: dict[str, str] | None = None,
                 **extra: Any) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.headers = headers or {}
        self.extra = extra


def problem(status: int, detail: str, headers: dict[str, str] | None = None,
            **extra: Any) -> JSONResponse:
    body = {"type": "about:blank", "title": _TITLES.get(status, "Error"), "status": status,
            "detail": redact(detail), **extra}
    return JSONResponse(body, status_code=status, headers=headers, media_type=PROBLEM_JSON)


def problem_rows(problems: tuple[object, ...]) -> list[dict[str, Any]]:
    """Validation problems as rows: file, sheet, row, column, value, message."""
    rows = []
    for item in problems:
        get = getattr
        rows.append({"file": redact(str(get(item, "file", ""))), "sheet": get(item, "sheet", None),
                     "row": get(item, "row", None), "column": get(item, "column", None),
                     "value": formatting.plain(get(item, "value", None)),
                     "message": redact(str(get(item, "message", item)))})
    return rows


def classify(exc: Exception) -> tuple[int, str, dict[str, str], dict[str, Any]]:
    """Status, message, headers and extra members for any exception."""
    if isinstance(exc, ServiceProblem):
        return exc.status, exc.detail, exc.headers, exc.extra
    if isinstance(exc, ValidationFailed):
        rows = problem_rows(exc.problems)
        count = len(rows)
        return 422, (f"{count} problem{'s' if count != 1 else ''} found; nothing was loaded. "
                     "Fix them all and upload again."), {}, {"problems": rows}
    if isinstance(exc, DatabaseUnavailable):
        return 503, ("The database (Neo4j) is not answering at the moment, so this cannot be "
                     "done now. Try again shortly; the service reconnects by itself."), \
            {"Retry-After": "10"}, {}
    if isinstance(exc, SourceError):
        return 422, str(exc), {}, {}
    if isinstance(exc, CatalogError):
        return 400, str(exc), {}, {}
    if isinstance(exc, OverwriteRefused):
        return 409, str(exc), {}, {"items": [
            {"kind": i.label, "id": i.id, "written_by": i.written_by,
             "changes": list(i.changes)} for i in exc.items]}
    if isinstance(exc, NeedsConfirmation):
        return 409, str(exc), {}, {}
    if isinstance(exc, WriteFailed):
        return 409, "The database refused the change, so nothing was written.", {}, {}
    if isinstance(exc, ConfigError | ScrgraphError):
        log.error("configuration error: %s", exc)
        return 500, "The service is not configured correctly; its log says why.", {}, {}
    if isinstance(exc, HTTPException):
        detail = exc.detail if isinstance(exc.detail, str) else _TITLES.get(exc.status_code, "")
        return exc.status_code, detail, dict(exc.headers or {}), {}
    log.exception("unexpected error")
    return 500, "Something went wrong in the service. It has been logged.", {}, {}


def install(app: FastAPI, page: Any = None, on_unavailable: Any = None) -> None:
    """Register the one exception handler. ``page(request, status, detail, extra)`` renders
    HTML for requests from the web front (when given); ``on_unavailable()`` is called when
    Neo4j stopped answering."""

    async def handle(request: Request, exc: Exception) -> Response:
        status, detail, headers, extra = classify(exc)
        if isinstance(exc, DatabaseUnavailable) and on_unavailable is not None:
            on_unavailable()
        if page is not None and _wants_html(request):
            response: Response = page(request, status, redact(detail), extra)
            response.headers.update(headers)
            return response
        return problem(status, detail, headers, **extra)

    async def invalid(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        errors = [{"where": ".".join(str(p) for p in e.get("loc", ())), "message": e.get("msg")}
                  for e in exc.errors()]
        detail = "; ".join(f"{e['where']}: {e['message']}" for e in errors)
        if page is not None and _wants_html(request):
            return page(request, 422, detail, {})  # type: ignore[no-any-return]
        return problem(422, detail, errors=errors)

    app.add_exception_handler(Exception, handle)
    app.add_exception_handler(HTTPException, handle)
    app.add_exception_handler(ServiceProblem, handle)
    app.add_exception_handler(ScrgraphError, handle)
    app.add_exception_handler(RequestValidationError, invalid)


def _wants_html(request: Request) -> bool:
    return bool(request.scope.get("scrgraph_page"))
