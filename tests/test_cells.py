"""Formula-like text is escaped on the way out and restored on the way in."""

from __future__ import annotations

import pytest

from scrgraph.ingest import cells


@pytest.mark.parametrize("text", ["=1+1", "+44 1603 000000", "-5 days", "@SUM(A1)", "\tx"])
def test_formula_like_text_is_escaped_and_restored(text: str) -> None:
    assert cells.escape(text) == "'" + text
    assert cells.unescape(cells.escape(text)) == text


@pytest.mark.parametrize("text", ["Police should", "'quoted' words", "", "2.2; 4.5"])
def test_other_text_is_left_alone(text: str) -> None:
    assert cells.escape(text) == text
    assert cells.unescape(text) == text
