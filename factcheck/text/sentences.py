"""Sentences with character offsets, and the normalised word forms lexical search needs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .nlp import load_nlp

MAX_SENTENCE_WORDS = 120
# Characters bound the tokens better than words do: XLM-R-style tokenizers spend about one
# token per 4 characters of prose, but one per 1.2-2 characters of figures and URLs. 600
# characters stay inside a 512-token model even then (index/store.py drops windows that do not).
MAX_SENTENCE_CHARS = 600
_TOKEN = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int
    # (text, NorNE label) of the names the pipeline's NER found; empty without NER
    entities: tuple[tuple[str, str], ...] = ()


_ENUMERATION = re.compile(r"^(?:\d{1,2}[.)]|[a-z][.)]|[●▪•–-])\s+")
# A blank line ends a sentence, unless the text after it goes on in lower case (a PDF's wrapped line).
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n\s*(?=[^\s])")
# A line-broken heading: a short line without closing punctuation, then a line that starts a sentence.
_LINE = re.compile(r"[^\n]*\n")
HEADING_MAX_WORDS = 12
_INNER_END = re.compile(r"[.!?…]\s+[A-ZÆØÅ«\"]")  # a line with a sentence end inside is a wrapped line, not a heading


# spaCy refuses texts over nlp.max_length (1,000,000 characters, error E088) and needs about
# 1 GB of memory per 100,000 characters for parsing; longer texts go through in pieces of this
# size, cut at a paragraph break, else a line break, else a sentence end, else a space.
PIECE_CHARS = 100_000
_CUTS = ("\n\n", "\n", ". ", "? ", "! ", " ")


def split_sentences(text: str, nlp=None) -> list[Sentence]:
    """Split text into sentences; offsets index into `text`. Over-long runs are chunked."""
    if not text.strip():
        return []
    nlp = nlp or load_nlp()
    if len(text) <= PIECE_CHARS:
        return _sentences(text, nlp(text, disable=_not_needed(nlp)))
    return split_many([text], nlp)[0]


def split_many(texts: list[str], nlp=None, batch_size: int = 64) -> list[list[Sentence]]:
    """Like split_sentences over many texts, with spaCy's batching."""
    nlp = nlp or load_nlp()
    bounds = [pieces(text) for text in texts]
    docs = nlp.pipe((text[s:e] for text, spans in zip(texts, bounds) for s, e in spans),
                    batch_size=batch_size, disable=_not_needed(nlp))
    out = []
    for text, spans in zip(texts, bounds):
        found: list[Sentence] = []
        for s, e in spans:
            found.extend(Sentence(x.text, x.start + s, x.end + s, x.entities) for x in _sentences(text[s:e], next(docs)))
        out.append(found)
    return out


