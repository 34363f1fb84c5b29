"""Run `factcheck batch` in process and kill -9 it the moment a given transcript's first row is written:
what survives a kill between two transcripts (the review store, the progress file) for the replays in
reliability_replay.py and for tests/test_batch.py.

    python benchmarks/kill_batch.py TRANSCRIPT_ID CHUNK_CHARS OUT REVIEW_DB INDEX MODEL INPUT...
"""
import json
import os
import signal
import sys
from pathlib import Path

from factcheck.transcripts.runner import BatchConfig, run_batch


class KillNine:
    """A progress display that kills its own process once `transcript_id` has a row in `out`."""

    def __init__(self, out: Path, transcript_id: str):
        self.out, self.transcript_id = out, transcript_id

    def start(self, total, engine): ...

    def stop(self): ...

    def advance(self, utterances, sentences):
        rows = [json.loads(line) for line in self.out.read_text(encoding="utf-8").splitlines()]
        if any(r["transcript_id"] == self.transcript_id for r in rows):
            os.kill(os.getpid(), signal.SIGKILL)


def main(argv: list[str]) -> None:
    transcript_id, chunk_chars, out, db, index, model, *inputs = argv
    run_batch(BatchConfig(inputs=[Path(p) for p in inputs], out=Path(out), index_dir=index, model=model, workers=1,
                          chunk_chars=int(chunk_chars), review_db=Path(db)), KillNine(Path(out), transcript_id))


if __name__ == "__main__":
    main(sys.argv[1:])
