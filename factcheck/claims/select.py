"""Which sentences of a text the checker checks: hard rules, then the classifier (or the old rules).

    decisions, vectors = select_claims(sentences, encoder, roles=["chair", ""], threshold=0.6)

The classifier reads the same query embedding retrieval needs, so every sentence that
passes the hard rules is embedded once here and the check-worthy ones' vectors are
returned for the search: no second embedding pass. A chair's lines in a transcript are
procedural whatever they say; an attribution ("X mener at ...") is checked as a claim about
what X said.
"""

from __future__ import annotations

import numpy as np

from .attribution import find_attribution
from .checkworthy import Checkworthiness, assess, hard_rule
from .classifier import CHECKWORTHY_KINDS, CheckworthyModel, model_for
from .features import feature_vector


def is_chair(role: str | None) -> bool:
    """Transcript readers give the chair's utterances the role "chair" (factcheck.transcripts.records.role_of)."""
    return (role or "").strip().lower() == "chair"


def _pre(sentence, role: str) -> Checkworthiness | None:
    if is_chair(role):
        return Checkworthiness(False, "procedural", kind="procedural")
    code = hard_rule(sentence.text)
    return Checkworthiness(False, code, kind=code) if code else None


def classify(model: CheckworthyModel, sentences, vectors: np.ndarray, roles, threshold: float,
             neighbours=None) -> list[Checkworthiness]:
    """The classifier's decision for each sentence (hard rules already applied by the caller);
    `neighbours`: (previous, following) text per sentence, by default its neighbours in `sentences`."""
    if not sentences:
        return []
    neighbours = neighbours or around([s.text for s in sentences])
    rule_values = np.array([feature_vector(s.text, s.entities, role, *near)
                            for s, role, near in zip(sentences, roles, neighbours)], dtype="float32")
    scores, kind_probs = model.predict(rule_values, vectors)
    worthy_idx = [i for i, k in enumerate(model.kinds) if k in CHECKWORTHY_KINDS]
    other_idx = [i for i, k in enumerate(model.kinds) if k not in CHECKWORTHY_KINDS]
    out = []
    for sent, score, probs in zip(sentences, scores, kind_probs):
        attribution = find_attribution(sent.text)
        if attribution is not None and model.attribution_rule:
            score = max(score, 1.0)  # "X mener at ...": a claim about what X said, whatever it says
        if score >= threshold:
            kind = "attribution" if attribution else model.kinds[max(worthy_idx, key=lambda i: probs[i])]
            out.append(Checkworthiness(True, kind, float(score), kind, attribution if kind == "attribution" else None))
        else:
            kind = model.kinds[max(other_idx, key=lambda i: probs[i])]
            out.append(Checkworthiness(False, kind, float(score), kind))
    return out


def _lone_statement(text: str, decision: Checkworthiness | None) -> bool:
    """A whole input of one finished sentence read as a heading: a heading is skipped because it repeats
    the text below it, and a sentence typed or pasted alone has no text below it ("HAB tilbys i Finland.")."""
    return decision is not None and not decision.checkworthy and decision.kind == "heading" \
        and text.rstrip().endswith((".", "!", "»", '"'))


def around(texts: list[str]) -> list[tuple[str, str]]:
    """(previous, following) text of each, "" at the ends."""
    return [(texts[i - 1] if i else "", texts[i + 1] if i + 1 < len(texts) else "") for i in range(len(texts))]


def _by_rules(sentence) -> Checkworthiness:
    """The old rules, with reported speech read as a claim about what was said."""
    decision = assess(sentence.text)
    attribution = find_attribution(sentence.text)
    if attribution and decision.reason in ("claim", "demand", "opinion"):
        return Checkworthiness(True, "attribution", None, "attribution", attribution)
    return decision


AUTO = "auto"


def select_claims(sentences, encoder, roles=None, threshold: float | None = None, model=AUTO):
    """(one Checkworthiness per sentence, query vectors of the check-worthy ones in order).

    `model`: the shipped classifier when AUTO, a CheckworthyModel (trainers), or None for the rules.
    """
    roles = list(roles) if roles is not None else [""] * len(sentences)
    decisions: list[Checkworthiness | None] = [_pre(s, r) for s, r in zip(sentences, roles)]
    open_idx = [i for i, d in enumerate(decisions) if d is None]
    if model is AUTO:
        model = model_for(encoder.model_id, encoder.dim)
    if model is not None:
        vectors = encoder.encode_queries([sentences[i].text for i in open_idx])
        cut = model.threshold if threshold is None else threshold
        near = around([s.text for s in sentences])  # the whole text's neighbours, skipped lines included
        for i, decision in zip(open_idx, classify(model, [sentences[i] for i in open_idx], vectors,
                                                  [roles[i] for i in open_idx], cut, [near[i] for i in open_idx])):
            decisions[i] = decision
        if len(sentences) == 1 and _lone_statement(sentences[0].text, decisions[0]):
            decisions[0] = Checkworthiness(True, "claim", decisions[0].score, "claim")
        keep = [row for row, i in enumerate(open_idx) if decisions[i].checkworthy]
        return decisions, vectors[keep]
    for i in open_idx:
        decisions[i] = _by_rules(sentences[i])
    claims = [sentences[i].text for i, d in enumerate(decisions) if d.checkworthy]
    return decisions, encoder.encode_queries(claims)
