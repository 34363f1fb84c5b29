"""The words Norwegian uses for figures: number words, scales, units, hedges, frequencies, shares, factors.

Vocabulary, bokmål and nynorsk, and the value of a number written out in several words; quantities.py
reads text with it.
"""

from __future__ import annotations

NUMBER_WORDS = {
    "én": 1, "ett": 1, "eitt": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6, "sju": 7, "syv": 7,
    "åtte": 8, "ni": 9, "ti": 10, "elleve": 11, "tolv": 12, "tretten": 13, "fjorten": 14, "femten": 15,
    "seksten": 16, "sytten": 17, "atten": 18, "nitten": 19, "tjue": 20, "tjuge": 20, "tretti": 30,
    "førti": 40, "femti": 50, "seksti": 60, "sytti": 70, "åtti": 80, "nitti": 90, "hundre": 100, "tusen": 1000,
    "halvparten": 50, "dobbelt": 200, "éin": 1, "halvannen": 1.5, "halvannet": 1.5, "halvanna": 1.5,
}
# tens and units written as one word: "trettifem", "tjuetre", "førtiåtte" (bokmål and nynorsk)
_TENS = ("tjue", "tjuge", "tretti", "førti", "femti", "seksti", "sytti", "åtti", "nitti")
_UNITS_AFTER_TENS = (("en", 1), ("ein", 1), ("to", 2), ("tre", 3), ("fire", 4), ("fem", 5), ("seks", 6), ("sju", 7),
                     ("syv", 7), ("åtte", 8), ("ni", 9))
NUMBER_WORDS.update({ten + unit: NUMBER_WORDS[ten] + value for ten in _TENS for unit, value in _UNITS_AFTER_TENS})
# numbers written out in several words: "hundre og tjuefem", "fire hundre", "to tusen og fem hundre". "og" joins
# only after "hundre" or "tusen", so a list ("to og tre") stays two figures. The tens with their units as one
# pattern, not as the ~90 words they make: SPELLED repeats it eight times
_BELOW_TWENTY = sorted((w for w, v in NUMBER_WORDS.items() if float(v).is_integer() and 1 <= v < 20),
                       key=len, reverse=True)
_BELOW_HUNDRED = (rf"(?:{'|'.join(_TENS)})(?:{'|'.join(u for u, _ in _UNITS_AFTER_TENS)})?|{'|'.join(_BELOW_TWENTY)}")
_HUNDREDS = rf"(?:(?:{_BELOW_HUNDRED})\s+)?hundre(?:\s+og\s+(?:{_BELOW_HUNDRED}))?"
_BELOW_THOUSAND = rf"(?:{_HUNDREDS}|{_BELOW_HUNDRED})"
SPELLED = rf"(?:(?:{_BELOW_THOUSAND})\s+)?tusen(?:\s+(?:og\s+)?{_BELOW_THOUSAND})?|{_HUNDREDS}"


def spelled_value(text: str) -> float | None:
    """The value of a number written out in words ("hundre og tjuefem" 125, "to tusen og fem hundre" 2500,
    "tre hundre tusen" 300 000); None when a word is no number word."""
    total, current = 0.0, 0.0
    for word in text.lower().split():
        if word == "og":
            continue
        if word == "hundre":
            current = (current or 1.0) * 100
        elif word == "tusen":
            total, current = total + (current or 1.0) * 1000, 0.0
        elif word in NUMBER_WORDS:
            current += NUMBER_WORDS[word]
        else:
            return None
    return total + current


ONE_ARTICLES = ("en", "ei", "ein", "ett", "eitt")  # an article before a scale word is a figure: "en million", "ein milliard"
SCALE = {"hundre tusen": 1e5, "hundre": 1e2, "tusen": 1e3, "million": 1e6, "millioner": 1e6, "millionar": 1e6,
         "mill.": 1e6, "mill": 1e6, "milliard": 1e9, "milliardar": 1e9, "milliarder": 1e9, "mrd.": 1e9, "mrd": 1e9}
