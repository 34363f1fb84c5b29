import json

import numpy as np
import pytest

from factcheck.embedding.encoder import Encoder
from factcheck.errors import FactcheckError
from factcheck.index.search import Searcher
from factcheck.index.store import PassageIndex, build_index


@pytest.fixture(scope="module")
def tiny_encoder(tiny_model_dir):
    return Encoder(str(tiny_model_dir))


def test_index_records_model_and_offsets(corpus_copy, tmp_path, tiny_encoder, blank_nlp):
    report = build_index(corpus_copy, tmp_path / "idx", tiny_encoder, nlp=blank_nlp)
    assert report.documents == 2 and report.embedded == report.passages > 50
    index = PassageIndex.load(tmp_path / "idx")
    assert index.model_id == tiny_encoder.model_id
    assert index.embeddings.shape == (report.passages, tiny_encoder.dim)
    raw = {p.stem: p.read_text(encoding="utf-8") for p in corpus_copy.glob("*.txt")}
    for passage in index.passages:
        original = " ".join(raw[passage.doc_id][passage.start : passage.end].split())
        assert original.replace("● ", "").replace("▪ ", "") == passage.text


def test_adding_a_document_embeds_only_its_passages(corpus_copy, tmp_path, tiny_encoder, blank_nlp):
    first = build_index(corpus_copy, tmp_path / "idx", tiny_encoder, nlp=blank_nlp)
    (corpus_copy / "ny.txt").write_text("HAB ble evaluert i 2024. Resultatene var gode for pasientene.", encoding="utf-8")
    second = build_index(corpus_copy, tmp_path / "idx", tiny_encoder, nlp=blank_nlp)
    assert second.reused == first.passages
    assert second.embedded == second.passages - first.passages == 3  # 2 sentences + 1 window
    index = PassageIndex.load(tmp_path / "idx")
    fresh = tiny_encoder.encode_passages([p.text for p in index.passages])
    assert np.allclose(index.embeddings, fresh, atol=1e-5)


def test_another_model_is_refused(corpus_copy, tmp_path, tiny_encoder, blank_nlp):
    build_index(corpus_copy, tmp_path / "idx", tiny_encoder, nlp=blank_nlp)
    index = PassageIndex.load(tmp_path / "idx")
    with pytest.raises(FactcheckError, match="was built with model"):
        index.check_model("some/other-model")


def test_missing_and_damaged_index_give_clear_errors(tmp_path, corpus_copy, tiny_encoder, blank_nlp):
    with pytest.raises(FactcheckError, match="no index"):
        PassageIndex.load(tmp_path / "nothing")
    build_index(corpus_copy, tmp_path / "idx", tiny_encoder, nlp=blank_nlp)
    (tmp_path / "idx" / "embeddings.npy").write_bytes(b"garbage")
    with pytest.raises(FactcheckError, match="damaged"):
        PassageIndex.load(tmp_path / "idx")


def test_unsupported_files_are_listed_not_read(corpus_copy, tmp_path, tiny_encoder, blank_nlp):
    (corpus_copy / "rapport.pdf").write_bytes(b"%PDF-1.4")
    report = build_index(corpus_copy, tmp_path / "idx", tiny_encoder, nlp=blank_nlp)
    assert [p.endswith("rapport.pdf") for p in report.unsupported] == [True]


def test_search_puts_a_verbatim_quote_first(corpus_copy, tmp_path, tiny_encoder, blank_nlp):
    build_index(corpus_copy, tmp_path / "idx", tiny_encoder, nlp=blank_nlp)
    index = PassageIndex.load(tmp_path / "idx")
    quote = "heroinet gis under kontrollerte forhold"
    text = f"Forskerne skriver at risikoen er lav «når {quote}»."
    hits = Searcher(index).search([text], tiny_encoder.encode_queries([text]), k=3)[0]
    assert hits[0].is_quote and quote in hits[0].passage.text
    manifest = json.loads((tmp_path / "idx" / "manifest.json").read_text(encoding="utf-8"))
    assert {d["id"] for d in manifest["documents"]} == {"hab-kunnskapsoppsummering", "oslo-sv-hab-permanent-tilbud"}


def test_embedding_shows_its_own_progress_and_embeds_each_distinct_text_once(capsys):
    from factcheck.index.store import EMBED_STEP, embed_passages

    class Counting:  # a backend that draws no progress bar of its own (as the ONNX ones)
        calls: list = []

        def encode_passages(self, texts):
            self.calls.append(len(texts))
            return np.array([[len(t), 1.0] for t in texts], dtype="float32")

    encoder = Counting()
    texts = [f"setning {n % 700}" for n in range(1400)]
    vectors = embed_passages(encoder, texts, bar=True)
    assert sum(encoder.calls) == 700 and max(encoder.calls) == EMBED_STEP
    assert [v[0] for v in vectors] == [len(t) for t in texts]
    assert "embedding: 100%" in capsys.readouterr().err
