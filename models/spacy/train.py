#!/usr/bin/env python
"""One command to rebuild models/spacy/nb_factcheck/ from the NorNE data.

    python models/spacy/train.py [--data ../shared/data/norne] [--max-minutes 45]

Steps: convert (convert.py) -> spacy train (config.cfg, one CPU thread) -> evaluate the
best checkpoint on dev -> copy it to models/spacy/nb_factcheck/ with name/version/dev
scores in meta.json.  Training output and logs go to models/spacy/training/ (gitignored).
``--max-minutes`` stops training after that wall-clock time and keeps the best
checkpoint so far (spaCy writes model-best at every evaluation that improves the score).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))
import convert  # noqa: E402

THREAD_ENV = {
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "VECLIB_MAXIMUM_THREADS": "1",
    "NUMEXPR_NUM_THREADS": "1",
    "TORCH_NUM_THREADS": "1",
}
VERSION = "1.0.0"


def run_training(args, out: Path) -> None:
    env = dict(os.environ, **THREAD_ENV)
    cmd = [
        sys.executable, "-m", "spacy", "train", str(HERE / "config.cfg"),
        "--code", str(HERE / "nb_custom.py"),
        "--output", str(out),
        "--paths.train", str(args.corpus / "train.spacy"),
        "--paths.dev", str(args.corpus / "dev.spacy"),
        "--system.seed", str(args.seed),
    ]
    if args.max_steps:
        cmd += ["--training.max_steps", str(args.max_steps)]
    print("+", " ".join(cmd), flush=True)
    t0 = time.time()
    proc = subprocess.Popen(cmd, env=env, cwd=REPO_ROOT)
    try:
        proc.wait(timeout=args.max_minutes * 60 if args.max_minutes else None)
    except subprocess.TimeoutExpired:
        print(f"time limit of {args.max_minutes} min reached, stopping training "
              "(keeping model-best)", flush=True)
        proc.terminate()
        proc.wait()
    if proc.returncode not in (0, -15) and not (out / "model-best").exists():
        raise SystemExit(f"spacy train failed with exit code {proc.returncode}")
    (out / "train_seconds.txt").write_text(f"{time.time() - t0:.0f}\n")


def evaluate(model: Path, dev: Path, metrics: Path) -> dict:
    env = dict(os.environ, **THREAD_ENV)
    cmd = [sys.executable, "-m", "spacy", "evaluate", str(model), str(dev), "--output", str(metrics)]
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, env=env, check=True, cwd=REPO_ROOT)
    return json.loads(metrics.read_text())


def package(best: Path, target: Path, scores: dict, train_seconds: float | None) -> None:
    import spacy

    nlp = spacy.load(best)
    nlp.meta["name"] = "factcheck"  # spaCy prefixes lang: nb_factcheck
    nlp.meta["version"] = VERSION
    nlp.meta["description"] = (
        "Norwegian bokmål pipeline for the fact checker: tok2vec, morphologizer (UPOS via "
        "Oslo-Bergen->UD mapping), trainable lemmatizer, NDT dependency parser (sentence "
        "boundaries), NorNE NER. Trained on NorNE/NDT train, scored on NorNE/NDT dev."
    )
    nlp.meta["sources"] = [{
        "name": "NorNE (ltgoslo/norne), bokmål, NDT train/dev split",
        "url": "https://github.com/ltgoslo/norne",
        "license": "CC0 (annotations)",
    }]
    nlp.meta["license"] = "CC0-1.0 (training annotations)"
    keep = ["token_acc", "sents_p", "sents_r", "sents_f", "pos_acc", "morph_acc", "lemma_acc",
            "dep_uas", "dep_las", "ents_p", "ents_r", "ents_f", "ents_per_type", "speed"]
    nlp.meta["performance"] = {k: scores[k] for k in keep if k in scores}
    nlp.meta["performance"]["dev_set"] = "NorNE/NDT bokmål dev (26 files, 2410 sentences)"
    if train_seconds:
        nlp.meta["performance"]["train_seconds_1_thread"] = round(train_seconds)
    if target.exists():
        shutil.rmtree(target)
    nlp.to_disk(target)
    # nlp.meta["name"] is "factcheck"; spaCy stores lang + name = "nb_factcheck" as the package name
    meta_path = target / "meta.json"
    meta = json.loads(meta_path.read_text())
    meta["name"] = "nb_factcheck"
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n")
    size = sum(p.stat().st_size for p in target.rglob("*") if p.is_file())
    print(f"packaged {target} ({size / 1e6:.1f} MB)")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=convert.DEFAULT_DATA)
    ap.add_argument("--corpus", type=Path, default=HERE / "corpus")
    ap.add_argument("--training-dir", type=Path, default=HERE / "training")
    ap.add_argument("--target", type=Path, default=HERE / "nb_factcheck")
    ap.add_argument("--max-minutes", type=float, default=45.0, help="wall-clock cap for spacy train (0 = none)")
    ap.add_argument("--max-steps", type=int, default=0, help="override training.max_steps")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--skip-convert", action="store_true")
    ap.add_argument("--skip-train", action="store_true", help="only evaluate + package an existing run")
    args = ap.parse_args(argv)
    for k, v in THREAD_ENV.items():
        os.environ[k] = v

    if not args.skip_convert:
        rc = convert.main(["--data", str(args.data), "--out", str(args.corpus)])
        if rc:
            return rc
    out = args.training_dir / "run"
    if not args.skip_train:
        if out.exists():
            shutil.rmtree(out)
        run_training(args, out)
    best = out / "model-best"
    scores = evaluate(best, args.corpus / "dev.spacy", args.training_dir / "dev_metrics.json")
    ts = out / "train_seconds.txt"
    package(best, args.target, scores, float(ts.read_text()) if ts.exists() else None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
