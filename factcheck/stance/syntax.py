"""Parts of speech and heads from the trained spaCy pipeline, for the checks that need syntax.

A figure only says something about the noun it counts ("12 sykepleiere", "2000 innbyggere",
"65 % nedgang"): the number check asks the parse which noun that is. Parsing costs about
10 ms a sentence, so only texts with a figure are parsed, each once (cached). Without a
trained pipeline (blank 'nb') there are no tags, and the checks fall back to their lexical rules.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache

from .lifespan import age_at_death
from .number_words import RANKS, WEEKDAYS
from .quantities import NUMBER_WORDS, Quantity, extract


@dataclass(frozen=True)
class Token:
    start: int  # character offsets in the parsed text
    end: int
    text: str
    lemma: str
    pos: str  # universal POS (NOUN, NUM, VERB, ...)
    head: int  # index of the head token
    index: int
    dep: str = ""  # dependency relation to the head (nsubj, obj, advmod, ...)


@lru_cache(maxsize=4)
def _pipeline(choice: str | None):
    from ..text.nlp import load_nlp

    nlp = load_nlp(choice)
    return nlp if "morphologizer" in nlp.pipe_names or "tagger" in nlp.pipe_names else None


def tag(text: str) -> tuple[Token, ...]:
    """The tokens of `text` with POS, lemma and head; () without a trained pipeline
    ($FACTCHECK_SPACY_MODEL=blank, or none shipped)."""
    return _tag(text, os.environ.get("FACTCHECK_SPACY_MODEL"))


@lru_cache(maxsize=8192)
def _tag(text: str, choice: str | None) -> tuple[Token, ...]:
    nlp = _pipeline(choice)
    if nlp is None or not text.strip():
        return ()
    doc = nlp(text)
    return tuple(Token(t.idx, t.idx + len(t.text), t.text, (t.lemma_ or t.text).lower(), t.pos_, t.head.i, t.i, t.dep_)
                 for t in doc)


def figures(text: str) -> tuple[Quantity, ...]:
    """The quantities of `text`, read with its parse (the parse only when a digit or a word could be a figure).
    Cached per text and pipeline: a claim's figures are asked for by every check of each of its 8 passages,
    and by the table check."""
    return _figures(text, os.environ.get("FACTCHECK_SPACY_MODEL"))


@lru_cache(maxsize=1 << 14)
def _figures(text: str, choice: str | None) -> tuple[Quantity, ...]:
    found = extract(text, _tag(text, choice) if _MAY_HOLD_FIGURE.search(text) else ())
    age = age_at_death(text)  # "(født 22. september 1905, død 25. juli 2009)" gives a figure no word states: 103
    return tuple(found + [age] if age is not None else found)


_MAY_HOLD_FIGURE = re.compile(r"\d|\b(?:" + "|".join([*NUMBER_WORDS, *RANKS, *WEEKDAYS])
                              + r"|hver|hvert|kvar|kvart|\w+del(?:er|ar|en)?)\b", re.IGNORECASE)
