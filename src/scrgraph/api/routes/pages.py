"""The web front: server-rendered pages for analysts, over the same facade and routes' logic.

Signing in with a token gives a session cookie (HttpOnly, SameSite=Strict); every form carries
the session's CSRF token. Pages use no script and nothing from outside the service.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from scrgraph.api import views
from scrgraph.api.auth import COOKIE, Session, authenticate, require
from scrgraph.api.deps import FacadeDep, ServiceDep
from scrgraph.api.problems import ServiceProblem, classify, problem_rows, redact
from scrgraph.api.routes.queries import bind, describe
from scrgraph.api.templating import render
from scrgraph.api.tokens import Principal, Role
from scrgraph.api.uploads import size
from scrgraph.api.work import check_upload, decide_suggestion, load_upload
from scrgraph.errors import OverwriteRefused, ValidationFailed
from scrgraph.facade import Scrgraph

SIGN_IN_COOKIE = "scrgraph_signin"


def _mark_page(request: Request) -> None:
    request.scope["scrgraph_page"] = True  # errors render as pages, 401 sends to sign-in


router = APIRouter(include_in_schema=False, dependencies=[Depends(_mark_page)])


def page_user_get(request: Request, service: ServiceDep) -> tuple[Principal, Session]:
    principal, session = authenticate(request, service.tokens, service.sessions)
    if session is None:
        raise ServiceProblem(401, "Sign in on the sign-in page.")
    return principal, session


PageUser = Annotated[tuple[Principal, Session], Depends(page_user_get)]


def _check_form(session: Session, csrf: str) -> None:
    if not hmac.compare_digest(csrf.encode(), session.csrf.encode()):
        raise ServiceProblem(403, "The form has expired or did not come from this site. "
                             "Reload the page and try again.")


def _form_user(request: Request, service: ServiceDep, csrf: str) -> tuple[Principal, Session]:
    session = service.sessions.get(request.cookies.get(COOKIE))
    if session is None:
        raise ServiceProblem(401, "Sign in on the sign-in page.")
    _check_form(session, csrf)
    principal, _ = authenticate(request, service.tokens, service.sessions, form_csrf=csrf)
    return principal, session


# -- signing in and out ---------------------------------------------------------------------

@router.get("/sign-in", response_class=HTMLResponse)
def sign_in_page(request: Request, next: str = "/") -> Response:
    token = secrets.token_urlsafe(32)
    response = render(request, "sign_in.html", title="Sign in", csrf=token,
                      next=_local(next), user=None)
    response.set_cookie(SIGN_IN_COOKIE, token, httponly=True, samesite="strict", path="/")
    return response


@router.post("/sign-in")
def sign_in(request: Request, service: ServiceDep, token: Annotated[str, Form()] = "",
            csrf: Annotated[str, Form()] = "", next: Annotated[str, Form()] = "/") -> Response:
    expected = request.cookies.get(SIGN_IN_COOKIE, "")
    if not expected or not hmac.compare_digest(csrf.encode(), expected.encode()):
        raise ServiceProblem(403, "The sign-in form has expired. Reload it and try again.")
    principal = service.tokens.verify(token.strip())
    if principal is None:
        response = render(request, "sign_in.html", title="Sign in", csrf=expected,
                          next=_local(next), user=None, status_code=401,
                          error="That token is not valid (unknown or revoked). Check it "
                                "and try again.")
        return response
    session = service.sessions.start(principal)
    redirect = RedirectResponse(_local(next), status_code=303)
    redirect.set_cookie(COOKIE, session.id, httponly=True, samesite="strict", path="/",
                        secure=service.options.secure_cookies,
                        max_age=service.options.session_minutes * 60)
    redirect.delete_cookie(SIGN_IN_COOKIE, path="/", httponly=True, samesite="strict")
    return redirect


@router.post("/sign-out")
def sign_out(request: Request, service: ServiceDep, csrf: Annotated[str, Form()] = ""
             ) -> Response:
    session = service.sessions.get(request.cookies.get(COOKIE))
    if session is not None:
        _check_form(session, csrf)
        service.sessions.end(session.id)
    response = RedirectResponse("/sign-in", status_code=303)
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict")
    return response


def _local(target: str) -> str:
    """Only a path on this site (never another site) to go to after signing in."""
    return target if target.startswith("/") and not target.startswith("//") \
        and "\\" not in target else "/"


# -- reading --------------------------------------------------------------------------------

@router.get("/", response_class=HTMLResponse)
def home(request: Request, sg: FacadeDep, user: PageUser) -> Response:
    result = sg.run_query("recurring-themes")
    columns = ("theme", "label", "reviews", "recommendations")
    return render(request, "home.html", title="Recurring themes", user=user,
                  recurring=views.table(columns, result.rows,
                                        "Key themes raised by at least two separate reviews"),
                  kinds=views.KINDS)


@router.get("/catalog", response_class=HTMLResponse)
def catalog(request: Request, sg: FacadeDep, user: PageUser) -> Response:
    folders: dict[str, list[dict[str, Any]]] = {}
    for query in sg.queries():
        folders.setdefault(query.folder, []).append(describe(query))
    return render(request, "catalog.html", title="Questions you can ask", user=user,
                  folders=folders)


@router.get("/catalog/{name}", response_class=HTMLResponse)
def catalog_query(request: Request, sg: FacadeDep, user: PageUser, name: str) -> Response:
    given = {k: v for k, v in request.query_params.items() if v != "" and k != "run"}
    query = describe(sg.query(name)) if name in {q.name for q in sg.queries()} else None
    if query is None:
        raise ServiceProblem(404, f"There is no question named '{name}'.")
    error = None
    result = None
    downloads = None
    pages: dict[str, str] = {}
    if "run" in request.query_params:
        try:
            params = bind(sg, name, given)
        except ServiceProblem as exc:
            error = exc.detail
        except Exception as exc:  # a CatalogError: shown next to the form
            status, detail, _, _ = classify(exc)
            if status != 400:
                raise
            error = redact(detail)
        else:
            found = sg.run_query(name, params)
            shown = found.rows[:PAGE_ROWS]
            result = views.table(found.columns, shown, _answer_caption(len(found.rows),
                                                                        len(shown)))
            downloads = {fmt: f"/queries/{name}?{urlencode({**given, 'format': fmt})}"
                         for fmt in ("csv", "xlsx")}
            pages = _catalog_pages(name, given, params, found.next_skip)
    return render(request, "query.html", title=name, user=user, query=query, given=given,
                  error=error, result=result, downloads=downloads, pages=pages,
                  status_code=400 if error else 200)


#: Rows an answer's page shows; the downloads hold them all. An answer at national size (an
#: edge list: half a million rows) would otherwise be a page of a hundred megabytes.
PAGE_ROWS = 1000


def _answer_caption(rows: int, shown: int) -> str:
    if shown == rows:
        return f"{rows:,} {'row' if rows == 1 else 'rows'}"
    return (f"The first {shown:,} of {rows:,} rows: the CSV and Excel downloads above hold "
            "all of them")


def _catalog_pages(name: str, given: dict[str, str], params: dict[str, Any],
                   next_skip: int | None) -> dict[str, str]:
    """For a query that pages: the links to the page before this one and the page after it,
    where there is one (the same parameters, ``skip`` moved by ``limit``)."""
    if not {"skip", "limit"} <= set(params):
        return {}

    def link(skip: int) -> str:
        return f"/catalog/{name}?{urlencode({**given, 'run': '1', 'skip': skip})}#answer"

    pages = {}
    if params["skip"] > 0:
        pages["prev"] = link(max(0, params["skip"] - params["limit"]))
    if next_skip is not None:
        pages["next"] = link(next_skip)
    return pages


# -- suggested codes: listed for everyone, decided by editors -----------------------------------
# Declared before /browse/{kind} so that it is not taken for a kind of item.

SUGGESTIONS = "suggestions-awaiting-decision"


SUGGESTION_KINDS = {"theme": "Key themes", "standard": "Practice standards"}


@dataclass(frozen=True)
class SuggestionFilters:
    """What the suggestions page is filtered by, as the form gives it (text; empty: all)."""

    review: str = ""
    kind: str = ""
    min_score: str = ""
    code: str = ""

    @classmethod
    def given(cls, review: str, kind: str, min_score: str, code: str) -> SuggestionFilters:
        return cls(review.strip()[:200], kind.strip()[:20], min_score.strip()[:20],
                   code.strip()[:200])

    def params(self, sg: Scrgraph) -> dict[str, Any]:
        """The query's parameters; ServiceProblem 400 naming what is wrong."""
        if self.kind and self.kind not in SUGGESTION_KINDS:
            raise ServiceProblem(400, "Choose key themes, practice standards or all.")
        try:
            least = float(self.min_score) if self.min_score else 0.0
        except ValueError:
            least = -1.0
        if not 0.0 <= least <= 1.0:
            raise ServiceProblem(400, "The least score is a number from 0 to 1, such as 0.5.")
        given = {"review": self.review or None, "code_kind": self.kind or None,
                 "min_score": least, **sg.suggested_code(self.code)}
        return bind(sg, SUGGESTIONS, {k: str(v) for k, v in given.items() if v is not None})


