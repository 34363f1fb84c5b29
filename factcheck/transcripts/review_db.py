"""`factcheck batch --review-db`: put each checked transcript's claims in the review store.

One review run per transcript (kind "batch", the speaker on every claim), recorded
when the batch run that finishes the transcript ends, so that an interrupted run
followed by --resume records it once. The claims are rebuilt from the committed
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


def record_transcripts(db: Path, rows: list[dict], transcript_ids: set[str], sources: dict[str, str],
                       lang: str, settings: dict) -> str:
    """Record the checked claims of `transcript_ids`; returns the line the CLI prints."""
    from ..review.store import ReviewStore

    claims_of: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        if row["transcript_id"] in transcript_ids and row.get("checkworthy"):
            claims_of[row["transcript_id"]].append(row)
    runs = claims = flagged = 0
    with ReviewStore(db) as store:
        for tid in sorted(transcript_ids):
            found = claims_of.get(tid, [])
            run = store.record_run(CheckResult([claim_from_row(r, lang) for r in found], []),
                                   source=sources.get(tid, tid), kind="batch", settings=settings,
                                   speakers=[r.get("speaker") or None for r in found],
                                   documents=[f"{tid}/{r['utterance_id']}" for r in found])
            runs, claims, flagged = runs + 1, claims + run.claims, flagged + run.flagged
    return word("review_recorded", lang).format(db=db, runs=runs, claims=claims, flagged=flagged)
