"""What the check-worthiness classifier costs per sentence, on top of the embedding it reuses.

Run:  nice .venv/bin/python benchmarks/checkworthy_cost.py [--output benchmarks/results/checkworthy_cost.json]

Sentences: benchmarks/data/artikkel_1000_ord.txt split by the shipped spaCy pipeline (so the NER
names the features read are real). Timed: the rule features plus both logistic regressions and
the decision (factcheck.claims.select.classify), in one batch per text as the checker calls it,
and one sentence at a time as the worst case; the old rules alone for comparison. The query
embedding is the checker's own (retrieval needs it for every claim), so it is not part of the
classifier's cost; what the classifier does add is embedding the sentences the rules used to
skip before embedding, which is measured with the default encoder and reported apart.
Goal (issue 13): the classifier adds <= 1 ms per sentence.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from factcheck.claims.checkworthy import assess  # noqa: E402
from factcheck.claims.classifier import load_model  # noqa: E402
from factcheck.claims.select import classify  # noqa: E402
from factcheck.text.sentences import split_sentences  # noqa: E402

GOAL_MS = 1.0


def best_of(fn, repeats: int) -> float:
    """Seconds of the fastest of `repeats` runs (the least disturbed by other work on the machine)."""
    times = []
    for _ in range(repeats):
        began = time.perf_counter()
        fn()
        times.append(time.perf_counter() - began)
    return min(times)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--output", type=Path, default=HERE / "results" / "checkworthy_cost.json")
    ap.add_argument("--repeats", type=int, default=20)
    ap.add_argument("--no-encoder", action="store_true", help="Skip timing the embedding of formerly skipped sentences.")
    args = ap.parse_args(argv)
    model = load_model()
    if model is None:
        print("no check-worthiness model shipped (models/checkworthy/model.json); nothing to time", file=sys.stderr)
        return 1
    text = (HERE / "data" / "artikkel_1000_ord.txt").read_text(encoding="utf-8")
    sentences = split_sentences(text)
    n = len(sentences)
    rng = np.random.default_rng(13)
    vectors = rng.normal(size=(n, model.dim)).astype("float32")
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    roles = [""] * n
    batch = best_of(lambda: classify(model, sentences, vectors, roles, model.threshold), args.repeats)
    single = best_of(lambda: [classify(model, [s], vectors[i : i + 1], [""], model.threshold)
                              for i, s in enumerate(sentences)], max(3, args.repeats // 4))
    rules = best_of(lambda: [assess(s.text) for s in sentences], args.repeats)
    result = {
        "sentences": n,
        "classifier_ms_per_sentence_batched": round(1000 * batch / n, 4),
        "classifier_ms_per_sentence_one_at_a_time": round(1000 * single / n, 4),
        "old_rules_ms_per_sentence": round(1000 * rules / n, 4),
        "goal_ms_per_sentence": GOAL_MS,
        "meets_goal": bool(1000 * single / n <= GOAL_MS),
        "python": platform.python_version(),
        "machine": platform.machine(),
    }
    if not args.no_encoder:
        from factcheck.embedding.encoder import Encoder

        encoder = Encoder()
        formerly_skipped = [s.text for s in sentences if not assess(s.text).checkworthy]
        texts = [s.text for s in sentences]
        encoder.encode_queries(texts[:8])  # warm up
        embed = best_of(lambda: encoder.encode_queries(texts), 3)
        result.update({
            "embedding_ms_per_sentence": round(1000 * embed / n, 3),
            "sentences_embedded_now_but_not_before": len(formerly_skipped),
            "extra_embedding_ms_per_sentence_of_text": round(1000 * embed / n * len(formerly_skipped) / n, 3),
            "encoder": encoder.model_id,
        })
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
