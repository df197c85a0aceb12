"""The one way to the database: the driver, read and write transactions, the schema.

``connect(settings)`` is the only place a driver is made. With ``NEO4J_URI`` unset it first
starts (or finds) the local Neo4j. Reads go through the driver's read routing in read
transactions; writes run in explicit write transactions; every value is a parameter.
"""

from __future__ import annotations

import gc
import re
import shlex
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from functools import cache
from typing import Any, LiteralString, TypeVar, cast

from neo4j import (
    Driver,
    EagerResult,
    GraphDatabase,
    ManagedTransaction,
    Record,
    RoutingControl,
)
from neo4j.exceptions import (
    AuthError,
    ConfigurationError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)
from neo4j.time import Date, DateTime, Duration, Time

from scrgraph.catalog.cypherfiles import CypherFile, parse, statements
from scrgraph.errors import ConfigError, DatabaseUnavailable, WriteFailed
from scrgraph.resources import share_dir
from scrgraph.results import ServerDetails
from scrgraph.settings import Settings
from scrgraph.store.localdb import USER, LocalNeo4j

T = TypeVar("T")


@cache
def system_statement(name: str) -> CypherFile:
    """A statement from ``cypher/system/`` (scrgraph's own housekeeping, not the catalog)."""
    return parse(share_dir("cypher") / "system" / f"{name}.cypher")


def schema_statements() -> list[str]:
    """The constraints and indexes from ``cypher/schema/``, in file order."""
    folder = share_dir("cypher") / "schema"
    return [s for path in sorted(folder.glob("*.cypher")) for s in statements(path)]


def literal(text: str) -> LiteralString:
    # Statement text comes from the project's own .cypher files, never from user input;
    # the driver's LiteralString hint exists to stop string-built queries, which we do not make.
    return text  # type: ignore[return-value]


_UNCHANGED = frozenset({str, int, float, bool, type(None)})
_TEMPORAL = frozenset({Date, DateTime, Time})


class _NotPlain(Exception):
    """A value :func:`row` leaves to the driver (a node, relationship, path or point)."""


def _walk(value: Any, convert: bool, strict: bool) -> Any:
    """``value`` with its lists and maps copied, and with ``convert`` its temporal values as
    Python's (durations as ISO 8601 text); anything else raises _NotPlain if ``strict``, or
    is kept as it is."""
    kind = type(value)
    if kind in _UNCHANGED:  # most values, tested first: a national report reads four million
        return value
    if kind is list:
        return [_walk(v, convert, strict) for v in value]
    if kind is dict:
        return {k: _walk(v, convert, strict) for k, v in value.items()}
    if kind in _TEMPORAL:
        return value.to_native() if convert else value
    if kind is Duration:
        return value.iso_format() if convert else value
    if strict:
        raise _NotPlain
    return value


def native(value: Any) -> Any:
    """A Neo4j value as plain Python: temporal values become ``datetime`` types, durations
    ISO 8601 text; lists and maps are converted item by item, anything else is left as it
    is."""
    return _walk(value, True, False)


