"""A recorded check of a real article (the e5 model's output, frozen) and ways to put it in a review store.

tests/data/review_run.json holds a `factcheck check` result of seven claims
made with the default model: supported, contradicted with a number mismatch,
a low-confidence contradiction, not-enough-info. Tests of the review workflow
need realistic claims and evidence but not the model.
"""

from __future__ import annotations

import json
from pathlib import Path

from factcheck.results import CheckResult, ClaimResult, Evidence, Skipped

RUN_FILE = Path(__file__).parent / "data" / "review_run.json"


def sample_run() -> tuple[CheckResult, str]:
    data = json.loads(RUN_FILE.read_text(encoding="utf-8"))
    claims = [ClaimResult(**{**c, "evidence": [Evidence(**e) for e in c["evidence"]]}) for c in data["claims"]]
    return CheckResult(claims, [Skipped(**s) for s in data["skipped"]]), data["text"]


def filled_store(path: Path, speakers: list[str] | None = None, source: str = "innlegg.txt"):
    """A review store with the sample run recorded once; returns (store, recorded run)."""
    from factcheck.review.store import ReviewStore

    result, text = sample_run()
    store = ReviewStore(path)
    run = store.record_run(result, source=source, kind="check", text=text, speakers=speakers)
    return store, run


def claim_id(store, start_of_text: str) -> int:
    """The id of the (first) recorded claim whose text starts with `start_of_text`."""
    return next(c.id for c in store.claims(flagged_only=False) if c.text.startswith(start_of_text))
