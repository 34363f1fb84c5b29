"""The written NLI pairs: their format, the second round's promise to leave the test split alone,
and the agreement figures the datasheet reports."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
NLI = REPO / "models" / "stance" / "nli"
sys.path.insert(0, str(NLI))

import build  # noqa: E402
import second_reading  # noqa: E402
from premises import sentence_ids  # noqa: E402

SECOND_ROUND = (4, 5, 6, 7, 8, 9)
THIRD_ROUND = (10, 11, 12, 13, 14, 15)  # claims restated over passages of 2-3 sentences
FOURTH_ROUND = (16, 17, 18, 19, 20, 21, 22)  # the same over passages with a figure, date or year (22: a second writer on 16's)


def _batch(k: int) -> list[dict]:
    with (NLI / "written" / f"batch_{k}.tsv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def test_every_written_pair_has_the_columns_and_values_build_reads():
    for path in sorted((NLI / "written").glob("batch_*.tsv")):
        k = int(path.stem.split("_")[1])
        for row in _batch(k):
            assert None not in row and row["label"] in build.LABELS, (path.name, row)
            assert row["lang"] in ("nb", "nn") and row["hypothesis"].strip(), (path.name, row["pair_id"])
            assert row["pair_id"].startswith(f"w{k}-") and row["premise_id"].startswith("ndt/"), row["pair_id"]


@pytest.mark.parametrize("batches,earlier,sentences,passages_only", [
    (SECOND_ROUND, build.FIRST_ROUND, (1, 2), False),
    (THIRD_ROUND, build.FIRST_ROUND + SECOND_ROUND, (2, 3), False),
    (FOURTH_ROUND, build.FIRST_ROUND + SECOND_ROUND + THIRD_ROUND, (2, 3), True)])
def test_a_later_round_never_touches_a_test_document_or_an_earlier_sentence(batches, earlier, sentences, passages_only):
    """New pairs may only grow the training side: the held-out figures stay comparable. The third and fourth
    rounds' premises are passages of two or three sentences, not lone sentences; the fourth may hold a sentence
    an earlier round used alone, never one of an earlier passage."""
    assert sentence_ids("ndt/ap001_0000/3+1") == {"ndt/ap001_0000/3", "ndt/ap001_0000/4"}  # a paragraph is two
    used = set().union(*(sentence_ids(r["premise_id"]) for k in earlier for r in _batch(k)
                         if not passages_only or "+" in r["premise_id"]))
    for k in batches:
        for row in _batch(k):
            assert build.split_of(row["premise_id"].split("/")[1]) == "train", row["pair_id"]
            assert not sentence_ids(row["premise_id"]) & used, row["pair_id"]
            assert len(sentence_ids(row["premise_id"])) in sentences, row["pair_id"]
    if passages_only:  # each passage holds a figure, date or year in digits
        texts = {r["premise"] for r in build.written_pairs(batches)}
        assert texts and all(any(c.isdigit() for c in t) for t in texts)


def test_padding_widens_only_train_premises_and_keeps_the_label():
    written = [r for r in build.written_pairs((1,)) if build.split_of(r["doc"]) == "train"][:40]
    test_side = [r for r in build.written_pairs((1,)) if build.split_of(r["doc"]) == "test"][:5]
    rows = [{**r, "split": "train"} for r in written] + [{**r, "split": "test"} for r in test_side]
    padded = build.padded_pairs(rows, seed=1)
    assert padded and len(padded) <= len(written)
    by_id = {r["pair_id"]: r for r in written}
    for p in padded:
        original = by_id[p["pair_id"].removesuffix("-pad")]
        assert p["origin"] == "padded" and p["split"] == "train" and p["label"] == original["label"]
        assert original["premise"] in p["premise"] and len(p["premise"]) > len(original["premise"])
        assert p["hypothesis"] == original["hypothesis"]


@pytest.mark.parametrize("batches", [SECOND_ROUND, THIRD_ROUND, FOURTH_ROUND])
def test_each_later_round_is_balanced_enough_to_teach_reading(batches):
    rows = [r for k in batches for r in _batch(k)]
    shares = {label: sum(r["label"] == label for r in rows) / len(rows) for label in build.LABELS}
    assert all(0.25 <= share <= 0.42 for share in shares.values()), shares
    assert sum(r["lang"] == "nn" for r in rows) / len(rows) >= 0.25


def test_kappa_and_the_wilson_interval():
    assert second_reading.kappa([("entailment", "entailment"), ("neutral", "neutral")]) == pytest.approx(1.0)
    # 2 of 4 agree, both readers split evenly over two labels: agreement no better than chance
    pairs = [("entailment", "entailment"), ("entailment", "neutral"), ("neutral", "entailment"), ("neutral", "neutral")]
    assert second_reading.kappa(pairs) == pytest.approx(0.0)
    low, high = second_reading.wilson(1, 150)
    assert 0.0 < low < 1 / 150 < high < 0.05


@pytest.mark.parametrize("batches,saved", [(SECOND_ROUND, "second_reading_round2.tsv"),
                                          (THIRD_ROUND, "second_reading_round3.tsv"),
                                          (FOURTH_ROUND, "second_reading_round4.tsv")])
def test_the_saved_second_reading_matches_the_written_labels_it_reports(batches, saved):
    written = {r["pair_id"]: r["label"] for k in batches for r in _batch(k)}
    with (NLI / saved).open(encoding="utf-8") as fh:
        read = list(csv.DictReader(fh, delimiter="\t"))
    assert len(read) == 150
    for row in read:
        assert (written[row["pair_id"]] == row["second_label"]) == (row["agreement"] == "agree"), row
