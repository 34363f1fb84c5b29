"""The held-out written NLI pairs as a benchmark corpus: one reader for the benchmarks that use it.

The hypotheses the team wrote about sentences of the test-split treebank documents
(models/stance/nli/build.py's output, default ~/.cache/factcheck/nli/pairs.tsv), and those whole
documents written once to /tmp/nlidocs/corpus, so a claim meets the distractors a real corpus has.

`development_rows` is the same kind of set from the train-split documents, for trying a change before
it is measured on the held-out one: a stable sample of the written train pairs that the verdict
combiner's training (models/stance/train_verdict_nli.py, its first half by the same hash) never reads.
"""
import csv
import hashlib
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WORK = Path("/tmp/nlidocs")
DEVELOPMENT_WORK = Path("/tmp/nlidocs-train")
DEFAULT_PAIRS = Path(os.path.expanduser("~/.cache/factcheck/nli/pairs.tsv"))
sys.path[:0] = [str(REPO), str(REPO / "models" / "stance"), str(REPO / "models" / "stance" / "nli")]


def held_out_rows(pairs: Path = DEFAULT_PAIRS) -> list[dict]:
    """The written (not generated) pairs of the test split."""
    with open(pairs, encoding="utf-8") as fh:
        return [r for r in csv.DictReader(fh, delimiter="\t") if r["origin"] != "generated" and r["split"] == "test"]


def development_rows(pairs: Path = DEFAULT_PAIRS, share: float = 0.1) -> list[dict]:
    """About `share` of the written train-split pairs, picked by a hash of the pair id from the half
    that train_verdict_nli.py's --claim-share 0.5 leaves out (its hash is below 500 per mille)."""
    def picked(row) -> bool:
        return 500 <= int(hashlib.sha1(row["pair_id"].encode()).hexdigest(), 16) % 1000 < 500 + share * 1000

    with open(pairs, encoding="utf-8") as fh:
        return [r for r in csv.DictReader(fh, delimiter="\t")
                if r["origin"] != "generated" and r["split"] == "train" and picked(r)]


def corpus(rows: list[dict], work: Path = WORK) -> Path:
    """The folder of the rows' whole documents, written on first use."""
    from train_verdict_nli import write_corpus

    if not (work / "corpus").is_dir():
        write_corpus(rows, work / "corpus", True)
    return work / "corpus"
