"""Reading the user's own sources: PDF, HTML, DOCX, metadata, and the files that cannot be read."""

from __future__ import annotations

import json
import os
import re

import pytest
from source_fixtures import (HTML_FACT, HTML_NAV, HTML_RELATED, NEWS_HTML, PDF_FACT, PDF_FACT_PAGE, REPORT_ORG,
                             REPORT_TITLE, write_docx, write_report_pdf)

from factcheck.corpus.documents import list_corpus, load_document
from factcheck.corpus.metadata import validate_meta
from factcheck.corpus.passages import document_passages
from factcheck.corpus.readers.pagetext import join_pages
from factcheck.corpus.repair import repair
from factcheck.errors import FactcheckError


@pytest.fixture(scope="module")
def report_pdf(tmp_path_factory):
    return write_report_pdf(tmp_path_factory.mktemp("pdf") / "rapport.pdf")


def test_pdf_keeps_pages_and_drops_running_headers_footers_and_hyphens(report_pdf):
    doc = load_document(report_pdf)
    assert doc.format == "pdf" and len(doc.pages) == 3 and doc.pages[0] == 0
    assert (doc.title, doc.author, doc.date) == (REPORT_TITLE, REPORT_ORG, "2025-03-01")  # the PDF's info
    assert "Side 1 av" not in doc.text and f"{REPORT_ORG} |" not in doc.text
    assert "\ufffe" not in doc.text and not re.search(r"[a-zæøå]-\n[a-zæøå]", doc.text)
    assert "vannforsyningsinspeksjoner" in doc.text  # hyphenated over a line break in the PDF
    assert "Hamar 32 000 410" in doc.text  # a table row


def test_pdf_passages_cite_their_page_and_read_columns_in_order(report_pdf, blank_nlp):
    doc = load_document(report_pdf)
    passages = document_passages(doc, blank_nlp)
    fact = next(p for p in passages if p.kind == "sentence" and p.text == PDF_FACT)
    assert (fact.page, fact.file) == (PDF_FACT_PAGE, "rapport.pdf")
    assert doc.text[fact.start : fact.end].split() == PDF_FACT.split()  # offsets into the document's text
    assert {p.page for p in passages} == {1, 2, 3}
    assert passages[0].page == 1 and "Hamar" in passages[-1].text and passages[-1].page == 3


def test_running_header_and_page_numbers_are_recognised_over_pages():
    bodies = ["Vannet er rent og", "leveres hele året.", "Ledningene er nye,", "og lekkasjene er få."]
    pages = [f"Rapport 2024 | kapittel {n}\n{body}\n- {n} -" for n, body in enumerate(bodies, 1)]
    text, starts = join_pages(pages)
    assert "Rapport" not in text and "- 2 -" not in text
    assert text == "Vannet er rent og\nleveres hele året.\n\nLedningene er nye,\nog lekkasjene er få.\n\n"
    assert [text[s:].split("\n")[0] for s in starts] == bodies
    assert join_pages(["Kort notat\n- 1 -"])[0] == "Kort notat\n"  # one page: a page number, nothing "running"


def test_repair_joins_words_hyphenated_over_lines_but_not_before_og():
    (para,) = repair("Dette gjelder behand-\nling av helse-\nog omsorgstjenester i Nord-\nNorge.")
    assert para.text == "Dette gjelder behandling av helse- og omsorgstjenester i Nord- Norge."
    start = para.text.index("behandling")
    assert para.original_span(start, start + len("behandling")) == (14, 26)  # "behand-\nling" in the original


def test_html_keeps_the_article_and_its_metadata_not_the_page_around_it(tmp_path):
    (tmp_path / "nyhet.html").write_text(NEWS_HTML, encoding="utf-8")
    doc = load_document(tmp_path / "nyhet.html")
    assert HTML_FACT in doc.text
    for chrome in (HTML_NAV, HTML_RELATED, "informasjonskapsler", "Ansvarlig redaktør", "Les også"):
        assert chrome not in doc.text
    assert (doc.title, doc.date, doc.author, doc.organisation) == (
        "Lekkasjene i Hamar er halvert", "2025-03-14", "Kari Nordmann", "Lokalavisa")
    assert doc.pages == [] and document_passages(doc)[0].page is None


