"""Counts of the labelled set for DATASHEET.md: per source, kind, label, language and split.

    python models/checkworthy/stats.py            # markdown tables on stdout
"""
from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import sentences  # noqa: E402

LABELS = Path(__file__).resolve().parent / "data" / "labels.tsv"


def _table(title: str, rows: list[dict], key) -> str:
    groups = sorted({key(r) for r in rows})
    out = [f"| {title} | sentences | checkworthy | share | train | test |", "|---|---:|---:|---:|---:|---:|"]
    for g in groups + ["all"]:
        rr = rows if g == "all" else [r for r in rows if key(r) == g]
        pos = sum(r["checkworthy"] == "1" for r in rr)
        sides = Counter(r["split"] for r in rr)
        out.append(f"| {g} | {len(rr)} | {pos} | {pos / len(rr):.0%} | {sides['train']} | {sides['test']} |")
    return "\n".join(out)


def main() -> int:
    with LABELS.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    try:
        for r in rows:
            r["source"], r["split"] = sentences.source(r["sent_id"]), sentences.split(r["sent_id"])
            r["document"] = sentences.document(r["sent_id"])
    except FileNotFoundError as exc:
        print(f"error: {exc.filename or exc} not found; set FACTCHECK_SHARED to ../shared", file=sys.stderr)
        return 1
    print(_table("source", rows, lambda r: r["source"]), end="\n\n")
    print(_table("kind", rows, lambda r: r["kind"]), end="\n\n")
    print(_table("lang", rows, lambda r: r["lang"]), end="\n\n")
    print(_table("round", rows, lambda r: r["round"]), end="\n\n")
    docs = {r["document"]: r["split"] for r in rows}
    print(f"documents: {len(docs)}, test {sum(s == 'test' for s in docs.values())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
