"""Opposite words, and when a claim and a passage use two of them to answer the same question.

`ANTONYMS` are the first pairs, checked as words alone (the dev sets' and written pairs' checks were measured
with them); "alle" against "ingen" only when both quantify the same thing.

`LEXICON` pairs words of opposite sense that reports on any topic use (vinne / tape, godkjenne / forkaste,
anbefale / advare, frifinne / dømme, åpne / stenge, privat / offentlig ...), bokmål and nynorsk, each side
with the forms the full-form lemma list does not resolve. It is general language, written from the language
and not from any evaluation claim; words whose other senses are common ("tidligere" formerly, "ansatte"
employees, "dag" in "i dag") are left out, and "få" counts only where the parse does not read it as a verb.

`mined()` adds the pairs read off the team's written NLI pairs (models/stance/nli/mine_antonyms.py: the word a
contradicting hypothesis puts in its premise word's place, never so in an entailment or neutral pair).

A pair of opposite words contradicts only when the two words fill one place in their sentences
(`aligned`, by the parse): they describe the same word ("en stor økning" / "en liten økning") or
govern one ("laget vant finalen" / "laget tapte finalen", "regjeringen godkjente avtalen" / "avtalen ble
forkastet av regjeringen"). Two opposite words about different things ("private barnehager" beside "et
offentlig tilskudd") are no contradiction.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

from ..config import artefact_path
from ..text.lemmas import lookup_lemma
from . import syntax
from .clauses import sentence_of
from .polarity import COMPARATIVE_ENDINGS, LIGHT_VERBS, SUPERLATIVE_ENDINGS, forms, prefix_clash, words
from .variants import related_word

ANTONYMS = [
    ({"billig", "billigere", "rimelig", "gratis"}, {"dyr", "dyrt", "dyre", "kostnadskrevende", "kostbar", "kostbart"}),
    ({"trygg", "trygt", "trygge", "sikker", "sikkert"}, {"farlig", "utrygg", "utrygt", "risikabelt"}),
    ({"fornøyd", "fornøyde", "nøgd", "nøgde"}, {"misfornøyd", "misfornøyde", "misnøgd", "misnøgde"}),
    ({"lav", "lavt", "lave", "låg", "lågt"}, {"høy", "høyt", "høye", "høg", "høgt"}),
    ({"lykkes", "lyktes", "vellykket", "vellykka", "suksess", "lukkast", "lukkas", "vellukka"},
     {"mislykkes", "mislyktes", "mislykket", "mislukka", "mislukkast", "mislukkas", "sviktet", "fiasko"}),  # nn too
    ({"positiv", "positivt", "positive"}, {"negativ", "negativt", "negative"}),
    ({"økende", "aukande"}, {"synkende", "minkende", "søkkande"}),
    ({"permanent", "varig"}, {"midlertidig", "prøveprosjekt", "forsøk"}),
    ({"effektiv", "effektivt", "virksom"}, {"ineffektiv", "ineffektivt", "virkningsløs"}),
    ({"alle"}, {"ingen"}),
]


def _pair(a: str, b: str) -> tuple[frozenset[str], frozenset[str]]:
    return frozenset(a.split()), frozenset(b.split())


LEXICON = (
    _pair("vinne vinner vant vunnet vinna vunne seier seire seiret seira seiersen",
          "tape taper tapte tapt tapa tapar nederlag"),
    _pair("gevinst overskudd overskot", "tap underskudd underskot"),
    _pair("godkjenne godkjente godkjent godkjenner godkjenna godkjende godkjend godta godtok godtatt godtar "
          "akseptere aksepterte akseptert aksepterer innvilge innvilget innvilga innvilger vedta vedtok vedtatt vedtek",
          "avvise avviste avvist avviser avvisa forkaste forkastet forkasta forkastar forkaster avslå avslo avslått "
          "avslår avslag underkjenne underkjente underkjent"),
    _pair("tillate tillot tillatt tillater tillet", "forby forbød forbudt forbyr forbod forbode forboden forbydd"),
    _pair("innføre innførte innført innfører innføra innførde etablere etablerte etablert etablerer",
          "avskaffe avskaffet avskaffa avskaffer oppheve opphevet oppheva opphever avvikle avviklet avvikla avvikler"),
    _pair("åpne åpnet åpna åpner åpen opne opna opnar open", "stenge stengte stengt stenger stengde stengd lukke "
          "lukket lukka lukker"),
    _pair("frifinne frifant frifunnet frifunnen frifann frikjenne frikjente frikjent",
          "dømme dømte dømt domfelle domfelte domfelt dømde dømd"),
    _pair("anbefale anbefalte anbefalt anbefaler tilrå tilrår tilrådde tilrådd tilråde",
          "fraråde frarådet frarådde fraråder advare advarte advart advarer åtvare åtvara åtvarar"),
    _pair("sterk sterkt sterke", "svak svakt svake"),
    _pair("stor stort store", "liten lita lite små smått"),
    _pair("lang lange", "kort korte"),
    # not "eldre"/"yngre": the comparatives name two groups ("de yngre guttene", "de eldre gutta")
    _pair("gammel gamle gammelt gamal gamalt eldst eldste", "ung unge ungt yngst yngste"),
    _pair("rik rike rikt", "fattig fattige fattigt"),
    _pair("god godt gode bra best beste", "dårlig dårlige dårleg dårlege elendig verst verste dårligst dårligste"),
    _pair("lett enkel lettvint", "vanskelig vanskelige vanskeleg vanskelege"),
    _pair("varm varmt varme", "kald kaldt kalde"),
    _pair("frisk friske friskt", "syk syke sykt sjuk sjuke"),
    _pair("levende levande overleve overlevde overlevd overlever", "død døde dødt daud omkomme omkom omkommet omkome"),
    _pair("privat private", "offentlig offentlige offentleg offentlege"),
    _pair("heltid", "deltid"),
    _pair("frivillig frivillige", "obligatorisk obligatoriske tvungen tvunget påbudt"),
    _pair("optimistisk optimistiske", "pessimistisk pessimistiske"),
    _pair("rask raskt raske", "treg tregt trege langsom langsomt langsomme sakte"),
    _pair("ofte hyppig hyppige", "sjelden sjeldent sjeldne sjeldan"),
    _pair("alene åleine aleine", "sammen saman"),
    _pair("elske elsket elska elsker", "hate hatet hata hater"),
    _pair("muntlig munnleg", "skriftlig skriftleg"),
    _pair("inkludere inkluderte inkluderer", "ekskludere ekskluderte ekskludert ekskluderer"),
    _pair("sommer sommeren sommar sommaren", "vinter vinteren"),
    _pair("høst høsten haust hausten", "vinter vinteren sommer sommeren sommar sommaren"),
    _pair("nord nordlige nordlig nordover", "sør sørlige sørlig sørover syd"),
    _pair("øst østlige østlig aust austlege", "vest vestlige vestlig vestlege"),
    _pair("flertall fleirtal", "mindretall mindretal"),
    _pair("begynnelse begynnelsen starten byrjinga", "slutten avslutning avslutningen"),
    _pair("begynne begynte begynt begynner byrje byrja starte startet starta starter",
          "avslutte avsluttet avslutta avslutter stanse stanset stansa stanser avbryte avbrøt avbrutt"),
    _pair("riktig riktige korrekt korrekte", "feil gal galt gale uriktig"),
    _pair("intern interne", "ekstern eksterne"),
    _pair("legal legale", "illegal illegale"),
    _pair("mange mye mykje", "få lite"),
    _pair("framgang fremgang", "tilbakegang"),
    _pair("styrke styrket styrka styrker styrkes styrkje styrkja", "svekke svekket svekka svekker svekkes svekkje svekkja"),
    _pair("tilhenger tilhengere tilhengar tilhengarar", "motstander motstandere motstandar motstandarar"),
    _pair("ja", "nei"),
    _pair("bekrefte bekreftet bekrefta bekrefter stadfeste stadfestet stadfesta",
          "avkrefte avkreftet avkrefta avkrefter"),
    _pair("maksimal maksimale maksimalt", "minimal minimale minimalt"),
    _pair("endelig endelige endeleg endelege", "foreløpig foreløpige førebels"),
)
# words whose verb is another word: "få" as a verb ("fikk", "fått") is "get", not "few"
NOT_AS_VERB = {"få"}


@lru_cache(maxsize=1)
def mined() -> tuple[tuple[frozenset[str], frozenset[str]], ...]:
    """Opposite words read off the team's written NLI pairs (models/stance/nli/mine_antonyms.py, train split):
    checked as the lexicon is, in one place by the parse. Empty when the artefact is missing."""
    path = artefact_path("stance/antonyms_mined.json")
    if path is None:
        return ()
    return tuple((frozenset(p["a"]), frozenset(p["b"])) for p in json.loads(path.read_text(encoding="utf-8"))["pairs"])


_COMPARATIVE = re.compile(rf".{{2,}}(?:{COMPARATIVE_ENDINGS})")
_SUPERLATIVE = re.compile(rf".{{2,}}(?:{SUPERLATIVE_ENDINGS})")
_IRREGULAR = {"større": 1, "mindre": 1, "bedre": 1, "verre": 1, "eldre": 1, "yngre": 1, "lengre": 1,
              "størst": 2, "største": 2, "minst": 2, "minste": 2, "best": 2, "beste": 2, "verst": 2, "verste": 2,
              "eldst": 2, "eldste": 2, "yngst": 2, "yngste": 2, "lengst": 2, "lengste": 2}


def degree(word: str) -> int:
    """0 for a plain form, 1 for a comparative, 2 for a superlative: "små" is no opposite of "større" (larger than
    before, not large)."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    return 2 if _SUPERLATIVE.fullmatch(word) else 1 if _COMPARATIVE.fullmatch(word) else 0


