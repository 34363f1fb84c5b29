"""How much of a claim a passage's text covers, word by word (inflection- and compound-tolerant), and
the part of a passage (clause, sentence) that covers most of it: every check reads the part it chooses so.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..text.lemmas import lookup_lemma
from .quantities import content_words, prefix_affinity


@lru_cache(maxsize=1 << 18)
def word_affinity(a: str, b: str) -> float:
    """prefix_affinity, and a compound head shared by the lemmas ("statsfinansene" and "finanser" are
    statsfinanser and finanser): for how much of a claim a passage covers, not for aligning figures,
    where a shared head joins different things ("samhandlingsplan 2024–2027" is no "handlingsplan")."""
    near = prefix_affinity(a, b)
    if near or len(a) < 6 or len(b) < 6:
        return near
    la, lb = lookup_lemma(a), lookup_lemma(b)
    return 0.5 if len(la) >= 6 and len(lb) >= 6 and (la in lb or lb in la) else 0.0


def overlap(claim_words: list[str], text: str) -> float:
    """Share of the claim's content words that the text also uses (inflection-tolerant)."""
    if not claim_words:
        return 0.0
    other = set(content_words(text))
    return sum(1.0 if c in other else max((word_affinity(c, w) for w in other), default=0.0)
               for c in claim_words) / len(claim_words)


def best_part(claim_words: list[str], passage: str, splitter: re.Pattern) -> str:
    parts = [c for c in splitter.split(passage) if c and c.strip()]
    return max(parts, key=lambda c: overlap(claim_words, c), default=passage)
