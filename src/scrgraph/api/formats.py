"""Query results as JSON, CSV, Markdown or xlsx: chosen by ``format`` or the Accept header."""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse, Response

from scrgraph import formatting
from scrgraph.api.problems import ServiceProblem


class Format(StrEnum):
    json = "json"
    csv = "csv"
    markdown = "markdown"
    xlsx = "xlsx"


MEDIA = {
    Format.json: "application/json",
    Format.csv: "text/csv; charset=utf-8",
    Format.markdown: "text/markdown; charset=utf-8",
    Format.xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
_BY_MEDIA = {"application/json": Format.json, "text/csv": Format.csv,
             "text/markdown": Format.markdown, MEDIA[Format.xlsx]: Format.xlsx}


def negotiate(request: Request, given: Format | None) -> Format:
    """``format`` wins; else the first acceptable type in Accept; else JSON. 406 if none fits."""
    if given is not None:
        return given
    accept = request.headers.get("accept", "")
    if not accept.strip():
        return Format.json
    for part in accept.split(","):
        media = part.split(";")[0].strip().lower()
        if media in _BY_MEDIA:
            return _BY_MEDIA[media]
        if media in ("*/*", "application/*", "text/*"):
            return Format.json if media != "text/*" else Format.csv
    raise ServiceProblem(406, "Ask for application/json, text/csv, text/markdown or "
                         "xlsx (or use ?format=).")


def to_xlsx(columns: Sequence[str], rows: Sequence[Mapping[str, Any]], title: str) -> bytes:
    """One sheet: a header row, then the rows; text that could run as a formula is defused."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = re.sub(r"[^\w -]", "", title)[:31] or "rows"

    def cell(value: Any) -> Any:
        value = formatting.plain(value)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return value
        return formatting.csv_cell(value)

    sheet.append([formatting.csv_cell(c) for c in columns])
    for row in rows:
        sheet.append([cell(row.get(c)) for c in columns])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def rows_response(fmt: Format, name: str, columns: Sequence[str],
                  rows: Sequence[Mapping[str, Any]], extra: Mapping[str, Any] | None = None
                  ) -> Response:
    """The rows in ``fmt``; JSON wraps them with the columns (and ``extra``, e.g. paging)."""
    if fmt is Format.json:
        body = {**(extra or {}), "columns": list(columns),
                "rows": [{c: formatting.plain(r.get(c)) for c in columns} for r in rows]}
        return JSONResponse(body)
    safe = re.sub(r"[^\w-]", "", name) or "rows"
    if fmt is Format.xlsx:
        content: bytes | str = to_xlsx(columns, rows, safe)
        suffix = "xlsx"
    else:
        content = formatting.render(columns, rows, fmt.value)
        suffix = "csv" if fmt is Format.csv else "md"
    disposition = "attachment" if fmt in (Format.xlsx, Format.csv) else "inline"
    return Response(content, media_type=MEDIA[fmt],
                    headers={"Content-Disposition": f'{disposition}; filename="{safe}.{suffix}"'})
