"""The cross-encoder reader: its int8 artefact, its loading and fallbacks, and its share of the stance."""

from __future__ import annotations

import json
import warnings

import numpy as np
import pytest

from factcheck.stance import cross
from factcheck.stance.nli import CROSS_WEIGHT, LABELS, NLIScorer


def tiny_bert():
    from transformers import BertConfig, BertModel

    config = BertConfig(vocab_size=50, hidden_size=16, num_hidden_layers=3, num_attention_heads=2,
                        intermediate_size=32, max_position_embeddings=32)
    return BertModel(config).eval()


def test_the_int8_artefact_reads_back_what_was_trained(tmp_path):
    import torch

    torch.manual_seed(0)
    bert = tiny_bert()
    top = cross.build_top(bert.encoder.layer[1:], 16, len(LABELS)).eval()
    cross.save(top, tmp_path / "x", {"model_id": "tiny", "labels": list(LABELS), "frozen_layers": 1})
    back = cross.build_top(bert.encoder.layer[1:], 16, len(LABELS)).eval()
    back.load_state_dict(cross.state_dict(np.load(tmp_path / "x.npz")))
    hidden, mask = torch.randn(2, 5, 16), torch.ones(2, 5)
    with torch.no_grad():
        assert torch.allclose(top(hidden, mask), back(hidden, mask), atol=0.05)
    meta = json.loads((tmp_path / "x.json").read_text())
    assert meta["kind"] == "cross-encoder" and meta["frozen_layers"] == 1
    assert np.load(tmp_path / "x.npz")[f"q:{next(iter(top.state_dict()))}"].dtype == np.int8


def test_a_missing_or_foreign_artefact_leaves_the_attention_model_alone(tmp_path):
    assert cross.load(str(tmp_path / "none"), "e5", tmp_path) is None
    (tmp_path / "x.json").write_text(json.dumps({"model_id": "another-model", "labels": list(LABELS), "frozen_layers": 1}))
    np.savez(tmp_path / "x.npz", **{"f:out.bias": np.zeros(3, dtype=np.float16)})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert cross.load(str(tmp_path / "x"), "e5", tmp_path) is None
    assert any("trained for 'another-model'" in str(w.message) for w in caught)


def test_the_scorer_averages_the_two_readers():
    class Attention:
        def probabilities(self, *_):
            return np.array([0.8, 0.1, 0.1])

    class Cross:
        labels = ("contradiction", "entailment", "neutral")  # its own order: matched by name

        def probabilities(self, claim, passages):
            return np.array([[0.6, 0.2, 0.2]] * len(passages))

    class Cache:
        store: dict = {}

        def fill(self, *_): ...

        def get(self, *_):
            return np.zeros(4, dtype="float32"), np.zeros((2, 4), dtype="float32")

    scorer = NLIScorer(Attention(), encoder=None, cross=Cross())
    scorer.cache = Cache()
    (probs,) = scorer.probabilities("a", np.zeros(4), np.zeros((2, 4)), ["b"])
    assert probs["entailment"] == pytest.approx((1 - CROSS_WEIGHT) * 0.8 + CROSS_WEIGHT * 0.2)
    assert probs["contradiction"] == pytest.approx((1 - CROSS_WEIGHT) * 0.1 + CROSS_WEIGHT * 0.6)
    assert sum(probs.values()) == pytest.approx(1.0)


@pytest.mark.slow
def test_the_shipped_cross_encoder_reads_agreement_and_disagreement(real_env):
    from factcheck.config import artefact_path
    from factcheck.embedding.encoder import Encoder, default_model_dir

    base = str(artefact_path(cross.ARTEFACT + ".npz"))[: -len(".npz")]
    reader = cross.load(base, Encoder().model_id, default_model_dir())
    assert reader is not None
    probs = reader.probabilities("Skolen i bygda ble åpnet i 1995.",
                                 ["Skolen i bygda ble åpnet i 1995, etter flere års planlegging.",
                                  "Skolen i bygda ble lagt ned i 1995, etter flere års strid."])
    entail, contra = reader.labels.index("entailment"), reader.labels.index("contradiction")
    assert probs.shape == (2, 3) and np.allclose(probs.sum(1), 1.0)
    assert probs[0, entail] > probs[1, entail] and probs[1, contra] > probs[0, contra]


