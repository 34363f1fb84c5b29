"""The review store: flagging, filters, decisions with history, schema safety, concurrent reviewers."""

from __future__ import annotations

import dataclasses
import sqlite3
import subprocess
import sys
import textwrap
import time

import pytest

from factcheck.errors import FactcheckError
from factcheck.review.flags import flags_for
from factcheck.review.migrations import SCHEMA_VERSION
from factcheck.review.store import ReviewStore
from review_helpers import claim_id, filled_store, sample_run


@pytest.fixture
def store(tmp_path):
    store, _ = filled_store(tmp_path / "review.db", speakers=["Ola", "Kari", "Ola", "Ola", "Kari", "Kari", "Ola"])
    yield store
    store.close()


def test_flags_follow_the_rules():
    result, _ = sample_run()
    by_start = {c.text[:12]: c for c in result.claims}
    assert flags_for(by_start["Ett år etter"]) == ["contradicted", "number_mismatch"]
    assert flags_for(by_start["Tilbudet ble"]) == ["contradicted", "low_confidence", "number_mismatch"]
    assert flags_for(by_start["HAB ble etab"]) == []  # supported with 0.95
    assert flags_for(by_start["Sveits innfø"]) == []  # not enough info is not flagged
    unsure = dataclasses.replace(by_start["HAB ble etab"], confidence=0.6, evidence=[])
    assert flags_for(unsure) == ["low_confidence"]


def test_record_run_keeps_claims_evidence_and_wal(store):
    assert store.journal_mode() == "wal"
    everything = store.claims(flagged_only=False)
    assert len(everything) == 7 and [c.status for c in everything] == ["open"] * 7
    flagged = store.claims()
    assert [c.text[:12] for c in flagged] == ["Ett år etter", "Tilbudet ble"]
    claim = store.claim(flagged[0].id)
    result, text = sample_run()
    original = next(c for c in result.claims if c.text == claim.text)
    assert claim.evidence == original.evidence  # lossless, findings included
    assert claim.reasons == original.reasons and text[claim.start:claim.end] == claim.text
    assert store.run_text(claim.run_id) == text


def test_filters(store, tmp_path):
    second = store.record_run(sample_run()[0], source="debatt/nrk-2026-03-01.txt", kind="batch")
    assert {c.run_id for c in store.claims(run=second.id)} == {second.id}
    assert len(store.claims(source="nrk")) == 2 and len(store.claims(source="innlegg")) == 2
    assert [c.speaker for c in store.claims(speaker="Kari")] == ["Kari"]
    assert len(store.claims(verdict="contradicted", flagged_only=False)) == 4
    assert store.claims(verdict="supported") == []
    store.decide(claim_id(store, "Ett år"), "confirmed")
    assert [c.text[:6] for c in store.claims(status="confirmed")] == ["Ett år"]
    with pytest.raises(FactcheckError, match="unknown status"):
        store.claims(status="done")


def test_decisions_are_history_not_overwrites(store):
    cid = claim_id(store, "Tilbudet ble")
    store.decide(cid, "needs_expert", note="Spør fylkeslegen", reviewer="kari")
    store.decide(cid, "overruled", verdict="not_enough_info", reviewer="ola")
    store.add_note(cid, "Bergen kommune bekrefter ikke", reviewer="kari")
    claim = store.claim(cid)
    assert claim.status == "overruled" and claim.reviewer_verdict == "not_enough_info"
    assert claim.note == "Bergen kommune bekrefter ikke" and claim.reviewer == "kari"
    assert [(d.status, d.reviewer, d.note) for d in claim.history] == [
        ("needs_expert", "kari", "Spør fylkeslegen"),
        ("overruled", "ola", None),
        ("overruled", "kari", "Bergen kommune bekrefter ikke"),
    ]
    assert all(d.decided_at.endswith("+00:00") for d in claim.history)
    assert claim.final_verdict == "not_enough_info"