_CONTENT = {"NOUN", "PROPN", "VERB", "ADJ", "NUM"}


def _neighbours(tokens: tuple[syntax.Token, ...], t: syntax.Token) -> set[str]:
    """Lemmas of the content words `t` hangs on or governs: its head, its dependents (through a preposition to
    its noun, through "å" to its verb), and, under an auxiliary or a light verb ("avtalen ble forkastet",
    "prosjektet er dyrt"), that verb's other dependents."""
    def below(h: syntax.Token) -> list[syntax.Token]:
        out = []
        for d in tokens:
            if d.head == h.index and d.index != h.index:
                out += [d] + ([g for g in tokens if g.head == d.index and g.index != d.index]
                              if d.pos in ("ADP", "PART") else [])  # "mot ordningen", "å få"
        return out

    near = below(t)
    if t.head != t.index:
        head = tokens[t.head]
        near.append(head)
        if t.pos == "ADJ" and head.pos == "NOUN":  # "foreløpige vurderinger og anbefalinger": both are foreløpige
            near += [d for d in tokens if d.head == head.index and d.dep == "KOORD" and d.index > head.index
                     and not _own_modifier(tokens, d)]  # but "et lite bibliotek og en skole": not the school
        if head.pos == "AUX" or head.lemma in LIGHT_VERBS:
            near += [d for d in below(head) if d.index != t.index]
            if head.head != head.index:
                near.append(tokens[head.head])
    return {d.lemma for d in near if d.pos in _CONTENT and d.lemma not in LIGHT_VERBS and d.index != t.index}


