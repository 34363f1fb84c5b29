"""Measure passage retrieval on SQuAD-format data (e.g. NorQuAD), dense vs lexical vs hybrid.

Protocol (../shared/eval/README.md): split every context into paragraphs
(non-empty lines, stripped), keep each distinct paragraph once, index them as
passages, query with each question, and count a hit when the paragraph holding
the answer's start offset ranks in the top k. Reports R@1, R@5, R@10, MRR@10.

Every method runs through the same Searcher the checker uses, so the figures
are those of the product. Embeddings are cached on disk (index/cache.py):
a second run with another fusion setting embeds nothing.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..corpus.passages import Passage
from ..errors import FactcheckError
from ..index.cache import EmbeddingCache
from ..index.fusion import DEFAULT_FUSION
from ..index.search import DOCUMENT_WEIGHT, Searcher
from ..index.store import PassageIndex

CUTOFFS = (1, 5, 10)
# name -> (fusion, document weight); "convex-passage" shows what the document context adds
METHODS = {
    "dense": ("dense", 0.0),
    "lexical": ("lexical", 0.0),
    "rrf": ("rrf", DOCUMENT_WEIGHT),
    "convex-passage": ("convex", 0.0),
    "convex": ("convex", DOCUMENT_WEIGHT),
}
LABELS = {"rrf": "hybrid (rrf)", "convex-passage": "hybrid (convex, passage only)", "convex": "hybrid (convex)"}


@dataclass
class RetrievalTask:
    """Unique paragraphs as passages, and each answerable question with its gold paragraph."""

    passages: list[Passage]
    questions: list[str]
    gold: list[int]  # row in `passages` of each question's answer paragraph
    skipped: int = 0  # questions without an answer (SQuAD 2 "impossible") or with an offset outside any line


def load_squad(path: Path, limit: int | None = None) -> RetrievalTask:
    """Read SQuAD JSON (v1 or v2) into a retrieval task, with one-line errors for bad files."""
    path = Path(path)
    if not path.exists():
        raise FactcheckError(f"file not found: {path}")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))["data"]
        rows: dict[str, int] = {}
        passages: list[Passage] = []
        questions, gold, skipped = [], [], 0
        contexts: dict[str, int] = {}  # a context is a document: its paragraphs share a doc_id
        for article in data:
            for para in article["paragraphs"]:
                lines = _lines(para["context"])
                doc_id = f"context-{contexts.setdefault(para['context'], len(contexts))}"
                title = lines[0][2] if lines else ""
                for start, end, text in lines:
                    if text not in rows:
                        rows[text] = len(passages)
                        passages.append(Passage(id=f"p{len(passages)}", doc_id=doc_id,
                                                title=title, source=path.name, paragraph=len(passages), text=text,
                                                start=start, end=end, kind="paragraph"))
                for qa in para.get("qas", []):
                    answer = _answer_line(lines, qa.get("answers") or [])
                    if answer is None or qa.get("is_impossible"):
                        skipped += 1
                        continue
                    questions.append(qa["question"])
                    gold.append(rows[answer])
    except (ValueError, KeyError, TypeError) as exc:
        raise FactcheckError(f"{path}: not SQuAD-format JSON ({exc.__class__.__name__}: {exc})") from exc
    if not questions:
        raise FactcheckError(f"{path}: no answerable questions")
    if limit:
        questions, gold = questions[:limit], gold[:limit]
    return RetrievalTask(passages, questions, gold, skipped)


def _lines(context: str) -> list[tuple[int, int, str]]:
    """Non-empty lines as (start, end, stripped text); offsets of the stripped text in the context."""
    out, pos = [], 0
    for line in context.split("\n"):
        text = line.strip()
        if text:
            start = pos + line.index(text[0])
            out.append((start, start + len(text), text))
        pos += len(line) + 1
    return out


def _answer_line(lines: list[tuple[int, int, str]], answers: list[dict]) -> str | None:
    """The paragraph holding the first answer's start offset (the next one if it starts on blank space)."""
    if not answers:
        return None
    offset = int(answers[0]["answer_start"])
    return next((text for _start, end, text in lines if offset < end), None)


@dataclass
class MethodResult:
    method: str
    recall: dict[int, float]
    mrr10: float
    seconds: float  # search time for all questions


