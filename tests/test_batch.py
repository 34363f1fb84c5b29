"""`factcheck batch` end to end on the tiny model: rows, summaries, resume after a kill, engines, bad input."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from factcheck.errors import FactcheckError
from factcheck.index.store import build_index
from factcheck.transcripts.runner import BatchConfig, run_batch

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))


@pytest.fixture(scope="module")
def tiny_index(tmp_path_factory, tiny_model_dir, blank_nlp) -> Path:
    from factcheck.embedding.encoder import Encoder

    target = tmp_path_factory.mktemp("batch") / "index"
    build_index(REPO / "corpus", target, Encoder(str(tiny_model_dir)), nlp=blank_nlp)
    return target


@pytest.fixture(scope="module")
def debate(tmp_path_factory) -> Path:
    """30 synthetic utterances (benchmarks/make_transcript.py), as TSV with an id column."""
    from make_transcript import make, write

    path = tmp_path_factory.mktemp("debate") / "debatt.tsv"
    write(make(30, seed=3), path, "tsv", malformed=0, seed=3)
    return path


@pytest.fixture(autouse=True)
def blank_spacy(monkeypatch):
    monkeypatch.setenv("FACTCHECK_SPACY_MODEL", "blank")  # inherited by worker processes


def config(out: Path, inputs: list[Path], index: Path, model: Path, **options) -> BatchConfig:
    return BatchConfig(inputs=inputs, out=out, index_dir=str(index), model=str(model), **{"workers": 1, **options})


def rows_of(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def sentences(rows: list[dict], verdicts: bool = True) -> list[tuple]:
    """What must not differ between runs: each sentence, where it is, and (same thread count) its verdict."""
    keys = ("transcript_id", "utterance_id", "sentence_index", "text", "start", "end", "checkworthy")
    return [tuple(r[k] for k in keys) + ((r["verdict"], r["confidence"]) if verdicts else ()) for r in rows]


def batch_cli(*args: str, **popen) -> subprocess.Popen:
    env = {**os.environ, "FACTCHECK_SPACY_MODEL": "blank"}
    return subprocess.Popen([sys.executable, "-m", "factcheck", "batch", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env, **popen)


@pytest.fixture(scope="module")
def reference(tmp_path_factory, debate, tiny_index, tiny_model_dir) -> list[dict]:
    """The rows of one uninterrupted in-process run, to compare every other run with."""
    out = tmp_path_factory.mktemp("reference") / "rows.jsonl"
    os.environ["FACTCHECK_SPACY_MODEL"] = "blank"
    try:
        run_batch(config(out, [debate], tiny_index, tiny_model_dir))
    finally:
        os.environ.pop("FACTCHECK_SPACY_MODEL", None)
    return rows_of(out)


def test_first_version_command_writes_one_row_per_sentence(tmp_path, debate, tiny_index, tiny_model_dir, reference):
    out = tmp_path / "rows.jsonl"
    proc = batch_cli(str(debate), "--text-column", "text", "--id-column", "id", "--format", "jsonl", "--out", str(out),
                     "--index", str(tiny_index), "--model", str(tiny_model_dir), "-w", "1",
                     "--review-db", str(tmp_path / "review.db"))
    stdout, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 0, stderr.decode()
    rows = rows_of(out)
    claims = sum(r["checkworthy"] for r in rows)
    assert f"Lagt inn i gjennomgangsbasen {tmp_path / 'review.db'}: 1 transkripsjon(er), {claims} påstander" in stderr.decode()
    assert sentences(rows) == sentences(reference)
    texts = {r["id"]: r["text"] for r in csv.DictReader(debate.open(encoding="utf-8"), delimiter="\t")}
    by_utterance: dict[str, list[dict]] = {}
    for row in rows:
        by_utterance.setdefault(row["utterance_id"], []).append(row)
        assert {"transcript_id", "utterance_id", "row_id", "speaker", "party", "sentence_index", "checkworthy", "text",
                "start", "end", "verdict", "confidence", "reason", "evidence"} <= row.keys()
        assert row["transcript_id"] == "debatt" and row["row_id"] == row["utterance_id"]
        assert texts[row["row_id"]][row["start"]:row["end"]] == row["text"]  # offsets index into the utterance
        if row["checkworthy"]:
            assert row["verdict"] in ("supported", "contradicted", "not_enough_info") and row["evidence"]
        else:
            assert row["verdict"] is None and row["reason_code"]
    assert set(by_utterance) == set(texts)  # every utterance has its sentences
    assert all([r["sentence_index"] for r in rs] == list(range(len(rs))) for rs in by_utterance.values())
    summary = list(csv.DictReader((tmp_path / "rows.summary.csv").open(encoding="utf-8")))
    total = next(s for s in summary if s["group"] == "total")
    assert int(total["sentences"]) == len(rows)
    assert int(total["claims_checked"]) == sum(r["checkworthy"] for r in rows)
    per_speaker = Counter(r["speaker"] for r in rows)
    assert {s["speaker"]: int(s["sentences"]) for s in summary if s["group"] == "speaker"} == per_speaker
    report = (tmp_path / "rows.flagged.md").read_text(encoding="utf-8")
    assert report.startswith("# Påstander som bør sjekkes nærmere")
    flagged = [r for r in rows if r["flags"]]
    assert all(r["checkworthy"] for r in flagged) and report.count("\n## ") == len(flagged)
    assert "Per taler" in stdout.decode() and "Ordstyrer" in stdout.decode()


def test_kill_then_resume_neither_redoes_nor_duplicates(tmp_path, tiny_index, tiny_model_dir):
    # three times the usual debate: with only a few chunks left, a fast run could finish between two polls
    # and leave nothing to interrupt (a race, not a bug; it made this test flaky on an idle machine)
    from make_transcript import make, write

    debate = tmp_path / "debatt.tsv"
    write(make(90, seed=3), debate, "tsv", malformed=0, seed=3)
    run_batch(config(tmp_path / "reference.jsonl", [debate], tiny_index, tiny_model_dir, chunk_chars=150))
    reference = rows_of(tmp_path / "reference.jsonl")
    out = tmp_path / "rows.jsonl"
    state = tmp_path / ".rows.jsonl.progress.json"
    args = [str(debate), "-o", str(out), "--index", str(tiny_index), "--model", str(tiny_model_dir), "-w", "1",
            "--chunk-chars", "150", "-q"]

    def committed() -> int:
        """Rows the progress file vouches for (a kill may leave more bytes, which --resume cuts off)."""
        if not state.exists():
            return 0
        size = json.loads(state.read_text())["committed_bytes"]
        return out.read_bytes()[:size].count(b"\n")

    def stop_after(rows: int, sig: int, *extra: str) -> int:
        proc = batch_cli(*args, *extra)
        deadline = time.monotonic() + 240
        while committed() < rows and time.monotonic() < deadline:
            assert proc.poll() is None, proc.stderr.read().decode()
            time.sleep(0.01)
        assert proc.poll() is None, "the run finished before it could be stopped"
        proc.send_signal(sig)
        proc.communicate(timeout=120)
        return proc.returncode

    assert stop_after(1, signal.SIGKILL) == -signal.SIGKILL
    after_kill = committed()
    assert 0 < after_kill < len(reference)
    assert stop_after(after_kill + 1, signal.SIGTERM, "--resume") == 130  # a plain `kill` stops like Ctrl-C
    after_term = len(rows_of(out))
    assert after_kill < after_term < len(reference)
    finish = run_batch(config(out, [debate], tiny_index, tiny_model_dir, chunk_chars=150, resume=True))
    assert finish.stats.sentences_this_run == len(reference) - after_term
    rows = rows_of(out)
    keys = [(r["transcript_id"], r["utterance_id"], r["sentence_index"]) for r in rows]
    assert len(keys) == len(set(keys)) and sentences(rows) == sentences(reference)


def test_interrupted_chunk_written_halfway_is_cut_off_on_resume(tmp_path, debate, tiny_index, tiny_model_dir, reference):
    class StopAfterTwoChunks:
        calls = 0

        def start(self, total, engine): ...
        def stop(self): ...

        def advance(self, utterances, sentences):
            self.calls += 1
            if self.calls == 2:
                raise KeyboardInterrupt

    out = tmp_path / "rows.csv"
    first = run_batch(config(out, [debate], tiny_index, tiny_model_dir, fmt="csv", chunk_chars=300), StopAfterTwoChunks())
    assert first.stats.interrupted
    journal = tmp_path / ".rows.csv.rows.jsonl"
    done = len(rows_of(journal))
    import pandas as pd

    assert len(pd.read_csv(out)) == done == first.tally.total.sentences  # the CSV holds what is done
    with journal.open("a", encoding="utf-8") as fh:
        fh.write('{"transcript_id": "debatt", "utterance_id": "u0')  # a kill in the middle of a write
    second = run_batch(config(out, [debate], tiny_index, tiny_model_dir, fmt="csv", chunk_chars=300, resume=True))
    assert not second.stats.interrupted and second.stats.resumed_utterances > 0
    assert second.stats.sentences_this_run == len(reference) - done
    assert sentences(rows_of(journal)) == sentences(reference)
    frame = pd.read_csv(out)
    assert len(frame) == len(reference)
    assert {"transcript_id", "utterance_id", "row_id", "speaker", "party", "sentence_index", "checkworthy", "verdict",
            "confidence", "reason", "flags", "citations", "evidence_text"} <= set(frame.columns)


class StopAfterChunks:
    """A progress reporter that presses Ctrl-C after `n` committed chunks."""

    def __init__(self, n: int):
        self.n, self.calls = n, 0

    def start(self, total, engine): ...
    def stop(self): ...

    def advance(self, utterances, sentences):
        self.calls += 1
        if self.calls == self.n:
            raise KeyboardInterrupt


def test_review_db_gets_each_transcript_once_when_it_is_finished(tmp_path, debate, tiny_index, tiny_model_dir, reference):
    from factcheck.review.store import ReviewStore

    out, db = tmp_path / "rows.jsonl", tmp_path / "review.db"
    first = run_batch(config(out, [debate], tiny_index, tiny_model_dir, chunk_chars=300, review_db=db), StopAfterChunks(2))
    assert first.stats.interrupted and "ingenting lagt inn" in first.review_note
    with ReviewStore(db) as store:
        assert store.claims(flagged_only=False) == []  # half a transcript is not put in front of reviewers
    second = run_batch(config(out, [debate], tiny_index, tiny_model_dir, chunk_chars=300, review_db=db, resume=True))
    checked = [r for r in reference if r["checkworthy"]]
    flagged = [r for r in checked if r["flags"]]
    assert f"{db}: 1 transkripsjon(er), {len(checked)} påstander, {len(flagged)} flagget" in second.review_note
    third = run_batch(config(out, [debate], tiny_index, tiny_model_dir, review_db=db, resume=True))
    assert "ingenting lagt inn" in third.review_note
    with ReviewStore(db) as store:
        recorded = store.claims(flagged_only=False)
        assert [(c.text, c.verdict, c.speaker) for c in recorded] == [(r["text"], r["verdict"], r["speaker"]) for r in checked]
        assert [c.flags for c in store.claims()] == [r["flags"] for r in flagged]  # the review rule, same reasons
        assert {c.source for c in recorded} == {str(debate)}
        assert recorded[0].document == f"debatt/{checked[0]['utterance_id']}"
        assert recorded[0].as_claim_result().to_dict()["evidence"] == checked[0]["evidence"]


def test_pool_workers_leave_when_the_batch_process_is_killed():
    """SIGKILL gives the batch no chance to shut its pool down; the workers notice and exit."""
    worker = ("import sys, time; from factcheck.transcripts.work import exit_with_parent; "
              "exit_with_parent(int(sys.argv[1]), every=0.1); time.sleep(120)")
    batch = ("import os, subprocess, sys, time\n"
             f"child = subprocess.Popen([sys.executable, '-c', {worker!r}, str(os.getpid())])\n"
             "print(child.pid, flush=True)\ntime.sleep(120)\n")
    parent = subprocess.Popen([sys.executable, "-c", batch], stdout=subprocess.PIPE, text=True, cwd=REPO)
    child = int(parent.stdout.readline())
    time.sleep(1)
    assert state_of(child) not in ("gone", "Z"), "the worker should live while the batch does"
    parent.kill()
    parent.wait()
    deadline = time.monotonic() + 30
    while state_of(child) not in ("gone", "Z") and time.monotonic() < deadline:
        time.sleep(0.1)
    assert state_of(child) in ("gone", "Z")


def state_of(pid: int) -> str:
    """A process's state letter from /proc (Z: exited, not yet reaped), or "gone"."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return "gone"


