"""Write the graph back out: RDF, the workbook format, GraphML, and the framework as a codebook.

* The workbook rows come from read-only statements, one per sheet
  (``cypher/system/export-<sheet>.cypher``), returning the fields ``loaders/workbook.toml``
  declares. Everything else is built from those rows, so an export holds exactly what a
  workbook can say and loads back to the same graph.
* RDF (Turtle, JSON-LD) is made by the loader's own forward mapping
  (``tordf.workbook_to_rdf``) from the rows: there is no second mapping to drift, and the
  result passes the same SHACL shapes a load does.
* XLSX and CSV use ``workbook.write_xlsx`` / ``write_csv_folder``, which keep any value a
  spreadsheet would read as a formula as plain text.
* GraphML (for Gephi, or networkx) holds every ``Resource`` node and the relationships between
  them; each node's ``label`` attribute is the text to show (its own label, title, name or ID)
  and ``labels`` its Neo4j label, to partition or colour by.
* The REFI-QDA codebook (``.qdc``) holds the framework only, so it needs no database: the
  quadrants with their practice standards nested inside, and the key themes under two group
  codes, each code with a GUID derived from the concept's IRI so every export gives the same.
"""

from __future__ import annotations

import datetime as dt
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

from scrgraph import __version__
from scrgraph.errors import ScrgraphError
from scrgraph.files import replacing, write_text
from scrgraph.ingest.format import Item, Workbook, workbook_spec
from scrgraph.namespaces import PREFIXES, SKOS, TLF
from scrgraph.results import ExportReport
from scrgraph.store.db import Database, native

Rows = dict[str, list[dict[str, Any]]]  # sheet name -> rows of field -> value

FORMATS = ("turtle", "jsonld", "xlsx", "csv", "graphml", "qdc")
SUFFIXES = {"turtle": ".ttl", "jsonld": ".jsonld", "xlsx": ".xlsx", "csv": "",
            "graphml": ".graphml", "qdc": ".qdc"}
"""The file name ending of each format (csv is a folder)."""
"""What ``export`` writes: RDF as Turtle or JSON-LD, the workbook as .xlsx or a folder of .csv
files, GraphML, or the framework as a REFI-QDA codebook."""

RDF_FORMATS = {"turtle": "turtle", "jsonld": "json-ld", "json-ld": "json-ld"}
QDC_NAMESPACE = "urn:QDA-XML:codebook:1.0"
EXPORT_SOURCE = Path("neo4j")  # the Workbook.source of exported rows: they come from the graph

# Colours for the codebook (colour-blind-safe Okabe-Ito palette): one per quadrant, shared by
# its standards, and one per theme group.
_QUADRANT_COLOURS = {"1": "#0072B2", "2": "#E69F00", "3": "#009E73", "4": "#CC79A7"}
_GROUP_COLOURS = {"safeguarding-issue": "#D55E00", "area-of-practice": "#56B4E9"}
_THEME_GROUPS = {"safeguarding-issue": "themes-safeguarding-issues",
                 "area-of-practice": "themes-areas-of-practice"}


# -- rows -------------------------------------------------------------------------------------


def _present(value: Any) -> bool:
    return value is not None and value != [] and value != ""


def export_rows(database: Database, sheets: Collection[str] | None = None) -> Rows:
    """The workbook rows the graph holds: ``{sheet: [{field: value}]}``, each sheet by ID
    (only the ``sheets`` named, when given).

    Values are plain Python (dates as ``datetime.date``; themes, standards and agencies as
    sorted lists); empty cells are left out, as the workbook reader leaves them out.
    """
    rows: Rows = {}
    for sheet in workbook_spec().sheets:
        if sheets is not None and sheet.name not in sheets:
            continue
        records = database.read_statement(f"export-{sheet.name.lower()}")
        fields = [c.field for c in sheet.columns]
        rows[sheet.name] = [
            {name: native(record[name]) for name in fields if _present(record.get(name))}
            for record in records
        ]
    return rows


def to_workbook(rows: Mapping[str, list[dict[str, Any]]]) -> Workbook:
    """The rows as a checked ``Workbook``, for the loader's own mapping to RDF."""
    workbook = Workbook(EXPORT_SOURCE)
    for sheet in workbook_spec().sheets:
        workbook.items[sheet.name] = [
            Item(sheet.name, sheet.file, number,
                 {k: v for k, v in row.items() if _present(v)})
            for number, row in enumerate(rows.get(sheet.name, []), start=2)
        ]
    return workbook


