"""Sentences with character offsets, and the normalised word forms lexical search needs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .nlp import load_nlp

MAX_SENTENCE_WORDS = 120  # keeps every passage well inside the embedding model's 512 tokens
_TOKEN = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int


def split_sentences(text: str, nlp=None) -> list[Sentence]:
    """Split text into sentences; offsets index into `text`. Over-long runs are chunked."""
    if not text.strip():
        return []
    nlp = nlp or load_nlp()
    out: list[Sentence] = []
    for span in nlp(text).sents:
        stripped = span.text.strip()
        if not stripped:
            continue
        start = span.start_char + (len(span.text) - len(span.text.lstrip()))
        out.extend(_chunk(Sentence(stripped, start, start + len(stripped))))
    return out


def split_many(texts: list[str], nlp=None, batch_size: int = 64) -> list[list[Sentence]]:
    """Like split_sentences over many texts, with spaCy's batching."""
    nlp = nlp or load_nlp()
    result: list[list[Sentence]] = []
    for doc in nlp.pipe(texts, batch_size=batch_size):
        sents: list[Sentence] = []
        for span in doc.sents:
            stripped = span.text.strip()
            if stripped:
                start = span.start_char + (len(span.text) - len(span.text.lstrip()))
                sents.extend(_chunk(Sentence(stripped, start, start + len(stripped))))
        result.append(sents)
    return result


def _chunk(sentence: Sentence) -> list[Sentence]:
    """Cut a run-on 'sentence' (transcripts, lists without periods) into word windows."""
    words = list(re.finditer(r"\S+", sentence.text))
    if len(words) <= MAX_SENTENCE_WORDS:
        return [sentence]
    pieces = []
    for i in range(0, len(words), MAX_SENTENCE_WORDS):
        first, last = words[i], words[min(i + MAX_SENTENCE_WORDS, len(words)) - 1]
        s, e = first.start(), last.end()
        pieces.append(Sentence(sentence.text[s:e], sentence.start + s, sentence.start + e))
    return pieces


@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("norwegian")


@lru_cache(maxsize=200_000)
def normalise_word(word: str) -> str:
    """Lower-case and stem to a fixed point, so 'kriminaliteten' and 'kriminalitet' meet."""
    stem = _stemmer().stemWord(word.lower())
    for _ in range(2):
        again = _stemmer().stemWord(stem)
        if again == stem:
            break
        stem = again
    return stem


def lexical_tokens(text: str) -> list[str]:
    """Word forms for BM25: every alphanumeric token, normalised."""
    return [normalise_word(t) for t in _TOKEN.findall(text)]
