"""A claim read against one table row: the figure of the claim's year, and the trend between two years.

corpus/tables.py renders a data row as "label | header: value | header: value"; each value keeps its
column header, so a claim's figure is compared with the value in the column of the claim's year, and a
claimed change ("gikk ned fra 2019 til 2022", "mer enn doblet", "økt hvert år siden 2019") with the
values of those years. Nothing here knows a topic: a column's year is read from its header, and a row
is about the claim when the claim names most of the words of its label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..corpus.tables import read_row
from ..text.years import YEAR
from . import polarity, syntax
from .findings import Finding, bilingual
from .figure_match import agree
from .quantities import Quantity, content_words, to_float
from .variants import INFLECTION_ENDINGS, inflected_forms

# a column of changes, not of levels ("Endr. 2023 t.o.m Kv3", "Endring i %", "Change"): never a year's figure
_CHANGE = re.compile(r"\b(?:endr|endring|change|diff|differanse)", re.IGNORECASE)
_PERCENT = re.compile(r"%|\bprosent|\bandel|\bdel av\b|\bshare\b", re.IGNORECASE)
_MONEY = re.compile(r"\bkr\b|kroner|\bmill\b|mill\.|\bmrd|milliard|\bnok\b|euro|dollar", re.IGNORECASE)
_SINCE = re.compile(r"\b(?:siden|sidan|sia|fra|frå|etter|since)\s+(?:utgangen\s+av\s+|starten\s+av\s+)?$",
                    re.IGNORECASE)
_EVERY_YEAR = re.compile(r"\b(?:hvert|kvart|hvert eneste|kvart einaste)\s+år\b|\bår for år\b", re.IGNORECASE)
LABEL_NAMED = 0.5  # a row is about a claim that names half its label's words, and whose subject it half names


@dataclass
class Column:
    header: str
    text: str
    value: float
    year: int | None


@dataclass
class TableRow:
    label: str
    columns: list[Column]

    @property
    def percent(self) -> bool:
        return bool(_PERCENT.search(self.label))

    @property
    def money(self) -> bool:
        return bool(_MONEY.search(self.label)) or any(_MONEY.search(c.header) for c in self.columns)

    def year_values(self) -> dict[int, Column]:
        """Each year's figure: the last column of that year (the latest quarter or month), changes left out."""
        out: dict[int, Column] = {}
        for c in self.columns:
            if c.year is not None and not _CHANGE.search(c.header):
                out[c.year] = c
        return out


def parse_row(text: str) -> TableRow | None:
    """The rendered row back as label and columns; None for any other passage."""
    read = read_row(text)
    if read is None:
        return None
    label, cells = read
    columns = []
    for header, value in cells:
        number = to_float(value.replace("\u2212", "-"))
        if number is None:
            continue
        year = YEAR.search(header)
        columns.append(Column(header.strip(), value.strip(), number, int(year.group(1)) if year else None))
    return TableRow(label.strip(), columns) if columns else None


# words about when and how much, which a row label never holds ("siden 2019", "ved utgangen av", "antallet")
_NOT_SUBJECT = frozenset("siden sidan sia utgangen starten slutten hvert kvart året perioden antallet antall talet "
                         "tal".split())


def _names(a: str, b: str) -> float:
    """1 for one word in two inflections, 0.5 when one is a part of the other compound ("lister" in
    "fastlegelister", "liste" in "listeinnbyggere"), else 0. Stricter than prefix_affinity, whose shared start
    joins "fastleger" and "fastlegelister": two rows of one table differ by just such words."""
    if inflected_forms(a, b):
        return 1.0
    short, long = sorted((a, b), key=len)
    if len(short) < 4 or len(long) <= len(short) + 2:
        return 0.0
    modifier = any(long.startswith(short[:k]) and short[k:] in INFLECTION_ENDINGS for k in range(4, len(short) + 1))
    head = any(inflected_forms(short, long[k:]) for k in range(1, len(long) - 3))
    return 0.5 if modifier or head or short in long else 0.0


_SUBJECT_POS = frozenset(("NOUN", "PROPN", "ADJ"))
# rows of one table differ by "med"/"uten" ("Lister med fast lege", "Lister uten fast lege"): those words count
_WITH = frozenset(("med", "uten", "utan", "unntatt", "inkl", "ekskl"))
# function words, and words that name the unit, which is compared apart ("Andel ... (%)" for a claim in percent)
_FUNCTION = frozenset("og i på som er av for til det en et ei den de eller om ved the of and in "
                      "andel andelen prosent pst antall antallet tal talet".split())
_LETTERS = re.compile(r"[^\W\d_]+")


def words(text: str) -> list[str]:
    """The words of a label or claim that can tell two rows apart: all but a few function words and the
    one- and two-letter pieces of abbreviations ("Gj.snitt", "u fast lege", "lister m fast lege")."""
    return [w for w in (m.group().lower() for m in _LETTERS.finditer(text)) if w not in _FUNCTION and len(w) > 2]


