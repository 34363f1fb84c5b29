"""How often each explainable check fires on the written NLI pairs, and how often rightly.

    .venv/bin/python models/stance/nli/build.py --out ~/.cache/factcheck/nli/pairs.tsv
    .venv/bin/python models/stance/nli/check_precision.py ~/.cache/factcheck/nli/pairs.tsv --split test

Why: a check that fires on a sentence that does not contradict the claim prints a wrong Motsagt.
The written pairs were made by the team over 205 treebank documents on many topics, not for these
checks, so they say how the checks hold on text nobody tuned them for. A contradicting finding on an
entailment or neutral pair is a false alarm; precision = share of firings on contradiction pairs.
Develop on `--split train`, report `--split test` (the held-out documents). `--show KIND` prints
false alarms of one check. Reads the premise as the claim's passage (similarity fixed at 0.9).

`--write models/stance/finding_precision.json` (with `--split train`) stores each check's precision,
(right + 1) / (fires + 2), for checks that fire at least MIN_FIRES times: a Motsagt that rests on one
check is shown at most that sure (factcheck/verdict/combine.py).
"""
from __future__ import annotations

import argparse
import csv
import json
import random
import time
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from factcheck.stance.checks import run_checks  # noqa: E402

MIN_FIRES = 10  # fewer firings say too little: such a check gets the precision of all checks together


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pairs", type=Path)
    ap.add_argument("--split", default="test", choices=("train", "test"))
    ap.add_argument("--show", default="", help="print up to 12 false alarms of this check (negation, number, ...)")
    ap.add_argument("--write", type=Path, default=None, help="store each check's precision (JSON) for the verdict")
    a = ap.parse_args(argv)
    with open(a.pairs, encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh, delimiter="\t") if r["origin"] != "generated" and r["split"] == a.split]
    fired: dict[str, Counter] = defaultdict(Counter)
    false_alarms: dict[str, list] = defaultdict(list)
    for r in rows:
        outcome = run_checks(r["hypothesis"], r["premise"], 0.9)
        kinds = {f.kind for f in outcome.findings if f.effect == "contradicts"}
        for kind in kinds | ({"any"} if kinds else set()):
            fired[kind][r["label"]] += 1
            if r["label"] != "contradiction" and kind != "any":
                false_alarms[kind].append((r["label"], r["hypothesis"], r["premise"]))
    total = Counter(r["label"] for r in rows)
    print(f"{a.split}: {len(rows)} written pairs {dict(total)}")
    print(f"{'check':<12}{'fires':>7}{'precision':>11}{'recall':>8}  false alarms (entailment/neutral)")
    for kind, c in sorted(fired.items(), key=lambda x: -sum(x[1].values())):
        n = sum(c.values())
        print(f"{kind:<12}{n:>7}{c['contradiction'] / n:>11.3f}{c['contradiction'] / total['contradiction']:>8.3f}"
              f"  {c['entailment']}/{c['neutral']}")
    if a.write:
        precision = {kind: round((c["contradiction"] + 1) / (sum(c.values()) + 2), 3) for kind, c in fired.items()
                     if sum(c.values()) >= MIN_FIRES}
        a.write.write_text(json.dumps({
            "about": "share of each check's contradicting findings that fall on contradiction pairs, (right + 1) / "
                     "(fires + 2), on the team's written NLI pairs (models/stance/nli/check_precision.py); 'any' "
                     "stands for checks that fired fewer than min_fires times",
            "split": a.split, "pairs": len(rows), "min_fires": MIN_FIRES, "measured_at": time.strftime("%Y-%m-%d"),
            "fires": {kind: sum(c.values()) for kind, c in fired.items()}, "precision": precision,
        }, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {a.write}")
    if a.show:
        random.seed(1)
        for label, hyp, prem in random.sample(false_alarms[a.show], min(12, len(false_alarms[a.show]))):
            print(f"- {label}: {hyp}\n    premise: {prem}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
