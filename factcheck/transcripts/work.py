"""The unit of work every engine runs: check one chunk of utterances, return one row per sentence.

It runs in the main process, in a local worker process or on a Dask worker; each
process loads the checker (model, index, spaCy) once and keeps it for all its chunks.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass

from .records import Utterance

IDENTITY_KEYS = ("transcript_id", "utterance_id", "row_id", "speaker", "party", "timestamp", "lang", "source", "line",
                 "role")
SENTENCE_KEYS = ("sentence_index", "text", "start", "end", "checkworthy", "verdict", "confidence", "reason",
                 "reason_code", "flags", "evidence")


@dataclass(frozen=True)
class CheckerSettings:
    """What a worker needs to build the same checker as every other worker."""

    index_dir: str | None = None
    model: str | None = None
    top_k: int = 3
    lang: str = "nb"
    threads: int | None = None  # embedding threads per worker process; None keeps the encoder's default
    checkworthy_threshold: float | None = None  # None: the check-worthiness model's own cut


_checkers: dict[CheckerSettings, object] = {}
_lock = threading.Lock()


def checker_for(settings: CheckerSettings):
    """The process's FactChecker for these settings, loaded on first use."""
    with _lock:
        if settings not in _checkers:
            from ..api import FactChecker

            if settings.threads:  # a worker process's share of the cores, read by every embedding backend
                os.environ.setdefault("FACTCHECK_THREADS", str(settings.threads))
            _checkers[settings] = FactChecker.load(settings.index_dir, settings.model, top_k=settings.top_k)
        return _checkers[settings]


def warm(settings: CheckerSettings) -> None:
    """Load the checker now (engines call it once per worker before the clock starts)."""
    checker_for(settings)


def exit_with_parent(parent: int, every: float = 1.0) -> None:
    """Leave when `parent` is gone: a batch killed with SIGKILL cannot shut its pool down, and its
    workers would otherwise linger, each holding a model in memory."""
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(every)
        os._exit(0)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def warm_quietly(settings: CheckerSettings, parent: int | None = None) -> None:
    """Process-pool initializer: a failure here resurfaces, with its message, from the first chunk."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    if parent is not None:
        exit_with_parent(parent)
    try:
        checker_for(settings)
    except Exception:  # noqa: BLE001
        pass


def sentence_rows(utterance: Utterance, items: list, lang: str) -> list[dict]:
    """Rows for one utterance: who said it, where, and the claim fields of the JSON contract.

    `flags` says why a claim deserves an editor's look, by the review workflow's rule.
    """
    from ..review.flags import flags_for

    identity = {k: getattr(utterance, k) for k in IDENTITY_KEYS}
    rows = []
    for index, item in enumerate(items):
        fields = item.to_dict(lang)
        row = {**identity, "sentence_index": index}
        row.update({k: fields.get(k, [] if k in ("evidence", "flags") else None) for k in SENTENCE_KEYS[1:]})
        if item.checkworthy:
            row["flags"] = flags_for(item)
        row.update({k: v for k, v in fields.items() if k not in row})  # fields added to the contract later
        rows.append(row)
    return rows


def _in_text_order(sentences: list, result) -> list:
    """Claims and skipped sentences back in input order (check_sentences returns them apart, each in order)."""
    claims, skipped = list(reversed(result.claims)), list(reversed(result.skipped))
    ordered = []
    for s in sentences:
        source = claims if claims and (claims[-1].text, claims[-1].start, claims[-1].end) == (s.text, s.start, s.end) else skipped
        item = source.pop() if source else None
        if item is None or (item.text, item.start, item.end) != (s.text, s.start, s.end):
            raise RuntimeError("check_sentences did not return one result per sentence, in order")
        ordered.append(item)
    return ordered


def check_chunk(utterances: list[Utterance], settings: CheckerSettings) -> list[dict]:
    """Split the utterances into sentences and check them all in one call (one embedding batch)."""
    from ..text.sentences import split_many

    checker = checker_for(settings)
    per_utterance = split_many([u.text for u in utterances], checker.nlp)
    flat = [s for sentences in per_utterance for s in sentences]
    roles = [u.role for u, sentences in zip(utterances, per_utterance) for _ in sentences]
    result = checker.check_sentences(flat, roles=roles, checkworthy_threshold=settings.checkworthy_threshold)
    items = iter(_in_text_order(flat, result))
    rows = []
    for utterance, sentences in zip(utterances, per_utterance):
        rows.extend(sentence_rows(utterance, [next(items) for _ in sentences], settings.lang))
    return rows


def worker_threads(workers: int) -> int:
    """Split this machine's cores between the worker processes."""
    return max(1, (os.cpu_count() or 1) // max(1, workers))
