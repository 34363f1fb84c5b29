"""From per-passage stances to one verdict with a confidence and a reason.

One passage that contradicts with a clear finding beats several loosely
similar supporting ones; "not enough info" when nothing in the corpus is
about the claim, or when what is there neither confirms nor denies it.
"""

from __future__ import annotations

from dataclasses import asdict

from ..index.search import Hit
from ..results import ClaimResult, Evidence
from ..stance.engine import StanceResult

CONTRADICTION_MARGIN = 0.1  # a contradiction wins unless support is clearly stronger


def _evidence(hit: Hit, stance: StanceResult) -> Evidence:
    p = hit.passage
    return Evidence(
        doc_id=p.doc_id, title=p.title, source=p.source, text=p.text, start=p.start, end=p.end,
        score=hit.dense, stance=stance.stance, passage_id=p.id, paragraph=p.paragraph,
        lexical=hit.lexical, quote=hit.is_quote, findings=[asdict(f) for f in stance.findings],
    )


def _short(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def decide(text: str, start: int, end: int, hits: list[Hit], stances: list[StanceResult]) -> ClaimResult:
    """Aggregate the stances of the top passages into a ClaimResult."""
    scored = list(zip(hits, stances))
    contra = max((x for x in scored if x[1].stance == "contradicts"), key=lambda x: x[1].strength, default=None)
    support = max((x for x in scored if x[1].stance == "supports"), key=lambda x: x[1].strength, default=None)

    decisive = None
    if contra and (not support or contra[1].strength + CONTRADICTION_MARGIN >= support[1].strength):
        decisive = contra
        verdict, (hit, stance) = "contradicted", contra
        finding = next(f for f in stance.findings if f.effect == "contradicts")
        reasons = dict(finding.message)
        confidence = stance.strength
    elif support:
        decisive = support
        verdict, (hit, stance) = "supported", support
        quoted = f"«{_short(hit.passage.text)}»"
        reasons = {"nb": f"Korpuset sier: {quoted}", "en": f"The corpus says: {quoted}"}
        number = next((f for f in stance.findings if f.kind == "number"), None)
        if number:
            reasons = {k: f"{number.message[k]} {v}" for k, v in reasons.items()}
        confidence = stance.strength
    else:
        verdict = "not_enough_info"
        best = max((h.dense for h in hits), default=0.0)
        related = any(s.overlap >= 0.4 for s in stances)
        top = max(range(len(hits)), key=lambda i: hits[i].dense, default=None)
        named = None if top is None else next(
            (f for f in stances[top].findings if f.kind == "entity" and f.effect == "neutral"), None)
        if named:
            reasons = dict(named.message)
        elif related:
            reasons = {"nb": "Korpuset omtaler temaet, men verken bekrefter eller avkrefter påstanden.",
                       "en": "The corpus touches on the topic but neither confirms nor denies the claim."}
        else:
            reasons = {"nb": "Fant ingenting i korpuset om dette.", "en": "Nothing in the corpus is about this."}
        confidence = max(0.3, min(0.9, 1.0 - best + (0.0 if related else 0.2)))

    # the passage the reason quotes first, then other deciding passages, then retrieval order
    ordered = sorted(scored, key=lambda x: (x is decisive, x[1].stance != "neutral",
                                            x[1].strength if x[1].stance != "neutral" else 0.0, x[0].fused), reverse=True)
    evidence = [_evidence(h, s) for h, s in ordered]
    return ClaimResult(text, start, end, verdict, round(float(confidence), 3), reasons, evidence)
