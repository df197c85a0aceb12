"""Every IRI namespace scrgraph uses, in one place: no IRI strings anywhere else in the code.

``NSCB`` holds the ontology's classes, properties and controlled vocabularies, ``TLF`` the
Thematic Learning Framework's concepts (``TLF["std-2.2"]``), ``ID`` the data about reviews
(``ID["review/NSCP-SCR-2014-01"]``) and ``SH_NS`` the SHACL shapes. The standard vocabularies
are re-exported from ``rdflib.namespace`` so callers import them from here too.
"""

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SH, SKOS, XSD

NSCB = Namespace("https://w3id.org/scrgraph/nscb#")
"""The scrgraph ontology: classes, properties, annotation properties, vocabularies."""

TLF = Namespace("https://w3id.org/scrgraph/framework/")
"""Norfolk's Thematic Learning Framework as a SKOS concept scheme (``TLF.tlf`` is the scheme)."""

ID = Namespace("https://w3id.org/scrgraph/id/")
"""Data instances: ``ID["review/<id>"]``, ``ID["recommendation/<id>"]``, ``ID["action/<id>"]``."""

SH_NS = Namespace("https://w3id.org/scrgraph/shapes#")
"""The SHACL shapes for review data (``ontology/shapes.ttl``)."""

SCHEMA = Namespace("https://schema.org/")
"""schema.org, named only to forbid its personal-name properties."""

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
"""vCard, named only to forbid its personal-name properties."""

NSCB_ONTOLOGY_IRI = URIRef("https://w3id.org/scrgraph/nscb")
"""The IRI of the ontology document itself (``owl:Ontology``)."""

PREFIXES: dict[str, str] = {
    "nscb": str(NSCB),
    "tlf": str(TLF),
    "id": str(ID),
    "shapes": str(SH_NS),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "prov": str(PROV),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "sh": str(SH),
    "foaf": str(FOAF),
    "schema": str(SCHEMA),
    "vcard": str(VCARD),
}
"""Prefix -> namespace IRI, for binding to graphs and for showing IRIs compactly."""

__all__ = [
    "DCTERMS",
    "FOAF",
    "ID",
    "NSCB",
    "NSCB_ONTOLOGY_IRI",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SH",
    "SH_NS",
    "SKOS",
    "TLF",
    "VCARD",
    "XSD",
]
