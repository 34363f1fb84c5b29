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

from .number_words import FACTORS as _FACTORS, FREQUENCY as _FREQUENCY, HALF as _HALF, HEDGES as _HEDGES
from .number_words import NUMBER_WORDS
from .number_words import ONE_ARTICLES as _ONE, ORDINALS as _ORDINALS, PARTS as _PARTS, POSSESSIVES as _POSSESSIVES
from .number_words import MONTH_NUMBER as _MONTH_NUMBER, MONTHS as _MONTHS, month_number
from .number_words import RANKS as _RANKS, RANKS_OF_TIMES as _RANKS_OF_TIMES
from .number_words import SCALE as _SCALE, SPELLED as _SPELLED, UNITS as _UNITS, spelled_value
from .when import Span as _Span, clock_times, numeric_dates, short_decades, weekdays

_NUM = r"\d{1,3}(?:[ \u00a0.]\d{3})+(?:,\d+)?(?!\d)|\d+(?:[.,]\d+)?"
NUMBER = re.compile(_NUM)  # a figure in digits, as written
_WORDNUM = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_VALUE = rf"(?:{_NUM}|\b(?:{_WORDNUM})\b|\b(?:{'|'.join(_ONE)})(?=\s+milli(?:on|ard)(?:er|ar)?\b))"
_UNIT_RE = "|".join(f"(?:{u})" for u, _ in _UNITS)
# the scale words, longest first ("hundre tusen" before "hundre", "mill." before "mill")
_SCALE_RE = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(_SCALE, key=len, reverse=True))
_PATTERN = re.compile(
    rf"(?:(?P<between>\bmellom)\s+)?(?P<lo>\b(?:{_SPELLED})\b|{_VALUE})"  # "hundre og tjuefem" first, whole
    rf"(?(between)\s+og\s+(?P<hi2>{_VALUE})|(?:\s*(?:–|-|til|à)\s*(?P<hi>{_VALUE}))?)"
    rf"(?:\s*(?P<scale>{_SCALE_RE})(?![\wæøå]))?"
    rf"(?:\s*(?P<unit>{_UNIT_RE})(?![\wæøå]))?",
    re.IGNORECASE,
)
# shares said in words: "hver fjerde", "en tredjedel", "to tredjedeler", "halvparten", "ni av ti"
_FRACTION = re.compile(
    rf"\b(?:(?P<every>hver|hvert|kvar|kvart)\s+(?P<ord>{'|'.join(_ORDINALS)})"
    rf"|(?P<num>én|en|ei|ein|eitt|ett|{'|'.join(w for w in NUMBER_WORDS if NUMBER_WORDS[w] < 10)}|\d)\s+"
    rf"(?P<part>{'|'.join(_PARTS)})del(?:er|ar|en|ane|ene)?"
    rf"|(?P<half>{'|'.join(_HALF)})"
    rf"|(?P<a>{_WORDNUM}|\d{{1,3}})\s+av\s+(?:(?:{'|'.join(_POSSESSIVES)})\s+)?"
    rf"(?P<b>{_WORDNUM}|\d{{1,3}})(?!\s*(?:[\d%]|prosent)))\b",
    re.IGNORECASE,
)
_FACTOR = re.compile(rf"\b(?P<stem>{'|'.join(sorted(_FACTORS, key=len, reverse=True))})(?:et|te|t|a|es|er|ing|ingen|e)?\b",
                     re.IGNORECASE)
_AS_MUCH = re.compile(r"\s+(?:så|større|flere|fleire|mer|meir|høyere|høgare|mindre|færre|lavere|lågare)\b", re.IGNORECASE)
_DATE_AFTER = re.compile(rf"\.?\s*(?P<month>{_MONTHS})\b", re.IGNORECASE)
_WORD = re.compile(r"[\wæøåÆØÅ]+")
# words after which a year-like number is a year even before a noun ("i 2023 økte utgiftene")
_TIME_BEFORE = re.compile(r"\b(?:i|fra|frå|til|siden|sidan|innen|innan|før|etter|år|året|våren|sommeren|høsten|"
                          r"vinteren|mellom|og|per|pr\.|utgangen av|starten av|slutten av)\s*$", re.IGNORECASE)