def _suggestions_page(request: Request, sg: Scrgraph, user: tuple[Principal, Session],
                      filters: SuggestionFilters, status_code: int = 200, **context: Any
                      ) -> Response:
    """The list of suggestions awaiting a decision (filtered by review, kind of code, least
    score and code, as given), with a notice."""
    rows = sg.run_query(SUGGESTIONS).rows
    reviews = sorted({str(r["review"]) for r in rows}
                     | ({filters.review} if filters.review else set()))
    codes = views.suggested_codes(rows)
    if filters != SuggestionFilters():
        try:
            rows = sg.run_query(SUGGESTIONS, filters.params(sg)).rows
        except Exception as exc:  # an unknown review or code: a CatalogError naming the nearest
            status, detail, _, _ = classify(exc)
            if status != 400:
                raise
            rows, status_code = [], 400
            context.setdefault("error", redact(detail))
    return render(request, "suggestions.html", title="Suggested codes awaiting a decision",
                  user=user, status_code=status_code, filters=filters, reviews=reviews,
                  kinds=SUGGESTION_KINDS, codes=codes,
                  columns=[views.label(c) for c in views.SUGGESTION_COLUMNS],
                  suggestions=views.suggestions(rows),
                  editor=user[0].role.allows(Role.editor), **context)