def subject_words(claim: str, figures: list[Quantity]) -> list[str]:
    """What the claim is about, to be found in a row label: its nouns and adjectives by the parse (its content
    words without one) and "med"/"uten", leaving out words about time and change and the figures' own words
    ("en femtedel", "15 prosent")."""
    spans = [(q.start, q.start + len(q.text)) for q in figures]
    tokens = [t for t in syntax.tag(claim) if not any(a <= t.start < b for a, b in spans)]
    found = [t.text.lower() for t in tokens if t.pos in _SUBJECT_POS or t.text.lower() in _WITH] if tokens else \
        [w for w in words(claim) if w in _WITH or w in content_words(claim)]
    return [w for w in dict.fromkeys(found) if w not in _NOT_SUBJECT and w not in _FUNCTION
            and not polarity.direction(w)]


def label_fit(claim_words: list[str], subject: list[str], label: str) -> float:
    """How well a row label and a claim name each other: the share of the label's words (`words`) the claim
    names times the share of the claim's subject words (`subject_words`) the label names; 0 unless each
    share is at least LABEL_NAMED."""
    label_words = words(label)
    if not label_words or not subject:
        return 0.0
    named = sum(max(_names(w, c) for c in claim_words) for w in label_words) / len(label_words)
    covered = sum(max(_names(c, w) for w in label_words) for c in subject) / len(subject)
    return named * covered if min(named, covered) >= LABEL_NAMED else 0.0


ROUNDING = 0.05  # a rounded figure is at most this far from the value: "6 000" for 6 200; "50 %" for 47.4 % is not


def _rounds_to(claim: Quantity, value: float) -> bool:
    """The claim's figure is the value rounded as the claim writes it ("212 000" or "210 000" for 212 286),
    and no further from it than ROUNDING (percentage points: half a point)."""
    if claim.low != claim.high:
        return False
    if abs(claim.low - value) > (0.5 if claim.unit == "percent" else ROUNDING * abs(value)):
        return False
    digits = claim.text.replace("\u00a0", " ")
    decimals = len(digits.split(",", 1)[1].split()[0]) if "," in digits else 0
    step = 10.0 ** -decimals
    if not decimals:
        whole = int(round(claim.low))
        while whole and whole % 10 == 0 and step < abs(claim.low):
            whole //= 10
            step *= 10
    return abs(round(value / step) * step - claim.low) < step / 2


def _agrees(claim: Quantity, column: Column) -> bool:
    found = Quantity(column.text, column.value, column.value, claim.unit)
    return agree(claim, found) or _rounds_to(claim, column.value)


def _year_of(q: Quantity, figures: list[Quantity]) -> Quantity | None:
    """The year a figure is said of: the first year after it and before the claim's next figure ("42 % i 2019
    til 79 % i 2022"), else the closest one before it ("I 2023 var over en femtedel ...")."""
    ordered = sorted(figures, key=lambda f: f.start)
    after = ordered[ordered.index(q) + 1:]
    for f in after:
        if f.unit == "year":
            return f
        if f.unit != "date":
            break
    before = [f for f in ordered if f.unit == "year" and f.start < q.start]
    return before[-1] if before else None


def _where(column: Column, row: TableRow) -> str:
    return f"{column.header} ({row.label})" if column.header else row.label


def _as_claimed(column: Column, row: TableRow) -> dict[str, str]:
    return bilingual(f"Tabellen sier {column.text} for {_where(column, row)}, som påstanden.",
                f"The table says {column.text} for {_where(column, row)}, as the claim does.")


def check_values(claim: str, figures: list[Quantity], row: TableRow) -> list:
    """Each figure of the claim against the row's value in the column of the figure's year."""
    findings = []
    by_year = row.year_values()
    used: set[str] = set()
    label_words = words(row.label)
    for q in figures:
        if q.unit not in ("number", "count", "percent") or row.money:
            continue
        if q.counted and not any(_names(q.counted, w) for w in label_words):
            continue  # "5 395 lister" is no figure of the row "Fastleger", whatever else the claim says of it
        year = _year_of(q, figures)
        if year is not None and year.low == year.high and int(year.low) in by_year:
            column = by_year[int(year.low)]
            if _agrees(q, column):
                message = _as_claimed(column, row)
                findings.append(Finding("number", "supports", message, q.text, column.text))
                if year.text not in used:  # the year is found too: its column holds the claim's figure
                    used.add(year.text)
                    findings.append(Finding("number", "supports", message, year.text, column.header))
            else:
                findings.append(Finding("number", "contradicts", bilingual(
                    f"Tabellen sier {column.text} for {_where(column, row)}, påstanden sier {q.text}.",
                    f"The table says {column.text} for {_where(column, row)}, the claim says {q.text}."),
                    q.text, column.text))
        elif year is None:  # no year said: any column that agrees supports, none can contradict
            column = next((c for c in row.columns if not _CHANGE.search(c.header) and _agrees(q, c)), None)
            if column is not None:
                findings.append(Finding("number", "supports", _as_claimed(column, row), q.text, column.text))
    return findings


