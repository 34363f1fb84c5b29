"""Train the check-worthiness classifier: rule features + the e5 query embedding -> two logistic regressions.

    FACTCHECK_SHARED=/work/shared .venv/bin/python models/checkworthy/train.py [--out models/checkworthy/model.json]

Reads the labelled sentences (data/labels.tsv, text rebuilt from ../shared by sentences.py), keeps
the document-level test split and the whole second sampling round (`round` 2: a later sample
kept for measuring the next model choices) out of everything that is fitted or chosen, and picks the
regularisation by grouped cross-validation on the train split (best F1 of the check-worthy
class), and the decision threshold as the highest cut that keeps the out-of-fold recall >= 0.95.
Then it reports on the test split (the checkworthy class's precision/recall/F1 and a per-kind
table, against the old rules on the same sentences), refits on the train split and writes the
JSON artefact factcheck/claims/classifier.py loads. The final model is fitted on the train split
only, so the reported test figures are the shipped model's. Embeddings are cached in
models/checkworthy/.cache. Fixed seed; a few minutes on 2 cores (most of it embedding).
../shared/eval/dev_claims.tsv and ../shared/eval/topics are never read here.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(REPO))

from factcheck.claims.checkworthy import MIN_WORDS, rule_reason, word_count  # noqa: E402
from factcheck.claims.classifier import CHECKWORTHY_KINDS, CheckworthyModel  # noqa: E402
from factcheck.claims.features import FEATURES, feature_vector  # noqa: E402
from factcheck.claims.select import select_claims  # noqa: E402

SEED = 13
LABELS = HERE / "data" / "labels.tsv"
CACHE = HERE / ".cache"
C_GRID = (0.001, 0.003, 0.01, 0.03, 0.1)
RULE_WEIGHTS = (1.0, 3.0)
KINDS_C_GRID = (0.001, 0.003)  # the multinomial model is slower to fit: a shorter grid  # rule features scaled up weigh more against the 384 embedding dimensions
FOLDS = 5
# The shipped cut: the highest whose out-of-fold recall of check-worthy sentences is at least this.
# A claim skipped loses its verdict; a non-claim checked costs one "not enough info" line, so the
# default leans to recall (the old rules': 0.96) and an editor raises --checkworthy-threshold for precision.
MIN_RECALL = 0.95


def read_labels(path: Path = LABELS) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [{"id": r["sent_id"], "y": int(r["checkworthy"]), "kind": r["kind"], "lang": r.get("lang", ""),
             "round": r.get("round", "1")} for r in rows]


def chair_roles() -> dict[str, str]:
    """Utterance id -> 'chair' for the ParlaMint sitting's chair lines (the role the batch reader gives them)."""
    import sentences as cw

    from factcheck.transcripts.parlamint import read_tei

    return {u.utterance_id: u.role for u in read_tei(cw.PARLAMINT).utterances}


def load_examples(rows: list[dict], progress=print):
    """Texts, Sentence objects (with NER names), roles, query embeddings (cached), splits, documents."""
    import sentences as cw

    from factcheck.embedding.encoder import Encoder
    from factcheck.text.sentences import as_sentences

    texts = [cw.text(r["id"]) for r in rows]
    roles_by_utterance = chair_roles()
    roles = [roles_by_utterance.get(r["id"].split("/")[1], "") if r["id"].startswith("parlamint/") else "" for r in rows]
    progress(f"{len(rows)} labelled sentences; running the spaCy pipeline")
    sents = as_sentences(texts)
    encoder = Encoder()
    CACHE.mkdir(exist_ok=True)
    cache_file = CACHE / f"embeddings-{hashlib.sha1(encoder.model_id.encode()).hexdigest()[:10]}.npz"
    cached = dict(np.load(cache_file)) if cache_file.exists() else {}
    keys = [hashlib.sha1(t.encode("utf-8")).hexdigest() for t in texts]
    missing = sorted({k: t for k, t in zip(keys, texts) if k not in cached}.items())
    if missing:
        progress(f"embedding {len(missing)} sentences with {encoder.model_id}")
        vectors = encoder.encode_queries([t for _, t in missing], progress=True)
        cached.update({k: v for (k, _), v in zip(missing, vectors)})
        np.savez_compressed(cache_file, **cached)
    emb = np.stack([cached[k] for k in keys]).astype("float32")
    return texts, sents, roles, emb, encoder, [cw.split(r["id"]) for r in rows], [cw.document(r["id"]) for r in rows]


