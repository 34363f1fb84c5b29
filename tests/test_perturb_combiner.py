import random

import pytest

from factcheck.errors import FactcheckError
from factcheck.stance.checks import FEATURES
from factcheck.stance.combiner import Combiner, load_combiner
from factcheck.stance.engine import assess
from factcheck.stance.perturb import contradicted_variants, supported_variants

SENTENCE = "HAB ble etablert i Norge i 2022 som et prøveprosjekt i Oslo og Bergen."


def test_generated_contradictions_are_caught_by_the_checks():
    variants = contradicted_variants(SENTENCE, random.Random(3), ["Danmark", "Trondheim"])
    methods = {g.method for g in variants}
    assert {"number", "negation"} <= methods
    for g in variants:
        assert g.text != SENTENCE and g.label == "contradicted"
        if g.method in ("number", "negation"):
            assert assess(g.text, SENTENCE, 0.95).stance == "contradicts", g


def test_generated_support_keeps_the_facts():
    for g in supported_variants(SENTENCE, random.Random(3)):
        assert "2022" in g.text and g.label == "supported"
        assert assess(g.text, SENTENCE, 0.95).stance == "supports", g


def test_combiner_json_round_trip_gives_probabilities():
    n = len(FEATURES)
    combiner = Combiner(list(FEATURES), [0.0] * n, [1.0] * n, [[1.0] + [0.0] * (n - 1), [0.0] * n, [-1.0] + [0.0] * (n - 1)],
                        [0.0, 0.0, 0.0], ["supports", "contradicts", "neutral"], {})
    again = Combiner.from_json(combiner.to_json())
    probs = again.probabilities({"similarity": 2.0})
    assert probs["supports"] > probs["contradicts"] > probs["neutral"]
    assert sum(probs.values()) == pytest.approx(1.0)


def test_combiner_is_opt_in(monkeypatch):
    load_combiner.cache_clear()
    monkeypatch.delenv("FACTCHECK_STANCE_COMBINER", raising=False)
    assert load_combiner() is None
    monkeypatch.setenv("FACTCHECK_STANCE_COMBINER", "combiner-experimental.json")
    load_combiner.cache_clear()
    assert load_combiner() is not None
    monkeypatch.setenv("FACTCHECK_STANCE_COMBINER", "/no/such/file.json")
    load_combiner.cache_clear()
    with pytest.raises(FactcheckError):
        load_combiner()
    load_combiner.cache_clear()
