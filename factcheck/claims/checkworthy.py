"""Rules about which sentences make a factual claim worth checking.

Two kinds of rule live here:
- hard rules that no model overrides: too short, photo captions, bylines, datelines;
- the first rule set (questions, demands, first-person and evaluative opinions), which
  decides alone when the learned classifier is not shipped and is one of its features
  otherwise (factcheck/claims/classifier.py).
Each rule has a reason code so reports can say why a sentence was skipped; bokmål and nynorsk.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..stance.number_words import MONTHS, WEEKDAYS

MIN_WORDS = 3

DEMAND = re.compile(
    r"\b(må|bør|burde|måtte|la\s+oss|krever\s+vi|vi\s+krever|det\s+er\s+på\s+(?:høy\s+|høg\s+)?tide)\b",
    re.IGNORECASE,
)
OPINION = re.compile(
    r"\b(jeg|eg|vi|me)\s+(synes|synest|syns|mener|meiner|tror|trur|føler|kjenner|håper|vonar|ønsker|ønskjer|"
    r"frykter|fryktar|vil|tenker|tenkjer)\b"
    r"|\b(etter\s+min\s+mening|etter\s+vår\s+mening|slik\s+jeg\s+ser\s+det|personlig\s+mener)\b",
    re.IGNORECASE,
)
EVALUATIVE = re.compile(
    r"\b(uholdbart|uakseptabelt|skandaløst|skammelig|fantastisk|flott|forferdelig|trist|urettferdig|"
    r"uverdig|provoserende|heldigvis|dessverre)\b",
    re.IGNORECASE,
)
CAPTION = re.compile(
    r"^\s*(foto|fotos|bilde|bilete|illustrasjon|illustrasjonsfoto|illustrasjonsbilde|grafikk|video|kart|"
    r"faksimile|skjermdump|arkivfoto)\s*(:|/|–|-)", re.IGNORECASE)
BYLINE = re.compile(
    r"^\s*((?i:tekst\s+og\s+foto|skrevet\s+av|tekst|av)\s*:?\s+[A-ZÆØÅ][\w.\-]*(\s+[A-ZÆØÅ][\w.\-]*){0,3}"
    r"(\s*(,|og|&)\s*[A-ZÆØÅ][\w.\-]*(\s+[A-ZÆØÅ][\w.\-]*){0,3})*\s*(\(\w+\))?\s*[,.]?\s*"
    r"(journalist|journalistar|journalister|redaktør|kommentator|NTB)?\s*\.?\s*$"
    r"|^\s*\S+@\S+\.\w+\s*$)")
_MONTH = rf"({MONTHS})\.?"
_WEEKDAY = "|".join(WEEKDAYS)
DATELINE = re.compile(
    rf"^\s*((publisert|oppdatert|sist\s+oppdatert|endret|sist\s+endret|dato)\s*:?\s*[\w\s.:,/-]{{0,40}}"
    rf"|([A-ZÆØÅ][\wæøå]+\s*(\([A-Za-zÆØÅæøå]+\))?\s*[,:]\s*)?"
    rf"(({_WEEKDAY})\s*)?"
    rf"(\d{{1,2}}\.\s*{_MONTH}(\s*\d{{4}})?|\d{{1,2}}\.\d{{1,2}}\.\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}})"
    rf"([\s,]*(kl\.?\s*)?\d{{1,2}}[.:]\d{{2}})?)\s*[.(]?\s*(\w+\))?\s*$",
    re.IGNORECASE)

# a main clause that only says it is time for something: whatever follows is what someone wants done ("Det er på
# tide at staten løyver meir", "Nå er det på høy tide å ..."); every such sentence of the NDT treebank is one
DEMAND_FRAME = re.compile(r"^\s*[-–—]?\s*(?:(?:nå|no|så|da)\s+er\s+det|det\s+er)\s+(?:kanskje\s+|vel\s+|nå\s+|no\s+)?"
                          r"på\s+(?:(?:høy|høg)\s+tide?|tide)\b", re.IGNORECASE)

# reason codes the rules give; the classifier adds the kinds of models/checkworthy (prediction, ...)
HARD_REASONS = ("too_short", "caption", "byline", "dateline", "procedural", "demand")


@dataclass(frozen=True)
class Checkworthiness:
    checkworthy: bool
    reason: str  # code: "claim", "attribution", "question", "demand", "opinion", "too_short", "caption", ...
    score: float | None = None  # the classifier's probability that the sentence is check-worthy
    kind: str = ""  # what the sentence is (claim, attribution, opinion, ...); the reason code when skipped
    attribution: object | None = None  # claims.attribution.Attribution for "X mener at ..." sentences


def word_count(text: str) -> int:
    return len(re.findall(r"\w+", text))


def hard_rule(sentence: str) -> str | None:
    """The reason code of a sentence no classifier should be asked about, else None."""
    text = sentence.strip()
    if CAPTION.match(text):
        return "caption"
    if BYLINE.match(text):
        return "byline"
    if DATELINE.match(text):
        return "dateline"
    if word_count(text) < MIN_WORDS:
        return "too_short"
    if DEMAND_FRAME.match(text):
        return "demand"
    return None


def rule_reason(sentence: str) -> str:
    """The first rule set's verdict: "claim" or the reason to skip (question, opinion, demand)."""
    text = sentence.strip()
    if text.endswith("?"):
        return "question"
    if OPINION.search(text):
        return "opinion"
    if DEMAND.search(text):
        return "demand"
    if EVALUATIVE.search(text) and not re.search(r"\d", text):
        return "opinion"
    return "claim"


def assess(sentence: str) -> Checkworthiness:
    """Decide by the rules alone whether a sentence states a checkable fact (the fallback)."""
    reason = hard_rule(sentence) or rule_reason(sentence)
    return Checkworthiness(reason == "claim", reason, kind=reason)
