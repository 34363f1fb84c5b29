"""The held-out written NLI pairs as a benchmark corpus: one reader for the benchmarks that use it.

The hypotheses the team wrote about sentences of the test-split treebank documents
(models/stance/nli/build.py's output, default ~/.cache/factcheck/nli/pairs.tsv), and those whole
documents written once to /tmp/nlidocs/corpus, so a claim meets the distractors a real corpus has.
"""
import csv
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WORK = Path("/tmp/nlidocs")
DEFAULT_PAIRS = Path(os.path.expanduser("~/.cache/factcheck/nli/pairs.tsv"))
sys.path[:0] = [str(REPO), str(REPO / "models" / "stance"), str(REPO / "models" / "stance" / "nli")]


def held_out_rows(pairs: Path = DEFAULT_PAIRS) -> list[dict]:
    """The written (not generated) pairs of the test split."""
    with open(pairs, encoding="utf-8") as fh:
        return [r for r in csv.DictReader(fh, delimiter="\t") if r["origin"] != "generated" and r["split"] == "test"]


def corpus(rows: list[dict]) -> Path:
    """The folder of the rows' whole documents, written on first use."""
    from train_verdict_nli import write_corpus

    if not (WORK / "corpus").is_dir():
        write_corpus(rows, WORK / "corpus", True)
    return WORK / "corpus"
