"""Load sources into Neo4j: read, map to RDF, validate, then write all or nothing.

source (workbook / CSV folder / RDF) → rdflib graph → SHACL gate → property graph → Neo4j.
Every problem in every source is collected first; if there is any, nothing is written.
"""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from scrgraph import __version__
from scrgraph.db import Database
from scrgraph.errors import ValidationFailed
from scrgraph.namespaces import DCTERMS, NSCB, RDF, XSD
from scrgraph.ontology import (
    ontology_graph,
    resolve_standard,
    resolve_theme,
    suggest_standard,
    suggest_theme,
)
from scrgraph.propertygraph import Vocabulary, to_property_graph
from scrgraph.results import LoadReport, Progress, WriteSummary
from scrgraph.sources import Problem, Vocabularies, load_workbook
from scrgraph.tordf import OntologyTerms, workbook_to_rdf
from scrgraph.validation import RDF_FORMATS, read_graph, validate
from scrgraph.writer import PropertyGraph, write_graph


@dataclass(frozen=True)
class ShapeViolation:
    """A SHACL violation, as the validation module reports it."""

    focus: str
    message: str
    value: str | None = None
    path: str | None = None


@dataclass(frozen=True)
class SourceRead:
    """One source file read and mapped to RDF."""

    path: Path
    graph: Graph
    origin: dict[URIRef, tuple[str, str, int]]
    reviews: tuple[URIRef, ...]
    rows: int
    sha256: str


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    files = sorted(p for p in path.iterdir() if p.is_file()) if path.is_dir() else [path]
    for file in files:
        digest.update(file.name.encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()


def read_source(path: Path, ontology: Graph, vocabularies: Vocabularies,
                today: dt.date | None = None) -> tuple[SourceRead | None, list[Problem]]:
    """Read one source; return it mapped to RDF, or the problems that stop it loading."""
    if path.suffix.lower() in RDF_FORMATS:
        return _read_rdf(path, ontology), []
    workbook, problems = load_workbook(path, vocabularies, today)
    if problems:
        return None, problems
    rows = sum(len(items) for items in workbook.items.values())
    if rows == 0:
        return None, [Problem(path.name, "there is nothing to load: every sheet has only its "
                              "header row. Fill in at least the Reviews sheet.")]
    mapped = workbook_to_rdf(workbook, ontology)
    return SourceRead(path, mapped.graph, mapped.origin, mapped.reviews, rows,
                      _sha256(path)), []


def _read_rdf(path: Path, ontology: Graph) -> SourceRead:
    graph = read_graph(path)
    labels = Vocabulary(ontology).labels
    reviews = tuple(sorted(s for s, c in graph.subject_objects(RDF.type)
                           if isinstance(c, URIRef) and labels.get(c) == "Review"
                           and isinstance(s, URIRef)))
    rows = len(set(graph.subjects(DCTERMS.identifier)))
    return SourceRead(path, graph, {}, reviews, rows, _sha256(path))


def shape_violations(data: Graph) -> list[ShapeViolation]:
    """The SHACL gate: the shapes' violations for ``data`` (empty when it conforms)."""
    report = validate(data)
    return [ShapeViolation(v.focus, v.message, v.value, v.path)
            for v in report.violations if v.severity == "Violation"]


def _locate(violation: ShapeViolation, sources: Sequence[SourceRead]) -> Problem:
    """A SHACL violation as a Problem, placed on its sheet and row when it came from one."""
    field = f" ({violation.path})" if violation.path else ""
    for source in sources:
        for iri, (file, sheet, row) in source.origin.items():
            if str(source.graph.value(iri, DCTERMS.identifier)) == violation.focus:
                return Problem(file, f"{violation.focus}{field}: {violation.message}",
                               sheet=sheet, row=row, value=violation.value)
    names = ", ".join(s.path.name for s in sources)
    return Problem(names, f"{violation.focus}{field}: {violation.message}",
                   value=violation.value)


def _provenance(sources: Sequence[SourceRead], ontology: Graph, load_hash: str) -> Graph:
    terms = OntologyTerms(ontology)
    load = terms.instance(NSCB.Load, load_hash[:16])
    graph = Graph()
    graph.add((load, RDF.type, NSCB.Load))
    graph.add((load, DCTERMS.identifier, Literal(load_hash[:16])))
    graph.add((load, NSCB.file, Literal("; ".join(s.path.name for s in sources))))
    graph.add((load, NSCB.sha256, Literal(load_hash)))
    graph.add((load, NSCB.rows, Literal(sum(s.rows for s in sources), datatype=XSD.integer)))
    graph.add((load, NSCB.loadedBy, Literal(getpass.getuser())))
    graph.add((load, NSCB.loadedAt, Literal(dt.datetime.now(dt.UTC).replace(microsecond=0),
                                            datatype=XSD.dateTime)))
    graph.add((load, NSCB.softwareVersion, Literal(__version__)))
    for source in sources:
        for review in source.reviews:
            graph.add((load, NSCB.loaded, review))
            graph.add((review, RDF.type, NSCB.Review))  # so the link maps; adds no data
    return graph


def load_framework(database: Database,
                   progress: Progress | None = None) -> WriteSummary:
    """Write the framework from the ontology (idempotent)."""
    ontology = ontology_graph()
    graph = to_property_graph(ontology, ontology)
    return write_graph(database, graph, progress=progress,
                       managed_types=Vocabulary(ontology).rel_types.values())


@dataclass(frozen=True)
class Prepared:
    """Sources read, mapped and validated: ready to write."""

    sources: tuple[SourceRead, ...]
    data: Graph


def prepare_sources(paths: Sequence[Path], *, today: dt.date | None = None,
                    progress: Progress | None = None) -> Prepared:
    """Read, map and validate every source; raise with every problem found in any of them."""
    ontology = ontology_graph()
    vocabularies = FrameworkVocabularies()
    sources: list[SourceRead] = []
    problems: list[Problem] = []
    for done, path in enumerate(paths):
        if progress:
            progress("Reading", done, len(paths))
        read, found = read_source(path, ontology, vocabularies, today)
        problems.extend(found)
        if read:
            sources.append(read)
    if problems:
        raise ValidationFailed(problems)
    if progress:
        progress("Reading", len(paths), len(paths))
    data = Graph()
    for source in sources:
        data += source.graph
    if progress:
        progress("Checking against the shapes", 0, 1)
    violations = shape_violations(data)
    if progress:
        progress("Checking against the shapes", 1, 1)
    if violations:
        raise ValidationFailed([_locate(v, sources) for v in violations])
    return Prepared(tuple(sources), data)


def load_prepared(database: Database, prepared: Prepared, *, sync: bool = False,
                  progress: Progress | None = None) -> LoadReport:
    """Write validated sources in one transaction, with the Load provenance record."""
    ontology = ontology_graph()
    sources = prepared.sources
    load_hash = hashlib.sha256("".join(s.sha256 for s in sources).encode()).hexdigest()
    graph = to_property_graph(prepared.data + ontology, ontology)
    provenance = _provenance(sources, ontology, load_hash)
    prov_graph = to_property_graph(provenance + ontology, ontology)
    provenance_rows = PropertyGraph(
        tuple(n for n in prov_graph.nodes if "Load" in n.labels),
        tuple(r for r in prov_graph.rels if r.type == "LOADED"))
    reviews = [str(r) for s in sources for r in s.reviews] if sync else []
    summary = write_graph(database, graph, sync_reviews=reviews, progress=progress,
                          managed_types=Vocabulary(ontology).rel_types.values(),
                          provenance=provenance_rows)
    return LoadReport(tuple(s.path for s in sources), summary, load_hash[:16])


def load_sources(database: Database, paths: Sequence[Path], *, sync: bool = False,
                 progress: Progress | None = None, today: dt.date | None = None) -> LoadReport:
    """Load every source in one transaction, or raise with every problem and write nothing."""
    prepared = prepare_sources(paths, today=today, progress=progress)
    return load_prepared(database, prepared, sync=sync, progress=progress)


class FrameworkVocabularies:
    """Theme and standard codes typed in cells, resolved through the ontology's labels."""

    def resolve(self, vocab: str, text: str) -> str | None:
        found = resolve_theme(text) if vocab == "themes" else resolve_standard(text)
        return found.code if found else None

    def suggest(self, vocab: str, text: str) -> str | None:
        return suggest_theme(text) if vocab == "themes" else suggest_standard(text)
