"""``scrgraph tag`` and ``scrgraph eval-tagger``: suggested codes with their evidence, the SMART
check, and how well the tagger does. Offline: no database, no network."""

from __future__ import annotations

import json
from dataclasses import asdict
from enum import StrEnum
from pathlib import Path

import typer
from rich.padding import Padding
from rich.text import Text

from scrgraph import formatting
from scrgraph.cli._common import console, facade
from scrgraph.errors import SourceError
from scrgraph.files import write_text
from scrgraph.results import CodeSuggestion, TaggerEvaluation, TagResult

app = typer.Typer()

_FILE_SUFFIXES = (".csv", ".xlsx")


class TagFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    markdown = "markdown"


class EvalFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"


def _codes(suggestions: tuple[CodeSuggestion, ...]) -> str:
    return "; ".join(f"{s.code} ({s.score:.2f})" for s in suggestions)


def _evidence(s: CodeSuggestion) -> str:
    parts = [f"'{m.words}' = {m.name_kind} '{m.name}'" for m in s.matches]
    if s.words:
        parts.append("model's words: " + ", ".join(s.words))
    if s.via:
        parts.append("via standards " + ", ".join(s.via))
    return "; ".join(parts)


def _row(r: TagResult) -> dict[str, str]:
    return {
        "where": r.where or "",
        "recommendation": r.text,
        "themes": _codes(r.themes),
        "standards": _codes(r.standards),
        "quadrants": _codes(r.quadrants),
        "smart": "yes" if r.smart.smart else "no",
        "missing": "; ".join(g.message for g in r.smart.gaps),
        "evidence": " | ".join(f"{s.code}: {_evidence(s)}" for s in (*r.themes, *r.standards)
                               if _evidence(s)),
    }


def _print_one(r: TagResult) -> None:
    if r.where:
        console.print(Text(r.where, style="bold"))
    console.print(Padding(Text(r.text, style="italic"), (0, 0, 0, 2)))
    for title, suggestions in (("Themes", r.themes), ("Standards", r.standards),
                               ("Quadrants", r.quadrants)):
        if not suggestions:
            console.print(Text(f"  {title}: none suggested", style="dim"))
            continue
        console.print(Text(f"  {title}:", style="bold"))
        for s in suggestions:
            line = Text.assemble(("    " + s.code, "bold cyan"), f"  {s.label}  ",
                                 ("(local theme)  " if s.local else "", "magenta"),
                                 (f"score {s.score:.2f}", "green"))
            console.print(line)
            if evidence := _evidence(s):
                console.print(Padding(Text(evidence, style="dim"), (0, 0, 0, 6)))
    if r.smart.smart:
        console.print(Text("  SMART: it names an owner, a timescale, a measure and an action.",
                           style="green"))
    else:
        console.print(Text("  Not SMART:", style="bold yellow"))
        for gap in r.smart.gaps:
            console.print(Padding(Text(gap.message), (0, 0, 0, 4)))
    found = "; ".join(f"{k}: {', '.join(v)}" for k, v in r.smart.found.items())
    if found:
        console.print(Padding(Text(f"found {found}", style="dim"), (0, 0, 0, 4)))


@app.command("tag")
def tag(
    ctx: typer.Context,
    what: str = typer.Argument(
        ..., metavar="TEXT|FILE",
        help="A recommendation's text in quotes, or a workbook (.xlsx), a CSV file or a "
             "folder of CSV files whose Recommendation (or text) column holds "
             "recommendations."),
    output: TagFormat = typer.Option(
        TagFormat.table, "--format", "-f",
        help="table (readable), csv (one row per recommendation, for Excel), json (everything, "
             "with every piece of evidence) or markdown."),
    out: Path | None = typer.Option(
        None, "--output", "-o", help="Write to this file (.csv with a BOM for Excel, .json, "
                                     ".md) instead of printing."),
    themes: Path | None = typer.Option(
        None, "--themes", metavar="FILE",
        help="Suggest the local themes this file declares too: a workbook's Themes sheet, a "
             "folder's themes.csv, or a themes.csv. Default for a FILE: those it declares "
             "(its Themes sheet, or the themes.csv beside it)."),
) -> None:
    """Suggest key themes, practice standards and so quadrants for recommendations, with the
    evidence for each, and check whether each is SMART.

    Each suggestion has a score from 0 to 1 and its evidence: the words that matched a label
    or alias the ontology gives the code, and the words that weighed most in the learned
    model. Suggestions are for an analyst to accept or change, never codes in themselves.
    Local themes (a partnership's own) are suggested by their label and aliases: for a row
    whose review the file names, only those of a partnership that commissioned it.
    Runs offline; needs no database.
    """
    path = Path(what)
    with facade(ctx) as sg:
        if path.suffix.lower() in _FILE_SUFFIXES or path.is_file() or path.is_dir():
            if not path.exists():
                raise SourceError(f"{what}: there is no such file.")
            results = sg.tag_file(path, themes)
        else:
            results = [sg.tag(what, themes)]
    if out is not None:
        fmt = {".csv": "csv", ".json": "json", ".md": "markdown"}.get(out.suffix.lower())
        if fmt is None:
            raise SourceError(f"{out.name}: write .csv, .json or .md.")
        text = _render(results, fmt)
        write_text(out, ("\ufeff" + text) if fmt == "csv" else text)
        console.print(f"Wrote {len(results)} recommendations to {out}.", highlight=False)
        return
    if output is TagFormat.table:
        for n, r in enumerate(results):
            if n:
                console.print()
            _print_one(r)
        if len(results) > 1:
            smart = sum(1 for r in results if r.smart.smart)
            console.print(f"\n{len(results)} recommendations; {smart} SMART, "
                          f"{len(results) - smart} missing something.")
        return
    typer.echo(_render(results, output.value), nl=output is TagFormat.json)


