"""Who is calling: bearer tokens for the API, a session cookie for the pages.

The API takes ``Authorization: Bearer <token>``. The web front signs in with a token and gets a
session cookie (HttpOnly, SameSite=Strict, Path=/) naming a random session held in memory; the
session remembers the token's id, so revoking the token ends its sessions at once. Requests
that change something with the cookie need the session's CSRF token (a form field on pages, the
``X-CSRF-Token`` header on the API). No token or a wrong one: 401; too small a role: 403.
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from dataclasses import dataclass

from fastapi import Request

from scrgraph.api.problems import ServiceProblem
from scrgraph.api.tokens import Principal, Role, TokenStore

COOKIE = "scrgraph_session"
CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


@dataclass(frozen=True)
class Session:
    id: str
    token_id: str
    csrf: str
    expires: float


class Sessions:
    """Web sessions in memory (one process); they end on sign-out, expiry or a restart."""

    def __init__(self, minutes: int) -> None:
        self.seconds = minutes * 60
        self._sessions: dict[str, Session] = {}
        self._lock = threading.Lock()

    def start(self, principal: Principal) -> Session:
        session = Session(secrets.token_urlsafe(32), principal.token_id,
                          secrets.token_urlsafe(32), time.time() + self.seconds)
        with self._lock:
            now = time.time()
            self._sessions = {k: s for k, s in self._sessions.items() if s.expires > now}
            self._sessions[session.id] = session
        return session

    def get(self, session_id: str | None) -> Session | None:
        if not session_id:
            return None
        with self._lock:
            session = self._sessions.get(session_id)
        if session is None or session.expires <= time.time():
            return None
        return session

    def end(self, session_id: str | None) -> None:
        with self._lock:
            self._sessions.pop(session_id or "", None)


UNAUTHORIZED = {"WWW-Authenticate": 'Bearer realm="scrgraph"'}


def bearer(request: Request) -> str | None:
    header = request.headers.get("authorization")
    if header is None:
        return None
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ServiceProblem(401, "The Authorization header must be 'Bearer <token>'.",
                             UNAUTHORIZED)
    return token.strip()


def authenticate(request: Request, tokens: TokenStore, sessions: Sessions,
                 form_csrf: str | None = None) -> tuple[Principal, Session | None]:
    """The caller, from a bearer token or the session cookie; 401 if neither is valid."""
    token = bearer(request)
    if token is not None:
        principal = tokens.verify(token)
        if principal is None:
            raise ServiceProblem(401, "The token is not valid (unknown or revoked).",
                                 UNAUTHORIZED)
        return principal, None
    session = sessions.get(request.cookies.get(COOKIE))
    if session is None:
        raise ServiceProblem(401, "Sign in with a token: send 'Authorization: Bearer <token>', "
                             "or sign in on the web page.", UNAUTHORIZED)
    principal = tokens.is_active(session.token_id)
    if principal is None:
        sessions.end(session.id)
        raise ServiceProblem(401, "The token of this session has been revoked. Sign in again.",
                             UNAUTHORIZED)
    if request.method not in SAFE_METHODS:
        given = form_csrf if form_csrf is not None else request.headers.get(CSRF_HEADER, "")
        if not hmac.compare_digest(given.encode(), session.csrf.encode()):
            raise ServiceProblem(403, "The form has expired or did not come from this site "
                                 "(CSRF check failed). Reload the page and try again.")
    return principal, session


def require(principal: Principal, role: Role) -> Principal:
    if not principal.role.allows(role):
        raise ServiceProblem(403, f"This needs the {role.value} role; your token has the "
                             f"{principal.role.value} role.")
    return principal