def test_docx_reads_headings_paragraphs_and_table_rows(tmp_path):
    doc = load_document(write_docx(tmp_path / "notat.docx"))
    blocks = doc.text.strip().split("\n\n")
    assert blocks[:2] == ["Notat om vannforsyning", "Notatet oppsummerer tilsynets funn fra 2024 for styret."]
    assert "Fylke | Vannverk | Avvik" in blocks and "Innlandet | 60 | 14" in blocks
    assert (doc.title, doc.author, doc.date) == ("Notat om vannforsyning", "Fagavdelingen", "2025-02-03")


def test_meta_json_overrides_the_files_metadata_and_adds_author_and_organisation(tmp_path, report_pdf):
    target = tmp_path / "rapport.pdf"
    target.write_bytes(report_pdf.read_bytes())
    (tmp_path / "rapport.meta.json").write_text(json.dumps({
        "id": "vannrapport", "title": "Vannrapporten", "source_url": "https://example.no/vann.pdf",
        "organisation": "Tilsynet", "notes": "kept"}), encoding="utf-8")
    doc = load_document(target)
    assert (doc.id, doc.title, doc.source, doc.author, doc.organisation) == (
        "vannrapport", "Vannrapporten", "https://example.no/vann.pdf", REPORT_ORG, "Tilsynet")
    assert doc.meta["notes"] == "kept" and doc.date == "2025-03-01"


@pytest.mark.parametrize("meta,field", [({"source_url": 42}, "source_url"), ({"title": ["a"]}, "title"),
                                        ({"date": "i fjor"}, "date"), ({"source_url": "/etc/passwd"}, "source_url")])
def test_bad_metadata_types_are_one_clear_line(meta, field):
    with pytest.raises(FactcheckError) as caught:
        validate_meta(meta, "x.meta.json")
    message = str(caught.value)
    assert message.startswith("x.meta.json: bad metadata (") and field in message and "\n" not in message


