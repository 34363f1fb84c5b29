"""Statistics tables kept as tables: one passage per row, each value beside its column header.

Reports state their figures in tables ("Lister uten fast lege (ubesatt) 126 181 221 310" under
"2019 2020 2021 2022"). Flattened into prose, the header is paragraphs away from the row and the
values run together, so no check can tell which figure belongs to which year. Here a table —
tab-separated lines of a text file, the "a | b | c" rows the DOCX and HTML readers write — becomes
one row passage per data row, rendered as

    Lister uten fast lege (ubesatt) | 2019: 126 | 2020: 181 | 2021: 221 | 2022: 310

which the stance checks read back (factcheck/stance/tables.py). Every character of the rendered
row maps to the character of the original file it came from, so citations still point at the row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text.years import YEAR

SEPARATOR = " | "  # between the label and the cells of a rendered row; prose never has it
HEADER_MARK = ": "  # between a cell's column header and its value
_PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}")  # markdown's |---|---| line under a header
_HAS_LETTER = re.compile(r"[^\W\d_]")
_FIGURE = re.compile(r"^[-\u2212+]?\d[\d \u00a0.,]*\s*%?$")
MAX_LABEL_LINE = 40  # a one-cell line inside a table ("Antall", "Måltall") groups rows; a longer one ends it


@dataclass
class Cell:
    text: str
    start: int  # offset of the cell's first character in the original text

    @property
    def offsets(self) -> list[int]:
        return list(range(self.start, self.start + len(self.text)))


@dataclass
class Row:
    cells: list[Cell]
    start: int


def is_rule(line: str) -> bool:
    """Markdown's |---|---| line under a header: part of a table's layout, never text."""
    return bool(_PIPE_RULE.match(line))


def split_cells(line: str, start: int) -> list[Cell] | None:
    """The cells of a table line (tabs, or pipes as DOCX and markdown write them), None for prose."""
    if "\t" in line:
        parts = _positions(line, "\t")
    elif line.count("|") >= 2 or SEPARATOR in line:
        parts = _positions(line, "|")
        if line.lstrip().startswith("|"):
            parts = parts[1:]
        if line.rstrip().endswith("|"):
            parts = parts[:-1]
    else:
        return None
    cells = []
    for text, at in parts:
        stripped = text.strip()
        cells.append(Cell(stripped, start + at + (len(text) - len(text.lstrip())) if stripped else start + at))
    return cells if len(cells) >= 2 else None


def _positions(line: str, sep: str) -> list[tuple[str, int]]:
    out, pos = [], 0
    for part in line.split(sep):
        out.append((part, pos))
        pos += len(part) + len(sep)
    return out


def _has_figures(row: Row) -> bool:
    return any(_FIGURE.match(c.text) for c in row.cells[1:])


def _is_table(block: list[Row]) -> bool:
    """Two lines or more, and figures in a row under the first: a table of figures, not two lines with a tab."""
    return len(block) >= 2 and any(_has_figures(r) for r in block[1:])


def find_tables(lines) -> list[list[Row]]:
    """Blocks of table lines holding figures (blank lines and short one-cell group labels may stand between)."""
    blocks: list[list[Row]] = []
    current: list[Row] = []
    pending = 0  # short one-cell lines seen since the last row
    for line in lines:
        text = line.text
        if not text.strip() or is_rule(text):
            continue
        cells = split_cells(text, line.start)
        if cells is not None:
            row = Row(cells, line.start)
            if current and _is_header(row) and (pending or not cells[0].text):
                # a new header after a caption ("Tabell 2 ...") or straight under the last row: the next table
                if _is_table(current):
                    blocks.append(current)
                current = []
            current.append(row)
            pending = 0
        elif current and len(text.strip()) <= MAX_LABEL_LINE and pending == 0:
            pending = 1
        else:
            if _is_table(current):
                blocks.append(current)
            current, pending = [], 0
    if _is_table(current):
        blocks.append(current)
    return blocks


def _is_header(row: Row) -> bool:
    values = [c.text for c in row.cells[1:] if c.text]
    if not row.cells[0].text:
        return True
    return bool(values) and all(_HAS_LETTER.search(v) or YEAR.fullmatch(v) for v in values)


def render(block: list[Row]) -> tuple[list[tuple[str, list[int]]], tuple[str, ...]]:
    """(text, per-character original offsets) of each data row of a table block, and the labels of those rows:
    a claim is read against the row whose label it names best, so each row knows its siblings."""
    header = block[0].cells if _is_header(block[0]) else None
    rows = block[1:] if header else block
    out, labels = [], []
    for row in rows:
        label, values = row.cells[0], row.cells[1:]
        # a header without a cell over the labels (DOCX rows skip empty cells): every header cell names a column
        heads = (header if len(header) == len(row.cells) - 1 else header[1:]) if header else []
        if header and len(values) != len(heads):
            values = [c for c in values if c.text]  # a stray empty cell ("5294706\t\t5289320")
            if len(values) != len(heads):
                heads = []  # the row does not line up with the header: its values without years
        if not label.text or not _has_figures(row):
            continue
        parts = [(label.text, label.offsets)]
        for i, cell in enumerate(values):
            if not cell.text:
                continue
            head = heads[i] if heads else None
            parts.append((SEPARATOR, [cell.start] * len(SEPARATOR)))  # the added characters point at the cell
            if head is not None and head.text:
                parts += [(head.text, head.offsets), (HEADER_MARK, [cell.start] * len(HEADER_MARK))]
            parts.append((cell.text, cell.offsets))
        out.append(("".join(t for t, _ in parts), [o for _, offsets in parts for o in offsets]))
        labels.append(label.text)
    return out, tuple(labels)


def read_row(text: str) -> tuple[str, list[tuple[str, str]]] | None:
    """A rendered row back as (label, [(header, value), ...]) (header "" where there was none); None for prose.
    The one reader of what `render` writes."""
    if SEPARATOR not in text:
        return None
    label, *cells = text.split(SEPARATOR)
    return label, [(header, value) for header, _, value in (cell.rpartition(HEADER_MARK) for cell in cells)]


def as_written(text: str) -> str:
    """A rendered row as its source wrote it (label, then the values, without headers); other text unchanged.
    For comparing a citation with a quote taken from the source file."""
    row = read_row(text)
    return text if row is None else " ".join([row[0]] + [value for _, value in row[1]])
