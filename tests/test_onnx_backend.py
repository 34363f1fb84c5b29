"""The ONNX backends: exported offline from a local model, torch-free at run time, same vectors."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import numpy as np
import pytest

from factcheck.embedding.encoder import Encoder, TorchEncoder
from factcheck.embedding.onnx_encoder import OnnxEncoder
from factcheck.embedding.onnx_export import build_variants, read_backends, variant_model_id
from factcheck.errors import FactcheckError
from factcheck.index.store import PassageIndex, build_index

TEXTS = ["HAB ble etablert i Norge i 2022 som et prøveprosjekt i Oslo og Bergen.",
         "Ett år etter oppstart var det en reduksjon på 40 % i narkotikarelatert kriminalitet.",
         "Kort."]


@pytest.fixture(scope="module")
def exported(tiny_model_dir, tmp_path_factory):
    """A copy of the tiny model with both ONNX variants (the shared fixture stays torch-only)."""
    target = tmp_path_factory.mktemp("onnx") / "model"
    shutil.copytree(tiny_model_dir, target)
    base_id = TorchEncoder(str(target)).model_id
    return target, base_id, build_variants(target, base_id)


def test_export_records_each_variant_and_its_agreement_with_torch(exported):
    model_dir, base_id, record = exported
    assert read_backends(model_dir) == record
    assert set(record) == {"onnx", "onnx-int8"}
    for variant, row in record.items():
        assert (model_dir / "onnx" / row["file"]).exists()
        assert 0.9 <= row["min_cosine"] <= row["mean_cosine"] <= 1.0001
        assert row["model_id"] == variant_model_id(base_id, row["min_cosine"], variant)
    assert record["onnx"]["model_id"] == base_id  # fp32 matmuls: interchangeable with torch


def test_variant_model_id_separates_vectors_that_drift():
    assert variant_model_id("m", 0.995, "onnx-int8") == "m"
    assert variant_model_id("m", 0.98, "onnx-int8") == "m+onnx-int8"


def test_onnx_vectors_match_torch_for_queries_passages_and_truncated_text(exported):
    model_dir, _, _ = exported
    torch_encoder = TorchEncoder(str(model_dir))
    onnx_encoder = Encoder(str(model_dir), backend="onnx")
    assert isinstance(onnx_encoder, OnnxEncoder) and onnx_encoder.dim == torch_encoder.dim
    long_text = " ".join(TEXTS * 60)  # far over the tiny model's 128 tokens: both must truncate alike
    for method in ("encode_queries", "encode_passages"):
        a = getattr(torch_encoder, method)(TEXTS + [long_text])
        b = getattr(onnx_encoder, method)(TEXTS + [long_text])
        assert b.dtype == np.float32 and b.shape == a.shape
        assert np.allclose(np.linalg.norm(b, axis=1), 1.0, atol=1e-4)
        assert (a * b).sum(axis=1).min() > 0.999
    assert onnx_encoder.encode_queries([]).shape == (0, torch_encoder.dim)


def test_auto_uses_onnx_only_where_an_export_exists(exported, tiny_model_dir):
    model_dir, _, _ = exported
    assert isinstance(Encoder(str(model_dir), backend="auto"), OnnxEncoder)
    assert isinstance(Encoder(str(tiny_model_dir), backend="auto"), TorchEncoder)
    with pytest.raises(FactcheckError, match="unknown backend"):
        Encoder(str(model_dir), backend="tensorflow")


def test_auto_falls_back_to_torch_when_the_export_fails(tiny_model_dir, tmp_path, monkeypatch, capsys):
    import factcheck.embedding.encoder as encoder_module
    import factcheck.embedding.onnx_export as export_module

    target = tmp_path / "model"
    shutil.copytree(tiny_model_dir, target)

    def broken(*_args, **_kwargs):
        raise RuntimeError("exporter exploded")

    monkeypatch.setattr(export_module, "build_variants", broken)
    monkeypatch.setattr(encoder_module, "_is_default", lambda _model: True)  # as for the default model
    assert isinstance(Encoder(str(target), backend="auto"), TorchEncoder)
    assert "exporter exploded" in capsys.readouterr().err
    with pytest.raises(FactcheckError, match="exporter exploded"):
        Encoder(str(target), backend="onnx")  # asked for by name: no silent fallback, a one-line error


def test_an_index_built_by_torch_is_searched_alike_by_onnx(exported, corpus_copy, tmp_path, blank_nlp):
    from factcheck.api import FactChecker

    model_dir, _, _ = exported
    build_index(corpus_copy, tmp_path / "idx", TorchEncoder(str(model_dir)), nlp=blank_nlp)
    index = PassageIndex.load(tmp_path / "idx")
    text = "HAB ble etablert i Norge i 2022 som et prøveprosjekt i Oslo og Bergen."
    by_torch = FactChecker(index, TorchEncoder(str(model_dir)), nlp=blank_nlp).check(text)
    by_onnx = FactChecker(index, Encoder(str(model_dir), backend="onnx"), nlp=blank_nlp).check(text)
    assert [e.passage_id for e in by_onnx.claims[0].evidence] == [e.passage_id for e in by_torch.claims[0].evidence]
    # the int8 variant may drift further; with its own model id it must refuse the torch index
    int8 = Encoder(str(model_dir), backend="onnx-int8")
    if int8.model_id != index.model_id:
        with pytest.raises(FactcheckError, match="was built with model"):
            FactChecker(index, int8, nlp=blank_nlp)


def test_models_other_than_mean_pooling_are_refused(tiny_model_dir, tmp_path):
    target = tmp_path / "cls-model"
    shutil.copytree(tiny_model_dir, target)
    modules = json.loads((target / "modules.json").read_text())
    pooling = target / modules[1]["path"] / "config.json"
    config = json.loads(pooling.read_text())
    config.update(pooling_mode="cls") if "pooling_mode" in config else config.update(
        pooling_mode_mean_tokens=False, pooling_mode_cls_token=True)
    pooling.write_text(json.dumps(config))
    with pytest.raises(FactcheckError, match="mean Pooling"):
        Encoder(str(target), backend="onnx")


def test_checking_with_the_onnx_backend_never_imports_torch(exported, corpus_copy, tmp_path, blank_nlp):
    model_dir, _, _ = exported
    build_index(corpus_copy, tmp_path / "idx", TorchEncoder(str(model_dir)), nlp=blank_nlp)
    code = (
        "import sys, runpy\n"
        f"sys.argv = ['factcheck', 'check', '-', '--index', {str(tmp_path / 'idx')!r}, '-f', 'json']\n"
        "try:\n    runpy.run_module('factcheck', run_name='__main__')\n"
        "except SystemExit as exc:\n    assert not exc.code, exc.code\n"
        "print('TORCH' if sys.modules.get('torch') else 'NO-TORCH', file=sys.stderr)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], input="HAB ble etablert i 2022.", capture_output=True,
                         text=True, timeout=300, env={**__import__("os").environ, "FACTCHECK_BACKEND": "onnx"})
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["claims"][0]["text"] == "HAB ble etablert i 2022."
    assert out.stderr.strip().endswith("NO-TORCH")


@pytest.mark.slow
def test_the_default_model_runs_on_onnx_with_the_torch_model_id(real_env):
    torch_encoder = Encoder(backend="torch")
    onnx_encoder = Encoder()  # auto: exported on first use, then torch-free
    assert isinstance(onnx_encoder, OnnxEncoder) and onnx_encoder.model_id == torch_encoder.model_id
    a, b = torch_encoder.encode_queries(TEXTS), onnx_encoder.encode_queries(TEXTS)
    assert (a * b).sum(axis=1).min() > 0.999
