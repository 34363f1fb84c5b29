"""Turn PDF-extracted text into clean paragraphs without losing the way back.

PDF extractions break lines mid-sentence, double-space lines, scatter
non-breaking spaces, bullets (●, ▪) and bare URLs between paragraphs. Readers
and the sentence splitter want clean paragraphs; citations must point at the
original file. So every clean paragraph carries, per character, the offset of
the character it came from in the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .tables import find_tables, is_rule, render

BULLETS = "●▪•◦■□➢►–-*"
_WORD = re.compile(r"\S+")
_URL_LINE = re.compile(r"^\s*(https?://|www\.)\S+\s*$")
_TERMINAL = tuple(".!?:»\"”")
_NUMBERED_ITEM = re.compile(r"^\d{1,2}[.)]\s")


@dataclass
class Paragraph:
    """A clean paragraph and, for each of its characters, the original offset."""

    number: int
    text: str
    offsets: list[int] = field(repr=False)
    kind: str = "prose"  # or "row": one data row of a table, rendered by corpus/tables.py
    table_labels: tuple[str, ...] = ()  # of a row: the labels of every row of its table

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the clean text to the original file."""
        if end <= start:
            pos = self.offsets[min(start, len(self.offsets) - 1)]
            return pos, pos
        return self.offsets[start], self.offsets[end - 1] + 1


@dataclass
class _Line:
    text: str
    start: int

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    @property
    def is_url(self) -> bool:
        return bool(_URL_LINE.match(self.text))

    @property
    def is_heading(self) -> bool:
        return self.text.lstrip().startswith("#")

    @property
    def starts_item(self) -> bool:
        stripped = self.text.lstrip()
        return bool(stripped) and (stripped[0] in "●▪•◦■□➢►" or bool(_NUMBERED_ITEM.match(stripped)))


def _lines(raw: str) -> list[_Line]:
    out, pos = [], 0
    for piece in raw.splitlines(keepends=True):
        out.append(_Line(piece.rstrip("\r\n"), pos))
        pos += len(piece)
    return out


def _is_double_spaced(lines: list[_Line]) -> bool:
    """True when (nearly) every text line is followed by a blank line, as some PDF tools write."""
    text_lines = [i for i, line in enumerate(lines) if not line.blank]
    if len(text_lines) < 4:
        return False
    followed_by_blank = sum(1 for i in text_lines if i + 1 < len(lines) and lines[i + 1].blank)
    return followed_by_blank / len(text_lines) > 0.7


def _group(lines: list[_Line]) -> list[list[_Line]]:
    """Group lines into paragraphs: blank lines, bullets, headings and URLs end them."""
    double = _is_double_spaced(lines)
    lengths = sorted(len(line.text.strip()) for line in lines if not line.blank)
    short = 0.6 * lengths[len(lengths) // 2] if lengths else 0
    groups: list[list[_Line]] = []
    current: list[_Line] = []
    blanks = 0

    def close() -> None:
        nonlocal current
        if current:
            groups.append(current)
        current = []

    for line in lines:
        if line.blank:
            blanks += 1
            continue
        if line.is_url:
            close()  # URLs between paragraphs are references, not prose
            blanks = 0
            continue
        if current:
            ends_sentence = current[-1].text.rstrip().endswith(_TERMINAL)
            # a short line before a capitalised one is a title or the end of a paragraph
            ended_short = len(current[-1].text.strip()) < short and line.text.lstrip()[:1].isupper()
            if (
                line.starts_item
                or line.is_heading
                or current[-1].is_heading
                or (blanks and not double)
                or (blanks >= 3)
                or (blanks and double and (ends_sentence or ended_short))
                or (not double and ended_short and ends_sentence)
            ):
                close()
        current.append(line)
        blanks = 0
    close()
    return groups


# "helse- og omsorg", "barne- eller ungdomsskole": a hyphen before these words is part of the text
KEEP_HYPHEN_BEFORE = frozenset({"og", "eller", "samt", "enn", "til", "and", "or", "nor"})


def _broken_word(last: str, first: str) -> bool:
    """True when a line ending in `last` ("behand-") and the next starting with `first` ("ling") split one word."""
    return (len(last) >= 3 and last.endswith("-") and last[-2].isalpha() and first[:1].islower()
            and first.strip(".,;:!?»)").lower() not in KEEP_HYPHEN_BEFORE)


def _clean(group: list[_Line]) -> tuple[str, list[int]]:
    """Join a paragraph's words with single spaces, dropping a leading bullet or '#' and
    joining words hyphenated over a line break ("behand-" + "ling" -> "behandling")."""
    words: list[tuple[str, list[int]]] = []
    for line in group:
        line_words = [(m.group(), list(range(line.start + m.start(), line.start + m.end())))
                      for m in _WORD.finditer(line.text)]
        if words and line_words and _broken_word(words[-1][0], line_words[0][0]):
            last, last_offsets = words.pop()
            first, first_offsets = line_words[0]
            line_words[0] = (last[:-1] + first, last_offsets[:-1] + first_offsets)
        words.extend(line_words)
    while words and (all(ch in BULLETS for ch in words[0][0]) or set(words[0][0]) == {"#"}):
        words.pop(0)
    text_parts: list[str] = []
    offsets: list[int] = []
    for i, (word, word_offsets) in enumerate(words):
        if i:
            text_parts.append(" ")
            offsets.append(words[i - 1][1][-1] + 1)
        text_parts.append(word)
        offsets.extend(word_offsets)
    return "".join(text_parts), offsets


def repair(raw: str) -> list[Paragraph]:
    """Split raw extracted text into clean, numbered paragraphs (numbering starts at 1); each data row
    of a table is a paragraph of its own, its values beside their column headers (corpus/tables.py)."""
    lines = _lines(raw)
    tables = find_tables(lines)
    in_table = {row.start for block in tables for row in block}
    prose = [_Line("", line.start) if line.start in in_table or is_rule(line.text) else line for line in lines]
    paragraphs = [Paragraph(0, text, offsets) for text, offsets in map(_clean, _group(prose)) if text]
    for block in tables:
        rows, labels = render(block)
        paragraphs += [Paragraph(0, text, offsets, "row", labels) for text, offsets in rows]
    paragraphs.sort(key=lambda p: p.offsets[0])
    for number, paragraph in enumerate(paragraphs, start=1):
        paragraph.number = number
    return paragraphs
