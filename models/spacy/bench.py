#!/usr/bin/env python
"""Size, load time and throughput of a spaCy pipeline dir (default: the shipped nb_factcheck).

    python models/spacy/bench.py [MODEL_DIR] [--n 500] [--processes 1]

Text: the first N ``# text`` lines of the UD bokmål dev file (raw sentences, as a user
would send them).  BLAS/OpenMP threads are pinned to 1; ``--processes 2`` uses
``nlp.pipe(n_process=2)`` to show what two cores give.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import convert  # noqa: E402


def dev_sentences(data: Path, n: int) -> list[str]:
    ud = data / "ud_nob" / "no_bokmaal-ud-dev.conllu"
    texts = [line[len("# text = "):].strip() for line in ud.read_text(encoding="utf-8").splitlines()
             if line.startswith("# text = ")]
    return texts[:n]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("model", type=Path, nargs="?", default=HERE / "nb_factcheck")
    ap.add_argument("--data", type=Path, default=convert.DEFAULT_DATA)
    ap.add_argument("--n", type=int, default=500)
    ap.add_argument("--processes", type=int, default=1)
    args = ap.parse_args(argv)

    size = sum(p.stat().st_size for p in args.model.rglob("*") if p.is_file())
    t0 = time.perf_counter()
    import spacy

    nlp = spacy.load(args.model)
    load_s = time.perf_counter() - t0
    texts = dev_sentences(args.data, args.n)
    list(nlp.pipe(texts[:20]))  # warm-up
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=64, n_process=args.processes))
    pipe_s = time.perf_counter() - t0
    tokens = sum(len(d) for d in docs)
    t0 = time.perf_counter()
    for text in texts[:200]:
        nlp(text)
    single_s = time.perf_counter() - t0
    print(f"model      : {args.model} ({', '.join(nlp.pipe_names)})")
    print(f"size       : {size / 2**20:.1f} MiB ({size / 1e6:.1f} MB)")
    print(f"load (incl. import spacy): {load_s:.2f} s")
    print(f"nlp.pipe   : {len(texts) / pipe_s:.0f} sentences/s, {tokens / pipe_s:.0f} tokens/s "
          f"({len(texts)} sentences, {args.processes} process(es), 1 thread each)")
    print(f"nlp(text)  : {200 / single_s:.0f} sentences/s (one at a time)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