def _row_counts(rows: Rows) -> dict[str, int]:
    return {sheet: len(items) for sheet, items in rows.items()}


# -- writers ----------------------------------------------------------------------------------


def export_xlsx(database: Database, path: Path) -> ExportReport:
    """The workbook (.xlsx) with the Guide and Codes sheets, as analysts keep it."""
    from scrgraph.export.workbook import write_xlsx

    rows = export_rows(database)
    write_xlsx(path, rows)
    return ExportReport("xlsx", (path,), _row_counts(rows))


def export_csv(database: Database, folder: Path) -> ExportReport:
    """One .csv file per sheet in ``folder`` (created if needed)."""
    from scrgraph.export.workbook import write_csv_folder

    rows = export_rows(database)
    paths = write_csv_folder(folder, rows)
    return ExportReport("csv", tuple(paths), _row_counts(rows))


def export_rdf(database: Database, path: Path, format: str = "turtle") -> ExportReport:
    """The review data as RDF in the ontology's terms (``turtle`` or ``json-ld``).

    The framework itself is not repeated: it is the ontology (``ontology/nscb.ttl``). Beyond
    what the workbook can say, it holds the tagger's suggestions analysts rejected (who, when),
    so that loading it does not suggest them again; suggestions awaiting a decision are left
    out (a load makes them afresh).
    """
    from scrgraph.framework.ontology import ontology_graph
    from scrgraph.ingest.suggestions import Held, carry_decisions
    from scrgraph.ingest.tordf import workbook_to_rdf

    if format not in RDF_FORMATS:
        raise ScrgraphError(f"Unknown RDF format {format!r}: use turtle or json-ld.")
    rows = export_rows(database)
    ontology = ontology_graph()
    graph = workbook_to_rdf(to_workbook(rows), ontology).graph
    carry_decisions(graph, ontology, [
        Held(r["recommendation"], r["code"], r["type"], r["props"])
        for r in database.read_statement("export-rejections")])
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, replace=True)
    if RDF_FORMATS[format] == "json-ld":
        used = {str(p) for p in graph.predicates()} | {str(o) for o in graph.objects()} \
            | {str(s) for s in graph.subjects()}
        context = {prefix: namespace for prefix, namespace in PREFIXES.items()
                   if any(term.startswith(namespace) for term in used)}
        text = graph.serialize(format="json-ld", context=context, indent=2)
    else:
        text = graph.serialize(format="turtle")
    write_text(path, text)
    counts = _row_counts(rows)
    counts["triples"] = len(graph)
    name = "turtle" if RDF_FORMATS[format] == "turtle" else "jsonld"
    return ExportReport(name, (path,), counts)


def _graphml_value(value: Any) -> Any:
    """A property value as GraphML can hold it: lists joined with '; ', dates in ISO form."""
    value = native(value)
    if isinstance(value, list):
        return "; ".join(str(_graphml_value(v)) for v in value)
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _display_label(props: Mapping[str, Any]) -> str:
    for key in ("label", "title", "name", "id"):
        if props.get(key) not in (None, ""):
            return str(props[key])
    return ""


def graph_network(database: Database) -> Any:
    """Every Resource node and the relationships between them, as a networkx MultiDiGraph."""
    import networkx as nx

    network = nx.MultiDiGraph()
    relationships = []
    for record in database.read_statement("export-graph"):
        if record["element"] == "node":
            props = {k: _graphml_value(v) for k, v in record["props"].items()
                     if k != "iri" and _present(v)}
            props["label"] = _display_label(props)
            props["labels"] = "; ".join(record["labels"])
            network.add_node(record["iri"], **props)
        else:
            relationships.append(record)
    for index, record in enumerate(relationships):
        props = {k: _graphml_value(v) for k, v in record["props"].items() if _present(v)}
        # Gephi shows an edge's `label`; the relationship's own properties never use the name.
        props["label"] = record["type"]
        network.add_edge(record["source"], record["target"], key=f"e{index}", **props)
    return network


