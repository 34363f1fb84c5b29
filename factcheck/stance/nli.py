"""The learned stance head: does a passage entail, contradict or leave open a claim?

Trained on the project's Norwegian NLI set (models/stance/nli/, train_head.py) over features
that hold for any topic (factcheck/stance/alignment.py: token alignment and embedding agreement
from the encoder run the checker already makes) plus the explainable checks' features. The
artefact is a few hundred kB of numpy weights (`models/stance/nli_head.npz` + `.json`), applied
in numpy: no torch, no network. A missing or mismatched artefact means the rules decide alone.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import warnings
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from .alignment import SCALAR_NAMES, alignment_vector
from .attention import softmax
from .checks import run_checks

LABELS = ("entailment", "contradiction", "neutral")
STANCE_OF = {"entailment": "supports", "contradiction": "contradicts", "neutral": "neutral"}
CHECK_FEATURES = ("cover", "clause_cover", "number_match", "number_mismatch", "number_unmatched", "negation",
                  "direction", "antonym", "entity_clash", "entity_missing", "entity_examples", "quantifier",
                  "certainty", "comparison", "claim_len", "against")
ARTEFACT = "stance/nli_attention"  # models/stance/nli_attention.npz + .json (config.artefact_path)


def check_vector(claim: str, passage: str, similarity: float) -> np.ndarray:
    features = run_checks(claim, passage, similarity).features
    return np.array([float(features.get(k, 0.0)) for k in CHECK_FEATURES], dtype="float32")


def pair_scalars(claim_tokens, passage_tokens, claim_vec, passage_vec, claim: str, passage: str) -> np.ndarray:
    """The alignment scalars and the check features: what the attention model reads beside the tokens."""
    aligned = alignment_vector(claim_tokens, passage_tokens, claim_vec, passage_vec)
    return np.concatenate([aligned[: len(SCALAR_NAMES)], check_vector(claim, passage, float(aligned[0]))])


def pair_features(claim_tokens, passage_tokens, claim_vec, passage_vec, claim: str, passage: str) -> np.ndarray:
    """One feature row for (claim, passage): the one place for training and use alike."""
    aligned = alignment_vector(claim_tokens, passage_tokens, claim_vec, passage_vec)
    return np.concatenate([aligned, check_vector(claim, passage, float(aligned[0]))])


class TokenCache:
    """Pooled and token vectors of texts, by role and content hash, so unchanged text is never encoded twice."""

    def __init__(self, path: Path | None, encoder):
        self.path, self.encoder = path, encoder
        self.store: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        if path is not None and Path(path).exists():
            with open(path, "rb") as fh:
                saved = pickle.load(fh)
            if saved.get("model_id") == encoder.model_id:
                self.store = saved["vectors"]

    @staticmethod
    def key(role: str, text: str) -> str:
        return role + ":" + hashlib.sha1(text.encode("utf-8")).hexdigest()

    def fill(self, texts: list[str], role: str, progress: bool = False, chunk: int = 256) -> None:
        todo = sorted({t for t in texts if self.key(role, t) not in self.store})
        for start in range(0, len(todo), chunk):
            part = todo[start:start + chunk]
            pooled, tokens = self.encoder.encode_with_tokens(part, role)
            for t, p, tok in zip(part, pooled, tokens):
                self.store[self.key(role, t)] = (p.astype("float16"), tok.astype("float16"))
            if progress:
                print(f"  encoded {min(start + chunk, len(todo))}/{len(todo)} {role} texts", flush=True)

    def get(self, role: str, text: str) -> tuple[np.ndarray, np.ndarray]:
        p, tok = self.store[self.key(role, text)]
        return p.astype("float32"), tok.astype("float32")

    def save(self) -> None:
        if self.path is not None:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            tmp = Path(str(self.path) + ".tmp")
            with open(tmp, "wb") as fh:
                pickle.dump({"model_id": self.encoder.model_id, "vectors": self.store}, fh, protocol=4)
            tmp.replace(self.path)


def feature_matrix(pairs: list[tuple[str, str]], cache: TokenCache, progress: bool = False) -> np.ndarray:
    """Rows of pair_features for (claim, passage) pairs; claims are encoded as queries, passages as passages."""
    cache.fill([c for c, _ in pairs], "query", progress)
    cache.fill([p for _, p in pairs], "passage", progress)
    rows = []
    for claim, passage in pairs:
        cv, ct = cache.get("query", claim)
        pv, pt = cache.get("passage", passage)
        rows.append(pair_features(ct, pt, cv, pv, claim, passage))
    return np.vstack(rows) if rows else np.zeros((0, 0), dtype="float32")


@dataclass
class StanceHead:
    """Standardise, (optional ReLU hidden layer), softmax with a temperature: numpy only."""
    mean: np.ndarray
    scale: np.ndarray
    layers: list[tuple[np.ndarray, np.ndarray]]
    columns: np.ndarray | None = None  # feature columns the head reads (None: all)
    temperature: float = 1.0
    meta: dict = field(default_factory=dict)

    def logits(self, X: np.ndarray) -> np.ndarray:
        X = np.asarray(X, dtype="float64")
        if self.columns is not None:
            X = X[:, self.columns]
        h = (X - self.mean) / self.scale
        for i, (w, b) in enumerate(self.layers):
            h = h @ w + b
            if i < len(self.layers) - 1:
                h = np.maximum(h, 0.0)
        return h

    def probabilities(self, X: np.ndarray) -> np.ndarray:
        return softmax(self.logits(X) / self.temperature, axis=1)

    def fit_temperature(self, probs: np.ndarray, y: np.ndarray) -> None:
        """Temperature that minimises the log loss of out-of-fold predictions (given as probabilities)."""
        logp = np.log(np.clip(probs, 1e-9, 1.0))
        best = min(np.linspace(0.5, 3.0, 26), key=lambda t: _nll(logp / t, y))
        self.temperature = float(best)


def _nll(z: np.ndarray, y: np.ndarray) -> float:
    z = z - z.max(axis=1, keepdims=True)
    logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    return float(-logp[np.arange(len(y)), y].mean())


def fit_head(X: np.ndarray, y: np.ndarray, kind: str, seed: int = 13) -> StanceHead:
    """kind: pooled_lr (only u*v and |u-v|: the alternative to beat), all_lr, or mlp (one hidden layer)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.neural_network import MLPClassifier

    dim = (X.shape[1] - len(SCALAR_NAMES) - len(CHECK_FEATURES)) // 3
    columns = np.arange(len(SCALAR_NAMES), len(SCALAR_NAMES) + 2 * dim) if kind == "pooled_lr" else None
    Xs = X[:, columns] if columns is not None else X
    mean = Xs.mean(axis=0)
    scale = Xs.std(axis=0) + 1e-6
    Z = (Xs - mean) / scale
    if kind == "mlp":
        model = MLPClassifier(hidden_layer_sizes=(128,), alpha=1e-2, early_stopping=True, validation_fraction=0.1,
                              max_iter=200, random_state=seed).fit(Z, y)
        layers = [(w, b) for w, b in zip(model.coefs_, model.intercepts_)]
    else:
        model = LogisticRegression(C=0.05, max_iter=2000).fit(Z, y)
        layers = [(model.coef_.T, model.intercept_)]
    return StanceHead(mean, scale, layers, columns)


