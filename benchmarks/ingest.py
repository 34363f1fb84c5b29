"""Ingestion of a folder of PDF reports: pages/s, total time, and a re-run after one file changed.

Run:  nice .venv/bin/python benchmarks/ingest.py [--pdfs 200] [--pages 25] [--index-pdfs 200]
      [--workers 1 2] [--folder /tmp/faktasjekk-ingest] [--output benchmarks/results/ingest.json]

1. Generates --pdfs typeset reports of about --pages pages each (running header,
   page-number footer, hyphenated line breaks, every other report in two columns),
   with sentences of the Norwegian Dependency Treebank (../shared/data/norne/ndt_nob,
   read from there, never copied into the repository) shuffled per report. Not timed.
2. Reads them (scan + PDF text + repair, no sentence splitting) with each of --workers
   worker processes: the parallel speed-up of the PDF stage alone.
3. Indexes the first --index-pdfs of them as `factcheck index` does (read, split with the
   real spaCy pipeline, embed with the real default model) with progress bars; reports
   pages/s and the time of each stage.
4. Changes one file and indexes again: the re-run reads that file only (files_read == 1).

On a small shared CPU, embedding dominates; --index-pdfs lets stage 3 run on a part of
the generated set while stage 2 still reads all of it. Results go to --output as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

NDT = REPO.parent / "shared" / "data" / "norne" / "ndt_nob"
WORDS_PER_PAGE = 720  # what a 10.5 pt A4 page of the generated layout holds, roughly
NO_SPACE_BEFORE = {".", ",", ":", ";", "!", "?", ")", "»", "%"}


def ndt_sentences() -> list[str]:
    """The treebank's sentences as running text (tokens joined, no space before punctuation)."""
    if not NDT.is_dir():
        sys.exit(f"no treebank at {NDT}: the benchmark reads its text from ../shared/data/norne")
    sentences = []
    for path in sorted(NDT.glob("*.conll")):
        tokens: list[str] = []
        for line in path.read_text(encoding="utf-8").splitlines() + [""]:
            if line.strip():
                tokens.append(line.split("\t")[1])
                continue
            if len(tokens) >= 6 and tokens[-1] in {".", "!", "?"}:
                text = ""
                for token in tokens:
                    text += token if (not text or token in NO_SPACE_BEFORE or text.endswith(("(", "«"))) else f" {token}"
                sentences.append(text)
            tokens = []
    return sentences


def generate(folder: Path, pdfs: int, pages: int, seed: int = 7) -> dict:
    from source_fixtures import write_text_pdf

    sentences = ndt_sentences()
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    for n in range(pdfs):
        target = folder / f"rapport-{n:03d}.pdf"
        if target.exists():
            continue
        words, paragraphs, current = 0, [], []
        while words < pages * WORDS_PER_PAGE:
            sentence = rng.choice(sentences)
            current.append(sentence)
            words += len(sentence.split())
            if len(current) >= rng.randint(3, 7):
                paragraphs.append(" ".join(current))
                current = []
        paragraphs.append(" ".join(current))
        write_text_pdf(target, f"Rapport {n + 1} fra Utredningsetaten 2025", paragraphs, columns=1 + n % 2)
    return {"sentences_available": len(sentences), "seconds": round(time.perf_counter() - started, 1)}


def read_only(folder: Path, workers: int) -> dict:
    """Stage 2: every PDF read and repaired (no sentence splitting), in `workers` processes."""
    from factcheck.corpus.scan import scan_corpus
    from factcheck.index.ingest import _read_all

    started = time.perf_counter()
    scan = scan_corpus(folder)
    pages = files = 0
    for _source, found in _read_all(scan.files, workers):
        if hasattr(found, "pages"):
            pages += len(found.pages)
            files += 1
    seconds = time.perf_counter() - started
    return {"workers": workers, "files": files, "pages": pages, "seconds": round(seconds, 2),
            "pages_per_s": round(pages / seconds, 1)}


def index(folder: Path, index_dir: Path, workers: int | None) -> dict:
    """Stage 3/4: `factcheck index` with the real model and pipeline, timed per stage."""
    import factcheck.index.ingest as ingest_module
    from factcheck.embedding.encoder import Encoder
    from factcheck.index.store import build_index

    timings = {}
    real_ingest = ingest_module.ingest

    def timed_ingest(*args, **kwargs):
        began = time.perf_counter()
        out = real_ingest(*args, **kwargs)
        timings["read_and_split_s"] = time.perf_counter() - began
        return out

    import factcheck.index.store as store

    store.ingest = timed_ingest
    try:
        began = time.perf_counter()
        encoder = Encoder()
        timings["model_load_s"] = round(time.perf_counter() - began, 1)
        report = build_index(folder, index_dir, encoder, bar=True, workers=workers, progress=lambda m: print(m, file=sys.stderr))
    finally:
        store.ingest = real_ingest
    pages = report.pages_read
    split_s = timings.pop("read_and_split_s")
    return {
        "documents": report.documents, "files_read": report.files_read, "pages_read": pages,
        "passages": report.passages, "embedded": report.embedded, "reused": report.reused,
        "seconds": round(report.seconds, 1), **timings, "read_and_split_s": round(split_s, 2),
        "embed_and_write_s": round(report.seconds - split_s, 1),
        "pages_per_s": round(pages / report.seconds, 2) if pages else None,
        "read_and_split_pages_per_s": round(pages / split_s, 1) if pages else None,
        "problems": [str(p) for p in report.problems],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pdfs", type=int, default=200)
    parser.add_argument("--pages", type=int, default=25, help="pages per PDF, roughly")
    parser.add_argument("--index-pdfs", type=int, default=None, help="index only the first N PDFs in stage 3 [default: all]")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--folder", type=Path, default=Path("/tmp/faktasjekk-ingest"))
    parser.add_argument("--output", type=Path, default=HERE / "results" / "ingest.json")
    args = parser.parse_args()

    generated = args.folder / "pdfs"
    result = {"machine": {"cpus": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version()},
              "settings": vars(args) | {"folder": str(args.folder), "output": str(args.output)}}
    print(f"generating {args.pdfs} PDFs of ~{args.pages} pages in {generated} ...", file=sys.stderr)
    result["generate"] = generate(generated, args.pdfs, args.pages)
    result["read_only"] = [read_only(generated, w) for w in args.workers]
    print(json.dumps(result["read_only"]), file=sys.stderr)

    corpus = args.folder / "corpus"
    shutil.rmtree(corpus, ignore_errors=True)
    corpus.mkdir()
    for path in sorted(generated.glob("*.pdf"))[: args.index_pdfs or args.pdfs]:
        os.link(path, corpus / path.name)
    index_dir = args.folder / "index"
    shutil.rmtree(index_dir, ignore_errors=True)
    result["index"] = index(corpus, index_dir, None)
    print(json.dumps(result["index"]), file=sys.stderr)

    changed = sorted(corpus.glob("*.pdf"))[0]
    changed.unlink()  # a new version of one report (a hard link: do not touch the generated original)
    from source_fixtures import write_report_pdf

    write_report_pdf(changed)
    result["rerun_after_one_change"] = index(corpus, index_dir, None)
    print(json.dumps(result["rerun_after_one_change"]), file=sys.stderr)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
