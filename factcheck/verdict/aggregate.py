"""From per-passage stances to one verdict with a confidence and a reason.

One passage that contradicts with a clear finding beats several loosely
similar supporting ones; "not enough info" when nothing in the corpus is
about the claim, or when what is there neither confirms nor denies it.
The rules propose the verdict; the learned verdict combiner (models/stance/combiner.json,
see factcheck/verdict/combine.py) confirms or overrides it and gives the calibrated
confidence, which a "Støttet" or "not enough info" has mapped once more to how often it is
right on other writers' claims (confidence.py). With FACTCHECK_STANCE_COMBINER=none the rules'
heuristic confidence is used.
"""

from __future__ import annotations

from dataclasses import asdict

from ..index.search import Hit
from ..results import BACKING_STANCE, ClaimResult, Evidence
from ..stance import syntax
from ..stance.checks import amounts_not_given
from ..stance.combiner import load_level
from ..stance.engine import StanceResult
from .combine import choose, claim_features, contradiction_ceiling
from .confidence import calibration_for

CONTRADICTION_MARGIN = 0.1  # a contradiction wins unless support is clearly stronger
MODEL_CONTRADICTS = 0.6  # the stance model's probability that lets a passage without a finding contradict


def _evidence(hit: Hit, stance: StanceResult, shown: str) -> Evidence:
    p = hit.passage
    return Evidence(
        doc_id=p.doc_id, title=p.title, source=p.source, text=p.text, start=p.start, end=p.end,
        score=hit.dense, stance=shown, passage_id=p.id, paragraph=p.paragraph,
        lexical=hit.lexical, quote=hit.is_quote, findings=[asdict(f) for f in stance.findings],
        page=p.page, file=p.file,
    )


def _figures_not_given(claim: str, hits: list[Hit]):
    """(hit, stance) -> the claim's amounts, shares and counts that neither the passage nor another passage read
    from its document gives (checks.amounts_not_given). A passage whose document leaves one out supports no claim
    of it: not in the verdict (rule_verdict), not as shown."""
    claimed = syntax.figures(claim)
    documents: dict[str, list[str]] = {}

    def not_given(hit: Hit, stance: StanceResult) -> list:
        if stance.features.get("amount_unmatched", 0.0) <= 0:
            return []
        doc = hit.passage.doc_id
        if doc not in documents:
            documents[doc] = [h.passage.text for h in hits if h.passage.doc_id == doc]
        return amounts_not_given(claimed, stance.findings, documents[doc])

    return not_given


