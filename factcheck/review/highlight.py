"""Mark what a reviewer should look at in a cited passage: the claim's words and the figures.

One function for the terminal and the web page: a passage becomes segments
tagged "shared" (a content word the claim uses too), "number_same" (a figure
that agrees with one in the claim), "number_other" (a figure the claim does not
have: where a number mismatch hides) or "" (plain text).
"""

from __future__ import annotations

import re

from ..stance.figure_match import agree, comparable
from ..stance.quantities import content_words, extract
from ..text.sentences import normalise_word

_WORD = re.compile(r"[\wæøåÆØÅ]+")


def segments(claim: str, passage: str) -> list[tuple[str, str]]:
    """The passage cut into (text, kind) pieces that join back to the passage exactly."""
    marks: list[tuple[int, int, str]] = []
    claim_numbers = extract(claim)
    for q in extract(passage):
        same = any(comparable(c, q) and agree(c, q) for c in claim_numbers)
        start = passage.find(q.text, q.start)
        if start >= 0:
            marks.append((start, start + len(q.text), "number_same" if same else "number_other"))
    stems = {normalise_word(w) for w in content_words(claim) if len(w) > 2}
    for m in _WORD.finditer(passage):
        if len(m.group()) > 2 and not m.group().isdigit() and normalise_word(m.group()) in stems:
            if not any(s < m.end() and m.start() < e for s, e, _ in marks):
                marks.append((m.start(), m.end(), "shared"))
    pieces, pos = [], 0
    for start, end, kind in sorted(marks):
        if start < pos:
            continue  # overlapping figures: the first one wins
        if start > pos:
            pieces.append((passage[pos:start], ""))
        pieces.append((passage[start:end], kind))
        pos = end
    if pos < len(passage):
        pieces.append((passage[pos:], ""))
    return pieces
