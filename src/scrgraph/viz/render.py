"""A :class:`NetworkView` drawn as one self-contained HTML page: no request of any kind.

The template, styles and script live in ``viz/`` (``network.html.j2``, ``network.css``,
``network.js``); vis-network is the build that ships inside the pyvis wheel, inlined. pyvis's
own template is not used: it loads Bootstrap (and, with ``local``, vis-network) from CDNs.
"""

from __future__ import annotations

import importlib.util
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from scrgraph.errors import ScrgraphError
from scrgraph.files import write_text
from scrgraph.resources import share_dir
from scrgraph.viz.model import NetworkView
from scrgraph.viz.style import EDGE_COLOURS, SHAPES

#: The vis-network build inlined in every page (the newest one pyvis 0.3.x ships).
VIS_VERSION = "9.1.2"


_SCRIPT_END = re.compile(r"</script|<!--", re.IGNORECASE)


@cache
def _vis_folder() -> Path:
    spec = importlib.util.find_spec("pyvis")  # found, not imported: pyvis pulls in IPython
    if spec is None or not spec.submodule_search_locations:
        raise ScrgraphError("pyvis is not installed, and its vis-network build draws the "
                            "network: reinstall scrgraph (pip install scrgraph).")
    folder = Path(next(iter(spec.submodule_search_locations))) / "lib" / f"vis-{VIS_VERSION}"
    if not (folder / "vis-network.min.js").is_file():
        raise ScrgraphError(f"{folder}: vis-network {VIS_VERSION} is missing from pyvis; "
                            "install pyvis 0.3.2 (pip install 'pyvis>=0.3.2,<0.4').")
    return folder


@cache
def _asset(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _inline_script(text: str) -> str:
    """Script text that cannot end its <script> element early (only the sequences that could
    are touched: replacing every ``</`` would break regular expressions in minified code)."""
    return _SCRIPT_END.sub(lambda m: m.group(0).replace("/", "\\/").replace("!", "\\!"), text)


def page_data(view: NetworkView) -> dict[str, Any]:
    """What the page's script reads: the view, and the colour and shape of each item."""
    data = view.to_dict()
    data["style"] = {
        "colors": {item.group: item.color for item in view.legend},
        "shapes": dict(SHAPES),
        "edges": dict(EDGE_COLOURS),
    }
    return data


def render(view: NetworkView) -> str:
    """The page, as text (UTF-8 HTML)."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    folder = share_dir("viz")
    env = Environment(loader=FileSystemLoader(folder), autoescape=select_autoescape(["j2"]),
                      keep_trailing_newline=True)
    vis = _vis_folder()
    data = json.dumps(page_data(view), ensure_ascii=False, separators=(",", ":"), default=str)
    return env.get_template("network.html.j2").render(
        view=view,
        vis_version=VIS_VERSION,
        vis_css=_asset(vis / "vis-network.css"),
        vis_js=_inline_script(_asset(vis / "vis-network.min.js")),
        page_css=_asset(folder / "network.css"),
        page_js=_inline_script(_asset(folder / "network.js")),
        data=data.replace("<", "\\u003c"),
    )


def write(view: NetworkView, path: Path) -> Path:
    """Write the page to ``path`` (its folder is created); return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text(path, render(view))
    return path
