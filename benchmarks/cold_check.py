"""Time a cold `factcheck check` of a ~1,000-word article against bare sentence-transformers.

Run:  .venv/bin/python benchmarks/cold_check.py [--article FILE] [--repeat N]

Both numbers come from the same run on the same machine:
- cold CLI: a fresh `factcheck check FILE --format json` process (imports, model load,
  index load, sentence splitting, retrieval, stance, output), wall time;
- bare encode: a fresh Python process that imports sentence-transformers, loads the same
  model and encodes the same check-worthy sentences with the query prompt, wall time and
  the encode call alone.
The default index and model must exist (run `factcheck check` once first).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_ARTICLE = HERE / "data" / "artikkel_1000_ord.txt"

BARE = r"""
import json, sys, time
t0 = time.perf_counter()
from sentence_transformers import SentenceTransformer
model = SentenceTransformer(sys.argv[1], device="cpu")
t1 = time.perf_counter()
sentences = json.load(open(sys.argv[2], encoding="utf-8"))
model.encode(sentences, prompt="query: ", batch_size=32, normalize_embeddings=True)
t2 = time.perf_counter()
print(json.dumps({"load_s": t1 - t0, "encode_s": t2 - t1}))
"""


def cold_cli(article: Path) -> tuple[float, dict]:
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "factcheck", "check", str(article), "--format", "json"],
                         capture_output=True, check=True)
    return time.perf_counter() - start, json.loads(out.stdout)


def bare_encode(model_dir: str, sentences: list[str]) -> tuple[float, dict]:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as fh:
        json.dump(sentences, fh, ensure_ascii=False)
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", BARE, model_dir, fh.name], capture_output=True, check=True, text=True)
    return time.perf_counter() - start, json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--article", type=Path, default=DEFAULT_ARTICLE)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from factcheck.embedding.encoder import ensure_default_model

    model_dir = str(ensure_default_model())
    words = len(args.article.read_text(encoding="utf-8").split())
    cold_cli(args.article)  # warm the OS file cache and build the index if needed
    cli_times, bare_times, encode_times = [], [], []
    result = {}
    for _ in range(args.repeat):
        seconds, result = cold_cli(args.article)
        cli_times.append(seconds)
        sentences = [c["text"] for c in result["claims"]]
        seconds, parts = bare_encode(model_dir, sentences)
        bare_times.append(seconds)
        encode_times.append(parts["encode_s"])
    print(f"article: {args.article.name}, {words} words, {len(result['claims'])} claims, {len(result['skipped'])} skipped")
    print(f"cold `factcheck check` wall time   : median {statistics.median(cli_times):.2f} s  (runs: {', '.join(f'{t:.2f}' for t in cli_times)})")
    print(f"bare sentence-transformers process : median {statistics.median(bare_times):.2f} s  (import + load + encode)")
    print(f"bare encode() of the same sentences: median {statistics.median(encode_times):.2f} s")


if __name__ == "__main__":
    main()
