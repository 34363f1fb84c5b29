"""Search latency of the hybrid Searcher at 10k and 100k synthetic passages: exact vs HNSW.

Run:  nice .venv/bin/python benchmarks/search_latency.py [--sizes 10000 100000] [--queries 200]
      [--output benchmarks/results/search_latency.json]

Passages are synthetic but shaped like the real thing: 384-dimensional unit vectors
(the size of e5-small's) drawn around 200 topic centres, and texts of 12-40 words
drawn Zipf-like from the bundled corpus's vocabulary, so BM25 sees realistic
posting lists. Queries are noisy copies of random passages (vector and words).
Per size it reports, per query: dense candidates alone (exact matrix product vs
usearch HNSW), BM25 alone, and the full Searcher.search (candidates, BM25,
fusion, quote check), plus the HNSW build time and its recall@100 against exact
search. No embedding model is loaded: latency here is the index's, not the encoder's.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from factcheck.corpus.passages import Passage  # noqa: E402
from factcheck.index.ann import HnswDense, make_dense  # noqa: E402
from factcheck.index.search import CANDIDATES, Searcher  # noqa: E402
from factcheck.index.store import PassageIndex  # noqa: E402

DIM = 384
TOPICS = 200


def synthetic(n: int, rng: np.random.Generator, vocabulary: list[str]) -> tuple[list[Passage], np.ndarray]:
    centres = rng.normal(size=(TOPICS, DIM)).astype("float32")
    vectors = centres[rng.integers(0, TOPICS, n)] + 0.8 * rng.normal(size=(n, DIM)).astype("float32")
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    weights = 1.0 / np.arange(1, len(vocabulary) + 1)
    weights /= weights.sum()
    lengths = rng.integers(12, 41, n)
    words = rng.choice(len(vocabulary), size=int(lengths.sum()), p=weights)
    passages, at = [], 0
    for i, length in enumerate(lengths):
        text = " ".join(vocabulary[w] for w in words[at : at + length]).capitalize() + "."
        at += length
        passages.append(Passage(f"s#{i}", "synthetic", "Syntetisk", "benchmark", i, text, 0, len(text)))
    return passages, vectors


def per_query_ms(fn, queries: int) -> float:
    started = time.perf_counter()
    fn()
    return 1000 * (time.perf_counter() - started) / queries


def measure(n: int, n_queries: int, rng: np.random.Generator, vocabulary: list[str]) -> dict:
    passages, vectors = synthetic(n, rng, vocabulary)
    index = PassageIndex(None, {"model_id": "synthetic"}, passages, vectors)
    picks = rng.choice(n, n_queries, replace=False)
    queries = vectors[picks] + 0.05 * rng.normal(size=(n_queries, DIM)).astype("float32")
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    texts = [" ".join(passages[i].text.split()[:12]) for i in picks]

    exact = make_dense(vectors, "exact")
    started = time.perf_counter()
    hnsw = HnswDense(vectors)
    build_s = time.perf_counter() - started
    truth = exact.candidates(queries, CANDIDATES)
    found = hnsw.candidates(queries, CANDIDATES)
    recall = float(np.mean([len(set(a) & set(b)) / CANDIDATES for a, b in zip(found, truth)]))

    row = {"passages": n, "queries": n_queries, "hnsw_build_s": round(build_s, 2), "hnsw_recall_at_100": round(recall, 4)}
    row["dense_exact_ms"] = per_query_ms(lambda: [exact.candidates(q[None], CANDIDATES) for q in queries], n_queries)
    row["dense_hnsw_ms"] = per_query_ms(lambda: [hnsw.candidates(q[None], CANDIDATES) for q in queries], n_queries)
    for backend, dense in (("exact", exact), ("hnsw", hnsw)):
        searcher = Searcher(index, dense_backend=backend)
        searcher.__dict__["dense"] = dense  # reuse the backend built above
        started = time.perf_counter()
        searcher.lexical  # BM25 index, built once per Searcher (not per query)
        row["bm25_build_s"] = round(time.perf_counter() - started, 2)
        if backend == "exact":
            row["bm25_ms"] = per_query_ms(lambda: [searcher.lexical.scores(t) for t in texts], n_queries)
        row[f"search_{backend}_ms"] = per_query_ms(
            lambda: [searcher.search([t], q[None], k=5) for t, q in zip(texts, queries)], n_queries)
    return {k: round(v, 3) if isinstance(v, float) else v for k, v in row.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--output", type=Path)
    args = parser.parse_args()
    corpus = " ".join(p.read_text(encoding="utf-8") for p in (HERE.parent / "corpus").glob("*.txt"))
    vocabulary = sorted(set(re.findall(r"[a-zæøå]{3,}", corpus.lower())))
    rng = np.random.default_rng(0)
    rows = []
    for n in args.sizes:
        row = measure(n, args.queries, rng, vocabulary)
        rows.append(row)
        print(json.dumps(row), flush=True)
    header = ("passages", "dense_exact_ms", "dense_hnsw_ms", "bm25_ms", "search_exact_ms", "search_hnsw_ms",
              "hnsw_recall_at_100", "hnsw_build_s")
    print("\n| " + " | ".join(header) + " |\n|" + "---|" * len(header))
    for row in rows:
        print("| " + " | ".join(str(row[h]) for h in header) + " |")
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(json.dumps({"rows": rows}, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
