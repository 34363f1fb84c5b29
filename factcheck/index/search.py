"""Find candidate evidence: dense (embeddings) + lexical (BM25) + fuzzy quotes.

Dense retrieval finds paraphrases, BM25 finds rare names and exact figures,
and rapidfuzz catches near-verbatim quotes of the corpus, which go to the top
with a quote flag. Fusion is reciprocal-rank fusion (Cormack et al. 2009).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from ..corpus.passages import Passage
from ..text.sentences import lexical_tokens
from .store import PassageIndex

RRF_K = 60
CANDIDATES = 50  # per method, before fusion
QUOTE_THRESHOLD = 90.0  # rapidfuzz partial_ratio (0-100) for a near-verbatim quote
QUOTE_MIN_CHARS = 25
_QUOTED = re.compile(r"[«“\"]([^»”\"]{%d,})[»”\"]" % QUOTE_MIN_CHARS)


@dataclass
class Hit:
    passage: Passage
    dense: float  # cosine similarity of claim and passage
    lexical: float  # BM25 score
    fused: float  # reciprocal-rank-fusion score, used for ordering
    quote: float = 0.0  # rapidfuzz partial ratio, 0-100
    is_quote: bool = False


def quote_score(claim: str, passage: str) -> float:
    """How verbatim the claim (or a «quoted» part of it) repeats the passage, 0-100."""
    from rapidfuzz import fuzz

    pieces = [m.group(1) for m in _QUOTED.finditer(claim)]
    if len(claim) >= QUOTE_MIN_CHARS:
        pieces.append(claim)
    target = passage.lower()
    return max((float(fuzz.partial_ratio(p.lower(), target)) for p in pieces), default=0.0)


class Searcher:
    """Hybrid search over one PassageIndex."""

    def __init__(self, index: PassageIndex):
        self.index = index

    @cached_property
    def _bm25(self):
        import bm25s

        retriever = bm25s.BM25()
        retriever.index([lexical_tokens(p.text) or ["_"] for p in self.index.passages], show_progress=False)
        return retriever

    def lexical_scores(self, text: str) -> np.ndarray:
        tokens = lexical_tokens(text)
        if not tokens:
            return np.zeros(len(self.index.passages), dtype="float32")
        return np.asarray(self._bm25.get_scores(tokens), dtype="float32")

    def search(self, texts: list[str], query_vectors: np.ndarray, k: int = 5) -> list[list[Hit]]:
        """Top-k hits per query text; `query_vectors` are the texts' normalised embeddings."""
        if not self.index.passages:
            return [[] for _ in texts]
        dense_all = query_vectors @ self.index.embeddings.T
        return [self._one(text, dense_all[i], k) for i, text in enumerate(texts)]

    def _one(self, text: str, dense: np.ndarray, k: int) -> list[Hit]:
        lexical = self.lexical_scores(text)
        n = min(CANDIDATES, len(dense))
        dense_rank = np.argsort(-dense)[:n]
        lexical_rank = np.argsort(-lexical)[:n]
        fused: dict[int, float] = {}
        for ranking in (dense_rank, lexical_rank):
            for rank, idx in enumerate(ranking):
                fused[int(idx)] = fused.get(int(idx), 0.0) + 1.0 / (RRF_K + rank + 1)
        hits = []
        for idx, score in fused.items():
            passage = self.index.passages[idx]
            hit = Hit(passage, float(dense[idx]), float(lexical[idx]), score)
            hit.quote = quote_score(text, passage.text)
            hit.is_quote = hit.quote >= QUOTE_THRESHOLD
            hits.append(hit)
        # quotes first (the longer quoted passage wins ties), then by fused rank
        hits.sort(key=lambda h: (h.is_quote, h.quote if h.is_quote else 0.0, h.fused), reverse=True)
        return hits[:k]
