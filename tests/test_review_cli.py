"""`factcheck review ...` and `check --review-db` as a user meets them: output, decisions, messages, exports."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import subprocess
import sys

import pytest

from factcheck.review.migrations import SCHEMA_VERSION
from review_helpers import claim_id, filled_store


def run(*args, stdin: str | None = None, env=None):
    """The CLI in this process (fast); `check` and the one-line messages are also run as real processes."""
    from typer.testing import CliRunner

    from factcheck.cli import app

    result = CliRunner().invoke(app, list(map(str, args)), input=stdin, env=env)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return subprocess.CompletedProcess(args, result.exit_code, result.stdout, result.stderr)


def run_process(*args, stdin: str | None = None):
    return subprocess.run([sys.executable, "-m", "factcheck", *map(str, args)], input=stdin, capture_output=True,
                          text=True, timeout=300)


@pytest.fixture
def db(tmp_path):
    store, _ = filled_store(tmp_path / "review.db")
    store.close()
    return tmp_path / "review.db"


def one_line_error(out, message: str) -> None:
    assert out.returncode == 1, out.stdout
    assert message in out.stderr and "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1, out.stderr


def test_list_json_has_the_contract_fields(db):
    out = run("review", "list", "--db", db, "--format", "json")
    assert out.returncode == 0, out.stderr
    claims = json.loads(out.stdout)
    assert [c["verdict"] for c in claims] == ["contradicted", "contradicted"]
    for c in claims:
        assert {"id", "text", "verdict", "status", "reviewer_verdict", "note"} <= c.keys()
        assert c["status"] == "open" and c["reviewer_verdict"] is None and c["note"] is None
    assert len(json.loads(run("review", "list", "--db", db, "-f", "json", "--all").stdout)) == 7


def test_terminal_session_list_show_decide(db):
    table = run("review", "list", "--db", db)
    assert table.returncode == 0 and "Ett år etter oppstart" in table.stdout and "Åpen" in table.stdout
    cid = json.loads(run("review", "list", "--db", db, "-f", "json").stdout)[0]["id"]
    shown = run("review", "show", cid, "--db", db)
    assert shown.returncode == 0
    # the cited passage, with the claim's words in [brackets] and the figure it does not share in **bold**
    assert "[narkotikarelatert] [kriminalitet]" in shown.stdout and "**31 %**" in shown.stdout
    assert "Flagget fordi: motsagt, tallet stemmer ikke" in shown.stdout
    decided = run("review", "decide", cid, "--db", db, "--status", "overruled", "--verdict", "supported",
                  "--note", "Tallet er fra en senere rapport", "--reviewer", "kari")
    assert decided.returncode == 0, decided.stderr
    after = json.loads(run("review", "list", "--db", db, "-f", "json", "--status", "overruled").stdout)
    assert [(c["id"], c["status"], c["reviewer_verdict"], c["note"]) for c in after] == [
        (cid, "overruled", "supported", "Tallet er fra en senere rapport")]
    history = json.loads(run("review", "show", cid, "--db", db, "-f", "json").stdout)["history"]
    assert [(h["status"], h["reviewer"]) for h in history] == [("overruled", "kari")]
    english = run("review", "show", cid, "--db", db, "--lang", "en")
    assert "Overruled → Supported" in english.stdout


def test_decide_errors_are_one_line(db):
    one_line_error(run_process("review", "decide", 999, "--db", db, "--status", "confirmed"), "no claim with id 999")
    one_line_error(run("review", "decide", 2, "--db", db, "--status", "overruled"), "give the right verdict")
    one_line_error(run("review", "decide", 2, "--db", db, "--status", "done"), "unknown status")


def test_reviewer_from_the_environment(db):
    env = {"FACTCHECK_REVIEWER": "Siri Nyhetsredaktør"}
    assert run("review", "decide", 2, "--db", db, "--status", "needs_expert", env=env).returncode == 0
    assert json.loads(run("review", "show", 2, "--db", db, "-f", "json").stdout)["reviewer"] == "Siri Nyhetsredaktør"


@pytest.mark.parametrize("damage,message", [
    ("garbage", "damaged or not an SQLite file"),
    ("newer", f"schema version {SCHEMA_VERSION + 7}"),
    ("missing", "no review database"),
])
def test_broken_databases_give_a_message_not_a_traceback(tmp_path, db, damage, message):
    if damage == "garbage":
        db.write_bytes(b"\x00garbage" * 500)
        for extra in db.parent.glob("review.db-*"):
            extra.unlink()
    elif damage == "newer":
        with sqlite3.connect(db) as conn:
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 7}")
    else:
        db = tmp_path / "absent.db"
    for args in (["list"], ["show", "2"], ["decide", "2", "--status", "confirmed"], ["export"]):
        one_line_error(run("review", *args, "--db", db), message)
    one_line_error(run_process("review", "list", "--db", db), message)  # as a real process, too


def test_interactive_next_decides_in_the_terminal(db):
    # first claim: overrule to "Ikke nok grunnlag" (choice 2 of the other verdicts) with a note; second: quit
    out = run("review", "next", "--db", db, "--reviewer", "ola", stdin="o\n2\nUklart hva kilden sier\na\n")
    assert out.returncode == 0, out.stderr
    assert "Avgjørelse lagret" in out.stdout
    first = json.loads(run("review", "show", 2, "--db", db, "-f", "json").stdout)
    assert (first["status"], first["reviewer_verdict"], first["note"], first["reviewer"]) == \
        ("overruled", "not_enough_info", "Uklart hva kilden sier", "ola")
    assert json.loads(run("review", "show", 4, "--db", db, "-f", "json").stdout)["status"] == "open"


def test_export_claimreview_and_csv(db):
    one_line_error(run("review", "export", "--db", db, "--id", 2), "claim 2 is open, not decided")
    run("review", "decide", 2, "--db", db, "--status", "confirmed", "--note", "Rapporten sier 31 %.", "-r", "kari")
    run("review", "decide", 4, "--db", db, "--status", "overruled", "--verdict", "not_enough_info", "-r", "ola")
    one = run("review", "export", "--db", db, "--id", 2, "--org", "Faktisk Testredaksjon", "--url", "https://example.no/sjekk")
    review = json.loads(one.stdout)
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    assert review["claimReviewed"].startswith("Ett år etter oppstart")
    assert review["reviewRating"] == {"@type": "Rating", "alternateName": "Motsagt", "ratingValue": 1,
                                      "bestRating": 3, "worstRating": 1}
    assert review["author"] == {"@type": "Organization", "name": "Faktisk Testredaksjon"}
    assert review["url"] == "https://example.no/sjekk#claim-2" and review["reviewBody"] == "Rapporten sier 31 %."
    assert review["itemReviewed"]["@type"] == "Claim" and review["itemReviewed"]["appearance"]["name"] == "innlegg.txt"
    assert all("31 %" in c["text"] for c in review["citation"])

    both = json.loads(run("review", "export", "--db", db, "--lang", "en").stdout)
    assert [r["reviewRating"]["alternateName"] for r in both] == ["Contradicted", "Not enough info"]
    assert "ratingValue" not in both[1]["reviewRating"]  # no place on a true-false scale
    assert "reviewBody" not in both[1] and "citation" not in both[1]  # the checker's reasons were overruled

    rows = list(csv.DictReader(io.StringIO(run("review", "export", "--db", db, "-f", "csv").stdout)))
    assert [(r["id"], r["reviewer_verdict"], r["rating"], r["reviewer"]) for r in rows] == [
        ("2", "contradicted", "Motsagt", "kari"), ("4", "not_enough_info", "Ikke nok grunnlag", "ola")]


def test_serve_refuses_other_addresses_unless_asked(db):
    out = run("review", "serve", "--db", db, "--host", "0.0.0.0")
    assert out.returncode == 2 and "--allow-remote" in out.stderr and "Traceback" not in out.stderr


def test_check_records_a_run_for_review(tmp_path, corpus_copy, tiny_model_dir, blank_nlp):
    from factcheck.embedding.encoder import Encoder
    from factcheck.index.store import build_index

    build_index(corpus_copy, tmp_path / "idx", Encoder(str(tiny_model_dir)), nlp=blank_nlp)
    text = "HAB ble etablert i Norge i 2022 som et prøveprosjekt i Oslo og Bergen. Hva skjer etter 2026? " \
           "Ett år etter oppstart var det en reduksjon på 40 % i narkotikarelatert kriminalitet."
    article = tmp_path / "innlegg.txt"
    article.write_text(text, encoding="utf-8")
    db = tmp_path / "nytt" / "review.db"
    out = run_process("check", article, "--index", tmp_path / "idx", "--review-db", db, "-f", "json")
    assert out.returncode == 0, out.stderr
    checked = json.loads(out.stdout)["claims"]  # the JSON output is unchanged by recording
    assert "recorded run 1" in out.stderr
    recorded = json.loads(run("review", "list", "--db", db, "-f", "json", "--all").stdout)
    assert [(c["text"], c["verdict"], c["source"]) for c in recorded] == [(c["text"], c["verdict"], str(article)) for c in checked]
    again = run("check", "-", "--index", tmp_path / "idx", "--review-db", db, "-f", "json", stdin=text)
    assert "recorded run 2" in again.stderr
    assert {c["source"] for c in json.loads(run("review", "list", "--db", db, "-f", "json", "--all", "--run", 2).stdout)} == {"stdin"}


def test_eval_reads_decided_claims_as_labels(db):
    from factcheck.evaluation.claims import read_claims

    store, _ = filled_store(db.parent / "more.sqlite")
    store.decide(claim_id(store, "Ett år"), "confirmed")
    store.decide(claim_id(store, "Tilbudet ble"), "overruled", verdict="not_enough_info")
    store.decide(claim_id(store, "HAB ble etablert"), "confirmed")
    store.decide(claim_id(store, "Sveits"), "needs_expert")  # undecided: not a label
    store.close()
    claims = read_claims(db.parent / "more.sqlite")
    assert [(c.label, c.text[:12]) for c in claims] == [
        ("supported", "HAB ble etab"), ("contradicted", "Ett år etter"), ("not_enough_info", "Tilbudet ble")]
    assert "31 %" in claims[1].evidence and claims[2].evidence == ""  # gold passage only when confirmed
    with pytest.raises(Exception, match="no decided claims"):
        read_claims(db)
