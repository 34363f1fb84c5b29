import pytest

from factcheck.text.sentences import lexical_tokens, split_sentences

CASES = [
    ("Møtet starter kl. 16.00 i morgen. Neste setning her.", 2),
    ("Det koster ca. 1.5 mill. kroner, bl.a. til lønn, f.eks. i Oslo. Så kom resten.", 2),
    ("Prøveprosjektet ble midtveisevaluert i 2024. Evalueringen baserer seg på oppstartsårene 2022-23.", 2),
    ("Se St.meld. nr. 5 om dette. Den kom i fjor.", 2),
    ("Den 17. mai er nasjonaldagen.", 1),
    ("Han sa «det går bra.» Så gikk han.", 2),
    ("blant dem som får metadon. (4). EMCDDA er tydelige på at HAB er et viktig steg.", 3),
    ("Heroinassistert behandling vart etablert i 2022. Det har aldri vore rapportert komplikasjonar.", 2),
]


@pytest.mark.parametrize("text,n", CASES)
def test_norwegian_sentence_boundaries(blank_nlp, text, n):
    sentences = split_sentences(text, blank_nlp)
    assert len(sentences) == n, [s.text for s in sentences]
    for s in sentences:
        assert text[s.start : s.end] == s.text


def test_over_long_sentences_are_chunked(blank_nlp):
    text = " ".join(["ord"] * 300) + "."
    sentences = split_sentences(text, blank_nlp)
    assert len(sentences) == 3
    assert all(text[s.start : s.end] == s.text for s in sentences)


def test_lexical_tokens_meet_across_inflection():
    assert lexical_tokens("kriminaliteten")[0] == lexical_tokens("kriminalitet")[0]
    assert lexical_tokens("pasientene")[0] == lexical_tokens("pasient")[0]
