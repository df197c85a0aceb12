"""Generated workbooks through validate and load (Hypothesis): never a traceback, validate
accepts exactly what load loads, and a refused load changes nothing."""

from __future__ import annotations

import csv
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from scrgraph.errors import ScrgraphError
from scrgraph.facade import Scrgraph
from scrgraph.settings import Settings
from scrgraph.store.db import Database
from tests.graphs import FIXTURES

BASE = FIXTURES / "review-profile"  # a small, valid workbook: 2 reviews, 3 recommendations
SHEETS = ("reviews.csv", "recommendations.csv", "actions.csv", "agencies.csv",
          "partnerships.csv")

# What analysts (and hostile testers) put in cells: codes, near-codes, dates in many forms,
# numbers, IDs with odd characters, formulas, markup, long and empty text.
CELLS = st.one_of(
    st.sampled_from(["", " ", "SCR", "scr", "DHR", "THEMATIC", "neglect", "neglct", "DV",
                     "2.2", "9.9", "1.10", "R1", "R2", "R9", "CSC", "POLICE", "NSCP", "nscp",
                     "2019-02-03", "2019-02-30", "03/02/2019", "01/02/2019", "20190203",
                     "2099-01-01", "1", "0", "-1", "99999999999999999999999", "1e3", "Yes",
                     "No", "maybe", "open", "completed", "not-implemented", "done",
                     "=SUM(A1)", "+1", "@x", "<b>x</b>", "[bold]x[/]", "a;b;;c", "Ré",
                     "id with space", "x" * 300, "'quoted'", '"', "M&E officer"]),
    st.text(max_size=40),
)

FINGERPRINT = ("MATCH (n) OPTIONAL MATCH (n)-[r]->(m) "
               "WITH n, r, m ORDER BY elementId(r) "
               "RETURN count(DISTINCT n) AS nodes, count(r) AS relationships, "
               "collect(DISTINCT [labels(n), properties(n)]) AS things")


def mutate(folder: Path, edits: list[tuple[int, int, int, str]]) -> None:
    for sheet_index, row_index, column_index, value in edits:
        path = folder / SHEETS[sheet_index % len(SHEETS)]
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        body = rows[1:] or [[""] * len(rows[0])]
        row = body[row_index % len(body)]
        row[column_index % len(row)] = value
        with path.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows([rows[0], *body])


@hypothesis_settings(max_examples=12, deadline=None, derandomize=True,
                     suppress_health_check=[HealthCheck.function_scoped_fixture,
                                            HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, 4), st.integers(0, 3), st.integers(0, 9), CELLS),
                min_size=1, max_size=3))
def test_generated_workbooks_validate_exactly_when_they_load(
        db: Database, settings: Settings, edits: list[tuple[int, int, int, str]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "workbook"
        shutil.copytree(BASE, folder, ignore=shutil.ignore_patterns("*.ttl"))
        mutate(folder, edits)
        sg = Scrgraph(settings, db)
        try:
            report = sg.check([folder])
            readable = True
        except ScrgraphError:  # a source that cannot be read at all: load refuses it too
            readable, report = False, None
        before = db.read(FINGERPRINT)
        try:
            sg.load([folder])
            loaded = True
        except ScrgraphError:
            loaded = False
        # Anything else (a KeyError, an OverflowError, a Neo4j error) fails the test here.
        assert loaded == (readable and report is not None and report.conforms)
        if not loaded:
            assert db.read(FINGERPRINT) == before
