"""``scrgraph demo``: the main job, end to end."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
from rich.table import Table
from rich.text import Text

from scrgraph.cli._common import (
    console,
    console_err,
    describe,
    facade,
    print_summary,
    progress_bar,
    write_page,
)

app = typer.Typer()

PARTNERSHIP_TYPES = (("children", "children's"), ("adults", "adults'"),
                     ("community-safety", "community safety"))


def _recurring_table(rows: list[dict[str, Any]]) -> Table:
    table = Table(title="Themes that recur across separate reviews", title_justify="left")
    table.add_column("theme")
    table.add_column("reviews", justify="right")
    for _, heading in PARTNERSHIP_TYPES:
        table.add_column(heading, justify="right")
    table.add_column("recommendations", justify="right")
    for row in rows:
        by_type = row["by_partnership_type"]
        table.add_row(row["label"], str(row["reviews"]),
                      *(str(by_type.get(key, 0)) for key, _ in PARTNERSHIP_TYPES),
                      str(row["recommendations"]))
    return table


def _pairs_table(rows: list[dict[str, Any]]) -> Table:
    table = Table(title_justify="left")
    table.add_column("quadrants")
    table.add_column("recommendations", justify="right")
    for row in rows:
        table.add_row(f"{row['quadrant_a']} {row['label_a']} + {row['quadrant_b']} "
                      f"{row['label_b']}", str(row["recommendations"]))
    return table


@app.command()
def demo(
    ctx: typer.Context,
    data: Path | None = typer.Option(
        None, "--data", help="Load this workbook or CSV folder instead of the sample data."),
    report_dir: Path = typer.Option(
        Path("scrgraph-out/report"), "--report-dir",
        help="Write the cross-review theme report (HTML, PDF, CSV, xlsx) into this folder."),
    with_report: bool = typer.Option(
        True, "--report/--no-report",
        help="Write the report (about 15 s), or only load and show the findings."),
) -> None:
    """Run the main job: load the framework and the (fictional) sample data into Neo4j."""
    with facade(ctx) as sg:
        with console.status("Connecting to Neo4j (the first start of the local one downloads "
                            "it)..."):
            server = sg.status()
        console.print(f"Neo4j {server.version} ({server.edition}) at [bold]{server.uri}[/], "
                      f"database '{server.database}'.")
        with progress_bar() as progress:
            result = sg.demo(data, progress)
        fw = sg.framework()
        pages = [write_page(sg, "theme-map"),
                 write_page(sg, "theme", theme="domestic-abuse")]
        report = None
        if with_report:
            with console.status("Writing the cross-review theme report..."):
                report = sg.write_report(sg.report(), report_dir.resolve())
    console.print(f"Schema in place: {result.schema_statements} constraints and indexes.")
    console.print(f"Framework in Neo4j: {len(fw.quadrants)} quadrants, {len(fw.standards)} "
                  f"practice standards, {len(fw.themes)} key themes, "
                  f"{len(fw.standard_theme_links)} standard-theme links.")
    load = result.load
    names = "the fictional sample data" if data is None else str(data)
    if load.summary.wrote_anything:
        print_summary(load.summary, f"Loaded {names}", ids=False)
    else:
        console.print(f"{names[0].upper()}{names[1:]} was already loaded: nothing changed.")
    console.print(_recurring_table(result.recurring_themes.rows))
    for row in result.recurring_themes.rows:
        if row["theme"] == "domestic-abuse":
            by_type = row["by_partnership_type"]
            console.print(
                f"Domestic abuse recurs in [bold]{by_type.get('children', 0)} separate "
                f"children's reviews[/]; in all, in {row['reviews']} separate reviews of "
                f"{row['cases']} separate cases ({row['recommendations']} recommendations). "
                f"Commissioned by children's partnerships: {by_type.get('children', 0)}, "
                f"adults boards: {by_type.get('adults', 0)}, community safety partnerships: "
                f"{by_type.get('community-safety', 0)} (a joint review counts under each).")
    crossing = result.cross_quadrant.rows
    mapped = crossing[0]["mapped_recommendations"] if crossing else 0
    console.print(f"{len(crossing)} of the {mapped} recommendations mapped to practice "
                  "standards speak to standards in two or more quadrants. The quadrants they "
                  "link most:")
    console.print(_pairs_table(result.quadrant_pairs.rows[:6]))
    counts = ", ".join(f"{name} {rows}" for name, rows in sorted(result.catalog_rows.items()))
    console.print(f"All {len(result.catalog_rows)} catalog queries ran on this data (rows): "
                  f"{counts}.")
    console.print("Ask more with [bold]scrgraph queries[/] and [bold]scrgraph query NAME[/].")
    for path, network in pages:
        console.print(Text.assemble("Network page: ", describe(path, network), "."),
                      highlight=False)
    console.print("Open them in a browser (they work offline); draw others with "
                  "[bold]scrgraph viz[/].")
    if report is not None:
        others = ", ".join(str(p) for p in (report.pdf, report.xlsx) if p is not None)
        console.print(f"The cross-review theme report is in [bold]{report.html}[/] (and "
                      f"{others}); written in {report.seconds:.1f} s. "
                      "Make your own with [bold]scrgraph report[/].", highlight=False)
        if report.note:
            console_err.print(report.note, markup=False, highlight=False)
    else:
        console.print("Make the cross-review theme report with [bold]scrgraph report[/].")
    console.print("For the web pages and the API: [bold]scrgraph token create --role admin "
                  "--name you[/], then [bold]scrgraph serve[/] and open http://127.0.0.1:8000/.")
    server = result.server
    console.print(f"The database holds {server.nodes} nodes and {server.relationships} "
                  "relationships.")
    if result.local:
        password = sg.local.password_file
        console.print(f"To run your own Cypher, connect any Neo4j client to {server.uri} as "
                      f"user neo4j, with the password kept in {password}.")
        console.print("The local Neo4j keeps running; stop it with [bold]scrgraph db stop[/] "
                      "(or 'make stop').")
