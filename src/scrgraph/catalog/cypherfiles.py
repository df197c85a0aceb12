"""Cypher kept as files: each file one named statement with a comment header.

A file starts with ``//`` header lines, then the statement::

    // name: recurring-themes
    // Which key themes recur across separate reviews, and how often.
    // for: analysts, business managers
    // param: min_reviews integer default=2 -- fewest separate reviews to list a theme
    // param: kind string default=null choices=SCR|LCSPR|SAR|DHR|THEMATIC -- one review type
    // returns: theme, reviews, recommendations
    // example: min_reviews=3
    MATCH ...

Free header lines form the description. ``param`` declares name, type (``string``,
``integer``, ``float``, ``boolean``, ``date``, ``list``), optional ``default=`` (``null`` for
none; no default means required) and ``choices=`` (``|``-separated). ``example`` gives
parameter values that show the query at work (the demo runs every query with them).
Declared and used ``$parameters`` must match; errors name file and line.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrgraph.errors import CatalogError

if TYPE_CHECKING:
    from scrgraph.framework.codes import FrameworkResolver

MAX_INTEGER = 2**63 - 1
PARAM_TYPES = ("string", "integer", "float", "boolean", "date", "list", "theme", "standard",
               "review", "agency")
"""``theme`` and ``standard`` take what a workbook cell takes (a code, a label or an alias)
and pass the concept's code to the query. ``review`` and ``agency`` take an ID, a review's
title or an agency's name, in any case; the catalog resolves them to the ID against the
database when the query runs (``catalog/lookups.py``)."""
_HEADER = re.compile(r"^//\s?(?:(?P<key>[a-z]+):\s*)?(?P<value>.*)$")
_PARAM_USE = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_STRING = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")
_LINE_COMMENT = re.compile(r"//[^\n]*")
_STRING_OR_COMMENT = re.compile(_STRING.pattern + "|" + _LINE_COMMENT.pattern)
_WRITE = re.compile(
    r"\b(CREATE|MERGE|DELETE|DETACH|SET|REMOVE|DROP|FOREACH|LOAD\s+CSV|IN\s+TRANSACTIONS)\b",
    re.IGNORECASE,
)
_NULL = "null"


@dataclass(frozen=True)
class Param:
    """One declared parameter of a statement."""

    name: str
    type: str
    required: bool
    default: Any = None
    choices: tuple[str, ...] = ()
    description: str = ""

    def coerce(self, raw: Any, where: str, resolver: FrameworkResolver | None = None) -> Any:
        """Turn a value (often text from the CLI or a URL) into this parameter's type. A
        theme resolves through ``resolver`` (which may know local themes), by default the
        framework's alone."""
        if raw is None:
            return None
        if self.type in ("theme", "standard"):
            return self._concept(raw, where, resolver)
        if self.type in ("review", "agency"):
            return str(raw).strip()
        try:
            value = self._convert(raw)
        except OverflowError:
            raise CatalogError(f"{where}: parameter '{self.name}' is too large: {raw!r} (the "
                               f"largest whole number is {MAX_INTEGER:,}).") from None
        except (TypeError, ValueError):
            raise CatalogError(
                f"{where}: parameter '{self.name}' must be {_article(self.type)}, "
                f"not {raw!r}."
            ) from None
        if self.choices:
            values = value if isinstance(value, list) else [value]
            wrong = [v for v in values if str(v) not in self.choices]
            if wrong:
                raise CatalogError(
                    f"{where}: parameter '{self.name}' must be one of "
                    f"{', '.join(self.choices)}, not {wrong[0]!r}."
                )
        return value

    def _concept(self, raw: Any, where: str, resolver: FrameworkResolver | None) -> str:
        """A theme or standard as analysts type it (code, label, alias) -> its code; an
        unknown one is an error naming the nearest, never an empty answer."""
        from scrgraph.framework.codes import FrameworkResolver

        codes = resolver if resolver is not None else FrameworkResolver()
        code_list = "themes" if self.type == "theme" else "standards"
        text = str(raw).strip()
        found = codes.resolve(code_list, text)
        if found is not None:
            return found
        nearest = codes.suggest(code_list, text)
        hint = f" Did you mean '{nearest}'?" if nearest else " 'scrgraph framework' lists them."
        what = ("a key theme of the framework, nor a local theme in the graph"
                if self.type == "theme" else "a practice standard of the framework")
        raise CatalogError(f"{where}: parameter '{self.name}': '{text}' is not {what}.{hint}")

    def _convert(self, raw: Any) -> Any:
        if self.type == "string":
            return str(raw)
        if self.type == "integer":
            if isinstance(raw, bool):
                raise TypeError
            if isinstance(raw, float) and not raw.is_integer():
                raise ValueError
            number = int(raw)
            if abs(number) > MAX_INTEGER:  # Neo4j's integers are 64-bit
                raise OverflowError
            return number
        if self.type == "float":
            value = float(raw)
            if not math.isfinite(value):  # nan and infinity compare with nothing
                raise ValueError
            return value
        if self.type == "boolean":
            if isinstance(raw, bool):
                return raw
            text = str(raw).strip().lower()
            if text in ("true", "yes", "1"):
                return True
            if text in ("false", "no", "0"):
                return False
            raise ValueError
        if self.type == "date":
            if isinstance(raw, dt.date):
                return raw.isoformat()
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(raw).strip()):
                raise ValueError
            return dt.date.fromisoformat(str(raw).strip()).isoformat()
        if isinstance(raw, list | tuple):
            return [str(v) for v in raw]
        return [part.strip() for part in str(raw).split(",") if part.strip()]