_DECADE = re.compile(r"-?(?:tallets|tallet|talets|talet|tals|årenes|årene|åras|åra)\b", re.IGNORECASE)  # "1970-tallet", "1800-talet"
_PLACE_NUMBER = re.compile(r"(?<![\wæøå])(?:nummer|nr\.?)\s*$", re.IGNORECASE)
_MONEY_BEFORE = re.compile(r"(?<![\wæøå])(?:kr\.?|nok)\s*$", re.IGNORECASE)
_SEVERAL = re.compile(r"\b(?:flere|fleire|noen|nokre|nokon|mange|hundrevis av)\s+$", re.IGNORECASE)
_ASIDE = re.compile(r"\s*\([^()]*\)")
_CLAUSE_EDGE = re.compile(r"[,;:()]|\s(?:og|men|mens|samt|eller)\s|[.!?]\s+(?=[A-ZÆØÅ«])")  # a sentence end too
# what a figure is reckoned before, after or without is not what it measures: "2 511 milliarder kroner, før fradrag
# for forvaltningskostnader" is a return, not the costs
_QUALIFIER = re.compile(r"\b(?:(?:før|etter)\s+(?:fradrag|frådrag|skatt|avskrivning|avskriving)\w*|eksklusive|ekskl|"
                        r"inklusive|inkludert|inkl|medregnet|medrekna|fratrukket|fråtrekt)\b",
                        re.IGNORECASE)
# "30 pst. eller mer av inntektene": the "eller mer" bounds the figure, it does not end its clause
_OPEN_BOUND = re.compile(r"^\W*(?:eller|og)\s+(?:mer|meir|mindre|flere|fleire|fler|færre|over|under|høyere|høgare|lavere|lågare)\b",
                         re.IGNORECASE)
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
    unit: str  # percent, money, years, months, weeks, days, times, count, year, date, clock, number, ...
    hedge: str | None = None  # below, above, about
    per_day: float | None = None  # for frequencies like "to ganger daglig"
    left: list[str] = field(default_factory=list)  # content words before the number
    right: list[str] = field(default_factory=list)  # ... and after it ("65 % i vinningsforbrytelser")
    start: int = 0
    counted: str | None = None  # lemma of the noun a bare figure counts ("12 sykepleiere" -> sykepleier)

    @property
    def context(self) -> list[str]:
        return self.left + self.right

    def describe(self) -> str:
        return self.text


def to_float(token: str) -> float | None:
    """A figure as written ("1 234,5", "1.000.000", "tre", "én") as a number; None when it is none."""
    token = token.strip().lower()
    if token in NUMBER_WORDS:
        return float(NUMBER_WORDS[token])
    if token in _ONE:
        return 1.0
    if " " in token and token[0].isalpha():
        return spelled_value(token)  # "hundre og tjuefem"
    try:
        return float(plain_digits(token))
    except ValueError:
        return None


def plain_digits(written: str) -> str:
    """Digits as Python reads them: "1 234,5" is "1234.5", "1.000.000" is "1000000" (dots that group thousands)."""
    written = written.replace("\u00a0", "").replace(" ", "")
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", written):
        written = written.replace(".", "")
    return written.replace(",", ".")


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


def extract(text: str, tokens=()) -> list[Quantity]:
    """All quantities in `text` (years, dates, percentages and shares, amounts, durations, counts, frequencies).

    `tokens`: the parse of `text` (stance.syntax.tag); with it a bare figure learns which noun it
    counts, a year-like number before a noun ("2000 innbyggere") is a count, and a number word
    before a noun ("tre kommuner") counts too. Without it those figures are left out.
    """
    spans = _fractions(text) + clock_times(text) + short_decades(text)
    first = [(f.start, f.end) for f in spans]
    spans += [d for d in numeric_dates(text) + _factors(text) if _free(d.start, d.end, first)]
    taken = [(f.start, f.end) for f in spans] + [(m.start(), m.end()) for m in _DOCUMENT_NUMBER.finditer(text)]
    words = [r for r in _ranks(text, tokens) + weekdays(text) if _free(r.start, r.end, taken)]
    spans += words
    taken += [(r.start, r.end) for r in words]
    for m in _PATTERN.finditer(text):
        if not m.group().strip() or not _free(m.start(), m.end(), taken) or _in_name(text, m.start()):
            continue
        span = _number_span(text, m, tokens)
        if span is not None and (span.high < span.low or _year_to_amount(text, m)):
            # "fra 349 i januar 2001 til 277", "fra 18,8 millioner i 2017 til 937.000 kroner": not ranges
            parts = (_PATTERN.match(text, m.start("lo"), m.end("lo")), _PATTERN.match(text, m.start("hi") if m.group("hi") else m.start("hi2")))
            spans.extend(x for x in (_number_span(text, part, tokens) for part in parts if part) if x is not None)
        elif span is not None:
            spans.append(span)
    spans.sort(key=lambda f: f.start)
    return _share_listed_context(text, [_quantity(text, spans, n) for n in range(len(spans))])


