"""A small learned combiner: check findings + retrieval scores -> stance probabilities.

A multinomial logistic regression, stored as plain JSON (feature names,
standardisation, coefficients) so the artefact is tiny, reviewable and needs
no pickle. Trained by models/stance/train_combiner.py on pairs the project
generates from its own corpus.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..config import artefact_path

CLASSES = ("supports", "contradicts", "neutral")
DEFAULT_PATH = "stance/combiner.json"


@dataclass
class Combiner:
    features: list[str]
    mean: list[float]
    scale: list[float]
    coef: list[list[float]]  # [class][feature]
    intercept: list[float]
    classes: list[str]
    meta: dict

    def probabilities(self, values: dict[str, float]) -> dict[str, float]:
        x = [(values.get(f, 0.0) - m) / s for f, m, s in zip(self.features, self.mean, self.scale)]
        logits = [b + sum(w * v for w, v in zip(row, x)) for row, b in zip(self.coef, self.intercept)]
        top = max(logits)
        exps = [math.exp(v - top) for v in logits]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps)}

    def to_json(self) -> dict:
        return {"features": self.features, "mean": self.mean, "scale": self.scale, "coef": self.coef,
                "intercept": self.intercept, "classes": self.classes, "meta": self.meta}

    @classmethod
    def from_json(cls, data: dict) -> "Combiner":
        return cls(data["features"], data["mean"], data["scale"], data["coef"], data["intercept"],
                   data["classes"], data.get("meta", {}))


@lru_cache(maxsize=4)
def load_combiner(path: str | None = None) -> Combiner | None:
    """The trained combiner, or None when no artefact is shipped (the rules decide alone then)."""
    file = Path(path) if path else artefact_path(DEFAULT_PATH)
    if not file or not file.exists():
        return None
    return Combiner.from_json(json.loads(file.read_text(encoding="utf-8")))
