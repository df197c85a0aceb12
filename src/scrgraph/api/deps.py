"""Typed dependencies for the routes: the facade, the caller and the service's parts."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Request

from scrgraph.api.audit import AuditLog
from scrgraph.api.auth import Sessions, authenticate, require
from scrgraph.api.config import ServiceSettings
from scrgraph.api.tokens import Principal, Role, TokenStore
from scrgraph.errors import DatabaseUnavailable
from scrgraph.facade import Scrgraph


@dataclass
class Service:
    """What the app holds for its lifetime (``app.state.service``), built by ``create_app``."""

    scrgraph: Scrgraph
    options: ServiceSettings
    tokens: TokenStore
    sessions: Sessions
    audit: AuditLog
    writes: threading.Lock = field(default_factory=threading.Lock)
    """Loads and withdrawals run one at a time."""
    database_down: bool = False
    """Set when Neo4j stopped answering: until a quick ping succeeds again, requests get 503
    at once instead of waiting for the driver's retries."""

    def mark_down(self) -> None:
        self.database_down = True

    def facade(self) -> Scrgraph:
        """The facade, or DatabaseUnavailable (503) at once while Neo4j is known to be down."""
        if self.database_down:
            if not self.scrgraph.ping():
                raise DatabaseUnavailable("Neo4j is still not answering.")
            self.database_down = False
        return self.scrgraph


def get_service(request: Request) -> Service:
    service = request.app.state.service
    assert isinstance(service, Service)
    return service


ServiceDep = Annotated[Service, Depends(get_service)]


def get_facade(service: ServiceDep) -> Scrgraph:
    return service.facade()


FacadeDep = Annotated[Scrgraph, Depends(get_facade)]


def current_user(request: Request, service: ServiceDep) -> Principal:
    return authenticate(request, service.tokens, service.sessions)[0]


CurrentUser = Annotated[Principal, Depends(current_user)]


def reader(user: CurrentUser) -> Principal:
    return require(user, Role.reader)


def editor(user: CurrentUser) -> Principal:
    return require(user, Role.editor)


def admin(user: CurrentUser) -> Principal:
    return require(user, Role.admin)


ReaderDep = Annotated[Principal, Depends(reader)]
EditorDep = Annotated[Principal, Depends(editor)]
AdminDep = Annotated[Principal, Depends(admin)]
