"""One key for the bokmål and nynorsk spellings (and inflections) of the same word.

Nynorsk and bokmål mostly differ in vowels and endings: Noreg/Norge, Noregs/Norges,
innbyggarar/innbyggere, kommunar/kommuner, fastlegar/fastleger. Dropping one inflection
ending and then the vowels leaves the same consonant skeleton for both, while different
names keep different ones (Island/Irland, Sverige/Norge). A general rule, not a list of names.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# longest first; nynorsk (-ane, -ar, -a) and bokmål (-ene, -er, -en, -et, -e) inflections, and the genitive -s
_ENDINGS = ("arane", "erane", "arne", "erne", "ane", "ene", "ar", "er", "en", "et", "a", "e", "s")
_VOWELS = set("aeiouyæøåéèêóòô")
MIN_STEM = 4  # shorter words are too easily confused once their vowels are gone


@lru_cache(maxsize=1 << 15)
def variant_key(word: str) -> str:
    """The word's key: lower case, one inflection ending dropped, then its vowels but the first
    (the stressed one, which nynorsk and bokmål share: Noreg/Norge, but not Bergen/Borgen)."""
    w = word.lower().replace("-", "")
    for ending in _ENDINGS:
        if w.endswith(ending) and len(w) - len(ending) >= MIN_STEM:
            w = w[: -len(ending)]
            break
    if len(w) < MIN_STEM:
        return word.lower()
    first_vowel = next((c for c in w[1:] if c in _VOWELS), "")
    return w[0] + first_vowel + "".join(c for c in w[1:] if c not in _VOWELS)


@lru_cache(maxsize=1 << 15)
def fold(text: str) -> str:
    """Lower case without the accents foreign names are written with or without ("Sánchez"/"Sanchez",
    "Tórshavn"/"Torshavn", "Genève"/"Geneve"); æ, ø and å are letters of their own and stay."""
    return "".join(c if c in "æøå" else "".join(d for d in unicodedata.normalize("NFKD", c)
                                                 if not unicodedata.combining(d))
                   for c in text.lower())


def same_word(a: str, b: str) -> bool:
    """Are `a` and `b` spellings or inflections of one word (nn/nb variants included)?"""
    if a.lower() == b.lower():
        return True
    ka, kb = variant_key(a), variant_key(b)
    return ka == kb and len(ka) >= 4


def same_name(a: str, b: str) -> bool:
    """Multi-word names word by word: "Noregs Bank" is "Norges Bank"."""
    wa, wb = a.split(), b.split()
    return len(wa) == len(wb) and all(same_word(x, y) for x, y in zip(wa, wb))


# endings of one word's inflections ("fastlege", "fastleger", "fastlegar", "fastlegene"), for a shared stem
INFLECTION_ENDINGS = frozenset(("", "e", "er", "ar", "en", "et", "a", "ene", "ane", "s", "es", "t", "te", "de", "ne"))


def inflected_forms(a: str, b: str) -> bool:
    """One word in two inflections: a stem of at least 3 letters and inflection endings. Stricter than
    `same_word` (no vowel skeleton) and `related_word`: for telling apart rows of one table, whose labels differ
    by just such words ("fastleger", "fastlegelister")."""
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return a == b or (n >= 3 and a[n:] in INFLECTION_ENDINGS and b[n:] in INFLECTION_ENDINGS)


def related_word(a: str, b: str) -> bool:
    """One word in two forms: a spelling variant, or one is the other plus an ending ("lykkes", "lykkest").
    Stricter than sharing a first part: "statsobligasjoner" is not "statsfond"."""
    a, b = a.lower(), b.lower()
    short, long_ = sorted((a, b), key=len)
    return same_word(a, b) or (len(short) >= 4 and long_.startswith(short) and len(long_) - len(short) <= 4)
