"""Decide the stance of one passage towards one claim.

The explainable checks find what agrees or disagrees and transparent thresholds
decide the passage's stance. The shipped learned combiner works one level up, on
the verdict (factcheck/verdict/aggregate.py); an opt-in pair-level combiner
(meta.level "pair") can replace the thresholds here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..index.search import QUOTE_THRESHOLD as QUOTE_SCORE
from .checks import Finding, run_checks
from .combiner import load_level
from .entities import speaker_names

# e5 similarities are compressed (unrelated Norwegian sentences score ~0.80)
RELATED_SIMILARITY = 0.84
RELATED_OVERLAP = 0.25
SUPPORT_SIMILARITY = 0.88
SUPPORT_OVERLAP = 0.5


@dataclass
class StanceResult:
    stance: str  # supports | contradicts | neutral
    strength: float  # probability (combiner) or rule confidence of that stance
    overlap: float  # share of the claim's content words the passage covers
    findings: list[Finding] = field(default_factory=list)
    probabilities: dict[str, float] = field(default_factory=dict)
    features: dict[str, float] = field(default_factory=dict)  # the check features, for the verdict combiner
    nli: dict[str, float] = field(default_factory=dict)  # the stance model's entailment/contradiction/neutral


RULE_FEATURES = ("rule_supports", "rule_contradicts")


def combiner_inputs(claim: str, passage: str, similarity: float, quote: float = 0.0, context: str = "",
                    claim_ner=(), passage_ner=(), document_places=(), table_labels=()):
    """(check outcome, rule decision, features for the combiner): one place, for training and use alike.

    The rules' own decision is an input: the combiner learns when to trust it and how sure to be.
    """
    outcome = run_checks(claim, passage, similarity, quote, context, claim_ner, passage_ner, document_places,
                         table_labels)
    ruled = _rules(outcome.features, outcome.findings, outcome.features["cover"])
    features = dict(outcome.features)
    features["rule_supports"] = float(ruled.stance == "supports")
    features["rule_contradicts"] = float(ruled.stance == "contradicts")
    return outcome, ruled, features


def assess(claim: str, passage: str, similarity: float, quote: float = 0.0, context: str = "",
           claim_ner=(), passage_ner=(), document_places=(), table_labels=()) -> StanceResult:
    """`context`: the document's title and author, which count as naming what the passage is about;
    `claim_ner`/`passage_ner`: names found by the spaCy pipeline's NER; `document_places`: the places
    the passage's document names anywhere (implied where the passage is silent about place);
    `table_labels`: of a table row, the labels of its table's rows."""
    outcome, ruled, features = combiner_inputs(claim, passage, similarity, quote, context, claim_ner, passage_ner,
                                               document_places, table_labels)
    cover = outcome.features["cover"]
    findings = outcome.findings
    if quote >= QUOTE_SCORE:
        findings = [Finding("quote", "supports", {"nb": "Påstanden siterer korpuset nesten ordrett.",
                                                  "en": "The claim quotes the corpus almost verbatim."})] + findings
    against = any(f.effect == "contradicts" for f in findings)
    if quote >= QUOTE_SCORE and not against:
        return StanceResult("supports", 0.95, cover, findings, {"supports": 0.95}, features)
    combiner = load_level("pair")
    if combiner is not None:
        probs = combiner.probabilities(features)
        allowed = dict(probs)
        if not against:
            allowed.pop("contradicts")  # a contradiction must be shown, not only scored
        stance = max(allowed, key=allowed.get)
        return StanceResult(stance, probs[stance], cover, findings, probs, features)
    return StanceResult(ruled.stance, ruled.strength, cover, findings, features=features)


def assess_hits(sentence, hits, document_places: dict | None = None,
                nli: list[dict[str, float]] | None = None, speaker: str = "",
                document_names: dict | None = None) -> list[StanceResult]:
    """The stance of each retrieved passage (index.search.Hit) towards one claim sentence
    (text.sentences.Sentence, whose NER names take part), as the checker and its trainers use it.
    `document_places`: doc_id -> places the document names (entities.places_by_document);
    `nli`: the stance model's probabilities per hit, when it ran; `speaker`: who the claim says
    said it ("Ifølge Menon-rapporten ..."), which counts as named when the passage's document names
    it anywhere (`document_names`, entities.names_by_document): the passage holds what was said,
    the document says who said it."""
    places, names = document_places or {}, document_names or {}

    def context(h) -> str:
        # the document's source (its URL names the publisher: .../allmennlegeforeningen/...) says who speaks
        said = f"{h.passage.context} {h.passage.source}"
        if speaker:
            said += "".join(f" {name}" for name in speaker_names(sentence.text, speaker, names.get(h.passage.doc_id, ()),
                                                               sentence.entities))
        return said

    stances = [assess(sentence.text, h.passage.text, h.dense, h.quote, context(h), sentence.entities,
                      [tuple(e) for e in h.passage.entities], places.get(h.passage.doc_id, ()),
                      h.passage.table_labels) for h in hits]
    for stance, probs in zip(stances, nli or ()):
        stance.nli = probs
    return stances


def _rules(features: dict[str, float], findings: list[Finding], cover: float) -> StanceResult:
    """Transparent fallback when no trained combiner is shipped."""
    if features["similarity"] < RELATED_SIMILARITY or cover < RELATED_OVERLAP:
        return StanceResult("neutral", 0.0, cover, findings)
    against = [f for f in findings if f.effect == "contradicts"]
    if against and all(f.kind == "number" for f in against) and any(
            f.kind == "entity" and f.effect == "neutral" for f in findings):
        # a figure about a subject the passage never names ("Sogn og Fjordane hadde 12 fastleger" against
        # "kommunane med 50.000 innbyggarar hadde åtte"): not shown to measure the same thing, so no contradiction
        return StanceResult("neutral", 0.0, cover, findings)
    if against:
        return StanceResult("contradicts", min(1.0, 0.55 + 0.3 * cover + 0.1 * (len(against) - 1)), cover, findings)
    if any(f.kind in ("entity", "question") for f in findings):
        return StanceResult("neutral", 0.0, cover, findings)
    numbers_ok = features["number_match"] > 0
    whole = cover >= 1.0 and features["clause_cover"] >= 1.0  # every claim word in one clause of the passage
    if (features["similarity"] >= SUPPORT_SIMILARITY or whole) and (cover >= SUPPORT_OVERLAP or numbers_ok):
        strength = 0.5 + 2.5 * (features["similarity"] - SUPPORT_SIMILARITY) + 0.3 * cover + 0.1 * numbers_ok
        return StanceResult("supports", min(1.0, strength), cover, findings)
    return StanceResult("neutral", 0.0, cover, findings)
