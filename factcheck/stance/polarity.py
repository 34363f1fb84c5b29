"""Negation and direction: the two ways a near-identical sentence says the opposite.

"ledigheten falt til 3,5 %" and "ledigheten steg til 5 %" embed almost
identically; these cues are what tell them apart. Bokmål and nynorsk forms.
"""

from __future__ import annotations

import re

NEGATIONS = {"ikke", "ikkje", "aldri", "ingen", "inga", "intet", "ingenting", "inkje", "uten", "uton",
             "verken", "hverken", "ei", "neppe", "ingensteds"}

# direction words: what goes up, what goes down
UP = {"økte", "økt", "øker", "økning", "auke", "auka", "aukar", "steg", "stiger", "stige", "vokste", "vekst",
      "oppgang", "mer", "meir", "flere", "fleire", "høyere", "høgare", "større", "bedre", "betre", "forbedring",
      "forbedringer", "forbedret", "dyrere", "lengre", "oftere"}
DOWN = {"falt", "faller", "fall", "fråfall", "sank", "synker", "nedgang", "reduksjon", "redusert", "reduserer",
        "redusere", "minket", "minsket", "mindre", "færre", "lavere", "lågare", "verre", "dårligere",
        "forverring", "forverret", "billigere", "kortere", "sjeldnere", "kutt", "kuttet"}
# nouns that fix the direction whatever adjective comes with them ("større nedgang" is down)
_DIRECTION_NOUNS = {"nedgang": -1, "reduksjon": -1, "fall": -1, "forverring": -1, "kutt": -1,
                    "økning": 1, "oppgang": 1, "vekst": 1, "auke": 1, "forbedring": 1, "forbedringer": 1}

ANTONYMS = [
    ({"billig", "billigere", "rimelig", "gratis"}, {"dyr", "dyrt", "dyre", "kostnadskrevende", "kostbar", "kostbart"}),
    ({"trygg", "trygt", "trygge", "sikker", "sikkert"}, {"farlig", "utrygg", "utrygt", "risikabelt"}),
    ({"fornøyd", "fornøyde", "nøgd", "nøgde"}, {"misfornøyd", "misfornøyde", "misnøgd", "misnøgde"}),
    ({"lav", "lavt", "lave", "låg", "lågt"}, {"høy", "høyt", "høye", "høg", "høgt"}),
    ({"lykkes", "vellykket"}, {"mislykkes", "mislyktes", "mislykket", "sviktet"}),
    ({"positiv", "positivt", "positive"}, {"negativ", "negativt", "negative"}),
    ({"økende", "aukande"}, {"synkende", "minkende", "søkkande"}),
    ({"permanent", "varig"}, {"midlertidig", "prøveprosjekt", "forsøk"}),
    ({"effektiv", "effektivt", "virksom"}, {"ineffektiv", "ineffektivt", "virkningsløs"}),
    ({"alle"}, {"ingen"}),
]
_WORD = re.compile(r"[\wæøåÆØÅ]+")


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def negation_count(text: str) -> int:
    return sum(1 for w in words(text) if w in NEGATIONS)


def direction(text: str) -> int:
    """+1 if the text says something went up, -1 down, 0 if neither or both."""
    ws = words(text)
    nouns = {_DIRECTION_NOUNS[w] for w in ws if w in _DIRECTION_NOUNS}
    if len(nouns) == 1:
        return nouns.pop()
    up = sum(w in UP for w in ws)
    down = sum(w in DOWN for w in ws)
    if up and not down:
        return 1
    if down and not up:
        return -1
    return 0


def antonym_clash(claim: str, passage: str) -> tuple[str, str] | None:
    """(claim word, passage word) when the two use opposite words of one antonym pair."""
    cw, pw = set(words(claim)), set(words(passage))
    for left, right in ANTONYMS:
        for a, b in ((left, right), (right, left)):
            hit_c, hit_p = cw & a, pw & b
            if hit_c and hit_p and not (cw & b) and not (pw & a):
                return sorted(hit_c)[0], sorted(hit_p)[0]
    return None
