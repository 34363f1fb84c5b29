"""The cross-encoder through ONNX Runtime: exported once per artefact, then read without torch.

The artefact (cross.py) holds only the fine-tuned top layers; joined to the encoder's own bottom
layers they make one network, which is exported to ONNX the first time it is used (torch is needed
then, as for the encoder's own ONNX build) and kept beside the encoder's ONNX files under a name
that carries the artefact's content hash: a retrained artefact gets a new export, never a stale one.
After that a check loads onnxruntime and tokenizers only, like the embedding encoder
(embedding/onnx_encoder.py), and every (claim, passage) pair of a claim runs in one batch.

The export is checked against the torch reader on probe pairs before it is kept: the probabilities
may differ by at most MAX_PROBABILITY_GAP, else the torch reader is used, with a warning.
"""

from __future__ import annotations

import hashlib
import json
import warnings
from pathlib import Path

import numpy as np

from ..embedding.onnx_encoder import open_session
from ..embedding.onnx_export import OPSET, onnx_dir, write_atomically
from .attention import softmax

MAX_PROBABILITY_GAP = 0.01  # fp32 export: differences are rounding, far below this
# read as one padded batch per claim: the export must agree whatever the padding
PROBE_CLAIMS = ["Skolen i bygda ble åpnet i 1995.", "Arbeidsløysa gjekk ned i fjor."]
PROBE_PASSAGES = [
    "Skolen i bygda ble åpnet i 1995, etter flere års planlegging.",
    "Skolen i bygda ble lagt ned i 1995, etter flere års strid.",
    "Ledigheten steg til 4,1 prosent i fjor, viser tall fra SSB.",
    "Kort.",
    "400 millioner kroner bevilges over Kommunal- og moderniseringsdepartementets budsjett, og skal gå til "
    "å endre og styrke basistilskudd for fastlegene. " * 4,  # longer than max_len: truncation must agree
]


def artefact_digest(base: str) -> str:
    """A short content hash of the artefact (weights and meta): the export's name carries it."""
    digest = hashlib.sha256()
    for suffix in (".npz", ".json"):
        digest.update(Path(base + suffix).read_bytes())
    return digest.hexdigest()[:12]


def export_path(base: str, model_dir: Path) -> Path:
    return onnx_dir(Path(model_dir)) / f"cross-{artefact_digest(base)}.onnx"


class OnnxCrossEncoder:
    """Same interface as cross.CrossEncoder: `labels` and probabilities(claim, passages)."""

    def __init__(self, session, tokenizer, meta: dict, pad_id: int = 1):
        self.session, self.tokenizer, self.meta, self.pad_id = session, tokenizer, meta, pad_id
        self.temperature = float(meta.get("temperature", 1.0))
        self.labels = tuple(meta["labels"])

    @classmethod
    def from_files(cls, onnx_file: Path, model_dir: Path, meta: dict, threads: int | None = None) -> "OnnxCrossEncoder":
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(Path(model_dir) / "tokenizer.json"))
        tokenizer.no_padding()
        # as transformers' truncation="only_second": the claim is kept whole, the passage is cut
        tokenizer.enable_truncation(int(meta.get("max_len", 160)), strategy="only_second")
        config_file = Path(model_dir) / "config.json"
        config = json.loads(config_file.read_text(encoding="utf-8")) if config_file.exists() else {}
        return cls(open_session(onnx_file, threads), tokenizer, meta, int(config.get("pad_token_id") or 0))

    def token_ids(self, claim: str, passages: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """(input_ids, attention_mask) of the pairs, padded to the longest: e5's prompts as in training."""
        encodings = self.tokenizer.encode_batch([(f"query: {claim}", f"passage: {p}") for p in passages])
        width = max(len(e.ids) for e in encodings)
        ids = np.full((len(encodings), width), self.pad_id, dtype="int64")
        mask = np.zeros((len(encodings), width), dtype="int64")
        for row, e in enumerate(encodings):
            ids[row, : len(e.ids)], mask[row, : len(e.ids)] = e.ids, 1
        return ids, mask

    def probabilities(self, claim: str, passages: list[str], batch: int = 16) -> np.ndarray:
        if not passages:
            return np.zeros((0, len(self.labels)), dtype="float32")
        logits = []
        for start in range(0, len(passages), batch):
            ids, mask = self.token_ids(claim, passages[start : start + batch])
            logits.append(self.session.run(None, {"input_ids": ids, "attention_mask": mask})[0])
        return softmax(np.concatenate(logits) / self.temperature, axis=1)


def export(reader, target: Path) -> None:
    """The torch reader (cross.CrossEncoder: bottom encoder layers + fine-tuned top) as one ONNX graph:
    input_ids/attention_mask [pairs, tokens] -> logits [pairs, labels]."""
    import torch

    class Whole(torch.nn.Module):
        def __init__(self, bert, top):
            super().__init__()
            self.bert, self.top = bert, top

        def forward(self, input_ids, attention_mask):
            hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            return self.top(hidden, attention_mask.to(hidden.dtype))

    from .cross import pair_inputs

    enc = pair_inputs(reader.tokenizer, ["Et krav.", "Et annet krav her."], ["En passasje.", "Kort."], reader.max_len)
    # the tracer's warnings about Python-side branches are for its authors: the export is checked on
    # padded probe batches against torch before it is kept (build)
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            Whole(reader.bert, reader.top).eval(), (enc["input_ids"], enc["attention_mask"]), str(target),
            dynamo=False, opset_version=OPSET, input_names=["input_ids", "attention_mask"], output_names=["logits"],
            dynamic_axes={"input_ids": {0: "pairs", 1: "tokens"}, "attention_mask": {0: "pairs", 1: "tokens"},
                          "logits": {0: "pairs"}},
        )


def probability_gap(reader, onnx_reader) -> float:
    """The largest difference between the torch and the ONNX reader's probabilities on the probes."""
    return max(float(np.abs(reader.probabilities(claim, PROBE_PASSAGES) -
                            onnx_reader.probabilities(claim, PROBE_PASSAGES)).max()) for claim in PROBE_CLAIMS)


def build(reader, target: Path, model_dir: Path, say=None) -> Path:
    """Export the torch reader to `target` (export_path of its artefact) and keep the file only if it
    reads the probes as torch does; FactcheckError (with the gap) when it does not."""
    from ..errors import FactcheckError

    if say:
        say(f"exporting the cross-encoder to ONNX ({target.name}, first use only)")

    def write(tmp: Path) -> None:
        export(reader, tmp)
        gap = probability_gap(reader, OnnxCrossEncoder.from_files(tmp, model_dir, reader.meta))
        if gap > MAX_PROBABILITY_GAP:
            raise FactcheckError(f"the ONNX export of the cross-encoder differs from torch by {gap:.3f}")

    write_atomically(target, write)
    return target