def _own_modifier(tokens: tuple[syntax.Token, ...], noun: syntax.Token) -> bool:
    """Does a noun have a determiner or an adjective of its own ("og en skole", "og nye anbefalinger")?"""
    return any(d.head == noun.index and d.index < noun.index and (d.dep == "DET" or d.pos in ("ADJ", "DET"))
               for d in tokens)


def aligned(claim: str, said: str, passage: str, other: str) -> bool:
    """Do `said` (a word of the claim) and `other` (of the passage) fill one place by the parse: the same word they
    describe, or a word both govern? Not a speech tag ("..., advarer Ringstad": it says how something was said;
    the quote says what), so `passage` is the whole sentence of the word. False when either is not found; True
    without a trained parser."""
    claim_tokens, passage_tokens = syntax.tag(claim), syntax.tag(passage)
    if not claim_tokens or not passage_tokens or not claim_tokens[0].dep:
        return True
    a = next((t for t in claim_tokens if t.text.lower() == said), None)
    b = next((t for t in passage_tokens if t.text.lower() == other), None)
    if a is None or b is None or "PAR" in (a.dep, b.dep):
        return False  # "..., advarer Ringstad": a speech tag says how it was said, the quote what
    if any((t.text.lower() in NOT_AS_VERB or t.lemma in NOT_AS_VERB) and t.pos in ("VERB", "AUX") for t in (a, b)):
        return False
    mine, theirs = _neighbours(claim_tokens, a), _neighbours(passage_tokens, b)
    return any(related_word(x, y) for x in mine for y in theirs)


