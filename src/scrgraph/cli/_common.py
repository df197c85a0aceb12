"""What every command shares: the Typer app, consoles, and the facade built from options."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
from rich.console import Console

from scrgraph.app import Scrgraph
from scrgraph.settings import Settings

app = typer.Typer(
    name="scrgraph",
    help="A knowledge graph of learning from safeguarding case reviews.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console()
console_err = Console(stderr=True, soft_wrap=True)


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
    ctx.obj = Settings(**overrides)


def facade(ctx: typer.Context) -> Scrgraph:
    """The facade for this invocation's settings; close it when done (use ``with``)."""
    settings = ctx.find_root().obj
    assert isinstance(settings, Settings)
    return Scrgraph(settings)
