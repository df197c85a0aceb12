"""The ingest pipeline: every source read, mapped to RDF and put through the SHACL gate.

source (workbook / CSV folder / RDF) → rdflib graph → SHACL gate → :class:`Prepared`.
Every problem in every source is collected first; if there is any, :class:`ValidationFailed`
carries them all and nothing goes further. Writing a ``Prepared`` is the store's job.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from scrgraph.errors import ValidationFailed
from scrgraph.framework.codes import FrameworkResolver
from scrgraph.framework.concepts import LOCAL_SCOPE, Theme, local_themes
from scrgraph.framework.ontology import ontology_graph
from scrgraph.graphs import data_graph
from scrgraph.ingest.format import Item, Workbook, workbook_spec
from scrgraph.ingest.problems import Problem
from scrgraph.ingest.rdffiles import RDF_FORMATS, read_graph
from scrgraph.ingest.shacl import VIOLATION, Violation, validate
from scrgraph.ingest.sheets import read_workbook
from scrgraph.ingest.tordf import expand, workbook_to_rdf
from scrgraph.namespaces import DCTERMS, NSCB, RDF
from scrgraph.results import Progress
from scrgraph.store.mapping import Neo4jMapping


@dataclass(frozen=True)
class SourceRead:
    """One source file read and mapped to RDF."""

    path: Path
    graph: Graph
    origin: dict[URIRef, tuple[str, str, int]]
    reviews: tuple[URIRef, ...]
    rows: int
    sha256: str
    warnings: tuple[Problem, ...] = ()


def source_sha256(path: Path) -> str:
    """The SHA-256 a load records of its source (a file, or a folder's files)."""
    digest = hashlib.sha256()
    files = sorted(p for p in path.iterdir() if p.is_file()) if path.is_dir() else [path]
    for file in files:
        digest.update(file.name.encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()


class SourceResolver:
    """The one code resolver (``FrameworkResolver``) for the sources of one load, learning the
    local themes each source declares (an RDF source's ``nscb:LocalTheme``s, a workbook's
    Themes sheet) so that the sources and sheets read after it can code them."""

    def __init__(self, ontology: Graph | None = None) -> None:
        self.ontology = ontology if ontology is not None else ontology_graph()
        self.codes = FrameworkResolver()

    @property
    def local_iris(self) -> dict[str, URIRef]:
        """The local themes learnt so far: code -> IRI."""
        return {t.code: t.iri for t in self.codes.local}

    def resolve(self, code_list: str, text: str) -> str | None:
        return self.codes.resolve(code_list, text)

    def suggest(self, code_list: str, text: str) -> str | None:
        return self.codes.suggest(code_list, text)

    def declare_graph(self, graph: Graph) -> None:
        """Learn the local themes an RDF graph declares."""
        self.codes = self.codes.with_local(local_themes(graph))

    def declare_themes(self, items: Sequence[Item]) -> None:
        """Learn the local themes of a Themes sheet's rows, mapped to RDF as a load maps them."""
        if not items:
            return
        sheet = items[0].sheet
        self.declare_graph(workbook_to_rdf(Workbook(Path(items[0].file), {sheet: list(items)}),
                                           self.ontology).graph)


def read_source(path: Path, ontology: Graph, resolver: SourceResolver,
) -> tuple[SourceRead | None, list[Problem]]:
    """Read one source; return it mapped to RDF, or the problems that stop it loading. The
    local themes it declares are learnt by ``resolver``."""
    if path.suffix.lower() in RDF_FORMATS:
        read = _read_rdf(path, ontology)
        resolver.declare_graph(read.graph)
        return read, []
    workbook, problems = read_tabular(path, resolver)
    if workbook is None:
        return None, problems
    mapped = workbook_to_rdf(workbook, ontology, resolver.local_iris)
    return SourceRead(path, mapped.graph, mapped.origin, mapped.reviews, workbook_rows(workbook),
                      source_sha256(path), tuple(workbook.warnings)), []


def read_tabular(path: Path, resolver: SourceResolver) -> tuple[Workbook | None, list[Problem]]:
    """Read and check a workbook or CSV folder: its checked items, or the problems that stop it
    loading. The local themes it declares are learnt by ``resolver``."""
    workbook, problems = read_workbook(path, resolver)
    if problems:
        return None, problems
    if workbook_rows(workbook) == 0:
        return None, [Problem(path.name, "there is nothing to load: every sheet has only its "
                              "header row. Fill in at least the Reviews sheet.")]
    return workbook, []


def workbook_rows(workbook: Workbook) -> int:
    """How many rows (items) a checked workbook holds, every sheet together."""
    return sum(len(items) for items in workbook.items.values())


def _read_rdf(path: Path, ontology: Graph) -> SourceRead:
    graph = read_graph(path)
    labels = Neo4jMapping(ontology).labels
    reviews = tuple(sorted(s for s, c in graph.subject_objects(RDF.type)
                           if isinstance(c, URIRef) and labels.get(c) == "Review"
                           and isinstance(s, URIRef)))
    rows = len(set(graph.subjects(DCTERMS.identifier)))
    return SourceRead(path, graph, {}, reviews, rows, source_sha256(path))


def shape_violations(data: Graph) -> list[Violation]:
    """The SHACL gate: the violations that block a load (empty when ``data`` conforms)."""
    return [v for v in validate(data).violations if v.severity == VIOLATION]


def _column(sheet: str, prop: str | None) -> str | None:
    """The workbook column (header) of ``sheet`` that maps to the property ``prop``."""
    if prop is None:
        return None
    spec = workbook_spec().sheet(sheet)
    return next((c.header for c in spec.columns
                 if any(t and str(expand(t.lstrip("^"))) == prop for t in (c.term, c.also))),
                None)


def locate(violation: Violation, sources: Sequence[SourceRead]) -> Problem:
    """A SHACL violation as a Problem, placed on its sheet, row and column when it came from
    one."""
    field = f" ({violation.path})" if violation.path else ""
    message = f"{violation.focus}{field}: {violation.message}"
    places = [(source, origin) for source in sources
              for iri, origin in source.origin.items()
              if str(source.graph.value(iri, DCTERMS.identifier)) == violation.focus]
    holding = [s for s in sources if any(str(v) == violation.focus
                                         for v in s.graph.objects(None, DCTERMS.identifier))]
    if len(holding) > 1:
        # The same item in two sources that disagree: say where each copy is.
        full = len({s.path.name for s in holding}) < len(holding)  # same names: full paths
        message += " The item is in " + " and in ".join(
            _where(s, places, full) for s in holding) + "; keep one of them, or make them agree."
    if places:
        _, (file, sheet, row) = places[0]
        return Problem(file, message, sheet=sheet, row=row,
                       column=_column(sheet, violation.property), value=violation.value)
    names = ", ".join(s.path.name for s in holding or sources)
    return Problem(names, message, value=violation.value)


def _where(source: SourceRead, places: list[tuple[SourceRead, tuple[str, str, int]]],
           full: bool) -> str:
    name = str(source.path) if full else source.path.name
    for held, (file, sheet, row) in places:
        if held is source:
            return f"{name} ({file}, sheet {sheet}, row {row})"
    return name


def read_failure(problems: list[Problem], resolver: SourceResolver,
                 held_themes: Callable[[], Sequence[Theme]] | None) -> ValidationFailed:
    """The failure of a load whose sources could not be read: ``problems``, each theme cell
    naming a local theme an earlier load declared said so (when ``held_themes`` is given)."""
    return ValidationFailed(_held_theme_problems(problems, resolver, held_themes)
                            if held_themes is not None else problems)


def _held_theme_problems(problems: list[Problem], resolver: SourceResolver,
                         held_themes: Callable[[], Sequence[Theme]]) -> list[Problem]:
    """``problems``, each theme cell naming a local theme the load does not declare but the
    graph holds (declared in an earlier load) said so, with what to do: a load codes only the
    local themes it declares. The graph is asked only when some theme cell is refused, and
    ``problems`` are kept as they are when the database does not answer."""
    columns = {(sheet.name, column.header) for sheet in workbook_spec().sheets
               for column in sheet.columns if column.vocab == "themes"}
    refused = [p for p in problems if (p.sheet, p.column) in columns and p.value]
    if not refused:
        return problems
    from scrgraph.errors import DatabaseUnavailable

    try:
        held = FrameworkResolver(held_themes())
    except DatabaseUnavailable:
        return problems
    out: list[Problem] = []
    for problem in problems:
        part = next((part for part in (x.strip() for x in str(problem.value).split(";"))
                     if part and resolver.resolve("themes", part) is None), None)
        theme = held.theme(part) if problem in refused and part else None
        if theme is None or theme.scope != LOCAL_SCOPE:
            out.append(problem)
            continue
        by = ", ".join(theme.partnerships) or "a partnership"
        out.append(dataclasses.replace(problem, message=(
            f"'{part}' is the local theme '{theme.code}' ({theme.label}) that {by} declared in "
            "an earlier load, but this load does not declare it, and a load codes only the "
            "local themes it declares. Add its row to the Themes sheet of this workbook (the "
            "Themes sheet of 'scrgraph template --local-themes' holds those the database has), "
            "or load the file that declares it with this one.")))
    return out


@dataclass(frozen=True)
class Prepared:
    """Sources read, mapped and validated: ready to write."""

    sources: tuple[SourceRead, ...]
    data: Graph
    notes: tuple[Problem, ...] = ()
    """What does not stop a load but an analyst should see: recommendations the SMART check
    finds something missing from, each located in its source."""
    suggested: int = 0
    """How many codes the tagger suggested for recommendations no analyst coded."""
    referenced: tuple[str, ...] = ()
    """IRIs of the local themes declared in an earlier load that ``data`` carries so that
    suggestions, and analysts' decisions on them, can point at them: the store writes no node
    of them (the graph holds them)."""

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """What was passed over without stopping the load (a sheet scrgraph does not read)."""
        return tuple(w for s in self.sources for w in s.warnings)


def prepare_sources(paths: Sequence[Path], *, progress: Progress | None = None,
                    suggest: bool = False,
                    held_themes: Callable[[], Sequence[Theme]] | None = None) -> Prepared:
    """Read, map and validate every source; raise with every problem found in any of them.
    With ``suggest``, the tagger's suggestions for every recommendation no analyst coded are
    added (see :mod:`scrgraph.ingest.suggestions`), and checked by the shapes, after the
    sources pass them. ``held_themes`` gives the local themes the graph holds (declared in
    earlier loads): called once, only after the sources pass, those of the partnerships whose
    reviews the load holds (and that it does not declare itself) are suggested like those
    it declares, and carried (never written) so that analysts' decisions on them hold."""
    ontology = ontology_graph()
    resolver = SourceResolver(ontology)
    read_sources: dict[int, SourceRead] = {}
    problems: list[Problem] = []
    # RDF sources first: the local themes they declare can be coded in any workbook.
    order = sorted(range(len(paths)), key=lambda i: paths[i].suffix.lower() not in RDF_FORMATS)
    for done, index in enumerate(order):
        if progress:
            progress("Reading", done, len(paths))
        read, found = read_source(paths[index], ontology, resolver)
        problems.extend(found)
        if read:
            read_sources[index] = read
    sources = [read_sources[i] for i in sorted(read_sources)]
    if problems:
        raise read_failure(problems, resolver, held_themes)
    if progress:
        progress("Reading", len(paths), len(paths))
    if len(sources) == 1:
        # One source (the usual load): its graph is the load's. Copying it into a new graph
        # took a third of the preparation of the sample; what is added below (SMART gaps,
        # suggestions) describes its own items.
        data = sources[0].graph
    else:
        data = data_graph()
        for source in sources:
            data += source.graph
    notes = check_smart_gaps(data, sources)
    # The sources through the shapes first: a load is refused for what its sources hold
    # before anything asks the database (the local themes it holds, below).
    if progress:
        progress("Checking against the shapes", 0, 1)
    violations = shape_violations(data)
    if progress:
        progress("Checking against the shapes", 1, 1)
    if violations:
        raise ValidationFailed([locate(v, sources) for v in violations])
    if not suggest and held_themes is None:
        return Prepared(tuple(sources), data, notes)
    from scrgraph.ingest.suggestions import (
        Suggested,
        add_suggestions,
        added_violations,
        carry_held_themes,
        held_for,
    )

    held = held_for(data, held_themes()) if held_themes is not None else ()
    suggested = Suggested(0, Graph())
    if suggest:
        if progress:
            progress("Suggesting codes for uncoded recommendations", 0, 1)
        suggested = add_suggestions(data, ontology, dt.datetime.now(dt.UTC).date(), held)
        if progress:
            progress("Suggesting codes for uncoded recommendations", 1, 1)
    added = suggested.triples + carry_held_themes(data, held)
    violations = added_violations(added, data, ontology) if len(added) else []
    if violations:
        raise ValidationFailed([locate(v, sources) for v in violations])
    return Prepared(tuple(sources), data, notes, suggested.count,
                    tuple(str(t.iri) for t in held))


_GAP_WORDS = {"owner": "no owning agency", "timescale": "no timescale",
              "measure": "no measure of it done", "action": "no specific action"}


def check_smart_gaps(data: Graph, sources: Sequence[SourceRead]) -> tuple[Problem, ...]:
    """Set every recommendation's SMART gaps (``nscb:smartGap``) to what the SMART check finds
    in its text and the agencies it is directed at, replacing any a source brought; return a
    note for each recommendation with gaps, located in its source."""
    return tuple(note for _, note in smart_gap_notes(data, sources))


def smart_gap_notes(data: Graph, sources: Sequence[SourceRead]) -> list[tuple[str, Problem]]:
    """:func:`check_smart_gaps`, each note with the IRI of its recommendation (the notes are
    in the order of those IRIs, as text)."""
    from scrgraph.tagger.smart import check_smart

    where = {iri: place for source in sources for iri, place in source.origin.items()}
    files: dict[Node, str] = {iri: source.path.name for source in sources
             for iri in source.graph.subjects(RDF.type, NSCB.Recommendation)}
    notes: list[tuple[str, Problem]] = []
    for rec in sorted(set(data.subjects(RDF.type, NSCB.Recommendation)), key=str):
        data.remove((rec, NSCB.smartGap, None))
        text = data.value(rec, NSCB.text)
        if text is None:
            continue  # the shapes report it
        agencies = [str(data.value(a, DCTERMS.identifier) or a)
                    for a in data.objects(rec, NSCB.directedAt)]
        check = check_smart(str(text), agencies)
        for gap in check.gaps:
            data.add((rec, NSCB.smartGap, Literal(gap.element)))
        if not check.gaps:
            continue
        marked = data.value(rec, NSCB.smart)
        said = (" Its SMART column says Yes." if isinstance(marked, Literal)
                and marked.toPython() is True else "")
        missing = "; ".join(_GAP_WORDS[g.element] + (
            " (only " + ", ".join(f"'{w}'" for w in g.words) + ")" if g.words else "")
            for g in check.gaps)
        place = where.get(rec) if isinstance(rec, URIRef) else None
        file, sheet, row = place if place else (files.get(rec, ""), None, None)
        notes.append((str(rec), Problem(file, f"the SMART check finds {missing}.{said}",
                                        sheet, row, "Recommendation" if sheet else None,
                                        str(text))))
    return notes
