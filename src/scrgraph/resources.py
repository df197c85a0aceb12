"""Where the declarative parts of scrgraph live.

The repository keeps them at its top level (``ontology/``, ``cypher/``, ``loaders/``, ``viz/``,
``neo4j/``); ``src/scrgraph/share/`` links to them, and the wheel carries copies there.
"""

import os
from pathlib import Path

_SHARE = Path(__file__).resolve().parent / "share"


def share_dir(name: str) -> Path:
    """The folder of one declarative part, e.g. ``share_dir("cypher")``."""
    return _SHARE / name


def cache_dir() -> Path:
    """scrgraph's cache folder (Neo4j's jars, the tagger's model): ``SCRGRAPH_CACHE``, else the
    user's cache folder."""
    override = os.environ.get("SCRGRAPH_CACHE")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("scrgraph", appauthor=False))
