"""The batch run: read the transcripts, check chunks of utterances on an engine, commit rows in order.

    from factcheck.transcripts.runner import BatchConfig, run_batch
    result = run_batch(BatchConfig(inputs=[Path("debatt.csv")], out=Path("debatt.jsonl")))
    result.tally.by_party["H"].contradicted

Rows are committed in input order whatever order the workers finish in, so the
output is the same on every engine and a resumed run continues where the last one
stopped. Ctrl-C (or SIGTERM) stops at a chunk boundary and still writes the summary.
"""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import FactcheckError
from .journal import Journal, write_table
from .readers import read_all
from .records import Columns, Problem, Utterance, mark_chairs
from .report import write_report
from .summary import RunStats, Tally, write_summary_csv
from .work import CheckerSettings, check_chunk, worker_threads

FORMATS = ("jsonl", "csv", "parquet")


@dataclass
class BatchConfig:
    inputs: list[Path]
    out: Path
    fmt: str = "jsonl"
    columns: Columns = field(default_factory=Columns)
    index_dir: str | None = None
    model: str | None = None
    top_k: int = 3
    lang: str = "nb"
    engine: str = "local"
    workers: int = 1
    scheduler: str | None = None  # a Dask scheduler address: run on its workers instead of a LocalCluster
    resume: bool = False
    overwrite: bool = False
    chunk_chars: int = 6000  # text per chunk: big enough for full embedding batches, small enough to lose little on a kill
    chunk_utterances: int = 100
    summary_path: Path | None = None
    report_path: Path | None = None
    review_db: Path | None = None  # record each transcript's claims in this review store when it is finished
    checkworthy_threshold: float | None = None  # None: the check-worthiness model's own cut
    chairs: tuple[str, ...] = ()  # speakers whose lines are the chair's (procedural), besides what the input says

    def __post_init__(self):
        if self.fmt not in FORMATS:
            raise FactcheckError(f"unknown format {self.fmt!r}; choose one of {', '.join(FORMATS)}")
        if self.lang not in ("nb", "en"):
            raise FactcheckError("--lang must be nb or en")
        stem = self.out.name.rsplit(".", 1)[0] if "." in self.out.name else self.out.name
        self.summary_path = self.summary_path or self.out.with_name(f"{stem}.summary.csv")
        self.report_path = self.report_path or self.out.with_name(f"{stem}.flagged.md")

    def settings(self) -> CheckerSettings:
        local_workers = self.engine == "local" or not self.scheduler
        threads = worker_threads(self.workers) if self.workers > 1 and local_workers else None
        return CheckerSettings(str(self.index_dir) if self.index_dir else None, self.model, self.top_k, self.lang, threads,
                               self.checkworthy_threshold)


@dataclass
class BatchResult:
    tally: Tally
    stats: RunStats
    outputs: list[Path]
    engine: str = ""
    startup_seconds: float = 0.0
    review_note: str = ""  # what went into the review store (--review-db)


