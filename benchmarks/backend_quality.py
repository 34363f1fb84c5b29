"""Does a faster embedding backend keep the checker's quality? torch fp32 vs ONNX variants.

Run:  nice .venv/bin/python benchmarks/backend_quality.py [--backends torch onnx onnx-int8]
                                                         [--norquad FILE] [--claims FILE] [--limit N]

For each backend of the default model, on the same data:
- NorQuAD paragraph retrieval (protocol of ../shared/eval/README.md, via
  factcheck.evaluation.retrieval): R@5 of dense search and of the default hybrid search;
- dev-claims macro-F1 (as `factcheck eval`), with an index of the bundled corpus built by
  that backend in a temporary directory;
- min / mean cosine of its vectors to torch fp32 (recorded when the variant was built).
A backend may be the default only if R@5 and macro-F1 stay within 0.01 of torch fp32.
Embeddings are cached per backend in a temporary directory, never shared between backends
(the onnx variant carries the fp32 model id, so the shared cache would mix them up).
Slow: every backend embeds 3,763 paragraphs (minutes each on two cores).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "eval"
TOLERANCE = 0.01


def measure(backend: str, norquad: Path, claims_file: Path, limit: int | None, scratch: Path) -> dict:
    from factcheck import config
    from factcheck.api import FactChecker
    from factcheck.embedding.encoder import Encoder, default_model_dir
    from factcheck.embedding.onnx_export import read_backends
    from factcheck.evaluation.claims import predict, read_claims, score
    from factcheck.evaluation.retrieval import evaluate, load_squad
    from factcheck.index.fusion import DEFAULT_FUSION
    from factcheck.index.store import PassageIndex, build_index

    encoder = Encoder(None, backend=backend)
    row: dict = {"backend": backend, "model_id": encoder.model_id}
    row.update({k: v for k, v in read_backends(default_model_dir()).get(backend, {}).items() if k.endswith("cosine")})
    started = time.perf_counter()
    report = evaluate(load_squad(norquad, limit), encoder, methods=("dense", DEFAULT_FUSION), cache_dir=scratch / backend)
    row["norquad_seconds"] = round(time.perf_counter() - started, 1)
    for result in report.results:
        row[f"R@5 {result.method}"] = round(result.recall[5], 4)
        row[f"MRR@10 {result.method}"] = round(result.mrr10, 4)
    index_dir = scratch / f"index-{backend}"
    build_index(config.default_corpus_dir(), index_dir, encoder)
    checker = FactChecker(PassageIndex.load(index_dir), encoder)
    claims_report = score(predict(checker, read_claims(claims_file)))
    row["macro_f1"] = round(claims_report.macro_f1, 4)
    row["accuracy"] = round(claims_report.accuracy, 4)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backends", nargs="+", default=["torch", "onnx", "onnx-int8"])
    parser.add_argument("--norquad", type=Path, default=SHARED / "norquad" / "validation.json")
    parser.add_argument("--claims", type=Path, default=SHARED / "dev_claims.tsv")
    parser.add_argument("--limit", type=int, default=None, help="first N questions only (all paragraphs indexed)")
    parser.add_argument("--json", type=Path, default=None, help="also write the rows here")
    args = parser.parse_args()

    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        for backend in args.backends:
            rows.append(measure(backend, args.norquad, args.claims, args.limit, Path(scratch)))
            print(json.dumps(rows[-1]), flush=True)
    reference = next((r for r in rows if r["backend"] == "torch"), rows[0])
    keys = list(dict.fromkeys(k for r in rows for k in r if k.startswith(("R@5", "MRR", "macro", "accuracy", "min_cos"))))
    print("\n" + f"{'backend':<11}" + "".join(f"{k:>16}" for k in keys) + "   within 0.01 of " + reference["backend"])
    for r in rows:
        ok = all(abs(r[k] - reference[k]) <= TOLERANCE for k in keys if k.startswith(("R@5", "macro")))
        print(f"{r['backend']:<11}" + "".join(f"{r.get(k, float('nan')):>16.4f}" for k in keys) + f"   {'yes' if ok else 'NO'}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
