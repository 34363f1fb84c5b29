"""CSV cells that a spreadsheet will not run: the one place every CSV the tool writes goes through.

Claim text, notes, speaker and reviewer names come from users and transcripts; a cell
starting with = + - @ (or a tab or carriage return) is a formula to Excel and LibreOffice
(`=HYPERLINK(...)`, `=cmd|...`). As OWASP advises, such a cell gets a leading apostrophe,
which spreadsheets show as text; numbers (not strings) are left alone.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """`value`, with a leading ' when it is a string a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values):
    """A list (or dict) of cells, each made safe."""
    if isinstance(values, dict):
        return {k: safe_cell(v) for k, v in values.items()}
    return [safe_cell(v) for v in values]


def safe_frame(frame):
    """A copy of a pandas DataFrame with every text cell made safe (header names too)."""
    from pandas.api.types import is_bool_dtype, is_numeric_dtype

    out = frame.copy()
    for column in out.columns:
        if not (is_numeric_dtype(out[column]) or is_bool_dtype(out[column])):
            out[column] = out[column].map(safe_cell)
    out.columns = [safe_cell(str(c)) for c in out.columns]
    return out
