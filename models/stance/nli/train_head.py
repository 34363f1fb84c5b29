"""Train the stance head (claim, passage) -> entailment / contradiction / neutral on the NLI set.

    python models/stance/nli/build.py --out ~/.cache/factcheck/nli/pairs.tsv
    python models/stance/nli/train_head.py --pairs ~/.cache/factcheck/nli/pairs.tsv

Features (factcheck/stance/nli.py, one place for training and use): token alignment over the
encoder's last layer, pooled-embedding agreement and the explainable checks' findings. Candidates
are compared by 5-fold cross-validation on the written train pairs, grouped by document; the
held-out test documents are scored once, at the end, for the report. Writes the artefact
(not shipped: the attention model won; --out) and a report (`models/stance/nli/REPORT_feature_head.json`).
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from factcheck.evaluation.calibration import expected_calibration_error  # noqa: E402
from factcheck.stance.nli import (LABELS, TokenCache, feature_matrix, fit_head, save_head)  # noqa: E402


def read_pairs(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def macro_f1(y_true, y_pred) -> float:
    from sklearn.metrics import f1_score
    return float(f1_score(y_true, y_pred, average="macro", labels=list(range(len(LABELS)))))


def report_block(rows, probs) -> dict:
    y = np.array([LABELS.index(r["label"]) for r in rows])
    pred = probs.argmax(1)
    out = {"pairs": len(rows), "accuracy": round(float((pred == y).mean()), 4), "macro_f1": round(macro_f1(y, pred), 4),
           "ece": round(float(expected_calibration_error(probs.max(1), pred == y)), 4), "per_phenomenon": {}, "per_lang": {}}
    for key, field in (("per_phenomenon", "phenomenon"), ("per_lang", "lang")):
        for value in sorted({r[field] for r in rows}):
            idx = [i for i, r in enumerate(rows) if r[field] == value]
            out[key][value] = {"pairs": len(idx), "accuracy": round(float((pred[idx] == y[idx]).mean()), 3)}
    from sklearn.metrics import confusion_matrix
    out["confusion(rows=gold " + "/".join(LABELS) + ")"] = confusion_matrix(y, pred, labels=[0, 1, 2]).tolist()
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pairs", type=Path, required=True)
    ap.add_argument("--cache", type=Path, default=Path.home() / ".cache/factcheck/nli/tokens.pkl")
    ap.add_argument("--out", type=Path, default=Path("/tmp/nli_head"), help="artefact base path (the feature head is not shipped: the attention model won)")
    ap.add_argument("--report", type=Path, default=ROOT / "models/stance/nli/REPORT_feature_head.json")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--no-generated", action="store_true", help="train on written pairs only")
    a = ap.parse_args(argv)
    t0 = time.time()
    rows = read_pairs(a.pairs)
    if a.no_generated:
        rows = [r for r in rows if r["origin"] != "generated"]
    from factcheck.embedding.encoder import Encoder
    encoder = Encoder()
    cache = TokenCache(a.cache, encoder)
    X = feature_matrix([(r["hypothesis"], r["premise"]) for r in rows], cache, progress=True)
    cache.save()
    print(f"features {X.shape} in {time.time() - t0:.0f} s", flush=True)
    y = np.array([LABELS.index(r["label"]) for r in rows])
    train = np.array([r["split"] == "train" for r in rows])
    written = np.array([r["origin"] != "generated" for r in rows])
    groups = np.array([r["doc"] for r in rows])

    from sklearn.model_selection import GroupKFold
    results = {}
    for kind in ("pooled_lr", "all_lr", "mlp"):
        oof = np.zeros((len(rows), len(LABELS)))
        folds = GroupKFold(n_splits=5)
        tr_idx = np.where(train)[0]
        for f_tr, f_va in folds.split(tr_idx, y[tr_idx], groups[tr_idx]):
            head = fit_head(X[tr_idx[f_tr]], y[tr_idx[f_tr]], kind, a.seed)
            oof[tr_idx[f_va]] = head.probabilities(X[tr_idx[f_va]])
        mask = train & written
        results[kind] = {"cv_written_macro_f1": round(macro_f1(y[mask], oof[mask].argmax(1)), 4),
                         "cv_written_accuracy": round(float((oof[mask].argmax(1) == y[mask]).mean()), 4)}
        print(kind, results[kind], f"{time.time() - t0:.0f} s", flush=True)
        results[kind]["_oof"] = oof
    best = max(results, key=lambda k: results[k]["cv_written_macro_f1"])
    oof = results[best].pop("_oof")
    head = fit_head(X[train], y[train], best, a.seed)
    head.fit_temperature(oof[train & written], y[train & written])
    test = ~train
    report = {"chosen": best, "candidates": {k: {kk: vv for kk, vv in v.items() if kk != "_oof"} for k, v in results.items()},
              "train_pairs": int(train.sum()), "train_written": int((train & written).sum()),
              "test": report_block([r for r, t in zip(rows, test) if t], head.probabilities(X[test]))}
    for kind in results:
        if kind != best:
            other = fit_head(X[train], y[train], kind, a.seed)
            p = other.probabilities(X[test])
            report["candidates"][kind]["test_macro_f1"] = round(macro_f1(y[test], p.argmax(1)), 4)
    report["candidates"][best]["test_macro_f1"] = report["test"]["macro_f1"]
    report["seconds"] = round(time.time() - t0)
    save_head(head, a.out, {"model_id": encoder.model_id, "kind": best, "seed": a.seed,
                            "trained_on": str(a.pairs.name), "test_macro_f1": report["test"]["macro_f1"]})
    a.report.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in report.items() if k != "test"}, indent=1))
    print("test", {k: report["test"][k] for k in ("pairs", "accuracy", "macro_f1", "ece")})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
