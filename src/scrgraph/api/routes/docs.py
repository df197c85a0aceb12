"""``/docs``: the API's reference, rendered on the server from its OpenAPI description.

FastAPI's own documentation pages load their scripts from a CDN, which the service's Content
Security Policy forbids; this page needs nothing from outside. ``/openapi.json`` is the source.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from scrgraph.api.templating import render

router = APIRouter(include_in_schema=False)


def operations(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """Every operation: method, path, summary, description and parameters."""
    found = []
    for path, methods in schema.get("paths", {}).items():
        for method, spec in methods.items():
            found.append({
                "method": method.upper(), "path": path, "summary": spec.get("summary", ""),
                "description": spec.get("description", ""),
                "parameters": [{"name": p["name"], "in": p["in"],
                                "required": p.get("required", False),
                                "description": p.get("description", "")}
                               for p in spec.get("parameters", [])],
            })
    return found


@router.get("/docs", response_class=HTMLResponse)
def docs(request: Request) -> Response:
    schema = request.app.openapi()
    return render(request, "docs.html", title="API reference", user=None,
                  description=schema["info"].get("description", ""),
                  operations=operations(schema))