def export_graphml(database: Database, path: Path) -> ExportReport:
    """The whole graph as GraphML, which Gephi (and networkx) open."""
    import networkx as nx

    network = graph_network(database)
    with replacing(path) as temporary:
        nx.write_graphml(network, temporary, encoding="utf-8")
    return ExportReport("graphml", (path,), {"nodes": network.number_of_nodes(),
                                             "edges": network.number_of_edges()})


# -- the REFI-QDA codebook --------------------------------------------------------------------


def code_guid(iri: str) -> str:
    """A stable GUID for a framework concept: uuid5 of its IRI, upper case."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, iri)).upper()


def _code(parent: ET.Element, iri: str, name: str, codable: bool, colour: str | None,
          description: str | None) -> ET.Element:
    attributes = {"guid": code_guid(iri), "name": name,
                  "isCodable": "true" if codable else "false"}
    if colour:
        attributes["color"] = colour
    element = ET.SubElement(parent, "Code", attributes)
    if description:
        ET.SubElement(element, "Description").text = description
    return element


def codebook_xml() -> ET.Element:
    """The framework as a REFI-QDA codebook (``urn:QDA-XML:codebook:1.0``)."""
    from scrgraph.framework.concepts import framework
    from scrgraph.framework.ontology import ontology_graph

    fw = framework()
    ontology = ontology_graph()
    # The namespace is declared as the default one, so tags and attributes stay unprefixed as
    # the standard's examples show them (ElementTree would otherwise write ns0: prefixes).
    root = ET.Element("CodeBook", {"xmlns": QDC_NAMESPACE, "origin": f"scrgraph {__version__}"})
    codes = ET.SubElement(root, "Codes")
    for quadrant in fw.quadrants:
        colour = _QUADRANT_COLOURS.get(quadrant.code)
        element = _code(codes, str(quadrant.iri), f"{quadrant.code} {quadrant.label}", False,
                        colour, f"Guiding question: {quadrant.question}")
        for standard in fw.standards_in(quadrant.code):
            _code(element, str(standard.iri), f"{standard.code} {standard.label}", True,
                  colour, standard.outcome)
    for kind, collection in _THEME_GROUPS.items():
        iri = TLF[collection]
        label = ontology.value(iri, SKOS.prefLabel)
        if label is None:  # the ontology is ours: a missing label is a bug in nscb.ttl
            raise ScrgraphError(f"The ontology gives no skos:prefLabel for {iri}.")
        colour = _GROUP_COLOURS[kind]
        group = _code(codes, str(iri), str(label), False, colour, None)
        for theme in fw.themes_of_kind(kind):
            also = "; ".join(theme.alt_labels)
            _code(group, str(theme.iri), theme.label, True, colour,
                  f"Also called: {also}" if also else None)
    ET.indent(root)
    return root


def export_codebook(path: Path) -> ExportReport:
    """The framework as a REFI-QDA codebook (.qdc) for NVivo, ATLAS.ti, MAXQDA and others."""
    from scrgraph.framework.concepts import framework

    text = ET.tostring(codebook_xml(), encoding="unicode")
    write_text(path, f'<?xml version="1.0" encoding="utf-8"?>\n{text}\n')
    fw = framework()
    return ExportReport("qdc", (path,), {"quadrants": len(fw.quadrants),
                                         "standards": len(fw.standards),
                                         "themes": len(fw.themes)})


# -- one entry point --------------------------------------------------------------------------


def export(kind: str, path: Path, database: Database | None) -> ExportReport:
    """Write one of :data:`FORMATS` to ``path`` (a folder for ``csv``).

    ``qdc`` needs no database; every other format reads it.
    """
    if kind not in FORMATS:
        raise ScrgraphError(f"Unknown export format {kind!r}: use one of {', '.join(FORMATS)}.")
    try:
        if kind == "qdc":
            return export_codebook(path)
        if database is None:
            raise ScrgraphError(f"Exporting {kind} needs the database.")
        if kind in ("turtle", "jsonld"):
            return export_rdf(database, path, RDF_FORMATS[kind])
        if kind == "xlsx":
            return export_xlsx(database, path)
        if kind == "csv":
            return export_csv(database, path)
        return export_graphml(database, path)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        where = exc.filename or path
        raise ScrgraphError(f"Cannot write {where}: {reason}.") from None
