"""How often a shown "Støttet" or "Ikke nok grunnlag" is right on claims of other writers.

The verdict combiner (combine.py) gives each verdict a probability learned from claims generated out of
one corpus, where an unsupported claim is mostly off topic and easy to call: on real claims of other
topics it showed "Ikke nok grunnlag" at 0.82-0.96 where it was right 0.48-0.83 of the time, and "Støttet"
at 0.00-0.34 where it was right about half the time or more. This second step maps the combiner's
probability of the shown verdict to the share of such verdicts that were right, per verdict: "Ikke nok
grunnlag" learned from the team's written hypotheses checked as claims against whole treebank documents
together with the generated claims, "Støttet" from claims the team restated over whole treebank documents
(models/stance/train_confidence.py, artefact models/stance/confidence.json). A Motsagt keeps its own
confidence: it is already held to the measured precision of the check it rests on
(combine.contradiction_ceiling).

The artefact names the combiner it was fitted over; with another combiner active it is not applied.
FACTCHECK_CONFIDENCE=none turns it off.
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
from ..stance.combiner import OFF, Combiner

ENV_VAR = "FACTCHECK_CONFIDENCE"
DEFAULT = "confidence.json"
LOGIT = "logit"  # the input that stands for the combiner's probability of the shown verdict


def logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


@dataclass
class VerdictCalibration:
    """A logistic regression: P(the shown verdict is right | its combiner probability, a few scores)."""
    features: list[str]
    mean: list[float]
    scale: list[float]
    coef: list[float]
    intercept: float

    def probability(self, combiner_probability: float, values: dict[str, float]) -> float:
        x = [logit(combiner_probability) if f == LOGIT else values.get(f, 0.0) for f in self.features]
        z = self.intercept + sum(w * (v - m) / s for w, v, m, s in zip(self.coef, x, self.mean, self.scale))
        return 1.0 / (1.0 + math.exp(-z))


@dataclass
class Calibration:
    verdicts: dict[str, VerdictCalibration]
    combiner: str  # content_hash of the combiner it was fitted over
    meta: dict

    def confidence(self, verdict: str, combiner_probability: float, values: dict[str, float]) -> float:
        """The calibrated confidence of `verdict`, or the combiner's probability for a verdict it does not map."""
        mapped = self.verdicts.get(verdict)
        return combiner_probability if mapped is None else mapped.probability(combiner_probability, values)

    def to_json(self) -> dict:
        return {"combiner": self.combiner, "verdicts": {v: vars(c) for v, c in self.verdicts.items()}, "meta": self.meta}

    @classmethod
    def from_json(cls, data: dict) -> "Calibration":
        return cls({v: VerdictCalibration(**c) for v, c in data["verdicts"].items()}, data["combiner"],
                   data.get("meta", {}))


@lru_cache(maxsize=4)
def _load(name: str | None) -> Calibration | None:
    if name and name.strip().lower() in OFF:
        return None
    file = Path(name) if name else artefact_path(f"stance/{DEFAULT}")
    if file is None:
        return None
    if not file.exists():
        raise FactcheckError(f"confidence calibration not found: {name}")
    return Calibration.from_json(json.loads(file.read_text(encoding="utf-8")))


def calibration_for(combiner: Combiner | None) -> Calibration | None:
    """The active calibration ($FACTCHECK_CONFIDENCE or the shipped one) if it was fitted over `combiner`."""
    calibration = _load(os.environ.get(ENV_VAR))
    if calibration is None or combiner is None or calibration.combiner != combiner.content_hash:
        return None
    return calibration
