"""The labelled check-worthiness set: its format, its ids, and the document-level split."""

from __future__ import annotations

import csv
import importlib.util
import re
from collections import defaultdict
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
LABELS = REPO / "models" / "checkworthy" / "data" / "labels.tsv"
KINDS = {"claim", "attribution", "opinion", "demand", "question", "prediction", "promise",
         "procedural", "personal", "heading", "other"}
ID = re.compile(r"^(ndt/[\w-]+/\d+|norquad/\d+/\d+-\d+|parlamint/[\w.-]+/\d+-\d+|nli/[\w-]+/p\d+-[a-d])$")


def _sentences():
    spec = importlib.util.spec_from_file_location("cw_sentences", REPO / "models" / "checkworthy" / "sentences.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _rows() -> list[dict]:
    with LABELS.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_labels_have_the_agreed_columns_and_values():
    rows = _rows()
    assert list(rows[0]) == ["sent_id", "checkworthy", "kind", "lang", "round"]
    assert len(rows) >= 2600
    ids = [r["sent_id"] for r in rows]
    assert len(set(ids)) == len(ids), "a sentence is labelled twice"
    for r in rows:
        assert ID.match(r["sent_id"]), r
        assert r["kind"] in KINDS, r
        assert r["lang"] in {"nb", "nn"}, r
        assert r["round"] in {"1", "2"}, r  # the sampling round (DATASHEET.md)
        # checkworthy follows from the kind: claims and attributions are checked, nothing else
        assert r["checkworthy"] == ("1" if r["kind"] in {"claim", "attribution"} else "0"), r


def test_every_kind_and_both_languages_occur():
    rows = _rows()
    assert {r["kind"] for r in rows} == KINDS
    assert {r["lang"] for r in rows} == {"nb", "nn"}


def test_norquad_genre_tells_a_wikipedia_lead_from_a_headline():
    s = _sentences()
    assert s.norquad_genre("Komet\nEn komet (fra gresk) er et mindre himmellegeme.") == "wiki"
    assert s.norquad_genre("Io (måne)\nIo eller Jupiter I, er den innerste månen.") == "wiki"
    assert s.norquad_genre("Greenpeace aksjonerte mot oljerigg i Hammerfest\nFoto: NTB\n"
                           "Greenpeace-aktivister klatret opp på riggen.") == "news"


@pytest.fixture(scope="module")
def sentences():
    s = _sentences()
    if not (s.SHARED / "data" / "norne" / "ndt_nob").is_dir():
        pytest.skip(f"../shared not found at {s.SHARED} (set FACTCHECK_SHARED)")
    return s


def test_every_id_resolves_to_a_sentence(sentences):
    for r in _rows():
        text = sentences.text(r["sent_id"])
        assert text.strip() == text and text, r["sent_id"]
        assert not text.endswith(" |"), "the NDT's heading marker is not part of the text"


def test_split_keeps_documents_whole_and_holds_out_about_a_fifth(sentences):
    by_doc = defaultdict(set)
    for r in _rows():
        by_doc[sentences.document(r["sent_id"])].add(sentences.split(r["sent_id"]))
    assert all(len(sides) == 1 for sides in by_doc.values())
    test_share = sum(sides == {"test"} for sides in by_doc.values()) / len(by_doc)
    assert 0.1 <= test_share <= 0.3
    # a hypothesis of the NLI seed sits on the side of its premise's document
    assert sentences.split("nli/ap001_0000/p0000-a") == sentences.split("ndt/ap001_0000/3")



def test_the_second_round_is_the_reproducible_sample_that_avoids_the_first(sentences):
    rows = _rows()
    first = {r["sent_id"] for r in rows if r["round"] == "1"}
    second = [r["sent_id"] for r in rows if r["round"] == "2"]
    assert second == [sid for sid, *_ in sentences.sample_round2(first)]
    assert not first.intersection(second)


def test_the_oped_test_texts_are_labelled_by_the_same_kinds_and_not_trained_on(sentences):
    with (REPO / "models" / "checkworthy" / "data" / "oped_test.tsv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert list(rows[0]) == ["tid", "text_no", "genre", "checkworthy", "kind", "lang", "text"]
    assert len({r["text_no"] for r in rows}) == 10 and len(rows) >= 150
    for r in rows:
        assert r["kind"] in KINDS and r["lang"] in {"nb", "nn"} and r["text"].strip(), r
        assert r["checkworthy"] == ("1" if r["kind"] in {"claim", "attribution"} else "0"), r
    trained = {sentences.text(r["sent_id"]) for r in _rows()}
    assert not trained.intersection(r["text"] for r in rows if len(r["text"].split()) >= 3)  # "Takk." may recur
