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
    # (text, NorNE label) of the names the pipeline's NER found; empty without NER
    entities: tuple[tuple[str, str], ...] = ()


_ENUMERATION = re.compile(r"^(?:\d{1,2}[.)]|[a-z][.)]|[●▪•–-])\s+")


def split_sentences(text: str, nlp=None) -> list[Sentence]:
    """Split text into sentences; offsets index into `text`. Over-long runs are chunked."""
    if not text.strip():
        return []
    return _sentences(text, (nlp or load_nlp())(text))


def split_many(texts: list[str], nlp=None, batch_size: int = 64) -> list[list[Sentence]]:
    """Like split_sentences over many texts, with spaCy's batching."""
    nlp = nlp or load_nlp()
    return [_sentences(text, doc) for text, doc in zip(texts, nlp.pipe(texts, batch_size=batch_size))]


def _sentences(text: str, doc) -> list[Sentence]:
    """Sentence spans of a doc, tidied: a colon does not end a sentence ("Motargument: HAB ...")
    and a leading list marker ("3. ", "● ") is not part of it."""
    spans: list[list[int]] = []
    for span in doc.sents:
        stripped = span.text.strip()
        if not stripped:
            continue
        start = span.start_char + (len(span.text) - len(span.text.lstrip()))
        end = start + len(stripped)
        if spans and text[spans[-1][0] : spans[-1][1]].endswith(":"):
            spans[-1][1] = end
        else:
            spans.append([start, end])
    ents = [(e.start_char, e.end_char, e.text, e.label_) for e in getattr(doc, "ents", ())]
    out: list[Sentence] = []
    for start, end in spans:
        marker = _ENUMERATION.match(text[start:end])
        if marker and end - start > marker.end():
            start += marker.end()
        for piece in _chunk(Sentence(text[start:end], start, end)):
            inside = tuple((t, label) for s, e, t, label in ents if s >= piece.start and e <= piece.end)
            out.append(Sentence(piece.text, piece.start, piece.end, inside))
    return out


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
