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


@pytest.fixture(scope="module", params=["blank", "trained"])
def any_nlp(request):
    """Both the shipped trained pipeline and the blank-nb fallback must split these right."""
    from factcheck.text.nlp import TRAINED_PIPELINE_DIR, load_nlp

    if request.param == "trained":
        assert TRAINED_PIPELINE_DIR.is_dir(), "the trained pipeline must be shipped in models/spacy/nb_factcheck"
        return load_nlp(str(TRAINED_PIPELINE_DIR))
    return load_nlp("blank")


@pytest.mark.parametrize("text,n", CASES)
def test_norwegian_sentence_boundaries(any_nlp, text, n):
    sentences = split_sentences(text, any_nlp)
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


def test_seed_paragraphs_split_into_whole_sentences(any_nlp):
    from factcheck.corpus.documents import list_corpus
    from factcheck.corpus.passages import document_passages

    from conftest import CORPUS

    sentences = {p.text for d in list_corpus(CORPUS).documents for p in document_passages(d, any_nlp) if p.kind == "sentence"}
    for expected in (
        "HAB ble etablert i Norge i 2022 som et prøveprosjekt i Oslo og Bergen.",
        "Det er typisk forbeholdt pasienter som ikke har hatt nytte av annen substitusjonsbehandling (f.eks. buprenorfin).",
        "Prøveprosjektperioden varer ut 2026, og det er fortsatt ikke avklart hva som skjer videre.",
    ):
        assert expected in sentences
    assert not [s for s in sentences if s[:1].islower() and not s.startswith(("at ", "«"))]
