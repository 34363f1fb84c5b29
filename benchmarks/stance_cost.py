"""What the learned verdict path costs per claim, against the default, in one run on one article.

Run:  .venv/bin/python benchmarks/stance_cost.py [--article FILE] [--json benchmarks/results/stance_cost.json]

A warm checker (model and index loaded once) checks each check-worthy sentence of the article alone
(median and p90 ms per claim) and the whole article, first with the default verdict path (the
explainable checks; the stance model is not run) and then with FACTCHECK_STANCE_COMBINER=
combiner-nli.json (the stance model reads every retrieved passage). Passage token vectors are cached
for the checker's lifetime, so the second pass over the article shows the warm cost.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
DEFAULT_ARTICLE = HERE / "data" / "artikkel_1000_ord.txt"


def measure(article: str) -> dict:
    from factcheck.api import FactChecker
    from factcheck.stance.combiner import load_combiner
    from factcheck.text.sentences import split_sentences

    load_combiner.cache_clear()
    checker = FactChecker.load()
    claims = [c.text for c in checker.check(article).claims]  # warm-up pass, also fills caches
    per_claim = []
    for text in claims:
        started = time.perf_counter()
        checker.check_sentences(split_sentences(text, checker.nlp))
        per_claim.append((time.perf_counter() - started) * 1000)
    started = time.perf_counter()
    checker.check(article)
    whole = (time.perf_counter() - started) * 1000
    return {"stance_model_runs": checker.nli is not None, "claims": len(claims),
            "claim_ms_median": round(statistics.median(per_claim), 1),
            "claim_ms_p90": round(sorted(per_claim)[int(0.9 * (len(per_claim) - 1))], 1),
            "article_ms": round(whole, 1)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--article", type=Path, default=DEFAULT_ARTICLE)
    ap.add_argument("--json", type=Path, default=None)
    a = ap.parse_args()
    article = a.article.read_text(encoding="utf-8")
    results = {"load_average": os.getloadavg()[0]}
    os.environ.pop("FACTCHECK_STANCE_COMBINER", None)
    results["default"] = measure(article)
    os.environ["FACTCHECK_STANCE_COMBINER"] = "combiner-nli.json"
    results["combiner_nli"] = measure(article)
    print(json.dumps(results, indent=2))
    if a.json:
        a.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
