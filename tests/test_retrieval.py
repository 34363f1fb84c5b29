"""Retrieval: lexical forms, fusion, the ANN backend, quotes, the embedding cache and eval-retrieval."""

from __future__ import annotations

import json
import zlib

import numpy as np
import pytest

from factcheck.corpus.passages import Passage
from factcheck.errors import FactcheckError
from factcheck.evaluation.retrieval import evaluate, load_squad, metrics
from factcheck.index.ann import ExactDense, HnswDense, choose_backend, make_dense
from factcheck.index.cache import EmbeddingCache
from factcheck.index.fusion import convex, rrf
from factcheck.index.lexical import LexicalIndex
from factcheck.index.search import QUOTE_SCORE, Searcher
from factcheck.index.store import PassageIndex
from factcheck.text.sentences import lexical_tokens, normalise_word


class HashingEncoder:
    """Bag-of-words vectors: similar wording gives similar vectors. Counts what it embeds."""

    model_id = "test:hashing"
    dim = 64

    def __init__(self):
        self.embedded = 0

    def _vectors(self, texts):
        out = np.zeros((len(texts), self.dim), dtype="float32")
        for i, text in enumerate(texts):
            for word in lexical_tokens(text):
                out[i, zlib.crc32(word.encode()) % self.dim] += 1.0
        out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)
        self.embedded += len(texts)
        return out

    encode_queries = encode_passages = _vectors


def passages(texts: list[str]) -> list[Passage]:
    return [Passage(f"d#{i}", "d", "Tittel", "kilde", i, t, 0, len(t)) for i, t in enumerate(texts)]


def test_lexical_forms_are_lemmas_then_stems():
    assert normalise_word("gikk") == normalise_word("gå")  # irregular: only a lemma list knows
    assert normalise_word("ble") == normalise_word("blir") == normalise_word("bli")
    assert normalise_word("Kriminaliteten") == normalise_word("kriminalitet")
    assert normalise_word("pasientene") == normalise_word("pasient")
    assert lexical_tokens("HAB ble etablert i 2022")[-1] == "2022"


def test_bm25_finds_the_passage_across_inflection():
    texts = ["Pasientene gikk til behandling hver dag.", "Været i Bergen var fint.", "Kommunen vedtok budsjettet."]
    scores = LexicalIndex(texts).scores("Hvor ofte går pasienten til behandlingen?")
    assert int(np.argmax(scores)) == 0 and scores[1] == 0


def test_rrf_adds_reciprocal_ranks():
    dense, lexical = np.array([0.9, 0.8, 0.7]), np.array([0.0, 5.0, 1.0])
    assert np.allclose(rrf(dense, lexical, k=60), [1 / 61 + 1 / 63, 1 / 62 + 1 / 61, 1 / 63 + 1 / 62])


def test_convex_keeps_the_size_of_a_lexical_lead():
    # passage 1 is a close second on dense and far ahead on lexical share: it should win
    dense, share = np.array([0.86, 0.85, 0.84]), np.array([0.1, 0.8, 0.05])
    assert int(np.argmax(convex(dense, share))) == 1
    assert np.all((convex(dense, share) >= 0) & (convex(dense, share) <= 1))
    # calibrated, not rescaled per query: weak lexical matches stay weak and dense decides
    weak = np.array([0.10, 0.04, 0.02])
    assert int(np.argmax(convex(np.array([0.84, 0.86, 0.85]), weak))) == 1


def test_lexical_share_is_the_matched_part_of_the_query():
    index = LexicalIndex(["Pasientene fikk heroin.", "Været var fint.", "Kommunen vedtok budsjettet."])
    full = index.share("pasientene fikk heroin")
    half = index.share("pasientene fikk heroin xyzzy plugh qwerty")  # unknown words are unmatched information
    assert full[0] == pytest.approx(1.0, abs=0.35) and 0 < half[0] < full[0] and full[1] == 0


