"""Train the stance combiner on claims generated from the corpus (FactCC-style perturbations).

    .venv/bin/python models/stance/train_combiner.py [--index DIR] [--out models/stance/combiner-experimental.json]

1. Every corpus sentence yields supported, contradicted and not-enough-info claims
   (factcheck.stance.perturb); off-topic sentences from the NorNE treebank in
   ../shared/data/norne add claims the corpus never mentions.
2. Each claim is retrieved against the index exactly as `factcheck check` would,
   and every (claim, retrieved passage) pair gets the check features. A pair is
   labelled with the claim's label when the passage contains the sentence the
   claim was made from, else neutral.
3. A multinomial logistic regression is fitted (grouped hold-out by source
   sentence for the report, then on everything) and written as JSON.
The dev claims in ../shared/eval are never read here. Runs in a few minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from factcheck.evaluation.calibration import expected_calibration_error  # noqa: E402
from factcheck.results import PAIR_STANCE  # noqa: E402
from factcheck.stance import entities  # noqa: E402
from factcheck.stance.checks import FEATURES  # noqa: E402
from factcheck.stance.engine import RULE_FEATURES, combiner_inputs  # noqa: E402
from factcheck.stance.combiner import CLASSES, Combiner  # noqa: E402
from factcheck.stance.perturb import contradicted_variants, supported_variants, unverifiable_variants  # noqa: E402

ALL_FEATURES = list(FEATURES) + list(RULE_FEATURES)


def norne_sentences(folder: Path, rng: random.Random, n: int) -> list[str]:
    """Off-topic Norwegian news sentences with a number or a name: claims the corpus cannot decide."""
    sentences, words = [], []
    for path in sorted(folder.glob("*.conll")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                if 6 <= len(words) <= 30:
                    sentences.append(" ".join(words).replace(" ,", ",").replace(" .", "."))
                words = []
            elif not line.startswith("#"):
                words.append(line.split("\t")[1])
    wanted = [s for s in sentences if any(ch.isdigit() for ch in s) or entities.extract(s)]
    rng.shuffle(wanted)
    return wanted[:n]


def generate(checker, rng: random.Random, norne: Path | None, n_offtopic: int):
    names = entities.COUNTRIES[:40] + entities.CITIES[:30]
    claims = []  # (text, label, source passage or None, method)
    for p in checker.index.passages:
        if p.kind != "sentence" or len(p.text.split()) < 5 or p.text.endswith("?"):
            continue
        supported = supported_variants(p.text, rng)
        variants = supported + contradicted_variants(p.text, rng, names)
        # contradictions of paraphrases too: real false claims are rarely one-word edits of the source
        for g in supported[1:]:
            variants += [v for v in contradicted_variants(g.text, rng, names) if rng.random() < 0.5]
        variants += unverifiable_variants(p.text, rng, names)
        seen = set()
        for g in variants:
            if g.text not in seen and (g.label == "supported" or g.text != p.text):
                seen.add(g.text)
                claims.append((g.text, g.label, p, g.method))
    if norne and norne.is_dir():
        for s in norne_sentences(norne, rng, n_offtopic):
            claims.append((s, "not_enough_info", None, "off-topic"))
    return claims


def featurise(checker, claims, k: int):
    texts = [c[0] for c in claims]
    vectors = checker.encoder.encode_queries(texts, progress=True)
    hits = checker.searcher.search(texts, vectors, k=k)
    X, y, groups = [], [], []
    for (text, label, source, _), claim_hits in zip(claims, hits):
        for h in claim_hits:
            contains = source is not None and h.passage.doc_id == source.doc_id and \
                h.passage.start <= source.start and h.passage.end >= source.end
            pair = PAIR_STANCE[label] if contains else "neutral"
            feats = combiner_inputs(text, h.passage.text, h.dense, h.quote, h.passage.context)[2]
            X.append([feats[f] for f in ALL_FEATURES])
            y.append(CLASSES.index(pair))
            groups.append(source.id if source else f"norne:{text[:30]}")
    return np.array(X, dtype="float64"), np.array(y), np.array(groups)


def fit(X, y, C: float):
    from sklearn.linear_model import LogisticRegression

    mean, scale = X.mean(axis=0), X.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=C, max_iter=5000, class_weight="balanced")
    model.fit((X - mean) / scale, y)
    return model, mean, scale


def report(model, mean, scale, X, y) -> dict:
    from sklearn.metrics import classification_report, log_loss

    probs = model.predict_proba((X - mean) / scale)
    pred = probs.argmax(axis=1)
    rep = classification_report(y, pred, labels=[0, 1, 2], target_names=list(CLASSES), output_dict=True, zero_division=0)
    ece = expected_calibration_error(probs.max(axis=1), pred == y)
    return {"macro_f1": rep["macro avg"]["f1-score"], "accuracy": rep["accuracy"], "log_loss": log_loss(y, probs, labels=[0, 1, 2]),
            "ece": float(ece), **{c: {k: round(v, 3) for k, v in rep[c].items()} for c in CLASSES}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, default=None, help="index of the corpus [default index]")
    parser.add_argument("--norne", type=Path, default=REPO.parent / "shared" / "data" / "norne" / "ndt_nob")
    parser.add_argument("--offtopic", type=int, default=300)
    parser.add_argument("--top-k", type=int, default=5)
    parser.add_argument("--C", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--out", type=Path, default=REPO / "models" / "stance" / "combiner-experimental.json")
    args = parser.parse_args()

    from factcheck.api import FactChecker

    started = time.perf_counter()
    rng = random.Random(args.seed)
    checker = FactChecker.load(args.index)
    claims = generate(checker, rng, args.norne, args.offtopic)
    print(f"{len(claims)} generated claims: {dict(Counter(c[1] for c in claims))}")
    print(f"methods: {dict(Counter(c[3] for c in claims))}")
    X, y, groups = featurise(checker, claims, args.top_k)
    print(f"{len(y)} (claim, passage) pairs: {dict(Counter(CLASSES[i] for i in y))}")

    unique = sorted(set(groups))
    random.Random(args.seed).shuffle(unique)
    held = set(unique[: len(unique) // 5])
    test = np.array([g in held for g in groups])
    model, mean, scale = fit(X[~test], y[~test], args.C)
    held_out = report(model, mean, scale, X[test], y[test])
    print("held-out pairs (grouped by source sentence):", json.dumps(held_out, indent=1))

    model, mean, scale = fit(X, y, args.C)
    combiner = Combiner(ALL_FEATURES, mean.tolist(), scale.tolist(), model.coef_.tolist(), model.intercept_.tolist(),
                        [CLASSES[i] for i in model.classes_], {
                            "trained_at": time.strftime("%Y-%m-%d"), "pairs": int(len(y)), "claims": len(claims),
                            "seed": args.seed, "C": args.C, "held_out": held_out,
                            "index_model": checker.index.model_id,
                        })
    write_artefact(combiner, args.out, started, ALL_FEATURES, model)


def write_artefact(combiner, out: Path, started: float, names, model) -> None:
    """Save the combiner as JSON and print its weights, one feature a line (shared by both trainers)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(combiner.to_json(), indent=1), encoding="utf-8")
    print(f"wrote {out} in {time.perf_counter() - started:.0f} s")
    for name, row in zip(names, np.array(model.coef_).T):
        print(f"  {name:<24}" + "".join(f"{v:>8.2f}" for v in row))


if __name__ == "__main__":
    main()
