"""Numbers in Norwegian text, with their unit, their hedge and what they are about.

"nesten 50 %", "65 prosent", "630 kroner", "2022–23", "tolv måneder",
"to til tre ganger daglig": each becomes a Quantity with a value range, a unit
kind (so a percentage is only compared with a percentage), a hedge (over,
under, about) and the content words around it, which tell *which* quantity is
meant (a 31 % about drug crime is not a 65 % about theft).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

NUMBER_WORDS = {
    "én": 1, "ett": 1, "eitt": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6, "sju": 7, "syv": 7,
    "åtte": 8, "ni": 9, "ti": 10, "elleve": 11, "tolv": 12, "femten": 15, "tjue": 20, "tretti": 30,
    "førti": 40, "femti": 50, "hundre": 100, "halvparten": 50, "dobbelt": 200,
}
_SCALE = {"tusen": 1e3, "million": 1e6, "millioner": 1e6, "mill.": 1e6, "mill": 1e6, "milliard": 1e9,
          "milliarder": 1e9, "mrd.": 1e9, "mrd": 1e9}
_UNITS = [
    (r"%|prosent|pst\.?|prosentpoeng", "percent"),
    (r"kroner|kr\.?|nok|euro|dollar", "money"),
    (r"år(?:et|a)?", "years"),
    (r"måneder|måneden|månader|mnd\.?", "months"),
    (r"uker|veker|uke|veke", "weeks"),
    (r"dager|dagar|døgn", "days"),
    (r"ganger|gonger|gang|gong", "times"),
    (r"pasienter|personer|mennesker|menneske|deltakere|studier", "count"),
]
_HEDGES = {
    "nesten": "below", "under": "below", "mindre enn": "below", "færre enn": "below", "knapt": "below",
    "over": "above", "mer enn": "above", "flere enn": "above", "minst": "above", "godt over": "above",
    "ca.": "about", "ca": "about", "cirka": "about", "omkring": "about", "rundt": "about", "om lag": "about",
    "omtrent": "about", "drøyt": "about", "snaut": "about", "opptil": "below",
}
_FREQUENCY = {"daglig": 1.0, "dagleg": 1.0, "om dagen": 1.0, "per dag": 1.0, "i døgnet": 1.0,
              "i uken": 1 / 7, "i uka": 1 / 7, "i veka": 1 / 7, "per uke": 1 / 7, "ukentlig": 1 / 7,
              "i måneden": 1 / 30, "per måned": 1 / 30, "i året": 1 / 365, "per år": 1 / 365, "årlig": 1 / 365}

_NUM = r"\d{1,3}(?:[ \u00a0.]\d{3})+(?:,\d+)?(?!\d)|\d+(?:[.,]\d+)?"
_WORDNUM = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_VALUE = rf"(?:{_NUM}|\b(?:{_WORDNUM})\b)"
_UNIT_RE = "|".join(f"(?:{u})" for u, _ in _UNITS)
_PATTERN = re.compile(
    rf"(?P<lo>{_VALUE})(?:\s*(?:–|-|til|à)\s*(?P<hi>{_VALUE}))?"
    rf"(?:\s*(?P<scale>tusen|millioner|million|milliarder|milliard|mill\.?|mrd\.?))?"
    rf"(?:\s*(?P<unit>{_UNIT_RE})(?![\wæøå]))?",
    re.IGNORECASE,
)
_WORD = re.compile(r"[\wæøåÆØÅ]+")
_CLAUSE_EDGE = re.compile(r"[,;:()]|\s(?:og|men|mens|samt|eller)\s")
STOPWORDS = set(
    "og i på av til for med som er var det den de en et ei at om fra har ble vart blitt etter enn ikke "
    "ikkje seg sin sitt sine så men eller også der her kan vil skal må han hun dei dette denne disse "
    "noe noen alle hos ved ut inn opp ned mot mellom år prosent kroner per".split()
) | {w for h in _HEDGES for w in h.split()}


@dataclass
class Quantity:
    text: str
    low: float
    high: float
    unit: str  # percent, money, years, months, weeks, days, times, count, year, number
    hedge: str | None = None  # below, above, about
    per_day: float | None = None  # for frequencies like "to ganger daglig"
    left: list[str] = field(default_factory=list)  # content words before the number
    right: list[str] = field(default_factory=list)  # ... and after it ("65 % i vinningsforbrytelser")
    start: int = 0

    @property
    def context(self) -> list[str]:
        return self.left + self.right

    def describe(self) -> str:
        return self.text


def _to_float(token: str) -> float | None:
    token = token.strip().lower()
    if token in NUMBER_WORDS:
        return float(NUMBER_WORDS[token])
    token = token.replace("\u00a0", "").replace(" ", "")
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", token):  # 1.000.000 thousands separators
        token = token.replace(".", "")
    try:
        return float(token.replace(",", "."))
    except ValueError:
        return None


def content_words(text: str) -> list[str]:
    return list(_content_words(text))


@lru_cache(maxsize=8192)
def _content_words(text: str) -> tuple[str, ...]:
    # cached: the stance checks ask for the words of the same passage once per claim and part
    return tuple(w.lower() for w in _WORD.findall(text) if w.lower() not in STOPWORDS and not w.isdigit()
                 and w.lower() not in NUMBER_WORDS)


def _whole_words(text: str, start: int, end: int) -> str:
    """text[start:end] widened or narrowed so that no word is cut in half."""
    while start > 0 and text[start - 1].isalnum() and start < end:
        start += 1
    while end < len(text) and end > start and text[end].isalnum() and text[end - 1].isalnum():
        end -= 1
    return text[start:end]


def extract(text: str) -> list[Quantity]:
    """All quantities in `text` (years, percentages, amounts, durations, counts, frequencies)."""
    out: list[Quantity] = []
    matches = [m for m in _PATTERN.finditer(text) if m.group().strip()]
    for n, m in enumerate(matches):
        lo, hi = _to_float(m.group("lo")), _to_float(m.group("hi") or m.group("lo"))
        if lo is None or hi is None:
            continue
        unit_word = (m.group("unit") or "").lower()
        unit = next((kind for pat, kind in _UNITS if unit_word and re.fullmatch(pat, unit_word)), None)
        is_word = m.group("lo").strip().lower() in NUMBER_WORDS
        if unit is None:
            if is_word:
                continue  # "to" and "ti" without a unit are far too ambiguous
            if re.fullmatch(r"(1[89]|20)\d\d", m.group("lo")):
                unit = "year"
                if m.group("hi") and len(m.group("hi")) == 2:  # 2022-23
                    hi = float(m.group("lo")[:2] + m.group("hi"))
            else:
                unit = "number"
        scale = _SCALE.get((m.group("scale") or "").lower().rstrip("."), 1.0) if m.group("scale") else 1.0
        before = text[max(0, m.start() - 15) : m.start()].lower()
        hedge = next((h for w, h in sorted(_HEDGES.items(), key=lambda x: -len(x[0]))
                      if re.search(rf"(?<![\wæøå]){re.escape(w)}\s*$", before)), None)
        after = text[m.end() : m.end() + 20].lower()
        per_day = None
        if unit == "times":
            per_day = next((f for w, f in _FREQUENCY.items() if after.lstrip().startswith(w)), None)
        # the words between the neighbouring numbers say what this number is about
        left_edge = matches[n - 1].end() if n else 0
        right_edge = matches[n + 1].start() if n + 1 < len(matches) else len(text)
        left_text = _CLAUSE_EDGE.split(_whole_words(text, max(left_edge, m.start() - 60), m.start()))[-1]
        right_text = _CLAUSE_EDGE.split(_whole_words(text, m.end(), min(right_edge, m.end() + 60)))[0]
        left = content_words(left_text)[-3:]
        right = content_words(right_text)[:4]
        out.append(Quantity(m.group().strip(), lo * scale, hi * scale, unit, hedge, per_day, left, right, m.start()))
    return out


@lru_cache(maxsize=1 << 18)
def prefix_affinity(a: str, b: str) -> float:
    """How strongly two words name the same thing: shared start (compound modifier) or equal stem.

    Cached: word overlap compares every claim word with every passage word, and the same
    pairs come back for each passage of each claim.
    """
    if a == b:
        return 1.0
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    if n >= 5 or (n >= 3 and n == min(len(a), len(b))):
        return 1.0
    if len(a) >= 6 and len(b) >= 6 and (a in b or b in a):
        return 0.5  # shared compound head: "kriminalitet" in "vinningskriminaliteten"
    return 0.0


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


def agree(claim: Quantity, evidence: Quantity) -> bool:
    """Do two quantities of the same unit agree, allowing for ranges and hedges?"""
    if claim.per_day is not None and evidence.per_day is not None:
        lo_c, hi_c = claim.low * claim.per_day, claim.high * claim.per_day
        lo_e, hi_e = evidence.low * evidence.per_day, evidence.high * evidence.per_day
    else:
        lo_c, hi_c, lo_e, hi_e = claim.low, claim.high, evidence.low, evidence.high
    tolerance = 0.1 if "about" in (claim.hedge, evidence.hedge) else 0.0
    lo_e2, hi_e2 = lo_e * (1 - tolerance), hi_e * (1 + tolerance)
    if evidence.hedge == "below":
        lo_e2 = lo_e * 0.8
    if evidence.hedge == "above":
        hi_e2 = float("inf")
    if claim.hedge == "below":
        return lo_e2 <= hi_c * 1.0 and lo_c * 0.8 <= hi_e2
    if claim.hedge == "above":
        return hi_e2 >= lo_c
    return lo_e2 - 1e-9 <= lo_c and hi_c <= hi_e2 + 1e-9 or lo_c - 1e-9 <= lo_e and hi_e <= hi_c + 1e-9


def comparable(a: Quantity, b: Quantity) -> bool:
    if a.per_day is not None or b.per_day is not None:
        return a.per_day is not None and b.per_day is not None
    return a.unit == b.unit
