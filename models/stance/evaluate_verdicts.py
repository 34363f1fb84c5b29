"""Verdict quality and confidence calibration of the rules and of combiners, on labelled claims.

    .venv/bin/python models/stance/evaluate_verdicts.py ../shared/eval/dev_claims.tsv none combiner.json

Each configuration is a FACTCHECK_STANCE_COMBINER value ("none": the rules alone). Prints
macro-F1 and accuracy (as `factcheck eval`), and for the confidence of the shown verdict:
expected calibration error (10 equal-width bins), Brier score (squared error of the
confidence against right/wrong) and a reliability table. Claims that are, or are taken
for, not check-worthy are left out of the calibration figures (their confidence is fixed).
Measures only: nothing here is fitted.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from factcheck.evaluation.calibration import brier_score, expected_calibration_error  # noqa: E402
from factcheck.evaluation.claims import predict, read_claims, score  # noqa: E402
from factcheck.stance.combiner import ENV_VAR, load_combiner  # noqa: E402

BINS = (0.0, 0.5, 0.7, 0.85, 0.95, 1.0)


def calibration(pairs: list[tuple[float, bool]]) -> dict:
    """ECE over 10 equal-width bins, Brier score and a coarse reliability table."""
    n = len(pairs)
    confidence, correct = [c for c, _ in pairs], [ok for _, ok in pairs]
    ece, brier = expected_calibration_error(confidence, correct), brier_score(confidence, correct)
    table = []
    for lo, hi in zip(BINS[:-1], BINS[1:]):
        inside = [(c, ok) for c, ok in pairs if lo < c <= hi or (lo == 0 and c == 0)]
        if inside:
            table.append((lo, hi, len(inside), sum(c for c, _ in inside) / len(inside), sum(ok for _, ok in inside) / len(inside)))
    return {"n": n, "ece": ece, "brier": brier, "mean_confidence": sum(c for c, _ in pairs) / n,
            "accuracy": sum(ok for _, ok in pairs) / n, "table": table}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("claims", type=Path)
    parser.add_argument("configs", nargs="+", help='FACTCHECK_STANCE_COMBINER values; "none" for the rules')
    parser.add_argument("--show", action="store_true", help="print every claim's verdict and confidence")
    args = parser.parse_args()

    from factcheck.api import FactChecker

    claims = read_claims(args.claims)
    checker = FactChecker.load()
    for config in args.configs:
        os.environ[ENV_VAR] = config
        load_combiner.cache_clear()
        predictions = predict(checker, claims)
        report = score(predictions)
        pairs = [(p.confidence, p.label == p.claim.label) for p in predictions
                 if "not_checkworthy" not in (p.label, p.claim.label)]
        cal = calibration(pairs)
        print(f"== {config}: macro-F1 {report.macro_f1:.3f}, accuracy {report.accuracy:.3f}, "
              f"hit@3 {report.evidence_hit_at_3:.3f}")
        print(f"   confidence ({cal['n']} checked claims): ECE {cal['ece']:.3f}, Brier {cal['brier']:.3f}, "
              f"mean confidence {cal['mean_confidence']:.3f} vs accuracy {cal['accuracy']:.3f}")
        for lo, hi, n, conf, acc in cal["table"]:
            print(f"   ({lo:.2f}, {hi:.2f}]: {n:>3} claims, mean confidence {conf:.3f}, right {acc:.3f}")
        if args.show:
            for p in predictions:
                mark = "ok " if p.label == p.claim.label else "XX "
                print(f"   {mark}{p.claim.id} gold={p.claim.label} pred={p.label} conf={p.confidence:.3f}")


if __name__ == "__main__":
    main()
