"""Train the verdict combiner (models/stance/combiner.json) on claims generated from the corpus.

    .venv/bin/python models/stance/train_verdict_combiner.py [--out models/stance/combiner.json]   # ~2 min

    # the measured alternative: also written claims against whole documents (~11 min more)
    .venv/bin/python models/stance/train_verdict_nli.py --pairs PAIRS --whole-documents \
        --rows ~/.cache/factcheck/nli/verdict-docs.pkl --out /tmp/combiner-nli-docs.json
    .venv/bin/python models/stance/train_verdict_combiner.py \
        --add-rows ~/.cache/factcheck/nli/verdict-docs.pkl --out /tmp/combiner-mixed.json

The shipped combiner.json is trained on the generated claims alone; `--add-rows` (written
hypotheses against whole treebank documents) calibrates better on average on unseen topics but
blurs the plain cases (a verbatim claim at 0.63): measured and not shipped (models/stance/README.md).

1. Every corpus sentence yields claims (factcheck.stance.perturb): supported ones that
   paraphrase it (short names, one list item, the main clause, other words and number
   formats, nynorsk) besides the near-verbatim ones; contradicted ones made from the
   sentence and from those paraphrases (number, year, name, negation, direction,
   antonym, quantifier, comparison, certainty); not-enough-info ones that stay on topic
   (a place or detail the corpus never gives, one sentence's subject with another's
   predicate, a name added to a list of examples) and off-topic NorNE news sentences.
2. Each claim goes through the checker exactly as `factcheck check` sends it (spaCy
   sentence and names, hybrid retrieval, the explainable checks and the rules), and
   factcheck.verdict.aggregate.verdict_features turns the top passages into one vector.
3. A multinomial logistic regression (classes weighted equally) is measured by 5-fold
   cross-validation grouped by source sentence; a temperature is fitted on those
   out-of-fold probabilities (calibration), then the model is refitted on everything.
The dev claims in ../shared/eval are never read here. Deterministic (seed); a few minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import random
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))
os.environ["FACTCHECK_STANCE_COMBINER"] = "none"  # features come from the rules alone

from factcheck.evaluation.calibration import brier_score, expected_calibration_error  # noqa: E402
from factcheck.stance import entities  # noqa: E402
from factcheck.stance.checks import run_checks  # noqa: E402
from factcheck.stance.combiner import VERDICTS, Combiner  # noqa: E402
from factcheck.stance.perturb import (aliases, contradicted_variants, paraphrase_variants, supported_variants,  # noqa: E402
                                      unverifiable_details, unverifiable_variants)
from factcheck.verdict.combine import CLAIM_FEATURES, NLI_FEATURES  # noqa: E402
from train_combiner import fit, norne_sentences, write_artefact  # noqa: E402


def generate(sentences, rng: random.Random, norne: Path | None, n_offtopic: int):
    """(text, label, group, method) for every generated claim."""
    names = entities.COUNTRIES[:40] + entities.CITIES[:30]
    alias = aliases([p.text for p in sentences])
    texts = [p.text for p in sentences]
    claims = []
    for p in sentences:
        supported = supported_variants(p.text, rng) + paraphrase_variants(p.text, rng, alias)
        variants = list(supported) + contradicted_variants(p.text, rng, names)
        # real false claims are rarely one-word edits of the source: contradict the paraphrases too
        for g in supported[1:]:
            variants += [v for v in contradicted_variants(g.text, rng, names) if rng.random() < 0.5]
        variants += unverifiable_variants(p.text, rng, names) + unverifiable_details(p.text, rng, names, texts)
        seen = set()
        for g in variants:
            if g.text not in seen and (g.label == "supported" or g.text != p.text):
                seen.add(g.text)
                claims.append((g.text, g.label, p.id, g.method))
    if norne and norne.is_dir():
        for s in norne_sentences(norne, rng, n_offtopic):
            claims.append((s, "not_enough_info", f"norne:{s[:40]}", "off-topic"))
    return claims


def visible(text: str, label: str, source: str | None) -> bool:
    """Can the checks see this claim's label against its own source sentence?

    A generated contradiction the checks cannot show even there ("mindre lengevirkende"), or a
    generated paraphrase in which they find a contradiction (a synonym that moved a number's
    context), says nothing the features can learn: it only adds the generator's arbitrary mix of
    invisible edits to every confidence. Such claims are left out of training.
    """
    if source is None or label == "not_enough_info":
        return True
    against = any(f.effect == "contradicts" for f in run_checks(text, source, 0.95).findings)
    return against == (label == "contradicted")


def featurise(checker, claims):
    """Run each claim through the checker's own steps; keep the check-worthy ones."""
    from factcheck.claims.checkworthy import assess as checkworthiness
    from factcheck.text.sentences import split_many
    from factcheck.verdict.aggregate import decide, model_contradiction, verdict_features

    split = split_many([c[0] for c in claims], checker.nlp)
    kept, sents = [], []
    for claim, parts in zip(claims, split):
        if parts:
            sent = max(parts, key=lambda s: len(s.text))
            if checkworthiness(sent.text).checkworthy:
                kept.append(claim)
                sents.append(sent)
    rows = []
    for claim, sent, (claim_hits, stances) in zip(kept, sents, checker.judge(sents)):
        rule, features = verdict_features(sent.text, claim_hits, stances)
        result = decide(sent.text, sent.start, sent.end, claim_hits, stances)  # the rules' confidence, for comparison
        can_contradict = features["share_contradicts"] > 0 or model_contradiction(list(zip(claim_hits, stances))) is not None
        rows.append((claim, rule, result.confidence, [features[f] for f in CLAIM_FEATURES], can_contradict))
    return rows


