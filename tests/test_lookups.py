"""Query parameters naming a review or an agency take what analysts write: the ID, the review's
title or the agency's name, in any case; a name that matches nothing is an error with the
nearest, exit code 1, never an empty table. Run as a user would, on the sample data."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from scrgraph.api.main import create_app
from scrgraph.api.tokens import Role, TokenStore
from scrgraph.facade import Scrgraph
from scrgraph.settings import Settings
from scrgraph.store.db import Database
from tests.conftest import run_cli
from tests.sample import SAMPLE, rows

CHILD_K = "NSCP-SCR-2014-01"


@pytest.fixture(scope="module")
def sample_db(session_db: Database, settings: Settings) -> Database:
    session_db.clear()
    Scrgraph(settings, session_db).load([SAMPLE])
    return session_db


def query_json(cli_env: dict[str, str], name: str, *params: str) -> list[dict[str, object]]:
    args = [arg for param in params for arg in ("-p", param)]
    result = run_cli("query", name, *args, "-f", "json", env=cli_env)
    assert result.code == 0, result.output
    found: list[dict[str, object]] = json.loads(result.stdout)
    return found


def test_a_review_is_found_by_its_title_or_id_in_any_case(sample_db: Database,
                                                         cli_env: dict[str, str]) -> None:
    by_id = query_json(cli_env, "review-profile", f"review={CHILD_K}")
    expected = [r["Recommendation ID"] for r in rows("recommendations.csv")
                if r["Review ID"] == CHILD_K]
    assert sorted(str(r["recommendation"]) for r in by_id) == sorted(expected)
    assert query_json(cli_env, "review-profile", "review=Child K") == by_id
    assert query_json(cli_env, "review-profile", "review=  child   k ") == by_id
    assert query_json(cli_env, "review-profile", f"review={CHILD_K.lower()}") == by_id
    similar = query_json(cli_env, "similar-reviews", "review=CHILD K")
    assert similar and CHILD_K not in {r["review"] for r in similar}


def test_an_agency_is_found_by_its_name_or_id_in_any_case(sample_db: Database,
                                                         cli_env: dict[str, str]) -> None:
    owned = [a["Action ID"] for a in rows("actions.csv") if a["Owner"] == "NSP"]
    by_id = query_json(cli_env, "actions", "owner=NSP", "limit=500")
    assert sorted(str(r["id"]) for r in by_id) == sorted(owned)
    assert query_json(cli_env, "actions", "owner=northshire constabulary", "limit=500") == by_id
    assert query_json(cli_env, "actions", "owner=nsp", "limit=500") == by_id
    directed = query_json(cli_env, "recommendations", "agency=Northshire Constabulary",
                          "review=child k")
    assert directed and {r["review"] for r in directed} == {CHILD_K}
    assert all("NSP" in str(r["agencies"]) for r in directed)


@pytest.mark.parametrize(("args", "message"), [
    (("review-profile", "review=Child Kay"),
     "Query 'review-profile': parameter 'review': there is no review 'Child Kay' (by ID or "
     f"title). Did you mean 'Child K' ({CHILD_K})? 'scrgraph query review-index' lists them "
     "all."),
    (("actions", "owner=Northshire Constabullary"),
     "Query 'actions': parameter 'owner': there is no agency 'Northshire Constabullary' (by "
     "ID or name). Did you mean 'Northshire Constabulary' (NSP)? 'scrgraph query "
     "agency-index' lists them all."),
    (("recommendations", "agency=NSPP"),
     "there is no agency 'NSPP' (by ID or name). Did you mean 'NSP' (Northshire "
     "Constabulary)?"),
])
def test_an_unknown_review_or_agency_is_an_error_with_the_nearest(
        sample_db: Database, cli_env: dict[str, str], args: tuple[str, str],
        message: str) -> None:
    name, param = args
    result = run_cli("query", name, "-p", param, env=cli_env)
    assert result.code == 1
    assert result.stdout == ""  # no empty table
    assert "Traceback" not in result.stderr
    assert message in " ".join(result.stderr.split())


def test_the_service_resolves_the_same_names(sample_db: Database, tmp_path: Path) -> None:
    home = tmp_path / "service"
    reader = {"Authorization": f"Bearer {TokenStore(home).create('r', Role.reader)[0]}"}
    settings = Settings(SCRGRAPH_HOME=home)
    with TestClient(create_app(settings, scrgraph=Scrgraph(settings, sample_db)),
                    raise_server_exceptions=False) as client:
        by_title = client.get("/recommendations", params={"review": "child k"}, headers=reader)
        by_id = client.get("/recommendations", params={"review": CHILD_K}, headers=reader)
        assert by_title.status_code == 200 and by_title.json() == by_id.json()
        assert {r["review"] for r in by_id.json()["rows"]} == {CHILD_K}
        wrong = client.get("/queries/review-profile", params={"review": "Child Kay"},
                           headers=reader)
        assert wrong.status_code == 400
        assert f"Did you mean 'Child K' ({CHILD_K})?" in wrong.json()["detail"]


@pytest.fixture
def two_child_ks(sample_db: Database, settings: Settings, tmp_path: Path) -> Iterator[None]:
    """A second review titled Child K, in another partnership (titles are not unique)."""
    folder = tmp_path / "west"
    folder.mkdir()
    files = {
        "partnerships.csv": "Partnership ID,Name,Type\nWSCP,Westshire Partnership,children\n",
        "reviews.csv": "Review ID,Title,Type,Partnership ID,Published,Guidance,Summary\n"
                       "WSCP-LCSPR-2024-01,Child K,LCSPR,WSCP,2024,WT2018,A fictional review.\n",
        "agencies.csv": "Agency ID,Name,Sector\n",
        "recommendations.csv": (SAMPLE / "recommendations.csv").read_text(
            encoding="utf-8-sig").splitlines()[0] + "\n",
        "actions.csv": (SAMPLE / "actions.csv").read_text(encoding="utf-8-sig").splitlines()[0]
        + "\n",
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    Scrgraph(settings, sample_db).load([folder])
    yield
    sample_db.write_statement("withdraw-review", {"review": "WSCP-LCSPR-2024-01"})


def test_a_title_two_reviews_share_asks_for_the_id(two_child_ks: None,
                                                   cli_env: dict[str, str]) -> None:
    result = run_cli("query", "review-profile", "-p", "review=child k", env=cli_env)
    assert result.code == 1 and result.stdout == ""
    assert (f"'child k' is the title of 2 reviews ({CHILD_K}, WSCP-LCSPR-2024-01): give the "
            "ID of the one you mean.") in " ".join(result.stderr.split())
    assert query_json(cli_env, "review-profile", f"review={CHILD_K}")


@pytest.mark.slow
def test_the_demo_on_other_data_runs_every_example_on_a_review_it_holds(
        db: Database, settings: Settings) -> None:
    # The examples name the sample's reviews; another data set's stand in for them.
    from tests.graphs import FIXTURES

    sg = Scrgraph(settings, db)
    result = sg.demo(FIXTURES / "review-profile")
    assert set(result.catalog_rows) == set(sg.catalog.names())
    assert sg.query_example("review-profile") == {"review": "R1"}
    assert result.catalog_rows["review-profile"] == len(
        sg.run_query("review-profile", {"review": "R1"}).rows) > 0
