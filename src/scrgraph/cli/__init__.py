"""The ``scrgraph`` command: the root options, and each command group's Typer app assembled.

Every module in this package owns its own Typer app (parsing options and calling the facade,
a few lines per command); this module only puts them together.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

import typer

from scrgraph import formatting
from scrgraph.cli import (
    db,
    demo,
    export,
    framework,
    load,
    queries,
    report,
    serve,
    suggestions,
    synth,
    tagger,
    viz,
)
from scrgraph.cli._common import console_err
from scrgraph.errors import ScrgraphError

__all__ = ["app", "main"]

app = typer.Typer(
    name="scrgraph",
    help="A knowledge graph of learning from safeguarding case reviews.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _options(
    ctx: typer.Context,
    neo4j_uri: str | None = typer.Option(
        None, "--neo4j-uri", help="Use this Neo4j server (overrides NEO4J_URI)."),
    neo4j_user: str | None = typer.Option(
        None, "--neo4j-user", help="User name (overrides NEO4J_USER)."),
    neo4j_database: str | None = typer.Option(
        None, "--neo4j-database", help="Database name (overrides NEO4J_DATABASE)."),
    home: Path | None = typer.Option(
        None, "--home", help="State directory of the local Neo4j (overrides SCRGRAPH_HOME)."),
) -> None:
    """scrgraph: learning from safeguarding case reviews, as a knowledge graph.

    With NEO4J_URI unset, scrgraph runs its own local Neo4j; set NEO4J_URI, NEO4J_USER and
    NEO4J_PASSWORD to use another server. The password is only ever read from NEO4J_PASSWORD.
    """
    overrides: dict[str, Any] = {}
    if neo4j_uri is not None:
        overrides["NEO4J_URI"] = neo4j_uri
    if neo4j_user is not None:
        overrides["NEO4J_USER"] = neo4j_user
    if neo4j_database is not None:
        overrides["NEO4J_DATABASE"] = neo4j_database
    if home is not None:
        overrides["SCRGRAPH_HOME"] = home
    from scrgraph.settings import Settings  # pydantic: only when a command runs

    ctx.obj = Settings(**overrides)


for group in (demo, load, framework, queries, export, viz, report, serve, tagger, synth):
    app.add_typer(group.app)
app.add_typer(db.app, name="db")
app.add_typer(suggestions.app, name="suggestions")


def main() -> None:
    """Entry point: a ScrgraphError becomes one clear message and exit code 1, never a trace.

    What scrgraph does on the side (starting the local Neo4j) is said on stderr, so a query's
    output on stdout stays clean.
    """
    notices = logging.StreamHandler(sys.stderr)
    notices.setFormatter(logging.Formatter("%(message)s"))
    logger = logging.getLogger("scrgraph")
    logger.addHandler(notices)
    logger.setLevel(logging.INFO)
    # The driver logs each retry of a transaction while a server is unreachable; the one
    # message that matters is the error scrgraph gives when it stops retrying.
    logging.getLogger("neo4j").setLevel(logging.ERROR)
    try:
        app()
    except ScrgraphError as exc:
        # The message quotes what the sources hold: shown as text, never as markup.
        console_err.print(formatting.terminal(str(exc), prefix="Error:", style="bold red"),
                          highlight=False)
        sys.exit(1)