def test_resume_and_overwrite_rules(tmp_path, debate, tiny_index, tiny_model_dir):
    with pytest.raises(FactcheckError, match="is a folder"):
        run_batch(config(tmp_path, [debate], tiny_index, tiny_model_dir))
    out = tmp_path / "rows.jsonl"
    out.write_text("old results\n")
    with pytest.raises(FactcheckError, match="--resume to continue"):
        run_batch(config(out, [debate], tiny_index, tiny_model_dir))
    with pytest.raises(FactcheckError, match="no progress file"):
        run_batch(config(out, [debate], tiny_index, tiny_model_dir, resume=True))
    run_batch(config(out, [debate], tiny_index, tiny_model_dir, overwrite=True, chunk_chars=100_000))
    with pytest.raises(FactcheckError, match="started with lang='nb'"):
        run_batch(config(out, [debate], tiny_index, tiny_model_dir, resume=True, lang="en"))
    again = run_batch(config(out, [debate], tiny_index, tiny_model_dir, resume=True))
    assert again.stats.sentences_this_run == 0 and again.stats.resumed_utterances == again.stats.utterances


def test_engines_give_the_same_rows_dask_on_a_local_cluster_of_two(tmp_path, debate, tiny_index, tiny_model_dir, reference):
    result = run_batch(config(tmp_path / "dask.jsonl", [debate], tiny_index, tiny_model_dir, engine="dask", workers=2,
                              chunk_chars=400, fmt="parquet"))
    cluster, shares = result.engine.split("; chunks per worker: ")
    assert cluster == "dask, LocalCluster of 2 workers"
    assert len(shares.split(" + ")) == 2 and all(int(n) > 0 for n in shares.split(" + "))  # both workers checked chunks
    import pandas as pd

    frame = pd.read_parquet(tmp_path / "dask.jsonl")
    pooled = run_batch(config(tmp_path / "pool.jsonl", [debate], tiny_index, tiny_model_dir, workers=2, chunk_chars=400))
    assert pooled.engine == "local, 2 processes"
    pool_rows = rows_of(tmp_path / "pool.jsonl")
    # one torch thread per worker in both: the same numbers; the reference used more threads, so compare sentences only
    assert sentences(pool_rows, verdicts=False) == sentences(reference, verdicts=False)
    assert list(frame["verdict"].fillna("-")) == [r["verdict"] or "-" for r in pool_rows]
    assert list(frame["confidence"].fillna(-1)) == [-1 if r["confidence"] is None else r["confidence"] for r in pool_rows]
    assert list(frame["text"]) == [r["text"] for r in pool_rows]


