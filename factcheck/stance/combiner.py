"""A small learned combiner: check findings + retrieval scores -> probabilities.

A multinomial logistic regression with a fitted temperature, stored as plain JSON
(feature names, standardisation, coefficients, temperature) so the artefact is tiny,
reviewable and needs no pickle. Two levels share the format (`meta.level`):
- "claim" (the default, models/stance/combiner.json, trained by
  models/stance/train_verdict_combiner.py): weighs the rules' verdict and the
  findings of the top passages into the verdict and its calibrated confidence;
- "pair" (combiner-experimental.json, `factcheck review recalibrate`): one
  (claim, passage) pair at a time, opt-in only.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from ..config import artefact_path
from ..errors import FactcheckError

CLASSES = ("supports", "contradicts", "neutral")
VERDICTS = ("supported", "contradicted", "not_enough_info")
ENV_VAR = "FACTCHECK_STANCE_COMBINER"
DEFAULT = "combiner.json"
NLI = "combiner-nli.json"  # opt-in: reads the stance model's probabilities and decides the verdict
OFF = ("none", "off", "rules", "0")


@dataclass
class Combiner:
    features: list[str]
    mean: list[float]
    scale: list[float]
    coef: list[list[float]]  # [class][feature]
    intercept: list[float]
    classes: list[str]
    meta: dict
    temperature: float = 1.0  # logits are divided by it: fitted on held-out data for calibration

    @property
    def level(self) -> str:
        return self.meta.get("level", "pair")

    @cached_property
    def content_hash(self) -> str:
        """A short hash of what was fitted (meta aside), computed once per loaded combiner: which combiner a
        confidence calibration was fitted over, checked for every claim."""
        text = json.dumps({k: v for k, v in self.to_json().items() if k != "meta"}, sort_keys=True)
        return hashlib.sha1(text.encode()).hexdigest()[:12]

    def probabilities(self, values: dict[str, float]) -> dict[str, float]:
        x = [(values.get(f, 0.0) - m) / s for f, m, s in zip(self.features, self.mean, self.scale)]
        logits = [(b + sum(w * v for w, v in zip(row, x))) / self.temperature for row, b in zip(self.coef, self.intercept)]
        top = max(logits)
        exps = [math.exp(v - top) for v in logits]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps)}

    def to_json(self) -> dict:
        return {"features": self.features, "mean": self.mean, "scale": self.scale, "coef": self.coef,
                "intercept": self.intercept, "classes": self.classes, "temperature": self.temperature,
                "meta": self.meta}

    @classmethod
    def from_json(cls, data: dict) -> "Combiner":
        return cls(data["features"], data["mean"], data["scale"], data["coef"], data["intercept"],
                   data["classes"], data.get("meta", {}), float(data.get("temperature", 1.0)))


@lru_cache(maxsize=4)
def load_combiner(path: str | None = None) -> Combiner | None:
    """The combiner named by `path` or $FACTCHECK_STANCE_COMBINER, else the shipped models/stance/combiner.json.

    FACTCHECK_STANCE_COMBINER=none turns it off: the rules alone decide.
    """
    name = path or os.environ.get(ENV_VAR)
    if name and name.strip().lower() in OFF:
        return None
    if not name:
        shipped = artefact_path(f"stance/{DEFAULT}")
        return Combiner.from_json(json.loads(shipped.read_text(encoding="utf-8"))) if shipped else None
    file = Path(name)
    if not file.exists():
        file = artefact_path(f"stance/{name}") or file
    if not file.exists():
        raise FactcheckError(f"stance combiner not found: {name}")
    return Combiner.from_json(json.loads(file.read_text(encoding="utf-8")))


def needs_stance_model() -> bool:
    """Whether the active combiner reads the stance model's probabilities (so the checker runs it)."""
    combiner = load_combiner()
    return combiner is not None and bool(combiner.meta.get("stance_model"))


def load_level(level: str, stance_model: bool = True) -> Combiner | None:
    """The active combiner if it works at this level ("pair" or "claim"). A combiner trained on the stance
    model's probabilities (meta.stance_model, e.g. combiner-nli.json) is swapped for the shipped rules-only
    one when the stance model did not run (turned off, or trained for another embedding model)."""
    combiner = load_combiner()
    if combiner is not None and combiner.meta.get("stance_model") and not stance_model:
        fallback = artefact_path(f"stance/{DEFAULT}")
        combiner = load_combiner(str(fallback)) if fallback else None
    return combiner if combiner is not None and combiner.level == level else None