def test_confirm_keeps_the_checkers_verdict_and_overrule_needs_another(store):
    cid = claim_id(store, "Ett år")
    assert store.decide(cid, "confirmed").reviewer_verdict == "contradicted"
    with pytest.raises(FactcheckError, match="give the right verdict"):
        store.decide(cid, "overruled")
    with pytest.raises(FactcheckError, match="give the right verdict"):
        store.decide(cid, "overruled", verdict="contradicted")
    with pytest.raises(FactcheckError, match="confirming keeps"):
        store.decide(cid, "confirmed", verdict="supported")
    with pytest.raises(FactcheckError, match="goes with"):
        store.decide(cid, "needs_expert", verdict="supported")
    with pytest.raises(FactcheckError, match="no claim with id 999"):
        store.decide(999, "confirmed")
    assert len(store.history(cid)) == 1


def test_reviewer_comes_from_the_environment(store, monkeypatch):
    monkeypatch.setenv("FACTCHECK_REVIEWER", "Redaktør Røed")
    assert store.decide(claim_id(store, "Ett år"), "confirmed").reviewer == "Redaktør Røed"


def test_corrupt_file_gives_a_clear_message(tmp_path):
    bad = tmp_path / "review.db"
    bad.write_bytes(b"this is not sqlite at all, just some bytes " * 100)
    with pytest.raises(FactcheckError, match="damaged or not an SQLite file"):
        ReviewStore(bad)


def test_newer_schema_is_refused_not_misread(tmp_path):
    path = tmp_path / "review.db"
    ReviewStore(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(FactcheckError, match=f"schema version {SCHEMA_VERSION + 1}.*upgrade"):
        ReviewStore(path)


def test_another_applications_database_is_refused(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (x TEXT)")
    with pytest.raises(FactcheckError, match="not a faktasjekk review database"):
        ReviewStore(path)


def test_missing_database_is_not_created_for_reading(tmp_path):
    with pytest.raises(FactcheckError, match="no review database"):
        ReviewStore(tmp_path / "nope.db", create=False)
    assert not (tmp_path / "nope.db").exists()


def test_schema_starts_at_v1_and_has_every_table(tmp_path):
    with ReviewStore(tmp_path / "r.db") as s:
        assert s.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION >= 1
        names = {r[0] for r in s.conn.execute("SELECT name FROM sqlite_master")}
    assert {"runs", "claims", "decisions", "claim_state"} <= names


DECIDER = textwrap.dedent("""
    import sys, time
    from factcheck.review.store import ReviewStore
    db, cid, who, start, n = sys.argv[1], int(sys.argv[2]), sys.argv[3], float(sys.argv[4]), int(sys.argv[5])
    store = ReviewStore(db, create=False)
    time.sleep(max(0.0, start - time.time()))  # both processes start deciding at the same moment
    for i in range(n):
        status = "needs_expert" if i % 2 else "confirmed"
        store.decide(cid, status, note=f"{who}-{i}", reviewer=who)
""")


def test_two_processes_deciding_at_once_lose_nothing(tmp_path):
    store, _ = filled_store(tmp_path / "review.db")
    cid = claim_id(store, "Ett år")
    start, n = time.time() + 1.5, 60
    procs = [subprocess.Popen([sys.executable, "-c", DECIDER, str(store.path), str(cid), who, str(start), str(n)],
                              stderr=subprocess.PIPE) for who in ("kari", "ola")]
    for p in procs:
        assert p.wait(timeout=120) == 0, p.stderr.read().decode()
    history = store.history(cid)
    assert len(history) == 2 * n
    assert {d.note for d in history} == {f"{who}-{i}" for who in ("kari", "ola") for i in range(n)}
    # both reviewers' decisions interleave in one history, each process's in its own order
    for who in ("kari", "ola"):
        assert [d.note for d in history if d.reviewer == who] == [f"{who}-{i}" for i in range(n)]
    store.close()