def neighbours(rows: list[dict], texts: list[str]) -> list[tuple[str, str]]:
    """(previous, following) sentence of each labelled one: the adjacent labelled rows of the same
    document (the set is sampled in runs of consecutive sentences), "" at a run's ends. The test
    split is scored the same way (select_claims over the rows in order), so both see one definition."""
    def same(i: int, j: int) -> bool:
        return 0 <= j < len(rows) and rows[i]["id"].split("/")[:2] == rows[j]["id"].split("/")[:2]

    return [(texts[i - 1] if same(i, i - 1) else "", texts[i + 1] if same(i, i + 1) else "") for i in range(len(rows))]


def fit(X: np.ndarray, y: np.ndarray, kinds: np.ndarray, C: float, kind_names: list[str], meta: dict,
        rule_weight: float = 1.0, with_kinds: bool = True) -> CheckworthyModel:
    from sklearn.linear_model import LogisticRegression

    mean, scale = X.mean(axis=0), X.std(axis=0)
    scale[scale < 1e-6] = 1.0
    scale[: len(FEATURES)] /= rule_weight
    Z = (X - mean) / scale
    binary = LogisticRegression(C=C, max_iter=3000, class_weight="balanced", random_state=SEED).fit(Z, y)
    if with_kinds:
        multi = LogisticRegression(C=C, max_iter=3000, class_weight="balanced", random_state=SEED).fit(Z, kinds)
        order = [list(multi.classes_).index(k) if k in multi.classes_ else None for k in kind_names]
        kind_coef = np.stack([multi.coef_[i] if i is not None else np.zeros(Z.shape[1]) for i in order])
        kind_intercept = np.array([multi.intercept_[i] if i is not None else -30.0 for i in order])
    else:  # cross-validation scores only the check-worthy model
        kind_coef, kind_intercept = np.zeros((len(kind_names), Z.shape[1])), np.zeros(len(kind_names))
    return CheckworthyModel(list(FEATURES), X.shape[1] - len(FEATURES), mean.astype("float32"), scale.astype("float32"),
                            binary.coef_[0].astype("float32"), float(binary.intercept_[0]), kind_names,
                            kind_coef.astype("float32"), kind_intercept.astype("float32"), meta)


def best_threshold(y: np.ndarray, scores: np.ndarray) -> tuple[float, float]:
    """The cut with the best F1 of the check-worthy class on out-of-fold scores."""
    best = (0.5, -1.0)
    for t in np.arange(0.1, 0.81, 0.01):
        f = prf(y, scores >= t)[2]
        if f > best[1]:
            best = (round(float(t), 2), f)
    return best


def recall_cut(y: np.ndarray, scores: np.ndarray, floor: float = MIN_RECALL) -> float:
    """The highest cut (0.01 steps) that keeps the recall of the check-worthy class >= floor."""
    for t in np.arange(0.8, 0.0, -0.01):
        if prf(y, scores >= t)[1] >= floor:
            return round(float(t), 2)
    return 0.0


