"""A bokmål rendering of nynorsk text, word by word, for the embedding model and lexical search.

The embedding model reads a nynorsk claim against a bokmål passage as a looser match than the same claim
in bokmål: on the written NLI pairs (train split) 63 % of nynorsk claims that a passage entails reach the
support similarity, against 98 % of bokmål ones. The two standards share most content words and differ
most in the small words every sentence has (ikkje/ikke, eit/et, frå/fra, ho/hun, berre/bare, vart/ble)
and in the forms of the commonest verbs (kjem/kommer, fekk/fikk). Rendered in bokmål, the same claims
reach it 81 % of the time. The rendering only finds and ranks passages (index/search.py): the checks and
the similarity they read stay with the user's own words, and reasons quote them.

The table holds closed-class words and irregular verb forms only, each a nynorsk form that no bokmål
text uses in another sense (words both standards spell alike are not in it); regular content words are left
as they are: the embedding model and the lexical stemmer already meet most of them ("kommunar"/"kommuner").
"""

from __future__ import annotations

import re

# nynorsk form -> bokmål form
FUNCTION_WORDS = {
    # negation, articles, pronouns, determiners
    "ikkje": "ikke", "inkje": "ikke", "ein": "en", "eit": "et", "eg": "jeg", "ho": "hun", "dei": "de",
    "deira": "deres", "dykk": "dere", "dykkar": "deres", "hennar": "hennes", "kva": "hva", "kven": "hvem",
    "kvar": "hver", "kvart": "hvert", "kvarandre": "hverandre", "kvifor": "hvorfor", "korleis": "hvordan",
    "noko": "noe", "nokon": "noen", "nokre": "noen", "desse": "disse", "sjølv": "selv", "sjølve": "selve",
    "eigen": "egen", "eige": "eget", "eigne": "egne", "annan": "annen", "fleire": "flere",
    "fleirtalet": "flertallet", "mykje": "mye", "meir": "mer", "korkje": "verken",
    # prepositions, conjunctions, adverbs
    "frå": "fra", "hjå": "hos", "utan": "uten", "medan": "mens", "sidan": "siden", "saman": "sammen",
    "då": "da", "no": "nå", "berre": "bare", "òg": "også", "heile": "hele", "heilt": "helt",
    "framleis": "fortsatt", "ifølgje": "ifølge", "enno": "ennå", "truleg": "trolig", "attende": "tilbake",
    "mogleg": "mulig", "særleg": "særlig", "tidlegare": "tidligere", "seinare": "senere", "vidare": "videre",
    "gong": "gang", "gonger": "ganger",
    # auxiliaries and the commonest irregular verbs
    "vere": "være", "vore": "vært", "vart": "ble", "blei": "ble", "vert": "blir", "vorte": "blitt",
    "kjem": "kommer", "kome": "kommet", "fekk": "fikk", "gjekk": "gikk", "gjer": "gjør",
    "gjere": "gjøre", "seier": "sier", "seie": "si", "meiner": "mener", "meinte": "mente", "trur": "tror",
    "veit": "vet", "tek": "tar", "teke": "tatt", "ligg": "ligger", "finst": "finnes",
    "heldt": "holdt", "halde": "holde", "døydde": "døde", "fortel": "forteller",
}

# words that only nynorsk uses, in any sense: a text without one is left as it is, so a bokmål "hadde vart"
# (had lasted) is never read as nynorsk "vart" (was)
MARKERS = frozenset(("ikkje", "eit", "frå", "ho", "berre", "kva", "korleis", "kvifor", "noko", "nokon", "nokre",
                     "mykje", "meir", "fleire", "òg", "vore", "vere", "medan", "sidan", "saman", "utan", "hjå",
                     "dykk", "dykkar", "hennar", "deira", "sjølv", "heile", "heilt", "eg", "kjem", "fekk", "gjekk",
                     "meiner", "seier", "trur", "ifølgje"))

_WORD = re.compile(r"\w+")


def _render_word(match: re.Match) -> str:
    word = match.group(0)
    bokmal = FUNCTION_WORDS.get(word.lower())
    if bokmal is None or (word[0].isupper() and match.start() > 0):
        return word  # capitalised inside a sentence: a name ("Anna", "Eit"), not a function word
    return bokmal.capitalize() if word[0].isupper() else bokmal


def bokmal_rendering(text: str) -> str:
    """`text` with its nynorsk function words and irregular verb forms in bokmål, when it uses a word only
    nynorsk has (MARKERS); any other text comes back unchanged, so callers tell nynorsk by a changed result."""
    if MARKERS.isdisjoint(w.lower() for w in _WORD.findall(text)):
        return text
    return _WORD.sub(_render_word, text)
