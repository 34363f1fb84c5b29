"""Clauses and sentences of a passage, split the same way by every check."""

from __future__ import annotations

import re

# a sentence ends at . ! or ?, also inside a closing quote ("«Nei.» Så gikk hun"); a closing quote alone ends nothing:
# in "radioprogrammet «Sommar i P1» 14. august" the date belongs to the programme's sentence
_END = r"(?:(?<=[.!?])|(?<=[.!?][»\"”]))"
CLAUSE_SPLIT = re.compile(_END + r"\s+|[;:]|,\s*(?:men|mens|og|samt)\s|\s(?:men|mens)\s|,\s")
SENTENCE_SPLIT = re.compile(_END + r"\s+(?=[A-ZÆØÅ«\d])")


def clause_at(text: str, offset: int) -> str:
    """The clause of `text` (split as the other checks split it) that holds character `offset`."""
    end = 0
    for match in CLAUSE_SPLIT.finditer(text):
        if match.start() > offset:
            return text[end:match.start()]
        end = match.end()
    return text[end:]


def sentence_of(clause: str, text: str) -> str:
    """The sentence of `text` that holds `clause` (the clause itself when none does)."""
    part = clause.strip()
    return next((s for s in SENTENCE_SPLIT.split(text) if part and part in s), clause)


_SENTENCE_END = re.compile(r"[.!?](?![\w.,])")


def in_question(part: str, text: str) -> bool:
    """Is `part` a clause of one of the text's questions ("Har Regjeringen vært i kontakt med aktører som ønsker
    utbygging av gasskraft, og i så fall hvilke?")? The clause's own sentence end decides, not SENTENCE_SPLIT, which
    does not split before an interview's dash-led turn ("… på skolen. - Legger du ut bilder?")."""
    at = text.find(part.strip())
    end = _SENTENCE_END.search(text, at) if at >= 0 else None
    return end is not None and end.group() == "?"
