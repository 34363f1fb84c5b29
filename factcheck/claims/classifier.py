"""The learned check-worthiness classifier: rule features + the sentence's e5 embedding.

Two logistic regressions over the same standardised inputs, stored as plain JSON
(models/checkworthy/model.json, written by models/checkworthy/train.py): a binary one for
whether a sentence is check-worthy, and a multinomial one for its kind (claim, attribution,
opinion, demand, question, prediction, promise, procedural, personal, heading, other),
which becomes the reason code of a skipped sentence. Training chooses by cross-validation
which gives the score: the binary model, or the kinds' probability of claim + attribution
(meta.score = "kinds"). Scoring is a few dot products:
the embedding is the one the checker computes anyway for retrieval.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..config import artefact_path
from ..errors import FactcheckError
from .features import FEATURES

log = logging.getLogger(__name__)

ENV_VAR = "FACTCHECK_CHECKWORTHY_MODEL"
DEFAULT = "checkworthy/model.json"
OFF = ("none", "off", "rules", "0")
CHECKWORTHY_KINDS = ("claim", "attribution")


@dataclass
class CheckworthyModel:
    features: list[str]  # rule feature names, then the embedding's dimensions
    dim: int  # embedding dimensions
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray  # (n_inputs,) check-worthy vs not
    intercept: float
    kinds: list[str]
    kind_coef: np.ndarray  # (n_kinds, n_inputs)
    kind_intercept: np.ndarray
    meta: dict

    @property
    def threshold(self) -> float:
        return float(self.meta.get("threshold", 0.5))

    @property
    def attribution_rule(self) -> bool:
        """Whether an attribution the parser finds is check-worthy whatever the score (chosen in training)."""
        return bool(self.meta.get("attribution_rule", False))

    @property
    def embedding_model(self) -> str:
        return str(self.meta.get("embedding_model", ""))

    def inputs(self, rule_values: np.ndarray, vectors: np.ndarray) -> np.ndarray:
        x = np.hstack([np.asarray(rule_values, dtype="float32"), np.asarray(vectors, dtype="float32")])
        return (x - self.mean) / self.scale

    def predict(self, rule_values: np.ndarray, vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(probability of check-worthy per sentence, kind probabilities per sentence)."""
        x = self.inputs(rule_values, vectors)
        logits = x @ self.kind_coef.T + self.kind_intercept
        logits -= logits.max(axis=1, keepdims=True)
        probs = np.exp(logits)
        probs /= probs.sum(axis=1, keepdims=True)
        if self.meta.get("score") == "kinds":  # the kinds' model's mass on claim + attribution
            worthy = [i for i, k in enumerate(self.kinds) if k in CHECKWORTHY_KINDS]
            return probs[:, worthy].sum(axis=1), probs
        return 1.0 / (1.0 + np.exp(-(x @ self.coef + self.intercept))), probs

    def to_json(self) -> dict:
        r = lambda a: [round(float(v), 6) for v in np.ravel(a)]  # noqa: E731
        return {"features": self.features, "dim": self.dim, "mean": r(self.mean), "scale": r(self.scale),
                "coef": r(self.coef), "intercept": float(self.intercept), "kinds": self.kinds,
                "kind_coef": [r(row) for row in self.kind_coef], "kind_intercept": r(self.kind_intercept),
                "meta": self.meta}

    @classmethod
    def from_json(cls, data: dict) -> "CheckworthyModel":
        f32 = lambda v: np.asarray(v, dtype="float32")  # noqa: E731
        model = cls(list(data["features"]), int(data["dim"]), f32(data["mean"]), f32(data["scale"]), f32(data["coef"]),
                    float(data["intercept"]), list(data["kinds"]), f32(data["kind_coef"]), f32(data["kind_intercept"]),
                    dict(data.get("meta", {})))
        if model.features != list(FEATURES):
            raise FactcheckError("the check-worthiness model was trained on other rule features; "
                                 "retrain it with models/checkworthy/train.py")
        return model


def _warn_once(message: str) -> None:
    if message not in _warned:
        _warned.add(message)
        log.warning(message)


_warned: set[str] = set()


@lru_cache(maxsize=4)
def _load(path: str) -> CheckworthyModel:
    try:
        return CheckworthyModel.from_json(json.loads(Path(path).read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise FactcheckError(f"{path}: not a check-worthiness model ({exc.__class__.__name__}: {exc})") from exc


def load_model(path: str | Path | None = None) -> CheckworthyModel | None:
    """The model named by `path` or $FACTCHECK_CHECKWORTHY_MODEL, else the shipped one.

    None (and a warning) when it is not shipped; FACTCHECK_CHECKWORTHY_MODEL=rules turns it off
    quietly. Either way the rules of factcheck/claims/checkworthy.py decide.
    """
    name = str(path) if path else os.environ.get(ENV_VAR)
    if name and name.strip().lower() in OFF:
        return None
    if name:
        if not Path(name).exists():
            raise FactcheckError(f"check-worthiness model not found: {name}")
        return _load(str(Path(name).resolve()))
    shipped = artefact_path(DEFAULT)
    if shipped is None:
        _warn_once("check-worthiness model models/checkworthy/model.json not found; the rules decide "
                   "(train it with models/checkworthy/train.py)")
        return None
    return _load(str(shipped))


def model_for(encoder_model_id: str, dim: int) -> CheckworthyModel | None:
    """The model, when it was trained on embeddings of this encoder; else None (with a warning)."""
    model = load_model()
    if model is None:
        return None
    if model.dim != dim or (model.embedding_model and model.embedding_model != encoder_model_id):
        _warn_once(f"the check-worthiness model was trained on {model.embedding_model or 'another model'}'s "
                   f"embeddings, not {encoder_model_id}'s; the rules decide")
        return None
    return model
