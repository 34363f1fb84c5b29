"""The age a person reached, read from the birth and death dates a passage gives.

"Haakon Lie (født 22. september 1905 i Kristiania, død 25. juli 2009)" states no age, but it fixes one: 103.
A claim that he "ble 103 år gammel" is checked against that figure as against any other, so an age is
supported or contradicted by arithmetic that holds by construction, not by a word the passage happens to use.
"""

from __future__ import annotations

import re

from .number_words import MONTHS, month_number
from .quantities import Quantity

_BORN = re.compile(r"\b(?:født|fødd)\b", re.IGNORECASE)
_DATE = rf"(?:(?P<{{k}}day>[0-3]?\d)\.\s*(?P<{{k}}month>{MONTHS})\s+)?(?P<{{k}}year>1[5-9]\d\d|20\d\d)\b"
_LIFE = re.compile(rf"{_BORN.pattern}[^.;]{{0,20}}?{_DATE.format(k='b')}[^;]{{0,80}}?"
                   rf"\b(?:død|døde|daud|døydde)\b[^.;]{{0,20}}?{_DATE.format(k='d')}", re.IGNORECASE)
# what a claim about an age at death says beside its figure ("døde 103 år gammel", "i en alder av 103 år")
BEFORE, AFTER = ["alder", "døde", "død"], ["gammel"]


def age_at_death(text: str) -> Quantity | None:
    """The age (in years) the text's "født …, død …" gives, as a figure about dying at that age; a range of one
    year when either day is unknown. None when the text gives no birth and death."""
    m = _LIFE.search(text) if _BORN.search(text) else None  # the cheap test first: few texts say "født"
    if not m:
        return None
    born, died = int(m["byear"]), int(m["dyear"])
    if died < born:
        return None
    span = died - born
    if m["bday"] and m["dday"]:
        birthday = (month_number(m["bmonth"]), int(m["bday"]))
        low = high = span - ((month_number(m["dmonth"]), int(m["dday"])) < birthday)
    else:
        low, high = span - 1, span
    return Quantity(f"{low}–{high} år" if low != high else f"{low} år", float(low), float(high), "years",
                    left=list(BEFORE), right=list(AFTER), start=m.start())
