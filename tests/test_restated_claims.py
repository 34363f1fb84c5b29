"""The restated claims (models/stance/restated/): their format, their documents, and the figures the datasheet
reports."""

from __future__ import annotations

import csv
import importlib.util
from collections import Counter
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
HERE = REPO / "models" / "stance" / "restated"
spec = importlib.util.spec_from_file_location("restated_claims", HERE / "restated_claims.py")
restated = importlib.util.module_from_spec(spec)
spec.loader.exec_module(restated)


def test_every_claim_has_the_columns_the_tools_read():
    rows = restated.read_claims()
    assert len(rows) == 570 and len({r["id"] for r in rows}) == len(rows)
    for r in rows:
        assert r["label"] in restated.LABELS and r["lang"] in ("nb", "nn") and r["text"].strip(), r["id"]
        decided = r["label"] != "not_enough_info"
        assert bool(r["start"]) == decided and bool(r["end"]) == decided, r["id"]  # evidence only where it decides
    labels = Counter(r["label"] for r in rows)
    assert labels == {"supported": 228, "contradicted": 171, "not_enough_info": 171}  # as DATASHEET.md says
    assert sum(r["lang"] == "nn" for r in rows) / len(rows) >= 0.15


def test_no_claim_is_about_a_held_out_document():
    from build import split_of  # models/stance/nli/build.py, on the path restated_claims.py set

    assert {split_of(r["doc"]) for r in restated.read_claims()} == {"train"}


def test_every_evidence_span_is_a_passage_of_its_rebuilt_document(tmp_path):
    from premises import NDT_DIR

    if not NDT_DIR.is_dir():
        pytest.fail(f"{NDT_DIR} not found: the treebank documents are read from ../shared")
    folder = restated.corpus(tmp_path)
    for r in restated.read_claims():
        quote = restated.evidence(r, folder)
        assert (not quote) == (r["label"] == "not_enough_info"), r["id"]
        if quote:
            assert 3 <= len(quote.split()) <= 45 and quote == quote.strip(), (r["id"], quote)


def test_the_second_reading_agrees_as_the_datasheet_says():
    with (HERE / "second_reading.tsv").open(encoding="utf-8") as fh:
        second = list(csv.DictReader(fh, delimiter="\t"))
    gold = {r["id"]: r["label"] for r in restated.read_claims()}
    assert len(second) == 72
    assert sum(gold[r["id"]] == r["label"] for r in second) == 72
    assert "72 of 72 agree" in (HERE / "DATASHEET.md").read_text(encoding="utf-8")
