"""Rows on disk as they are checked, committed chunk by chunk, so a kill loses only the chunk in flight.

The rows go to a JSON Lines file (the output itself for --format jsonl, a hidden
`.NAME.rows.jsonl` beside it for csv and parquet). After each chunk the rows are
appended and fsynced, then a small progress file records the committed length,
replaced atomically. `--resume` cuts the rows file back to that length (dropping
a half-written chunk), so nothing is redone and nothing is written twice.
"""

from __future__ import annotations

import json
import os
import signal
import threading
import uuid
from contextlib import contextmanager
from pathlib import Path

from ..errors import FactcheckError
from ..report.labels import cited_place

STATE_VERSION = 1
# options that change the rows: a run must be resumed with the same ones
SETTINGS_THAT_MATTER = ("index_dir", "model", "top_k", "lang", "format", "checkworthy_threshold", "chairs")


def rows_path(out: Path, fmt: str) -> Path:
    return out if fmt == "jsonl" else out.with_name(f".{out.name}.rows.jsonl")


def state_path(out: Path) -> Path:
    return out.with_name(f".{out.name}.progress.json")


def _write_atomically(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


@contextmanager
def _signals_held():
    """Hold Ctrl-C and SIGTERM until the block is done, so a commit is never half made.

    Python runs signal handlers in the main thread whichever thread the OS hands the signal to, so a
    handler of our own records it and the previous handler gets it after the block. (A per-thread mask
    does not hold a kill the OS delivers to one of the model's worker threads: Python then raised in
    the middle of the commit, leaving rows written that the progress file did not vouch for.)"""
    if threading.current_thread() is not threading.main_thread():
        yield  # handlers can only be set, and only run, in the main thread
        return
    caught: list[tuple[int, object]] = []
    previous = {s: signal.signal(s, lambda number, frame: caught.append((number, frame)))
                for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        if caught:
            number, frame = caught[0]
            handler = previous[number]
            if callable(handler):
                handler(number, frame)  # default_int_handler raises KeyboardInterrupt here, after the commit
            elif handler == signal.SIG_DFL:
                signal.raise_signal(number)


class Journal:
    """Append-only rows with an atomic commit marker."""

    def __init__(self, out: Path, fmt: str, settings: dict, resume: bool = False, overwrite: bool = False):
        self.out, self.fmt = out, fmt
        if out.is_dir():
            raise FactcheckError(f"--out {out} is a folder; give a file name such as {out / 'rader.jsonl'}")
        out.parent.mkdir(parents=True, exist_ok=True)
        self.path, self.state_path = rows_path(out, fmt), state_path(out)
        self.settings = {k: settings.get(k) for k in SETTINGS_THAT_MATTER}
        self.existing: list[dict] = []
        state = self._read_state() if resume else None
        if state is None:
            if not overwrite and not resume and (out.exists() or self.path.exists()):
                raise FactcheckError(f"{out} exists: add --resume to continue that run, or --overwrite to start again")
            self.committed = 0
            self.batch_id = uuid.uuid4().hex
            open(self.path, "wb").close()
            self._save_state()
        else:
            self.committed = state["committed_bytes"]
            self.batch_id = state.get("batch_id") or uuid.uuid4().hex  # progress files before batch ids had none
            self.existing = self._recover()
        self.fh = open(self.path, "ab")

    def _read_state(self) -> dict | None:
        if not self.state_path.exists():
            if self.path.exists() and self.path.stat().st_size:
                raise FactcheckError(f"cannot resume {self.out}: it has no progress file ({self.state_path.name}); "
                                     "start again with --overwrite")
            return None  # nothing was started: a fresh run
        try:
            state = json.loads(self.state_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise FactcheckError(f"cannot resume {self.out}: damaged progress file {self.state_path} ({exc})") from exc
        if state.get("version") != STATE_VERSION:
            raise FactcheckError(f"cannot resume {self.out}: progress file of another version; start again with --overwrite")
        before = state.get("settings", {})
        changed = [k for k in SETTINGS_THAT_MATTER if before.get(k) != self.settings.get(k)]
        if changed:
            was = ", ".join(f"{k}={before.get(k)!r}" for k in changed)
            raise FactcheckError(f"cannot resume {self.out}: it was started with {was}; resume with the same options")
        if not self.path.exists() or self.path.stat().st_size < state["committed_bytes"]:
            raise FactcheckError(f"cannot resume {self.out}: {self.path.name} is shorter than its progress file says")
        return state

    def _recover(self) -> list[dict]:
        """Cut off any half-written chunk and return the committed rows."""
        with open(self.path, "r+b") as fh:
            fh.truncate(self.committed)
        return self.committed_rows()

    def _save_state(self) -> None:
        state = {"version": STATE_VERSION, "rows_file": self.path.name, "committed_bytes": self.committed,
                 "settings": self.settings, "batch_id": self.batch_id}
        _write_atomically(self.state_path, json.dumps(state, ensure_ascii=False).encode("utf-8"))

    def commit(self, rows: list[dict], then=None) -> None:
        """Append one chunk's rows; after this returns they survive a kill.

        `then(rows)` runs in the same signal-proof step, right after the rows are durable
        (the review store's record of finished transcripts).
        """
        if not rows:
            return
        data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode("utf-8")
        with _signals_held():
            self.fh.write(data)
            self.fh.flush()
            os.fsync(self.fh.fileno())
            self.committed += len(data)
            self._save_state()
            if then is not None:
                then(rows)

    def close(self) -> None:
        self.fh.truncate(self.committed)  # a chunk interrupted while being written is not left half there
        self.fh.close()

    def committed_rows(self) -> list[dict]:
        """The rows of every committed chunk (not a chunk whose writing was interrupted)."""
        with open(self.path, "rb") as fh:
            data = fh.read(self.committed)
        return [json.loads(line) for line in data.decode("utf-8").splitlines() if line.strip()]


def flat_row(row: dict) -> dict:
    """A row for CSV and Parquet: scalar columns, the top citation spelled out, all evidence as JSON."""
    flat = {k: v for k, v in row.items() if k not in ("evidence", "attribution")}
    flat["flags"] = ",".join(row.get("flags") or [])
    attribution = row.get("attribution") or {}
    flat["attribution_who"] = attribution.get("who")  # "X mener at ...": whose statement was checked
    evidence = row.get("evidence") or []
    top = evidence[0] if evidence else {}
    flat["citations"] = " | ".join(f"{cited_place(e)} ({e['stance']}, {e['score']:.2f})" for e in evidence)
    for key in ("doc_id", "title", "text", "start", "end", "score", "stance", "page"):
        flat[f"evidence_{key}"] = top.get(key)
    flat["evidence_json"] = json.dumps(evidence, ensure_ascii=False) if evidence else ""
    return flat


def write_table(rows: list[dict], out: Path, fmt: str) -> None:
    """Write the rows as CSV or Parquet, replacing `out` atomically."""
    import pandas as pd

    from .work import IDENTITY_KEYS, SENTENCE_KEYS

    flat = [flat_row(r) for r in rows]
    columns = list(dict.fromkeys(k for f in flat for k in f)) if flat else [*IDENTITY_KEYS, *SENTENCE_KEYS[:-1], "citations"]
    frame = pd.DataFrame(flat, columns=columns)
    for column in ("line", "sentence_index", "start", "end", "evidence_start", "evidence_end"):
        if column in frame:
            frame[column] = frame[column].astype("Int64")
    tmp = out.with_name(f".{out.name}.tmp")
    if fmt == "csv":
        from ..csvsafe import safe_frame

        safe_frame(frame).to_csv(tmp, index=False)
    elif fmt == "parquet":
        for column in ("row_id", "timestamp", "lang", "reason_code", "verdict"):
            if column in frame:
                frame[column] = frame[column].astype("string")
        frame.to_parquet(tmp, index=False)
    else:
        raise ValueError(fmt)
    os.replace(tmp, out)
