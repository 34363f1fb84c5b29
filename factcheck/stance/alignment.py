"""Which claim words find a match in the passage, and with what (BERTScore-style alignment).

The stance model reads a claim against a passage through features that hold for any topic:
how well each claim token is matched by some passage token in the encoder's contextual
space (a changed number, name or direction word is a claim token with a weak match), how
much of the passage the claim uses, the pooled embeddings' agreement, and the vector
difference between the weakest-matched claim tokens and their best passage matches (what
changed, e.g. a negation or an antonym). Pure numpy: the token vectors come from the same
encoder run that embeds the texts (`encode_with_tokens`).
"""

from __future__ import annotations

import numpy as np

THRESHOLDS = (0.80, 0.85, 0.90, 0.95)
WEAKEST = 3  # claim tokens whose difference vectors describe what changed
SCALAR_NAMES = (
    "pooled_cos", "recall_mean", "recall_min", "recall_p10", "recall_p25", "recall_median",
    *(f"recall_below_{t:.2f}" for t in THRESHOLDS), "precision_mean", "precision_p25",
    "claim_tokens", "passage_tokens", "length_ratio",
)


def _unit(m: np.ndarray) -> np.ndarray:
    return m / np.maximum(np.linalg.norm(m, axis=-1, keepdims=True), 1e-9)


def alignment_vector(claim_tokens: np.ndarray, passage_tokens: np.ndarray, claim_vec: np.ndarray,
                     passage_vec: np.ndarray) -> np.ndarray:
    """[scalars (SCALAR_NAMES), u*v, |u-v|, mean difference of the weakest-matched tokens]: one float32 row."""
    dim = claim_vec.shape[-1]
    u, v = claim_vec.astype("float32"), passage_vec.astype("float32")
    if len(claim_tokens) == 0 or len(passage_tokens) == 0:
        scalars = np.zeros(len(SCALAR_NAMES), dtype="float32")
        scalars[0] = float(u @ v)
        return np.concatenate([scalars, u * v, np.abs(u - v), np.zeros(dim, dtype="float32")])
    sim = _unit(claim_tokens) @ _unit(passage_tokens).T
    best = sim.argmax(axis=1)
    recall = sim[np.arange(len(claim_tokens)), best]
    precision = sim.max(axis=0)
    n, m = len(claim_tokens), len(passage_tokens)
    scalars = np.array([
        float(u @ v), recall.mean(), recall.min(), *np.percentile(recall, [10, 25, 50]),
        *((recall < t).mean() for t in THRESHOLDS), precision.mean(), np.percentile(precision, 25),
        min(n, 64) / 64.0, min(m, 256) / 256.0, np.log((n + 1) / (m + 1)),
    ], dtype="float32")
    weakest = np.argsort(recall)[: min(WEAKEST, n)]
    diff = (claim_tokens[weakest] - passage_tokens[best[weakest]]).mean(axis=0)
    diff = diff / max(float(np.linalg.norm(diff)), 1.0)
    return np.concatenate([scalars, u * v, np.abs(u - v), diff.astype("float32")])


def feature_names(dim: int) -> list[str]:
    return [*SCALAR_NAMES, *(f"uv_{i}" for i in range(dim)), *(f"absdiff_{i}" for i in range(dim)),
            *(f"weak_diff_{i}" for i in range(dim))]
