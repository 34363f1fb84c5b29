"""Score the run-time stance reader on the NLI set's held-out test documents.

    python models/stance/nli/evaluate_reader.py --pairs ~/.cache/factcheck/nli/pairs.tsv
    python models/stance/nli/evaluate_reader.py --pairs P --attention /tmp/att --cross /tmp/ce   # candidates

Why: the training scripts report each model alone, in its training process; what users get is
`NLIScorer` (factcheck/stance/nli.py) — the attention model and the cross-encoder (through ONNX
Runtime) averaged. This reads every test pair through that path, so the figure in the README is
the one the product has.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from train_head import read_pairs, report_block  # noqa: E402


def main(argv=None) -> int:
    from factcheck.stance import cross, nli

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pairs", type=Path, required=True)
    ap.add_argument("--attention", default=str(ROOT / "models" / nli.ARTEFACT), help="attention model (path without .npz)")
    ap.add_argument("--cross", default=str(ROOT / "models" / cross.ARTEFACT),
                    help="cross-encoder (path without .npz), or 'none' for the attention model alone")
    ap.add_argument("--report", type=Path, default=None, help="write the full report (JSON) here")
    ap.add_argument("--dump", type=Path, default=None, help="save the test pairs' probabilities (.npy, pair order)")
    a = ap.parse_args(argv)

    from factcheck.embedding.encoder import Encoder

    rows = [r for r in read_pairs(a.pairs) if r["split"] == "test"]
    encoder = Encoder()
    scorer = nli.scorer_from(a.attention, a.cross, encoder)
    if scorer is None:
        print("a stance artefact could not be loaded (see the warning above)", file=sys.stderr)
        return 2
    started = time.perf_counter()
    vectors, tokens = encoder.encode_with_tokens([r["hypothesis"] for r in rows], "query")
    probs = np.array([[p[label] for label in nli.LABELS]
                      for r, v, t in zip(rows, vectors, tokens)
                      for p in scorer.probabilities(r["hypothesis"], v, t, [r["premise"]])])
    if a.dump:
        np.save(a.dump, probs)
    report = {"attention": a.attention, "cross": a.cross, "seconds": round(time.perf_counter() - started),
              "test": report_block(rows, probs)}
    print(json.dumps({k: report["test"][k] for k in ("pairs", "accuracy", "macro_f1", "ece", "per_lang")}))
    if a.report:
        a.report.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
