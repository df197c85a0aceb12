"""The facade: the one door through which the CLI, the API and every other front end work.

``Scrgraph`` holds the settings and, once opened, the database connection; the work itself is
delegated to the stages downstream (framework, ingest, store, catalog, analysis, export).
Front ends import this module, ``settings``, ``errors`` and ``results`` and nothing else.

Heavy libraries (the Neo4j driver, rdflib, pySHACL, networkx) are imported by the methods that
need them, so building a facade, or asking it for the framework, starts quickly.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import tempfile
import threading
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrgraph.results import (
    Analysis,
    CheckReport,
    DemoResult,
    ExportReport,
    LoadReport,
    Progress,
    Query,
    QueryResult,
    ReportData,
    ReportFiles,
    ReportScope,
    ServerDetails,
    SourceSummary,
    SuggestionDecision,
    SynthCorpus,
    TaggerEvaluation,
    TagResult,
    Withdrawal,
    WriteSummary,
)
from scrgraph.settings import Settings

if TYPE_CHECKING:
    from scrgraph.catalog.queries import Catalog
    from scrgraph.framework.concepts import Framework, Theme
    from scrgraph.store.db import Database
    from scrgraph.store.localdb import LocalNeo4j
    from scrgraph.viz.model import Filters, NetworkView

#: How many catalog queries :meth:`Scrgraph.run_queries` runs at once: two, so that the server
#: answers one while this process reads the rows of another (the national report's
#: recommendations took longer to read here than to compute there).
QUERIES_AT_ONCE = 2


class Scrgraph:
    """scrgraph for one set of settings.

    Nothing connects until :meth:`open` is called or a method needs the database; then the
    connection is made once (starting the local Neo4j when ``NEO4J_URI`` is unset) and shared
    by every thread using this facade. :meth:`close` ends it. Use it as a context manager, or
    open it in a server's lifespan and close it at shutdown.
    """

    def __init__(self, settings: Settings | None = None, database: Database | None = None
                 ) -> None:
        self.settings = settings if settings is not None else Settings()
        self._database = database
        self._owns_database = database is None  # close only a connection made here
        self._lock = threading.Lock()

    # -- the connection ---------------------------------------------------------------------

    def open(self) -> Scrgraph:
        """Connect now (idempotent and thread-safe); return the facade."""
        with self._lock:
            if self._database is None:
                from scrgraph.store.db import connect

                self._database = connect(self.settings)
                self._owns_database = True
        return self

    def close(self) -> None:
        with self._lock:
            if self._database is not None and self._owns_database:
                self._database.close()
                self._database = None

    def __enter__(self) -> Scrgraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def database(self) -> Database:
        """The connection, opened on first use."""
        if self._database is None:
            self.open()
        assert self._database is not None
        return self._database

    @property
    def local(self) -> LocalNeo4j:
        """The local Neo4j these settings point at (used only when NEO4J_URI is unset)."""
        from scrgraph.store.db import local_server

        return local_server(self.settings)

    def ping(self) -> bool:
        """True when Neo4j answers right now: one quick check, without the driver's retries
        (a connection is made first if there is none). When the local Neo4j was restarted on
        another port, reconnect to it (a running one only: this never starts a server)."""
        try:
            self.database.driver.verify_connectivity()
            return True
        except Exception:  # whatever the driver raises, Neo4j is not answering now
            pass
        if not (self.settings.uses_local_server and self._owns_database):
            return False
        running = self.local.running()
        if running is None or self._database is None or running.uri == self._database.uri:
            return False
        from scrgraph.errors import ScrgraphError

        self.close()
        try:
            self.open()
        except ScrgraphError:
            return False
        return True

    def reset(self) -> ServerDetails:
        """Empty the database: every node and relationship (the schema stays). Returns what
        it held before. Irreversible: fronts ask the user first."""
        before = self.database.details()
        self.database.clear()
        return before

    def status(self) -> ServerDetails:
        return self.database.details()

    def apply_schema(self) -> int:
        """Create the constraints and indexes (idempotent); return how many statements ran."""
        return self.database.apply_schema()

    # -- the framework ----------------------------------------------------------------------

    def framework(self) -> Framework:
        """The Thematic Learning Framework, as the ontology holds it (no database needed)."""
        from scrgraph.framework.concepts import framework

        return framework()

    def local_themes(self) -> tuple[Theme, ...]:
        """The local themes partnerships declared beside the framework's 13 key themes, as the
        graph holds them (never part of :meth:`framework`)."""
        from scrgraph.catalog.queries import local_themes

        return local_themes(self.database)

    def resolve_theme(self, text: str) -> tuple[str | None, str | None]:
        """A theme's code from what analysts type (code, label, alias; a local theme in the
        graph too), or None with the nearest code (or None) for "did you mean"."""
        from scrgraph.framework.codes import FrameworkResolver

        codes = FrameworkResolver()
        found = codes.resolve("themes", text)
        if found is None:
            codes = FrameworkResolver(self.local_themes())
            found = codes.resolve("themes", text)
        return (found, None) if found is not None else (None, codes.suggest("themes", text))

    def load_framework(self, progress: Progress | None = None) -> WriteSummary:
        """Write the framework (quadrants, standards, themes and their links) to Neo4j."""
        from scrgraph.store.loads import load_framework

        self.apply_schema()
        return load_framework(self.database, progress=progress)

    # -- data in ----------------------------------------------------------------------------

    def check(self, paths: Sequence[Path], progress: Progress | None = None) -> CheckReport:
        """Validate sources as a load would, writing nothing and needing no database.

        Every problem in every source is in the report; a source that cannot be read at all
        raises SourceError.
        """
        from scrgraph.errors import ValidationFailed
        from scrgraph.ingest.pipeline import prepare_sources
        from scrgraph.store.chunked import prepare_chunked

        try:
            # One large workbook in chunks of reviews, as a load prepares it (bounded memory).
            chunked = prepare_chunked(paths, progress=progress)
            if chunked is not None:
                return CheckReport((SourceSummary(chunked.source.path, chunked.source.rows),),
                                   warnings=chunked.warnings, notes=chunked.notes)
            prepared = prepare_sources(paths, progress=progress)
        except ValidationFailed as failed:
            return CheckReport(tuple(SourceSummary(Path(p), 0) for p in paths),
                               tuple(failed.problems))  # type: ignore[arg-type]
        return CheckReport(tuple(SourceSummary(s.path, s.rows) for s in prepared.sources),
                           warnings=prepared.warnings, notes=prepared.notes)

    def load(self, paths: Sequence[Path], *, sync: bool = False, confirmed: bool = False,
             replace: bool = False, suggest: bool = True,
             progress: Progress | None = None) -> LoadReport:
        """Validate every source (before connecting), then load them all in one transaction,
        or nothing. Raises ValidationFailed listing every problem, and OverwriteRefused
        naming the items a different source wrote that the load would change (unless
        ``replace``); the report lists every item added, changed and unchanged by ID.

        With ``suggest`` (the default), the tagger's suggested codes for each recommendation
        that has no theme and no standard coded are stored as SUGGESTS_THEME /
        SUGGESTS_STANDARD relationships (never codings), except those an analyst rejected;
        analysts' decisions on earlier suggestions are kept (see :meth:`accept_suggestion`).
        The local themes suggested are those the sources declare and those the graph holds
        (declared in earlier loads; read only once the sources pass, so a load is refused for
        its sources' problems without connecting), each for the reviews of the partnerships
        that declared it; a theme the sources declare again is theirs."""
        from scrgraph.ingest.pipeline import prepare_sources
        from scrgraph.store.chunked import load_chunked, prepare_chunked
        from scrgraph.store.loads import load_prepared

        # One large workbook: prepared in chunks of reviews in worker processes (a reload's
        # held suggestions and decisions folded in chunk by chunk when written), unless the
        # load needs the whole graph (see scrgraph.store.chunked), which is then prepared.
        chunked = prepare_chunked(paths, progress=progress, suggest=suggest,
                                  held_themes=self.local_themes)
        if chunked is not None:
            self.apply_schema()
            written = load_chunked(self.database, chunked, sync=sync, confirmed=confirmed,
                                   replace=replace, progress=progress)
            if written is not None:
                return dataclasses.replace(written, notes=chunked.notes,
                                           suggested=chunked.suggested)
        prepared = prepare_sources(paths, progress=progress, suggest=suggest,
                                   held_themes=self.local_themes)
        self.apply_schema()
        report = load_prepared(self.database, prepared, sync=sync, confirmed=confirmed,
                               replace=replace, progress=progress)
        return dataclasses.replace(report, notes=prepared.notes, suggested=prepared.suggested)

    def withdraw_review(self, review: str) -> Withdrawal | None:
        """Remove one review and what only it owns (its recommendations and the actions that
        respond only to them) in one write transaction; None when there is no such review."""
        rows = self.database.write_statement("withdraw-review", {"review": review})
        if not rows:
            return None
        return Withdrawal(str(rows[0]["review"]), int(rows[0]["recommendations"]),
                          int(rows[0]["actions"]))

    def write_template(self, path: Path, *, local_themes: bool = False) -> Path:
        """A blank workbook in the format the loader reads, with its Guide and Codes sheets;
        with ``local_themes``, its Themes sheet (and Codes sheet) holds the local themes the
        graph has, and its Partnerships sheet the partnerships, so that its recommendations
        can code them and it loads on its own."""
        from scrgraph.export.exporters import export_rows
        from scrgraph.export.workbook import write_xlsx

        rows = export_rows(self.database, ("Partnerships", "Themes")) if local_themes else {}
        return write_xlsx(path, rows)

    def synth(self, out: Path, *, reviews: int, seed: int) -> SynthCorpus:
        """Write a fictional synthetic corpus of ``reviews`` reviews as a CSV folder, the same
        for the same seed (for measuring scrgraph at scale); needs no database."""
        from scrgraph.synth import write_corpus

        return write_corpus(out, reviews=reviews, seed=seed)

    # -- data out ---------------------------------------------------------------------------

    def export(self, kind: str, path: Path) -> ExportReport:
        """Write the graph out as ``kind``: turtle, jsonld (RDF), xlsx, csv (the workbook), graphml,
        or qdc (the framework as a REFI-QDA codebook, which needs no database)."""
        from scrgraph.export.exporters import export

        return export(kind, path, None if kind == "qdc" else self.database)

    def export_bytes(self, kind: str) -> tuple[str, bytes]:
        """The same export as bytes, with a file name: csv comes as a .zip of its files."""
        from scrgraph.export.exporters import SUFFIXES

        with tempfile.TemporaryDirectory(prefix="scrgraph-export-") as tmp:
            name = f"scrgraph{SUFFIXES[kind]}"
            report = self.export(kind, Path(tmp) / name)
            if kind != "csv":
                return name, report.paths[0].read_bytes()
            archive = Path(tmp) / "scrgraph-csv.zip"
            with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
                for file in report.paths:
                    zipped.write(file, file.name)
            return archive.name, archive.read_bytes()

    # -- the query catalog ------------------------------------------------------------------

    @property
    def catalog(self) -> Catalog:
        """The named read-only queries in ``cypher/`` (parsed once; no database needed)."""
        from scrgraph.catalog.queries import default_catalog

        return default_catalog()

    def queries(self) -> list[Query]:
        """Every catalog query, sorted by folder and name."""
        return sorted(self.catalog, key=lambda q: (q.folder, q.name))

    def query(self, name: str) -> Query:
        """One catalog query by name; CatalogError (with the nearest names) if unknown."""
        return self.catalog[name]

    def bind_query(self, name: str, params: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """Check and coerce a query's parameters without touching the database."""
        return self.catalog.bind(name, params)

    def query_example(self, name: str) -> dict[str, Any]:
        """One catalog query's example parameters, fitted to the data the database holds (a
        review or agency the example names that is not loaded gives way to one that is)."""
        return self.catalog.example(self.database, name)

    def run_query(self, name: str, params: Mapping[str, Any] | None = None) -> QueryResult:
        """Run one catalog query, by name, in a read transaction."""
        return self.catalog.run(self.database, name, params)

    def run_queries(self, calls: Sequence[tuple[str, Mapping[str, Any] | None]]
                    ) -> list[QueryResult]:
        """Run several catalog queries, :data:`QUERIES_AT_ONCE` at a time, each in a read
        transaction of its own as :meth:`run_query` runs it; their results in the order asked.
        The first to fail raises (after the others finish)."""
        from concurrent.futures import ThreadPoolExecutor

        self.catalog.names()  # parsed, and connected, before the threads start
        self.database  # noqa: B018
        if len(calls) < 2:
            return [self.run_query(name, params) for name, params in calls]
        with ThreadPoolExecutor(QUERIES_AT_ONCE) as pool:
            running = [pool.submit(self.run_query, name, params) for name, params in calls]
            return [future.result() for future in running]

    def explain_query(self, name: str, params: Mapping[str, Any] | None = None) -> str:
        """The plan Neo4j would use for one catalog query, as text."""
        return self.catalog.explain(self.database, name, params)

    def analyse(self, *, seed: int | None = None, unit: str | None = None) -> Analysis:
        """Themes that cross quadrants more than their volume predicts, bridging themes and
        standards, theme communities (with how strong they are) and connected themes.
        Co-occurrence is counted per recommendation unless ``unit="review"``."""
        from scrgraph.analytics import DEFAULT_SEED, DEFAULT_UNIT, analyse

        return analyse(self.catalog, self.database,
                       seed=DEFAULT_SEED if seed is None else seed,
                       unit=DEFAULT_UNIT if unit is None else unit)

    # -- the network in the browser ---------------------------------------------------------

    def network(self, view: str, *, theme: str | None = None, review: str | None = None,
                as_of: dt.date | None = None, filters: Filters | None = None,
                **filter_values: Any) -> NetworkView:
        """One network view (theme-map, reviews-themes, theme, review, agency-accountability)
        as plain data built from catalog queries (``NetworkView.to_dict()`` for JSON).

        ``theme`` is the theme in focus (theme view) or the theme filter; ``filters``, or
        keywords ``kind``, ``partnership``, ``year_from``, ``year_to``, ``quadrant``, preset
        the page's filters. Unknown names raise CatalogError with the nearest one."""
        from scrgraph.viz.model import Filters
        from scrgraph.viz.views import build

        if filter_values:
            filters = Filters(**{**(vars(filters) if filters else {}), **filter_values})
        return build(self, view, theme=theme, review=review, as_of=as_of, filters=filters)

    def render_network(self, view: NetworkView) -> str:
        """One self-contained, offline HTML page drawing ``view``."""
        from scrgraph.viz.render import render

        return render(view)

    # -- reports ----------------------------------------------------------------------------

    def report(self, scope: ReportScope | None = None) -> ReportData:
        """The data of a cross-review theme report: every ``report-*`` catalog query run for
        ``scope`` (all reviews when None). CatalogError when no review is in scope."""
        from scrgraph.report.model import build

        return build(self, scope or ReportScope())

    def report_html(self, data: ReportData) -> str:
        """The theme report as one self-contained HTML page (inline CSS and SVG charts)."""
        from scrgraph.report.render import render_html

        return render_html(data)

    def report_pdf(self, data: ReportData) -> bytes:
        """The theme report as PDF: the same HTML, printed by WeasyPrint."""
        from scrgraph.report.render import html_to_pdf, render_html

        return html_to_pdf(render_html(data))

    def write_report(self, data: ReportData, out_dir: Path,
                     formats: Sequence[str] = ("html", "pdf", "csv", "xlsx")) -> ReportFiles:
        """Write the report to ``out_dir``: report.html, report.pdf, tables/*.csv, report.xlsx
        (and, when asked for, report.docx and report.qdpx, the recommendations in scope as a
        REFI-QDA project)."""
        import dataclasses
        import time

        from scrgraph.report.render import write_report

        files = write_report(data, out_dir, tuple(formats))
        if "qdpx" not in formats:
            return files
        from scrgraph.report.qdpx import write_qdpx

        started = time.perf_counter()
        path = write_qdpx(self, data, out_dir / "report.qdpx")
        return dataclasses.replace(files, qdpx=path,
                                   seconds=files.seconds + time.perf_counter() - started)

    def briefing_html(self, data: ReportData) -> str:
        """The seven-minute briefing on ``data``'s theme (``report`` with a theme in scope)."""
        from scrgraph.report.render import render_briefing_html

        return render_briefing_html(data)

    def briefing_pdf(self, data: ReportData) -> bytes:
        """The seven-minute briefing as PDF: the same HTML, printed by WeasyPrint."""
        from scrgraph.report.render import html_to_pdf, render_briefing_html

        return html_to_pdf(render_briefing_html(data))

    def write_briefing(self, data: ReportData, out_dir: Path,
                       formats: Sequence[str] = ("html", "pdf")) -> ReportFiles:
        """Write the seven-minute briefing as briefing-THEME.html and .pdf in ``out_dir``."""
        from scrgraph.report.render import write_briefing

        return write_briefing(data, out_dir, tuple(formats))

    def write_slides(self, review: str, out_dir: Path) -> ReportFiles:
        """Summary learning slides for one review as ``slides-REVIEW.pptx`` in ``out_dir``."""
        import time

        from scrgraph.report.slides import gather, slides_name, write_pptx

        started = time.perf_counter()
        path = write_pptx(gather(self, review), out_dir / slides_name(review))
        return ReportFiles(None, None, (), None, time.perf_counter() - started, pptx=path)

    def write_theme_slides(self, data: ReportData, out_dir: Path) -> ReportFiles:
        """Summary learning slides on ``data``'s theme (``report`` with a theme in scope) as
        ``slides-THEME.pptx`` in ``out_dir``."""
        import time

        from scrgraph.report.slides import slides_name, write_theme_pptx

        started = time.perf_counter()
        path = write_theme_pptx(data, out_dir / slides_name(data.scope.theme or "theme"))
        return ReportFiles(None, None, (), None, time.perf_counter() - started, pptx=path)

    def write_query_result(self, result: QueryResult, path: Path,
                           fmt: str | None = None) -> Path:
        """One query's rows as a file: xlsx (real numbers and dates, maps as columns), csv
        (with a BOM for Excel, maps as columns), json or markdown; by suffix unless ``fmt``."""
        from scrgraph.report.tables import write_result

        return write_result(result, path, fmt)

    # -- the tagger ---------------------------------------------------------------------------

    def tag(self, text: str, themes: Path | None = None) -> TagResult:
        """Suggested themes, standards and quadrants for one recommendation, with their scores
        and evidence, and its SMART check; with ``themes`` (a workbook with a Themes sheet, a
        folder of CSV files or a themes.csv), the local themes it declares are suggested too.
        Offline; needs no database."""
        from scrgraph.tagger.sources import read_local_themes
        from scrgraph.tagger.suggest import tag

        if not text.strip():
            from scrgraph.errors import SourceError

            raise SourceError("give the text of a recommendation to tag.")
        local = read_local_themes(themes) if themes is not None else ()
        return tag(text.strip(), local=local)

    def tag_file(self, path: Path, themes: Path | None = None) -> list[TagResult]:
        """:meth:`tag` for every recommendation of a workbook or CSV file (its Recommendations
        sheet, or a column headed 'Recommendation' or 'text'); agencies a row names count as
        its owners in the SMART check. The local themes the file declares (its Themes sheet,
        or the themes.csv of the folder or beside the CSV file), or those of ``themes``, are
        suggested too: for a row whose review the file knows, only those of a partnership that
        commissioned it."""
        from scrgraph.tagger.model import default_model
        from scrgraph.tagger.sources import (
            local_themes_for,
            read_local_themes,
            read_recommendations,
        )
        from scrgraph.tagger.suggest import tag

        items = read_recommendations(path)
        local = read_local_themes(themes if themes is not None else path)
        model = default_model()
        return [tag(i.text, model, i.where, i.agencies, local_themes_for(local, i.partnerships))
                for i in items]

    def evaluate_tagger(self, path: Path | None = None, folds: int = 5,
                        themes: Path | None = None) -> TaggerEvaluation:
        """How well the tagger finds the codes of a labelled file (default: the labelled set it
        is trained on, cross-validated by review). The local themes the file declares (its
        Themes sheet, the themes.csv beside it), or those of ``themes``, are scored too."""
        from scrgraph.tagger.evaluate import evaluate
        from scrgraph.tagger.labelled import default_path

        if folds < 2:
            from scrgraph.errors import SourceError

            raise SourceError("cross-validation needs at least 2 folds.")
        return evaluate(path or default_path(), folds, themes=themes)

    # -- suggested codes awaiting a decision ------------------------------------------------

    def suggestions(self, review: str | None = None, min_score: float = 0.0,
                    code_kind: str | None = None, code: str | None = None) -> QueryResult:
        """The tagger's suggestions no analyst has accepted or rejected yet (the catalog query
        suggestions-awaiting-decision), of one review (ID or title) or all; of one kind
        (``theme`` or ``standard``), from a least score, of one code (a key theme's code,
        label or alias, a local theme's too, or a practice standard's code or label)."""
        params: dict[str, Any] = {"review": review, "min_score": min_score,
                                  "code_kind": code_kind}
        return self.run_query("suggestions-awaiting-decision",
                              params | self.suggested_code(code))

    @staticmethod
    def suggested_code(code: str | None) -> dict[str, str]:
        """A code to filter suggestions by, as the query's parameter: ``standard`` for a
        practice standard's code or label (or what looks like a standard's number, so that a
        wrong one is named as a standard), else ``theme`` (resolved by the query, local
        themes too, with the nearest named when unknown)."""
        import re

        from scrgraph.framework.codes import resolve_standard

        text = (code or "").strip()
        if not text:
            return {}
        standard = resolve_standard(text)
        if standard is not None:
            return {"standard": standard.code}
        return {"standard": text} if re.match(r"^\d", text) else {"theme": text}

    def accept_suggestion(self, recommendation: str, code: str, by: str,
                          on: dt.date | None = None) -> SuggestionDecision:
        """Make one of the tagger's suggestions the analyst's coding (HAS_THEME or MAPS_TO),
        recording ``by`` (a role, never a personal name) and ``on`` (today by default), in one
        write transaction. CatalogError, with the nearest, for an unknown recommendation or a
        code it has no suggestion of."""
        return self._decide("accept", recommendation, code, by, on)

    def reject_suggestion(self, recommendation: str, code: str, by: str,
                          on: dt.date | None = None) -> SuggestionDecision:
        """Remove one of the tagger's suggestions and remember the rejection (who, when), so
        that a reload does not suggest that code for that recommendation again."""
        return self._decide("reject", recommendation, code, by, on)

    def _decide(self, action: str, recommendation: str, code: str, by: str,
                on: dt.date | None) -> SuggestionDecision:
        from scrgraph.errors import CatalogError

        role = " ".join(by.split())
        if not role:
            raise CatalogError(f"say who {action}s the suggestion: a role, e.g. "
                               "--by 'M&E officer' (never a personal name).")
        rec, wanted = self._pending(recommendation.strip(), code.strip())
        day = on or dt.datetime.now(dt.UTC).date()
        rows = self.database.write_statement(
            f"suggestion-{action}", {"recommendation": rec, "code": wanted, "by": role,
                                     "on": day})
        if not rows:  # decided by someone else meanwhile
            raise CatalogError(f"{rec} has no suggestion of {wanted} awaiting a decision "
                               "any more.")
        return SuggestionDecision(rec, wanted, str(rows[0]["kind"]), action + "ed", role, day)

    def _pending(self, recommendation: str, code: str) -> tuple[str, str]:
        """The recommendation's ID and the code of one of its suggestions awaiting a
        decision, from what an analyst typed; CatalogError naming the nearest otherwise."""
        import difflib

        from scrgraph.errors import CatalogError
        from scrgraph.framework.codes import resolve_standard, suggest_standard

        def held(one: str | None) -> dict[str, list[str]]:
            return {str(r["recommendation"]): sorted(r["codes"]) for r in
                    self.database.read_statement("suggestion-ids", {"recommendation": one})}

        mine = held(recommendation)  # this recommendation's alone: the common case
        if not mine:
            [known] = self.database.read_statement("recommendation-known",
                                                   {"recommendation": recommendation})
            if known["known"]:
                raise CatalogError(f"{recommendation} has no suggestions awaiting a decision "
                                   "('scrgraph suggestions list' lists those that have).")
            close = difflib.get_close_matches(recommendation, list(held(None)), n=1,
                                              cutoff=0.6)
            hint = f" Did you mean '{close[0]}'?" if close else ""
            raise CatalogError(f"there is no recommendation '{recommendation}' with suggestions "
                               f"awaiting a decision.{hint} 'scrgraph suggestions list' lists "
                               "them.")
        found, nearest = self.resolve_theme(code)
        if found is None:
            standard = resolve_standard(code)
            found = standard.code if standard else None
            nearest = nearest or suggest_standard(code)
        codes = mine[recommendation]
        if found is None:
            hint = f" Did you mean '{nearest}'?" if nearest else ""
            raise CatalogError(f"'{code}' is not a key theme or practice standard.{hint} "
                               f"{recommendation}'s suggestions: {', '.join(codes)}.")
        if found not in codes:
            raise CatalogError(f"{recommendation} has no suggestion of {found} awaiting a "
                               f"decision; its suggestions: {', '.join(codes)}.")
        return recommendation, found

    # -- the main job -----------------------------------------------------------------------

    def demo(self, data: Path | None = None, progress: Progress | None = None) -> DemoResult:
        """The main job: the schema, the framework, the sample data (or ``data``) loaded."""
        from scrgraph.errors import NeedsConfirmation
        from scrgraph.ingest.pipeline import prepare_sources
        from scrgraph.resources import share_dir
        from scrgraph.store.loads import load_prepared

        source = data or share_dir("sample")
        prepared = prepare_sources([source], progress=progress, suggest=True)
        keep = [str(r) for s in prepared.sources for r in s.reviews]
        [other] = self.database.read_statement("other-reviews", {"keep": keep})
        if other["reviews"]:
            what = "the fictional sample data" if data is None else str(data)
            raise NeedsConfirmation(
                f"The database at {self.database.uri} already holds {other['reviews']} other "
                f"reviews ({', '.join(other['examples'])}...), and the demo would mix "
                f"{what} with them. Run the demo against its own local Neo4j "
                "(SCRGRAPH_HOME=another-folder scrgraph demo, with NEO4J_URI unset), or empty "
                "this database first with 'scrgraph db reset'.")
        statements = self.apply_schema()
        framework = self.load_framework(progress)
        load = load_prepared(self.database, prepared, progress=progress)
        from scrgraph.catalog.cypherfiles import MAX_INTEGER

        examples = {q.name: len(self.run_query(q.name, self.query_example(q.name)).rows)
                    for q in self.catalog}
        return DemoResult(self.status(), self.settings.uses_local_server, statements,
                          framework, load, self.run_query("recurring-themes"),
                          self.run_query("quadrant-pairs"),
                          # every row: the demo counts them (the query pages)
                          self.run_query("cross-quadrant-recommendations",
                                         {"limit": MAX_INTEGER}), examples)


__all__ = ["Scrgraph"]
