"""When a negated side and a plain side say the same thing, whatever the parity of their negations says.

The negation check (checks.check_negation) finds a difference in polarity; these say when that difference is
only one of wording: a denial of any other restates an exclusive ("ingen andre" / "den eneste"), a denied word
its u-prefixed opposite ("ikke klare" / "uklare"), a denied degree the plain word for it ("ikke så mye" /
"lite"), a comparative denied for all time its superlative "ever" ("aldri lavere" / "laveste noensinne"),
"uten" the same thing on both sides, whichever "uten" the word order lets read as a cue, and a verb of lacking
what the negation denies ("har ikke fastlege" / "mangler fastlege").
"""

from __future__ import annotations

import re

from .antonyms import ANTONYMS, LEXICON, NOT_AS_VERB, QUANTIFIERS
from .polarity import (COMPARATIVE_ENDINGS, COMPARATIVES, NEGATIONS, SCOPE_SKIP, SUPERLATIVE_ENDINGS, WITHOUT, forms,
                       is_cue, negated_predicates, prefix_clash, words)
from .variants import related_word


def prefix_equivalent(negated_scope: list[str], plain: str) -> bool:
    """Does the other side say with the prefix u- what the negation denies ("Regjeringen finner ikke klare
    årsaker" and "årsakene er uklare")? Then the two agree, whatever the parity says."""
    return prefix_clash(words(plain), negated_scope) is not None


_OTHERS = {"andre", "annet", "anna", "annan", "anne", "annen", "før", "tidligere", "tidlegare"}
_ONLY = {"eneste", "einaste", "første", "fyrste", "først", "fyrst"}


def exclusive_equivalent(negated_scope: list[str], plain: str) -> bool:
    """Does a denial of any other ("ingen andre", "ikke noe annet", "aldri før"; `negated_scope` is the
    negated side's negated_words) restate an exclusive ("den eneste", "den første") on the other side?
    Then the two agree, whatever the parity says."""
    return any(w in _OTHERS for w in negated_scope) and any(w in _ONLY for w in words(plain))


# a denied degree and the word that states it plainly: "ikke så mye innsyn" is "lite innsyn", "ikke færre enn
# ti" is "minst ti", "ingen hadde mer enn én sjanse" is "bare én sjanse"
_DENIED_DEGREE = (({"mye", "mykje", "mange", "særlig", "serleg"}, {"lite", "få"}),
                  ({"mindre", "færre"}, {"minst"}),
                  ({"mer", "meir", "flere", "fleire"}, {"kun", "bare", "berre", "eneste", "einaste", "høyst"}))


def degree_equivalent(negated: str, plain: str, reach: int = 5) -> bool:
    """Does the other side state plainly the degree a negation denies (`_DENIED_DEGREE`, within `reach` words
    after the cue)? Then the two agree, whatever the parity says."""
    ws, others = words(negated), set(words(plain))
    for i in range(len(ws)):
        if is_cue(ws, i):
            near = set(ws[i + 1:i + 1 + reach])
            if any(near & denied and others & stated for denied, stated in _DENIED_DEGREE):
                return True
    return False


_SUPERLATIVE = re.compile(rf"(?:{SUPERLATIVE_ENDINGS})$")
_COMPARATIVE_ENDING = re.compile(rf"..(?:{COMPARATIVE_ENDINGS})$")
_EVER = re.compile(r"\b(?:noensinne|nokosinne|noen gang|nokon gong|nokon gang|gjennom tidene)\b")


def record_equivalent(negated: str, plain: str, reach: int = 4) -> bool:
    """Does "aldri vært lavere" (a comparative a negation denies for all time) meet its superlative "ever" on
    the other side ("det laveste nivået noensinne")? Then the two agree, whatever the parity says."""
    ws, others = words(negated), words(plain)
    if not _EVER.search(" ".join(others)):
        return False
    superlatives = {f for w in others if _SUPERLATIVE.search(w) for f in forms(w)}
    return any(is_cue(ws, i) and ws[i] == "aldri" and any(
        (w in COMPARATIVES or _COMPARATIVE_ENDING.search(w)) and forms(w) & superlatives for w in ws[i + 1:i + 1 + reach])
        for i in range(len(ws)))


def _without_phrases(text: str, width: int = 3) -> tuple[int, list[str]]:
    """(how many negation cues of `text` are "uten"/"utan", the content words after every "uten" of it, cue or
    not)."""
    ws = words(text)
    cues, objects = 0, []
    for i, w in enumerate(ws):
        if w not in WITHOUT:
            continue
        cues += is_cue(ws, i)
        objects += [n for n in ws[i + 1:i + 1 + width + 2] if n not in SCOPE_SKIP and n not in NEGATIONS
                    and len(n) > 3][:width]
    return cues, objects


def without_the_same(claim: str, claim_cues: int, clause: str, clause_cues: int) -> bool:
    """Do both sides say "without" the same thing, their polarities differing only by which "uten" the word order
    lets read as a cue ("bruker våpenmakten sin uten noen politisk strategi" and "bruker sin våpenmakt uten
    politisk strategi": after a noun "uten" describes the noun)? `*_cues`: each side's negation_count."""
    (claim_without, claim_lacks), (clause_without, clause_lacks) = _without_phrases(claim), _without_phrases(clause)
    return (claim_cues - claim_without) % 2 == (clause_cues - clause_without) % 2 and any(
        related_word(a, b) for a in claim_lacks for b in clause_lacks)


_LACKING = re.compile(r"^mangl(?:e|er|et|a|ar|ande|ende)$")  # "mangler fastlege", nynorsk "manglar"


def lack_equivalent(negated_scope: list[str], plain: str, reach: int = 3) -> bool:
    """Does the other side say it lacks what the negation denies ("over 200 000 mangler arbeid" and "over
    200 000 er uten arbeid", "mangler fastlege" and "har ikke fastlege")? Then the two agree."""
    ws = words(plain)
    lacked = [w for i, v in enumerate(ws) if _LACKING.match(v) for w in ws[i + 1:i + 1 + reach] if len(w) > 3]
    return any(related_word(a, b) for a in negated_scope for b in lacked)


def antonym_equivalent(negated: str, negated_scope: list[str], plain: str) -> bool:
    """Does the other side state plainly the opposite of what the negation denies ("Senatet godkjende ikkje
    avtalen" / "avtalen ble forkastet av Senatet", "er ikke trygt" / "er farlig")? Then the two agree. Not "ikke
    alle" / "ingen": a denied "all" is not "none"."""
    denied = {f for w in [*negated_scope, *(negated_predicates(negated) or ())] for f in forms(w)
              if not forms(w) & NOT_AS_VERB}  # "har ikke fått flere" is not "not few"
    stated = {f for w in words(plain) for f in forms(w)}
    return any(denied & a and stated & b and not stated & a
               for left, right in (*ANTONYMS, *LEXICON) if not left & QUANTIFIERS
               for a, b in ((left, right), (right, left)))


def restates(negated: str, negated_scope: list[str], plain: str) -> bool:
    """Does `plain` say in other words what the negation of `negated` says (`negated_scope`: its negated_words)?
    Any of the equivalences above, each a wording of the same fact."""
    return (exclusive_equivalent(negated_scope, plain) or prefix_equivalent(negated_scope, plain)
            or degree_equivalent(negated, plain) or record_equivalent(negated, plain)
            or lack_equivalent(negated_scope, plain) or antonym_equivalent(negated, negated_scope, plain))

