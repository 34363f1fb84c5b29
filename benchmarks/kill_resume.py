"""Kill `factcheck batch` in the middle (SIGKILL, no chance to clean up), then `--resume`; count the rows.

Run:  .venv/bin/python benchmarks/kill_resume.py [--utterances 500 | --transcript FILE] [--kill-after 60]
                                                 [--reference ROWS.jsonl] [--json OUT.json]

Prints the rows on disk after the kill and after the resume, the duplicates (none
expected), and, with --reference (the rows of an uninterrupted run of the same
transcript), whether the resumed output has exactly the same sentences and verdicts.
"""

from __future__ import annotations

import argparse
import json
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent


def rows_of(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def key(row: dict) -> tuple:
    return row["transcript_id"], row["utterance_id"], row["sentence_index"]


def state_of(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return "gone"


def children_of(pid: int) -> list[int]:
    """The worker processes of `pid` (Linux /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(stat.parent.name))
        except (FileNotFoundError, ValueError, IndexError):
            pass
    return found


def lingering(pids: list[int], wait: float = 30.0) -> int:
    """How many of `pids` are still alive after up to `wait` seconds."""
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline and any(state_of(p) not in ("gone", "Z") for p in pids):
        time.sleep(0.2)
    return sum(state_of(p) not in ("gone", "Z") for p in pids)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--utterances", type=int, default=500)
    parser.add_argument("--transcript", type=Path)
    parser.add_argument("--kill-after", type=float, default=60.0, help="seconds after the first committed chunk")
    parser.add_argument("--reference", type=Path, help="rows of an uninterrupted run of the same transcript")
    parser.add_argument("--json", type=Path, help="also write the figures here (e.g. benchmarks/results/batch_kill_resume.json)")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="kill-resume-"))
    transcript = args.transcript or work / "debatt.csv"
    if args.transcript is None:
        subprocess.run([sys.executable, str(HERE / "make_transcript.py"), "--utterances", str(args.utterances),
                        "--out", str(transcript)], check=True, capture_output=True)
    out = work / "rows.jsonl"
    command = [sys.executable, "-m", "factcheck", "batch", str(transcript), "-o", str(out), "-q"]

    run = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    state = work / ".rows.jsonl.progress.json"
    while not (state.exists() and json.loads(state.read_text())["committed_bytes"] > 0):
        if run.poll() is not None:
            sys.exit("the run ended before its first chunk was committed")
        time.sleep(0.2)
    time.sleep(args.kill_after)
    if run.poll() is not None:
        sys.exit("the run finished before the kill; use a longer transcript or a shorter --kill-after")
    workers = children_of(run.pid)
    run.send_signal(signal.SIGKILL)
    run.wait()
    left = lingering(workers)
    on_disk = out.read_bytes()
    committed = json.loads(state.read_text())["committed_bytes"]
    lines, committed_lines = on_disk.count(b"\n"), on_disk[:committed].count(b"\n")
    print(f"killed (SIGKILL) after {args.kill_after:.0f} s of checking: {lines} rows on disk, {committed_lines} "
          f"committed, {len(on_disk) - committed} bytes of a chunk in flight; {left} of {len(workers)} worker "
          "processes still running (waited up to 30 s)")

    start = time.perf_counter()
    subprocess.run(command + ["--resume"], check=True, stdout=subprocess.DEVNULL)
    resume_s = time.perf_counter() - start
    rows = rows_of(out)
    duplicates = sum(n - 1 for n in Counter(map(key, rows)).values() if n > 1)
    print(f"after --resume ({resume_s:.0f} s): {len(rows)} rows, {duplicates} duplicates, "
          f"{len({r['utterance_id'] for r in rows})} utterances")
    figures = {"transcript": transcript.name, "kill": "SIGKILL", "kill_after_s": args.kill_after,
               "rows_on_disk_after_kill": lines, "rows_committed_after_kill": committed_lines,
               "bytes_of_chunk_in_flight": len(on_disk) - committed, "worker_processes_at_kill": len(workers),
               "workers_left_after_kill": left, "rows_after_resume": len(rows),
               "duplicates": duplicates, "utterances_after_resume": len({(r["transcript_id"], r["utterance_id"]) for r in rows}),
               "resume_s": round(resume_s, 1)}
    if args.reference:
        transcripts = {r["transcript_id"] for r in rows}
        reference = [r for r in rows_of(args.reference) if r["transcript_id"] in transcripts]
        same = [(key(r), r["text"], r["verdict"]) for r in rows] == [(key(r), r["text"], r["verdict"]) for r in reference]
        print(f"uninterrupted run: {len(reference)} rows; same sentences and verdicts in the same order: {same}")
        figures.update(reference_rows=len(reference), same_as_reference=same)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