def _article(type_name: str) -> str:
    words = {"integer": "a whole number", "float": "a number", "boolean": "true or false",
             "date": "a date (YYYY-MM-DD)", "list": "a comma-separated list",
             "string": "text", "theme": "a key theme (code or label)",
             "standard": "a practice standard (code or label)",
             "review": "a review (its ID or title)", "agency": "an agency (its ID or name)"}
    return words.get(type_name, type_name)


@dataclass(frozen=True)
class CypherFile:
    """One parsed statement file."""

    name: str
    description: str
    text: str
    path: Path
    line: int
    params: tuple[Param, ...] = ()
    audience: str = ""
    returns: tuple[str, ...] = ()
    writes: bool = False
    folder: str = ""
    example: dict[str, str] = field(default_factory=dict)
    """Parameter values that show the query at work (``// example: theme=neglect``)."""

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"

    def bind(self, given: dict[str, Any], resolver: FrameworkResolver | None = None
             ) -> dict[str, Any]:
        """Check and coerce given values; fill defaults. Unknown or missing names are errors.
        Themes resolve through ``resolver`` (default: the framework's alone)."""
        unknown = sorted(set(given) - {p.name for p in self.params})
        if unknown:
            known = ", ".join(p.name for p in self.params) or "none"
            raise CatalogError(
                f"Query '{self.name}' has no parameter '{unknown[0]}' (its parameters: {known})."
            )
        bound: dict[str, Any] = {}
        for param in self.params:
            if param.name in given:
                bound[param.name] = param.coerce(given[param.name], f"Query '{self.name}'",
                                                 resolver)
            elif param.required:
                raise CatalogError(
                    f"Query '{self.name}' needs parameter '{param.name}' ({param.type})."
                )
            else:
                bound[param.name] = param.default
        return bound


def strip_comments_and_strings(text: str) -> str:
    """The statement with string literals blanked and line comments removed."""
    # One pass, left to right: an apostrophe in a comment ("each theme's") starts no string,
    # and "//" inside a string starts no comment.
    return _STRING_OR_COMMENT.sub(lambda m: "" if m[0].startswith("//") else "''", text)


def writes(text: str) -> bool:
    """True when Cypher text holds a writing clause (outside strings and comments)."""
    return bool(_WRITE.search(strip_comments_and_strings(text)))


