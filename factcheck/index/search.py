"""Find candidate evidence: dense (embeddings) + lexical (BM25) + fuzzy quotes.

Dense retrieval finds paraphrases, BM25 finds rare names and exact figures,
and rapidfuzz catches near-verbatim quotes of the corpus, which go to the top
with a quote flag. Each method proposes its best CANDIDATES passages; every
candidate is then scored by both (dense: the exact cosine, also when an ANN
backend proposed it) and the scores are fused (see fusion.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from ..corpus.passages import Passage
from ..errors import FactcheckError
from .ann import make_dense
from .fusion import DEFAULT_FUSION, FUSIONS, HYBRID, RRF_K  # noqa: F401  (RRF_K re-exported for callers)
from .lexical import LexicalIndex
from .store import PassageIndex

CANDIDATES = 100  # per method, before fusion
QUOTE_THRESHOLD = 90.0  # rapidfuzz partial_ratio (0-100) for a near-verbatim quote
QUOTE_MIN_CHARS = 25
QUOTE_MIN_COVERAGE = 0.5  # a quoted passage spans at least half of the quoted words
QUOTE_POOL = 30  # candidates (by fused and by lexical score) checked for quotes
QUOTE_MIN_WORDS = 6  # a shorter passage found inside a claim is a heading or a name, not a quote
QUOTE_SCORE = 1.0  # fused score of a quote hit starts here: above any convex or RRF score
# Hybrid scores also count the best candidate of the same document: a paragraph answering
# "who came 11th in the race in Switzerland?" names the skier, the one beside it names the race.
DOCUMENT_WEIGHT = 0.3
_QUOTED = re.compile(r"[«“\"]([^»”\"]{%d,})[»”\"]" % QUOTE_MIN_CHARS)


@dataclass
class Hit:
    passage: Passage
    dense: float  # cosine similarity of claim and passage
    lexical: float  # BM25 score
    fused: float  # fused score, used for ordering (QUOTE_SCORE and above for quotes)
    quote: float = 0.0  # rapidfuzz partial ratio, 0-100
    is_quote: bool = False


def _quote_pieces(claim: str) -> list[str]:
    pieces = [m.group(1) for m in _QUOTED.finditer(claim)]
    if len(claim) >= QUOTE_MIN_CHARS:
        pieces.append(claim)
    return [p.lower() for p in pieces]


def quote_score(claim: str, passage: str) -> float:
    """How verbatim the claim (or a «quoted» part of it) repeats the passage, 0-100."""
    return _quote_match(_quote_pieces(claim), passage)[0]


def _quote_match(pieces: list[str], passage: str) -> tuple[float, float]:
    """(quote score, how much of the quoted piece the passage covers, 0-1).

    The score is rapidfuzz's partial ratio, scaled down when the passage is much shorter
    than the quoted piece: a claim that merely contains a short passage ("Venus",
    a heading of a few words) is not quoting it.
    """
    from rapidfuzz import fuzz

    target = passage.lower()
    heading = len(target.split()) < QUOTE_MIN_WORDS
    best = (0.0, 0.0)
    for piece in pieces:
        coverage = min(1.0, len(target) / max(1, len(piece)))
        if heading and coverage < 1.0:
            coverage = 0.0
        ratio = float(fuzz.partial_ratio(piece, target)) * min(1.0, coverage / QUOTE_MIN_COVERAGE)
        best = max(best, (ratio, coverage))
    return best


class Searcher:
    """Hybrid search over one PassageIndex.

    fusion: "convex" (default) or "rrf" for hybrid search, or "dense" / "lexical"
    alone (for evaluation). dense_backend: "auto" (exact below ann.ANN_MIN_PASSAGES
    passages, HNSW from there), "exact" or "hnsw". document_weight: how much of the
    best same-document candidate's score a hybrid score gains (0: passages alone).
    """

    def __init__(self, index: PassageIndex, fusion: str = DEFAULT_FUSION, dense_backend: str = "auto",
                 quotes: bool = True, document_weight: float = DOCUMENT_WEIGHT):
        if fusion not in FUSIONS:
            raise FactcheckError(f"unknown fusion {fusion!r}; choose one of {', '.join(FUSIONS)}")
        self.index = index
        self.fusion = fusion
        self.dense_backend = dense_backend
        self.quotes = quotes
        self.document_weight = document_weight

    @cached_property
    def lexical(self) -> LexicalIndex:
        return LexicalIndex([p.text for p in self.index.passages])

    @cached_property
    def dense(self):
        directory = getattr(self.index, "directory", None)
        return make_dense(self.index.embeddings, self.dense_backend, directory)

    def lexical_scores(self, text: str) -> np.ndarray:
        return self.lexical.scores(text)

    def search(self, texts: list[str], query_vectors: np.ndarray, k: int = 5, fusion: str | None = None,
               document_weight: float | None = None,
               renderings: dict[int, tuple[str, np.ndarray]] | None = None) -> list[list[Hit]]:
        """Top-k hits per query text; `query_vectors` are the texts' normalised embeddings.

        `fusion` and `document_weight` override the searcher's own for this call (evaluation compares them).
        `renderings`: for some queries (by position) the same text in other words with its embedding (the
        bokmål rendering of a nynorsk claim, text/nynorsk.py): its candidates join the pool, its words are the
        lexical query and the higher of the two similarities ranks. A hit's `dense` stays the query's own:
        the stance checks read it, and measured on the written pairs the rendering's higher similarity made
        more wrong Motsagt than right ones (models/stance/README.md, twenty-first round).
        """
        renderings = renderings or {}
        fusion = fusion or self.fusion
        doc_weight = self.document_weight if document_weight is None else document_weight
        if fusion not in FUSIONS:
            raise FactcheckError(f"unknown fusion {fusion!r}; choose one of {', '.join(FUSIONS)}")
        if not self.index.passages or not texts:
            return [[] for _ in texts]
        n = min(CANDIDATES, len(self.index.passages))
        dense_top = self.dense.candidates(query_vectors, n) if fusion != "lexical" else None
        out = []
        for i, text in enumerate(texts):
            other_text, other_vector = renderings.get(i, (text, None))
            lexical, weight = self.lexical.scores_and_weight(other_text)
            pools = [np.argpartition(-lexical, n - 1)[:n]] if fusion != "dense" else []
            if dense_top is not None:
                pools.append(dense_top[i][dense_top[i] >= 0])
                if other_vector is not None:
                    other_top = self.dense.candidates(other_vector[None, :], n)[0]
                    pools.append(other_top[other_top >= 0])
            rows = np.unique(np.concatenate(pools))
            out.append(self._rank(text, query_vectors[i], rows, lexical, weight, k, fusion, doc_weight, other_vector))
        return out

    def _rank(self, text: str, vector: np.ndarray, rows: np.ndarray, lexical: np.ndarray, weight: float, k: int,
              fusion: str, doc_weight: float, other_vector: np.ndarray | None = None) -> list[Hit]:
        dense = ranked = self.index.embeddings[rows] @ vector
        if other_vector is not None:
            ranked = np.maximum(dense, self.index.embeddings[rows] @ other_vector)
        fused = FUSIONS[fusion](ranked, lexical[rows] / weight if weight else lexical[rows])
        if doc_weight and fusion in HYBRID:
            fused = fused + doc_weight * self._document_best(rows, fused)
        order = np.argsort(-fused, kind="stable")
        hits = [Hit(self.index.passages[rows[j]], float(dense[j]), float(lexical[rows[j]]), float(fused[j])) for j in order]
        if not self.quotes:
            return hits[:k]
        pieces = _quote_pieces(text)
        if not pieces:
            return hits[:k]
        # a near-verbatim quote is among the best fused or the best lexical candidates: checking
        # only those keeps rapidfuzz (the costliest step of a search) off the long tail
        by_lexical = sorted(hits, key=lambda h: h.lexical, reverse=True)[:QUOTE_POOL]
        coverage = {}
        for hit in {id(h): h for h in hits[: max(k, QUOTE_POOL)] + by_lexical}.values():
            hit.quote, coverage[id(hit)] = _quote_match(pieces, hit.passage.text)
            hit.is_quote = hit.quote >= QUOTE_THRESHOLD
        quoted = [h for h in hits if h.is_quote]
        if not quoted:
            return hits[:k]
        # the passage that best holds the quote first: the closest match, then the one covering
        # most of the quoted words, then the shortest (the quoted sentence, not its window)
        quoted.sort(key=lambda h: (-h.quote, -coverage[id(h)], len(h.passage.text)))
        for rank, hit in enumerate(quoted):
            hit.fused = QUOTE_SCORE + (len(quoted) - rank) / (len(quoted) + 1)
        return (quoted + [h for h in hits if not h.is_quote])[:k]

    @cached_property
    def _documents(self) -> np.ndarray:
        """A document number per passage row."""
        numbers: dict[str, int] = {}
        return np.array([numbers.setdefault(p.doc_id, len(numbers)) for p in self.index.passages], dtype=np.int64)

    def _document_best(self, rows: np.ndarray, fused: np.ndarray) -> np.ndarray:
        """For each candidate, the best fused score among the candidates of its document."""
        docs = self._documents[rows]
        best = np.full(int(docs.max()) + 1, -np.inf)
        np.maximum.at(best, docs, fused)
        return best[docs]
