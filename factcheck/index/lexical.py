"""Lexical retrieval: BM25 (bm25s) over lemmatised, stemmed, lower-cased words.

Besides the raw score, `share` says how much of the query's information a
passage matched: BM25 divided by what a passage of average length holding each
query word once would score (summed IDF / (1 + k1) in bm25s's Lucene variant). Words the
corpus never uses count too, so a claim half made of unknown words can reach at
most about half. That makes lexical scores comparable across queries, which
fusion needs.

Dense retrieval misses rare names and exact figures; BM25 over normalised
word forms catches them. The parameters are Anserini's defaults for passage
retrieval (k1=0.9, b=0.4): Lucene's k1=1.2, b=0.75 punishes long passages so
hard that one-line headings crowd out the paragraph that answers.
"""

from __future__ import annotations

import math
from collections import Counter

import numpy as np

from ..text.sentences import lexical_tokens, lexical_tokens_many

K1 = 0.9
B = 0.4
_EMPTY = "_"  # bm25s needs at least one token per document


class LexicalIndex:
    """BM25 scores of a query against every passage text, in passage order."""

    def __init__(self, texts: list[str], k1: float = K1, b: float = B):
        import logging

        import bm25s

        # bm25s sets its own logger to DEBUG: once anything installs a root handler (onnxruntime's
        # quantiser does, on the first model build) its "Building index from tokens" reached the user
        logging.getLogger("bm25s").setLevel(logging.WARNING)
        self.size = len(texts)
        self.k1 = k1
        self._bm25 = bm25s.BM25(method="lucene", k1=k1, b=b)
        documents = lexical_tokens_many(texts)
        self._df = Counter(word for tokens in documents for word in set(tokens))
        if texts:
            self._bm25.index([tokens or [_EMPTY] for tokens in documents], show_progress=False)

    def scores(self, text: str) -> np.ndarray:
        """BM25 of `text` against every passage."""
        return self.scores_and_weight(text)[0]

    def share(self, text: str) -> np.ndarray:
        """BM25 as a share of a full match of the query (see the module doc), clipped to [0, 1]."""
        scores, weight = self.scores_and_weight(text)
        return np.clip(scores / weight, 0.0, 1.0) if weight else scores

    def scores_and_weight(self, text: str) -> tuple[np.ndarray, float]:
        """(BM25 against every passage, the score of a full match: a passage to divide by for `share`)."""
        tokens = lexical_tokens(text)
        if not tokens or not self.size:
            return np.zeros(self.size, dtype="float32"), 0.0
        full = sum(self._idf(t) for t in tokens) / (1.0 + self.k1)
        return np.asarray(self._bm25.get_scores(tokens), dtype="float32"), full

    def _idf(self, word: str) -> float:
        """Lucene's IDF, as bm25s computes it."""
        df = self._df.get(word, 0)
        return math.log(1.0 + (self.size - df + 0.5) / (df + 0.5))
