"""The coded recommendations as a REFI-QDA project (``.qdpx``) for NVivo, ATLAS.ti and MAXQDA.

A ``.qdpx`` file is a zip holding ``project.qde`` (XML in ``urn:QDA-XML:project:1.0``) and a
``sources/`` folder. Here each recommendation in scope is one text source (its text, in
``sources/GUID.txt``) with one selection spanning the whole text, coded to its key themes
and practice standards; each review is a case holding its recommendations. The codebook is
the framework's REFI-QDA codebook (``scrgraph export qdc``), so codes keep the same GUIDs in
both files. The rows come from the catalog query ``report-recommendations``.
"""

from __future__ import annotations

import datetime as dt
import uuid
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrgraph.formatting import published_words
from scrgraph.results import ReportData

if TYPE_CHECKING:
    from scrgraph.facade import Scrgraph

PROJECT_NAMESPACE = "urn:QDA-XML:project:1.0"
CODEBOOK_NAMESPACE = "urn:QDA-XML:codebook:1.0"
_GUIDS = uuid.UUID("6f1f3c8e-8d7b-4b7e-9a53-1d2f3a4b5c6d")  # scrgraph's namespace for GUIDs


def guid(kind: str, key: str) -> str:
    """A stable GUID for one item of the project (uuid5 of its kind and key, upper case)."""
    return str(uuid.uuid5(_GUIDS, f"{kind}:{key}")).upper()


def _codes(sg: Scrgraph) -> tuple[ET.Element, dict[str, str]]:
    """The framework codebook's ``Codes`` element, in the project namespace, and the GUID of
    each codable code by its name."""
    _, raw = sg.export_bytes("qdc")
    codebook = ET.fromstring(raw)
    by_name: dict[str, str] = {}
    for element in codebook.iter():
        element.tag = element.tag.replace(f"{{{CODEBOOK_NAMESPACE}}}",
                                          f"{{{PROJECT_NAMESPACE}}}")
        if element.tag.endswith("}Code") and element.get("isCodable") == "true":
            by_name[element.get("name", "")] = element.get("guid", "")
    codes = codebook.find(f"{{{PROJECT_NAMESPACE}}}Codes")
    assert codes is not None
    return codes, by_name


def project_xml(sg: Scrgraph, data: ReportData) -> tuple[ET.Element, dict[str, str]]:
    """The ``project.qde`` root and the sources' texts by file name."""
    ns = f"{{{PROJECT_NAMESPACE}}}"
    ET.register_namespace("", PROJECT_NAMESPACE)
    codes, by_name = _codes(sg)
    theme_labels = {row["theme"]: row["label"] for row in data.rows("themes")}
    standard_names = {name.split(" ", 1)[0]: name for name in by_name}
    created = data.generated.replace(tzinfo=dt.UTC).isoformat().replace("+00:00", "Z")
    user = guid("user", "scrgraph")
    root = ET.Element(f"{ns}Project", {
        "name": "Learning from reviews: coded recommendations",
        "origin": "scrgraph", "creatingUserGUID": user, "creationDateTime": created})
    users = ET.SubElement(root, f"{ns}Users")
    ET.SubElement(users, f"{ns}User", {"guid": user, "name": "scrgraph"})
    codebook = ET.SubElement(root, f"{ns}CodeBook")
    codebook.append(codes)

    recommendations = data.rows("recommendations")
    cases = ET.SubElement(root, f"{ns}Cases")
    for review in data.rows("reviews"):
        case = ET.SubElement(cases, f"{ns}Case", {"guid": guid("review", review["review"]),
                                                  "name": review["title"]})
        ET.SubElement(case, f"{ns}Description").text = (
            f"{review['review']}: {review['kind']} commissioned by {review['partnership']}, "
            f"published {published_words(review['published'], '%Y-%m-%d')}")
        for rec in recommendations:
            if rec["review"] == review["review"]:
                ET.SubElement(case, f"{ns}SourceRef",
                              {"targetGUID": guid("recommendation", rec["recommendation"])})

    sources = ET.SubElement(root, f"{ns}Sources")
    texts: dict[str, str] = {}
    for rec in recommendations:
        source_guid = guid("recommendation", rec["recommendation"])
        text = rec["text"]
        texts[f"{source_guid}.txt"] = text
        source = ET.SubElement(sources, f"{ns}TextSource", {
            "guid": source_guid, "name": f"{rec['recommendation']} ({rec['title']})",
            "plainTextPath": f"internal://{source_guid}.txt", "creatingUser": user,
            "creationDateTime": created})
        ET.SubElement(source, f"{ns}Description").text = _describe(rec)
        selection = ET.SubElement(source, f"{ns}PlainTextSelection", {
            "guid": guid("selection", rec["recommendation"]),
            "name": f"Recommendation {rec['number']}", "startPosition": "0",
            "endPosition": str(len(text)), "creatingUser": user, "creationDateTime": created})
        targets = [by_name.get(theme_labels.get(code, ""), "") for code in rec["themes"]]
        targets += [by_name.get(standard_names.get(code, ""), "") for code in rec["standards"]]
        for target in targets:
            if not target:
                continue
            coding = ET.SubElement(selection, f"{ns}Coding", {
                "guid": guid("coding", f"{rec['recommendation']}:{target}"),
                "creatingUser": user, "creationDateTime": created})
            ET.SubElement(coding, f"{ns}CodeRef", {"targetGUID": target})
    ET.indent(root)
    return root, texts


def _describe(rec: dict[str, Any]) -> str:
    parts = [f"{rec['title']} ({rec['kind']}, {published_words(rec['published'], '%Y-%m-%d')}), "
             f"recommendation {rec['number']}"]
    if rec["agencies"]:
        parts.append("directed at " + ", ".join(rec["agencies"]))
    parts.append("SMART" if rec["smart"] else "not SMART")
    return "; ".join(parts) + "."


def write_qdpx(sg: Scrgraph, data: ReportData, path: Path) -> Path:
    """Write the recommendations in ``data``'s scope as a REFI-QDA project ``path``."""
    root, texts = project_xml(sg, data)
    xml = ET.tostring(root, encoding="unicode", xml_declaration=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", '<?xml version="1.0" encoding="utf-8"?>\n' + xml + "\n")
        for name, text in texts.items():
            archive.writestr(f"sources/{name}", text)
    return path
