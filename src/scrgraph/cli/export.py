"""``scrgraph export``: the graph back out as RDF, the workbook, GraphML, or a QDA codebook."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from scrgraph.cli._common import console, facade

app = typer.Typer()


class ExportFormat(StrEnum):
    turtle = "turtle"
    jsonld = "jsonld"
    xlsx = "xlsx"
    csv = "csv"
    graphml = "graphml"
    qdc = "qdc"


@app.command()
def export(
    ctx: typer.Context,
    format: ExportFormat = typer.Argument(..., help="What to write (see above)."),
    path: Path = typer.Argument(..., help="The file to write (a folder for csv)."),
) -> None:
    """Write the graph out: turtle / jsonld (RDF in the ontology's terms, which load back),
    xlsx / csv (the analysts' workbook; csv is one file per sheet in a folder), graphml (every
    node and relationship, for Gephi), or qdc (the framework as a REFI-QDA codebook for NVivo,
    ATLAS.ti or MAXQDA; needs no database).
    """
    with facade(ctx) as sg:
        report = sg.export(format.value, path)
    if len(report.paths) == 1:
        console.print(f"Wrote {report.paths[0]}", highlight=False)
    else:
        console.print(f"Wrote {len(report.paths)} files in {path}: "
                      + ", ".join(p.name for p in report.paths), highlight=False)
    if report.counts:
        console.print(", ".join(f"{name} {count}" for name, count in report.counts.items()),
                      highlight=False)
