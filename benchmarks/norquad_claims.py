"""Verdicts on a topic set nobody tuned for: claims written over the NorQuAD validation texts.

Run:  .venv/bin/python benchmarks/norquad_claims.py [--details]
      (FACTCHECK_STANCE_COMBINER=combiner-nli.json for the learned path)

The dev topic sets (fastlege, oljefondet) have been read claim by claim in every round, so their figures
flatter whatever was developed against them. This set is built like them but nobody tuned anything on it:
claims a journalist or op-ed writer might write (restated, with one detail wrong, on topic but undecided,
or opinion), written by the team over the 353 news and Wikipedia texts of ../shared/eval/norquad/
validation.json (CC0), which are the corpus. The repository keeps only the claims and where their
evidence stands (text number, character span): the texts are read from ../shared at run time and written
with the claims to /tmp/nqclaims, then `factcheck eval` scores them (macro-F1, hit@3, Motsagt precision,
Brier) in two halves: `norquad-diag` (writers a and b), whose errors may be read to find failure classes,
and `norquad-test` (writers c and d), which is only scored. How the claims were written:
benchmarks/data/norquad_claims.md.
"""
import csv
import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CLAIMS = REPO / "benchmarks" / "data" / "norquad_claims.tsv"
WORK = Path("/tmp/nqclaims")


def norquad_file() -> Path:
    from factcheck.evaluation.sets import find_eval_dir

    eval_dir = find_eval_dir()
    path = eval_dir / "norquad" / "validation.json" if eval_dir else None
    if path is None or not path.exists():
        sys.exit("benchmarks/norquad_claims.py: ../shared/eval/norquad/validation.json not found")
    return path


def texts(path: Path) -> list[str]:
    """The distinct contexts in order of first appearance (the numbering the claims file uses)."""
    seen: dict[str, None] = {}
    for article in json.loads(path.read_text(encoding="utf-8"))["data"]:
        for paragraph in article["paragraphs"]:
            seen.setdefault(paragraph["context"], None)
    return list(seen)


def write_corpus(contexts: list[str], folder: Path) -> Path:
    """One document per text, its first line as title; rewritten only when missing."""
    folder.mkdir(parents=True, exist_ok=True)
    for number, text in enumerate(contexts):
        doc = folder / f"nq{number:03d}.txt"
        if not doc.exists():
            doc.write_text(text, encoding="utf-8")
            meta = {"id": f"nq{number:03d}", "title": text.split("\n", 1)[0].strip(), "source_url": None,
                    "date": None, "language": "nb"}
            (folder / f"nq{number:03d}.meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    return folder


# the claims of writers a and b may be read one by one to find failure classes; those of c and d are only scored
HALVES = {"norquad-diag": "ab", "norquad-test": "cd"}


def write_claims(contexts: list[str], folder: Path) -> list[Path]:
    """The claims as `factcheck eval` reads them, one file per half, the evidence quoted from its text."""
    with open(CLAIMS, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    paths = []
    for name, writers in HALVES.items():
        path = folder / f"{name}.tsv"
        with open(path, "w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out, delimiter="\t")
            writer.writerow(["id", "label", "text", "evidence"])
            for row in rows:
                if row["id"][0] not in writers:
                    continue
                start, end = row["evidence_start"], row["evidence_end"]
                evidence = contexts[int(row["context"])][int(start):int(end)] if start else ""
                writer.writerow([row["id"], row["label"], row["text"], evidence])
        paths.append(path)
    return paths


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    contexts = texts(norquad_file())
    corpus = write_corpus(contexts, WORK / "corpus")
    halves = write_claims(contexts, WORK)
    extra = ["--format", "json", "--details"] if "--details" in sys.argv else []
    corpora = [arg for _ in halves for arg in ("--corpus", str(corpus))]
    subprocess.run([str(REPO / ".venv" / "bin" / "factcheck"), "eval", *map(str, halves), *corpora, *extra],
                   check=True, env=dict(os.environ))
