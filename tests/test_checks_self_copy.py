"""A sentence copied from a source never contradicts that source: every check is right about a copy
(own sentences with ranges, shares, several figures, limits and names; not dev claims)."""

from __future__ import annotations

import pytest

from factcheck.stance.checks import run_checks

SENTENCES = [
    "Alle deltakerne fikk tilbud om kurs, men noen takket nei.",
    "Kurset varer mellom 12 og 15 uker, og 4–6 deltakere deler en veileder.",
    "Ledigheten falt fra 4,1 prosent i 2019 til 3,2 prosent i 2021, mens sysselsettingen økte.",
    "Det er ikke dokumentert at tiltaket virker, men det kan tyde på en viss effekt.",
    "Hver fjerde elev i Bergen og en tredjedel av elevene i Trondheim sluttet før 1. mars 2020.",
    "Rapporten viser at tiltaket er bedre enn det gamle, og at kostnadene ble halvert.",
    "Noreg har om lag 5000 tannlegar, og talet har auka sidan 2015.",
    "Ingen av de 120 pasientene fikk alvorlige bivirkninger i løpet av de første 12 månedene.",
    "Fra 349 ubesatte hjemler i januar 2001 til 277 ved oppstart var utviklingen positiv.",
    "Over 80 prosent av kommunene med under 2000 innbyggere har minst én fastlege, ifølge SSB.",
]


@pytest.fixture(autouse=True)
def trained_pipeline(monkeypatch):
    monkeypatch.delenv("FACTCHECK_SPACY_MODEL", raising=False)


@pytest.mark.parametrize("sentence", SENTENCES)
def test_a_copied_sentence_is_not_contradicted_by_its_source(sentence):
    for passage in (sentence, f"Innledning til rapporten. {sentence} Resten av rapporten handler om annet."):
        findings = run_checks(sentence, passage, 0.97).findings
        assert [f.message["nb"] for f in findings if f.effect == "contradicts"] == []
