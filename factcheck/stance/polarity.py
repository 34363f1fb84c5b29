"""Negation and direction: the two ways a near-identical sentence says the opposite.

"ledigheten falt til 3,5 %" and "ledigheten steg til 5 %" embed almost
identically; these cues are what tell them apart. Bokmål and nynorsk forms.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..text.lemmas import lookup_lemma
from .number_words import ORDINALS

# not "ei": in running text it is the feminine article ("ei realavkastning"), not the archaic "not"
NEGATIONS = {"ikke", "ikkje", "aldri", "ingen", "inga", "intet", "ingenting", "inkje", "uten", "utan", "uton",
             "verken", "hverken", "korkje", "neppe", "ingensteds"}
WITHOUT = {"uten", "utan", "uton"}  # nynorsk "utan" and "korkje" are the same words as "uten" and "verken"

# direction words: what goes up, what goes down
UP = {"økte", "økt", "øker", "økning", "auke", "auka", "aukar", "steg", "stiger", "stige", "vokste", "vekst",
      "oppgang", "mer", "meir", "flere", "fleire", "høyere", "høgare", "større", "bedre", "betre", "forbedring",
      "forbedringer", "forbedret", "dyrere", "lengre", "oftere", "doblet", "dobla", "fordoblet", "fordobla",
      "tredoblet", "tidoblet",
      # the superlative ranks as the comparative does ("høyeste noensinne" against "laveste", "flest" against "færrest")
      "høyest", "høyeste", "høgast", "høgaste", "sterkere", "sterkare", "sterkest", "sterkeste", "sterkaste", "flest",
      "best", "beste"}
DOWN = {"falt", "faller", "falle", "falla", "fall", "fråfall", "sank", "synker", "nedgang", "reduksjon", "redusert", "reduserer",
        "redusere", "minket", "minsket", "mindre", "færre", "lavere", "lågare", "verre", "dårligere",
        "forverring", "forverret", "billigere", "kortere", "sjeldnere", "kutt", "kuttet", "halvert", "halvera",
        "halverte", "minka", "minkar",
        "lavest", "laveste", "lågast", "lågaste", "svakere", "svakare", "svakest", "svakeste", "svakaste", "færrest",
        "dårligst", "dårligste", "verst", "verste"}
# lemmas, so every inflection counts ("minskes", "reduseres", "steget"), bokmål and nynorsk
UP_LEMMAS = {"øke", "auke", "vokse", "forbedre", "doble", "fordoble"}
DOWN_LEMMAS = {"synke", "søkke", "minke", "minske", "redusere", "halvere", "forverre", "kutte"}
_GO = {"gå", "går", "gikk", "gått", "gjekk", "gjeng", "gjenge"}  # "gikk ned", "har gått opp"
_PARTICLE_REACH = 8  # words between "gikk" and its "ned": "gikk antallet innbyggere på lister uten fast lege ned"
# nouns that fix the direction whatever adjective comes with them ("større nedgang" is down)
_DIRECTION_NOUNS = {"nedgang": -1, "reduksjon": -1, "fall": -1, "forverring": -1, "kutt": -1,
                    "økning": 1, "oppgang": 1, "vekst": 1, "auke": 1, "forbedring": 1, "forbedringer": 1}

_WORD = re.compile(r"[\wæøåÆØÅ]+")


_NEGATED_COMPOUND = re.compile(r"\b(ikke|ikkje)-(?=[\wæøå])", re.IGNORECASE)


def words(text: str) -> list[str]:
    """Lower-case words; "ikke-fornybar" stays one word (a property, not a negated statement)."""
    return [w.lower() for w in _WORD.findall(_NEGATED_COMPOUND.sub(r"\1_", text))]


# a negation that, with the words after it, asserts rather than denies: "ikke i tvil" is certain, "ikke før
# i middelalderen" is "først i middelalderen", "ikke bare X" says X and more, "ikke minst" stresses
_LITOTES = (("i", "tvil"), ("bare",), ("berre",), ("minst",), ("uten",), ("utan",),
            *(("før", w) for w in ("i", "på", "etter", "da", "nå", "no", "ved", "om")))  # not "har aldri hørt det før"


_CONDITIONAL = {"om", "hvis", "dersom", "viss"}
# verbs that deny the clause they report: "X avviste at P" says X holds not-P, so against a passage that
# says P the polarity differs as with "ikke" (bokmål and nynorsk share these lemmas)
DENIAL_LEMMAS = {"avvise", "benekte", "tilbakevise", "avkrefte", "bestride", "utelukke"}  # "det er utelukket at P": not P


def denies_clause(ws: list[str], i: int) -> bool:
    """Is ws[i] a verb that denies its "at"-clause ("avviste at", "nektet for at"; not "nektet å", refused) or what its
    infinitive says was done ("benekter å ha misbrukt": says he did not)?"""
    nxt = [w for w in ws[i + 1:i + 4] if w not in ("ikke", "ikkje", "aldri")][:2]  # "avviste ikke at": both count
    if not nxt or len(ws[i]) < 5:
        return False
    lemma = lookup_lemma(ws[i])
    return (lemma in DENIAL_LEMMAS and (nxt[0] == "at" or nxt == ["å", "ha"])) or (lemma == "nekte" and nxt == ["for", "at"])


def is_cue(ws: list[str], i: int) -> bool:
    """Does ws[i] negate the statement? "uten" right after a noun describes it
    ("innbyggere uten fastlege", "pasienter uton arbeid") and negates nothing."""
    if ws[i] not in NEGATIONS:
        return denies_clause(ws, i)
    if ws[i] in ("ikke", "ikkje") and any(tuple(ws[i + 1:i + 1 + len(t)]) == t for t in _LITOTES):
        return False
    if i and ws[i - 1] in _CONDITIONAL:
        return False  # "mye skal til om ikke han spiller", "som om ikke det var nok": a condition, not a denial
    if ws[i] == "aldri" and ws[i + 1:i + 3] == ["i", "tvil"]:
        return False
    if ws[i] in WITHOUT and i and ws[i - 1] not in SCOPE_SKIP and ws[i - 1] not in NEGATIONS and len(ws[i - 1]) > 3:
        return False
    return True


@lru_cache(maxsize=1 << 14)
def negation_count(text: str) -> int:
    """Negation cues of a text; cached: the negation and direction checks both ask about one clause."""
    ws = words(text)
    return sum(1 for i in range(len(ws)) if is_cue(ws, i))


def negated(text: str) -> bool:
    """Does `text` deny what it says: an odd number of negation cues ("ikke uten grunn" affirms), or, by the parse,
    an odd number on one predicate ("vi liker ikke hvordan de jobber, og vi er ikke fornøyde" denies twice)?"""
    count = negation_count(text)
    return count % 2 == 1 or (count >= 2 and _negated_apart(text))


@lru_cache(maxsize=1 << 12)
def _negated_apart(text: str) -> bool:
    """Two negations cancel only on one predicate: cues the parse attaches to different verbs deny each its own
    clause. Without a trained parser, False (the count decides, as before)."""
    from .syntax import tag

    toks = tag(text)
    ws = [t.text.lower() for t in toks]
    per_verb: dict[int, int] = {}
    for t in toks:
        if ws[t.index] not in NEGATIONS or not is_cue(ws, t.index):
            continue  # the cues negation_count counts: "ikke bare", "innbyggere uten fastlege" deny nothing
        head, seen = toks[t.head], set()
        # up to the clause's verb, and from a main verb to its auxiliary ("har ikke hørt": one predicate)
        while (head.pos not in ("VERB", "AUX") or head.dep in ("INFV", "xcomp")) and head.head != head.index \
                and head.index not in seen:
            seen.add(head.index)
            head = toks[head.head]
        per_verb[head.index] = per_verb.get(head.index, 0) + 1
    return len(per_verb) > 1 and any(n % 2 == 1 for n in per_verb.values())


SCOPE_SKIP = {"har", "hadde", "er", "var", "blir", "ble", "vart", "vore", "vært", "kan", "vil", "skal", "må", "bør",
              "seg", "det", "de", "den", "en", "et", "ei", "å", "så", "noen", "av", "i", "på", "til", "for", "med"}


# verbs that say little on their own: what they are negated about is their object or predicate
LIGHT_VERBS = {"være", "vere", "vore", "vært", "ha", "bli", "verte", "vorte", "få", "gi", "finnes", "finne", "gjøre",
               "gjere", "skje", "kunne", "ville", "skulle", "måtte", "burde", "kome", "komme"}
# verbs whose negation denies what their infinitive says ("klarte ikke å øke" did not increase); implicative verbs
IMPLICATIVE = {"klare", "greie", "makte", "rekke", "lykkes", "lukkast"}
# subjects, function words and punctuation are not what a negation denies (UD and NDT labels)
_NOT_CONTENT = {"nsubj", "nsubj:pass", "expl", "aux", "aux:pass", "cop", "punct", "cc", "mark", "det", "advmod",
                "SUBJ", "FSUBJ", "DET", "IP", "KONJ", "SBU", "FOBJ"}


def negated_predicates(text: str) -> list[str] | None:
    """What each negation of `text` is attached to by the parse: the word it modifies ("har ikke
    *ledet*"), or, for a light verb, that verb's objects and predicates, through a chain of light
    verbs ("har ikke gitt *komplikasjoner*", "har aldri vore *rapportert komplikasjonar*");
    "ingen *pasienter* *døde*". None without a trained parser (the lexical scope decides alone)."""
    from .syntax import tag

    toks = tag(text)
    if not toks:
        return None
    out: list[str] = []
    for t in toks:
        if t.text.lower() not in NEGATIONS:
            continue
        if t.head == t.index:  # the negation heads its own fragment ("Ingen av uttalelsene", "uten at ..."): its dependents
            todo, group = _content_below(toks, t), []
        else:
            group, todo = [], [toks[t.head]]
        while todo and len(group) < 12:
            word = todo.pop()
            group.append(word)
            if word.lemma in IMPLICATIVE:  # its infinitive, under "å" in the treebank's analysis
                mark = [d for d in toks if d.head == word.index and d.text.lower() == "å" and d.index != word.index]
                todo += [d for d in toks if d.pos == "VERB" and d.index != word.index
                         and (d.head in {m.index for m in mark} or (d.head == word.index and d.dep in ("INFV", "xcomp")))]
            elif word.lemma in LIGHT_VERBS or word.text.lower() in LIGHT_VERBS or word.pos == "AUX":
                todo += [d for d in toks if d.head == word.index and d.index not in (t.index, word.index)
                         and d.dep not in _NOT_CONTENT and d.pos in ("NOUN", "PROPN", "ADJ", "VERB", "NUM", "AUX")]
        group += [v for g in list(group) if g.pos == "NOUN" for v in _infinitive_complement(toks, g)]
        head = toks[t.head]
        if head.pos in ("NOUN", "PROPN") and head.head != head.index:
            group.append(toks[head.head])  # "ingen pasienter døde": the noun and what it did
        content = [w for g in group if g.lemma not in LIGHT_VERBS and g.text.lower() not in LIGHT_VERBS
                   for w in (g.lemma, g.text.lower())]
        if not content and t.head != t.index and _particle_after(toks, t):
            content = [toks[t.head].lemma, toks[t.head].text.lower()]  # "ga ikke opp": the phrasal verb is denied
        out += content
        out += [d.lemma for g in group for d in toks if d.head == g.index and d.dep == "ATR" and d.pos in ("VERB", "ADJ")]
    return out


def _particle_after(toks, negation) -> bool:
    """Does the negated verb take a particle after the negation ("ga ikke *opp*", "kom ikke *fram*"): a preposition
    with nothing under it, which makes a light verb a verb of its own?"""
    return any(d.head == negation.head and d.index > negation.index and d.pos == "ADP" and d.dep in ("ADV", "compound:prt")
               and not any(x.head == d.index and x.index != d.index for x in toks) for d in toks)


_FUNCTION = ("ADP", "SCONJ", "PART")


def _reached(toks, starts, take: tuple[str, ...], skip: set[str] = frozenset()) -> list:
    """The words of part of speech `take` under `starts`, through prepositions, subjunctions and particles (but not
    through the words taken); dependents labelled in `skip` are passed over."""
    found, stack = [], list(starts)
    while stack:
        node = stack.pop()
        for d in toks:
            if d.head != node.index or d.index == node.index or d in starts or d.dep in skip:
                continue
            if d.pos in take:
                found.append(d)
            elif d.pos in _FUNCTION:
                stack.append(d)
    return found


def _content_below(toks, word) -> list:
    """The content words under `word` ("ingen *av* uttalelsene" -> uttalelsene): what a negation that heads its own
    fragment denies."""
    return _reached(toks, [word], ("NOUN", "PROPN", "ADJ", "VERB", "NUM", "AUX"), _NOT_CONTENT)


def _infinitive_complement(toks, noun) -> list:
    """The verb of a noun's "til å"/"om å" complement ("lov til å *eie*", "rett til å *stemme*"): what a
    negated permission, right or chance denies."""
    return _reached(toks, [d for d in toks if d.head == noun.index and d.pos in _FUNCTION], ("VERB",))


def negated_words(text: str, width: int = 3) -> list[str]:
    """Content words under a negation: the next few after each cue ("ikke alle vil ha nytte")."""
    ws = words(text)
    scoped: list[str] = []
    for i, w in enumerate(ws):
        if not is_cue(ws, i) or (i and ws[i - 1] == "som"):
            continue  # "pasienter som ikke har lykkes" describes who, it asserts nothing
        taken = 0
        for nxt in ws[i + 1 :]:
            if nxt in NEGATIONS or taken >= width:
                break
            if nxt not in SCOPE_SKIP and len(nxt) > 3:
                scoped.append(nxt)
                taken += 1
    return scoped


# "mer enn før", "færre enn i fjor", "høyere enn i 2019": a comparison with an earlier time is a change
_THEN = re.compile(r"(?:før|tidligere|tidlegare|sist|i fjor|året før|i (?:1[89]|20)\d\d)\b")


# the endings of an adjective's degrees, bokmål and nynorsk: one place for every check that reads them
COMPARATIVE_ENDINGS = "ere|are"
SUPERLATIVE_ENDINGS = "este|aste|est|ast"
_DEGREE = re.compile(rf"(?:{COMPARATIVE_ENDINGS}|{SUPERLATIVE_ENDINGS})$")


@lru_cache(maxsize=1 << 16)
def forms(word: str) -> frozenset[str]:
    """A word with its lemma and, for an adjective's comparative or superlative (bokmål -ere/-est(e),
    nynorsk -are/-ast(e)), its positive: "laveste", "lågaste", "tryggere" meet "lav", "låg", "trygg"."""
    out = {word, lookup_lemma(word)}
    stem = _DEGREE.sub("", word)
    if stem != word and len(stem) >= 3:
        out.add(stem)
    return frozenset(out)


def _moves(ws: list[str]) -> tuple[int, int]:
    """(up, down) words of a text: direction words in any inflection, and "gå opp/ned"."""
    up = down = 0
    for i, w in enumerate(ws):
        f = forms(w)
        up += w in UP or bool(f & UP_LEMMAS)
        down += w in DOWN or bool(f & DOWN_LEMMAS)
        if w in _GO:  # the particle may stand after the subject: "gikk antallet innbyggere ... ned"
            particle = next((x for x in ws[i + 1 : i + 1 + _PARTICLE_REACH] if x in ("opp", "ned")), None)
            up, down = up + (particle == "opp"), down + (particle == "ned")
    return up, down


# "fall" as a case, not a decline: "i alle fall", "i hvert fall", "i så fall", "i beste fall", "i motsatt fall"
_IN_CASE = re.compile(r"\bi\s+(?:alle|hvert|hvart|kvart|ethvert|eitkvart|så|beste|verste|motsatt|dette|det|mange|noen|"
                      r"nokre|enkelte|slike|begge|ytterste|tilfelle)\s+fall\b", re.IGNORECASE)


def direction(text: str) -> int:
    """+1 if the text says something went up, -1 down, 0 if neither or both.

    In a comparison ("lengre lister enn i Norge") the comparative says how two things differ, not
    that anything changed: there only change words count (the comparison check reads the rest);
    a comparison with an earlier time ("mer enn før") is a change."""
    ws = words(_IN_CASE.sub(" ", text))
    nouns = {_DIRECTION_NOUNS[w] for w in ws if w in _DIRECTION_NOUNS}
    if len(nouns) == 1:
        return nouns.pop()
    if "enn" in ws and not _THEN.match(" ".join(ws[ws.index("enn") + 1 :])):
        ws = [w for w in ws if w not in COMPARATIVES]
    up, down = _moves(ws)
    if up and not down:
        return 1
    if down and not up:
        return -1
    return 0


_NOT_NEGATED = {"ulik", "ulike"}  # "ulike tiltak" is various measures, not unlike ones


def prefix_clash(ws: list[str], others: list[str]) -> tuple[str, str] | None:
    """(w, o) when `w` is an adjective negated by the prefix u- ("uenig", "ulovlig", "uendret") and `o` a form
    of the plain word ("enighet", "lovlige", "endret"), the other side not using the u-word itself. The
    -het nouns of both ("usikkerhet", "sikkerhet": uncertainty, safety) part in sense and do not count."""
    for w in ws:
        lemma = lookup_lemma(w)
        if not lemma.startswith("u") or len(lemma) < 5 or lemma in _NOT_NEGATED or any(lookup_lemma(o) == lemma for o in others):
            continue
        plain = lemma[1:]
        stem = plain[:max(4, len(plain) - 1)]  # "enig" of "(u)enige", when the lemma list lacks the word
        for o in others:
            if o.startswith(stem) and len(o) - len(plain) <= 4 and not (lemma.endswith("het") and o.endswith("het")):
                return w, o
    return None


CERTAIN = re.compile(r"\b(slått fast|slått fast|bevist|dokumentert|sikkert|garantert|alltid|utvilsomt|uomtvistelig|"
                     r"med sikkerhet|beviser|viser at)\b", re.IGNORECASE)
HEDGED = re.compile(r"\b(muligens|kanskje|trolig|antakelig|antagelig|sannsynligvis|usikkert?|foreløpige?|"
                    r"tyder på|ser ut til|kan tyde|ikke (?:vært )?tilstrekkelig|ikke med sikkerhet|uklart|ikke avklart)\b",
                    re.IGNORECASE)


def certainty_clash(claim: str, passage: str) -> str | None:
    """The hedge in the passage when the claim states as settled what the passage only suggests."""
    if not CERTAIN.search(claim) or HEDGED.search(claim):
        return None
    m = HEDGED.search(passage)
    return m.group() if m else None


ALL = {"alle", "samtlige", "enhver", "hver", "alltid"}
SOME = {"noen", "enkelte", "fleste", "flertallet", "mange", "del", "ikke alle", "sjelden"}


def quantifier_clash(claim: str, passage: str) -> tuple[str, str] | None:
    """(claim word, passage word) when the claim generalises ("alle") what the passage limits ("ikke alle").

    "hver fjerde" is a share, not "every"; and a limit the claim states itself ("alle fikk tilbud,
    men noen takket nei") is no clash."""
    cw = words(claim)
    # "ikke alltid" limits as "ikke alle" does: a negated universal is no generalisation
    universal = {w for i, w in enumerate(cw) if w in ALL and not (i + 1 < len(cw) and cw[i + 1] in _ORDINAL_WORDS)
                 and not (i and cw[i - 1] in ("ikke", "ikkje"))}
    claim_text, pw = " ".join(cw), " ".join(words(passage))
    if universal and not any(re.search(rf"\b{limited}\b", claim_text) for limited in _LIMITED):
        # a claim that limits itself ("Noen bruker ... i hver enkelt av oss") generalises nothing
        for limited in _LIMITED:
            if re.search(rf"\b{limited}\b", pw):
                return sorted(universal)[0], limited
    return None


_LIMITED = ("ikke alle", "ikkje alle", "de fleste", "noen", "enkelte", "flertallet")


_ORDINAL_WORDS = set(ORDINALS)  # "hver fjerde" is a share, not "every"


COMPARATIVES = {"bedre", "betre", "verre", "dårligere", "mer", "meir", "mindre", "flere", "fleire", "færre",
                "høyere", "lavere", "større", "lengre", "kortere", "billigere", "dyrere", "tryggere", "sikrere",
                "sterkere", "svakere", "eldre", "yngre"}
# which way a comparative points where the direction words say nothing ("eldre" is also "elderly", no change)
_AGE = {"eldre": 1, "yngre": -1}


def comparative_sign(word: str) -> int:
    """+1 for "more" ("høyere", "eldre"), -1 for "less" ("lavere", "yngre"), 0 when it has no such sense."""
    return direction(word) or _AGE.get(word, 0)


def _comparative(ws: list[str]) -> tuple[int, int] | None:
    """(index of the last comparative before the first "enn", index of that "enn"), if the words have both."""
    if "enn" not in ws:
        return None
    j = ws.index("enn")
    comps = [i for i in range(j) if ws[i] in COMPARATIVES]
    return (comps[-1], j) if comps else None


def comparison(text: str) -> tuple[str, str, str] | None:
    """(subject word, comparative, object word) of "A ... bedre ... enn B", if the text has one."""
    ws = words(text)
    found = _comparative(ws)
    if found is None:
        return None
    i, j = found
    before = [w for w in ws[:i] if w not in SCOPE_SKIP and w not in STOP_SMALL and len(w) > 3]
    after = [w for w in ws[j + 1 :] if w not in SCOPE_SKIP and w not in STOP_SMALL]
    if not before or not after:
        return None
    return before[-1], ws[i], after[0]


_EQUAL = re.compile(r"\b(?:like|likt)\s+(?:mange|mye|mykje|stor|store|stort|høy|høye|høyt|høg|høge|lang|lange|langt|ofte|"
                    r"god|gode|godt|dyr|dyre|dyrt|billig|billige|sterk|sterke|sterkt|rask|raske|raskt)\b"
                    r"(?:\s+[\wæøå]+){0,5}?\s+som\s+(?:for\s+|hos\s+|i\s+)?([\wæøå]+)", re.IGNORECASE)


def equality(text: str) -> str | None:
    """The word a text says something equals ("like mange timer i uka som *advokater*"), if it says so."""
    m = _EQUAL.search(text)
    return m.group(1).lower() if m else None


def compared_with(text: str) -> list[str]:
    """The words a comparative compares with ("langt mer enn for sammenlignbare yrker som *advokater*")."""
    ws = words(text)
    found = _comparative(ws)
    return ws[found[1] + 1:found[1] + 8] if found else []


STOP_SMALL = {"fikk", "får", "gir", "ga", "hos", "dem", "som", "blant", "utfall", "også", "enn", "før", "muligens",
              "trolig", "kanskje", "antakelig", "noe", "langt", "mye", "mykje", "litt", "enda"}
