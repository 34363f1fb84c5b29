"""A small attend-compare-aggregate model (Parikh et al. 2016, ESIM-style) over the encoder's token vectors.

Each claim token attends to the passage tokens (and back), the aligned pairs are compared
([a, â, a−â, a·â] through a shared layer), pooled, and read together with the alignment and
check scalars. It sees *which* claim word meets *which* passage word and how they differ, which
pooled features cannot. Forward pass in numpy (the trainer in models/stance/nli/train_attention.py
mirrors it in torch); weights are a few hundred kB.
"""

from __future__ import annotations

import numpy as np


def _relu(x: np.ndarray) -> np.ndarray:
    return np.maximum(x, 0.0)


def softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    """Numerically stable softmax along `axis` (the stance readers divide by their temperature first)."""
    x = x - x.max(axis=axis, keepdims=True)
    e = np.exp(x)
    return e / e.sum(axis=axis, keepdims=True)


class AttentionStance:
    """weights: proj_w/proj_b, cmp_w/cmp_b, hid_w/hid_b, out_w/out_b, scalar_mean/scalar_scale."""

    def __init__(self, weights: dict[str, np.ndarray], temperature: float = 1.0):
        self.w = {k: np.asarray(v, dtype="float32") for k, v in weights.items()}
        self.temperature = temperature

    def _side(self, a: np.ndarray, a_hat: np.ndarray) -> np.ndarray:
        m = _relu(np.concatenate([a, a_hat, a - a_hat, a * a_hat], axis=1) @ self.w["cmp_w"] + self.w["cmp_b"])
        return np.concatenate([m.mean(axis=0), m.max(axis=0)])

    def logits(self, claim_tokens: np.ndarray, passage_tokens: np.ndarray, scalars: np.ndarray) -> np.ndarray:
        d = self.w["proj_w"].shape[1]
        if len(claim_tokens) == 0 or len(passage_tokens) == 0:
            claim_tokens = passage_tokens = np.zeros((1, self.w["proj_w"].shape[0]), dtype="float32")
        a = _relu(claim_tokens @ self.w["proj_w"] + self.w["proj_b"])
        b = _relu(passage_tokens @ self.w["proj_w"] + self.w["proj_b"])
        e = a @ b.T / np.sqrt(d)
        a_hat = softmax(e, axis=1) @ b
        b_hat = softmax(e, axis=0).T @ a
        s = (scalars - self.w["scalar_mean"]) / self.w["scalar_scale"]
        z = np.concatenate([self._side(a, a_hat), self._side(b, b_hat), s])
        h = _relu(z @ self.w["hid_w"] + self.w["hid_b"])
        return h @ self.w["out_w"] + self.w["out_b"]

    def probabilities(self, claim_tokens, passage_tokens, scalars) -> np.ndarray:
        z = self.logits(claim_tokens, passage_tokens, scalars) / self.temperature
        return softmax(z[None, :], axis=1)[0]
