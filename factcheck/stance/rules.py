"""First stance rules: does a passage support, contradict, or say nothing about a claim?

Similarity alone cannot tell "falt til 3,5 %" from "steg til 5 %", so each
check looks for a specific, explainable disagreement (numbers, negation,
direction, antonyms) inside the part of the passage that is about the claim.
Every finding carries a human reason in bokmål and English.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import polarity
from .quantities import Quantity, agree, comparable, content_words, context_overlap, extract, prefix_affinity

# e5 similarities are compressed (unrelated Norwegian sentences score ~0.80)
SUPPORT_SIMILARITY = 0.88
RELATED_SIMILARITY = 0.84
SUPPORT_OVERLAP = 0.5
RELATED_OVERLAP = 0.25  # the passage must share this much of the claim's wording to be compared at all
CLAUSE_OVERLAP = 0.34  # negation/direction only count in a clause this close to the claim

_CLAUSE_SPLIT = re.compile(r"(?<=[.!?»])\s+|[;:]|,\s*(?:men|mens|og|samt)\s|\s(?:men|mens)\s|,\s")


@dataclass
class Finding:
    kind: str  # number | negation | direction | antonym | quote
    effect: str  # supports | contradicts
    message: dict[str, str]  # {"nb": ..., "en": ...}
    claim_value: str = ""
    evidence_value: str = ""


@dataclass
class StanceResult:
    stance: str  # supports | contradicts | neutral
    strength: float  # 0..1, how sure the rules are
    overlap: float  # share of the claim's content words the passage covers
    findings: list[Finding] = field(default_factory=list)


def overlap(claim_words: list[str], text: str) -> float:
    """Share of the claim's content words that the text also uses (inflection-tolerant)."""
    if not claim_words:
        return 0.0
    other = content_words(text)
    return sum(max((prefix_affinity(c, w) for w in other), default=0.0) for c in claim_words) / len(claim_words)


def best_clause(claim_words: list[str], passage: str) -> str:
    """The clause of the passage that is most about the claim (negation and direction live there)."""
    clauses = [c for c in _CLAUSE_SPLIT.split(passage) if c and c.strip()]
    return max(clauses, key=lambda c: overlap(claim_words, c), default=passage)


def _number_findings(claim: str, claim_words: list[str], passage: str) -> list[Finding]:
    findings = []
    evidence = extract(passage)
    for q in extract(claim):
        candidates = [e for e in evidence if comparable(q, e)]
        if not candidates:
            continue
        scored = sorted(candidates, key=lambda e: context_overlap(claim_words, e), reverse=True)
        best = scored[0]
        agreeing = [e for e in candidates if agree(q, e)]
        if agreeing:
            best_agreeing = max(context_overlap(claim_words, e) for e in agreeing)
            if agree(q, best) or best_agreeing + 0.05 >= context_overlap(claim_words, best):
                findings.append(_number_match(q, max(agreeing, key=lambda e: context_overlap(claim_words, e))))
                continue
        if context_overlap(claim_words, best) > 0 or len(candidates) == 1:
            findings.append(_number_mismatch(q, best))
    return findings


def _about(e: Quantity) -> str:
    return " ".join(e.right[:3] or e.left[-3:])


def _number_match(q: Quantity, e: Quantity) -> Finding:
    return Finding("number", "supports", {
        "nb": f"Korpuset sier {e.text}, som påstanden.",
        "en": f"The corpus says {e.text}, as the claim does.",
    }, q.text, e.text)


def _number_mismatch(q: Quantity, e: Quantity) -> Finding:
    about = _about(e)
    suffix = f" {about}" if about else ""
    return Finding("number", "contradicts", {
        "nb": f"Korpuset sier {e.text}{suffix}, påstanden sier {q.text}.",
        "en": f"The corpus says {e.text}{suffix}, the claim says {q.text}.",
    }, q.text, e.text)


def _polarity_findings(claim: str, clause: str) -> list[Finding]:
    findings = []
    if polarity.negation_count(claim) % 2 != polarity.negation_count(clause) % 2:
        negated_claim = polarity.negation_count(claim) % 2 == 1
        findings.append(Finding("negation", "contradicts", {
            "nb": ("Påstanden benekter det korpuset sier: «%s»." if negated_claim
                   else "Korpuset sier det motsatte (nektende): «%s».") % clause.strip(),
            "en": ("The claim denies what the corpus says: “%s”." if negated_claim
                   else "The corpus says the opposite (negated): “%s”.") % clause.strip(),
        }))
    dc, dp = polarity.direction(claim), polarity.direction(clause)
    if dc and dp and dc != dp:
        words = {1: ("økning", "an increase"), -1: ("nedgang", "a decrease")}
        findings.append(Finding("direction", "contradicts", {
            "nb": f"Korpuset beskriver {words[dp][0]}, påstanden {words[dc][0]}: «{clause.strip()}».",
            "en": f"The corpus describes {words[dp][1]}, the claim {words[dc][1]}: “{clause.strip()}”.",
        }))
    clash = polarity.antonym_clash(claim, clause)
    if clash:
        findings.append(Finding("antonym", "contradicts", {
            "nb": f"Korpuset sier «{clash[1]}», påstanden sier «{clash[0]}».",
            "en": f"The corpus says “{clash[1]}”, the claim says “{clash[0]}”.",
        }, clash[0], clash[1]))
    return findings


def assess(claim: str, passage: str, similarity: float, is_quote: bool = False) -> StanceResult:
    """Decide the stance of one passage towards one claim."""
    claim_words = content_words(claim)
    cover = overlap(claim_words, passage)
    if is_quote:
        return StanceResult("supports", 0.95, cover, [Finding("quote", "supports", {
            "nb": "Påstanden siterer korpuset nesten ordrett.", "en": "The claim quotes the corpus almost verbatim."})])
    related = similarity >= RELATED_SIMILARITY and cover >= RELATED_OVERLAP
    if not related:
        return StanceResult("neutral", 0.0, cover)
    findings = _number_findings(claim, claim_words, passage)
    clause = best_clause(claim_words, passage)
    if overlap(claim_words, clause) >= CLAUSE_OVERLAP:
        findings += _polarity_findings(claim, clause)
    against = [f for f in findings if f.effect == "contradicts"]
    if against:
        strength = min(1.0, 0.55 + 0.3 * cover + 0.1 * (len(against) - 1))
        return StanceResult("contradicts", strength, cover, findings)
    numbers_ok = any(f.kind == "number" for f in findings)
    if similarity >= SUPPORT_SIMILARITY and (cover >= SUPPORT_OVERLAP or numbers_ok):
        strength = min(1.0, 0.5 + 2.5 * (similarity - SUPPORT_SIMILARITY) + 0.3 * cover + 0.1 * numbers_ok)
        return StanceResult("supports", strength, cover, findings)
    return StanceResult("neutral", 0.0, cover, findings)
