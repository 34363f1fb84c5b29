"""The calibrated confidence of a shown "Ikke nok grunnlag" or "Støttet" (factcheck/verdict/confidence.py)."""

import pytest

from factcheck.errors import FactcheckError
from factcheck.stance.combiner import load_combiner
from factcheck.verdict import confidence
from factcheck.verdict.confidence import LOGIT, Calibration, VerdictCalibration, calibration_for

UNSURE = "Korpuset omtaler temaet, men verken bekrefter eller avkrefter påstanden."


@pytest.fixture
def shipped(monkeypatch):
    monkeypatch.delenv("FACTCHECK_CONFIDENCE", raising=False)
    monkeypatch.delenv("FACTCHECK_STANCE_COMBINER", raising=False)
    load_combiner.cache_clear()
    confidence._load.cache_clear()
    yield load_combiner()
    load_combiner.cache_clear()
    confidence._load.cache_clear()


def test_a_mapping_round_trips_and_leaves_other_verdicts_alone():
    mapped = VerdictCalibration([LOGIT, "max_similarity"], [0.0, 0.9], [1.0, 0.05], [0.5, 1.0], -0.2)
    calibration = Calibration.from_json(Calibration({"not_enough_info": mapped}, "abc", {"seed": 1}).to_json())
    low = calibration.confidence("not_enough_info", 0.99, {"max_similarity": 0.85})
    high = calibration.confidence("not_enough_info", 0.99, {"max_similarity": 0.95})
    assert 0.0 < low < high < 1.0
    assert calibration.confidence("supported", 0.42, {}) == 0.42  # not mapped: the combiner's probability


def test_the_shipped_mapping_belongs_to_the_shipped_combiner_and_lowers_a_sure_nei(shipped):
    calibration = calibration_for(shipped)
    assert calibration is not None and calibration.combiner == shipped.content_hash
    assert set(calibration.verdicts) == {"not_enough_info", "supported"}
    # the combiner's 0.999 for "not enough info" was right about half the time on other writers' claims
    sure = calibration.confidence("not_enough_info", 0.999, {})
    assert 0.5 < sure < 0.97
    assert calibration.confidence("not_enough_info", 0.3, {}) < sure  # the order is kept
    for name in ("written", "generated"):
        assert name in calibration.meta["held_out"]["not_enough_info"]
    # a Støttet the combiner gave 0.01 was right about half the time on restated claims: shown above the floor
    unsure, confident = calibration.confidence("supported", 0.01, {}), calibration.confidence("supported", 0.99, {})
    assert 0.34 <= unsure < confident < 0.95
    assert set(calibration.meta["held_out"]["supported"]) == {"restated"}


def test_another_combiner_or_none_turns_the_mapping_off(shipped, monkeypatch):
    learned = load_combiner("combiner-nli.json")
    assert calibration_for(learned) is None  # fitted over another combiner's probabilities
    assert calibration_for(None) is None
    monkeypatch.setenv("FACTCHECK_CONFIDENCE", "none")
    assert calibration_for(shipped) is None
    monkeypatch.setenv("FACTCHECK_CONFIDENCE", "/no/such/confidence.json")
    with pytest.raises(FactcheckError, match="confidence calibration not found"):
        calibration_for(shipped)


def test_a_verdict_with_nothing_to_stand_on_is_shown_with_the_calibrated_confidence(shipped, monkeypatch):
    from factcheck.corpus.passages import Passage
    from factcheck.index.search import Hit
    from factcheck.stance.engine import assess
    from factcheck.verdict import aggregate

    claim = "Kommunen betalte 2 millioner kroner i erstatning til sauebøndene i 2023."
    text = "Kommunen betalte erstatning til sauebøndene i 2023."
    hit = Hit(Passage(id="p", doc_id="d", title="", source="", paragraph=0, text=text, start=0, end=len(text)),
              dense=0.95, lexical=0.0, fused=0.9)

    def judged():
        return aggregate.decide(claim, 0, len(claim), [hit], [assess(claim, text, 0.95)])

    calibrated, calibration = judged(), calibration_for(shipped)
    monkeypatch.setenv("FACTCHECK_CONFIDENCE", "none")
    raw = judged()
    assert calibrated.verdict == raw.verdict == "not_enough_info"
    assert calibrated.confidence == pytest.approx(calibration.confidence("not_enough_info", raw.confidence, {}), abs=2e-3)
    assert calibrated.confidence != raw.confidence



def test_the_trainer_reads_a_bare_verdict_as_its_default_sources_and_refuses_one_without_any():
    import argparse
    import importlib.util
    from pathlib import Path

    path = Path(__file__).parents[1] / "models" / "stance" / "train_confidence.py"
    spec = importlib.util.spec_from_file_location("train_confidence", path)
    trainer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(trainer)
    ap = argparse.ArgumentParser()
    assert trainer._mapping("supported", ap) == ("supported", trainer.DEFAULT_MAPPINGS["supported"])
    assert trainer._mapping("contradicted=restated,written", ap) == ("contradicted", "restated,written")
    with pytest.raises(SystemExit):
        trainer._mapping("contradicted", ap)  # no default sources: said, not guessed