def _bad_corpus(folder, report_pdf):
    """A corpus with two good documents and every kind of file that must be listed, not read."""
    folder.mkdir()
    (folder / "god.txt").write_text("Vannverket i Hamar leverte rent vann hele året 2024.", encoding="utf-8")
    (folder / "rapport.pdf").write_bytes(report_pdf.read_bytes())
    data = report_pdf.read_bytes()
    (folder / "avbrutt.pdf").write_bytes(data[: len(data) // 2])
    (folder / "innlogging.pdf").write_text("<!DOCTYPE html><html><body>Logg inn</body></html>", encoding="utf-8")
    (folder / "tom.txt").write_bytes(b"")
    with open(folder / "enorm.txt", "wb") as fh:  # 500 MB, sparse: costs no disk
        fh.truncate(500_000_000)
    os.symlink("loekke-b.txt", folder / "loekke-a.txt")
    os.symlink("loekke-a.txt", folder / "loekke-b.txt")
    os.symlink("/etc/passwd", folder / "passord.txt")
    (folder / "feil.meta.json").write_text(json.dumps({"source_url": 42}), encoding="utf-8")
    (folder / "feil.txt").write_text("En setning om vann i 2024.", encoding="utf-8")
    (folder / "bilde.png").write_bytes(b"\x89PNG")
    return folder


REASONS = {
    "avbrutt.pdf": "truncated PDF", "innlogging.pdf": "holds HTML", "tom.txt": "empty file",
    "enorm.txt": "too large (500 MB", "loekke-a.txt": "link loop", "loekke-b.txt": "link loop",
    "passord.txt": "outside the corpus folder", "feil.txt": "source_url", "bilde.png": "unsupported format",
}


def test_bad_files_are_listed_with_reasons_and_the_rest_is_read(tmp_path, report_pdf):
    listing = list_corpus(_bad_corpus(tmp_path / "korpus", report_pdf))
    assert sorted(d.path.name for d in listing.documents) == ["god.txt", "rapport.pdf"]
    reasons = {os.path.basename(p.path): p.reason for p in listing.problems}
    assert reasons.keys() == REASONS.keys()
    for name, expected in REASONS.items():
        assert expected in reasons[name], (name, reasons[name])
    assert "root:" not in "".join(d.text for d in listing.documents)


def test_index_lists_bad_files_and_indexes_the_rest(tmp_path, report_pdf, tiny_model_dir, blank_nlp):
    from factcheck.embedding.encoder import Encoder
    from factcheck.index.store import PassageIndex, build_index

    report = build_index(_bad_corpus(tmp_path / "korpus", report_pdf), tmp_path / "idx", Encoder(str(tiny_model_dir)),
                         nlp=blank_nlp, bar=False)
    assert report.documents == 2 and {os.path.basename(p.path) for p in report.problems} == REASONS.keys()
    index = PassageIndex.load(tmp_path / "idx")
    assert {p.file for p in index.passages} == {"god.txt", "rapport.pdf"}
    assert len(index.manifest["problems"]) == len(REASONS)


def test_encrypted_and_scanned_pdfs_are_listed_with_a_reason(tmp_path):
    from fpdf import FPDF

    locked = FPDF()
    locked.set_encryption(owner_password="eier", user_password="hemmelig")
    locked.add_page()
    locked.set_font("helvetica", size=12)
    locked.cell(text="Hemmelig tekst om vann.")
    locked.output(str(tmp_path / "laast.pdf"))
    scanned = FPDF()
    scanned.add_page()
    scanned.rect(20, 20, 100, 60, style="F")  # a page with a picture of text and no text layer
    scanned.output(str(tmp_path / "skannet.pdf"))
    listing = list_corpus(tmp_path)
    reasons = {os.path.basename(p.path): p.reason for p in listing.problems}
    assert listing.documents == []
    assert "encrypted PDF" in reasons["laast.pdf"] and "no text layer" in reasons["skannet.pdf"]


def test_a_reader_crash_on_one_file_does_not_stop_the_others(tmp_path, monkeypatch):
    import factcheck.corpus.documents as documents

    (tmp_path / "a.txt").write_text("Første dokument om vann.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Andre dokument om vann.", encoding="utf-8")
    real = documents.extract

    def flaky(path, url=None):
        if path.name == "a.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, url)

    monkeypatch.setattr(documents, "extract", flaky)
    listing = list_corpus(tmp_path)
    assert [d.path.name for d in listing.documents] == ["b.txt"]
    assert "Permission denied" in listing.problems[0].reason


def test_a_very_large_document_reports_progress_while_it_is_split(blank_nlp, tmp_path):
    text = "\n\n".join(f"Avsnitt {n} handler om vannforsyning i kommune nummer {n}." for n in range(2000))
    (tmp_path / "stor.txt").write_text(text, encoding="utf-8")
    done = []
    passages = document_passages(load_document(tmp_path / "stor.txt"), blank_nlp, on_progress=done.append)
    assert len(done) >= 7 and sum(done) >= len(text) - 2 * 2000 and len(passages) >= 2000


def test_a_document_the_sentence_splitter_fails_on_is_listed_and_the_rest_indexed(tmp_path, blank_nlp, monkeypatch):
    import factcheck.index.ingest as ingest

    (tmp_path / "a.txt").write_text("Første dokument om vann i 2024.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Andre dokument om vann i 2024.", encoding="utf-8")
    real = ingest.document_passages

    def fussy(doc, nlp=None, on_progress=None):
        if doc.path.name == "a.txt":
            raise ValueError("[E088] Text of length 20000000 exceeds maximum of 1000000.")
        return real(doc, nlp=nlp, on_progress=on_progress)

    monkeypatch.setattr(ingest, "document_passages", fussy)
    found = ingest.ingest(tmp_path, blank_nlp, bar=False)
    assert [d["file"] for d in found.documents] == ["b.txt"]
    assert "E088" in found.problems[0].reason and found.problems[0].path.endswith("a.txt")


def test_corpus_show_lists_every_bad_file_with_its_reason_and_exits_0(tmp_path, report_pdf):
    from typer.testing import CliRunner

    from factcheck.cli import app

    out = CliRunner().invoke(app, ["corpus", "show", str(_bad_corpus(tmp_path / "korpus", report_pdf))])
    assert out.exit_code == 0
    assert "rapport\tÅrsrapport 2025: Kommunal vannforsyning\trapport.pdf\tpdf, 3 s." in out.stdout
    not_read = [line for line in out.stderr.splitlines() if line.startswith("not read: ")]
    assert len(not_read) == len(REASONS) and "Traceback" not in out.output
