"""The ``scrgraph`` command: parses options and calls the facade, a few lines per command."""

from __future__ import annotations

import sys

from scrgraph.cli import db as _db  # noqa: F401  (registers the `db` commands)
from scrgraph.cli import demo as _demo  # noqa: F401  (registers `demo`)
from scrgraph.cli import export as _export  # noqa: F401  (registers `export`)
from scrgraph.cli import framework as _framework  # noqa: F401  (framework, validate, template)
from scrgraph.cli import load as _load  # noqa: F401  (registers `load`)
from scrgraph.cli import queries as _queries  # noqa: F401  (registers `queries`, `query`, `analyse`)
from scrgraph.cli._common import app, console_err
from scrgraph.errors import ScrgraphError

__all__ = ["app", "main"]


def main() -> None:
    """Entry point: a ScrgraphError becomes one clear message and exit code 1, never a trace."""
    try:
        app()
    except ScrgraphError as exc:
        console_err.print(f"[bold red]Error:[/] {exc}", highlight=False)
        sys.exit(1)