def _tiny_artefact(tiny_model_dir, tmp_path, name="x", seed=1):
    """A cross-encoder artefact over the tiny test model: all its layers fine-tuned (frozen_layers 0)."""
    import torch
    from transformers import AutoModel

    torch.manual_seed(seed)
    bert = AutoModel.from_pretrained(tiny_model_dir)
    top = cross.build_top(bert.encoder.layer, bert.config.hidden_size, len(LABELS)).eval()
    cross.save(top, tmp_path / name, {"model_id": "tiny", "labels": list(LABELS), "frozen_layers": 0, "max_len": 24,
                                      "temperature": 1.3})
    return str(tmp_path / name)


PAIRS = [("hab ble etablert i 2022", "hab ble etablert i norge i 2022 som et prøveprosjekt i oslo og bergen"),
         ("hab ble etablert i 2022", "pasientene møter opp to ganger daglig " * 6)]  # longer than max_len: cut


def test_the_onnx_reader_reads_as_the_torch_reader_and_is_built_once(tiny_model_dir, tmp_path):
    from factcheck.stance import cross_onnx

    import shutil

    model_dir = tmp_path / "model"
    shutil.copytree(tiny_model_dir, model_dir)  # the export lands beside the model's own files
    base = _tiny_artefact(model_dir, tmp_path)
    reference = cross.load(base, "tiny", model_dir, backend="torch")
    reader = cross.load(base, "tiny", model_dir)
    assert isinstance(reader, cross_onnx.OnnxCrossEncoder)
    assert cross_onnx.export_path(base, model_dir).exists()
    claim, passages = PAIRS[0][0], [p for _, p in PAIRS] + ["oslo"]  # one padded batch, one passage cut
    ids, mask = reader.token_ids(claim, passages)
    assert ids.shape[1] == 24 and mask[2].sum() < 24
    assert np.allclose(reader.probabilities(claim, passages), reference.probabilities(claim, passages), atol=1e-4)
    built = cross_onnx.export_path(base, model_dir).stat().st_mtime_ns
    again = cross.load(base, "tiny", model_dir)  # the export is reused, not made again
    assert isinstance(again, cross_onnx.OnnxCrossEncoder)
    assert cross_onnx.export_path(base, model_dir).stat().st_mtime_ns == built
    retrained = _tiny_artefact(model_dir, tmp_path, name="y", seed=2)  # other weights: another export, never a stale one
    assert cross_onnx.export_path(retrained, model_dir) != cross_onnx.export_path(base, model_dir)


def test_an_export_that_fails_leaves_the_torch_reader_with_a_warning(tiny_model_dir, tmp_path, monkeypatch):
    from factcheck.stance import cross_onnx

    base = _tiny_artefact(tiny_model_dir, tmp_path)

    def broken(reader, target):
        raise RuntimeError("no exporter here")

    monkeypatch.setattr(cross_onnx, "export", broken)
    monkeypatch.setattr(cross_onnx, "export_path", lambda base, model_dir: tmp_path / "onnx" / "cross.onnx")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        reader = cross.load(base, "tiny", tiny_model_dir)
    assert isinstance(reader, cross.CrossEncoder)
    assert any("could not be exported" in str(w.message) for w in caught)
    assert not (tmp_path / "onnx" / "cross.onnx").exists()


def test_a_damaged_export_is_made_again(tiny_model_dir, tmp_path):
    import shutil

    from factcheck.stance import cross_onnx

    model_dir = tmp_path / "model"
    shutil.copytree(tiny_model_dir, model_dir)
    base = _tiny_artefact(model_dir, tmp_path)
    exported = cross_onnx.export_path(base, model_dir)
    exported.parent.mkdir(parents=True, exist_ok=True)
    exported.write_bytes(b"not an onnx graph")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        reader = cross.load(base, "tiny", model_dir)
    assert isinstance(reader, cross_onnx.OnnxCrossEncoder)
    assert any("exporting the cross-encoder again" in str(w.message) for w in caught)
    assert exported.stat().st_size > 1000
