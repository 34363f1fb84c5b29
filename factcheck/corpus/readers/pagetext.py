"""Clean the text of paged documents: running headers and footers, page numbers, hyphenation.

A line that opens or closes most pages (digits aside: "Rapport 2024 | 7") is a
running header or footer, and a line holding nothing but a page number ("12",
"- 12 -", "Side 12 av 40") is a page number; neither is evidence, and both would
otherwise be glued into the sentence that runs over the page break.
"""

from __future__ import annotations

import re
from collections import Counter

from ..repair import KEEP_HYPHEN_BEFORE

EDGE = 2  # lines at the top and at the bottom of a page that can be header or footer
MIN_PAGES = 3  # a running header is only recognisable over a few pages
_PAGE_NUMBER = re.compile(
    r"^\s*(?:(?:side|s\.|page|p\.)\s*)?[-–—(]?\s*\d{1,4}\s*[-–—)]?\s*(?:(?:av|of|/)\s*\d{1,4})?\s*$", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
_SENTENCE_END = tuple(".!?:»\"”")
# PDFium marks a hyphen at a line end with U+FFFE (and some writers use a soft hyphen or U+0002)
_MARKED_HYPHEN = re.compile(r"[\ufffe\u00ad\x02](\s*)(\w*)")


def _key(line: str) -> str:
    return _DIGITS.sub("#", " ".join(line.split()).lower())


def _edges(lines: list[str]) -> list[int]:
    """Indexes of the first and last EDGE non-blank lines."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    return sorted(set(filled[:EDGE] + filled[-EDGE:]))


def _running(pages: list[list[str]]) -> set[str]:
    if len(pages) < MIN_PAGES:
        return set()
    seen = Counter()
    for lines in pages:
        seen.update({_key(lines[i]) for i in _edges(lines)})
    return {key for key, n in seen.items() if n >= max(MIN_PAGES, len(pages) // 2) and len(key) > 1}


def _join_hyphens(text: str) -> str:
    def repl(m: re.Match) -> str:
        space, word = m.group(1), m.group(2)
        if word.lower() in KEEP_HYPHEN_BEFORE:
            return f"- {word}"
        return word if word[:1].islower() else f"-{space}{word}"

    return _MARKED_HYPHEN.sub(repl, text)


def clean_page_lines(pages: list[str]) -> list[list[str]]:
    """Each page's lines without running headers/footers and page numbers."""
    split = [_join_hyphens(p.replace("\r\n", "\n").replace("\r", "\n")).replace("\x00", "").split("\n") for p in pages]
    running = _running(split)
    out = []
    for lines in split:
        drop = {i for i in _edges(lines) if _key(lines[i]) in running or _PAGE_NUMBER.match(lines[i])}
        out.append([line.rstrip() for i, line in enumerate(lines) if i not in drop])
    return out


def join_pages(pages: list[str]) -> tuple[str, list[int]]:
    """The cleaned pages as one text, and the offset where each page starts.

    A page whose last line ends a sentence ends a paragraph (a blank line follows);
    otherwise a single line break joins it to the next page, so that a sentence
    running over a page break stays one sentence.
    """
    parts, starts, pos = [], [], 0
    for lines in clean_page_lines(pages):
        starts.append(pos)
        block = "\n".join(lines).strip("\n")
        block += "\n\n" if block.rstrip().endswith(_SENTENCE_END) else "\n"
        parts.append(block)
        pos += len(block)
    return "".join(parts), starts
