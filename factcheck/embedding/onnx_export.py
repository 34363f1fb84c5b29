"""Export a built sentence-transformers model to ONNX and quantise it, offline.

Why not sentence-transformers' own `backend="onnx"` export: it needs optimum-onnx, which pins
transformers < 4.58 while this project runs transformers 5. The files written here follow the
layout sentence-transformers' ONNX backend reads (`<model>/onnx/model.onnx`, fp32), but are
made with torch's own exporter and onnxruntime's dynamic quantiser, and read by
`onnx_encoder.OnnxEncoder` without torch. Two variants are derived from the fp32 export:

  onnx       model_emb8.onnx: fp32 transformer, 8-bit token-embedding table. The table is
             80 % of e5-small's weights (250k tokens x 384) but only looked up, so storing it
             in 8 bits halves load time and memory while the vectors stay the same (cosine
             0.9999 to torch); the matrix multiplications stay fp32.
  onnx-int8  model_qint8.onnx: every matrix multiplication int8 too (dynamic quantisation):
             a quarter of the size. On AVX2 CPUs without VNNI it is no faster than fp32.

Each variant is checked against the fp32 torch model on probe sentences; the minimum cosine
decides whether it may search an index built by the torch model (same model id) or needs its
own index (a separate model id), see `variant_model_id`.
"""

from __future__ import annotations

import json
import os
import time
import warnings
from pathlib import Path
from typing import Callable

FP32_FILE = "model.onnx"
VARIANT_FILES = {"onnx": "model_emb8.onnx", "onnx-int8": "model_qint8.onnx"}
QUANTISED_OPS = {"onnx": ["Gather"], "onnx-int8": ["MatMul", "Gather"]}
BACKENDS_FILE = "factcheck_backends.json"  # inside <model>/onnx/
SAME_INDEX_MIN_COSINE = 0.99  # below this a variant gets its own model id (and index)
OPSET = 17

PROBES = [
    "query: HAB ble etablert i Norge i 2022 som et prøveprosjekt i Oslo og Bergen.",
    "query: Ett år etter oppstart var det en reduksjon på 40 % i narkotikarelatert kriminalitet.",
    "query: Hvor mange pasienter fikk heroinassistert behandling?",
    "passage: Behandlingen gis ved to klinikker, og pasientene møter opp to ganger daglig.",
    "passage: Evalueringen viser færre overdoser og bedre livskvalitet blant deltakerne.",
    "passage: Regjeringen foreslår å videreføre ordningen etter prøveperioden i 2026.",
    "query: Statsbudsjettet for 2025 økte bevilgningene til rusomsorg med 12 prosent.",
    "passage: Kommunene har ansvar for oppfølging etter utskrivning fra institusjon.",
    "query: Arbeidsledigheten falt til 3,9 prosent i fjor.",
    "passage: The study followed 400 patients over three years in two cities.",
    "query: Det finnes ingen dokumentasjon på at tiltaket virker.",
    "passage: Ifølge SSB bodde det 5,5 millioner mennesker i Norge ved inngangen til 2024.",
]


def onnx_dir(model_dir: Path) -> Path:
    return Path(model_dir) / "onnx"


def read_backends(model_dir: Path) -> dict:
    """What `build_variants` recorded: {variant: {"file", "min_cosine", "model_id", ...}}."""
    path = onnx_dir(model_dir) / BACKENDS_FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def variant_model_id(base_model_id: str, min_cosine: float, variant: str) -> str:
    """Same id as fp32 when the vectors are interchangeable (min cosine >= 0.99), else its own."""
    return base_model_id if min_cosine >= SAME_INDEX_MIN_COSINE else f"{base_model_id}+{variant}"