UNITS = [
    (r"prosentpoeng|prosentpoenget|prosentpoenga", "points"),  # a change of a share, not a share: 9,9 % fell 4,9 points
    (r"%|prosents?|pst\.?", "percent"),  # the genitive too: "10 prosents toll", "en 50 kroners økning"
    (r"kroners?|kr\.?|nok|euro|dollar", "money"),
    (r"år(?:et|a|s)?", "years"),  # the genitive too: "fem års fengsel"
    (r"måneders|månaders|måneder|måneden|månader|mnd\.?", "months"),
    (r"ukers|vekers|uker|veker|uke|veke", "weeks"),
    (r"dagers|dagars|døgns|dager|dagar|døgn", "days"),
    (r"ganger|gonger|gang|gong", "times"),
    (r"pasienter|personer|mennesker|menneske|deltakere|studier", "count"),
]
HEDGES = {
    "nesten": "below", "under": "below", "mindre enn": "below", "færre enn": "below", "knapt": "below",
    "over": "above", "mer enn": "above", "flere enn": "above", "minst": "above", "godt over": "above",
    "ca.": "about", "ca": "about", "cirka": "about", "omkring": "about", "rundt": "about", "om lag": "about",
    "omtrent": "about", "drøyt": "about", "snaut": "about", "opptil": "below",
    # "i underkant av hundre" is 99, "nærmere 20 000" is 19 742, "vel 300" a few more than 300; nynorsk forms
    "i underkant av": "below", "ikke fullt": "below", "ikkje fullt": "below", "nærmere": "below", "nærmare": "below",
    "knappe": "below", "i overkant av": "above", "meir enn": "above", "fleire enn": "above", "vel": "above",
    "nær": "about", "kring": "about", "anslagsvis": "about",
    # the same words inflected or in nynorsk: "drygt 33 000 kroner" (nn drøyt), "drøye 300", "nærare 20 000"
    "drygt": "about", "drøye": "about", "drygje": "about", "snaue": "about", "snautt": "about", "nærare": "below",
}
FREQUENCY = {"daglig": 1.0, "dagleg": 1.0, "om dagen": 1.0, "per dag": 1.0, "i døgnet": 1.0,
             "i uken": 1 / 7, "i uka": 1 / 7, "i veka": 1 / 7, "per uke": 1 / 7, "ukentlig": 1 / 7,
             "i måneden": 1 / 30, "per måned": 1 / 30, "i året": 1 / 365, "per år": 1 / 365, "årlig": 1 / 365}

# month names and their short forms, as a regular-expression alternation; the number of each full name
MONTHS = ("januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember|"
          "jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|nov|des")
MONTH_NUMBER = {m: i + 1 for i, m in enumerate(MONTHS.split("|")[:12])}


def month_number(name: str) -> int | None:
    """The number of a month by its name or short form ("sept", "Des"); None for no month."""
    return next((n for m, n in MONTH_NUMBER.items() if name and m.startswith(name.lower()[:3])), None)

ORDINALS = {"annen": 2, "andre": 2, "tredje": 3, "fjerde": 4, "femte": 5, "sjette": 6, "sjuende": 7, "syvende": 7,
            "åttende": 8, "niende": 9, "tiende": 10}
# ranks in words ("det femte rikeste", "for tolvte gang"), bokmål and nynorsk; not "andre"/"annen", which mostly
# mean "other", nor "første", which mostly means "earliest" ("det første innskuddet", "den første nordmannen")
RANKS = {**{word: n for word, n in ORDINALS.items() if n > 2},
         "sjuande": 7, "åttande": 8, "niande": 9, "tiande": 10, "ellevte": 11,
         "tolvte": 12, "trettende": 13, "trettande": 13, "fjortende": 14, "fjortande": 14, "femtende": 15,
         "femtande": 15, "sekstende": 16, "sekstande": 16, "syttende": 17, "syttande": 17, "attende": 18,
         "attande": 18, "nittende": 19, "nittande": 19, "tjuende": 20, "tjugande": 20}
# "andre"/"annen" is a rank all the same before a singular "gang": "for andre gang" is the second time, as "for
# tredje gang" is the third ("andre ganger" are other times). Not "for første gang", an idiom that frames a claim's
# other figures ("bikket 10 000 milliarder for første gang") far more often than it is the fact checked
RANKS_OF_TIMES = {"andre": 2, "annen": 2}
# the days of the week, bokmål and nynorsk: "på tirsdag" is the day of an event, as "18. april" is
WEEKDAYS = {"mandag": 1, "måndag": 1, "tirsdag": 2, "tysdag": 2, "onsdag": 3, "torsdag": 4, "fredag": 5, "lørdag": 6,
            "laurdag": 6, "søndag": 7, "sundag": 7}
PARTS = {"tredje": 3, "tre": 3, "fjerde": 4, "fire": 4, "femte": 5, "fem": 5, "sjette": 6, "seks": 6, "åttende": 8,
         "tiende": 10, "ti": 10}
HALF = {"halvparten": 50.0, "halvdelen": 50.0, "halvdelene": 50.0}
# "ett av sine tre legeønsker" is "ett av tre": a possessive does not change the share
POSSESSIVES = ("sine", "sin", "sitt", "deres", "deira", "hans", "hennes", "våre", "vore",
               "de", "dei", "disse", "desse")  # and "fem av de seks drapene" is five of six
# "doblet", "tredoblet", "tidoblet", "halvert": a change by a factor, the same as "N ganger"
FACTORS = {"dobl": 2, "fordobl": 2, "tredobl": 3, "firedobl": 4, "femdobl": 5, "tidobl": 10, "hundredobl": 100,
           "halver": 0.5}