def pieces(text: str, limit: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of consecutive pieces of `text`, each at most `limit` (PIECE_CHARS) characters, cut at a natural break."""
    limit = limit or PIECE_CHARS
    spans, start = [], 0
    while len(text) - start > limit:
        window_end = start + limit
        cut = next((i + len(sep) for sep in _CUTS if (i := text.rfind(sep, start + limit // 2, window_end - len(sep) + 1)) != -1),
                   window_end)
        spans.append((start, cut))
        start = cut
    spans.append((start, len(text)))
    return spans


def as_sentences(texts: list[str], nlp=None, batch_size: int = 64) -> list[Sentence]:
    """Each text as one Sentence with the pipeline's names, as split_sentences would give it
    (for labelled sentences: trainers and benchmarks of the check-worthiness classifier)."""
    nlp = nlp or load_nlp()
    docs = nlp.pipe(texts, batch_size=batch_size, disable=_not_needed(nlp))
    return [Sentence(text, 0, len(text), tuple((e.text, e.label_) for e in getattr(doc, "ents", ())))
            for text, doc in zip(texts, docs)]


# Splitting needs boundaries (parser or rules) and names (ner), not tags or lemmas: lexical
# search takes its lemmas from lookup tables. Skipping these saves a third of the pipeline's time,
# and more where the tagging components have a tok2vec of their own (nb_factcheck >= 1.2).
_TAGGING_PIPES = ("tagger", "morphologizer", "attribute_ruler", "lemmatizer", "trainable_lemmatizer")


def _not_needed(nlp) -> list[str]:
    skipped = [name for name in _TAGGING_PIPES if name in nlp.pipe_names]
    for name, pipe in nlp.pipeline:
        listeners = getattr(pipe, "listening_components", None)
        if listeners is not None and set(listeners) <= set(skipped):
            skipped.append(name)  # a tok2vec that only the skipped components listen to
    return skipped


def hard_breaks(text: str) -> list[int]:
    """Offsets where a new sentence must start whatever the parser thinks: after a blank line
    (when the text goes on with a capital, a digit or a quote) and after a line-broken heading
    such as "Foto: NTB Scanpix" or "Nye tall fra SSB" (a short line without closing punctuation)."""
    breaks = []
    for m in _BLANK_LINE.finditer(text):
        if not text[m.end()].islower():
            breaks.append(m.end())
    for m in _LINE.finditer(text):
        line, position = m.group().strip(), m.end()
        rest = text[position:].lstrip(" \t")
        if not line or not rest or rest.startswith("\n") or rest[0].islower():
            continue
        if (line[-1] not in ".!?…:;," and len(line.split()) <= HEADING_MAX_WORDS and not line[0].islower()
                and not _INNER_END.search(line)):
            breaks.append(position + (len(text[position:]) - len(text[position:].lstrip())))
    return sorted(set(breaks))


def _cut(spans: list[list[int]], breaks: list[int], text: str) -> list[list[int]]:
    """Split spans at the hard breaks inside them (whitespace trimmed from each piece)."""
    out = []
    for start, end in spans:
        cuts = [b for b in breaks if start < b < end]
        for s, e in zip([start, *cuts], [*cuts, end]):
            piece = text[s:e]
            if piece.strip():
                s += len(piece) - len(piece.lstrip())
                out.append([s, s + len(piece.strip())])
    return out


def _sentences(text: str, doc) -> list[Sentence]:
    """Sentence spans of a doc, tidied: a colon does not end a sentence ("Motargument: HAB ...")
    unless a line break follows it, a blank line or a line-broken heading does end one, and a
    leading list marker ("3. ", "● ") is not part of it."""
    spans: list[list[int]] = []
    breaks = hard_breaks(text) if "\n" in text else []
    for span in doc.sents:
        stripped = span.text.strip()
        if not stripped:
            continue
        start = span.start_char + (len(span.text) - len(span.text.lstrip()))
        end = start + len(stripped)
        if spans and text[spans[-1][0] : spans[-1][1]].endswith(":") and not any(
                spans[-1][1] <= b <= start for b in breaks):
            spans[-1][1] = end
        else:
            spans.append([start, end])
    spans = _cut(spans, breaks, text) if breaks else spans
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
    """Cut a run-on 'sentence' (transcripts, tables, lists without periods) into word windows
    of at most MAX_SENTENCE_WORDS words and MAX_SENTENCE_CHARS characters; offsets are kept."""
    if len(sentence.text) <= MAX_SENTENCE_CHARS and len(sentence.text.split()) <= MAX_SENTENCE_WORDS:
        return [sentence]
    pieces: list[Sentence] = []
    start, end, count = None, None, 0
    for word in _words_within(sentence.text, MAX_SENTENCE_CHARS):
        s, e = word
        if start is not None and (e - start > MAX_SENTENCE_CHARS or count >= MAX_SENTENCE_WORDS):
            pieces.append(Sentence(sentence.text[start:end], sentence.start + start, sentence.start + end))
            start, count = None, 0
        start = s if start is None else start
        end, count = e, count + 1
    if start is not None:
        pieces.append(Sentence(sentence.text[start:end], sentence.start + start, sentence.start + end))
    return pieces


def _words_within(text: str, limit: int):
    """(start, end) of each whitespace-separated word; a word longer than `limit` comes in pieces."""
    for m in re.finditer(r"\S+", text):
        for s in range(m.start(), m.end(), limit):
            yield s, min(s + limit, m.end())


@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("norwegian")


def _stem(word: str) -> str:
    """Snowball-stem to a fixed point, so derived forms of one lemma meet."""
    stem = _stemmer().stemWord(word)
    for _ in range(2):
        again = _stemmer().stemWord(stem)
        if again == stem:
            break
        stem = again
    return stem


@lru_cache(maxsize=200_000)
def normalise_word(word: str) -> str:
    """Lower-case, lemmatise, then stem: 'ble'/'blir' -> 'bli', 'kriminaliteten' -> 'kriminalitet'.

    The lemma handles irregular forms a stemmer cannot ('gikk' -> 'gå'); the stem
    after it joins the lemmas of one family ('etablere', 'etablering').
    """
    from .lemmas import lookup_lemma

    return _stem(lookup_lemma(word.lower()))


def lexical_tokens(text: str) -> list[str]:
    """Word forms for BM25: every alphanumeric token, normalised."""
    return lexical_tokens_many([text])[0]


def lexical_tokens_many(texts: list[str]) -> list[list[str]]:
    """lexical_tokens for many texts; with FACTCHECK_LEMMAS=pipeline the spaCy pipeline's lemmas are used."""
    from .lemmas import lemma_source, pipeline_lemmatizer

    if lemma_source() == "pipeline":
        nlp = pipeline_lemmatizer()
        return [
            [_stem((t.lemma_ or t.text).lower()) for t in doc if _TOKEN.fullmatch(t.text)]
            for doc in nlp.pipe(texts, batch_size=64)
        ]
    return [[normalise_word(t) for t in _TOKEN.findall(text)] for text in texts]