def check_exportable(model_dir: Path) -> None:
    """The ONNX encoder re-implements Transformer + mean Pooling (+ Normalize): refuse anything else."""
    from ..errors import FactcheckError

    try:
        modules = json.loads((model_dir / "modules.json").read_text(encoding="utf-8"))
        pooling = json.loads((model_dir / modules[1]["path"] / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, IndexError) as exc:
        raise FactcheckError(f"{model_dir} is not a sentence-transformers model directory ({exc})") from exc
    kinds = [m["type"].rsplit(".", 1)[-1] for m in modules]
    if "pooling_mode" in pooling:  # sentence-transformers >= 5.x writes one mode by name
        mean_only = pooling["pooling_mode"] in ("mean", ["mean"]) and pooling.get("include_prompt", True)
    else:  # older versions: one flag per mode
        mean_only = pooling.get("pooling_mode_mean_tokens") and pooling.get("include_prompt", True) and not any(
            v for k, v in pooling.items() if k.startswith("pooling_mode_") and k != "pooling_mode_mean_tokens")
    if kinds[:2] != ["Transformer", "Pooling"] or modules[0]["path"] != "" or set(kinds[2:]) - {"Normalize"} or not mean_only:
        raise FactcheckError(f"{model_dir}: the ONNX backends support Transformer + mean Pooling (+ Normalize) models; "
                             "use --backend torch")


def export_fp32(model_dir: Path, target: Path) -> None:
    """torch -> ONNX: inputs input_ids/attention_mask [batch, tokens], output last_hidden_state."""
    import torch
    from transformers import AutoModel

    model = AutoModel.from_pretrained(str(model_dir), attn_implementation="eager").eval()

    class Wrapper(torch.nn.Module):
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask):
            return self.inner(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state

    ids = torch.tensor([[0, 5, 6, 7, 2], [0, 5, 2, 1, 1]], dtype=torch.long)
    mask = torch.tensor([[1, 1, 1, 1, 1], [1, 1, 1, 0, 0]], dtype=torch.long)
    target.parent.mkdir(parents=True, exist_ok=True)
    # the tracer's warnings (Python-side branches, advanced indexing) are for its authors: each variant is
    # checked against the torch model on probe sentences before it is used (agreement)
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            Wrapper(model), (ids, mask), str(target), dynamo=False, opset_version=OPSET,
            input_names=["input_ids", "attention_mask"], output_names=["last_hidden_state"],
            dynamic_axes={"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"},
                          "last_hidden_state": {0: "batch", 1: "tokens"}},
        )


def quantize(source: Path, target: Path, variant: str) -> None:
    """Dynamic 8-bit quantisation of the variant's operators (QUANTISED_OPS).

    Unsigned 8-bit weights (U8U8): on AVX2 CPUs without VNNI the signed-weight kernels can
    saturate (onnxruntime's quantisation notes); U8U8 measured closest to fp32 here.
    """
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(str(source), str(target), weight_type=QuantType.QUInt8, per_channel=False,
                     op_types_to_quantize=QUANTISED_OPS[variant])


def agreement(model_dir: Path, variant_file: Path) -> dict:
    """Cosine between the torch fp32 embeddings and the ONNX variant's, on PROBES."""
    import numpy as np
    from sentence_transformers import SentenceTransformer

    from .onnx_encoder import OnnxEncoder

    reference = SentenceTransformer(str(model_dir), device="cpu").encode(PROBES, normalize_embeddings=True)
    vectors = OnnxEncoder.from_files(model_dir, variant_file, model_id="probe").encode_raw(PROBES)
    cosines = np.sum(reference * vectors, axis=1)
    return {"min_cosine": round(float(cosines.min()), 5), "mean_cosine": round(float(cosines.mean()), 5)}


def build_variants(model_dir: Path, base_model_id: str, variants=("onnx", "onnx-int8"),
                   progress: Callable[[str], None] | None = None, force: bool = False) -> dict:
    """Write the ONNX variants of `model_dir` (once) and record how close each is to fp32."""
    import logging

    say = progress or (lambda _m: None)
    model_dir = Path(model_dir)
    check_exportable(model_dir)
    logging.getLogger("root").setLevel(logging.ERROR)  # the quantiser's "consider pre-processing" hint
    out = onnx_dir(model_dir)
    record = read_backends(model_dir)
    fp32 = out / FP32_FILE
    for variant in variants:
        path = out / VARIANT_FILES[variant]
        if path.exists() and variant in record and not force:
            continue
        started = time.perf_counter()
        if force or not fp32.exists():
            say(f"exporting {model_dir.name} to ONNX (fp32)")
            write_atomically(fp32, lambda tmp: export_fp32(model_dir, tmp))
            force = False  # export once per call
        say(f"quantising for the {variant} backend ({', '.join(QUANTISED_OPS[variant])} in 8 bits)")
        write_atomically(path, lambda tmp: quantize(fp32, tmp, variant))
        stats = agreement(model_dir, path)
        record[variant] = {
            "file": path.name,
            **stats,
            "model_id": variant_model_id(base_model_id, stats["min_cosine"], variant),
            "megabytes": round(path.stat().st_size / 1e6, 1),
            "built_in_s": round(time.perf_counter() - started, 1),
        }
        (out / BACKENDS_FILE).write_text(json.dumps(record, indent=2), encoding="utf-8")
        say(f"{variant}: {path} ({record[variant]['megabytes']} MB, min cosine to torch fp32 {stats['min_cosine']})")
    return record


def write_atomically(target: Path, write: Callable[[Path], None]) -> None:
    """Write through a temporary name, so a reader never sees half a model."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.stem}.tmp-{os.getpid()}{target.suffix}")
    try:
        write(tmp)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