def test_backend_is_chosen_by_corpus_size():
    assert choose_backend(1_000) == "exact" and choose_backend(50_000) == "hnsw"
    assert choose_backend(50_000, "exact") == "exact"
    with pytest.raises(FactcheckError, match="unknown dense search backend"):
        choose_backend(10, "faiss")


def test_hnsw_agrees_with_exact_search_and_reuses_its_saved_graph(tmp_path):
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(3000, 32)).astype("float32")
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    queries = vectors[:50] + 0.1 * rng.normal(size=(50, 32)).astype("float32")
    exact = ExactDense(vectors).candidates(queries, 10)
    ann = HnswDense(vectors, tmp_path).candidates(queries, 10)
    overlap = np.mean([len(set(a) & set(e)) / 10 for a, e in zip(ann, exact)])
    assert overlap >= 0.95 and np.all(ann[:, 0] == exact[:, 0])
    saved = list(tmp_path.glob("hnsw-*.usearch"))
    assert len(saved) == 1
    again = make_dense(vectors, "hnsw", tmp_path)
    assert np.array_equal(again.candidates(queries, 10), ann) and list(tmp_path.glob("hnsw-*.usearch")) == saved


def _index(texts, encoder):
    return PassageIndex(None, {"model_id": encoder.model_id}, passages(texts), encoder.encode_passages(texts))


CORPUS = [
    "Heroinassistert behandling ble etablert i Norge i 2022 som et prøveprosjekt.",
    "Prøveprosjektet foregår i Oslo og Bergen. Det varer i fem år.",
    "Prøveprosjektet foregår i Oslo og Bergen.",
    "Det varer i fem år.",
    "Ett år etter oppstart var det en reduksjon på 31 % i narkotikarelatert kriminalitet.",
    "Deltakerne fikk heroin under kontrollerte forhold to ganger daglig.",
]


@pytest.mark.parametrize("fusion", ["convex", "rrf", "dense", "lexical"])
def test_every_fusion_ranks_the_matching_passage_first(fusion):
    encoder = HashingEncoder()
    searcher = Searcher(_index(CORPUS, encoder), fusion=fusion)
    query = "Hvor stor var reduksjonen i narkotikarelatert kriminalitet etter ett år?"
    hits = searcher.search([query], encoder.encode_queries([query]), k=3)[0]
    assert hits[0].passage.text == CORPUS[4]
    assert hits[0].fused >= hits[1].fused and -1 <= hits[0].dense <= 1 and hits[0].lexical > 0


def test_a_quote_lands_on_the_quoted_sentence_with_the_top_score():
    encoder = HashingEncoder()
    searcher = Searcher(_index(CORPUS, encoder))
    claim = "Rapporten slår fast at «prøveprosjektet foregår i Oslo og Bergen», men det stemmer ikke."
    hits = searcher.search([claim], encoder.encode_queries([claim]), k=3)[0]
    assert hits[0].is_quote and hits[0].passage.text == CORPUS[2]  # the sentence, not its window
    assert hits[0].fused >= QUOTE_SCORE > max(h.fused for h in hits if not h.is_quote)
    two = "Som de skriver: «Prøveprosjektet foregår i Oslo og Bergen. Det varer i fem år.»"
    assert searcher.search([two], encoder.encode_queries([two]), k=1)[0][0].passage.text == CORPUS[1]


