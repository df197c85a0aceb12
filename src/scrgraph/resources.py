"""Where the declarative parts of scrgraph live.

The repository keeps them at its top level (``ontology/``, ``cypher/``, ``loaders/``, ``viz/``,
``neo4j/``); ``src/scrgraph/share/`` links to them, and the wheel carries copies there.
"""

from pathlib import Path

_SHARE = Path(__file__).resolve().parent / "share"


def share_dir(name: str) -> Path:
    """The folder of one declarative part, e.g. ``share_dir("cypher")``."""
    return _SHARE / name