def _free(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    """Does text[start:end] overlap none of the spans already read as a figure (or as no figure)?"""
    return not any(a < end and start < b for a, b in taken)


_YEAR_LIKE = re.compile(r"(1[89]|20)\d\d")  # a number that may be a year
# a document's number is no figure: "NOU 1975:30", "NOU 2023:4", "ISO 9001:2015"
_DOCUMENT_NUMBER = re.compile(rf"\b{_YEAR_LIKE.pattern}:\d+\b")
# a number joined to a word, directly or by a hyphen, is part of a name or a code, not a figure: "Dongfeng-41",
# "F-35", "covid-19", "A11", "G20-landene"; an amount after its currency is one ("kr78 000", "NOK1,2 mrd")
_IN_NAME = re.compile(r"([A-Za-zÆØÅæøå]+)-?$")


def _in_name(text: str, start: int) -> bool:
    joined = _IN_NAME.search(text, max(0, start - 8), start)
    return joined is not None and joined.group(1).lower() not in ("kr", "nok")


def _year_to_amount(text: str, m: re.Match) -> bool:
    """A year after a time word, then "til" and a figure that is no year ("i 2017 til 937.000 kroner"): the year
    ends one figure's phrase and the next figure starts another; a span of years ("fra 2017 til 2019") stays."""
    hi = m.group("hi")
    return bool(hi and _YEAR_LIKE.fullmatch(m.group("lo")) and _TIME_BEFORE.search(text[: m.start()])
                and not (_YEAR_LIKE.fullmatch(hi) or re.fullmatch(r"\d\d", hi)))


# what stands between the members of a list of figures: "i 2023 og 2024", "12, 15 eller 20 prosent"
_LISTED = re.compile(r"^\s*(?:,|og|eller|samt|,\s*og)\s*(?:i|på|fra|for)?\s*$", re.IGNORECASE)


_DAY_THEN = {"weekday": ("date", "year"), "date": ("year",)}


def _date_and_year(day: Quantity, then: Quantity, between: str) -> bool:
    """A day and the date or year right after it are one date ("mandag 1. januar 1999"): the year is about what
    the day is."""
    return then.unit in _DAY_THEN.get(day.unit, ()) and re.fullmatch(r"\s*,?\s*", between) is not None


def _share_listed_context(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """Figures listed together ("både i 2023 og 2024"), and a day with its year, are about the same words: each
    member gets the words before the first and after the last, where the neighbouring figure had cut them off."""
    groups: list[list[Quantity]] = []
    for q in quantities:
        last = groups[-1][-1] if groups else None
        between = text[last.start + len(last.text):q.start] if last is not None else ""
        if last is not None and (last.unit == q.unit and _LISTED.match(between) or _date_and_year(last, q, between)):
            groups[-1].append(q)
        else:
            groups.append([q])
    for group in (g for g in groups if len(g) > 1):
        left, right = group[0].left, group[-1].right
        for q in group:
            q.left, q.right = list(left), list(right)
    return quantities


def _factors(text: str) -> list[_Span]:
    """"tidoblet" is ten times, "halvert" half: a factor, like "ti ganger så mange" (not "tre ganger i uken")."""
    return [_Span(m.start(), m.end(), _FACTORS[m.group("stem").lower()], _FACTORS[m.group("stem").lower()], "factor")
            for m in _FACTOR.finditer(text)]


_RANK = re.compile(rf"\b(?:{'|'.join(_RANKS)})\b|\b(?:{'|'.join(_RANKS_OF_TIMES)})\b(?=\s+g[ao]ng\b)", re.IGNORECASE)
_RANK_VALUE = {**_RANKS, **_RANKS_OF_TIMES}


def _ranks(text: str, tokens) -> list[_Span]:
    """A place in an order said in words ("det femte rikeste landet", "for tolvte gang"), with the noun it ranks
    when the parse gives one: the fifth is no answer to the fifteenth."""
    return [_Span(m.start(), m.end(), _RANK_VALUE[m.group().lower()], _RANK_VALUE[m.group().lower()], "rank",
                  "gang" if m.group().lower() in _RANKS_OF_TIMES  # "for andre gong": the times, whatever the parse says
                  else _counted_noun(text, m.end(), tokens, number_at=m.start(), adjectives=2))
            for m in _RANK.finditer(text)]


def _fractions(text: str) -> list[_Span]:
    """Shares in words as percentages: "hver fjerde" 25, "to tredjedeler" 66.7, "ni av ti" 90, "halvparten" 50."""
    out = []
    for m in _FRACTION.finditer(text):
        if m.group("every"):
            value = 100.0 / _ORDINALS[m.group("ord").lower()]
        elif m.group("part"):
            value = 100.0 * (to_float(m.group("num")) or 1.0) / _PARTS[m.group("part").lower()]
        elif m.group("half"):
            value = _HALF[m.group("half").lower()]
        else:
            a, b = to_float(m.group("a")), to_float(m.group("b"))
            if not a or not b or not 2 <= b <= 100 or a > b:
                continue
            value = 100.0 * a / b
        out.append(_Span(m.start(), m.end(), value, value, "share"))
    return out


# "§ 3-2", "tabell 4-1", "kapittel 2-3": a place in a law or a report, not a result
_REFERENCE_BEFORE = re.compile(r"(?:§|\b(?:paragraf|kapit|kap\.|tabell|figur|punkt|artikkel|vedlegg|side\b|s\.)[\wæøå]*)\s*$",
                               re.IGNORECASE)


def _score(text: str, m: re.Match, lo: float, hi: float) -> bool:
    """"tapte 0-3", "slo Brann 4 – 1": two small whole numbers joined by a dash, with no unit and nothing counted,
    are a result, not a range from 0 to 3. Compared as the pair of goals, so "0-2" denies "0-3" and "2-0" is "0-2"
    (which side won is the verb's business). Only where no range is written so: from 0, or not rising ("4-1",
    "1-1"); "økte med 10–12" is a range, and "1-2" may be either, so stays one."""
    if not m.group("hi") or m.group("scale") or m.group("unit") or not lo.is_integer() or not hi.is_integer():
        return False
    if 0 < lo < hi:
        return False
    dash = text[m.end("lo") : m.start("hi")]
    return dash.strip() in ("-", "–") and max(lo, hi) <= 30 and not _REFERENCE_BEFORE.search(text, 0, m.start()) \
        and m.group("lo").isdigit() and m.group("hi").isdigit()


def _number_span(text: str, m: re.Match, tokens) -> _Span | None:
    lo_text, hi_text = m.group("lo"), m.group("hi") or m.group("hi2")
    lo, hi = to_float(lo_text), to_float(hi_text or lo_text)
    if lo is None or hi is None:
        return None
    end = m.end()
    unit_word = (m.group("unit") or "").lower()
    unit = next((kind for pat, kind in _UNITS if unit_word and re.fullmatch(pat, unit_word)), None)
    is_word = lo_text.strip().lower() in NUMBER_WORDS
    counted = None
    if unit is None and _MONEY_BEFORE.search(text, 0, m.start()):
        unit = "money"  # "kr 78.000,-", "NOK 1,2 mrd": the currency before the amount
    if unit is None and not hi_text and not m.group("scale") and _PLACE_NUMBER.search(text, 0, m.start()):
        return _Span(m.start(), end, lo, hi, "rank")  # "nummer to i arverekken": a place in an order, as "andre" is
    if unit is None:
        date = _DATE_AFTER.match(text, m.end())
        if date and not hi_text and not m.group("scale") and not is_word and lo.is_integer() and 1 <= lo <= 31 \
                and (text[m.end() : m.end() + 1] == "." or date.group("month").lower() in _MONTH_NUMBER):
            value = month_number(date.group("month")) * 100 + lo  # "18. april" is not 18 of anything, and not 18. mai
            return _Span(m.start(), date.end(), value, value, "date")
        year_like = _YEAR_LIKE.fullmatch(lo_text) is not None
        counted = None if year_like and _TIME_BEFORE.search(text[: m.start()]) else \
            _counted_noun(text, end, tokens, number_at=m.start(), adjectives=0 if year_like else 2)
        if counted is None and _score(text, m, lo, hi):
            value = min(lo, hi) * 100 + max(lo, hi)  # the goals of both sides, whoever scored them
            return _Span(m.start(), end, value, value, "score")
        if is_word and counted is None:
            return None  # "to" and "ti" without a unit or a counted noun are far too ambiguous
        if year_like and counted is None:
            unit = "year"
            if hi_text and len(hi_text) == 2:  # 2022-23
                hi = float(lo_text[:2] + hi_text)
            elif not hi_text and lo % 10 == 0 and (decade := _DECADE.match(text, m.end())):  # "1970-talet": 1970-1979
                hi, end = lo + (99 if lo % 100 == 0 else 9), decade.end()
        else:
            unit = "number"
    elif unit == "years" and unit_word == "års" and _YEAR_LIKE.fullmatch(lo_text) and not hi_text:
        unit = "year"  # "2019 års budsjett" is the year's budget, not 2019 years of one
    elif unit == "count":
        counted = unit_word
    elif unit == "times" and _AS_MUCH.match(text, m.end()):
        unit = "factor"
    scale = _SCALE.get(" ".join((m.group("scale") or "").lower().rstrip(".").split()), 1.0) if m.group("scale") else 1.0
    if not hi_text and lo_text.lower() in ("hundre", "tusen") and _SEVERAL.search(text[: m.start()]):
        lo, hi = 2 * lo, 9.99 * lo  # "flere hundre år", "noen tusen kroner": a span, not 100 or 1000
    return _Span(m.start(), end, lo * scale, hi * scale, unit, counted)


def _counted_noun(text: str, end: int, tokens, number_at: int, adjectives: int = 2) -> str | None:
    """The lemma of the noun right after a bare number ("12 nye sykepleiere" -> sykepleier), from the parse;
    None without a parse, or when the number itself is not read as a numeral there."""
    if not tokens:
        return None
    own = next((t for t in tokens if t.start <= number_at < t.end), None)
    if own is None or own.pos not in ("NUM", "DET", "ADJ", "PRON", "NOUN") or (own.pos == "NOUN" and own.text[0].isalpha()):
        return None
    bound = _OPEN_BOUND.match(text[end:])  # "50.000 eller flere innbyggere" counts innbyggere
    if bound:
        end += bound.end()
    i = next((t.index for t in tokens if t.start >= end), None)
    for _ in range(adjectives + 1):
        if i is None or i >= len(tokens):
            return None
        t = tokens[i]
        if t.pos in ("NOUN", "PROPN") and t.text[0].isalpha():
            return None if _DATE_AFTER.fullmatch(t.text) else t.lemma
        if t.pos not in ("ADJ", "DET"):  # "12 nye sykepleiere", "fem andre personer", "tre slike saker"
            return None
        i += 1
    return None


def _quantity(text: str, spans: list[_Span], n: int) -> Quantity:
    """A span with its hedge, frequency and the content words around it (up to the neighbouring figures)."""
    f = spans[n]
    before = text[max(0, f.start - 20) : f.start].lower()
    hedge = next((h for w, h in sorted(_HEDGES.items(), key=lambda x: -len(x[0]))
                  if re.search(rf"(?<![\wæøå]){re.escape(w)}\s*$", before)), None)
    unit = f.unit
    if unit == "share":  # a share in words is a rounded percentage
        unit, hedge = "percent", hedge or "about"
    after = text[f.end : f.end + 20].lower()
    per_day = None
    if unit == "times":
        per_day = next((v for w, v in _FREQUENCY.items() if after.lstrip().startswith(w)), None)
    left_edge = spans[n - 1].end if n else 0
    right_edge = spans[n + 1].start if n + 1 < len(spans) else len(text)
    # an aside in brackets before a figure is no clause edge: "gitt syntetisk cannabis (såkalt dronabinol) til syv
    # personer". After it, it is one: "50 statene (pluss Washington DC) avgjør" goes on with the main clause
    left_text = _CLAUSE_EDGE.split(_ASIDE.sub(" ", _whole_words(text, max(left_edge, f.start - 60), f.start)))[-1]
    right_text = _CLAUSE_EDGE.split(_OPEN_BOUND.sub("", _whole_words(text, f.end, min(right_edge, f.end + 60))))[0]
    right_text = _QUALIFIER.split(right_text)[0]
    left = content_words(left_text)[-3:]
    right = content_words(right_text)[:4]
    return Quantity(text[f.start : f.end].strip(), f.low, f.high, unit, hedge, per_day, left, right, f.start, f.counted)


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
    short, long = sorted((a, b), key=len)
    if len(short) >= 6 and long.find(short) >= 3:
        return 0.5  # shared compound head: "kriminalitet" in "vinningskriminaliteten"; not "kommet" in "omkommet"
    return 0.0
