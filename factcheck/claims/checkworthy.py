"""Which sentences make a factual claim worth checking.

A first rule set: questions, demands and first-person opinions are not checked.
Each rule has a reason code so reports can say why a sentence was skipped;
works for bokmål and nynorsk.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MIN_WORDS = 3

_DEMAND = re.compile(
    r"\b(må|bør|burde|måtte|la\s+oss|krever\s+vi|vi\s+krever|det\s+er\s+på\s+tide)\b",
    re.IGNORECASE,
)
_OPINION = re.compile(
    r"\b(jeg|eg|vi|me)\s+(synes|synest|syns|mener|meiner|tror|trur|føler|kjenner|håper|vonar|ønsker|ønskjer|"
    r"frykter|fryktar|vil|tenker|tenkjer)\b"
    r"|\b(etter\s+min\s+mening|etter\s+vår\s+mening|slik\s+jeg\s+ser\s+det|personlig\s+mener)\b",
    re.IGNORECASE,
)
_EVALUATIVE = re.compile(
    r"\b(uholdbart|uakseptabelt|skandaløst|skammelig|fantastisk|flott|forferdelig|trist|urettferdig|"
    r"uverdig|provoserende|heldigvis|dessverre)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Checkworthiness:
    checkworthy: bool
    reason: str  # code: "claim", "question", "demand", "opinion", "too_short"


def assess(sentence: str) -> Checkworthiness:
    """Decide whether a sentence states a checkable fact."""
    text = sentence.strip()
    if len(re.findall(r"\w+", text)) < MIN_WORDS:
        return Checkworthiness(False, "too_short")
    if text.endswith("?"):
        return Checkworthiness(False, "question")
    if _OPINION.search(text):
        return Checkworthiness(False, "opinion")
    if _DEMAND.search(text):
        return Checkworthiness(False, "demand")
    if _EVALUATIVE.search(text) and not re.search(r"\d", text):
        return Checkworthiness(False, "opinion")
    return Checkworthiness(True, "claim")
