"""The sample data set, read straight from its CSV files (independently of scrgraph)."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from tests.conftest import REPO

SAMPLE = REPO / "data" / "sample"


def rows(sheet_file: str, folder: Path = SAMPLE) -> list[dict[str, str]]:
    with (folder / sheet_file).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def write_rows(sheet_file: str, data: list[dict[str, str]], folder: Path) -> None:
    with (folder / sheet_file).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(data[0]))
        writer.writeheader()
        writer.writerows(data)


def edit_cell(folder: Path, file: str, row_id: str, column: str, value: str) -> None:
    """Set one cell of a fixture CSV copy (the row whose first cell is ``row_id``)."""
    data = rows(file, folder)
    assert any(r[next(iter(r))] == row_id for r in data)
    for row in data:
        if row[next(iter(row))] == row_id:
            row[column] = value
    write_rows(file, data, folder)


def copy_sample(target: Path, reviews: set[str] | None = None) -> Path:
    """A copy of the sample in ``target``; with ``reviews``, only those reviews, their
    recommendations and actions (every partnership, agency and local theme kept): a smaller
    load where a test needs only a review or two."""
    folder = target / "sample"
    shutil.copytree(SAMPLE, folder)
    if reviews is not None:
        kept = [r for r in rows("reviews.csv", folder) if r["Review ID"] in reviews]
        assert {r["Review ID"] for r in kept} == reviews, "no such review in the sample"
        write_rows("reviews.csv", kept, folder)
        recs = [r for r in rows("recommendations.csv", folder) if r["Review ID"] in reviews]
        write_rows("recommendations.csv", recs, folder)
        ids = {r["Recommendation ID"] for r in recs}
        write_rows("actions.csv", [a for a in rows("actions.csv", folder)
                                   if a["Recommendation ID"] in ids], folder)
    return folder


def codes(cell: str) -> list[str]:
    return [c.strip() for c in cell.split(";") if c.strip()]