def featurise_rules_only(index, encoder, claims):
    """`featurise` on the checker as the default path runs it: no stance model, the checks and the combiner."""
    from factcheck.api import FactChecker

    checker = FactChecker(index, encoder)
    checker.nli = None
    return featurise(checker, claims)


def choose(probs: np.ndarray, can_contradict: np.ndarray, rule: np.ndarray, override: float | None):
    """(verdicts, confidences) as factcheck.verdict.combine.choose: no "contradicted" without a shown
    contradiction, the rules' verdict unless another is `override` probable (never when None), and the
    confidence is the shown verdict's own probability."""
    p = probs.copy()
    p[~can_contradict, VERDICTS.index("contradicted")] = -1.0
    best = p.argmax(axis=1)
    rows = np.arange(len(best))
    pred = np.where((best == rule) | (override is not None and probs[rows, best] >= (override or 0)), best, rule)
    return pred, probs[rows, pred]


def fit_temperature(logits: np.ndarray, y: np.ndarray, weights: np.ndarray) -> float:
    """The temperature that minimises the (class-weighted) log loss of held-out predictions."""
    best, best_loss = 1.0, float("inf")
    for t in np.exp(np.linspace(np.log(0.25), np.log(4.0), 161)):
        z = logits / t
        z = z - z.max(axis=1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        loss = -(weights * logp[np.arange(len(y)), y]).sum() / weights.sum()
        if loss < best_loss:
            best, best_loss = float(t), loss
    return best


def metrics(pred: np.ndarray, conf: np.ndarray, y: np.ndarray) -> dict:
    from sklearn.metrics import f1_score

    right = pred == y
    per = f1_score(y, pred, labels=[0, 1, 2], average=None, zero_division=0)
    return {"macro_f1": round(float(per.mean()), 3), "accuracy": round(float(right.mean()), 3),
            "ece": round(expected_calibration_error(conf, right), 3), "brier": round(brier_score(conf, right), 3),
            **{f"f1_{v}": round(float(f), 3) for v, f in zip(VERDICTS, per)}}


def fit_and_write(rows, seed: int, C: float, override: float | None, out: Path, started: float, index_model: str,
                  dump: Path | None = None, extra_meta: dict | None = None) -> dict:
    """Cross-validate (5 folds grouped by source), fit the temperature, refit on everything and write the
    artefact; rows as featurise returns them. Returns the held-out figures."""
    from sklearn.model_selection import GroupKFold

    X = np.array([r[3] for r in rows], dtype="float64")
    y = np.array([VERDICTS.index(r[0][1]) for r in rows])
    groups = np.array([r[0][2] for r in rows])
    can = np.array([r[4] for r in rows])
    rule_pred = np.array([VERDICTS.index(r[1]) for r in rows])
    rule_conf = np.array([r[2] for r in rows])
    weights = (len(y) / (3 * np.bincount(y, minlength=3)))[y]

    logits = np.zeros((len(y), 3))
    for train, test in GroupKFold(n_splits=5, shuffle=True, random_state=seed).split(X, y, groups):
        model, mean, scale = fit(X[train], y[train], C)
        logits[test] = model.decision_function((X[test] - mean) / scale)
    temperature = fit_temperature(logits, y, weights)

    from factcheck.stance.attention import softmax

    pred, conf = choose(softmax(logits / temperature, axis=1), can, rule_pred, override)
    held_out = {"rules": metrics(rule_pred, rule_conf, y),
                "combiner": metrics(pred, conf, y),
                "combiner_uncalibrated": metrics(*choose(softmax(logits, axis=1), can, rule_pred, override), y),
                "combiner_argmax": metrics(*choose(softmax(logits / temperature, axis=1), can, rule_pred, 0.0), y),
                "changed_by_combiner": round(float((pred != rule_pred).mean()), 3)}
    print(f"temperature {temperature:.3f}")
    print("out-of-fold (5 folds grouped by source sentence):", json.dumps(held_out, indent=1))
    by_method = {}
    for method in sorted(set(r[0][3] for r in rows)):
        m = np.array([r[0][3] == method for r in rows])
        by_method[method] = (int(m.sum()), round(float((rule_pred[m] == y[m]).mean()), 2),
                             round(float((pred[m] == y[m]).mean()), 2))
    print("accuracy by generator (n, rules, combiner):", by_method)
    if dump:
        with open(dump, "w", encoding="utf-8") as fh:
            fh.write("label\tmethod\trules\tcombiner\tconfidence\ttext\n")
            for r, p, c in zip(rows, pred, conf):
                fh.write(f"{r[0][1]}\t{r[0][3]}\t{r[1]}\t{VERDICTS[p]}\t{c:.3f}\t{r[0][0]}\n")

    model, mean, scale = fit(X, y, C)
    combiner = Combiner(list(CLAIM_FEATURES), mean.tolist(), scale.tolist(), model.coef_.tolist(), model.intercept_.tolist(),
                        [VERDICTS[i] for i in model.classes_], {
                            "level": "claim", "override": override, "trained_at": time.strftime("%Y-%m-%d"), "claims": int(len(y)),
                            "labels": {VERDICTS[k]: int(v) for k, v in Counter(y.tolist()).items()},
                            "seed": seed, "C": C, "held_out": held_out,
                            "index_model": index_model, **(extra_meta or {}),
                        }, round(temperature, 4))
    write_artefact(combiner, out, started, CLAIM_FEATURES, model)
    return held_out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, default=None, help="index of the corpus [default index]")
    parser.add_argument("--norne", type=Path, default=REPO.parent / "shared" / "data" / "norne" / "ndt_nob")
    parser.add_argument("--offtopic", type=int, default=300)
    parser.add_argument("--C", type=float, default=0.3)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--out", type=Path, default=HERE / "combiner.json")
    parser.add_argument("--override", type=float, default=None,
                        help="probability another verdict needs to override the rules [never]; 0 = plain argmax")
    parser.add_argument("--keep-invisible", action="store_true", help="train on claims whose label the checks cannot see too")
    parser.add_argument("--dump", type=Path, default=None, help="write every generated claim with both verdicts (TSV)")
    parser.add_argument("--rows", type=Path, default=None, help="save the featurised claims (pickle) for experiments")
    parser.add_argument("--add-rows", type=Path, action="append", default=[],
                        help="featurised claims saved by another trainer's --rows (e.g. train_verdict_nli.py "
                             "--whole-documents) to fit on as well; repeatable")
    args = parser.parse_args()

    from factcheck.api import FactChecker

    started = time.perf_counter()
    rng = random.Random(args.seed)
    checker = FactChecker.load(args.index)
    sentences = [p for p in checker.index.passages if p.kind == "sentence" and len(p.text.split()) >= 5
                 and not p.text.endswith("?")]
    claims = generate(sentences, rng, args.norne, args.offtopic)
    if not args.keep_invisible:
        source = {p.id: p.text for p in sentences}
        hidden = [c for c in claims if not visible(c[0], c[1], source.get(c[2]))]
        claims = [c for c in claims if visible(c[0], c[1], source.get(c[2]))]
        print(f"left out {len(hidden)} claims whose label the checks cannot see against their own source: "
              f"{dict(Counter((c[1], c[3]) for c in hidden))}")
    rows = featurise(checker, claims)
    print(f"{len(rows)} check-worthy generated claims of {len(claims)}: {dict(Counter(r[0][1] for r in rows))}")
    print(f"methods: {dict(Counter(r[0][3] for r in rows))}")
    if args.rows:
        args.rows.write_bytes(pickle.dumps(rows))
    for extra in args.add_rows:
        added = pickle.loads(extra.read_bytes())
        rows += [(claim, rule, conf, [0.0 if f in NLI_FEATURES else v for f, v in zip(CLAIM_FEATURES, x)], can)
                 for claim, rule, conf, x, can in added]
        print(f"added {len(added)} claims from {extra} (the stance model's columns zeroed: it does not run here)")

    trained_on = "claims generated from the corpus (FactCC-style edits)"
    if args.add_rows:
        trained_on += " + written NLI hypotheses checked as claims against whole treebank documents (--add-rows)"
    fit_and_write(rows, args.seed, args.C, args.override, args.out, started, checker.index.model_id, args.dump,
                  {"trained_on": trained_on})

if __name__ == "__main__":
    main()
