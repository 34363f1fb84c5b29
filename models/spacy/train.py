#!/usr/bin/env python
"""One command to rebuild models/spacy/nb_factcheck/ from the NorNE data.

    python models/spacy/train.py [--data ../shared/data/norne] [--max-minutes 40]

Steps: convert (convert.py) -> two ``spacy train`` runs in parallel, one CPU thread each:
core (config.cfg: tok2vec, morphologizer, lemmatizer) and syntax (config_syntax.cfg:
syntax_tok2vec, parser, NER) -> assemble core + syntax -> evaluate on dev -> copy to
models/spacy/nb_factcheck/ with name/version/dev scores in meta.json.  Training output and
logs go to models/spacy/training/ (gitignored).  ``--max-minutes`` stops both trainings
after that wall-clock time and keeps the best checkpoint so far of each (spaCy writes
model-best at every evaluation that improves the score).
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
VERSION = "1.2.0"


# The two trainings run side by side, one CPU thread each: tagging (tok2vec, morphologizer,
# lemmatizer) and syntax (its own tok2vec, parser, NER). Two runs of about equal cost keep
# both cores busy for the whole cap.
RUNS = {"core": "config.cfg", "syntax": "config_syntax.cfg"}


def start_training(name: str, args, out: Path) -> subprocess.Popen:
    cmd = [
        sys.executable, "-m", "spacy", "train", str(HERE / RUNS[name]),
        "--code", str(HERE / "nb_custom.py"),
        "--output", str(out),
        "--paths.train", str(args.corpus / "train.spacy"),
        "--paths.dev", str(args.corpus / "dev.spacy"),
        "--system.seed", str(args.seed),
    ]
    max_steps = getattr(args, f"max_steps_{name}")
    if max_steps:
        cmd += ["--training.max_steps", str(max_steps)]
    if args.eval_frequency:
        cmd += ["--training.eval_frequency", str(args.eval_frequency)]
    log = args.training_dir / f"{name}.log"
    print("+", " ".join(cmd), f"> {log}", flush=True)
    with log.open("w") as fh:
        return subprocess.Popen(cmd, env=dict(os.environ, **THREAD_ENV), cwd=REPO_ROOT,
                                stdout=fh, stderr=subprocess.STDOUT)


def run_trainings(args, outs: dict[str, Path]) -> float:
    """Train core and syntax in parallel; stop either at the wall-clock cap (model-best kept)."""
    t0 = time.time()
    procs = {name: start_training(name, args, out) for name, out in outs.items()}
    deadline = t0 + args.max_minutes * 60 if args.max_minutes else None
    while any(p.poll() is None for p in procs.values()):
        if deadline and time.time() > deadline:
            for name, p in procs.items():
                if p.poll() is None:
                    print(f"{name}: time limit of {args.max_minutes} min reached, stopping "
                          "(keeping model-best)", flush=True)
                    p.terminate()
                    p.wait()
            break
        time.sleep(5)
    for name, p in procs.items():
        if p.returncode not in (0, -15) or not (outs[name] / "model-best").exists():
            raise SystemExit(f"spacy train ({name}) failed with exit code {p.returncode}; "
                             f"see {args.training_dir / (name + '.log')}")
    seconds = time.time() - t0
    (args.training_dir / "train_seconds.txt").write_text(f"{seconds:.0f}\n")
    return seconds


def assemble(core_best: Path, syntax_best: Path, target: Path) -> None:
    """Tagging pipeline + every component of the syntax run, in order.

    The syntax components listen to "syntax_tok2vec" by name, so they link to their own
    tok2vec and the tagging components keep theirs."""
    import spacy

    nlp = spacy.load(core_best)
    syntax = spacy.load(syntax_best)
    for name in syntax.pipe_names:
        nlp.add_pipe(name, source=syntax)
    if target.exists():
        shutil.rmtree(target)
    nlp.to_disk(target)
    print(f"assembled {nlp.pipe_names} -> {target}", flush=True)


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
        "Oslo-Bergen->UD mapping), trainable lemmatizer; syntax_tok2vec shared by an NDT "
        "dependency parser (sentence boundaries) and NorNE NER. Trained on NorNE/NDT train, "
        "scored on NorNE/NDT dev."
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
        nlp.meta["performance"]["train_seconds_wall_2x1_thread"] = round(train_seconds)
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
    ap.add_argument("--max-minutes", type=float, default=40.0,
                    help="wall-clock cap for both (parallel) trainings (0 = none)")
    ap.add_argument("--max-steps-core", type=int, default=0, help="override training.max_steps (core)")
    ap.add_argument("--max-steps-syntax", type=int, default=0, help="override training.max_steps (parser + NER)")
    ap.add_argument("--eval-frequency", type=int, default=0, help="override training.eval_frequency")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--skip-convert", action="store_true")
    ap.add_argument("--skip-train", action="store_true", help="only assemble, evaluate + package existing runs")
    ap.add_argument("--no-package", action="store_true", help="stop after evaluating the assembled pipeline")
    args = ap.parse_args(argv)
    for k, v in THREAD_ENV.items():
        os.environ[k] = v

    if not args.skip_convert:
        rc = convert.main(["--data", str(args.data), "--out", str(args.corpus)])
        if rc:
            return rc
    args.training_dir.mkdir(parents=True, exist_ok=True)
    outs = {name: args.training_dir / name for name in RUNS}
    if not args.skip_train:
        for out in outs.values():
            if out.exists():
                shutil.rmtree(out)
        run_trainings(args, outs)
    assembled = args.training_dir / "assembled"
    assemble(outs["core"] / "model-best", outs["syntax"] / "model-best", assembled)
    scores = evaluate(assembled, args.corpus / "dev.spacy", args.training_dir / "dev_metrics.json")
    if args.no_package:
        return 0
    ts = args.training_dir / "train_seconds.txt"
    package(assembled, args.target, scores, float(ts.read_text()) if ts.exists() else None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
