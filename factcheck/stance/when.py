"""Figures that say when, found before the amounts: a day of a month ("31.12."), a day of the week, a decade written
short or in words ("på 80-tallet", "sekstitallet") and a time of day ("klokka 13", "kl. 15.30"). Each is compared
only with its own kind: a date is not a count, and 13 o'clock is not 13 of anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .number_words import NUMBER_WORDS, WEEKDAYS


@dataclass
class Span:
    """A figure found in the text before hedge and context are read."""
    start: int
    end: int
    low: float
    high: float
    unit: str
    counted: str | None = None


_NUMERIC_DATE = re.compile(r"\b(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?:(?P<year>(?:19|20)\d\d)\b)?")
# a time of day: "klokka 13", "kl. 15.30", "klokken 10–12"; 13 is no count of anything
_HOUR_WORD = "|".join(sorted((w for w, n in NUMBER_WORDS.items() if 1 <= n <= 24), key=len, reverse=True))
_CLOCK = re.compile(rf"\b(?:kl\.|kl\b|klokka|klokken)\s*(?P<hour>[012]?\d|(?:{_HOUR_WORD})\b)(?:[.:](?P<minute>[0-5]\d))?"
                    r"(?:\s*(?:–|-|til)\s*(?P<hour2>[012]?\d)(?:[.:](?P<minute2>[0-5]\d))?)?(?!\d|,\d)", re.IGNORECASE)
_CLOCK_BOUND = re.compile(r"\b(?:før|innen|etter|seinare enn|senere enn|tidligere enn|tidlegare enn)\s+$", re.IGNORECASE)
# a time listed after one ("klokka 16.03 og 16.16"): written with its minutes, it is a time of day too
_CLOCK_LISTED = re.compile(r"\s*(?:,|og|eller)\s*(?P<hour>[012]?\d)[.:](?P<minute>[0-5]\d)(?!\d|,\d)", re.IGNORECASE)

# a decade of the last century written short or in words: "på 80-tallet", "slutten av 90-talet", "sekstitallets";
# not "20-tallet" (the 1920s or the 2020s) nor "20-årene" (an age)
_SHORT_DECADE = re.compile(r"\b(?:(?P<digits>[3-9]0)-|(?P<word>tretti|førti|femti|seksti|sytti|åtti|nitti))"
                           r"(?:tallets|tallet|talets|talet)\b", re.IGNORECASE)
_DECADE_WORD = {"tretti": 30, "førti": 40, "femti": 50, "seksti": 60, "sytti": 70, "åtti": 80, "nitti": 90}


def short_decades(text: str) -> list[Span]:
    """"på 80-tallet", "sekstitallet": the years 1980–1989 and 1960–1969, as "1980-tallet" is."""
    out = []
    for m in _SHORT_DECADE.finditer(text):
        start = 1900 + (int(m.group("digits")) if m.group("digits") else _DECADE_WORD[m.group("word").lower()])
        out.append(Span(m.start(), m.end(), start, start + 9, "year"))
    return out


def _hour(written: str) -> int:
    return int(written) if written.isdigit() else int(NUMBER_WORDS[written.lower()])


def clock_times(text: str) -> list[Span]:
    """"klokka 13", "kl. 15.30": a time of day in minutes after midnight, compared with times of day only."""
    out = []
    for m in _CLOCK.finditer(text):
        low = _hour(m.group("hour")) * 60 + int(m.group("minute") or 0)
        high = int(m.group("hour2")) * 60 + int(m.group("minute2") or 0) if m.group("hour2") else low
        if not low <= high <= 24 * 60 or _CLOCK_BOUND.search(text, 0, m.start()):
            continue  # "før klokka 15.00" bounds a time of day without saying it: no figure to confirm or deny
        out.append(Span(m.start(), m.end(), low, high, "clock"))
        while listed := _CLOCK_LISTED.match(text, out[-1].end):
            value = int(listed.group("hour")) * 60 + int(listed.group("minute"))
            out.append(Span(listed.start("hour"), listed.end(), value, value, "clock"))
    return out


def numeric_dates(text: str) -> list[Span]:
    """"31.12.", "1.6.2001": a day of a month (its year, when given, is read as a year of its own)."""
    out = []
    for m in _NUMERIC_DATE.finditer(text):
        day, month = int(m.group("day")), int(m.group("month"))
        if 1 <= day <= 31 and 1 <= month <= 12:
            out.append(Span(m.start(), m.end("month") + 1, month * 100 + day, month * 100 + day, "date"))
            if m.group("year"):
                year = float(m.group("year"))
                out.append(Span(m.start("year"), m.end("year"), year, year, "year"))
    return out


_WEEKDAY = re.compile(rf"\b(?P<day>{'|'.join(WEEKDAYS)})(?:en|ens|s)?\b", re.IGNORECASE)


def weekdays(text: str) -> list[Span]:
    """"på tirsdag", "fredagen": the day of the week something happened, a time like a date."""
    return [Span(m.start(), m.end(), WEEKDAYS[m.group("day").lower()], WEEKDAYS[m.group("day").lower()], "weekday")
            for m in _WEEKDAY.finditer(text)]