def antonym_clash(claim: str, passage: str, context: str = "") -> tuple[str, str] | None:
    """(claim word, passage word) when the two use opposite words of one antonym pair; for the general lexicon
    (antonyms.LEXICON) in one degree, filling one place by the parse of the sentence of `context` (the text the
    clause `passage` was taken from) that holds it, and with the claim's own word nowhere in that sentence (which
    speaks of both: "de rike ... mest, de fattigste minst"). The sentence is found only on a lexicon hit."""
    cwords, pwords = words(claim), words(passage)
    if "enn" in cwords and "enn" in pwords:
        return None  # two comparisons ("A lavere enn B", "B høyere enn A"): the comparison check reads the order
    cw = {f for w in cwords for f in forms(w)}
    pw = {f for w in pwords for f in forms(w)}
    for pairs, by_parse in ((ANTONYMS, False), (LEXICON, True), (mined(), True)):
        for left, right in pairs:
            for a, b in ((left, right), (right, left)):
                hit_c, hit_p = cw & a, pw & b
                if hit_c and hit_p and not (cw & b) and not (pw & a):
                    said, other = _written(cwords, hit_c), _written(pwords, hit_p)
                    if said in QUANTIFIERS and not _same_quantified(cwords, said, pwords, other):
                        continue
                    if by_parse:
                        sentence = sentence_of(passage, context or passage)
                        if (degree(said) != degree(other) or not aligned(claim, said, sentence, other)
                                or {f for w in words(sentence) for f in forms(w)} & a):
                            continue
                    return said, other
    clash = prefix_clash(cwords, pwords) or _swap(prefix_clash(pwords, cwords))
    return clash if clash is None or _same_function(claim, clash[0], passage, clash[1]) else None


def _same_function(claim: str, said: str, passage: str, other: str) -> bool:
    """A word used as an adverbial is not the opposite of one that describes a thing: "årsakene er uklare"
    against "utgiftene vokser klart sterkere" (clearly), by the parse (its POS, or its function: NDT "ADV",
    UD "advmod"); True without a trained parser or when a word is not found."""
    def adverbial(text: str, word: str) -> bool | None:
        return next((t.pos == "ADV" or t.dep in ("ADV", "advmod") for t in syntax.tag(text) if t.text.lower() == word),
                    None)

    a, b = adverbial(claim, said), adverbial(passage, other)
    return a is None or b is None or a == b


QUANTIFIERS = {"alle", "ingen"}
_BEFORE_QUANTIFIED = {"av", "de", "dei", "disse", "desse", "våre", "dine", "sine", "hans", "hennes", "deres", "sitt",
                      "andre", "slike", "sånne", "to", "tre"}


def _quantified(ws: list[str], word: str) -> str:
    """The word "alle"/"ingen" quantifies: the next one past "av de", a possessive or "andre" ("ingen av
    pasientene", "alle sine kunder"), or what the pronoun does ("ingen kom")."""
    after = ws[ws.index(word) + 1:]
    return next((w for w in after if w not in _BEFORE_QUANTIFIED), "")


def _same_quantified(cwords: list[str], said: str, pwords: list[str], other: str) -> bool:
    """"alle gasskraftverk" against "ingen aktører" quantify different things: no opposites."""
    a, b = _quantified(cwords, said), _quantified(pwords, other)
    return bool(a and b) and (related_word(a, b) or lookup_lemma(a) == lookup_lemma(b))


def _swap(pair):
    return pair and (pair[1], pair[0])


def _written(ws: list[str], hit: set[str]) -> str:
    """The word as the text writes it ("lågaste"), not the form that matched ("låg")."""
    return next(w for w in ws if forms(w) & hit)