def prf(y: np.ndarray, pred: np.ndarray) -> tuple[float, float, float]:
    tp = int(np.sum((pred == 1) & (y == 1)))
    p = tp / max(1, int(np.sum(pred == 1)))
    r = tp / max(1, int(np.sum(y == 1)))
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def cross_validate(X, y, kinds, groups, kind_names) -> tuple[float, float, dict]:
    """C and threshold by grouped K-fold on the train split (documents never straddle folds)."""
    from sklearn.model_selection import GroupKFold

    folds = list(GroupKFold(n_splits=FOLDS).split(X, y, groups))
    attributed = X[:, FEATURES.index("attribution")] > 0
    report = {}
    settings = [("binary", C, w) for C in C_GRID for w in RULE_WEIGHTS] + [("kinds", C, 3.0) for C in KINDS_C_GRID]
    for score, C, weight in settings:
        oof = np.zeros(len(y))
        for train_idx, val_idx in folds:
            model = fit(X[train_idx], y[train_idx], kinds[train_idx], C, kind_names, {"score": score}, weight,
                        with_kinds=score == "kinds")
            oof[val_idx] = model.predict(X[val_idx, : len(FEATURES)], X[val_idx, len(FEATURES):])[0]
        for rule in (False, True):  # an attribution the parser finds is check-worthy whatever the score
            scores = np.where(attributed, 1.0, oof) if rule else oof
            t, f = best_threshold(y, scores)
            cut = recall_cut(y, scores)
            report[f"score={score} C={C} rule_weight={weight} attribution_rule={rule}"] = {
                "score": score, "C": C, "rule_weight": weight, "attribution_rule": rule, "threshold_best_f1": t,
                "f1": round(f, 4), "threshold": cut, "f1_at_threshold": round(prf(y, scores >= cut)[2], 4),
                "recall_at_threshold": round(prf(y, scores >= cut)[1], 4)}
    best = max(report.values(), key=lambda r: r["f1"])
    return best, report


class _Cached:
    """An encoder that answers from the vectors already computed (select_claims embeds through it)."""

    def __init__(self, texts, emb, model_id):
        self.by_text = {t: v for t, v in zip(texts, emb)}
        self.model_id, self.dim = model_id, emb.shape[1]

    def encode_queries(self, texts):
        return np.stack([self.by_text[t] for t in texts]) if texts else np.zeros((0, self.dim), dtype="float32")


def runs(ids: list[str]) -> list[list[int]]:
    """Consecutive rows of one document: each is checked as one text, as the checker would."""
    groups: list[list[int]] = []
    for i, sent_id in enumerate(ids):
        if groups and ids[groups[-1][-1]].split("/")[:2] == sent_id.split("/")[:2]:
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


def evaluate(model, ids, texts, sents, roles, emb, y, gold_kinds, model_id) -> dict:
    """The checker's whole decision (hard rules, chair role, classifier) against the old rules."""
    encoder = _Cached(texts, emb, model_id)
    new, no_model = [], []
    for group in runs(ids):
        part, part_roles = [sents[i] for i in group], [roles[i] for i in group]
        new += select_claims(part, encoder, part_roles, model.threshold, model=model)[0]
        no_model += select_claims(part, encoder, part_roles, model=None)[0]
    old = np.array([int(word_count(t) >= MIN_WORDS and rule_reason(t) == "claim") for t in texts])
    pred = np.array([int(d.checkworthy) for d in new])
    fallback = np.array([int(d.checkworthy) for d in no_model])
    out = {"n": len(y), "positives": int(y.sum())}
    for name, p in (("model", pred), ("old_rules", old), ("new_rules_without_model", fallback)):
        pr, rc, f = prf(y, p)
        out[name] = {"precision": round(pr, 3), "recall": round(rc, 3), "f1": round(f, 3)}
    per_kind = {}
    for kind in sorted(set(gold_kinds), key=lambda k: (k not in CHECKWORTHY_KINDS, k)):
        idx = [i for i, k in enumerate(gold_kinds) if k == kind]
        want = 1 if kind in CHECKWORTHY_KINDS else 0
        per_kind[kind] = {
            "n": len(idx),
            "model_right": round(float(np.mean(pred[idx] == want)), 3),
            "old_rules_right": round(float(np.mean(old[idx] == want)), 3),
            "model_kind_right": round(float(np.mean([_kind_matches(new[i].kind, kind) for i in idx])), 3),
        }
    out["per_kind"] = per_kind
    return out


def _kind_matches(predicted: str, gold: str) -> bool:
    """Captions, bylines and datelines are the labels' 'heading'; too short lines their 'other'."""
    alias = {"caption": "heading", "byline": "heading", "dateline": "heading", "too_short": "other"}
    return alias.get(predicted, predicted) == gold


