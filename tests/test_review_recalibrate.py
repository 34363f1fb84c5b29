"""Reviewed decisions as training data: `factcheck review recalibrate` fits the stance combiner on them."""

from __future__ import annotations

import json

import pytest

from factcheck.errors import FactcheckError
from factcheck.review.recalibrate import recalibrate, reviewed_pairs
from factcheck.stance.combiner import CLASSES, load_combiner
from review_helpers import claim_id, filled_store
from test_review_cli import run


def decide_all(store):
    for start in ("HAB ble etablert", "Pasientene får", "Ett år", "Tilbudet ble", "Sveits"):
        store.decide(claim_id(store, start), "confirmed")
    store.decide(claim_id(store, "Over halvparten"), "overruled", verdict="not_enough_info")


def test_pairs_follow_the_reviewers_verdict(tmp_path):
    store, _ = filled_store(tmp_path / "r.db")
    decide_all(store)
    pairs = reviewed_pairs(store.decided(), {})
    by_claim = {}
    for p in pairs:
        by_claim.setdefault(p.claim_id, []).append(p.label)
    assert by_claim[claim_id(store, "Ett år")] == ["contradicts"]  # the deciding passage only
    assert by_claim[claim_id(store, "HAB ble etablert")] == ["supports"]
    for start in ("Sveits", "Over halvparten"):  # not enough info (confirmed or overruled to): every cited passage
        cid = claim_id(store, start)
        assert by_claim[cid] == ["neutral"] * len(store.claim(cid).evidence) and len(by_claim[cid]) > 1
    assert claim_id(store, "Norge har") not in by_claim  # undecided claims teach nothing
    # the rules' own view of each pair is kept, to compare against the reviewers
    assert {p.rule for p in pairs} <= set(CLASSES)


def test_recalibrate_writes_a_loadable_combiner(tmp_path):
    store, _ = filled_store(tmp_path / "r.db")
    decide_all(store)
    store.close()
    out = tmp_path / "combiner-review.json"
    result = run("review", "recalibrate", "--db", tmp_path / "r.db", "--out", out, "--index", tmp_path / "no-index")
    assert result.returncode == 0, result.stderr
    assert "reviewed claims: 6" in result.stdout and "rules agree with the reviewers" in result.stdout
    assert "document titles used instead" in result.stdout
    combiner = load_combiner(str(out))
    assert sorted(combiner.classes) == sorted(CLASSES) and len(combiner.coef) == 3
    assert combiner.meta["source"] == "review decisions" and combiner.meta["claims"] == 6
    probs = combiner.probabilities({f: 0.0 for f in combiner.features})
    assert abs(sum(probs.values()) - 1.0) < 1e-9
    assert json.loads(out.read_text())["features"] == combiner.features


def test_too_few_decisions_say_what_is_missing(tmp_path):
    store, _ = filled_store(tmp_path / "r.db")
    store.decide(claim_id(store, "Ett år"), "confirmed")
    with pytest.raises(FactcheckError, match="need 2 .* of every stance, have supports: 0, contradicts: 1, neutral: 0"):
        recalibrate(store, tmp_path / "out.json", index_dir=tmp_path / "no-index")
    assert not (tmp_path / "out.json").exists()
