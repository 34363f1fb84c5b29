"""The learned verdict combiner's inputs and its constrained choice.

The rules aggregate passage stances into a verdict (aggregate.py); the combiner
(models/stance/combiner.json) reads that verdict together with the findings and
scores of the top passages and gives a probability per verdict: the verdict shown
is the most probable one that can be shown, and its probability is the confidence.
A "contradicted" is only possible when a passage shows a contradicting finding.

The combiner overrides the rules' verdict only when its artefact says so
(`meta.override`: the probability another verdict needs); the shipped one does not:
trained on generated claims, which real claims resemble only in part, its overrides
were wrong more often than right on real claims (models/stance/README.md), so it
keeps the rules' verdict and gives its calibrated probability as the confidence.
"""

from __future__ import annotations

import json
from functools import lru_cache

from ..config import artefact_path
from ..index.search import Hit
from ..stance.combiner import VERDICTS, Combiner
from ..stance.engine import StanceResult

FOCUS = ("similarity", "cover", "clause_cover", "quote", "number_match", "number_mismatch", "number_unmatched",
         "entity_missing", "entity_examples", "against")
KINDS = {"number": "number", "negation": "negation", "direction": "direction", "antonym": "direction",
         "entity": "entity", "quantifier": "scope", "certainty": "scope", "comparison": "scope"}
NLI_FEATURES = ("nli_max_entail", "nli_max_contra", "nli_top_entail", "nli_top_contra", "nli_focus_entail",
                "nli_focus_contra", "nli_contra_at_finding", "nli_entail_at_support")
CLAIM_FEATURES = (
    "rule_supported", "rule_contradicted", "rule_strength",
    *(f"focus_{f}" for f in FOCUS),
    "max_similarity", "max_cover", "max_clause_cover", "share_supports", "share_contradicts",
    *(f"contra_{k}" for k in sorted(set(KINDS.values()))),
    "support_minus_contra",
    *NLI_FEATURES,
)
MIN_CONFIDENCE = 0.34  # when the combiner decides, a supported/contradicted verdict less probable than this is not shown


def claim_features(hits: list[Hit], stances: list[StanceResult], rule_verdict: str,
                   focus: StanceResult | None, support: StanceResult | None, contra: StanceResult | None) -> dict[str, float]:
    """One feature vector per claim. `focus`: the passage the rules' verdict rests on (the top one for
    "not enough info"); `support`/`contra`: the strongest supporting and contradicting passages."""
    n = max(1, len(stances))
    f: dict[str, float] = {
        "rule_supported": float(rule_verdict == "supported"),
        "rule_contradicted": float(rule_verdict == "contradicted"),
        "rule_strength": focus.strength if focus is not None and rule_verdict != "not_enough_info" else 0.0,
        "max_similarity": max((h.dense for h in hits), default=0.0),
        "max_cover": max((s.features.get("cover", 0.0) for s in stances), default=0.0),
        "max_clause_cover": max((s.features.get("clause_cover", 0.0) for s in stances), default=0.0),
        "share_supports": sum(s.stance == "supports" for s in stances) / n,
        "share_contradicts": sum(s.stance == "contradicts" for s in stances) / n,
        "support_minus_contra": (support.strength if support else 0.0) - (contra.strength if contra else 0.0),
    }
    f.update(nli_features(stances, focus, support, contra))
    values = focus.features if focus is not None else {}
    for name in FOCUS:
        f[f"focus_{name}"] = float(values.get(name, 0.0))
    for kind in set(KINDS.values()):
        f[f"contra_{kind}"] = 0.0
    if contra is not None:
        for finding in contra.findings:
            if finding.effect == "contradicts" and finding.kind in KINDS:
                f[f"contra_{KINDS[finding.kind]}"] = 1.0
    return f


def nli_features(stances: list[StanceResult], focus, support, contra) -> dict[str, float]:
    """The stance model's reading of the top passages (zeros when it did not run)."""
    entail = [s.nli.get("entailment", 0.0) for s in stances]
    against = [s.nli.get("contradiction", 0.0) for s in stances]
    return {
        "nli_max_entail": max(entail, default=0.0), "nli_max_contra": max(against, default=0.0),
        "nli_top_entail": entail[0] if entail else 0.0, "nli_top_contra": against[0] if against else 0.0,
        "nli_focus_entail": focus.nli.get("entailment", 0.0) if focus is not None else 0.0,
        "nli_focus_contra": focus.nli.get("contradiction", 0.0) if focus is not None else 0.0,
        "nli_contra_at_finding": contra.nli.get("contradiction", 0.0) if contra is not None else 0.0,
        "nli_entail_at_support": support.nli.get("entailment", 0.0) if support is not None else 0.0,
    }


def choose(combiner: Combiner, features: dict[str, float], rule_verdict: str,
           can_contradict: bool) -> tuple[str, float, dict[str, float]]:
    """(verdict, confidence, probabilities): the rules' verdict, unless the combiner may override
    (`meta.override`) and another verdict that can be shown is at least that probable.

    The confidence is the shown verdict's own probability, not renormalised over the verdicts
    allowed: when a claim looks false but no contradiction can be shown, the verdict given
    is less likely to be right, and the confidence says so.
    """
    probs = combiner.probabilities(features)
    allowed = [v for v in VERDICTS if v != "contradicted" or can_contradict]
    best = max(allowed, key=lambda v: probs.get(v, 0.0))
    override = combiner.meta.get("override")
    verdict = best if best == rule_verdict or (override is not None and probs[best] >= override) else rule_verdict
    if verdict == "contradicted" and not can_contradict:
        verdict = "not_enough_info"
    if override is not None and verdict != "not_enough_info" and probs[verdict] < MIN_CONFIDENCE:
        verdict = "not_enough_info"
    return verdict, probs[verdict], {v: probs.get(v, 0.0) for v in VERDICTS}


@lru_cache(maxsize=1)
def _finding_precision() -> dict[str, float]:
    path = artefact_path("stance/finding_precision.json")
    return json.loads(path.read_text(encoding="utf-8"))["precision"] if path else {}


def contradiction_ceiling(findings) -> float:
    """How sure a Motsagt can be shown: the measured precision of the most reliable check that contradicts
    (models/stance/finding_precision.json, from the team's written NLI pairs on many topics). The combiner
    learned from edited corpus sentences, where a negation or a figure that differs is nearly always a
    contradiction; on claims of other writers against whole documents (benchmarks/written_verdicts.py) its
    Motsagt >= 0.9 were right 130 times of 183, and a negation finding is right two times in three.
    1.0 when no check contradicts (the stance model's own reading) or nothing was measured."""
    precision = _finding_precision()
    kinds = {f.kind for f in findings if f.effect == "contradicts"}
    if not precision or not kinds:
        return 1.0
    return max(precision.get(kind, precision.get("any", 1.0)) for kind in kinds)
