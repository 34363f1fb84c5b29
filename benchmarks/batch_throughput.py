"""Sentences per second of `factcheck batch` against bare sentence-transformers encode, same run.

Run:  .venv/bin/python benchmarks/batch_throughput.py [--utterances 2000] [--workers N] [--engine local|dask]
      [--transcript FILE.csv] [--turns 4] [--all-sentences] [--backend torch|auto|onnx|onnx-int8] [--json OUT.json]
      (default: a synthetic debate from make_transcript.py; results of record in benchmarks/results/batch_throughput*.json)

The transcript is cut into --turns pieces; for each piece, in turn:
1. `factcheck batch` checks it in a fresh process (as a user runs it) and reports its own
   processing time after the workers have loaded the model (the end-to-end wall time
   includes start-up). Its embedding backend is torch by default, the engine the bare
   encode uses (--backend).
2. A fresh process imports sentence-transformers, loads the same model and encodes the
   claims that batch embedded (query prompt, batch size 32, normalised) — the work no
   pipeline can avoid — and, with --all-sentences, every sentence.
Taking turns keeps a shared machine's changing load from favouring either side.
Ratios (target >= 0.8): batch claims/s over bare encode claims/s (headline: batch also
splits, skips, retrieves, judges stance and writes). The default index and model must exist.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

BARE = r"""
import json, sys, time
t0 = time.perf_counter()
from sentence_transformers import SentenceTransformer
model = SentenceTransformer(sys.argv[1], device="cpu")
t1 = time.perf_counter()
data = json.load(open(sys.argv[2], encoding="utf-8"))
times = {}
for name, texts in data.items():
    start = time.perf_counter()
    model.encode(texts, prompt="query: ", batch_size=32, normalize_embeddings=True)
    times[name] = time.perf_counter() - start
