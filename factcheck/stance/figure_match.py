"""How two figures relate: do they measure the same thing (aligned), and do they agree (ranges, hedges,
frequencies)? quantities.py reads figures from text; this module compares a claim's with a passage's.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .quantities import NUMBER, Quantity, plain_digits, prefix_affinity, to_float


def context_overlap(claim_words: list[str], quantity: Quantity) -> float:
    """Share of the quantity's neighbouring words that the claim also talks about.

    Words after the number weigh double: Norwegian puts what is counted there
    ("en reduksjon på 31 % i narkotikarelatert kriminalitet").
    """
    weighted = [(w, 1.0) for w in quantity.left] + [(w, 2.0) for w in quantity.right]
    if not weighted:
        return 0.0
    total = sum(weight * max((prefix_affinity(c, w) for c in claim_words), default=0.0) for w, weight in weighted)
    return total / sum(weight for _, weight in weighted)


def agree(claim: Quantity, evidence: Quantity, strict: bool = False) -> bool:
    """Do two quantities of the same unit agree, allowing for ranges and hedges? An "about" figure allows
    ROUNDING_MOST either way; `strict` (to confirm, not just not to deny) only the step it is written to."""
    if goals_of(claim, evidence):
        score, count = (claim, evidence) if claim.unit == "score" else (evidence, claim)
        return count.low == count.high and count.low in divmod(score.low, 100)
    if claim.unit == evidence.unit == "clock":  # "klokka fire om ettermiddagen" is "klokken 16": read on a 12-hour dial
        return any(_agree_values(claim, replace(evidence, low=evidence.low + k, high=evidence.high + k), strict)
                   for k in (0, -HALF_DAY, HALF_DAY))
    return _agree_values(claim, evidence, strict)


def _agree_values(claim: Quantity, evidence: Quantity, strict: bool) -> bool:
    tolerance = max(((rounding(q) if strict else ROUNDING_MOST) for q in (claim, evidence) if q.hedge == "about"),
                    default=0.0)
    if claim.per_day is not None and evidence.per_day is not None:
        lo_c, hi_c = claim.low * claim.per_day, claim.high * claim.per_day
        lo_e, hi_e = evidence.low * evidence.per_day, evidence.high * evidence.per_day
    elif claim.unit != evidence.unit and convertible(claim.unit, evidence.unit):
        c, e = DURATION_DAYS[claim.unit], DURATION_DAYS[evidence.unit]  # "to veker" against "i to dager"
        lo_c, hi_c, lo_e, hi_e = claim.low * c, claim.high * c, evidence.low * e, evidence.high * e
        tolerance = max(tolerance, CONVERSION)  # a month is no fixed number of days: "fire uker" is "en måned"
    else:
        lo_c, hi_c, lo_e, hi_e = claim.low, claim.high, evidence.low, evidence.high
    lo_e2, hi_e2 = lo_e * (1 - tolerance), hi_e * (1 + tolerance)
    if evidence.hedge == "below":
        lo_e2 = lo_e * 0.8
    if evidence.hedge == "above":  # "over 300" allows 500, but "vel 300 barn" is not 3000: another order of size
        hi_e2 = max(hi_e2, lo_e * ABOVE_REACH)
    if {claim.hedge, evidence.hedge} == {"below", "above"}:
        # opposite bounds meet only where one lies inside the other: "under 40 milliarder" is no "over 40 milliarder"
        return lo_e < hi_c if claim.hedge == "below" else lo_c < hi_e
    if claim.hedge == "below":
        return lo_e2 <= hi_c * 1.0 and lo_c * 0.8 <= hi_e2
    if claim.hedge == "above":
        if evidence.hedge == "above":  # "litt over én prosent" says about one: no answer to "over halvparten"
            return lo_e >= lo_c * 0.8
        return hi_e2 >= lo_c
    return lo_e2 - 1e-9 <= lo_c and hi_c <= hi_e2 + 1e-9 or lo_c - 1e-9 <= lo_e and hi_e <= hi_c + 1e-9


# spans of time are one quantity in several units: "tre måneder" is "90 dager", and "to veker" no "to dager"
DURATION_DAYS = {"years": 365.25, "months": 30.44, "weeks": 7.0, "days": 1.0}
CONVERSION = 0.1  # how far a span read in another unit may lie from it and still be it
HALF_DAY = 12 * 60  # minutes: a time of day said on the dial ("klokka fire") may be either half of the day


def convertible(a: str, b: str) -> bool:
    """Two units of a span of time. Years only with months ("halvannet års fengsel" / "18 måneder"): "15 år" is as
    often an age as a span, and an age is no answer to "i tre uker" or "over 50 dager" (written pairs, r26)."""
    if a not in DURATION_DAYS or b not in DURATION_DAYS:
        return False
    return "years" not in (a, b) or "months" in (a, b)


ROUNDING_MOST = 0.1  # "rundt 100" is 90 to 110
ROUNDING_LEAST = 0.05  # a figure written to the unit ("rundt 1 234") still rounds a little


def rounding(q: Quantity) -> float:
    """How far an "about" figure may lie from the value it rounds, as a share of it: one step of its last written
    digit ("rundt 120" rounds to the ten, so 133 is not it), between ROUNDING_LEAST and ROUNDING_MOST; figures in
    words ("hver fjerde") ROUNDING_MOST."""
    m = NUMBER.search(q.text)
    value = to_float(m.group()) if m else None
    if not value or value <= 0:
        return ROUNDING_MOST
    whole, _, decimals = plain_digits(m.group()).partition(".")
    step = 10.0 ** -len(decimals) if decimals else 10.0 ** (len(whole) - len(whole.rstrip("0")))
    return min(ROUNDING_MOST, max(ROUNDING_LEAST, step / value))


ABOVE_REACH = 3.0  # how far above "over X" a figure still agrees with it
BOUND_MARGIN = 0.1  # a figure this far inside the open side of a bound is no longer the bound's own figure


def beyond_bound(claim: Quantity, evidence: Quantity) -> bool:
    """A figure well inside the open side of the passage's bound: "minst to ganger" / "tre ganger", "over 50
    prosent" / "60 prosent". The two agree (neither denies the other), but the passage does not say the claim's
    figure, so it confirms nothing. Near the bound the hedge reads as rounding ("vel 300" / "300", "nesten 30
    prosent" / "30 prosent") and the figure is the passage's own."""
    if claim.hedge in ("above", "below") or evidence.hedge not in ("above", "below"):
        return False
    if claim.per_day is not None or evidence.per_day is not None:
        return False
    if evidence.hedge == "above":
        return claim.low > evidence.high * (1 + BOUND_MARGIN)
    return claim.high < evidence.low * (1 - BOUND_MARGIN)


def confirms(claim: Quantity, evidence: Quantity) -> bool:
    """The passage's figure says the claim's: they agree, to the step a rounded figure is written to ("rundt 120"
    is no 133, though it does not deny it either), and the claim's is not just inside the passage's bound."""
    return agree(claim, evidence, strict=True) and not beyond_bound(claim, evidence)


COUNTS = ("number", "count")  # bare figures: what they count is the noun after them
TIMES = ("year", "date", "weekday")  # when, not how much: they frame the other figures of a claim
# the day or hour of an event: the same day of another event is no support. Not TIMES: a claim whose only figure is
# "klokka 13" states it, and a passage without the hour does not confirm it
DAYS = ("date", "weekday", "clock")


_SCALED = re.compile(r"\b(?:milli|mill\.|mrd)", re.IGNORECASE)


def bare_amount(q: Quantity) -> bool:
    """A figure in millions or billions with no unit and no counted noun: an amount whose "kroner" the
    writer left out ("fondet passerte 10 000 milliarder")."""
    return q.unit == "number" and not q.counted and bool(_SCALED.search(q.text))


def money_and_bare_amount(a: Quantity, b: Quantity) -> bool:
    """An amount and an amount: with "kroner" on one side or on neither ("2,2 millioner" / "22 millioner")."""
    return (a.unit == "money" and bare_amount(b)) or (b.unit == "money" and bare_amount(a)) or (
        bare_amount(a) and bare_amount(b))


def goals_of(a: Quantity, b: Quantity) -> bool:
    """A result and a count it may hold as one side's goals: "scoret bare ett mål" / "etter 1-2-tapet". It can
    confirm the count and never deny it (`aligned` wants a counted noun on both sides): whose goals they are is
    not in the figures."""
    return (a.unit == "score" and b.unit in COUNTS) or (b.unit == "score" and a.unit in COUNTS)


def comparable(a: Quantity, b: Quantity) -> bool:
    if a.per_day is not None or b.per_day is not None:
        return a.per_day is not None and b.per_day is not None
    return a.unit == b.unit or (a.unit in COUNTS and b.unit in COUNTS) or money_and_bare_amount(a, b) or (
        convertible(a.unit, b.unit)) or goals_of(a, b)


def aligned(claim: Quantity, evidence: Quantity, loose: bool = False) -> bool:
    """Do two figures measure the same thing, enough for one to deny the other? Bare counts only when they count
    the same noun ("12 sykepleiere" is no answer to "1000 innbyggere"; `same_noun`, or with `loose`, for support,
    a shared start: "15.844 svingkurver" gives "16 000 svinger"); other units are aligned by their context. A result
    never denies another: a match report gives the score at the break and after each goal as well as the final one
    ("CSKA ledet 2 - 0" / "vann 3–0"), so it only confirms."""
    if not loose and "score" in (claim.unit, evidence.unit):
        return False
    if money_and_bare_amount(claim, evidence):
        return True  # an amount and the same amount without its "kroner": aligned by their context, as money is
    if claim.unit == "rank" and claim.counted and evidence.counted:  # "tredje etasje" is no answer to "tredje gang"
        return prefix_affinity(claim.counted, evidence.counted) == 1.0
    if claim.unit in COUNTS or evidence.unit in COUNTS:
        same = (lambda a, b: prefix_affinity(a, b) == 1.0) if loose else same_noun
        return bool(claim.counted and evidence.counted and same(claim.counted, evidence.counted))
    return True


def same_noun(a: str, b: str) -> bool:
    """Do two counted nouns (lemmas) count the same thing? A shared start is not enough when the longer word is a
    compound with a head of its own: "skoletimer" count lessons, not "skoler"; "medlem" / "medlemmer" are one noun."""
    if prefix_affinity(a, b) < 1.0:
        return False
    short, long = sorted((a, b), key=len)
    return not long.startswith(short) or len(long) - len(short) <= 3


def counts_another(claim: Quantity, evidence: Quantity) -> bool:
    """Both figures count a noun, and not the same one: "14 personer" is not the claim's figure of "14
    politidistrikt", whatever the numbers."""
    return bool(claim.counted and evidence.counted) and not same_noun(claim.counted, evidence.counted)


def agrees_with(claim: Quantity, evidence: Quantity) -> bool:
    """The same figure about the same thing, for support: as `aligned`, except that a bare figure whose counted
    noun one side leaves unsaid ("fra 23 i 2013 til 215 i 2018" / "fra 23 i 2013 til hele 215 i 2018") agrees
    by its context. Only a counted noun on both sides that differs keeps equal figures apart; a different figure
    still needs `aligned`'s stricter proof before it contradicts (a wrong Motsagt costs more than a missed Støttet)."""
    if not confirms(claim, evidence):
        return False
    if claim.unit in COUNTS and evidence.unit in COUNTS and not (claim.counted and evidence.counted) or goals_of(
            claim, evidence):
        return True
    return aligned(claim, evidence, loose=True)
