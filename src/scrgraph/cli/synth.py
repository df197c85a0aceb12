"""``scrgraph synth``: a fictional synthetic corpus, for measuring scrgraph at scale."""

from __future__ import annotations

from pathlib import Path

import typer

from scrgraph.cli._common import console, facade

app = typer.Typer()


@app.command()
def synth(
    ctx: typer.Context,
    reviews: int = typer.Option(500, "--reviews", help="How many reviews to make up."),
    seed: int = typer.Option(1, "--seed", help="The same seed always gives the same files."),
    out: Path = typer.Option(Path("scrgraph-synth"), "--out",
                             help="The folder to write the CSV files into."),
) -> None:
    """Write a synthetic corpus of fictional reviews as a CSV folder that 'scrgraph load'
    reads.

    Every name and text in it is invented (templated sentences); the distributions of
    recommendations, themes, standards, agencies and actions follow real collections. Use it
    to try scrgraph at the size of a national collection; never mix it with real reviews.
    """
    with facade(ctx) as sg:
        corpus = sg.synth(out, reviews=reviews, seed=seed)
    counts = ", ".join(f"{n:,} {sheet.lower()}" for sheet, n in corpus.rows.items())
    console.print(f"Wrote {corpus.folder} (seed {corpus.seed}): {counts}.")
