"""Every error a user can meet, under one root.

The CLI and the API turn a ``ScrgraphError`` into a clear message (or a problem response);
anything else is a bug and may show a traceback.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scrgraph.results import ItemChange


class ScrgraphError(Exception):
    """Root of scrgraph's own errors: the message is written for the person using it."""


class ConfigError(ScrgraphError):
    """A setting is missing or has a value scrgraph cannot use."""


class SourceError(ScrgraphError):
    """A source file (workbook, CSV, RDF) cannot be read: wrong type, corrupt, unreadable."""


class ValidationFailed(ScrgraphError):
    """Data does not conform to the workbook format, the shapes or the framework.

    Carries every problem found (each printable as one line naming where it is), so that an
    analyst can fix them all in one pass.
    """

    def __init__(self, problems: Sequence[object], what: str = "nothing was loaded") -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"{count} {noun} found; {what}:\n{lines}")


class NeedsConfirmation(ScrgraphError):
    """An operation would remove far more than usual; nothing was done. Run it again,
    confirmed, once what it would do is what is wanted."""


class OverwriteRefused(NeedsConfirmation):
    """A load would change items that a different source wrote; nothing was written.

    ``items`` are those items (each an ``ItemChange``: kind, ID, the source that wrote it and
    what would change), so a front can list them all; the message names the first few."""

    def __init__(self, message: str, items: Sequence[ItemChange]) -> None:
        self.items = tuple(items)
        super().__init__(message)


class CatalogError(ScrgraphError):
    """A query file is malformed, a query is unknown, or a parameter is wrong."""


class DatabaseUnavailable(ScrgraphError):
    """Neo4j cannot be reached, or the local Neo4j cannot be started or stopped."""


class WriteFailed(ScrgraphError):
    """Neo4j refused a write; the transaction was rolled back, so nothing was written."""


class PdfUnavailable(ScrgraphError):
    """WeasyPrint cannot print PDF here: the Pango library it needs is not installed."""
