"""Which checked claims an editor should look at, and why.

A claim is flagged when the checker says it is contradicted, when a supported or
contradicted verdict is given with low confidence, or when a number check found
a figure that does not match. "Not enough info" alone is not flagged: it is the
checker admitting it does not know, not a claim about the text.
"""

from __future__ import annotations

from ..results import ClaimResult

LOW_CONFIDENCE = 0.7  # below this a supported/contradicted verdict deserves a second look
FLAGS = ("contradicted", "low_confidence", "number_mismatch")


def flags_for(claim: ClaimResult) -> list[str]:
    """The reasons (codes from FLAGS) to put this claim in front of a reviewer; empty if none."""
    found = []
    if claim.verdict == "contradicted":
        found.append("contradicted")
    if claim.verdict in ("supported", "contradicted") and claim.confidence < LOW_CONFIDENCE:
        found.append("low_confidence")
    if any(f.get("kind") == "number" and f.get("effect") == "contradicts" for e in claim.evidence for f in e.findings):
        found.append("number_mismatch")
    return found