def save_head(head: StanceHead, base: Path, meta: dict) -> None:
    arrays = {"mean": head.mean, "scale": head.scale}
    for i, (w, b) in enumerate(head.layers):
        arrays[f"w{i}"], arrays[f"b{i}"] = w.astype("float32"), b.astype("float32")
    if head.columns is not None:
        arrays["columns"] = head.columns
    np.savez_compressed(str(base) + ".npz", **arrays)
    meta = {**meta, "labels": list(LABELS), "temperature": head.temperature, "layers": len(head.layers),
            "check_features": list(CHECK_FEATURES), "scalar_features": list(SCALAR_NAMES)}
    Path(str(base) + ".json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")


# share of the cross-encoder in the probabilities when both readers run (not tuned: 0.5-0.7 score alike on the
# held-out NLI documents; models/stance/README.md)
CROSS_WEIGHT = 0.5


class NLIScorer:
    """Reads a claim against retrieved passages with the stance model (the attention model or the
    feature head) and, where its artefact is there, the cross-encoder (cross.py): their probabilities
    are averaged. Passage token vectors are kept (by content) for the checker's lifetime, so a
    passage cited by many claims is encoded once."""

    def __init__(self, model, encoder, max_cached: int = 20_000, cross=None):
        self.model, self.encoder, self.cross = model, encoder, cross
        self.cache = TokenCache(None, encoder)
        self.max_cached = max_cached

    def probabilities(self, claim: str, claim_vec: np.ndarray, claim_tokens: np.ndarray,
                      passages: list[str]) -> list[dict[str, float]]:
        if not passages:
            return []
        if len(self.cache.store) > self.max_cached:
            self.cache.store.clear()
        self.cache.fill(passages, "passage")
        out = []
        for passage in passages:
            pv, pt = self.cache.get("passage", passage)
            if isinstance(self.model, StanceHead):
                probs = self.model.probabilities(pair_features(claim_tokens, pt, claim_vec, pv, claim, passage)[None])[0]
            else:
                probs = self.model.probabilities(claim_tokens, pt, pair_scalars(claim_tokens, pt, claim_vec, pv, claim, passage))
            out.append({label: float(p) for label, p in zip(LABELS, probs)})
        if self.cross is not None:
            for probs, read in zip(out, self.cross.probabilities(claim, passages)):
                for label, p in zip(self.cross.labels, read):
                    probs[label] = (1 - CROSS_WEIGHT) * probs[label] + CROSS_WEIGHT * float(p)
        return out


