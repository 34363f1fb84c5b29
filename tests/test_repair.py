from pathlib import Path

import pytest

from factcheck.corpus.repair import repair

from conftest import CORPUS

SEEDS = sorted(CORPUS.glob("*.txt"))


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_every_clean_paragraph_maps_back_to_the_original_words(path: Path):
    raw = path.read_text(encoding="utf-8")
    paragraphs = repair(raw)
    assert len(paragraphs) > 10
    for para in paragraphs:
        start, end = para.original_span(0, len(para.text))
        original_words = raw[start:end].split()
        # the original span holds exactly the paragraph's words (bullets dropped)
        assert " ".join(w for w in original_words if w not in ("●", "▪")) == para.text
        for i, ch in enumerate(para.text):
            if ch != " ":
                assert raw[para.offsets[i]] == ch


def test_line_breaks_inside_sentences_are_joined():
    raw = "Heroinassistert behandling (HAB) er en type \nsubstitusjonsbehandling der heroin \nforskrives.  \n \nNy paragraf her.\n"
    paras = repair(raw)
    assert [p.text for p in paras] == [
        "Heroinassistert behandling (HAB) er en type substitusjonsbehandling der heroin forskrives.",
        "Ny paragraf her.",
    ]


def test_double_spaced_extraction_keeps_sentences_and_splits_at_sentence_ends():
    lines = ["HAB ble etablert i Norge i ", "2022 som et prøveprosjekt i Oslo og Bergen. I Oslo var det ",
             "Oslo universitetssykehus som fikk oppdraget med å drifte tilbudet.  ",
             "Prøveprosjektet ble midtveisevaluert i 2024, og selv om denne evalueringen ",
             "kun baserer seg på oppstartsårene pekes det på positive aspekter."]
    paras = repair("\n\n".join(lines) + "\n")
    assert len(paras) == 2
    assert paras[0].text.startswith("HAB ble etablert i Norge i 2022 som")
    assert paras[1].text.startswith("Prøveprosjektet")


def test_bullets_urls_and_nbsp_are_cleaned():
    raw = "Innledning her.\n\n● «frafallet\u00a0er lavt». \n\nhttps://example.org/rapport.pdf\n\n▪ At HAB integreres.\n"
    texts = [p.text for p in repair(raw)]
    assert texts == ["Innledning her.", "«frafallet er lavt».", "At HAB integreres."]