def _parse_param(value: str, where: str) -> Param:
    spec, _, description = value.partition("--")
    tokens = spec.split()
    if len(tokens) < 2:
        raise CatalogError(f"{where}: a param line needs a name and a type, got {value!r}.")
    name, type_name, *options = tokens
    if type_name not in PARAM_TYPES:
        raise CatalogError(
            f"{where}: parameter '{name}' has unknown type '{type_name}' "
            f"(use one of {', '.join(PARAM_TYPES)})."
        )
    settings: dict[str, str] = {}
    for option in options:
        key, sep, val = option.partition("=")
        if not sep or key not in ("default", "choices"):
            raise CatalogError(f"{where}: cannot read {option!r} in the param line for '{name}'.")
        settings[key] = val
    choices = tuple(settings["choices"].split("|")) if "choices" in settings else ()
    probe = Param(name, type_name, True, None, choices)
    if "default" not in settings:
        return Param(name, type_name, True, None, choices, description.strip())
    raw_default = settings["default"]
    default = None if raw_default == _NULL else probe.coerce(raw_default, where)
    return Param(name, type_name, False, default, choices, description.strip())


def parse(path: Path, root: Path | None = None) -> CypherFile:
    """Parse one statement file; raise CatalogError naming file and line."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise CatalogError(f"{path}: cannot read the query file ({exc}).") from None
    header: dict[str, str] = {}
    description: list[str] = []
    params: list[Param] = []
    body_start = len(lines)
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("//"):
            body_start = index
            break
        match = _HEADER.match(stripped)
        assert match is not None  # the pattern accepts any comment line
        key, value = match.group("key"), match.group("value").strip()
        where = f"{path}:{index + 1}"
        if key == "param":
            param = _parse_param(value, where)
            if any(p.name == param.name for p in params):
                raise CatalogError(f"{where}: parameter '{param.name}' is declared twice.")
            params.append(param)
        elif key in ("name", "for", "returns", "example"):
            header[key] = value
        elif value:
            description.append(match.group(0)[2:].strip())
    text = "\n".join(lines[body_start:]).strip()
    first = f"{path}:1"
    if "name" not in header:
        raise CatalogError(f"{first}: the header has no '// name:' line.")
    if not text:
        raise CatalogError(f"{first}: query '{header['name']}' has no Cypher after its header.")
    code = strip_comments_and_strings(text)
    used = set(_PARAM_USE.findall(code))
    declared = {p.name for p in params}
    where_body = f"{path}:{body_start + 1}"
    if used - declared:
        raise CatalogError(
            f"{where_body}: query '{header['name']}' uses ${sorted(used - declared)[0]} "
            "but its header does not declare it (add a '// param:' line)."
        )
    if declared - used:
        raise CatalogError(
            f"{first}: query '{header['name']}' declares parameter "
            f"'{sorted(declared - used)[0]}' but never uses it."
        )
    example = dict(pair.partition("=")[::2] for pair in header.get("example", "").split())
    if set(example) - declared:
        raise CatalogError(
            f"{first}: the example of query '{header['name']}' sets "
            f"'{sorted(set(example) - declared)[0]}', which is not one of its parameters.")
    folder = ""
    if root is not None:
        folder = path.parent.relative_to(root).as_posix()
        folder = "" if folder == "." else folder
    return CypherFile(
        name=header["name"],
        description=" ".join(description),
        text=text,
        path=path,
        line=body_start + 1,
        params=tuple(params),
        audience=header.get("for", ""),
        returns=tuple(r.strip() for r in header.get("returns", "").split(",") if r.strip()),
        writes=writes(text),
        folder=folder,
        example=example,
    )


def statements(path: Path) -> list[str]:
    """The ``;``-separated statements of a schema file, comments removed."""
    code = _LINE_COMMENT.sub("", path.read_text(encoding="utf-8"))
    return [part.strip() for part in code.split(";") if part.strip()]
