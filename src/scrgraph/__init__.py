"""scrgraph: a knowledge graph of learning from safeguarding case reviews."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("scrgraph")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"

__all__ = ["__version__"]
