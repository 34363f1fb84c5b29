"""Reported speech: "Kommunestyret mener at skolene bør få mer penger" is a claim about what
someone said, not the writer's own demand.

`find_attribution` splits such a sentence into who, the reporting verb and what was said, so the
check can say whose statement it looked for ("Påstand om hva Kommunestyret mener: ...") and the
stance checks can count a document whose author or organisation is that speaker as the speaker's
own words. First person ("Vi mener at ...") is the writer's opinion, not an attribution.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..stance import syntax
from ..stance.entities import PARTIES

# present and past, bokmål and nynorsk; a particle (mot, med, til, om) may follow
REPORTING_VERBS = (
    "mener", "meiner", "mente", "meinte", "sier", "seier", "sa", "hevder", "hevda", "hevdet", "påstår", "påsto",
    "påstod", "anbefaler", "anbefalte", "tilrår", "tilrådde", "advarer", "advarte", "åtvarar", "åtvara",
    "understreker", "understreket", "understreka", "konkluderer", "konkluderte", "fastslår", "fastslo",
    "skriver", "skreiv", "skrev", "uttaler", "uttalte", "opplyser", "opplyste", "anslår", "anslo",
    "frykter", "fryktar", "fryktet", "krever", "kravde", "krevde", "foreslår", "foreslo", "foreslått",
    "varsler", "varslet", "beklager", "erkjenner", "innrømmer", "innrømte", "avviser", "avviste",
    "tror", "trur", "trodde", "mistenker", "påpeker", "påpekte", "argumenterer",
)
# what a source shows: "..., viser tall fra SSB"
_SHOWS = ("viser", "viste", "syner", "synte")
# verbs that tag a quote after it: "– Det går bra, sier Støre til NTB."
TAG_VERBS = REPORTING_VERBS + _SHOWS + (
    "forklarer", "forklarte", "forteller", "fortalte", "fortel", "melder", "meldte", "bekrefter", "bekreftet",
    "poengterer", "poengterte", "synes", "syntes", "legger", "la", "svarer", "svarte", "svara",
    "tilføyer", "konstaterer", "konstaterte", "ropte", "roper", "utdyper", "utdypet", "medgir", "medga", "slår",
    "kommenterer", "kommenterte", "skriv", "sei", "kunngjorde", "kunngjør",
)
# "..., viser tennene" and "..., viste Pamuk i går" are no sources: after "viser" the speaker must name a
# source of figures (in treebank news these tags are right 7 of 7 times; with any capitalised name 7 of 10)
_SOURCE = re.compile(r"\b(?:tall|tal|rapport|undersøk|studie|statistikk|analyse|berekn|beregn|forskning|data|måling|"
                     r"oversikt|evaluering|kartlegging|gransking|registr|prognose)\w*", re.IGNORECASE)
PARTICLES = ("mot", "med", "til", "om", "på", "at")
FIRST_PERSON = {"jeg", "eg", "vi", "me", "undertegnede", "undertegnade"}
# words that start a sentence without being its subject ("Derfor mener ...", "Det sier ...")
NOT_A_SPEAKER = {"det", "dette", "derfor", "da", "så", "nå", "no", "her", "der", "som", "hva", "kva", "hvem", "kven",
                 "hvorfor", "kvifor", "og", "men", "eller", "ikke", "ikkje", "i", "om", "hvis", "viss", "når"}

_VERB = "|".join(REPORTING_VERBS)
_LEADING = re.compile(
    rf"^(?P<who>[^,;:.!?«»\"]{{2,80}}?)\s+(?P<verb>{_VERB})(?:\s+(?:også|ofte|nå|no|fortsatt|framleis|"
    rf"tydelig|klart|derfor|blant\s+annet|mellom\s+anna))?(?:\s+(?P<particle>{'|'.join(PARTICLES)}))?\s+(?P<what>.+)$",
    re.IGNORECASE | re.DOTALL,
)
_ACCORDING = re.compile(r"^(?:ifølge|ifølgje|i\s+følge)\s+(?P<who>[^,]{2,80}?)\s*,?\s+(?P<what>\S.+)$",
                        re.IGNORECASE | re.DOTALL)
_TAG = "|".join(TAG_VERBS)
_TRAILING = re.compile(
    rf"^(?P<what>.+?)[,!?]\s*[»\"”]?\s*(?P<verb>{_TAG})(?:\s+(?:til|fra|opp|frem|fram|videre))?\s+"
    rf"(?P<who>[^,;:.!?«»]{{2,60}}?)(?P<tail>\s+(?:til|i|på|overfor|for)\s+[^,;:!?]{{2,40}})?(?:,\s*[^.!?]{{2,120}})?\s*[.!:]?$",
    re.DOTALL)
_ACCORDING_INSIDE = re.compile(r"\b(?:ifølge|ifølgje|i\s+følge)\s+(?P<who>(?:[A-ZÆØÅ0-9][\w.\-]*\s*)+)")
PRONOUNS = {"han", "hun", "ho", "de", "dei", "den", "hen"}


@dataclass(frozen=True)
class Attribution:
    who: str  # "Kommunestyret", "Folkehelseinstituttet", "ifølge SSB" -> "SSB"
    verb: str  # the reporting verb as written (lower case), "ifølge" for that form
    statement: str  # what was said, as written
    source: str = ""  # the words that say who, with whom or for whom ("en rapport Menon har laget for Legeforeningen")

    @property
    def speaker_words(self) -> str:
        """All the words that name the speaker: `source` where the sentence gives more than `who`."""
        return self.source or self.who

    def describe(self, lang: str = "nb") -> str:
        """The line a reason starts with: who said what."""
        said = self.statement.rstrip(" .")
        if lang == "en":
            return f"A claim about what {self.who} said ({self.verb}): «{said}»."
        if self.verb == "ifølge":
            return f"Påstand om hva {self.who} sier: «{said}»."
        return f"Påstand om hva {self.who} {self.verb}: «{said}»."

    def to_dict(self) -> dict:
        return {"who": self.who, "verb": self.verb, "statement": self.statement, "source": self.speaker_words}


def _speaker(who: str) -> str | None:
    """`who` if it reads as a third party naming phrase, else None."""
    who = who.strip()
    words = who.split()
    if not words or len(words) > 8 or words[0].lower() in NOT_A_SPEAKER or words[0].lower() in FIRST_PERSON:
        return None
    return who


# a party's stated aim is its position, a claim about the party (the guidelines' "attribution": what a named
# body believes or wants), not the writer's own promise: "Senterpartiet vil avskaffe ...", "Oslo SV ønsker at ...".
# Only parties: "Regjeringen vil ..." comes from the government's own declarations (labelled promise), and a
# sentence-initial common noun ("Prisene vil stige") is a prediction.
_POSITION = re.compile(r"^(?P<who>(?:[A-ZÆØÅ][\wæøå\-]*\s+){0,2}?(?P<party>[\wæøåÆØÅ]+))\s+(?P<verb>vil|ønsker|ønskjer)"
                       r"(?:\s+(?:også|nå|no|fortsatt|framleis))?\s+(?P<what>\S.+)$", re.DOTALL)


def _position(text: str) -> Attribution | None:
    m = _POSITION.match(text)
    party = m and PARTIES.get(m["party"].lower())
    if not party or not m["party"][0].isupper() or len(m["what"].split()) < 2:
        return None
    what = re.sub(r"^at\s+", "", m["what"].strip())
    return Attribution(m["who"].strip(), m["verb"], what)


def _before_verb(text: str, start: int, most: int = 6) -> int | None:
    """Where the first verb after `start` begins, by the parse, if at most `most` words come before it: in
    "Ifølge Oslo politidistrikt gikk ..." the finite verb follows the whole adverbial (Norwegian puts it second),
    so the speaker is every word up to it, not only the capitalised run ("Oslo")."""
    words = [t for t in syntax.tag(text) if t.start >= start]
    verb = next((i for i, t in enumerate(words) if t.pos in ("VERB", "AUX")), None)
    return words[verb].start if verb and verb <= most else None


@lru_cache(maxsize=4096)
def find_attribution(sentence: str) -> Attribution | None:
    """Who said what in a reported-speech sentence, or None when it is not one (or is first person).
    Cached: the classifier asks about each sentence and about its neighbours."""
    text = sentence.strip()
    if text.endswith("?"):
        return None
    m = _ACCORDING.match(text)
    if m and _speaker(m["who"]):
        who, what = m["who"].strip(), m["what"].strip()
        if "," not in text[: m.end("who") + 2]:  # "Ifølge SSB økte ...": the speaker ends where the verb starts
            end = _before_verb(text, m.start("who"))
            run = re.match(r"(?:[A-ZÆØÅ0-9][\w.\-]*\s*)+", text[m.start("who"):])
            if end is None and run:  # no parse, or no verb near: the name is the capitalised run
                end = m.start("who") + len(run.group())
            if end is not None:
                who, what = text[m.start("who"):end].strip(), text[end:].strip()
        return Attribution(who, "ifølge", what)
    m = _LEADING.match(text)
    if m:
        who = _speaker(m["who"])
        what = m["what"].strip()
        inner = re.match(r"^(?:\S+\s+){1,5}?at\s+(?P<rest>.+)$", what, re.DOTALL)  # "sa i Stortinget at ..."
        if inner and not m["particle"]:
            what = inner["rest"]
        if who and len(what.split()) >= 2:
            verb = m["verb"].lower() + (f" {m['particle'].lower()}" if m["particle"] and m["particle"].lower() != "at" else "")
            return Attribution(who, verb, what)
    m = _TRAILING.match(text)
    if m and m["verb"].lower() in _SHOWS and not _SOURCE.search(m["who"]):
        m = None
    if m and len(m["what"].split()) >= 2 and (_speaker(m["who"]) or m["who"].strip().lower() in PRONOUNS):
        return Attribution(m["who"].strip(), m["verb"].lower(), m["what"].strip(" ,«»\"”–—-"),
                           (m["who"] + (m["tail"] or "")).strip(" ."))
    position = _position(text)
    if position is not None:
        return position
    m = _ACCORDING_INSIDE.search(text)
    if m:
        statement = (text[: m.start()] + text[m.end():]).strip(" ,.")
        return Attribution(m["who"].strip(), "ifølge", re.sub(r"\s+,", ",", re.sub(r"\s{2,}", " ", statement)) + ".")
    return None