@router.get("/browse/suggestions", response_class=HTMLResponse)
def suggestions_page(request: Request, sg: FacadeDep, user: PageUser, review: str = "",
                     kind: str = "", min_score: str = "", code: str = "") -> Response:
    return _suggestions_page(request, sg, user,
                             SuggestionFilters.given(review, kind, min_score, code))


@router.post("/browse/suggestions", response_class=HTMLResponse)
def decide_suggestion_page(
        request: Request, service: ServiceDep, csrf: Annotated[str, Form()] = "",
        decision: Annotated[str, Form()] = "", recommendation: Annotated[str, Form()] = "",
        code: Annotated[str, Form()] = "", role: Annotated[str, Form()] = "",
        review: Annotated[str, Form()] = "", kind: Annotated[str, Form()] = "",
        min_score: Annotated[str, Form()] = "", show_code: Annotated[str, Form()] = ""
) -> Response:
    """Accept or reject one suggestion as POST /suggestions/accept|reject does (the same code,
    audited), then show the list again, filtered as it was, with what was done, or what went
    wrong."""
    user = _form_user(request, service, csrf)
    require(user[0], Role.editor)
    status = 200
    context: dict[str, Any] = {"role": role.strip()[:100]}  # fills the forms again
    try:
        if decision not in ("accept", "reject"):
            raise ServiceProblem(422, "Choose Accept or Reject.")
        if not recommendation.strip() or not code.strip() or \
                len(recommendation) > 200 or len(code) > 200:
            raise ServiceProblem(422, "The form did not say which suggestion to decide. "
                                      "Reload the page and try again.")
        if not role.strip() or len(role) > 100:
            raise ServiceProblem(422, "Give the role of who decides (e.g. M&E officer, never "
                                      "a personal name), up to 100 characters.")
        context["done"] = decide_suggestion(service, decision, recommendation.strip(),
                                            code.strip(), role.strip(), user[0])
    except ServiceProblem as exc:
        if exc.status in (401, 403):
            raise
        status, context["error"] = exc.status, exc.detail
    return _suggestions_page(request, service.facade(), user,
                             SuggestionFilters.given(review, kind, min_score, show_code),
                             status, **context)


