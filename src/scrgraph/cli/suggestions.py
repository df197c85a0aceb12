"""``scrgraph suggestions``: the tagger's suggested codes stored at load, and analysts'
decisions on them (accept: the suggestion becomes their coding; reject: it is not suggested
again)."""

from __future__ import annotations

from enum import StrEnum

import typer

from scrgraph import formatting
from scrgraph.cli._common import console, facade
from scrgraph.results import SuggestionDecision

app = typer.Typer(no_args_is_help=True,
                  help="Suggested codes stored at load: list them, accept or reject each.")

_SHOWN = ("recommendation", "review", "code", "kind", "scope", "score", "evidence",
          "model_version", "suggested_at")


class CodeKind(StrEnum):
    theme = "theme"
    standard = "standard"


class ListFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    markdown = "markdown"


@app.command("list")
def list_suggestions(
    ctx: typer.Context,
    review: str | None = typer.Option(
        None, "--review", "-r", help="Only this review's recommendations (its ID or title)."),
    min_score: float = typer.Option(0.0, "--min-score", help="The lowest score to list."),
    kind: CodeKind | None = typer.Option(
        None, "--kind", help="Only suggested key themes, or only practice standards."),
    code: str | None = typer.Option(
        None, "--code", help="Only suggestions of this code: a key theme (code, label or "
                             "alias; a local theme too) or a practice standard (e.g. 2.2)."),
    output: ListFormat = typer.Option(
        ListFormat.table, "--format", "-f", help="How to print the rows."),
) -> None:
    """List the codes the tagger suggested at load for recommendations no analyst had coded,
    that nobody has accepted or rejected yet (the query suggestions-awaiting-decision)."""
    with facade(ctx) as sg:
        result = sg.suggestions(review, min_score, kind.value if kind else None, code)
    if output is ListFormat.table:
        console.print(formatting.to_table(
            _SHOWN, result.rows,
            title=f"Suggestions awaiting a decision: {len(result.rows)}"))
        if result.rows:
            console.print("Accept one with 'scrgraph suggestions accept REC CODE --by ROLE', "
                          "or reject it with 'scrgraph suggestions reject REC CODE --by ROLE'.",
                          highlight=False)
        return
    typer.echo(formatting.render(result.columns, result.rows, output.value), nl=False)
    if output is ListFormat.json:
        typer.echo()


_BY = typer.Option(..., "--by", help="Who decides: a role, e.g. 'M&E officer' (never a "
                                     "personal name).")
_REC = typer.Argument(..., help="The recommendation's ID.")
_CODE = typer.Argument(..., help="The suggested key theme or practice standard (code, label "
                                 "or alias).")


def _said(decision: SuggestionDecision) -> None:
    what = {"accepted": "is now coded to", "rejected": "will not be suggested"}[
        decision.decision]
    line = (f"{decision.recommendation} {what} {decision.kind} {decision.code}"
            if decision.decision == "accepted" else
            f"{decision.kind.capitalize()} {decision.code} {what} for "
            f"{decision.recommendation} again")
    console.print(formatting.terminal(
        f"{line} ({decision.decision} by {decision.by} on {decision.on.isoformat()})."),
        highlight=False)


@app.command("accept")
def accept(ctx: typer.Context, recommendation: str = _REC, code: str = _CODE,
           by: str = _BY) -> None:
    """Accept a suggestion: it becomes the analyst's coding (HAS_THEME or MAPS_TO), with who
    accepted it and when, and counts in every question from then on."""
    with facade(ctx) as sg:
        _said(sg.accept_suggestion(recommendation, code, by))


@app.command("reject")
def reject(ctx: typer.Context, recommendation: str = _REC, code: str = _CODE,
           by: str = _BY) -> None:
    """Reject a suggestion: it is removed, and the rejection (who, when) is kept so that a
    reload does not suggest that code for that recommendation again."""
    with facade(ctx) as sg:
        _said(sg.reject_suggestion(recommendation, code, by))
