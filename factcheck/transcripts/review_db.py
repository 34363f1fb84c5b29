"""`factcheck batch --review-db`: put each checked transcript's claims in the review store.

One review run per transcript (kind "batch", the speaker on every claim), recorded
right after the chunk that finishes the transcript is committed, so that an interrupted
run followed by --resume records it exactly once. The claims are rebuilt from the committed
rows (rows restored by --resume included); their reason is in the run's --lang.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from ..results import CheckResult, ClaimResult, Evidence
from .labels import word


def claim_from_row(row: dict, lang: str) -> ClaimResult:
    """The ClaimResult a checked row was made from (reason and finding messages in `lang` only)."""
    evidence = [
        Evidence(doc_id=e["doc_id"], title=e["title"], source=e["source"], text=e["text"], start=e["start"],
                 end=e["end"], score=e["score"], stance=e["stance"], passage_id=e.get("passage_id", ""),
                 paragraph=e.get("paragraph", 0), lexical=e.get("lexical_score", 0.0), quote=e.get("quote", False),
                 findings=[{**f, "message": {"nb": f["message"], lang: f["message"]}} for f in e.get("findings", [])],
                 page=e.get("page"), file=e.get("file", ""))
        for e in row.get("evidence") or []
    ]
    return ClaimResult(row["text"], row["start"], row["end"], row["verdict"], row["confidence"],
                       {"nb": row["reason"], lang: row["reason"]}, evidence)


def open_check(db: Path) -> None:
    """Open (and create) the store before the run, so a bad path fails now, not after hours of checking."""
    from ..review.store import ReviewStore

    ReviewStore(db).close()


class ReviewRecorder:
    """Records each transcript in the review store as soon as its last row is committed.

    Fed the rows of every committed chunk (and, first, the rows a --resume restored).
    Each transcript's review run carries the key (batch id, transcript id) in the same
    transaction, so a transcript is recorded once however often the run is resumed, and
    one that was finished just before a kill -9 is recorded by the next --resume.
    """

    def __init__(self, db: Path, batch_id: str, utterances: list, sources: dict[str, str], lang: str, settings: dict):
        from ..review.store import ReviewStore

        self.db, self.batch_id, self.sources, self.lang, self.settings = db, batch_id, sources, lang, settings
        self.waiting: dict[str, set[str]] = defaultdict(set)  # utterances with text not yet committed
        for u in utterances:
            self.waiting[u.transcript_id].add(u.utterance_id)
        self.claims: dict[str, list[dict]] = defaultdict(list)
        self.store = ReviewStore(db)
        self.recorded = self.store.batch_transcripts(batch_id)
        self.runs = self.claim_count = self.flagged = 0

    def add(self, rows: list[dict]) -> None:
        """Take one committed chunk's rows; record the transcripts it finishes."""
        touched: dict[str, None] = {}
        for row in rows:
            tid = row["transcript_id"]
            if row.get("checkworthy"):
                self.claims[tid].append(row)
            if tid in self.waiting:
                self.waiting[tid].discard(row["utterance_id"])
                touched[tid] = None
        for tid in touched:
            if not self.waiting[tid] and tid not in self.recorded:
                self._record(tid)

    def record_finished(self) -> None:
        """Record every finished transcript not recorded yet (what a kill -9 left out)."""
        for tid, left in sorted(self.waiting.items()):
            if not left and tid not in self.recorded:
                self._record(tid)

    def _record(self, tid: str) -> None:
        found = self.claims.get(tid, [])
        run = self.store.record_run(CheckResult([claim_from_row(r, self.lang) for r in found], []),
                                    source=self.sources.get(tid, tid), kind="batch", settings=self.settings,
                                    speakers=[r.get("speaker") or None for r in found],
                                    documents=[f"{tid}/{r['utterance_id']}" for r in found],
                                    batch_key=(self.batch_id, tid))
        self.recorded.add(tid)
        self.claims.pop(tid, None)
        self.runs, self.claim_count, self.flagged = self.runs + 1, self.claim_count + run.claims, self.flagged + run.flagged

    def note(self) -> str:
        """The line the CLI prints: what this run put in the review store."""
        if not self.runs:
            return word("review_nothing", self.lang).format(db=self.db)
        return word("review_recorded", self.lang).format(db=self.db, runs=self.runs, claims=self.claim_count,
                                                         flagged=self.flagged)

    def close(self) -> None:
        self.store.close()
