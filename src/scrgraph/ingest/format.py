"""The workbook format, read from ``loaders/workbook.toml`` into typed specs, and the checked
items a workbook holds (what readers produce and exporters write).

The TOML file is the one place that says which sheets and columns analysts keep, their types,
vocabularies and the ontology term each maps to; the reader, the template and the exporter all
use these specs.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from scrgraph.errors import SourceError
from scrgraph.ingest.problems import Problem
from scrgraph.resources import share_dir

COLUMN_TYPES = ("id", "text", "texts", "label", "date", "partial-date", "integer", "boolean",
                "code", "codes", "ref", "refs", "keys")
HELP_SHEETS = ("Guide", "Codes")
"""The sheets the template adds for the analyst's help; the reader passes over them."""


@dataclass(frozen=True)
class ColumnSpec:
    header: str
    field: str
    type: str
    required: bool
    help: str
    vocab: str | None = None  # the ontology code list a code/codes cell takes
    ref: str | None = None  # the sheet a ref/refs column points at
    term: str | None = None  # the ontology term (CURIE) the column maps to
    also: str | None = None  # a second term the same value also fills (an ID that is a code)

    @property
    def multiple(self) -> bool:
        return self.type in ("codes", "refs", "keys", "texts")


@dataclass(frozen=True)
class SheetSpec:
    name: str
    file: str
    cls: str
    help: str
    columns: tuple[ColumnSpec, ...]
    optional: bool = False
    """A sheet a workbook may leave out (Themes: most partnerships use the framework's alone)."""

    @property
    def id_column(self) -> ColumnSpec:
        return next(c for c in self.columns if c.type == "id")

    def column(self, field: str) -> ColumnSpec:
        return next(c for c in self.columns if c.field == field)


@dataclass(frozen=True)
class WorkbookSpec:
    sheets: tuple[SheetSpec, ...]

    def sheet(self, name: str) -> SheetSpec:
        return next(s for s in self.sheets if s.name == name)

    def by_file(self, file_name: str) -> SheetSpec | None:
        lowered = file_name.lower()
        return next((s for s in self.sheets if s.file.lower() == lowered), None)


@cache
def workbook_spec() -> WorkbookSpec:
    """The workbook format declared in ``loaders/workbook.toml``."""
    path = share_dir("loaders") / "workbook.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise SourceError(f"{path}: cannot read the workbook mapping ({exc}).") from None
    sheets = []
    for name, sheet in data["sheets"].items():
        columns = []
        for column in sheet["columns"]:
            vocab = column.get("vocab")
            if column["type"] not in COLUMN_TYPES:
                raise SourceError(f"{path}: column {column['header']!r} has unknown type "
                                  f"{column['type']!r}.")
            columns.append(ColumnSpec(
                header=column["header"], field=column["field"], type=column["type"],
                required=bool(column.get("required", False)), help=column.get("help", ""),
                vocab=vocab, ref=column.get("ref"), term=column.get("term"),
                also=column.get("also"),
            ))
        sheets.append(SheetSpec(name, sheet["file"], sheet["class"], sheet.get("help", ""),
                                tuple(columns), bool(sheet.get("optional", False))))
    return WorkbookSpec(tuple(sheets))


@dataclass(frozen=True)
class Item:
    """One checked row: typed values by field name, and where it came from."""

    sheet: str
    file: str
    row: int
    values: dict[str, Any]

    @property
    def id(self) -> str:
        return str(self.values["id"])


@dataclass
class Workbook:
    """The checked items of every sheet, in source order."""

    source: Path
    items: dict[str, list[Item]] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)

    def sheet(self, name: str) -> list[Item]:
        return self.items.get(name, [])
