"""`factcheck eval` over several claim sets, each against its own corpus (own small examples, no dev claims)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from factcheck.errors import FactcheckError
from factcheck.evaluation.claims import LabelledClaim, Prediction, score
from factcheck.evaluation.sets import corpus_key, discover_sets, sets_from_files

HEADER = "id\tlabel\ttext\tevidence\torigin\n"


def _prediction(gold: str, predicted: str, confidence: float) -> Prediction:
    return Prediction(LabelledClaim("x", gold, "t"), predicted, confidence, "")


def test_confident_contradictions_are_counted_and_their_precision_measured():
    report = score([_prediction("contradicted", "contradicted", 0.95), _prediction("supported", "contradicted", 0.9),
                    _prediction("contradicted", "contradicted", 0.89), _prediction("supported", "supported", 0.99)])
    assert report.confident_contradicted == 2 and report.confident_contradicted_right == 1
    assert report.confident_contradicted_precision == 0.5
    assert report.to_dict()["contradicted_confident"]["count"] == 2
    assert score([_prediction("supported", "supported", 1.0)]).confident_contradicted_precision is None


def test_all_contradictions_and_the_brier_score_of_the_confidence_shown():
    report = score([_prediction("contradicted", "contradicted", 0.5), _prediction("supported", "contradicted", 0.5),
                    _prediction("supported", "supported", 1.0), _prediction("not_checkworthy", "supported", 0.2),
                    _prediction("supported", "not_checkworthy", 0.0)])
    assert report.contradicted == 2 and report.contradicted_precision == 0.5
    # claims one side skips as not check-worthy carry no confidence to judge: 3 claims count
    assert report.brier == pytest.approx((0.25 + 0.25 + 0.0) / 3)
    assert report.to_dict()["contradicted_all"] == {"count": 2, "right": 1, "precision": 0.5}
    assert score([_prediction("not_checkworthy", "not_checkworthy", 1.0)]).brier is None
    # the same three claims in bins: 0.5 shown, right half the time (no error); 1.0 shown, right (no error)
    assert report.ece == pytest.approx(0.0) and report.to_dict()["ece"] == report.ece
    overconfident = score([_prediction("supported", "not_enough_info", 0.9), _prediction("supported", "supported", 0.9)])
    assert overconfident.ece == pytest.approx(0.4)  # shown at 0.9, right half the time
    assert score([_prediction("not_checkworthy", "not_checkworthy", 1.0)]).ece is None


def _eval_dir(tmp_path):
    root = tmp_path / "eval"
    (root / "topics" / "ost" / "corpus").mkdir(parents=True)
    (root / "topics" / "no-corpus").mkdir(parents=True)
    (root / "topics" / "no-corpus" / "claims.tsv").write_text(HEADER + "n1\tsupported\tX.\t\t-\n", encoding="utf-8")
    (root / "dev_claims.tsv").write_text(HEADER + "a1\tsupported\tHAB ble etablert i 2022.\t\t-\n", encoding="utf-8")
    (root / "topics" / "ost" / "claims.tsv").write_text(
        HEADER + "o1\tsupported\tGudbrandsdalsost lages av myse fra geitemelk.\tmyse fra geitemelk\tost\n"
        "o2\tcontradicted\tGudbrandsdalsost lages av olivenolje.\t\tost\n", encoding="utf-8")
    (root / "topics" / "ost" / "corpus" / "ost.txt").write_text(
        "Brunost\n\nGudbrandsdalsost lages av myse fra geitemelk og kumelk, kokt til sukkeret brunes.\n", encoding="utf-8")
    return root


def test_discover_sets_takes_the_dev_claims_and_every_topic_with_a_corpus(tmp_path):
    sets = discover_sets(_eval_dir(tmp_path))
    assert [(s.name, s.corpus is None) for s in sets] == [("hab-dev", True), ("ost", False)]
    with pytest.raises(FactcheckError, match="no claim sets"):
        discover_sets(tmp_path / "eval" / "topics" / "ost" / "corpus")


def test_corpora_on_the_command_line_pair_with_the_claims_files(tmp_path):
    a, b = tmp_path / "a.tsv", tmp_path / "topic" / "claims.tsv"
    sets = sets_from_files([a, b], ["default", str(tmp_path / "c")])
    assert [(s.name, s.corpus) for s in sets] == [("a", None), ("topic", tmp_path / "c")]
    with pytest.raises(FactcheckError, match="once per claims file"):
        sets_from_files([a, b], [str(tmp_path / "c")])


def test_the_index_cache_key_follows_the_corpus_content(tmp_path):
    corpus = _eval_dir(tmp_path) / "topics" / "ost" / "corpus"
    key = corpus_key(corpus, "model-a")
    assert key == corpus_key(corpus, "model-a") and key != corpus_key(corpus, "model-b")
    (corpus / "ost.txt").write_text("Noe annet.\n", encoding="utf-8")
    assert corpus_key(corpus, "model-a") != key


def _run(*args, env):
    return subprocess.run([sys.executable, "-m", "factcheck", *args], capture_output=True, env=env, timeout=300)


def test_eval_all_scores_each_set_on_its_own_corpus(tmp_path, corpus_copy, tiny_model_dir, blank_nlp):
    import os

    from factcheck.embedding.encoder import Encoder
    from factcheck.index.store import build_index

    build_index(corpus_copy, tmp_path / "idx", Encoder(str(tiny_model_dir)), nlp=blank_nlp)
    env = {**os.environ, "FACTCHECK_HOME": str(tmp_path / "home")}
    args = ("eval", "--all", "--eval-dir", str(_eval_dir(tmp_path)), "--index", str(tmp_path / "idx"),
            "--model", str(tiny_model_dir))
    out = _run(*args, "--format", "json", "--details", env=env)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert [s["name"] for s in data["sets"]] == ["hab-dev", "ost"]
    ost = data["sets"][1]
    assert ost["n"] == 2 and [p["id"] for p in ost["predictions"]] == ["o1", "o2"]
    assert ost["index"].startswith(str(tmp_path / "home" / "index" / "eval-"))
    assert data["together"]["n"] == 3 and "precision" in data["together"]["contradicted_confident"]
    assert b"indexing" in out.stderr

    again = _run(*args, env=env)  # the topic index is reused, and the table has a row per set plus all together
    assert again.returncode == 0 and b"indexing" not in again.stderr
    rows = [line.split()[0] for line in again.stdout.decode().splitlines()[1:]]
    assert rows == ["hab-dev", "ost", "alle"]

    # an index built by older readers is rebuilt: the cache key is the corpus's content, not the code's
    manifest = next((tmp_path / "home" / "index").glob("eval-*/manifest.json"))
    built = json.loads(manifest.read_text(encoding="utf-8"))
    manifest.write_text(json.dumps({**built, "reader_version": -1}), encoding="utf-8")
    assert b"indexing" in _run(*args, env=env).stderr


def test_eval_without_claims_or_with_a_bad_eval_dir_says_so_in_one_line(tmp_path):
    for args in (("eval",), ("eval", "--all", "--eval-dir", str(tmp_path / "nowhere"))):
        out = _run(*args, env=None)
        assert out.returncode != 0 and b"Traceback" not in out.stderr
        assert len(out.stderr.decode().strip().splitlines()) == 1