@dataclass
class RetrievalReport:
    questions: int
    passages: int
    skipped: int
    model_id: str
    embed_seconds: float  # spent in this run
    embedded: int  # texts embedded in this run (the rest came from the cache)
    first_embed_seconds: float  # what embedding every text cost when it was first done
    results: list[MethodResult] = field(default_factory=list)

    def render(self) -> str:
        head = f"{'method':<32}" + "".join(f"{'R@' + str(k):>8}" for k in CUTOFFS) + f"{'MRR@10':>9}{'ms/query':>10}"
        lines = [f"{self.questions} questions over {self.passages} unique paragraphs"
                 + (f" ({self.skipped} questions without an answer skipped)" if self.skipped else ""), "", head]
        for r in self.results:
            name = LABELS.get(r.method, r.method) + (" *" if r.method == DEFAULT_FUSION else "")
            lines.append(f"{name:<32}" + "".join(f"{r.recall[k]:>8.3f}" for k in CUTOFFS)
                         + f"{r.mrr10:>9.3f}{1000 * r.seconds / max(1, self.questions):>10.1f}")
        cached = self.questions + self.passages - self.embedded
        lines += ["", "* the default (factcheck check uses it); hybrid scores count the best paragraph of the same "
                  f"context with weight {DOCUMENT_WEIGHT} unless 'passage only'",
                  f"embedding ({self.model_id}): {self.embed_seconds:.1f} s in this run for {self.embedded} texts"
                  + (f", {cached} from the cache" if cached else "")
                  + (f" (embedding all of them took {self.first_embed_seconds:.1f} s)" if cached and self.first_embed_seconds else "")]
        return "\n".join(lines) + "\n"

    def to_dict(self) -> dict:
        return {
            "questions": self.questions, "passages": self.passages, "skipped": self.skipped, "model_id": self.model_id,
            "embed_seconds": self.embed_seconds, "embedded": self.embedded, "first_embed_seconds": self.first_embed_seconds,
            "methods": {r.method: {**{f"R@{k}": r.recall[k] for k in CUTOFFS}, "MRR@10": r.mrr10, "search_seconds": r.seconds}
                        for r in self.results},
        }


def metrics(ranked_rows: list[list[int]], gold: list[int]) -> tuple[dict[int, float], float]:
    """Recall at each cut-off and MRR@10 of ranked passage rows against the gold row per question."""
    ranks = np.array([row.index(g) + 1 if g in row[:10] else 0 for row, g in zip(ranked_rows, gold)])
    found = ranks > 0
    recall = {k: float(np.mean(found & (ranks <= k))) for k in CUTOFFS}
    mrr = float(np.mean(np.where(found, 1.0 / np.maximum(ranks, 1), 0.0)))
    return recall, mrr


def evaluate(task: RetrievalTask, encoder, methods=tuple(METHODS), dense_backend: str = "auto",
             cache_dir: Path | None = None, progress: bool = False) -> RetrievalReport:
    """Embed (through the cache), then rank with each method and score."""
    texts = [p.text for p in task.passages]
    passage_cache = EmbeddingCache(encoder.model_id, "passage", cache_dir)
    query_cache = EmbeddingCache(encoder.model_id, "query", cache_dir)
    first = passage_cache.recorded_seconds(texts) + query_cache.recorded_seconds(task.questions)
    embeddings, p_seconds, p_done = passage_cache.encode(encoder, texts, progress=progress)
    queries, q_seconds, q_done = query_cache.encode(encoder, task.questions, progress=progress)
    index = PassageIndex(None, {"model_id": encoder.model_id}, task.passages, embeddings)
    rows = {p.id: i for i, p in enumerate(task.passages)}
    report = RetrievalReport(len(task.questions), len(texts), task.skipped, encoder.model_id,
                             p_seconds + q_seconds, p_done + q_done, first + p_seconds + q_seconds)
    searcher = Searcher(index, dense_backend=dense_backend)
    searcher.lexical, searcher.dense  # built once, outside the timed searches
    for method in methods:
        fusion, document_weight = METHODS[method]
        started = time.perf_counter()
        hits = searcher.search(task.questions, queries, k=max(CUTOFFS), fusion=fusion, document_weight=document_weight)
        seconds = time.perf_counter() - started
        recall, mrr = metrics([[rows[h.passage.id] for h in row] for row in hits], task.gold)
        report.results.append(MethodResult(method, recall, mrr, seconds))
    return report
