"""Every error a user can meet, under one root.

The CLI and the API turn a ``ScrgraphError`` into a clear message (or a problem response);
anything else is a bug and may show a traceback.
"""


class ScrgraphError(Exception):
    """Root of scrgraph's own errors: the message is written for the person using it."""


class ConfigError(ScrgraphError):
    """A setting is missing or has a value scrgraph cannot use."""


class SourceError(ScrgraphError):
    """A source file (workbook, CSV, RDF) cannot be read: wrong type, corrupt, unreadable."""


class ValidationFailed(ScrgraphError):
    """Data was read but does not conform to the ontology's shapes or the framework."""


class CatalogError(ScrgraphError):
    """A query file is malformed, a query is unknown, or a parameter is wrong."""


class DatabaseUnavailable(ScrgraphError):
    """Neo4j cannot be reached, or the local Neo4j cannot be started or stopped."""
