"""Verdicts on claims nobody tuned for: the written NLI hypotheses of the held-out treebank documents.

Run:  .venv/bin/python benchmarks/written_verdicts.py [PAIRS] [--details]
      (PAIRS: models/stance/nli/build.py's output, default ~/.cache/factcheck/nli/pairs.tsv)

Each hypothesis of a test-split document is checked as a claim against a corpus of those whole documents
(the same corpus benchmarks/citation_order.py uses, written to /tmp/nlidocs/corpus): entailment should come
out Støttet, contradiction Motsagt, neutral "Ikke nok grunnlag", with the premise cited. The dev claim sets
are one topic each; these are news, blogs, reports and minutes on many topics, written by the team, and no
threshold or rule was fitted on them. `factcheck eval` does the scoring (macro-F1, hit@3, Motsagt precision,
Brier of the confidence shown).
"""
import csv
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ENV = dict(os.environ)  # before the training helpers turn the combiner off for their own use
sys.path[:0] = [str(REPO), str(REPO / "models" / "stance"), str(REPO / "models" / "stance" / "nli")]
from train_verdict_nli import VERDICT_OF, write_corpus  # noqa: E402

args = [a for a in sys.argv[1:] if not a.startswith("--")]
PAIRS = Path(args[0]) if args else Path(os.path.expanduser("~/.cache/factcheck/nli/pairs.tsv"))
with open(PAIRS, encoding="utf-8") as fh:
    rows = [r for r in csv.DictReader(fh, delimiter="\t") if r["origin"] != "generated" and r["split"] == "test"]
work = Path("/tmp/nlidocs")
if not (work / "corpus").is_dir():
    write_corpus(rows, work / "corpus", True)
claims = work / "claims.tsv"
with open(claims, "w", encoding="utf-8", newline="") as fh:
    out = csv.writer(fh, delimiter="\t")
    out.writerow(["id", "label", "text", "evidence"])
    for i, r in enumerate(rows):
        out.writerow([f"w{i:04d}", VERDICT_OF[r["label"]], r["hypothesis"],
                      r["premise"] if r["label"] != "neutral" else ""])
extra = ["--format", "json", "--details"] if "--details" in sys.argv else []
subprocess.run([str(REPO / ".venv" / "bin" / "factcheck"), "eval", str(claims), "--corpus", str(work / "corpus"),
                *extra], check=True, env=ENV)
