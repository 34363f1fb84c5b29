"""Sentence embeddings from an exported ONNX model, without torch or sentence-transformers.

Importing torch + sentence-transformers costs seconds on a small CPU, longer than checking a
whole article; this encoder needs only onnxruntime, tokenizers and numpy, which load in a
fraction of that. It reproduces the sentence-transformers pipeline of the converted e5 model:
prompt prefix, tokenizer with truncation, transformer, mean pooling over real tokens,
L2 normalisation (see `onnx_export.agreement` for how close it stays to torch).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from ..errors import FactcheckError
from .encoder import cpu_threads, model_prompts


def open_session(path: Path, threads: int | None):
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads or cpu_threads()
    options.inter_op_num_threads = 1
    # busy-waiting threads steal the CPU from each other on a small shared machine
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.log_severity_level = 3
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


class OnnxEncoder:
    """Same interface as `encoder.Encoder` (model_id, dim, encode_queries, encode_passages)."""

    def __init__(self, session, tokenizer, model_id: str, prompts: dict[str, str], max_tokens: int,
                 batch_size: int = 32, pad_id: int = 0):
        self.session = session
        self.tokenizer = tokenizer
        self.model_id = model_id
        self.prompts = prompts
        self.max_tokens = max_tokens
        self.batch_size = batch_size
        self.pad_id = pad_id
        self.input_names = {i.name for i in session.get_inputs()}
        self.dim = int(session.get_outputs()[0].shape[-1])

    @classmethod
    def from_files(cls, model_dir: Path, onnx_file: Path, model_id: str, threads: int | None = None,
                   batch_size: int = 32) -> "OnnxEncoder":
        from tokenizers import Tokenizer

        model_dir = Path(model_dir)
        if not Path(onnx_file).exists():
            raise FactcheckError(f"no ONNX model at {onnx_file}: run `factcheck models build --backend onnx-int8`")
        tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        tokenizer.no_padding()
        tokenizer.no_truncation()
        st_config = _read_json(model_dir / "config_sentence_transformers.json")
        prompts = model_prompts(st_config.get("prompts"), model_id)
        config = _read_json(model_dir / "config.json")
        limits = (_read_json(model_dir / "sentence_bert_config.json").get("max_seq_length"),
                  _read_json(model_dir / "tokenizer_config.json").get("model_max_length"),
                  config.get("max_position_embeddings"))  # the smallest one wins, as in sentence-transformers
        max_tokens = min((int(n) for n in limits if isinstance(n, (int, float)) and 0 < n < 1_000_000), default=512)
        pad_id = int(config.get("pad_token_id") or 0)
        return cls(open_session(Path(onnx_file), threads), tokenizer, model_id, prompts, max_tokens, batch_size, pad_id)

    def _hidden_batches(self, texts: list[str]):
        """(rows, hidden [b, width, dim], mask [b, width]) over batches of similar length (less padding)."""
        encodings = self.tokenizer.encode_batch(list(texts))
        ids = [e.ids[: self.max_tokens - 1] + e.ids[-1:] if len(e.ids) > self.max_tokens else e.ids for e in encodings]
        order = np.argsort([-len(i) for i in ids], kind="stable")
        for start in range(0, len(order), self.batch_size):
            rows = order[start : start + self.batch_size]
            width = max(len(ids[r]) for r in rows)
            input_ids = np.full((len(rows), width), self.pad_id, dtype="int64")
            mask = np.zeros((len(rows), width), dtype="int64")
            for j, r in enumerate(rows):
                input_ids[j, : len(ids[r])] = ids[r]
                mask[j, : len(ids[r])] = 1
            feed = {"input_ids": input_ids, "attention_mask": mask}
            if "token_type_ids" in self.input_names:
                feed["token_type_ids"] = np.zeros_like(input_ids)
            yield rows, self.session.run(None, feed)[0], mask

    @staticmethod
    def _pool(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
        summed = (hidden * mask[:, :, None]).sum(axis=1)
        pooled = summed / np.maximum(mask.sum(axis=1, keepdims=True), 1)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)

    def encode_raw(self, texts: list[str]) -> np.ndarray:
        """Embed texts as given (prompt already included): L2-normalised float32 [n, dim]."""
        out = np.zeros((len(texts), self.dim), dtype="float32")
        for rows, hidden, mask in self._hidden_batches(texts) if texts else ():
            out[rows] = self._pool(hidden, mask)
        return out

    def encode_with_tokens(self, texts: list[str], role: str) -> tuple[np.ndarray, list[np.ndarray]]:
        """Pooled embeddings as `encode_queries`/`encode_passages` give them, and each text's token
        vectors (the transformer's last layer, prompt and special tokens left out) from the same run:
        the stance model aligns claim words with passage words on them."""
        prefix = self.prompts.get(role, "")
        skip = 1 + len(self.tokenizer.encode(prefix, add_special_tokens=False).ids) if prefix else 1
        pooled = np.zeros((len(texts), self.dim), dtype="float32")
        tokens: list[np.ndarray] = [np.zeros((0, self.dim), dtype="float32")] * len(texts)
        for rows, hidden, mask in self._hidden_batches([prefix + t for t in texts]) if texts else ():
            pooled[rows] = self._pool(hidden, mask)
            for j, r in enumerate(rows):
                n = int(mask[j].sum())
                tokens[r] = hidden[j, skip : max(skip, n - 1)].astype("float32")
        return pooled, tokens

    def _encode(self, texts: list[str], role: str) -> np.ndarray:
        prefix = self.prompts.get(role, "")
        return self.encode_raw([prefix + t for t in texts])

    def encode_queries(self, texts: list[str], progress: bool = False) -> np.ndarray:
        return self._encode(texts, "query")

    def encode_passages(self, texts: list[str], progress: bool = False) -> np.ndarray:
        return self._encode(texts, "passage")


def _read_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
