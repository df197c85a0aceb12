"""scrgraph: a knowledge graph of learning from safeguarding case reviews."""

from __future__ import annotations

import functools

__all__ = ["__version__"]


@functools.cache
def _version() -> str:
    # importlib.metadata scans every installed distribution (about half a second): only when
    # the version is asked for, never at import, so `scrgraph --help` stays quick.
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("scrgraph")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0.0.0"


def __getattr__(name: str) -> str:
    if name == "__version__":
        return _version()
    raise AttributeError(f"module 'scrgraph' has no attribute {name!r}")