def test_document_context_lifts_the_paragraph_beside_the_best_match():
    from factcheck.index.search import DOCUMENT_WEIGHT

    encoder = HashingEncoder()
    texts = ["Verdenscuprennet i Sveits ble kjørt i tåke.", "Haugen ble nummer elleve.",  # one report
             "Nummer elleve ble Hansen."]  # another document
    index = PassageIndex(None, {"model_id": encoder.model_id},
                         [Passage(f"p{i}", doc, "", "", i, t, 0, len(t))
                          for i, (doc, t) in enumerate(zip(["renn", "renn", "liste"], texts))],
                         encoder.encode_passages(texts))
    query = "Hvem ble nummer elleve i rennet i Sveits?"
    vectors = encoder.encode_queries([query])
    alone = {h.passage.id: h.fused for h in Searcher(index, document_weight=0).search([query], vectors, k=3)[0]}
    hits = Searcher(index).search([query], vectors, k=3)[0]
    context = {h.passage.id: h.fused for h in hits}
    assert alone["p1"] <= alone["p2"]  # alone, the other document's line is as good
    assert context["p1"] == pytest.approx(alone["p1"] + DOCUMENT_WEIGHT * alone["p0"])  # p0 is its document's best
    assert context["p2"] == pytest.approx((1 + DOCUMENT_WEIGHT) * alone["p2"])
    assert [h.passage.id for h in hits] == ["p0", "p1", "p2"]


def test_hnsw_backend_gives_the_same_hits_as_exact():
    encoder = HashingEncoder()
    index = _index(CORPUS, encoder)
    query = ["Deltakerne fikk heroin to ganger daglig."]
    vectors = encoder.encode_queries(query)
    exact = Searcher(index, dense_backend="exact").search(query, vectors, k=3)[0]
    hnsw = Searcher(index, dense_backend="hnsw").search(query, vectors, k=3)[0]
    assert [h.passage.id for h in exact] == [h.passage.id for h in hnsw]


def test_unknown_fusion_is_refused():
    with pytest.raises(FactcheckError, match="unknown fusion"):
        Searcher(_index(CORPUS, HashingEncoder()), fusion="max")


def test_embedding_cache_embeds_each_text_once_per_model(tmp_path):
    encoder = HashingEncoder()
    cache = EmbeddingCache(encoder.model_id, "passage", tmp_path)
    first, _, done = cache.encode(encoder, ["a b", "c d", "a b"])
    assert done == 2 and encoder.embedded == 2 and np.allclose(first[0], first[2])
    again, seconds, done = EmbeddingCache(encoder.model_id, "passage", tmp_path).encode(encoder, ["c d", "a b"])
    assert done == 0 and seconds == 0 and encoder.embedded == 2 and np.allclose(again, first[[1, 0]])
    other = EmbeddingCache("another-model", "passage", tmp_path)
    assert other.missing(["a b"]) == [0]
    for shard in cache.directory.glob("shard-*.npz"):
        shard.write_bytes(b"damaged")
    assert EmbeddingCache(encoder.model_id, "passage", tmp_path).encode(encoder, ["a b"])[2] == 1


SQUAD = {"data": [
    {"title": "HAB", "paragraphs": [
        {"context": "Heroin i Norge\n\n" + CORPUS[0] + "\n" + CORPUS[4],
         "qas": [
             {"question": "Når ble heroinassistert behandling etablert i Norge?", "id": 1,
              "answers": [{"text": "2022", "answer_start": 16 + CORPUS[0].index("2022")}]},
             {"question": "Hvor mye falt narkotikarelatert kriminalitet etter ett år?", "id": 2,
              "answers": [{"text": "31 %", "answer_start": 17 + len(CORPUS[0]) + CORPUS[4].index("31")}]},
             {"question": "Hva koster det?", "id": 3, "answers": [], "is_impossible": True},
         ]},
        {"context": "Heroin i Norge\n" + CORPUS[5],
         "qas": [{"question": "Hvor ofte fikk deltakerne heroin?", "id": 4,
                  "answers": [{"text": "to ganger daglig", "answer_start": 15 + CORPUS[5].index("to ganger")}]}]},
    ]},
]}


def test_squad_paragraphs_are_unique_passages_and_the_gold_holds_the_answer(tmp_path):
    path = tmp_path / "squad.json"
    path.write_text(json.dumps(SQUAD, ensure_ascii=False), encoding="utf-8")
    task = load_squad(path)
    assert [p.text for p in task.passages] == ["Heroin i Norge", CORPUS[0], CORPUS[4], CORPUS[5]]
    assert task.gold == [1, 2, 3] and task.skipped == 1
    context = SQUAD["data"][0]["paragraphs"][0]["context"]
    assert all(context[p.start : p.end] == p.text for p in task.passages[:3])