def _short(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _contradicted_reasons(hit: Hit, stance: StanceResult) -> dict[str, str]:
    """The finding that fired, else the passage the stance model reads as contradicting, quoted."""
    finding = next((f for f in stance.findings if f.effect == "contradicts"), None)
    if finding is not None:
        return dict(finding.message)
    quoted = f"«{_short(hit.passage.text)}»"
    return {"nb": f"Passasjen sier noe annet enn påstanden: {quoted}",
            "en": f"The passage says otherwise than the claim: {quoted}"}


def model_contradiction(scored: list[tuple[Hit, StanceResult]]):
    """The (hit, stance) the stance model reads as contradicting most, if it is sure enough."""
    best = max(scored, key=lambda x: x[1].nli.get("contradiction", 0.0), default=None)
    return best if best is not None and best[1].nli.get("contradiction", 0.0) >= MODEL_CONTRADICTS else None


def _supported_reasons(hit: Hit, stance: StanceResult) -> dict[str, str]:
    quoted = f"«{_short(hit.passage.text)}»"
    reasons = {"nb": f"Korpuset sier: {quoted}", "en": f"The corpus says: {quoted}"}
    number = next((f for f in stance.findings if f.kind == "number" and f.effect == "supports"), None)
    if number:
        reasons = {k: f"{number.message[k]} {v}" for k, v in reasons.items()}
    return reasons


def _figure_missing_reasons(missing: list, hit: Hit) -> dict[str, str] | None:
    """Why the closest passage does not support the claim, when its document leaves out the claim's figure."""
    if not missing:
        return None
    said, quoted = " og ".join(q.text for q in missing), f"«{_short(hit.passage.text)}»"
    figure = ("det tallet", "that figure") if len(missing) == 1 else ("de tallene", "those figures")
    return {"nb": f"Korpuset bekrefter ikke {said}: den nærmeste passasjen oppgir ikke {figure[0]}: {quoted}",
            "en": f"The corpus does not confirm {said}: the closest passage does not give {figure[1]}: {quoted}"}


def _nei_reasons(hits: list[Hit], stances: list[StanceResult]) -> tuple[dict[str, str], float]:
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
    return reasons, max(0.3, min(0.9, 1.0 - best + (0.0 if related else 0.2)))


def _answered(contra: StanceResult, supports: list, exact: set[str]) -> bool:
    """Does another passage give every figure of the claim as the claim says it, including each one this passage
    disputes, and read as closely? Then the figures this one disputes are about something else (the VM of 2025 in
    a text that gives the claim's VM of 1997, 2021 and 2023; "31 %" of another crime in a report that also gives
    the claim's 65 %). Only a passage whose every contradiction is a figure the claim states exactly (`exact`:
    "over to millioner" is also 2,8 millioner of something else) can be answered so."""
    against = [f for f in contra.findings if f.effect == "contradicts"]
    if not against or any(f.kind != "number" or f.claim_value not in exact for f in against):
        return False
    return any(s.strength >= contra.strength and s.features.get("number_unmatched", 1.0) <= 0
               and s.features.get("amount_unmatched", 1.0) <= 0
               and {f.claim_value for f in against} <= {f.claim_value for f in s.findings
                                                        if f.kind == "number" and f.effect == "supports"}
               for _, s in supports)


def rule_verdict(claim: str, hits: list[Hit], stances: list[StanceResult], not_given=None):
    """(verdict, deciding (hit, stance) or None, strongest support, strongest contradiction) by the rules.
    `not_given`: the claim's _figures_not_given, when the caller has it already."""
    not_given = not_given or _figures_not_given(claim, hits)
    scored = list(zip(hits, stances))
    supports = [x for x in scored if x[1].stance == "supports"]
    exact = {q.text for q in syntax.figures(claim) if q.hedge is None}
    contra = max((x for x in scored if x[1].stance == "contradicts" and not _answered(x[1], supports, exact)),
                 key=lambda x: x[1].strength, default=None)
    # a wider window around the contradicting passage's very text is no independent support: it reads the same
    # sentence, where a name the window repeats elsewhere ("Romney-kampanjen") hid the replaced one
    strongest = max((x[1].strength for x in supports if not (contra and contra[0].passage.text in x[0].passage.text)),
                    default=0.0)
    # the support that accounts for most of the claim's figures, its amounts first, then the strongest: a passage
    # that agrees with two figures of the claim is better evidence than a closer one that only shares its year
    support = max(supports, key=lambda x: (-x[1].features.get("amount_unmatched", 0.0),
                                           -x[1].features.get("number_unmatched", 0.0), x[1].strength), default=None)
    if contra and (not support or contra[1].strength + CONTRADICTION_MARGIN >= strongest):
        return "contradicted", contra, support, contra
    if support and not not_given(*support):
        return "supported", support, support, contra
    return "not_enough_info", None, support, contra


def verdict_features(claim: str, hits: list[Hit], stances: list[StanceResult]) -> tuple[str, dict[str, float]]:
    """The rules' verdict and the verdict combiner's inputs (the one place, for training and use alike)."""
    ruled = rule_verdict(claim, hits, stances)
    return ruled[0], _features(hits, stances, *ruled)


def _features(hits: list[Hit], stances: list[StanceResult], verdict: str, decisive, support, contra) -> dict[str, float]:
    focus = decisive[1] if decisive else (max(zip(hits, stances), key=lambda x: x[0].dense)[1] if hits else None)
    return claim_features(hits, stances, verdict, focus, support and support[1], contra and contra[1])


def decide(text: str, start: int, end: int, hits: list[Hit], stances: list[StanceResult]) -> ClaimResult:
    """Aggregate the stances of the top passages into a ClaimResult."""
    scored = list(zip(hits, stances))
    not_given = _figures_not_given(text, hits)
    verdict, decisive, support, contra = rule_verdict(text, hits, stances, not_given)
    combiner = load_level("claim", stance_model=any(s.nli for s in stances))
    confidence = None
    if combiner is not None and hits:
        features = _features(hits, stances, verdict, decisive, support, contra)
        by_model = model_contradiction(scored)
        verdict, confidence, _ = choose(combiner, features, verdict, can_contradict=contra is not None or by_model is not None)
        calibration = calibration_for(combiner)
        if calibration is not None:  # how often such a verdict is right on claims of other writers
            confidence = calibration.confidence(verdict, confidence, features)
        if verdict == "supported":
            # the strongest support; when the combiner overrides the rules, the passage the stance model reads as
            # entailing the claim most (the closest one without a contradiction when it did not run)
            decisive = support or max(scored, key=lambda x: (x[1].stance != "contradicts", x[1].nli.get("entailment", 0.0),
                                                             x[0].dense))
        elif verdict == "contradicted":
            decisive = contra or by_model
        elif verdict == "not_enough_info":
            decisive = None

    if verdict == "contradicted":
        reasons, rule_confidence = _contradicted_reasons(*decisive), decisive[1].strength
    elif verdict == "supported":
        reasons, rule_confidence = _supported_reasons(*decisive), decisive[1].strength
    else:
        reasons, rule_confidence = _nei_reasons(hits, stances)
        if support is not None:
            reasons = _figure_missing_reasons(not_given(*support), support[0]) or reasons
    if confidence is None:
        confidence = rule_confidence
    if verdict == "contradicted":  # no surer than the check it rests on has proved to be on text of other writers
        confidence = min(confidence, contradiction_ceiling(decisive[1].findings))

    # the passage the reason quotes first, then the others that agree with the verdict shown (a Motsagt's other
    # contradicting passages before a support it outweighed: dev hit@3 0.895 -> 0.905), then other deciding
    # passages, then the rest by how much of the claim
    # each covers times its similarity: written claims against held-out treebank documents find their premise
    # in the first 3 of 8 passages 0.937 -> 0.943 of the time over retrieval order (dev claims hit@3 0.85 -> 0.89;
    # NorQuAD questions, which share fewer words with their answer, R@3 0.898 -> 0.896)
    shown = BACKING_STANCE.get(verdict)
    ordered = sorted(scored, key=lambda x: (decisive is not None and x[1] is decisive[1], x[1].stance == shown,
                                            x[1].stance != "neutral", x[1].strength if x[1].stance != "neutral" else 0.0,
                                            x[1].features.get("cover", 0.0) * x[0].dense), reverse=True)
    evidence = [_evidence(h, s, "neutral" if s.stance == "supports" and not_given(h, s) else s.stance) for h, s in ordered]
    return ClaimResult(text, start, end, verdict, round(float(confidence), 3), reasons, evidence)
