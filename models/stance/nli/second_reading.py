"""Blind second reading of written NLI pairs: draw a sample without labels, then score agreement.

    python models/stance/nli/second_reading.py sample --batches 4 5 6 7 8 9 --n 150 --out /tmp/blind.tsv
    (a second reader adds a column `second_label` to that file, never seeing the written labels)
    python models/stance/nli/second_reading.py score /tmp/blind.tsv --batches 4 5 6 7 8 9 \
        --save models/stance/nli/second_reading_round2.tsv

Why: the label error rate of written data is what bounds every figure measured on it; the
datasheet reports it per round from a sample a second reader labelled without seeing the first.
"""
from __future__ import annotations

import argparse
import csv
import random
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from build import LABELS, written_pairs  # noqa: E402


def kappa(pairs: list[tuple[str, str]]) -> float:
    """Cohen's kappa of two label sequences."""
    n = len(pairs)
    observed = sum(a == b for a, b in pairs) / n
    first, second = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(first[label] * second[label] for label in LABELS) / n / n
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * ((p * (1 - p) / n + z * z / (4 * n * n)) ** 0.5) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("sample", help="a blind sample: pair_id, premise, hypothesis (no label)")
    s.add_argument("--batches", type=int, nargs="+", required=True)
    s.add_argument("--n", type=int, default=150)
    s.add_argument("--seed", type=int, default=11)
    s.add_argument("--out", type=Path, required=True)
    c = sub.add_parser("score", help="agreement of a filled-in blind sample with the written labels")
    c.add_argument("blind", type=Path)
    c.add_argument("--batches", type=int, nargs="+", required=True)
    c.add_argument("--save", type=Path, default=None, help="write pair_id, second_label, agreement")
    a = ap.parse_args(argv)
    rows = written_pairs(tuple(a.batches))
    if a.cmd == "sample":
        picked = random.Random(a.seed).sample(rows, min(a.n, len(rows)))
        with a.out.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, delimiter="\t", lineterminator="\n")
            w.writerow(["pair_id", "premise", "hypothesis", "second_label"])
            for r in picked:
                w.writerow([r["pair_id"], r["premise"], r["hypothesis"], ""])
        print(f"{len(picked)} pairs of {len(rows)} -> {a.out}")
        return 0
    written = {r["pair_id"]: r["label"] for r in rows}
    with a.blind.open(encoding="utf-8") as fh:
        read = [r for r in csv.DictReader(fh, delimiter="\t") if r.get("second_label") in LABELS]
    if not read:
        print(f"no labelled rows in {a.blind}", file=sys.stderr)
        return 2
    pairs = [(written[r["pair_id"]], r["second_label"]) for r in read]
    agree = sum(x == y for x, y in pairs)
    lo, hi = wilson(len(pairs) - agree, len(pairs))
    print(f"{len(pairs)} pairs; agreement {agree}/{len(pairs)} ({agree / len(pairs):.1%}), kappa {kappa(pairs):.3f}; "
          f"disagreement 95% Wilson interval {lo:.1%}–{hi:.1%}")
    confusion = Counter(pairs)
    print("written \\ second  " + "  ".join(x[:6] for x in LABELS))
    for x in LABELS:
        print(f"{x:16s}  " + "  ".join(f"{confusion[(x, y)]:6d}" for y in LABELS))
    for r in read:
        if written[r["pair_id"]] != r["second_label"]:
            print(f"  {r['pair_id']}: written {written[r['pair_id']]}, second {r['second_label']} | {r['hypothesis']}")
    if a.save:
        with a.save.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, delimiter="\t", lineterminator="\n")
            w.writerow(["pair_id", "second_label", "agreement"])
            for r in read:
                w.writerow([r["pair_id"], r["second_label"], "agree" if written[r["pair_id"]] == r["second_label"] else "disagree"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
