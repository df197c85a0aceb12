"""``scrgraph queries``, ``scrgraph query NAME`` and ``scrgraph analyse``: the query catalog."""

from __future__ import annotations

import json
from dataclasses import asdict
from enum import StrEnum
from pathlib import Path

import typer
from rich.console import Console
from rich.padding import Padding
from rich.text import Text

from scrgraph import formatting
from scrgraph.cli._common import console, console_err, facade
from scrgraph.errors import CatalogError
from scrgraph.results import Param, QueryResult

app = typer.Typer()


class OutputFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    markdown = "markdown"
    xlsx = "xlsx"


class AnalysisFormat(StrEnum):
    table = "table"
    json = "json"


class Unit(StrEnum):
    review = "review"
    recommendation = "recommendation"


def describe_param(param: Param) -> str:
    """One parameter as the listing shows it, e.g. ``min_reviews (integer, default 2)``."""
    details = [param.type]
    if param.choices:
        details.append("|".join(param.choices))
    if param.required:
        details.append("required")
    elif param.default is not None:
        details.append(f"default {formatting.text(param.default)}")
    return f"{param.name} ({', '.join(details)})"


def parse_params(pairs: list[str]) -> dict[str, str]:
    """``k=v`` options as a dict; a malformed or repeated one is a CatalogError."""
    params: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or not key:
            raise CatalogError(f"--param expects name=value, got {pair!r}.")
        if key in params:
            raise CatalogError(f"--param {key} is given twice.")
        params[key] = value
    return params


@app.command("queries")
def list_queries(
    ctx: typer.Context,
    folder: str | None = typer.Option(
        None, "--folder", help="Only the queries in this folder (e.g. themes)."),
) -> None:
    """List the query catalog: each query's name, folder, question and parameters."""
    with facade(ctx) as sg:
        queries = [q for q in sg.queries() if folder is None or q.folder == folder]
    if folder is not None and not queries:
        raise CatalogError(f"No catalog queries in folder '{folder}'.")
    current = None
    for query in queries:
        if query.folder != current:
            current = query.folder
            console.print(Text(f"{current}/", style="bold underline"))
        console.print(Text.assemble(("  " + query.name, "bold cyan")))
        console.print(Padding(Text(query.description), (0, 0, 0, 4)))
        if query.params:
            params = ", ".join(describe_param(p) for p in query.params)
            console.print(Padding(Text(f"parameters: {params}", style="dim"), (0, 0, 0, 4)))
    console.print(f"{len(queries)} queries. Run one with: scrgraph query NAME [-p name=value]")


@app.command("query")
def run_query(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="The query's name (see 'scrgraph queries')."),
    param: list[str] = typer.Option(
        [], "--param", "-p", help="A parameter as name=value; repeat for several."),
    output: OutputFormat = typer.Option(
        OutputFormat.table, "--format", "-f", help="How to print the rows."),
    explain: bool = typer.Option(
        False, "--explain", help="Print the plan Neo4j would use instead of running it."),
    out: Path | None = typer.Option(
        None, "--output", "-o",
        help="Write the rows to this file (.xlsx, .csv with a BOM for Excel, .json, .md) "
             "instead of printing them; maps become one column per key."),
) -> None:
    """Run one catalog query (read-only) and print its rows, or write them to a file."""
    params = parse_params(param)
    if output is OutputFormat.xlsx and out is None:
        raise CatalogError("--format xlsx writes a file: give it with --output FILE.xlsx.")
    with facade(ctx) as sg:
        sg.bind_query(name, params)  # bad names and parameters fail before connecting
        if explain:
            console.print(sg.explain_query(name, params), markup=False, highlight=False)
            return
        result = sg.run_query(name, params)
        if out is not None:
            fmt = None if output is OutputFormat.table else output.value
            path = sg.write_query_result(result, out, fmt)
            console.print(f"Wrote {len(result.rows)} rows of {name} to {path}.", highlight=False)
            _say_next_page(result, console)
            return
    if output is OutputFormat.table:
        console.print(formatting.to_table(result.columns, result.rows,
                                          title=f"{name}: {len(result.rows)} "
                                                f"{'row' if len(result.rows) == 1 else 'rows'}",
                                          width=console.width))
        _say_next_page(result, console)
    else:
        typer.echo(formatting.render(result.columns, result.rows, output.value), nl=False)
        if output is OutputFormat.json:
            typer.echo()
        _say_next_page(result, console_err)  # stdout holds the rows alone


def _say_next_page(result: QueryResult, where: Console) -> None:
    """For a query that pages, when more rows follow: how to ask for them (a page that has
    more after it is full: its rows are the limit)."""
    if result.next_skip is not None:
        where.print(f"More rows follow: for the next page, add -p skip={result.next_skip} "
                    f"-p limit={len(result.rows)}.", markup=False, highlight=False)


@app.command("analyse")
def analyse(
    ctx: typer.Context,
    output: AnalysisFormat = typer.Option(
        AnalysisFormat.table, "--format", "-f", help="How to print the results."),
    unit: Unit = typer.Option(
        Unit.recommendation, "--unit",
        help="Themes co-occur when one recommendation is coded to both, or one review "
             "raises both."),
    seed: int = typer.Option(42, "--seed", help="Seed for community detection."),
    top: int = typer.Option(
        10, "--top", help="How many rows of each list (bridges, quadrant reach, themes)."),
) -> None:
    """Graph analytics: themes that cross quadrants more than their volume predicts, bridging
    themes and standards, communities of themes that travel together, connected themes."""
    with facade(ctx) as sg:
        result = sg.analyse(seed=seed, unit=unit.value)
    bridges = [asdict(b) for b in result.bridges[:top]]
    reach = [asdict(r) for r in result.quadrant_reach[:top]]
    central = [asdict(c) for c in result.central_themes[:top]]
    if output is AnalysisFormat.json:
        shown = asdict(result) | {"bridges": bridges, "quadrant_reach": reach,
                                  "central_themes": central,
                                  "betweenness_method": result.betweenness_method,
                                  "communities_are_weak": result.communities_are_weak,
                                  "communities_verdict": result.communities_verdict}
        typer.echo(json.dumps(formatting.plain(shown), indent=2))
        return
    console.print(f"Framework network: {result.framework_nodes} nodes, "
                  f"{result.framework_edges} links. Theme co-occurrence (per {result.unit}): "
                  f"{result.themes} themes, {result.cooccurrence_edges} links.")
    console.print(formatting.to_table(
        ("theme", "label", "recommendations", "mapped", "cross_quadrant", "expected", "ratio"),
        reach, title="Themes whose recommendations cross quadrants more often than their "
                     "volume predicts (ratio above 1)"))
    console.print(formatting.to_table(
        ("kind", "code", "label", "betweenness", "recommendations", "quadrants"), bridges,
        title="Themes and standards that bridge quadrants (betweenness; grows with volume)"))
    console.print(f"The {result.betweenness_method}.", markup=False, highlight=False)
    console.print(formatting.to_table(
        ("number", "themes", "weight"), [asdict(c) for c in result.communities],
        title=f"Communities of themes that travel together (Louvain, seed {result.seed})"))
    console.print(result.communities_verdict, markup=False, highlight=False)
    console.print(formatting.to_table(
        ("theme", "label", "reviews", "degree", "strength"), central,
        title="Most connected themes (strength: co-occurrences with other themes)"))
