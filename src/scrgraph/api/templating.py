"""Jinja2 templates and static files of the web front, bundled in the package."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"


@cache
def environment() -> Environment:
    # Autoescape everything: every value on a page is data, never markup.
    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(
        default=True, default_for_string=True), trim_blocks=True, lstrip_blocks=True)


def render(request: Request, name: str, *, status_code: int = 200, **context: Any
           ) -> HTMLResponse:
    user = context.get("user")
    html = environment().get_template(name).render(
        request=request, path=request.url.path,
        principal=user[0] if user else None, session=user[1] if user else None, **context)
    return HTMLResponse(html, status_code=status_code)


def error_page(request: Request, status: int, detail: str, extra: dict[str, Any]
               ) -> Response:
    """A problem as a page (the exception handler calls this for the web front)."""
    if status == 401:
        return RedirectResponse(f"/sign-in?next={quote(request.url.path)}", status_code=303)
    return render(request, "error.html", status_code=status, title="Sorry, there is a problem",
                  status=status, detail=detail, user=None)
