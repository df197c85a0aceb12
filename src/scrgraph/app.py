"""The facade: one object that the CLI and the API call for everything scrgraph does.

It holds the settings and, once opened, the database connection; the work itself is delegated
to small modules (``db``, ``localdb``, and the loaders, catalog and renderers downstream).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrgraph import __version__
from scrgraph.db import Database, ServerDetails, connect, local_server
from scrgraph.localdb import LocalNeo4j
from scrgraph.settings import Settings

if TYPE_CHECKING:
    from scrgraph.analytics import Analysis
    from scrgraph.catalog import Catalog, QueryResult
    from scrgraph.export import ExportReport
    from scrgraph.loader import LoadReport
    from scrgraph.ontology import Framework
    from scrgraph.writer import WriteSummary

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class DemoResult:
    """What ``scrgraph demo`` did, for the front end to print."""

    server: ServerDetails
    local: bool
    schema_statements: int
    framework: WriteSummary
    load: LoadReport
    recurring_themes: QueryResult
    quadrant_pairs: QueryResult
    cross_quadrant: QueryResult
    catalog_rows: dict[str, int]
    """Every catalog query, run with its example parameters: how many rows it returned."""


class Scrgraph:
    """scrgraph for one set of settings. Nothing connects until a method needs the database."""

    def __init__(self, settings: Settings, database: Database | None = None) -> None:
        self.settings = settings
        self._database = database
        self._owns_database = database is None  # close only a connection made here

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
        if self._database is not None and self._owns_database:
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

    # -- framework and data -----------------------------------------------------------------

    def framework(self) -> Framework:
        """The Thematic Learning Framework, as the ontology holds it."""
        from scrgraph.ontology import framework

        return framework()

    def load_framework(self, progress: Progress | None = None) -> WriteSummary:
        """Write the framework (quadrants, standards, themes and their links) to Neo4j."""
        from scrgraph.loader import load_framework

        self.apply_schema()
        return load_framework(self.database, progress=progress)

    def check(self, paths: Sequence[Path]) -> int:
        """Validate sources as a load would, writing nothing; return how many items they hold.

        Raises ValidationFailed listing every problem.
        """
        from scrgraph.loader import prepare_sources

        return sum(source.rows for source in prepare_sources(paths).sources)

    def write_template(self, path: Path) -> Path:
        """A blank workbook in the format the loader reads, with its Guide and Codes sheets."""
        from scrgraph.workbook import write_xlsx

        return write_xlsx(path, {})

    def load(self, paths: Sequence[Path], *, sync: bool = False,
             progress: Progress | None = None) -> LoadReport:
        """Validate every source, then load them all in one transaction (or nothing)."""
        from scrgraph.loader import load_sources

        self.apply_schema()
        return load_sources(self.database, paths, sync=sync, progress=progress)

    def export(self, kind: str, path: Path) -> ExportReport:
        """Write the graph out as ``kind`` (turtle, jsonld, xlsx, csv, graphml) or the
        framework as a REFI-QDA codebook (qdc, which needs no database)."""
        from scrgraph.export import export

        return export(kind, path, None if kind == "qdc" else self.database)

    # -- query catalog and analytics ---------------------------------------------------------

    @property
    def catalog(self) -> Catalog:
        """The named read-only queries in ``cypher/`` (parsed once; no database needed)."""
        from scrgraph.catalog import default_catalog

        return default_catalog()

    def run_query(self, name: str, params: Mapping[str, Any] | None = None) -> QueryResult:
        """Run one catalog query, by name, in a read transaction."""
        return self.catalog.run(self.database, name, params)

    def explain_query(self, name: str, params: Mapping[str, Any] | None = None) -> str:
        """The plan Neo4j would use for one catalog query, as text."""
        return self.catalog.explain(self.database, name, params)

    def analyse(self, *, seed: int | None = None, unit: str = "review") -> Analysis:
        """Bridging themes and standards, theme communities and central themes."""
        from scrgraph.analytics import DEFAULT_SEED, analyse

        return analyse(self.catalog, self.database,
                       seed=DEFAULT_SEED if seed is None else seed, unit=unit)

    def demo(self, data: Path | None = None, progress: Progress | None = None) -> DemoResult:
        """The main job: the schema, the framework, the sample data (or ``data``) loaded."""
        from scrgraph.resources import share_dir

        statements = self.apply_schema()
        framework = self.load_framework(progress)
        load = self.load([data or share_dir("sample")], progress=progress)
        examples = {q.name: len(self.run_query(q.name, q.example).rows) for q in self.catalog}
        return DemoResult(self.status(), self.settings.uses_local_server, statements,
                          framework, load, self.run_query("recurring-themes"),
                          self.run_query("quadrant-pairs"),
                          self.run_query("cross-quadrant-recommendations"), examples)
