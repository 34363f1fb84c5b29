import random

import pytest

from factcheck.errors import FactcheckError
from factcheck.stance.checks import FEATURES
from factcheck.stance.combiner import Combiner, load_combiner, load_level
from factcheck.stance.engine import assess
from factcheck.stance.perturb import (aliases, contradicted_variants, paraphrase_variants, supported_variants,
                                      unverifiable_details)
from factcheck.verdict.combine import CLAIM_FEATURES, choose

SENTENCE = "HAB ble etablert i Norge i 2022 som et prøveprosjekt i Oslo og Bergen."


def test_generated_contradictions_are_caught_by_the_checks():
    variants = contradicted_variants(SENTENCE, random.Random(3), ["Danmark", "Trondheim"])
    methods = {g.method for g in variants}
    assert {"number", "negation"} <= methods
    for g in variants:
        assert g.text != SENTENCE and g.label == "contradicted"
        if g.method in ("number", "negation"):
            assert assess(g.text, SENTENCE, 0.95).stance == "contradicts", g


def test_a_share_said_in_words_at_the_start_of_a_sentence_is_edited_too():
    # "Halvparten" opens the sentence: the NLI set's builder crashed on it (no lower-case word to replace)
    sentence = "Halvparten av alle nordmenn vil få alvorlige psykiske problemer i løpet av livet."
    numbers = [g for g in contradicted_variants(sentence, random.Random(1), []) if g.method == "number"]
    assert numbers and all(not g.text.startswith("Halvparten") for g in numbers)


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


def test_shipped_verdict_combiner_is_the_default_and_can_be_turned_off(monkeypatch):
    load_combiner.cache_clear()
    monkeypatch.delenv("FACTCHECK_STANCE_COMBINER", raising=False)
    shipped = load_combiner()
    assert shipped is not None and shipped.level == "claim" and shipped.meta["override"] is None
    assert set(shipped.features) <= set(CLAIM_FEATURES) and not shipped.meta.get("stance_model")
    # the opt-in combiner reads the stance model and decides; without the stance model the shipped one takes over
    monkeypatch.setenv("FACTCHECK_STANCE_COMBINER", "combiner-nli.json")
    load_combiner.cache_clear()
    learned = load_level("claim")
    assert learned.meta["override"] == 0.0 and learned.meta["stance_model"] and learned.features == list(CLAIM_FEATURES)
    assert load_level("claim", stance_model=False).meta["override"] is None
    monkeypatch.setenv("FACTCHECK_STANCE_COMBINER", "none")
    load_combiner.cache_clear()
    assert load_combiner() is None
    monkeypatch.setenv("FACTCHECK_STANCE_COMBINER", "combiner-experimental.json")
    load_combiner.cache_clear()
    assert load_combiner().level == "pair"
    monkeypatch.setenv("FACTCHECK_STANCE_COMBINER", "/no/such/file.json")
    load_combiner.cache_clear()
    with pytest.raises(FactcheckError):
        load_combiner()
    load_combiner.cache_clear()


def _verdict_combiner(override):
    """Leans to "contradicted" whenever the rules said so, and to "not_enough_info" otherwise."""
    n = len(CLAIM_FEATURES)
    coef = [[0.0] * n for _ in range(3)]
    coef[1][CLAIM_FEATURES.index("rule_contradicted")] = 3.0
    coef[2][CLAIM_FEATURES.index("rule_supported")] = 3.0
    return Combiner(list(CLAIM_FEATURES), [0.0] * n, [1.0] * n, coef, [0.0, 0.0, 0.0],
                    ["supported", "contradicted", "not_enough_info"], {"level": "claim", "override": override})


def test_verdict_combiner_keeps_the_rules_verdict_unless_its_artefact_allows_overrides():
    features = {f: 0.0 for f in CLAIM_FEATURES} | {"rule_supported": 1.0}
    verdict, confidence, probs = choose(_verdict_combiner(None), features, "supported", can_contradict=False)
    assert verdict == "supported" and confidence == pytest.approx(probs["supported"]) and confidence < 0.5
    verdict, _, _ = choose(_verdict_combiner(0.8), features, "supported", can_contradict=False)
    assert verdict == "not_enough_info"


def test_verdict_combiner_never_contradicts_without_a_shown_finding():
    features = {f: 0.0 for f in CLAIM_FEATURES} | {"rule_contradicted": 1.0}
    verdict, confidence, probs = choose(_verdict_combiner(0.0), features, "not_enough_info", can_contradict=False)
    assert verdict != "contradicted" and probs["contradicted"] > confidence  # not renormalised: it says it is unsure
    verdict, _, _ = choose(_verdict_combiner(0.0), features, "not_enough_info", can_contradict=True)
    assert verdict == "contradicted"


def test_paraphrases_use_short_names_and_keep_the_facts():
    corpus = ["Heroinassistert behandling (HAB) er en type substitusjonsbehandling der heroin forskrives til opioidavhengige."]
    assert aliases(corpus) == {"Heroinassistert behandling": "HAB"}
    sentence = "Heroinassistert behandling gir bedre helse til opioidavhengige, som ikke har lykkes med LAR, og har 65 % retensjon."
    variants = paraphrase_variants(sentence, random.Random(3), aliases(corpus))
    assert variants and all(g.label == "supported" for g in variants)
    assert any(g.text.startswith("HAB ") for g in variants)
    assert all("65" in g.text for g in variants if "retensjon" in g.text)


def test_unverifiable_details_stay_on_topic():
    sentence = "Behandlingen bidrar til å redusere kriminalitet og er samfunnsøkonomisk gunstig."
    others = [sentence, "Heroinet injiseres gjerne, men kan også gis i pilleform eller røykes."]
    details = unverifiable_details(sentence, random.Random(1), ["Finland"], others)
    methods = {g.method for g in details}
    assert {"added-place", "added-detail", "mixed"} <= methods
    assert all(g.label == "not_enough_info" for g in details)
    assert any("Finland" in g.text for g in details)


def test_a_contradiction_is_shown_no_surer_than_its_check_has_proved():
    from factcheck.stance.findings import Finding
    from factcheck.verdict.combine import _finding_precision, contradiction_ceiling

    measured = _finding_precision()
    negation = Finding("negation", "contradicts", {"nb": "", "en": ""})
    number = Finding("number", "contradicts", {"nb": "", "en": ""})
    assert contradiction_ceiling([negation]) == measured["negation"] < 0.9
    # two checks that contradict: the more reliable one says how sure the verdict can be
    assert contradiction_ceiling([negation, number]) == max(measured["negation"], measured["number"])
    assert contradiction_ceiling([Finding("comparison", "contradicts", {})]) == measured["any"]  # too rare to measure
    assert contradiction_ceiling([Finding("number", "supports", {})]) == 1.0  # nothing contradicts: no ceiling
