"""Hypothesis-only artefact check for the written NLI pairs.

Trains a bag-of-words logistic regression on the hypothesis text ALONE (no premise) and
reports macro-F1 under 5-fold cross-validation grouped by premise document
(doc = premise_id.split('/')[1]), so no document is in both train and test folds.
If the hypotheses carried no label cues, macro-F1 would sit near chance (about 0.33).
Also prints the words whose weights most favour one label over the others.

    .venv/bin/python models/stance/nli/hypothesis_only.py [--files written/batch_*.tsv]
"""
from __future__ import annotations

import argparse
import csv
from pathlib import Path

import numpy as np
from sklearn.dummy import DummyClassifier
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import GroupKFold
from sklearn.pipeline import make_pipeline

HERE = Path(__file__).resolve().parent


def load(files: list[Path]) -> tuple[list[str], np.ndarray, np.ndarray]:
    texts, labels, groups = [], [], []
    for f in files:
        with f.open(encoding="utf-8") as fh:
            for r in csv.DictReader(fh, delimiter="\t"):
                if r.get("label") not in ("entailment", "contradiction", "neutral"):
                    continue
                texts.append(r["hypothesis"].strip())
                labels.append(r["label"])
                groups.append(r["premise_id"].split("/")[1])
    return texts, np.array(labels), np.array(groups)


def model():
    # lower-cased unigrams (words, numbers), seen in at least 2 hypotheses
    return make_pipeline(CountVectorizer(lowercase=True, token_pattern=r"(?u)\b\w+\b", min_df=2, binary=True),
                         LogisticRegression(C=1.0, max_iter=2000))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=Path, nargs="*", default=sorted((HERE / "written").glob("batch_*.tsv")))
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--min-count", type=int, default=10, help="list only words in at least this many hypotheses")
    a = ap.parse_args(argv)
    X, y, g = load(a.files)
    print(f"{len(X)} pairs, {len(set(g))} documents, labels: "
          + ", ".join(f"{l} {int((y == l).sum())}" for l in sorted(set(y))))

    f1s, f1_major, pred_all = [], [], np.empty_like(y)
    for tr, te in GroupKFold(n_splits=5).split(X, y, g):
        m = model().fit([X[i] for i in tr], y[tr])
        p = m.predict([X[i] for i in te])
        pred_all[te] = p
        f1s.append(f1_score(y[te], p, average="macro"))
        d = DummyClassifier(strategy="most_frequent").fit(np.zeros((len(tr), 1)), y[tr])
        f1_major.append(f1_score(y[te], d.predict(np.zeros((len(te), 1))), average="macro"))
    print("macro-F1 per fold:", " ".join(f"{v:.3f}" for v in f1s))
    print(f"hypothesis-only macro-F1 {np.mean(f1s):.3f} ± {np.std(f1s):.3f} (5-fold, grouped by document); "
          f"pooled {f1_score(y, pred_all, average='macro'):.3f}; accuracy {(pred_all == y).mean():.3f}")
    print(f"chance (uniform guess) ≈ 0.333; majority class macro-F1 {np.mean(f1_major):.3f}")

    # most label-predictive words: largest weight for a label minus the mean of the other two
    m = model().fit(X, y)
    vec, lr = m.steps[0][1], m.steps[1][1]
    vocab = np.array(vec.get_feature_names_out())
    W = lr.coef_  # (3, V), rows in lr.classes_ order
    margin = W - (W.sum(axis=0, keepdims=True) - W) / (len(lr.classes_) - 1)
    best = margin.argmax(axis=0)
    score = margin.max(axis=0)
    counts = np.asarray(vec.transform(X).sum(axis=0)).ravel()
    print(f"\n{a.top} most label-predictive words in >= {a.min_count} hypotheses "
          "(weight margin over the other labels; n = hypotheses with the word):")
    for j in [j for j in np.argsort(-score) if counts[j] >= a.min_count][: a.top]:
        lab = lr.classes_[best[j]]
        share = (y[np.asarray(vec.transform(X)[:, j].todense()).ravel() > 0] == lab).mean()
        print(f"  {vocab[j]:<16} -> {lab:<13} margin {score[j]:.2f}  n={int(counts[j])}  {share:.0%} {lab}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