def test_bad_files_are_listed_and_the_good_ones_checked(tmp_path, tiny_index, tiny_model_dir):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "god.csv").write_text("id,taler,tekst\n1,Kari,HAB ble etablert i Norge i 2022.\n2,Per,Hva skjer nå?\n3,Per\n4,Ola,\n",
                                   encoding="utf-8")
    (folder / "uten.csv").write_text("id,innhold\n1,Hei.\n", encoding="utf-8")
    (folder / "brutt.xml").write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><u who="#a">\n<seg>Hei</u></text></TEI>',
                                      encoding="utf-8")
    out = tmp_path / "rows.jsonl"
    proc = batch_cli(str(folder), str(tmp_path / "finnes-ikke.tsv"), "-o", str(out), "--index", str(tiny_index),
                     "--model", str(tiny_model_dir), "-w", "1", "--lang", "en")
    stdout, stderr = proc.communicate(timeout=300)
    err = stderr.decode()
    assert proc.returncode == 1
    assert f"{folder / 'brutt.xml'}:2: broken XML" in err
    assert f"{folder / 'uten.csv'}:1: no text column" in err
    assert f"{folder / 'god.csv'}:4: no 'tekst' field" in err
    assert "finnes-ikke.tsv: file not found" in err
    assert "Traceback" not in err
    rows = rows_of(out)
    assert [(r["utterance_id"], r["checkworthy"]) for r in rows] == [("1", True), ("2", False)]
    text = stdout.decode()
    assert "Files read: 4; files that could not be read: 3" in text
    assert "Rows/utterances read: 4; rows rejected (malformed): 1; utterances without text: 1" in text

    nothing = batch_cli(str(folder / "uten.csv"), "-o", str(tmp_path / "x.jsonl"), "--index", str(tiny_index))
    _, stderr = nothing.communicate(timeout=120)
    assert nothing.returncode == 1 and stderr.decode().strip().endswith("listed above)")
    assert not (tmp_path / "x.jsonl").exists()