print(json.dumps({"load_s": t1 - t0, **times}))
"""


def run_batch(transcript: Path, out: Path, workers: int, engine: str, backend: str) -> tuple[float, float, str, str]:
    command = [sys.executable, "-m", "factcheck", "batch", str(transcript), "-o", str(out), "--overwrite",
               "--lang", "en", "--engine", engine, "-w", str(workers)]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "FACTCHECK_BACKEND": backend})
    wall = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"factcheck batch failed:\n{done.stderr}")
    speed = re.search(r"Speed: [\d.]+ sent\./s \((\d+) / ([\d.]+) s; ([^)]*)\)", done.stdout)
    return wall, float(speed.group(2)), speed.group(3), done.stdout


def bare_encode(model_dir: str, texts: dict[str, list[str]], work: Path) -> dict:
    data = work / "sentences.json"
    data.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", BARE, model_dir, str(data)], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def resolved_backend(backend: str) -> str:
    """What `backend` runs as here (auto: ONNX when the export is there and interchangeable, else torch)."""
    from factcheck.embedding.encoder import Encoder

    return type(Encoder(backend=backend)).__name__


def split_csv(transcript: Path, parts: int, work: Path) -> list[Path]:
    """The transcript in `parts` consecutive pieces, so batch and bare encode can take turns."""
    with open(transcript, encoding="utf-8", newline="") as fh:
        header, *rows = list(csv.reader(fh))
    size = -(-len(rows) // parts)
    paths = []
    for i in range(parts):
        path = work / f"{transcript.stem}-{i + 1}.csv"
        with open(path, "w", encoding="utf-8", newline="") as fh:
            csv.writer(fh).writerows([header, *rows[i * size:(i + 1) * size]])
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--utterances", type=int, default=2000)
    parser.add_argument("--transcript", type=Path, help="a CSV transcript (default: a synthetic debate)")
    parser.add_argument("--workers", type=int, default=min(os.cpu_count() or 1, 4))
    parser.add_argument("--engine", default="local", choices=["local", "dask"])
    parser.add_argument("--backend", default="torch", choices=["torch", "auto", "onnx", "onnx-int8"],
                        help="embedding backend of the batch run (torch: the same engine as the bare encode)")
    parser.add_argument("--turns", type=int, default=4,
                        help="pieces of the transcript; batch and bare encode take turns, so a machine whose load "
                             "changes during the run affects both alike")
    parser.add_argument("--all-sentences", action="store_true", help="also time bare encode of every sentence")
    parser.add_argument("--keep", type=Path, help="a folder for the batch outputs instead of a temporary one")
    parser.add_argument("--json", type=Path, help="also write the figures here (e.g. benchmarks/results/batch_throughput.json)")
    args = parser.parse_args()

    from factcheck.embedding.encoder import ensure_default_model

    model_dir = str(ensure_default_model())
    work = Path(tempfile.mkdtemp(prefix="batch-bench-"))
    transcript = args.transcript
    if transcript is None:
        transcript = work / "debatt.csv"
        subprocess.run([sys.executable, str(HERE / "make_transcript.py"), "--utterances", str(args.utterances),
                        "--out", str(transcript)], check=True, capture_output=True)
    keep = args.keep or work
    keep.mkdir(parents=True, exist_ok=True)

    totals = {"wall": 0.0, "processing": 0.0, "claims_s": 0.0, "sentences_s": 0.0, "bare_wall": 0.0,
              "claims": 0, "sentences": 0, "utterances": 0}
    engine = ""
    for n, piece in enumerate(split_csv(transcript, args.turns, work), 1):
        out = keep / f"rows-{n}.jsonl"
        wall, processing, engine, report = run_batch(piece, out, args.workers, args.engine, args.backend)
        rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        texts = {"claims_s": [r["text"] for r in rows if r["checkworthy"]]}
        if args.all_sentences:
            texts["sentences_s"] = [r["text"] for r in rows]
        start = time.perf_counter()
        bare = bare_encode(model_dir, texts, work)
        bare_wall = time.perf_counter() - start - bare.get("sentences_s", 0.0)
        for key, value in (("wall", wall), ("processing", processing), ("claims_s", bare["claims_s"]),
                           ("sentences_s", bare.get("sentences_s", 0.0)), ("bare_wall", bare_wall),
                           ("claims", len(texts["claims_s"])), ("sentences", len(rows)),
                           ("utterances", len({r["utterance_id"] for r in rows}))):
            totals[key] += value
        print(f"turn {n}: batch {processing:6.1f} s for {len(texts['claims_s'])} claims "
              f"({len(texts['claims_s']) / processing:.1f}/s); bare encode {bare['claims_s']:6.1f} s "
              f"({len(texts['claims_s']) / bare['claims_s']:.1f}/s)", flush=True)
        if n == args.turns:
            print(report.rstrip())

    t = totals
    resolved = resolved_backend(args.backend)
    print()
    print(f"transcript: {transcript.name}, {t['utterances']} utterances with text, {t['sentences']} sentences, "
          f"{t['claims']} claims; {os.cpu_count()} CPU cores; engine: {engine}; batch backend: {args.backend} ({resolved}); bare encode: sentence-transformers on torch; "
          f"{args.turns} turns")
    print(f"factcheck batch  : {t['processing']:7.1f} s processing ({t['sentences'] / t['processing']:5.1f} sentences/s, "
          f"{t['claims'] / t['processing']:5.1f} claims/s); {t['wall']:.1f} s end to end with start-up")
    print(f"bare encode      : {t['claims_s']:7.1f} s for the claims ({t['claims'] / t['claims_s']:5.1f} claims/s); "
          f"{t['bare_wall']:.1f} s with start-up and load")
    print(f"ratio, claims    : {t['claims_s'] / t['processing']:.2f}  (batch claims/s / bare encode claims/s; target >= 0.8)")
    if args.all_sentences:
        print(f"ratio, sentences : {t['sentences_s'] / t['processing']:.2f}  (batch sentences/s / bare encode of every sentence)")
    print(f"ratio, end to end: {t['bare_wall'] / t['wall']:.2f}  (bare processes encoding the claims / batch processes, wall)")
    if args.json:
        figures = {
            "transcript": transcript.name, "utterances": t["utterances"], "sentences": t["sentences"], "claims": t["claims"],
            "cpu_cores": os.cpu_count(), "engine": engine, "workers": args.workers, "turns": args.turns,
            "batch_backend": args.backend, "batch_backend_resolved": resolved,
            "bare_backend": "sentence-transformers (torch), batch_size 32, query prompt",
            "batch_processing_s": round(t["processing"], 1), "batch_wall_s": round(t["wall"], 1),
            "batch_sentences_per_s": round(t["sentences"] / t["processing"], 2),
            "batch_claims_per_s": round(t["claims"] / t["processing"], 2),
            "bare_claims_s": round(t["claims_s"], 1), "bare_claims_per_s": round(t["claims"] / t["claims_s"], 2),
            "ratio_claims": round(t["claims_s"] / t["processing"], 3),
            "ratio_end_to_end": round(t["bare_wall"] / t["wall"], 3),
        }
        if args.all_sentences:
            figures.update(bare_sentences_s=round(t["sentences_s"], 1),
                           bare_sentences_per_s=round(t["sentences"] / t["sentences_s"], 2),
                           ratio_sentences=round(t["sentences_s"] / t["processing"], 3))
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
