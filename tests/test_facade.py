"""The facade as the fronts use it: typed reports, validation before connecting, explicit and
thread-safe connections, exports as bytes."""

from __future__ import annotations

import io
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import pytest

from scrgraph.errors import ValidationFailed
from scrgraph.facade import Scrgraph
from scrgraph.results import CheckReport
from scrgraph.settings import Settings
from scrgraph.store.db import Database
from tests.sample import SAMPLE, copy_sample, rows, write_rows

UNREACHABLE = Settings(NEO4J_URI="bolt://127.0.0.1:9", NEO4J_PASSWORD="unused")


def test_check_returns_a_typed_report_and_needs_no_database(tmp_path: Path) -> None:
    good = Scrgraph(UNREACHABLE).check([SAMPLE])
    assert isinstance(good, CheckReport)
    assert good.conforms and good.problems == ()
    assert good.items == 393  # 3 partnerships, 1 local theme, 19 agencies, 16 reviews, 160
    # recommendations, 194 actions
    folder = copy_sample(tmp_path)
    data = rows("reviews.csv", folder)
    data[0]["Type"] = "SCRR"
    write_rows("reviews.csv", data, folder)
    bad = Scrgraph(UNREACHABLE).check([folder])
    assert not bad.conforms
    assert [(p.file, p.sheet, p.row, p.column, p.value) for p in bad.problems] == [
        ("reviews.csv", "Reviews", 2, "Type", "SCRR")]


def test_a_bad_workbook_is_refused_before_any_connection(tmp_path: Path) -> None:
    folder = copy_sample(tmp_path)
    data = rows("agencies.csv", folder)
    data[0]["Sector"] = "polce"
    write_rows("agencies.csv", data, folder)
    # The server named does not exist: a load that tried to connect would fail with
    # DatabaseUnavailable, not list the workbook's problem.
    with Scrgraph(UNREACHABLE) as sg, pytest.raises(ValidationFailed) as caught:
        sg.load([folder])
    assert "'polce' is not one of:" in str(caught.value)


def test_nothing_heavy_is_imported_to_build_a_facade_or_show_help() -> None:
    code = ("import sys, scrgraph.cli, scrgraph.facade; scrgraph.facade.Scrgraph(); "
            "print(sorted({'neo4j', 'rdflib', 'pyshacl_turbo', 'networkx', 'openpyxl'} "
            "& set(sys.modules)))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert proc.stdout.strip() == "[]"


def test_open_is_explicit_idempotent_and_thread_safe(settings: Settings) -> None:
    sg = Scrgraph(settings)
    assert sg._database is None  # nothing connects until asked
    seen: list[Database] = []

    def worker() -> None:
        seen.append(sg.open().database)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        assert len(seen) == 8 and all(d is seen[0] for d in seen)
        assert sg.status().version.startswith("5.")
    finally:
        sg.close()
    assert sg._database is None


def test_exports_as_bytes(session_db: Database, settings: Settings) -> None:
    session_db.clear()
    sg = Scrgraph(settings, session_db)
    sg.load([SAMPLE])
    name, turtle = sg.export_bytes("turtle")
    assert name.endswith(".ttl") and b"dcterms:identifier" in turtle
    name, archive = sg.export_bytes("csv")
    assert name.endswith(".zip")
    with zipfile.ZipFile(io.BytesIO(archive)) as zipped:
        assert sorted(zipped.namelist()) == sorted(
            p.name for p in SAMPLE.glob("*.csv"))
        reviews = zipped.read("reviews.csv").decode("utf-8-sig")
    assert reviews.count("\n") == 1 + 16


def test_run_queries_answers_each_as_run_query_does_in_the_order_asked(
        session_db: Database, settings: Settings) -> None:
    session_db.clear()
    sg = Scrgraph(settings, session_db)
    sg.load([SAMPLE])
    calls: list[tuple[str, dict[str, object] | None]] = [
        ("review-index", None), ("recurring-themes", {"min_reviews": 3}),
        ("coding-reviews", {"item": "standard"}), ("recurring-themes", {"min_reviews": 1})]
    together = sg.run_queries(calls)
    assert [r.query.name for r in together] == [name for name, _ in calls]
    assert [r.rows for r in together] == [sg.run_query(n, p).rows for n, p in calls]
    assert len(together[1].rows) < len(together[3].rows)  # each with its own parameters
    from scrgraph.errors import CatalogError

    with pytest.raises(CatalogError, match="must be a whole number"):
        sg.run_queries([("review-index", None), ("recurring-themes", {"min_reviews": "x"})])
