"""Settings read the environment by their documented names only."""

from __future__ import annotations

from pathlib import Path

import platformdirs
import pytest

from scrgraph.settings import Settings


def test_home_is_never_the_users_home_folder(monkeypatch: pytest.MonkeyPatch,
                                            tmp_path: Path) -> None:
    # HOME matches the field's name in another case; it once became the state directory, so
    # the local Neo4j's files and password were written straight into the user's home.
    monkeypatch.delenv("SCRGRAPH_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("LOCAL_PORT", "7777")
    monkeypatch.setenv("LOCAL_HEAP", "9g")
    settings = Settings()
    assert settings.home == Path(platformdirs.user_data_dir("scrgraph", appauthor=False))
    assert settings.home != tmp_path and settings.home.name == "scrgraph"
    assert (settings.local_port, settings.local_heap) == (None, "1g")


def test_the_documented_names_are_read(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SCRGRAPH_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("SCRGRAPH_NEO4J_PORT", "7777")
    monkeypatch.setenv("SCRGRAPH_NEO4J_RETRY_SECONDS", "2.5")
    settings = Settings()
    assert (settings.home, settings.local_port, settings.neo4j_retry_seconds) == (
        tmp_path / "state", 7777, 2.5)


def test_a_relative_home_is_taken_from_the_current_folder(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # The local Neo4j runs in another folder: a relative path would not find its files.
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SCRGRAPH_HOME", "state")
    assert Settings().home == tmp_path / "state"
    assert Settings(home=Path("other")).home == tmp_path / "other"
