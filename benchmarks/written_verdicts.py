"""Verdicts on claims nobody tuned for: the written NLI hypotheses of the held-out treebank documents.

Run:  .venv/bin/python benchmarks/written_verdicts.py [PAIRS] [--details] [--development]
      (PAIRS: models/stance/nli/build.py's output, default ~/.cache/factcheck/nli/pairs.tsv)

--development checks a tenth of the train-split documents' hypotheses instead (written_docs.development_rows,
corpus in /tmp/nlidocs-train): the set to try a change on before measuring it here.

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

ENV = dict(os.environ)  # before the training helpers turn the combiner off for their own use
sys.path.insert(0, str(Path(__file__).resolve().parent))
from written_docs import DEFAULT_PAIRS, DEVELOPMENT_WORK, REPO, WORK, corpus, development_rows, held_out_rows  # noqa: E402
from train_verdict_nli import VERDICT_OF  # noqa: E402  (written_docs puts models/stance on the path)

args = [a for a in sys.argv[1:] if not a.startswith("--")]
pairs = Path(args[0]) if args else DEFAULT_PAIRS
development = "--development" in sys.argv
rows = development_rows(pairs) if development else held_out_rows(pairs)
work = DEVELOPMENT_WORK if development else WORK
documents = corpus(rows, work)
claims = work / "claims.tsv"
with open(claims, "w", encoding="utf-8", newline="") as fh:
    out = csv.writer(fh, delimiter="\t")
    out.writerow(["id", "label", "text", "evidence"])
    for i, r in enumerate(rows):
        out.writerow([f"w{i:04d}", VERDICT_OF[r["label"]], r["hypothesis"],
                      r["premise"] if r["label"] != "neutral" else ""])
extra = ["--format", "json", "--details"] if "--details" in sys.argv else []
subprocess.run([str(REPO / ".venv" / "bin" / "factcheck"), "eval", str(claims), "--corpus", str(documents),
                *extra], check=True, env=ENV)
