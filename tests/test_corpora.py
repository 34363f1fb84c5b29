"""Named corpora, `corpus add` (files and URLs from a local server), index safety, page citations."""

from __future__ import annotations

import json

import pytest
from source_fixtures import HTML_FACT, PDF_FACT, PDF_FACT_PAGE, news_site, write_report_pdf
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.errors import FactcheckError


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("FACTCHECK_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("FACTCHECK_SPACY_MODEL", "blank")
    for name in ("FACTCHECK_INDEX", "FACTCHECK_CORPUS_NAME", "FACTCHECK_CORPUS"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path / "home"


def cli(*args):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


@pytest.fixture
def site(tmp_path):
    with news_site(tmp_path / "site") as base:
        yield base


def test_create_list_show_and_resolve_named_corpora(home, tmp_path, monkeypatch):
    from factcheck.corpus import registry

    out = cli("corpus", "create", "vann", str(tmp_path / "vann"))
    assert out.exit_code == 0 and (tmp_path / "vann").is_dir()
    (tmp_path / "vann" / "a.txt").write_text("Vannverket leverte rent vann i 2024.", encoding="utf-8")
    listed = cli("corpus", "list").output.splitlines()
    assert listed[0].startswith("* hab\t") and listed[1].startswith("  vann\t") and "1 filer" in listed[1]
    assert "Vannverket leverte" in cli("corpus", "show", "vann").output
    assert cli("corpus", "create", "vann", str(tmp_path / "annen")).exit_code == 1  # the name is taken
    assert cli("corpus", "create", "Vann Nå").exit_code == 1
    assert registry.resolve("vann", None) == (home / "index" / "vann", registry.get("vann"))
    monkeypatch.setenv("FACTCHECK_CORPUS_NAME", "vann")
    assert registry.resolve(None, None)[1].name == "vann" and cli("corpus", "list").output.splitlines()[1][0] == "*"
    with pytest.raises(FactcheckError, match="not both"):
        registry.resolve("vann", tmp_path / "idx")
    with pytest.raises(FactcheckError, match="no corpus named 'ulv'"):
        registry.get("ulv")


def test_an_index_of_another_corpus_is_not_replaced_without_force(home, tmp_path, corpus_copy, tiny_model_dir, blank_nlp):
    from factcheck.embedding.encoder import Encoder
    from factcheck.index.store import build_index

    encoder = Encoder(str(tiny_model_dir))
    build_index(corpus_copy, tmp_path / "idx", encoder, nlp=blank_nlp, bar=False)
    other = tmp_path / "ulv"
    other.mkdir()
    (other / "ulv.txt").write_text("Ulvebestanden i Norge var 78 dyr vinteren 2024.", encoding="utf-8")
    with pytest.raises(FactcheckError, match="holds the corpus in .*--force"):
        build_index(other, tmp_path / "idx", encoder, nlp=blank_nlp, bar=False)
    assert build_index(other, tmp_path / "idx", encoder, nlp=blank_nlp, bar=False, force=True).documents == 1
    # `factcheck index ulv/` without --index names the fix instead of replacing the default index
    out = CliRunner().invoke(app, ["index", str(other)])
    assert out.exit_code == 2 and "is not a named corpus" in out.output
    assert not (home / "index" / "default").exists()


def test_a_rerun_after_one_file_changed_reads_only_that_file(tmp_path, corpus_copy, tiny_model_dir, blank_nlp, monkeypatch):
    import factcheck.index.ingest as ingest
    from factcheck.embedding.encoder import Encoder
    from factcheck.index.store import build_index

    write_report_pdf(corpus_copy / "rapport.pdf")
    encoder = Encoder(str(tiny_model_dir))
    first = build_index(corpus_copy, tmp_path / "idx", encoder, nlp=blank_nlp, bar=False)
    assert first.files_read == 3 and first.pages_read == 3
    read = []
    real = ingest.read_source
    monkeypatch.setattr(ingest, "read_source", lambda source: read.append(source.relative) or real(source))
    (corpus_copy / "oslo-sv-hab-permanent-tilbud.txt").write_text("HAB i Oslo ble evaluert i 2025.", encoding="utf-8")
    second = build_index(corpus_copy, tmp_path / "idx", encoder, nlp=blank_nlp, bar=False)
    assert read == ["oslo-sv-hab-permanent-tilbud.txt"] and second.files_read == 1
    assert second.documents == 3 and second.passages < first.passages
    third = build_index(corpus_copy, tmp_path / "idx", encoder, nlp=blank_nlp, bar=False)
    assert third.files_read == 0 and third.passages == second.passages and third.embedded == 0


def test_reading_in_worker_processes_gives_the_same_passages(tmp_path, corpus_copy, tiny_model_dir, blank_nlp):
    from factcheck.corpus.documents import list_corpus
    from factcheck.index.ingest import ingest

    for n in range(3):
        write_report_pdf(corpus_copy / f"rapport-{n}.pdf")
    here = ingest(corpus_copy, blank_nlp, bar=False, workers=1)
    pooled = ingest(corpus_copy, blank_nlp, bar=False, workers=2)
    assert [p.to_dict() for p in pooled.passages] == [p.to_dict() for p in here.passages]
    assert len(list_corpus(corpus_copy).documents) == len(here.documents) == 5


def test_corpus_add_copies_a_file_and_fetches_a_url_with_its_metadata(home, tmp_path, site, tiny_model_dir):
    pdf = write_report_pdf(tmp_path / "rapport.pdf")
    assert cli("corpus", "create", "vann").exit_code == 0
    url = f"{site}/nyheter/lekkasjer-halvert.html"
    out = cli("corpus", "add", str(pdf), url, "--corpus", "vann", "--model", str(tiny_model_dir))
    assert out.exit_code == 0, out.output
    folder = home / "corpora" / "vann"
    assert (folder / "rapport.pdf").read_bytes() == pdf.read_bytes()
    meta = json.loads((folder / "lekkasjer-halvert.meta.json").read_text(encoding="utf-8"))
    assert meta["source_url"] == url
    from factcheck.index.store import PassageIndex

    passages = PassageIndex.load(home / "index" / "vann").passages
    fact = next(p for p in passages if p.text == PDF_FACT)
    assert (fact.file, fact.page, fact.source) == ("rapport.pdf", PDF_FACT_PAGE, "rapport.pdf")
    news = next(p for p in passages if HTML_FACT in p.text)
    assert news.source == url and news.page is None and news.title == "Lekkasjene i Hamar er halvert"
    again = cli("corpus", "add", str(pdf), "--corpus", "vann", "--no-index")
    assert again.exit_code == 0 and again.output.startswith("unchanged: rapport.pdf")


def test_corpus_add_refuses_what_it_cannot_use_and_keeps_the_rest(home, tmp_path, site):
    assert cli("corpus", "create", "vann").exit_code == 0
    (tmp_path / "ok.txt").write_text("Vann er viktig for alle i 2024.", encoding="utf-8")
    (tmp_path / "tom.pdf").write_text("<html>ikke en pdf</html>", encoding="utf-8")
    out = CliRunner().invoke(app, ["corpus", "add", str(tmp_path / "tom.pdf"), f"{site}/mangler.html",
                                   str(tmp_path / "ok.txt"), "--corpus", "vann", "--no-index"])
    assert out.exit_code == 1
    assert "not a PDF" in out.output and "404" in out.output and "added: ok.txt" in out.output
    assert sorted(p.name for p in (home / "corpora" / "vann").iterdir()) == ["ok.txt"]
    assert cli("corpus", "add", str(tmp_path / "ok.txt")).exit_code == 2  # not into the bundled corpus


def test_page_citations_in_table_markdown_json_review_store_and_claim_review(tmp_path):
    from factcheck.report.render import render
    from factcheck.results import CheckResult, ClaimResult, Evidence
    from factcheck.review.export import claim_review
    from factcheck.review.store import ReviewStore

    paged = Evidence("rapport", "Årsrapport", "https://example.no/rapport.pdf", PDF_FACT, 700, 780, 0.9, "supports",
                     page=12, file="rapport.pdf")
    web = Evidence("nyhet", "Lekkasjene i Hamar er halvert", "https://avis.example/sak", HTML_FACT, 0, 70, 0.8,
                   "supports", file="sak.html")
    claim = ClaimResult(PDF_FACT, 0, len(PDF_FACT), "supported", 0.9, {"nb": "Støttet.", "en": "Supported."},
                        [paged, web])
    result = CheckResult([claim], [])
    on_the_web = ClaimResult(HTML_FACT, 0, len(HTML_FACT), "supported", 0.8, {"nb": "Støttet.", "en": "Supported."}, [web])
    assert "(støtter, 0.80) · https://avis.example/sak" in render(CheckResult([on_the_web], []), "table", width=200)
    assert "rapport.pdf s. 12" in render(result, "table", width=160)
    assert "rapport.pdf p. 12" in render(result, "table", "en", width=160)
    assert "[Årsrapport](https://example.no/rapport.pdf) [rapport.pdf s. 12]" in render(result, "md")
    evidence = json.loads(render(result, "json"))["claims"][0]["evidence"]
    assert [(e["page"], e["file"], e["source"]) for e in evidence] == [
        (12, "rapport.pdf", "https://example.no/rapport.pdf"), (None, "sak.html", "https://avis.example/sak")]
    with ReviewStore(tmp_path / "review.db") as store:  # evidence with its page survives the review store
        store.record_run(result, source="artikkel.txt", text=PDF_FACT)
        store.decide(1, "confirmed", reviewer="kari")
        reviewed = store.decided()[0]
    assert reviewed.evidence[0].page == 12
    reviewed.decided_at = "2026-02-03T10:00:00"  # the decision's date, not the run's or the export's
    review = claim_review(reviewed, "Faktisk")
    assert review["datePublished"] == "2026-02-03"
    assert review["citation"][0]["url"] == "https://example.no/rapport.pdf"
    assert review["citation"][0]["alternateName"] == "rapport.pdf s. 12"
    assert review["citation"][1]["url"] == "https://avis.example/sak" and "alternateName" not in review["citation"][1]


def test_review_page_cites_the_pdf_page_and_links_the_source_url(tmp_path):
    from fastapi.testclient import TestClient

    from factcheck.results import CheckResult, ClaimResult, Evidence
    from factcheck.review.store import ReviewStore
    from factcheck.review.web import create_app

    paged = Evidence("rapport", "Årsrapport", "https://example.no/rapport.pdf", PDF_FACT, 700, 780, 0.9, "supports",
                     page=12, file="rapport.pdf")
    claim = ClaimResult(PDF_FACT, 0, len(PDF_FACT), "supported", 0.9, {"nb": "Støttet.", "en": "Supported."}, [paged])
    with ReviewStore(tmp_path / "review.db") as store:
        store.record_run(CheckResult([claim], []), source="artikkel.txt", text=PDF_FACT)
    page = TestClient(create_app(tmp_path / "review.db", allowed_hosts=["testserver"])).get("/claims/1").text
    assert "Årsrapport · rapport.pdf s. 12" in page
    assert '<a href="https://example.no/rapport.pdf" rel="noopener noreferrer">' in page


@pytest.mark.parametrize("command", [["serve"], ["batch", "x.csv", "-o", "out.jsonl"], ["search", "vann"],
                                     ["eval", "CLAIMS"], ["check", "-"], ["index"]])
def test_every_command_takes_corpus_and_names_an_unknown_one_in_one_line(home, tmp_path, command):
    claims = tmp_path / "claims.tsv"
    claims.write_text("id\tlabel\ttext\tevidence\nc1\tsupported\tVann er bra i 2024.\t\n", encoding="utf-8")
    command = [str(claims) if part == "CLAIMS" else part for part in command]
    out = CliRunner().invoke(app, [*command, "--corpus", "ulv"], input="Vann er bra i 2024.")
    assert out.exit_code == 1, out.output
    assert out.output.strip() == ("factcheck: no corpus named 'ulv' (known: hab); "
                                  "create it with `factcheck corpus create ulv DIR`")