class NothingToCheck(FactcheckError):
    """No input file could be read; `problems` says why."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"no transcript could be read ({len(problems)} problem(s) listed above)")
        self.problems = problems


class Silent:
    """The progress interface the runner reports to; this one shows nothing."""

    def start(self, total: int, engine: str) -> None: ...
    def advance(self, utterances: int, sentences: int) -> None: ...
    def stop(self) -> None: ...


def make_chunks(utterances: list[Utterance], max_chars: int, max_count: int) -> list[list[Utterance]]:
    """Consecutive utterances, cut when a chunk would pass either limit (a long speech gets its own)."""
    chunks, current, size = [], [], 0
    for u in utterances:
        if current and (size + len(u.text) > max_chars or len(current) >= max_count):
            chunks.append(current)
            current, size = [], 0
        current.append(u)
        size += len(u.text)
    if current:
        chunks.append(current)
    return chunks


def _ensure_index(config: BatchConfig) -> None:
    """Build the default index here, once, before several workers could each try to."""
    from .. import config as paths

    if config.index_dir is None and not (paths.default_index_dir() / "manifest.json").exists():
        from ..api import FactChecker

        FactChecker.load(None, config.model)
    elif config.index_dir is not None:
        from ..index.store import PassageIndex

        PassageIndex.load(Path(config.index_dir))  # a missing or damaged index fails here, with its message


def run_batch(config: BatchConfig, progress=None) -> BatchResult:
    progress = progress or Silent()
    began = time.perf_counter()
    outputs = [config.out, config.summary_path, config.report_path]
    transcripts, problems = read_all(config.inputs, config.columns, exclude=set(outputs))
    stats = RunStats(problems=problems + [p for t in transcripts for p in t.problems])
    stats.count_problems()
    stats.files = len(transcripts) + sum(1 for p in problems if p.kind == "file")  # missing paths count as failed files
    utterances = [u for t in transcripts for u in t.utterances]
    mark_chairs(utterances, config.chairs)
    stats.rows_read = sum(t.rows_read for t in transcripts)
    stats.utterances = len(utterances)
    if not utterances and stats.files_failed:
        raise NothingToCheck(stats.problems)

    if config.review_db:
        from .review_db import open_check

        open_check(config.review_db)  # before the journal creates --out: a bad path leaves nothing behind
    tally = Tally()
    settings = config.settings()
    journal = Journal(config.out, config.fmt, {**settings.__dict__, "format": config.fmt,
                                               "chairs": sorted(config.chairs) or None},
                      resume=config.resume, overwrite=config.overwrite)
    for row in journal.existing:
        tally.add(row)
    stats.resumed_utterances = sum(1 for u in utterances if u.key in tally.done)
    with_text = [u for u in utterances if u.text.strip()]
    recorder = _review_recorder(config, journal, transcripts, with_text, settings) if config.review_db else None
    stats.empty_utterances = len(utterances) - len(with_text)
    pending = [u for u in with_text if u.key not in tally.done]
    chunks = make_chunks(pending, config.chunk_chars, config.chunk_utterances)

    engine, startup, clock = None, 0.0, None
    try:
        if chunks:
            if config.workers > 1 or config.engine == "dask":
                _ensure_index(config)
            from .engines import make_engine

            engine = make_engine(config.engine, config.workers, settings, config.scheduler)
        startup = time.perf_counter() - began
        progress.start(len(pending), engine.name if engine else "")
        clock = time.perf_counter()
        if engine is not None:
            _run_chunks(engine, chunks, settings, journal, tally, stats, progress, recorder)
    except KeyboardInterrupt:
        stats.interrupted = True
    finally:
        stats.seconds = time.perf_counter() - clock if clock else 0.0
        progress.stop()
        if engine is not None:
            engine.close()
        journal.close()
        if recorder is not None:
            recorder.close()
        _finish(config, journal, tally)
    note = recorder.note() if recorder is not None else ""
    return BatchResult(tally, stats, [p for p in (config.out, config.summary_path, config.report_path) if p.exists()],
                       engine.name if engine else "", startup, note)


def _run_chunks(engine, chunks, settings, journal: Journal, tally: Tally, stats: RunStats, progress, recorder=None) -> None:
    """Keep `engine.window` chunks in flight; commit each result in input order."""
    queue = iter(chunks)
    in_flight: deque = deque()

    def fill() -> None:
        while len(in_flight) < engine.window:
            chunk = next(queue, None)
            if chunk is None:
                return
            in_flight.append((chunk, engine.submit(check_chunk, chunk, settings)))

    fill()
    while in_flight:
        chunk, future = in_flight.popleft()
        rows = future.result()
        journal.commit(rows, then=recorder.add if recorder is not None else None)
        for row in rows:
            tally.add(row)
        stats.sentences_this_run += len(rows)
        progress.advance(len(chunk), len(rows))
        fill()


def _review_recorder(config: BatchConfig, journal: Journal, transcripts, with_text, settings):
    """The review store's recorder, opened before any checking (a bad path fails now, not after hours),
    fed the rows a --resume restored; it records at once what a kill left unrecorded."""
    from .review_db import ReviewRecorder

    sources = {t.transcript_id: t.source for t in transcripts}
    recorded = {**settings.__dict__, "engine": config.engine, "out": str(config.out)}
    recorder = ReviewRecorder(config.review_db, journal.batch_id, with_text, sources, config.lang, recorded)
    try:
        recorder.add(journal.existing)
        recorder.record_finished()
    except BaseException:
        recorder.close()
        raise
    return recorder


def _finish(config: BatchConfig, journal: Journal, tally: Tally) -> None:
    """Write the table format, the summary CSV and the flagged report from what is committed."""
    if config.fmt != "jsonl":
        write_table(journal.committed_rows(), config.out, config.fmt)
    write_summary_csv(tally, config.summary_path)
    write_report(tally.flagged, config.report_path, config.lang)