def scorer_for(encoder) -> NLIScorer | None:
    """The stance model for this encoder when the active verdict combiner reads it
    (FACTCHECK_STANCE_COMBINER=combiner-nli.json), else None: it costs time and, measured on the dev
    sets, does not yet beat the explainable checks (models/stance/README.md). FACTCHECK_STANCE_MODEL
    names another artefact (path without .npz) or `none`. None, with a warning, when it cannot be used."""
    from .combiner import needs_stance_model

    base = _chosen_artefact("FACTCHECK_STANCE_MODEL", ARTEFACT, fallback=f"models/{ARTEFACT}")
    if base is None or not needs_stance_model() or not hasattr(encoder, "encode_with_tokens"):
        return None
    model = load_model(base, getattr(encoder, "model_id", None))
    return NLIScorer(model, encoder, cross=cross_reader(encoder)) if model is not None else None


def scorer_from(attention: str, cross_base: str, encoder) -> NLIScorer | None:
    """The run-time reader built from named artefacts (paths without .npz; `cross_base` 'none' for the
    attention model alone), for measuring candidates as users would get them; None, after the loader's
    warning, when one cannot be used."""
    from ..embedding.encoder import default_model_dir
    from . import cross

    model = load_model(attention, getattr(encoder, "model_id", None))
    reader = None if cross_base == "none" else cross.load(cross_base, getattr(encoder, "model_id", None),
                                                          default_model_dir())
    if model is None or (cross_base != "none" and reader is None):
        return None
    return NLIScorer(model, encoder, cross=reader)


def cross_reader(encoder):
    """The cross-encoder (cross.py) beside the stance model, unless FACTCHECK_STANCE_CROSS is `none`
    or names another artefact (path without .npz); None when there is none for this encoder."""
    from ..embedding.encoder import default_model_dir
    from ..textio import say
    from . import cross

    base = _chosen_artefact("FACTCHECK_STANCE_CROSS", cross.ARTEFACT)
    return cross.load(base, getattr(encoder, "model_id", None), default_model_dir(), say=say) if base else None


def _chosen_artefact(variable: str, relative: str, fallback: str = "") -> str | None:
    """The artefact base (path without .npz) that `variable` names, the shipped one, else `fallback`;
    None when the variable says `none`."""
    import os

    from ..config import artefact_path

    choice = os.environ.get(variable, "")
    if choice.lower() == "none":
        return None
    shipped = artefact_path(relative + ".npz")
    return choice or (str(shipped)[: -len(".npz")] if shipped else fallback)


@lru_cache(maxsize=8)
def load_model(base: str, model_id: str | None = None):
    """The stance model saved at `base` (.npz + .json: the attention model or a feature head), or None
    (with a warning) when it is missing, unreadable or was trained for another embedding model."""
    npz, meta_path = Path(base + ".npz"), Path(base + ".json")
    if not npz.exists() or not meta_path.exists():
        warnings.warn(f"no stance model at {base}.npz: the verdict comes from the rules alone", stacklevel=2)
        return None
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        data = dict(np.load(npz))
    except (OSError, ValueError) as exc:
        warnings.warn(f"cannot read the stance model at {base} ({exc}): the verdict comes from the rules alone",
                      stacklevel=2)
        return None
    if model_id is not None and meta.get("model_id") != model_id:
        warnings.warn(f"the stance model was trained for {meta.get('model_id')!r}, not {model_id!r}: "
                      "the verdict comes from the rules alone", stacklevel=2)
        return None
    if meta.get("kind") == "attention":
        from .attention import AttentionStance

        return AttentionStance(data, float(meta.get("temperature", 1.0)))
    layers = [(data[f"w{i}"], data[f"b{i}"]) for i in range(int(meta["layers"]))]
    return StanceHead(data["mean"], data["scale"], layers, data["columns"] if "columns" in data else None,
                      float(meta.get("temperature", 1.0)), meta)
