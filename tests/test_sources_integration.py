"""The newsroom case end to end with the real model: a PDF report and a news page in, page-cited evidence out."""

from __future__ import annotations

import json

import pytest
from source_fixtures import HTML_FACT, PDF_FACT, PDF_FACT_PAGE, news_site, write_report_pdf
from typer.testing import CliRunner

from factcheck.cli import app

pytestmark = pytest.mark.slow


def test_add_a_pdf_and_a_web_page_then_check_claims_against_them(real_env, tmp_path, monkeypatch):
    monkeypatch.delenv("FACTCHECK_CORPUS_NAME", raising=False)
    monkeypatch.setenv("COLUMNS", "200")  # the table's citation on one line
    runner = CliRunner()
    default_manifest = real_env / "index" / "default" / "manifest.json"
    default_before = default_manifest.stat().st_mtime_ns if default_manifest.exists() else None  # other tests share the home
    pdf = write_report_pdf(tmp_path / "rapport.pdf")
    assert runner.invoke(app, ["corpus", "create", "vann"]).exit_code == 0
    with news_site(tmp_path / "site") as base:
        url = f"{base}/nyheter/lekkasjer-halvert.html"
        added = runner.invoke(app, ["corpus", "add", str(pdf), url, "--corpus", "vann"])
    assert added.exit_code == 0, added.output
    claims = ("Andelen innbyggere tilknyttet kommunal vannforsyning økte til 87 prosent i 2024. "
              "Lekkasjene fra vannledningene i Hamar ble halvert i 2024.")
    out = runner.invoke(app, ["check", "-", "--corpus", "vann", "--format", "json"], input=claims)
    assert out.exit_code == 0, out.output
    first, second = json.loads(out.output[out.output.index("{"):])["claims"]
    assert first["verdict"] == "supported" and second["verdict"] == "supported"
    top = first["evidence"][0]
    assert (top["text"], top["file"], top["page"], top["source"]) == (PDF_FACT, "rapport.pdf", PDF_FACT_PAGE, "rapport.pdf")
    web = second["evidence"][0]
    assert HTML_FACT in web["text"] and web["source"] == url and web["page"] is None
    table = runner.invoke(app, ["check", "-", "--corpus", "vann"], input=claims)
    assert f"rapport.pdf s. {PDF_FACT_PAGE}" in table.output
    # the bundled corpus's index was neither built nor replaced by any of this
    assert (default_manifest.stat().st_mtime_ns if default_manifest.exists() else None) == default_before
