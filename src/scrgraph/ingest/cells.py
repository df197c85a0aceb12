"""Spreadsheet safety: text that a spreadsheet would run as a formula (CSV/formula injection).

scrgraph never evaluates a cell. Text beginning with one of ``FORMULA_START`` is written out
with a leading apostrophe (``escape``), which spreadsheets show as typed; reading such a cell
back removes the apostrophe again (``unescape``), so exported files load back unchanged.
"""

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_START)


def escape(text: str) -> str:
    """``=1+1`` becomes ``'=1+1``; other text is unchanged."""
    return "'" + text if looks_like_formula(text) else text


def unescape(text: str) -> str:
    """The inverse of :func:`escape` for text read from a cell."""
    return text[1:] if text.startswith("'") and looks_like_formula(text[1:]) else text
