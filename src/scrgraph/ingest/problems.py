"""A problem with the input, located as precisely as the input allows: the one shape every
check reports in, so a front end can list them all (file, sheet, row, column, value)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located as precisely as the input allows."""

    file: str
    message: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: Any = None

    def __str__(self) -> str:
        where = [self.file]
        if self.sheet:
            where.append(f"sheet {self.sheet}")
        if self.row:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column '{self.column}'")
        text = ", ".join(where) + ": " + self.message
        if self.value not in (None, "") and repr(str(self.value)) not in self.message:
            shown = str(self.value)
            shown = shown if len(shown) <= 60 else shown[:57] + "..."
            text += f" (value: {shown!r})"
        return text
