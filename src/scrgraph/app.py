"""The facade: one object that the CLI and the API call for everything scrgraph does.

It holds the settings and, once opened, the database connection; the work itself is delegated
to small modules (``db``, ``localdb``, and the loaders, catalog and renderers downstream).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from scrgraph import __version__
from scrgraph.db import Database, ServerDetails, connect, local_server
from scrgraph.localdb import LocalNeo4j
from scrgraph.settings import Settings


@dataclass(frozen=True)
class DemoResult:
    """What ``scrgraph demo`` did, for the front end to print."""

    server: ServerDetails
    local: bool
    schema_statements: int
    marker: dict[str, object]


class Scrgraph:
    """scrgraph for one set of settings. Nothing connects until a method needs the database."""

    def __init__(self, settings: Settings, database: Database | None = None) -> None:
        self.settings = settings
        self._database = database

    @property
    def version(self) -> str:
        return __version__

    @property
    def local(self) -> LocalNeo4j:
        """The local Neo4j these settings point at (used only when NEO4J_URI is unset)."""
        return local_server(self.settings)

    @property
    def database(self) -> Database:
        """The connection, made on first use (starting the local Neo4j if needed)."""
        if self._database is None:
            self._database = connect(self.settings)
        return self._database

    def close(self) -> None:
        if self._database is not None:
            self._database.close()
            self._database = None

    def __enter__(self) -> Scrgraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- operations -------------------------------------------------------------------------

    def status(self) -> ServerDetails:
        return self.database.details()

    def apply_schema(self) -> int:
        return self.database.apply_schema()

    def demo(self) -> DemoResult:
        """The main job: prepare the database and prove a write and a read-back."""
        statements = self.apply_schema()
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        self.database.write_statement("marker-write", {"at": now})
        marker = self.database.read_statement("marker-read")[0]
        return DemoResult(self.status(), self.settings.uses_local_server, statements, marker)