def test_chair_lines_are_skipped_as_procedural_and_left_out_of_the_speaker_counts(tmp_path, tiny_index, tiny_model_dir):
    debate = REPO / "tests" / "data" / "debatt_med_president.txt"  # six 'Presidenten:' turns, two speakers
    result = run_batch(config(tmp_path / "d.jsonl", [debate], tiny_index, tiny_model_dir))
    rows = rows_of(tmp_path / "d.jsonl")
    chair = [r for r in rows if r["speaker"] == "Presidenten"]
    assert len(chair) == 7 and all(r["role"] == "chair" and r["reason_code"] == "procedural" for r in chair)
    assert not any(r["checkworthy"] for r in chair)
    assert {s for s, _ in result.tally.by_speaker} == {"Kari Hansen", "Ola Berg"}
    assert "" not in result.tally.by_party and result.tally.total.sentences == len(rows) == 11
    again = run_batch(config(tmp_path / "e.jsonl", [debate], tiny_index, tiny_model_dir, chairs=("Kari Hansen",)))
    assert {s for s, _ in again.tally.by_speaker} == {"Ola Berg"}


def test_kill_nine_keeps_the_review_record_of_a_finished_transcript(tmp_path, debate, tiny_index, tiny_model_dir, reference):
    """Issue 15.1: a transcript finished before kill -9 is in the review store, and --resume adds the rest once."""
    from factcheck.review.store import ReviewStore

    second = tmp_path / "debatt2.tsv"
    second.write_bytes(debate.read_bytes())
    out, db = tmp_path / "rows.jsonl", tmp_path / "review.db"
    env = {**os.environ, "FACTCHECK_SPACY_MODEL": "blank"}
    proc = subprocess.run([sys.executable, str(REPO / "benchmarks" / "kill_batch.py"), "debatt2", "300", str(out), str(db),
                           str(tiny_index), str(tiny_model_dir), str(debate), str(second)],
                          env=env, cwd=REPO, capture_output=True, timeout=300)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.decode()
    checked = [r for r in reference if r["checkworthy"]]
    with ReviewStore(db) as store:
        recorded = store.claims(flagged_only=False)
    assert [(c.document.split("/")[0], c.text) for c in recorded] == [("debatt", r["text"]) for r in checked]
    resumed = run_batch(config(out, [debate, second], tiny_index, tiny_model_dir, chunk_chars=300, review_db=db, resume=True))
    assert "1 transkripsjon(er)" in resumed.review_note
    with ReviewStore(db) as store:
        documents = [c.document.split("/")[0] for c in store.claims(flagged_only=False)]
    assert documents == ["debatt"] * len(checked) + ["debatt2"] * len(checked)


