"""The stance reader on real claims: each dev claim against the corpus sentence that holds its gold quote.

Run:  .venv/bin/python benchmarks/reader_on_claims.py [--attention BASE] [--cross BASE|none] [--json OUT]

Why: the reader's own figure (models/stance/nli/evaluate_reader.py) is on the team's written pairs, whose
claims are edits of one short sentence. The dev sets' claims restate real articles against long report
sentences. Here every supported or contradicted claim of every dev set (`factcheck eval`'s sets) is read
against the sentence passage of its own corpus that holds its gold quote (the table row for a table quote),
through the run-time path (`NLIScorer`): what the reader says when retrieval is perfect, and, neutral
aside, whether it leans the right way between entailment and contradiction. A measurement only: nothing
is fitted on these claims.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WANT = {"supported": "entailment", "contradicted": "contradiction"}


def gold_passage(passages, quote: str):
    """The shortest passage (a sentence or row before a window) whose text holds the gold quote."""
    from factcheck.evaluation.claims import holds_quote

    found = [p for p in passages if holds_quote(p.text, quote)]
    return min(found, key=lambda p: (p.kind == "window", len(p.text)), default=None)


def main(argv=None) -> int:
    from factcheck.embedding.encoder import Encoder
    from factcheck.evaluation.claims import read_claims
    from factcheck.evaluation.sets import cached_index, discover_sets, find_eval_dir
    from factcheck.index.store import PassageIndex
    from factcheck.stance import cross, nli
    from factcheck.text.nlp import load_nlp

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--attention", default=str(ROOT / "models" / nli.ARTEFACT), help="attention model (path without .npz)")
    ap.add_argument("--cross", default=str(ROOT / "models" / cross.ARTEFACT), help="cross-encoder (path without .npz) or none")
    ap.add_argument("--json", type=Path, default=None,
                    help="write the figures and every claim's reading (ids and probabilities, no text) here")
    a = ap.parse_args(argv)

    eval_dir = find_eval_dir()
    if eval_dir is None:
        print("no ../shared/eval found (set FACTCHECK_EVAL_DIR)", file=sys.stderr)
        return 2
    encoder = Encoder()
    scorer = nli.scorer_from(a.attention, a.cross, encoder)
    if scorer is None:
        print("a stance artefact could not be loaded (see the warning above)", file=sys.stderr)
        return 2
    nlp = None
    started = time.perf_counter()
    sets, readings = {}, []
    for s in discover_sets(eval_dir):
        if s.corpus is None:
            from factcheck.api import FactChecker

            index = FactChecker.load().index
        else:
            nlp = nlp or load_nlp()
            index = PassageIndex.load(cached_index(s.corpus, encoder, nlp))
        claims = [c for c in read_claims(s.claims) if c.label in WANT and c.evidence]
        counts = Counter()
        for c in claims:
            passage = gold_passage(index.passages, c.evidence)
            if passage is None:
                counts["no passage"] += 1
                continue
            vec, tok = encoder.encode_with_tokens([c.text], "query")
            probs = scorer.probabilities(c.text, vec[0], tok[0], [passage.text])[0]
            read = max(probs, key=probs.get)
            counts["right" if read == WANT[c.label] else read] += 1
            counts["read"] += 1
            # neutral aside: does the reader lean the right way between entailment and contradiction?
            other = "contradiction" if WANT[c.label] == "entailment" else "entailment"
            counts["leans right"] += probs[WANT[c.label]] > probs[other]
            readings.append({"set": s.name, "id": c.id, "label": c.label, "read": read,
                             **{k: round(v, 3) for k, v in probs.items()}})  # no text: the eval sets stay in ../shared
        sets[s.name] = {"claims": len(claims), "read": counts["read"], "right": counts["right"],
                        "accuracy": round(counts["right"] / max(1, counts["read"]), 3),
                        "read_neutral": counts["neutral"], "leans_right": counts["leans right"],
                        "no_passage": counts["no passage"]}
    read = sum(v["read"] for v in sets.values())
    right = sum(v["right"] for v in sets.values())
    sets["all"] = {"read": read, "right": right, "accuracy": round(right / max(1, read), 3),
                   "read_neutral": sum(v["read_neutral"] for v in sets.values()),
                   "leans_right": sum(v["leans_right"] for v in sets.values())}
    for name, v in sets.items():
        print(f"{name:<12} right {v['right']:>3} of {v['read']:>3} ({v['accuracy']:.2f}); read as neutral {v['read_neutral']}; "
              f"entailment vs contradiction alone right {v['leans_right']}")
    if a.json:
        named = {k: os.path.relpath(v, ROOT) if v != "none" else v for k, v in (("attention", a.attention), ("cross", a.cross))}
        a.json.write_text(json.dumps({**named, "sets": sets,
                                      "seconds": round(time.perf_counter() - started), "readings": readings},
                                     indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
