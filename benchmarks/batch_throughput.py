"""Sentences per second of `factcheck batch` against bare sentence-transformers encode, same run.

Run:  .venv/bin/python benchmarks/batch_throughput.py [--utterances 2000] [--workers N] [--engine local|dask]
      [--transcript FILE]   (default: a synthetic debate from make_transcript.py)

1. `factcheck batch` checks the transcript in a fresh process (as a user runs it) and
   reports its own processing time after the workers have loaded the model; the
   end-to-end wall time includes start-up.
2. A fresh process imports sentence-transformers, loads the same model and encodes the
   claims that batch embedded (query prompt, batch size 32, normalised) — the work no
   pipeline can avoid — and, for the looser comparison, every sentence.
Ratios (target >= 0.8): batch claims/s over bare encode claims/s (headline: batch also
splits, skips, retrieves, judges stance and writes), and batch sentences/s over bare
encode of all the sentences. The default index and model must exist.
"""

from __future__ import annotations

import argparse
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
for name in ("claims", "sentences"):
    start = time.perf_counter()
    model.encode(data[name], prompt="query: ", batch_size=32, normalize_embeddings=True)
    times[name] = time.perf_counter() - start
print(json.dumps({"load_s": t1 - t0, "claims_s": times["claims"], "sentences_s": times["sentences"], "wall_s": time.perf_counter() - t0}))
"""


def run_batch(transcript: Path, out: Path, workers: int, engine: str) -> tuple[float, float, str, str]:
    command = [sys.executable, "-m", "factcheck", "batch", str(transcript), "-o", str(out), "--overwrite",
               "--lang", "en", "--engine", engine, "-w", str(workers)]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"factcheck batch failed:\n{done.stderr}")
    speed = re.search(r"Speed: [\d.]+ sent\./s \((\d+) / ([\d.]+) s; ([^)]*)\)", done.stdout)
    return wall, float(speed.group(2)), speed.group(3), done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--utterances", type=int, default=2000)
    parser.add_argument("--transcript", type=Path)
    parser.add_argument("--workers", type=int, default=min(os.cpu_count() or 1, 4))
    parser.add_argument("--engine", default="local", choices=["local", "dask"])
    parser.add_argument("--keep", type=Path, help="write the batch output here instead of a temporary folder")
    args = parser.parse_args()

    from factcheck.embedding.encoder import ensure_default_model

    model_dir = str(ensure_default_model())
    work = Path(tempfile.mkdtemp(prefix="batch-bench-"))
    transcript = args.transcript
    if transcript is None:
        transcript = work / "debatt.csv"
        subprocess.run([sys.executable, str(HERE / "make_transcript.py"), "--utterances", str(args.utterances),
                        "--out", str(transcript)], check=True, capture_output=True)
    out = args.keep or work / "rows.jsonl"

    wall, processing, engine, report = run_batch(transcript, out, args.workers, args.engine)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    claims = [r["text"] for r in rows if r["checkworthy"]]
    sentences = [r["text"] for r in rows]
    data = work / "sentences.json"
    data.write_text(json.dumps({"claims": claims, "sentences": sentences}, ensure_ascii=False), encoding="utf-8")
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", BARE, model_dir, str(data)], capture_output=True, text=True, check=True)
    bare = json.loads(done.stdout.strip().splitlines()[-1])
    bare_end_to_end = time.perf_counter() - start - bare["sentences_s"]  # start-up, load and the claims only

    utterances = len({(r["transcript_id"], r["utterance_id"]) for r in rows})
    print(report.rstrip())
    print()
    print(f"transcript: {transcript.name}, {utterances} utterances with text, {len(sentences)} sentences, {len(claims)} claims; "
          f"{os.cpu_count()} CPU cores; engine: {engine}")
    print(f"factcheck batch  : {processing:7.1f} s processing ({len(sentences) / processing:5.1f} sentences/s, "
          f"{len(claims) / processing:5.1f} claims/s); {wall:.1f} s end to end with start-up")
    print(f"bare encode      : {bare['claims_s']:7.1f} s for the claims ({len(claims) / bare['claims_s']:5.1f} claims/s), "
          f"{bare['sentences_s']:.1f} s for all sentences ({len(sentences) / bare['sentences_s']:5.1f} sentences/s); "
          f"{bare_end_to_end:.1f} s for the claims with start-up and load")
    print(f"ratio, claims    : {bare['claims_s'] / processing:.2f}  (batch claims/s / bare encode claims/s; target >= 0.8)")
    print(f"ratio, sentences : {bare['sentences_s'] / processing:.2f}  (batch sentences/s / bare encode of every sentence)")
    print(f"ratio, end to end: {bare_end_to_end / wall:.2f}  (bare process encoding the claims / batch process, wall)")


if __name__ == "__main__":
    main()