def render(result: dict) -> str:
    lines = [f"test split: {result['n']} sentences, {result['positives']} check-worthy",
             f"{'':26} {'P':>6} {'R':>6} {'F1':>6}"]
    for name in ("model", "old_rules", "new_rules_without_model"):
        m = result[name]
        lines.append(f"{name:26} {m['precision']:6.3f} {m['recall']:6.3f} {m['f1']:6.3f}")
    lines += ["", f"{'gold kind':14} {'n':>5} {'model right':>12} {'old rules right':>16} {'kind right':>11}"]
    for kind, m in result["per_kind"].items():
        lines.append(f"{kind:14} {m['n']:5d} {m['model_right']:12.3f} {m['old_rules_right']:16.3f} {m['model_kind_right']:11.3f}")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=HERE / "model.json")
    ap.add_argument("--report", type=Path, default=HERE / "results.json")
    ap.add_argument("--fit-second-round", action="store_true",
                    help="also fit on the second round's train split (measured, not shipped: MODEL.md)")
    args = ap.parse_args(argv)
    began = time.time()
    rows = read_labels()
    texts, sents, roles, emb, encoder, splits, docs = load_examples(rows)
    near = neighbours(rows, texts)
    X = np.hstack([np.array([feature_vector(s.text, s.entities, r, *n) for s, r, n in zip(sents, roles, near)],
                            dtype="float32"), emb])
    y = np.array([r["y"] for r in rows])
    kinds = np.array([r["kind"] for r in rows])
    kind_names = sorted(set(kinds), key=lambda k: (k not in CHECKWORTHY_KINDS, k))
    first = np.array([r["round"] == "1" for r in rows])
    fitted = first | (args.fit_second_round & np.array([r["round"] == "2" for r in rows]))
    train = np.array([s == "train" for s in splits]) & fitted
    test = np.array([s == "test" for s in splits]) & first
    best, cv = cross_validate(X[train], y[train], kinds[train], np.array(docs)[train], kind_names)
    for name, r in sorted(cv.items(), key=lambda kv: -kv[1]["f1"])[:6]:
        print(f"CV {name}: best F1 {r['f1']:.4f} at {r['threshold_best_f1']}; at the recall-{MIN_RECALL} cut "
              f"{r['threshold']}: F1 {r['f1_at_threshold']:.4f}")
    C, threshold = best["C"], best["threshold"]
    print(f"grouped {FOLDS}-fold CV on the train split chose {best}")
    meta = {"embedding_model": encoder.model_id, "threshold": threshold, "C": C, "seed": SEED,
            "threshold_rule": f"highest cut with out-of-fold recall >= {MIN_RECALL}",
            "threshold_best_f1": best["threshold_best_f1"],
            "rule_weight": best["rule_weight"], "attribution_rule": best["attribution_rule"], "score": best["score"],
            "trained_on": int(train.sum()), "documents": len(set(np.array(docs)[train])),
            "labels": str(LABELS.relative_to(REPO))}
    model = fit(X[train], y[train], kinds[train], C, kind_names, meta, best["rule_weight"])

    def scored(mask):
        idx = np.flatnonzero(mask)
        out = evaluate(model, [rows[i]["id"] for i in idx], [texts[i] for i in idx], [sents[i] for i in idx],
                       [roles[i] for i in idx], emb[idx], y[idx], [kinds[i] for i in idx], encoder.model_id)
        out["documents"] = len(set(np.array(docs)[mask]))
        return out

    result = scored(test)
    model.meta["test"] = {k: result[k] for k in ("n", "model", "old_rules")}
    print(render(result))
    second = np.array([r["round"] == "2" for r in rows]) & ~train
    if second.any():  # the second sample, all of it: measured, never fitted on (DATASHEET.md, MODEL.md)
        result["round_2"] = scored(second)
        print(f"\nsecond round, {int(second.sum())} sentences, only measured\n" + render(result["round_2"]))
    args.out.write_text(json.dumps(model.to_json(), ensure_ascii=False) + "\n", encoding="utf-8")
    args.report.write_text(json.dumps({"cv": cv, "chosen": best, "test": result},
                                      indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} kB) and {args.report} in {time.time() - began:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
