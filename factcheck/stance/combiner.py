"""A small learned combiner: check findings + retrieval scores -> stance probabilities.

A multinomial logistic regression, stored as plain JSON (feature names,
standardisation, coefficients) so the artefact is tiny, reviewable and needs
no pickle. Trained by models/stance/train_combiner.py on pairs the project
generates from its own corpus.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..config import artefact_path
from ..errors import FactcheckError

CLASSES = ("supports", "contradicts", "neutral")
ENV_VAR = "FACTCHECK_STANCE_COMBINER"


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
    """A trained combiner named by `path` or $FACTCHECK_STANCE_COMBINER, else None (the rules decide).

    Opt-in: trained on generated claims, it scored below the rules on the dev claims
    (see models/stance/README.md), so it is not the default.
    """
    name = path or os.environ.get(ENV_VAR)
    if not name:
        return None
    file = Path(name)
    if not file.exists():
        file = artefact_path(f"stance/{name}") or file
    if not file.exists():
        raise FactcheckError(f"stance combiner not found: {name}")
    return Combiner.from_json(json.loads(file.read_text(encoding="utf-8")))