def test_resume_records_transcripts_whose_rows_were_all_committed_before_the_kill(tmp_path, debate, tiny_index,
                                                                                 tiny_model_dir, reference):
    """Issue 15.1: the kill came after the last row was written; --resume must still record the claims."""
    from factcheck.review.store import ReviewStore

    out, db = tmp_path / "rows.jsonl", tmp_path / "review.db"
    run_batch(config(out, [debate], tiny_index, tiny_model_dir))  # every row committed, nothing recorded
    resumed = run_batch(config(out, [debate], tiny_index, tiny_model_dir, review_db=db, resume=True))
    checked = [r for r in reference if r["checkworthy"]]
    assert resumed.stats.sentences_this_run == 0
    assert f"1 transkripsjon(er), {len(checked)} påstander" in resumed.review_note
    again = run_batch(config(out, [debate], tiny_index, tiny_model_dir, review_db=db, resume=True))
    assert "ingenting lagt inn" in again.review_note
    with ReviewStore(db) as store:
        assert len(store.claims(flagged_only=False)) == len(checked)


def test_a_signal_the_os_hands_to_another_thread_still_waits_for_the_commit():
    """A per-thread signal mask does not hold a kill the OS delivers to another thread (the model's
    worker threads): Python then raises in the main thread mid-commit, rows written but not vouched for."""
    import threading

    from factcheck.transcripts.journal import _signals_held

    go, sent = threading.Event(), threading.Event()

    def other_thread():  # started before the block, so it does not share the main thread's mask
        go.wait(10)
        os.kill(os.getpid(), signal.SIGINT)
        sent.set()

    helper = threading.Thread(target=other_thread)
    helper.start()
    finished = False
    with pytest.raises(KeyboardInterrupt):
        with _signals_held():
            go.set()
            sent.wait(10)
            time.sleep(0.05)  # the interpreter checks for signals here
            finished = True
    helper.join()
    assert finished  # the interrupt came after the block, not inside it
