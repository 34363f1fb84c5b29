"""Restated claims over the train-split treebank documents: claims as other writers make them.

    .venv/bin/python models/stance/restated/restated_claims.py import /tmp/restated/batch*.tsv  # writers' files -> claims.tsv
    .venv/bin/python models/stance/restated/restated_claims.py rows --out /tmp/restated.pkl     # for train_confidence.py
    .venv/bin/python models/stance/restated/restated_claims.py eval                             # factcheck eval on them

Why: the verdict combiner and the confidence mapping learned from generated HAB claims and from the written NLI
hypotheses, which are one-word edits of a sentence. The hidden sets hold claims like the dev topics': a fact of a
source document restated in a writer's own words, one detail made wrong, or a plausible detail the source never
gives (DATASHEET.md). Those claims are written here over whole train-split documents, so nothing measured on
the dev sets, the written held-out documents or NorQuAD is read.

The repository keeps the claims and where their evidence stands (document id, character span of the document as
`train_verdict_nli.write_corpus` writes it from ../shared); the texts are rebuilt from ../shared. `rows` checks
every claim against the whole train-split documents as one corpus, as the checker does (no stance model), and
saves the featurised rows the trainers' --rows write; `eval` scores them with `factcheck eval`.
"""
from __future__ import annotations

import argparse
import csv
import os
import pickle
import subprocess
import sys
import time
from collections import Counter
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
sys.path[:0] = [str(REPO), str(HERE.parent), str(HERE.parent / "nli")]

ENV = dict(os.environ)  # before the trainers' modules turn the combiner off for their own use (`eval` needs it on)
CLAIMS = HERE / "claims.tsv"
WORK = Path(os.environ.get("FACTCHECK_RESTATED_WORK", Path.home() / ".cache/factcheck/restated"))
FIELDS = ["id", "doc", "start", "end", "label", "lang", "phenomenon", "writer", "text"]
LABELS = {"supported", "contradicted", "not_enough_info"}


def corpus(work: Path = WORK) -> Path:
    """Every train-split treebank document, whole, one file each (written once)."""
    from build import split_of
    from premises import NDT_DIR
    from train_verdict_nli import write_corpus

    folder = work / "corpus"
    if not folder.is_dir():
        docs = sorted(p.stem for p in NDT_DIR.glob("*.conll") if split_of(p.stem) == "train")
        write_corpus([{"doc": d, "premise": "", "origin": "written"} for d in docs], folder, True)
    return folder


def read_claims(path: Path = CLAIMS) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


@lru_cache(maxsize=None)
def _document(file: Path) -> str:
    """A rebuilt document, read once however many claims are about it."""
    return file.read_text(encoding="utf-8")


def evidence(row: dict, folder: Path) -> str:
    if not row["start"]:
        return ""
    return _document(folder / f"{row['doc']}.txt")[int(row["start"]):int(row["end"])]


def _find(quote: str, text: str) -> tuple[int, int] | None:
    at = text.find(quote)
    if at < 0:
        at = text.find(quote.strip(" .«»\""))
        quote = quote.strip(" .«»\"")
    return (at, at + len(quote)) if at >= 0 and quote else None


def import_files(files: list[Path], out: Path) -> int:
    """The writers' files (doc, label, lang, phenomenon, text, evidence quoted) -> claims.tsv with spans."""
    folder = corpus()
    rows, dropped = [], Counter()
    for writer, path in enumerate(sorted(files)):
        with open(path, encoding="utf-8") as fh:
            for r in csv.DictReader(fh, delimiter="\t"):
                doc, label, text = (r.get("doc") or "").strip(), (r.get("label") or "").strip(), (r.get("text") or "").strip()
                file = folder / f"{doc}.txt"
                if label not in LABELS or not text or not file.exists():
                    dropped["bad row"] += 1
                    continue
                span = ("", "")
                if label != "not_enough_info":
                    found = _find((r.get("evidence") or "").strip(), _document(file))
                    if found is None:
                        dropped["evidence not in its document"] += 1
                        continue
                    span = found
                rows.append({"doc": doc, "start": span[0], "end": span[1], "label": label,
                             "lang": (r.get("lang") or "nb").strip(), "phenomenon": (r.get("phenomenon") or "").strip(),
                             "writer": chr(ord("a") + writer), "text": " ".join(text.split())})
    with open(out, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, FIELDS, delimiter="\t", lineterminator="\n")
        w.writeheader()
        for i, r in enumerate(rows):
            w.writerow({"id": f"r{i:04d}", **r})
    print(f"{len(rows)} claims -> {out}; dropped: {dict(dropped) or 'none'}")
    print(dict(Counter(r["label"] for r in rows)), dict(Counter(r["lang"] for r in rows)))
    return 0


def rows(out: Path) -> int:
    """Check every claim as the checker does (no stance model) and save the featurised rows."""
    from factcheck.embedding.encoder import Encoder
    from factcheck.index.store import PassageIndex, build_index
    from train_verdict_combiner import featurise_rules_only

    started = time.perf_counter()
    encoder = Encoder()
    build_index(corpus(), WORK / "index", encoder, progress=print)
    claims = [(r["text"], r["label"], r["doc"], r["phenomenon"]) for r in read_claims()]
    found = featurise_rules_only(PassageIndex.load(WORK / "index"), encoder, claims)
    out.write_bytes(pickle.dumps(found))
    print(f"{len(found)} check-worthy claims of {len(claims)}: {dict(Counter(r[0][1] for r in found))} "
          f"-> {out} ({time.perf_counter() - started:.0f} s)")
    return 0


def evaluate(extra: list[str]) -> int:
    """`factcheck eval` of the claims against the whole train-split documents."""
    folder = corpus()
    claims = WORK / "claims_eval.tsv"
    with open(claims, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["id", "label", "text", "evidence"])
        for r in read_claims():
            w.writerow([r["id"], r["label"], r["text"], evidence(r, folder)])
    # the index `rows` built, else one keyed by the corpus's content in factcheck's own cache
    where = ["--index", str(WORK / "index")] if (WORK / "index").is_dir() else ["--corpus", str(folder)]
    return subprocess.run([str(REPO / ".venv" / "bin" / "factcheck"), "eval", str(claims), *where, *extra],
                          env=ENV).returncode


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    imp = sub.add_parser("import", help="writers' TSV files -> claims.tsv")
    imp.add_argument("files", type=Path, nargs="+")
    imp.add_argument("--out", type=Path, default=CLAIMS)
    featurised = sub.add_parser("rows", help="featurised claims for train_confidence.py")
    featurised.add_argument("--out", type=Path, required=True)
    sub.add_parser("eval", help="factcheck eval of the claims; other options go to it (--format json --details)")
    a, extra = ap.parse_known_args(argv)
    if extra and a.command != "eval":
        ap.error(f"unrecognized arguments: {' '.join(extra)}")
    if a.command == "import":
        return import_files(a.files, a.out)
    if a.command == "rows":
        return rows(a.out)
    return evaluate(extra)


if __name__ == "__main__":
    raise SystemExit(main())
