"""Tests for the shipped spaCy pipeline models/spacy/nb_factcheck.

The pipeline must load with plain spacy.load(path), without importing any project code.
A missing model directory is a failure, not a skip.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import spacy

MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "spacy" / "nb_factcheck"


@pytest.fixture(scope="module")
def nlp():
    assert MODEL_DIR.is_dir(), f"trained pipeline missing: {MODEL_DIR} (run models/spacy/train.py)"
    return spacy.load(MODEL_DIR)


def sents(nlp, text):
    return [s.text for s in nlp(text).sents]


def test_meta(nlp):
    meta = json.loads((MODEL_DIR / "meta.json").read_text())
    assert meta["name"] == "nb_factcheck"
    assert meta["lang"] == "nb"
    assert meta["version"]
    perf = meta["performance"]
    for key in ("sents_f", "pos_acc", "lemma_acc", "ents_f"):
        assert key in perf
    for pipe in ("morphologizer", "trainable_lemmatizer", "ner"):
        assert pipe in nlp.pipe_names


def test_loads_without_custom_code():
    # a fresh interpreter must be able to load it: no custom factories/registrations
    import subprocess
    import sys

    code = (
        "import spacy, sys; nlp = spacy.load(sys.argv[1]); "
        "print(len(list(nlp('Det regner. Det blåser.').sents)))"
    )
    out = subprocess.run([sys.executable, "-c", code, str(MODEL_DIR)], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "2"


def test_abbreviation_and_parenthesis(nlp):
    text = (
        "HAB tilbys blant annet i Sveits, Tyskland, Nederland, England og Canada. "
        "Det er typisk forbeholdt pasienter som ikke har hatt nytte av annen "
        "substitusjonsbehandling (f.eks. buprenorfin)."
    )
    result = sents(nlp, text)
    assert len(result) == 2, result
    assert result[1].startswith("Det er typisk")


def test_year_before_period_ends_sentence(nlp):
    text = (
        "Prøveprosjektet ble midtveisevaluert i 2024. "
        "Evalueringen baserer seg på oppstartsårene 2022-23."
    )
    result = sents(nlp, text)
    assert len(result) == 2, result
    assert result[1].startswith("Evalueringen")


def test_clock_abbreviation_does_not_split(nlp):
    result = sents(nlp, "Møtet starter kl. 16.00 i morgen.")
    assert len(result) == 1, result


@pytest.mark.parametrize(
    "text",
    [
        "Regjeringen la fram St.meld. nr. 12 om saken i fjor.",
        "Dette er omtalt i Meld. St. 5 (2023–2024) fra departementet.",
        "Utgiftene var bl.a. knyttet til drift, dvs. lønn og husleie.",
        "Tiltaket kostet ca. 3 mill. kr. i fjor og 2 mrd. kr. totalt.",
    ],
)
def test_abbreviations_stay_in_sentence(nlp, text):
    result = sents(nlp, text)
    assert len(result) == 1, result


def test_abbreviation_tokens(nlp):
    doc = nlp("Se St.meld. nr. 12, f.eks. side 3.")
    words = [t.text for t in doc]
    assert "St.meld." in words and "f.eks." in words and "nr." in words


def test_lemma(nlp):
    doc = nlp("Politiet sier at kriminaliteten har gått ned.")
    lemmas = {t.text: t.lemma_ for t in doc}
    assert lemmas["kriminaliteten"] == "kriminalitet"


def test_pos(nlp):
    doc = nlp("Politiet sier at kriminaliteten har gått ned.")
    pos = {t.text: t.pos_ for t in doc}
    assert pos["kriminaliteten"] == "NOUN"
    assert pos["sier"] == "VERB"


def test_ner_oslo(nlp):
    doc = nlp("HAB ble etablert i Oslo og Bergen.")
    labels = {e.text: e.label_ for e in doc.ents}
    assert labels.get("Oslo") in {"GPE_LOC", "LOC"}, labels


def test_ner_labels_are_norne(nlp):
    assert set(nlp.get_pipe("ner").labels) <= {
        "PER", "ORG", "LOC", "GPE_LOC", "GPE_ORG", "PROD", "EVT", "DRV", "MISC",
    }


def test_components_listen_to_the_tok2vec_they_were_trained_with(nlp):
    # Tagging and syntax are trained in separate runs, each over its own tok2vec; a component
    # wired to the other run's tok2vec would read vectors its weights never saw.
    assert nlp.get_pipe("tok2vec").listening_components == ["morphologizer", "trainable_lemmatizer"]
    assert nlp.get_pipe("syntax_tok2vec").listening_components == ["parser"]
    # the NER carries its own tok2vec inside its model, as in spaCy's v3 core pipelines
    ner_layers = {layer.name for layer in nlp.get_pipe("ner").model.walk()}
    assert "tok2vec-listener" not in ner_layers, ner_layers


def test_sentence_splitting_skips_the_tagging_tok2vec(nlp):
    from factcheck.text.sentences import _not_needed, split_sentences

    skipped = _not_needed(nlp)
    assert {"tok2vec", "morphologizer", "trainable_lemmatizer"} <= set(skipped)
    assert "syntax_tok2vec" not in skipped and "parser" not in skipped and "ner" not in skipped
    text = "Tiltaket startet i 2024. Evalueringen kom i Oslo i fjor, jf. St.meld. nr. 12."
    full = [s.text for s in nlp(text).sents]
    assert [s.text for s in split_sentences(text, nlp)] == full


def test_a_blank_choice_is_not_handed_to_a_later_caller_who_asks_for_the_trained_pipeline(monkeypatch):
    from factcheck.text.nlp import TRAINED_PIPELINE_DIR, load_nlp

    monkeypatch.setenv("FACTCHECK_SPACY_MODEL", "blank")
    assert "ner" not in load_nlp().pipe_names
    monkeypatch.delenv("FACTCHECK_SPACY_MODEL")
    assert TRAINED_PIPELINE_DIR.is_dir() and "ner" in load_nlp().pipe_names