class _CollectorPause:
    """Python's cyclic garbage collector paused while large answers are read, and resumed
    when the last reader (of any thread) is done, if it ran before the first began.

    Reading an answer makes millions of small lists and dicts, and every few hundred of them
    make the collector look again at what the process holds, the rows read so far among them:
    over a third of the Python time of the national report's 144,629 recommendations. Rows
    hold no reference cycles, so nothing waits on the collector meanwhile: what a read lets go
    of is freed as before, when its last reference goes. A web service whose readers overlap
    without a break would never resume it, so while it stays paused a reader that finishes
    collects once every ``collect_every`` seconds: cycles made meanwhile (by any thread) are
    still freed."""

    def __init__(self, collect_every: float = 10.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._lock = threading.Lock()
        self._readers = 0
        self._resume = False
        self._collected = 0.0
        self._every = collect_every
        self._clock = clock

    @contextmanager
    def __call__(self) -> Iterator[None]:
        with self._lock:
            if self._readers == 0:
                self._resume = gc.isenabled()
                self._collected = self._clock()
                gc.disable()
            self._readers += 1
        try:
            yield
        finally:
            with self._lock:
                self._readers -= 1
                if self._readers == 0:
                    if self._resume:
                        gc.enable()
                elif self._clock() - self._collected >= self._every:
                    gc.collect()
                    self._collected = self._clock()


collector_paused = _CollectorPause()


def row(record: Record, *, as_native: bool = False) -> dict[str, Any]:
    """``record.data()``, the same dict, built quicker for rows of plain values (text, numbers,
    temporal values, and lists and maps of them: every catalog answer): the driver's exporter
    tests each value against its abstract types, which took 10 of 30 s on a national report's
    144,629 recommendations. Nodes, relationships, paths and points go through the driver.
    With ``as_native``, each value as :func:`native` gives it, converted in the same walk (a
    second pass over the national report's rows cost 2-3 s)."""
    try:
        return dict(zip(record.keys(), [_walk(v, as_native, True) for v in record.values()],
                        strict=True))
    except _NotPlain:
        data = record.data()
        return {k: native(v) for k, v in data.items()} if as_native else data


class Database:
    """A connected Neo4j database: the driver plus which database to use."""

    def __init__(self, driver: Driver, uri: str, database: str | None = None) -> None:
        self.driver = driver
        self.uri = uri
        self.database = database

    def close(self) -> None:
        self.driver.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reads ------------------------------------------------------------------------------

    def read(self, query: str, params: Mapping[str, Any] | None = None, *,
             as_native: bool = False) -> list[dict[str, Any]]:
        """Run a read-only query in a read transaction and return its rows as dicts, as the
        driver's ``Record.data()`` gives them, or with ``as_native`` each value as
        :func:`native` gives it (see :func:`row`)."""
        with collector_paused():
            return [row(record, as_native=as_native)
                    for record in self._read(query, params).records]

    def _read(self, query: str, params: Mapping[str, Any] | None) -> EagerResult:
        try:
            return self.driver.execute_query(
                literal(query), dict(params or {}), routing_=RoutingControl.READ,
                database_=self.database,
            )
        except ServiceUnavailable as exc:
            raise DatabaseUnavailable(f"Neo4j at {self.uri} stopped answering: {exc}") from None

    def plan(self, query: str, params: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """The plan Neo4j would use for a read-only query (EXPLAIN, in a read transaction)."""
        def work(tx: ManagedTransaction) -> Any:
            return tx.run(literal("EXPLAIN " + query), dict(params or {})).consume().plan

        try:
            with self.driver.session(database=self.database,
                                     default_access_mode="READ") as session:
                found = session.execute_read(work)
        except ServiceUnavailable as exc:
            raise DatabaseUnavailable(f"Neo4j at {self.uri} stopped answering: {exc}") from None
        return dict(found or {})

    def read_statement(self, name: str, params: Mapping[str, Any] | None = None
                       ) -> list[dict[str, Any]]:
        statement = system_statement(name)
        return self.read(statement.text, statement.bind(dict(params or {})))

    # -- writes -----------------------------------------------------------------------------

    def write(self, work: Callable[[ManagedTransaction], T]) -> T:
        """Run ``work`` in one explicit write transaction: all of it commits, or none."""
        try:
            with self.session() as session:
                result: T = session.execute_write(work)
        except (ServiceUnavailable, SessionExpired) as exc:
            raise DatabaseUnavailable(
                f"Neo4j at {self.uri} stopped answering during the write, so nothing was "
                f"written: {exc}") from None
        except Neo4jError as exc:
            raise WriteFailed(
                f"Neo4j refused the write, so nothing was written: {exc.message or exc}"
            ) from None
        return result

    def write_statement(self, name: str, params: Mapping[str, Any] | None = None
                        ) -> list[dict[str, Any]]:
        """Run one statement of ``cypher/system/`` in one write transaction; its rows."""
        statement = system_statement(name)
        bound = statement.bind(dict(params or {}))

        def work(tx: ManagedTransaction) -> list[dict[str, Any]]:
            return tx.run(literal(statement.text), bound).data()

        return self.write(work)

    @contextmanager
    def session(self) -> Iterator[Any]:
        with self.driver.session(database=self.database) as session:
            yield session

    def apply_schema(self) -> int:
        """Create the constraints and indexes (idempotent); return how many statements ran."""
        schema = schema_statements()
        for statement in schema:
            # Schema changes cannot share a transaction with each other or with data.
            self.driver.execute_query(literal(statement), database_=self.database)
        return len(schema)

    def refresh_statistics(self) -> None:
        """Resample the indexes a write left out of date, so that queries asked straight after
        a load are planned on the graph it wrote: on the statistics of the graph before it,
        the planner joined every completed action with every review in
        learning-not-embedded-by-theme (out of transaction memory at 500 reviews). A server
        that does not allow it (a managed service) samples them in the background anyway."""
        with suppress(Neo4jError, ServiceUnavailable):
            self.driver.execute_query(literal(system_statement("resample-indexes").text),
                                      database_=self.database)

    def clear(self) -> None:
        """Delete all nodes and relationships (batched, in auto-commit transactions)."""
        with self.session() as session:
            session.run(literal(system_statement("clear").text)).consume()

    # -- about the server -------------------------------------------------------------------

    def details(self) -> ServerDetails:
        component = self.read_statement("server")[0]
        counted = self._read(system_statement("counts").text, None)
        counts = counted.records[0]
        return ServerDetails(self.uri, counted.summary.database or "neo4j",
                             str(component["version"]), str(component["edition"]),
                             int(counts["nodes"]), int(counts["relationships"]))


def local_server(settings: Settings) -> LocalNeo4j:
    """The local Neo4j for these settings (nothing is started)."""
    return LocalNeo4j(settings.home, settings.local_port, settings.local_heap,
                      tuple(shlex.split(settings.local_java_options)))


def connect(settings: Settings) -> Database:
    """Connect to the configured Neo4j, starting the local one if no URI is set."""
    if settings.uses_local_server:
        info = local_server(settings).start()
        uri, auth = info.uri, (USER, info.password)
    else:
        uri = cast(str, settings.neo4j_uri)
        if settings.neo4j_password is None:
            raise ConfigError(
                f"NEO4J_URI is set to {uri} but NEO4J_PASSWORD is not. Set NEO4J_PASSWORD "
                "(and NEO4J_USER if it is not 'neo4j')."
            )
        auth = (settings.neo4j_user, settings.neo4j_password.get_secret_value())
    try:
        # Server notifications (e.g. "label does not exist" on an empty database) are for
        # people writing Cypher by hand; scrgraph's statements are fixed and tested.
        # Transient failures (a cluster electing a leader) are retried for up to 15 s by
        # default (SCRGRAPH_NEO4J_RETRY_SECONDS), not the driver's 30 s: a server that is gone
        # should be reported, not waited on.
        driver = GraphDatabase.driver(uri, auth=auth, notifications_min_severity="OFF",
                                      max_transaction_retry_time=settings.neo4j_retry_seconds)
    except (ConfigurationError, ValueError) as exc:
        raise ConfigError(f"NEO4J_URI {uri!r} is not a Neo4j address: {exc}") from None
    try:
        driver.verify_connectivity()
    except AuthError:
        driver.close()
        raise DatabaseUnavailable(
            f"Neo4j at {uri} refused the user name or password. Check NEO4J_USER and "
            "NEO4J_PASSWORD."
        ) from None
    except (ServiceUnavailable, Neo4jError, OSError) as exc:
        driver.close()
        raise DatabaseUnavailable(
            f"Cannot reach Neo4j at {uri}: {exc}. Is the server running? Unset NEO4J_URI to "
            "let scrgraph run its own local Neo4j."
        ) from None
    database = Database(driver, uri, settings.neo4j_database)
    version = str(database.read_statement("server")[0]["version"])
    if not supported_version(version):
        database.close()
        raise DatabaseUnavailable(
            f"Neo4j at {uri} is version {version}; scrgraph needs Neo4j 5.26 or newer. Upgrade "
            "the server, or unset NEO4J_URI to let scrgraph run its own.")
    return database


def supported_version(version: str) -> bool:
    """True for Neo4j 5.26 and newer (5.x, then calendar versions such as 2025.10)."""
    match = re.match(r"(\d+)\.(\d+)", version)
    if not match:
        return True  # an unknown scheme (a future one): let the server say what it lacks
    major, minor = int(match.group(1)), int(match.group(2))
    return major >= 2025 or (major == 5 and minor >= 26) or 6 <= major < 2000