@pytest.mark.parametrize("content,message", [("{}", "not SQuAD-format"), ("[1, 2", "not SQuAD-format"),
                                             ('{"data": []}', "no answerable questions")])
def test_bad_squad_files_give_clear_errors(tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(FactcheckError, match=message):
        load_squad(path)


def test_metrics_count_ranks_up_to_ten():
    recall, mrr = metrics([[7, 1, 2], [3, 4], list(range(20, 40))], [7, 4, 39])
    assert recall == {1: 1 / 3, 5: 2 / 3, 10: 2 / 3} and mrr == pytest.approx((1 + 0.5 + 0) / 3)


def test_evaluate_reports_every_method_and_reuses_cached_embeddings(tmp_path):
    path = tmp_path / "squad.json"
    path.write_text(json.dumps(SQUAD, ensure_ascii=False), encoding="utf-8")
    task = load_squad(path)
    encoder = HashingEncoder()
    report = evaluate(task, encoder, cache_dir=tmp_path / "cache")
    assert [r.method for r in report.results] == ["dense", "lexical", "rrf", "convex-passage", "convex"]
    assert all(r.recall[10] == 1.0 for r in report.results)  # 4 passages: everything is in the top 10
    assert report.embedded == 7 and "hybrid (convex) *" in report.render()
    again = evaluate(task, encoder, cache_dir=tmp_path / "cache")
    assert again.embedded == 0 and again.embed_seconds == 0 and encoder.embedded == 7
    assert "from the cache" in again.render()


def test_eval_retrieval_command(tmp_path, tiny_model_dir, monkeypatch):
    from typer.testing import CliRunner

    from factcheck.cli import app

    path = tmp_path / "squad.json"
    path.write_text(json.dumps(SQUAD, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setenv("FACTCHECK_HOME", str(tmp_path / "home"))  # the embedding cache goes there
    args = ["eval-retrieval", str(path), "--model", str(tiny_model_dir)]
    out = CliRunner().invoke(app, args + ["--format", "json"])
    assert out.exit_code == 0, out.output
    report = json.loads(out.stdout)
    assert report["questions"] == 3 and report["passages"] == 4 and report["embedded"] == 7
    assert set(report["methods"]) == {"dense", "lexical", "rrf", "convex-passage", "convex"}
    assert list((tmp_path / "home" / "cache" / "embeddings").iterdir())
    table = CliRunner().invoke(app, args)
    assert "hybrid (rrf)" in table.stdout and "R@10" in table.stdout and "from the cache" in table.stdout
    bad = CliRunner().invoke(app, ["eval-retrieval", str(tmp_path / "missing.json")])
    assert bad.exit_code == 1 and bad.stderr.strip() == f"factcheck: file not found: {tmp_path / 'missing.json'}"


RUN_ON = " ".join(f"{(i * 7919) % 999983}.{(i * 104729) % 1000:03d},{i % 100:02d} kr https://ssb.no/{(i * 31337) % 99991}"
                  for i in range(300))  # figures and URLs, no sentence end: the worst case for a tokenizer


def test_run_on_text_is_cut_within_the_limits_with_exact_offsets(blank_nlp):
    from factcheck.text.sentences import MAX_SENTENCE_CHARS, MAX_SENTENCE_WORDS, split_sentences

    text = "Innledning. " + RUN_ON + " " + "x" * 1500
    pieces = split_sentences(text, blank_nlp)
    assert len(pieces) > 10
    for piece in pieces:
        assert len(piece.text) <= MAX_SENTENCE_CHARS and len(piece.text.split()) <= MAX_SENTENCE_WORDS
        assert text[piece.start : piece.end] == piece.text
    assert "".join(p.text for p in pieces).replace(" ", "") == text.replace(" ", "")  # nothing lost


def test_windows_longer_than_the_model_reads_are_left_out(tiny_model_dir):
    from factcheck.embedding.encoder import Encoder
    from factcheck.index.store import fit_model_length

    encoder = Encoder(str(tiny_model_dir))  # max_seq_length 128
    short, long_ = "Kort setning om HAB.", " ".join(["ord"] * 200)
    items = [Passage("a", "d", "", "", 0, short, 0, 1), Passage("b", "d", "", "", 0, long_, 0, 1, kind="window"),
             Passage("c", "d", "", "", 0, short + " " + short, 0, 1, kind="window")]
    kept, dropped = fit_model_length(items, encoder)
    assert [p.id for p in kept] == ["a", "c"] and dropped == 1


@pytest.mark.slow
def test_long_documents_fit_the_e5_limit(real_env, tmp_path, blank_nlp):
    from transformers import AutoTokenizer

    from factcheck.corpus.documents import list_corpus
    from factcheck.corpus.passages import document_passages
    from factcheck.embedding.encoder import default_model_dir
    from factcheck.index.store import fit_model_length

    class TokenizerOnly:  # what fit_model_length reads of an Encoder, without loading the weights
        class model:
            tokenizer = AutoTokenizer.from_pretrained(str(default_model_dir()))
            max_seq_length = 512
        prompts = {"passage": "passage: "}

    (tmp_path / "rapport.txt").write_text(RUN_ON + "\n\n" + RUN_ON.replace(" kr ", " kr. Og "), encoding="utf-8")
    doc = list_corpus(tmp_path).documents[0]
    passages, dropped = fit_model_length(document_passages(doc, nlp=blank_nlp), TokenizerOnly)
    lengths = TokenizerOnly.model.tokenizer(["passage: " + p.text for p in passages])["input_ids"]
    assert max(map(len, lengths)) <= 512 and dropped > 0
    assert all(" ".join(doc.text[p.start : p.end].split()) == p.text for p in passages)


def test_building_the_lexical_index_says_nothing_when_the_root_logger_has_a_handler():
    # bm25s sets its logger to DEBUG; onnxruntime's quantiser installs a root handler on the first model build,
    # after which "DEBUG:bm25s:Building index from tokens" reached the user's terminal
    import io
    import logging

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        LexicalIndex(["HAB ble etablert i 2022.", "Pasientene møter to ganger daglig."]).scores("HAB 2022")
    finally:
        root.removeHandler(handler)
    assert stream.getvalue() == ""


def test_a_nynorsk_claim_finds_its_bokmal_passage_by_its_rendering_and_keeps_its_own_similarity():
    from factcheck.text.nynorsk import bokmal_rendering

    encoder = HashingEncoder()
    corpus = ["Kommunen sier at hun ikke fikk svar fra dem før i mai.",
              "Ho Chi Minh-byen fekk ikkje svar frå dei i mai."]
    searcher = Searcher(_index(corpus, encoder), fusion="dense")
    claim = "Kommunen seier at ho ikkje fekk svar frå dei før i mai."
    rendering = bokmal_rendering(claim)
    assert rendering == "Kommunen sier at hun ikke fikk svar fra de før i mai."
    vector = encoder.encode_queries([claim])
    plain = {h.passage.text: h.dense for h in searcher.search([claim], vector, k=2)[0]}
    hits = searcher.search([claim], vector, k=2, renderings={0: (rendering, encoder.encode_queries([rendering])[0])})[0]
    assert hits[0].passage.text == corpus[0]
    assert {h.passage.text: h.dense for h in hits} == pytest.approx(plain)  # the checks read the claim's own


def test_bokmal_text_is_not_rendered():
    from factcheck.text.nynorsk import bokmal_rendering

    for text in ("Rettssaken hadde vart i ti dager.", "Anna kom fra Bergen.", "Det er ikke sant."):
        assert bokmal_rendering(text) == text
    assert bokmal_rendering("Anna kjem frå Bergen.") == "Anna kommer fra Bergen."  # a name stays itself