def _render(results: list[TagResult], fmt: str) -> str:
    if fmt == "json":
        return json.dumps([formatting.plain(asdict(r)) | {"smart_ok": r.smart.smart}
                           for r in results], indent=2)
    rows = [_row(r) for r in results]
    return formatting.render(tuple(rows[0]) if rows else (), rows, fmt)


def _rate(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


@app.command("eval-tagger")
def eval_tagger(
    ctx: typer.Context,
    file: Path | None = typer.Argument(
        None, metavar="[FILE.csv]",
        help="Labelled recommendations: columns text, themes, quadrants, standards (codes "
             "separated by ';') and review; or a coded workbook. Default: the labelled set "
             "scrgraph is trained on."),
    folds: int = typer.Option(
        5, "--folds", help="Folds of the cross-validation by review (when FILE is the "
                           "training set)."),
    output: EvalFormat = typer.Option(EvalFormat.table, "--format", "-f",
                                      help="How to print the scores."),
    themes: Path | None = typer.Option(
        None, "--themes", metavar="FILE",
        help="Local themes the file's themes column may code, scored like the framework's: "
             "a workbook's Themes sheet, a folder's themes.csv, or a themes.csv. Default: "
             "those FILE declares (its Themes sheet, or the themes.csv beside it)."),
) -> None:
    """Measure the tagger: per-code precision, recall and F1, micro and macro averages and
    exact-match rates for themes, quadrants and standards.

    When FILE is the labelled set the tagger is trained on, it is cross-validated by review
    (no review's recommendations are both trained on and tested); any other file is tagged by
    the model trained on the labelled set, less any recommendation the file also holds.
    Local themes the file declares are scored like the framework's themes, each suggested by
    its label and aliases as at load (for a row whose review the file names, only those of a
    partnership that commissioned it).
    """
    with facade(ctx) as sg:
        result = sg.evaluate_tagger(file, folds, themes)
    if output is EvalFormat.json:
        typer.echo(json.dumps(formatting.plain(asdict(result) | {"file": str(result.file)}),
                              indent=2))
        return
    columns, summary, codes = _eval_rows(result)
    if output is EvalFormat.markdown:
        typer.echo(formatting.to_markdown(columns[0], summary))
        typer.echo(formatting.to_markdown(columns[1], codes), nl=False)
        return
    console.print(f"{result.file}: {result.rows} recommendations from {result.reviews} "
                  f"reviews. {result.method[:1].upper()}{result.method[1:]}. "
                  f"Model {result.model_version}.", highlight=False)
    console.print(formatting.to_table(columns[0], summary, title="Averages"))
    console.print(formatting.to_table(columns[1], codes, title="By code"))
    console.print(f"All of themes, quadrants and standards exactly right: "
                  f"{result.exact_match_all:.0%} of recommendations.", highlight=False)


def _eval_rows(result: TaggerEvaluation) -> tuple[
        tuple[tuple[str, ...], tuple[str, ...]], list[dict[str, str]], list[dict[str, str]]]:
    summary = [{"kind": k.kind, "micro_precision": _rate(k.micro_precision),
                "micro_recall": _rate(k.micro_recall), "micro_f1": _rate(k.micro_f1),
                "macro_f1": _rate(k.macro_f1), "exact_match": _rate(k.exact_match)}
               for k in result.kinds]
    codes = [{"kind": k.kind, "code": c.code + (" (local theme)" if c.local else ""),
              "support": str(c.support),
              "suggested": str(c.true_positives + c.false_positives),
              "correct": str(c.true_positives), "precision": _rate(c.precision),
              "recall": _rate(c.recall), "f1": _rate(c.f1)}
             for k in result.kinds for c in k.codes]
    return ((tuple(summary[0]), tuple(codes[0])), summary, codes)
