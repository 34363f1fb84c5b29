"""The command line as a user meets it: start-up cost, messages and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from factcheck.index.store import build_index


def run(*args, stdin: bytes | None = None, env=None):
    return subprocess.run(
        [sys.executable, "-m", "factcheck", *args], input=stdin, capture_output=True, env=env, timeout=300
    )


def test_help_and_version_do_not_import_torch():
    code = (
        "import sys\nfrom factcheck.cli import app\n"
        "try:\n    app(['--help'])\nexcept SystemExit:\n    pass\n"
        "print('TORCH' if 'torch' in sys.modules else 'NO-TORCH')"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "Usage" in out.stdout and out.stdout.strip().endswith("NO-TORCH")
    version = run("--version")
    assert version.returncode == 0 and version.stdout.decode().startswith("factcheck ")


def test_corpus_show_names_the_documents_and_list_names_the_corpora():
    out = run("corpus", "show", "hab")
    assert out.returncode == 0
    assert b"hab-kunnskapsoppsummering" in out.stdout and b"oslo-sv-hab-permanent-tilbud" in out.stdout
    listed = run("corpus", "list")
    assert listed.returncode == 0 and listed.stdout.startswith(b"* hab\t")


@pytest.mark.parametrize(
    "args,stdin,message",
    [
        (["check", "/no/such/file.txt"], None, b"file not found"),
        (["check", "-"], b"  \n", b"empty"),
        (["check", "-"], b"\xff\xfe\x00\x00binary", b"cannot decode"),
        (["check", "-", "--index", "/no/such/index"], "HAB ble etablert i 2022.".encode(), b"no index"),
        (["check", "-", "--format", "xml"], b"Tekst.", b"unknown format"),
    ],
)
def test_bad_input_gives_one_line_and_nonzero_exit(args, stdin, message):
    out = run(*args, stdin=stdin)
    assert out.returncode != 0
    assert message in out.stderr
    assert b"Traceback" not in out.stderr
    assert len(out.stderr.decode().strip().splitlines()) == 1


def test_check_with_a_tiny_model_writes_the_json_contract(tmp_path, corpus_copy, tiny_model_dir, blank_nlp, monkeypatch):
    from factcheck.embedding.encoder import Encoder

    build_index(corpus_copy, tmp_path / "idx", Encoder(str(tiny_model_dir)), nlp=blank_nlp)
    text = "HAB ble etablert i Norge i 2022 som et prøveprosjekt i Oslo og Bergen. Hva skjer etter 2026?"
    # Windows-1252 input must be read too
    out = run("check", "-", "--index", str(tmp_path / "idx"), "--format", "json", stdin=text.encode("cp1252"))
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    claim, skipped = data["claims"][0], data["skipped"][0]
    assert {"text", "start", "end", "checkworthy", "verdict", "confidence", "reason", "evidence"} <= claim.keys()
    assert claim["verdict"] in ("supported", "contradicted", "not_enough_info")
    for ev in claim["evidence"]:
        assert {"doc_id", "title", "source", "text", "start", "end", "score", "stance"} <= ev.keys()
        assert ev["stance"] in ("supports", "contradicts", "neutral")
    assert skipped["checkworthy"] is False and skipped["text"] == "Hva skjer etter 2026?"
    assert text[claim["start"] : claim["end"]] == claim["text"]

    lines = run("check", "-", "--index", str(tmp_path / "idx"), "-f", "jsonl", stdin=text.encode()).stdout.splitlines()
    assert [json.loads(line)["checkworthy"] for line in lines] == [True, False]
    table = run("check", "-", "--index", str(tmp_path / "idx"), "--lang", "en", stdin=text.encode())
    assert table.returncode == 0 and b"Not checked" in table.stdout