def _span(claim: str, years: list[Quantity], by_year: dict[int, Column]) -> tuple[int, int] | None:
    """The first and last year of the change the claim states ("fra 2019 til 2022", "siden 2019": the last year
    the table has)."""
    ranged = [y for y in years if y.low != y.high]
    if ranged:
        return int(ranged[0].low), int(ranged[0].high)
    points = sorted({int(y.low) for y in years})
    if len(points) >= 2:
        return points[0], points[-1]
    if len(points) == 1 and by_year and _SINCE.search(claim[: next(y.start for y in years)]):
        return points[0], max(by_year)
    return None


def check_trend(claim: str, figures: list[Quantity], row: TableRow) -> list:
    """A change the claim states (direction, factor, "hvert år") against the row's values of those years."""
    by_year = row.year_values()
    years = [q for q in figures if q.unit == "year"]
    span = _span(claim, years, by_year)
    if span is None or span[0] not in by_year or span[1] not in by_year or span[0] >= span[1]:
        return []
    first, last = by_year[span[0]], by_year[span[1]]
    if first.value == 0:
        return []
    factors = [q for q in figures if q.unit == "factor"]
    way = polarity.direction(claim)
    steps = [by_year[y].value for y in sorted(by_year) if span[0] <= y <= span[1]]
    change = last.value - first.value
    moved = 0 if abs(change) <= 0.005 * abs(first.value) else (1 if change > 0 else -1)
    said = {1: ("økning", "an increase"), -1: ("nedgang", "a decrease"), 0: ("ingen endring", "no change")}
    seen = bilingual(f"fra {first.text} ({first.header}) til {last.text} ({last.header}) for {row.label}",
                f"from {first.text} ({first.header}) to {last.text} ({last.header}) for {row.label}")
    used = [y.text for y in years]
    if factors:
        q = factors[0]
        ratio = last.value / first.value
        ok = agree(q, Quantity(f"{ratio:.2f}", ratio, ratio, "factor")) or (
            q.hedge is None and abs(ratio - q.low) <= 0.1 * q.low)
        effect = "supports" if ok else "contradicts"
        times = f"{ratio:.1f}"
        said_nb, said_en = (f"som påstanden («{q.text}»)", f"as the claim does (“{q.text}”)") if ok else (
            f"påstanden sier {q.text}", f"the claim says {q.text}")
        message = bilingual(f"Tabellen viser en endring {seen['nb']}: {times.replace('.', ',')} ganger, {said_nb}.",
                       f"The table shows a change {seen['en']}: {times} times, {said_en}.")
        return [Finding("number", effect, message, q.text, times)] + (
            [Finding("number", "supports", message, y, "") for y in used] if ok else [])
    if not way:
        return []
    if moved == way and _EVERY_YEAR.search(claim) and not all((b - a) * way > 0 for a, b in zip(steps, steps[1:])):
        listed = ", ".join(f"{by_year[y].text} ({y})" for y in sorted(by_year) if span[0] <= y <= span[1])
        message = bilingual(f"Tabellen viser ikke {said[way][0]} hvert år for {row.label}: {listed}.",
                       f"The table does not show {said[way][1]} every year for {row.label}: {listed}.")
        return [Finding("direction", "contradicts", message, said[way][0], listed)]
    if moved == way:
        message = bilingual(f"Tabellen viser {said[way][0]} {seen['nb']}, som påstanden.",
                       f"The table shows {said[way][1]} {seen['en']}, as the claim does.")
        return [Finding("number", "supports", message, y, "") for y in used]
    message = bilingual(f"Tabellen viser {said[moved][0]} {seen['nb']}, påstanden sier {said[way][0]}.",
                   f"The table shows {said[moved][1]} {seen['en']}, the claim says {said[way][1]}.")
    return [Finding("direction", "contradicts", message, said[way][0], said[moved][0])]


def check_table(claim: str, row: TableRow, table_labels=()) -> list:
    """Findings of a claim against a table row, when the claim is about that row: no other row of the table
    (`table_labels`) fits the claim as well, and the claim names at least half of the row's label.
    None for a negated claim ("har ikke økt" states no figure)."""
    if polarity.negated(claim):
        return []
    figures = list(syntax.figures(claim))  # with the parse: the noun each figure counts
    share = any(q.unit == "percent" for q in figures) or bool(_PERCENT.search(claim))
    if row.percent != share:  # a count is no answer to a claim about a share, nor a share to one about a count
        return []
    subject, said = subject_words(claim, figures), words(claim)
    fit = label_fit(said, subject, row.label)
    if not fit or any(label_fit(said, subject, other) >= fit for other in table_labels
                      if other != row.label and bool(_PERCENT.search(other)) == share):
        return []
    found = check_values(claim, figures, row) + check_trend(claim, figures, row)
    # a year both picks a column and bounds a change: found once, so that no figure counts twice
    return list({(f.kind, f.effect, f.claim_value or id(f)): f for f in reversed(found)}.values())[::-1]