@router.get("/browse/{kind}", response_class=HTMLResponse)
def browse(request: Request, sg: FacadeDep, user: PageUser, kind: str, skip: int = 0
           ) -> Response:
    if kind not in views.KINDS:
        raise ServiceProblem(404, f"There is no list of '{kind}'.")
    query, _, _, many = views.KINDS[kind]
    skip = max(0, min(skip, 1_000_000))
    found = sg.run_query(query, {"skip": skip, "limit": 50})
    columns = [c for c in _LIST_COLUMNS[kind] if c in found.columns]
    listing = views.table(columns, found.rows)
    return render(request, "list.html", title=many, user=user, table=listing, kind=kind,
                  previous=max(0, skip - 50) if skip else None, following=found.next_skip)


_LIST_COLUMNS = {
    "reviews": ("id", "title", "kind", "published", "partnership"),
    "recommendations": ("id", "review", "number", "themes", "standards"),
    "themes": ("code", "label", "kind", "reviews"),
    "standards": ("code", "label", "quadrant"),
    "agencies": ("id", "name", "sector"),
    "actions": ("id", "recommendation", "owner", "status", "due"),
}


@router.get("/browse/{kind}/{key}", response_class=HTMLResponse)
def browse_item(request: Request, sg: FacadeDep, user: PageUser, kind: str, key: str
                ) -> Response:
    if kind not in views.KINDS:
        raise ServiceProblem(404, f"There is no list of '{kind}'.")
    query, param, one, _ = views.KINDS[kind]
    rows = sg.run_query(query, {param: key}).rows
    if not rows:
        raise ServiceProblem(404, f"There is no {one.lower()} '{key}'.")
    view = views.item_view(kind, rows[0])
    return render(request, "item.html", title=view.title, user=user, view=view)


# -- uploading ------------------------------------------------------------------------------

@router.get("/upload", response_class=HTMLResponse)
def upload_page(request: Request, service: ServiceDep, user: PageUser) -> Response:
    require(user[0], Role.editor)
    return render(request, "upload.html", title="Check or load a workbook", user=user,
                  limit=size(service.options.max_upload_bytes))


@router.post("/upload", response_class=HTMLResponse)
def upload(request: Request, service: ServiceDep,
           files: Annotated[list[UploadFile], File()],
           csrf: Annotated[str, Form()] = "", action: Annotated[str, Form()] = "check"
           ) -> Response:
    user = _form_user(request, service, csrf)
    require(user[0], Role.editor)
    context: dict[str, Any] = {"limit": size(service.options.max_upload_bytes)}
    status = 200
    try:
        if action in ("load", "replace"):
            context["loaded"] = load_upload(service, files, user[0],
                                            replace=action == "replace")
        else:
            context["checked"] = check_upload(service, files)
    except ValidationFailed as failed:
        status, context["problems"] = 422, problem_rows(failed.problems)
    except OverwriteRefused as refused:  # the same 409 as POST /loads gives
        status, context["error"] = 409, redact(str(refused).split("\n", 1)[0])
        context["overwrites"] = [redact(str(item)) for item in refused.items]
    except ServiceProblem as exc:
        if exc.status in (401, 403):
            raise
        status, context["error"] = exc.status, exc.detail
    except Exception as exc:
        status, detail, _, _ = classify(exc)
        if status != 422:
            raise
        context["error"] = redact(detail)
    return render(request, "upload.html", title="Check or load a workbook", user=user,
                  status_code=status, **context)
