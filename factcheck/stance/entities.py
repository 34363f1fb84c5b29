"""Names in a sentence — places, organisations, other proper names — for the "same role,
different name" check (Oslo og Bergen vs Oslo og Trondheim; Tyskland vs Danmark).

Rule-based on purpose: a small gazetteer of countries and Norwegian cities (with
nationality adjectives mapped to their country), acronyms as organisations, and
capitalised words inside a sentence as other names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from . import slots
from .variants import fold, related_word, same_name

COUNTRIES = """Norge Noreg Sverige Danmark Finland Island Tyskland Sveits Nederland Holland England Storbritannia
Skottland Wales Irland Frankrike Spania Portugal Italia Belgia Luxembourg Østerrike Polen Tsjekkia Ungarn Hellas
Estland Latvia Litauen Russland Ukraina Tyrkia Canada USA Mexico Brasil Argentina Kina Japan India Australia
Iran Irak Israel Egypt Sør-Afrika
Albania Andorra Bosnia-Hercegovina Bulgaria Hviterussland Kroatia Kypros Kosovo Liechtenstein Malta
Moldova Monaco Montenegro Nord-Makedonia Romania Serbia Slovakia Slovenia Færøyene Grønland Armenia
Aserbajdsjan Kasakhstan Usbekistan Afghanistan Pakistan Bangladesh Nepal Bhutan Myanmar Thailand
Vietnam Kambodsja Laos Malaysia Singapore Indonesia Filippinene Taiwan Sør-Korea Nord-Korea Mongolia
Saudi-Arabia Jemen Oman Qatar Kuwait Bahrain Libanon Syria Palestina Marokko Algerie Tunisia Libya Sudan
Sør-Sudan Etiopia Eritrea Somalia Somaliland Kenya Uganda Tanzania Rwanda Burundi Kongo Nigeria Ghana Senegal
Tsjad Kamerun Angola Zambia Zimbabwe Mosambik Malawi Botswana Namibia Madagaskar Chile Peru Bolivia
Colombia Venezuela Ecuador Paraguay Uruguay Cuba Haiti Jamaica Bahamas Guatemala Honduras Nicaragua Panama""".split()
CITIES = """Oslo Bergen Trondheim Stavanger Kristiansand Tromsø Drammen Fredrikstad Sandnes Bodø Ålesund Sarpsborg
Skien Haugesund Tønsberg Moss Porsgrunn Arendal Hamar Larvik Halden Lillehammer Molde Harstad Gjøvik Kongsberg
Alta Narvik Lillestrøm Asker Bærum Stockholm Göteborg København Helsingfors Reykjavik Berlin Hamburg Zürich
Zurich Genève Bern Amsterdam Rotterdam London Paris Madrid Roma Wien Vancouver Toronto Ullevål Aker Gaustad
Brussel Dublin Edinburgh Lisboa Barcelona Milano Napoli München Frankfurt Köln Praha Warszawa Budapest Aten
Beograd Kyiv Moskva Minsk Tallinn Riga Vilnius Istanbul Ankara Jerusalem Kairo Beirut Damaskus
Bagdad Teheran Kabul Islamabad Delhi Mumbai Beijing Shanghai Hongkong Tokyo Seoul Pyongyang Bangkok
Jakarta Manila Sydney Melbourne Washington Chicago Boston Miami Ottawa Montreal Havanna Brasília Santiago Lima
Bogotá Nairobi Mogadishu Lagos Johannesburg Dubai Doha Riyadh""".split()
# parts of the world, which hold countries: "i Europa" is no answer to "i Norge", but Europa clashes with Asia
REGIONS = """Europa Skandinavia Norden Afrika Asia Amerika Nord-Amerika Sør-Amerika Latin-Amerika Midtøsten Oseania
Antarktis Arktis Balkan Baltikum Vest-Europa Øst-Europa Sentral-Europa Nord-Europa Sør-Europa Sørøst-Asia
Vest-Afrika Øst-Afrika Nord-Afrika""".split()
NATIONALITY = {
    "norsk": "Norge", "svensk": "Sverige", "dansk": "Danmark", "finsk": "Finland", "tysk": "Tyskland",
    "sveitsisk": "Sveits", "nederlandsk": "Nederland", "hollandsk": "Nederland", "engelsk": "England",
    "britisk": "Storbritannia", "fransk": "Frankrike", "spansk": "Spania", "italiensk": "Italia",
    "kanadisk": "Canada", "amerikansk": "USA", "islandsk": "Island", "polsk": "Polen",
    "kinesisk": "Kina", "russisk": "Russland", "japansk": "Japan", "indisk": "India", "tyrkisk": "Tyrkia",
    "ukrainsk": "Ukraina", "iransk": "Iran", "irakisk": "Irak", "israelsk": "Israel", "egyptisk": "Egypt",
    "syrisk": "Syria", "afghansk": "Afghanistan", "pakistansk": "Pakistan", "somalisk": "Somalia",
    "kenyansk": "Kenya", "nigeriansk": "Nigeria", "meksikansk": "Mexico", "brasiliansk": "Brasil",
    "argentinsk": "Argentina", "chilensk": "Chile", "kubansk": "Cuba", "australsk": "Australia",
    "østerriksk": "Østerrike", "belgisk": "Belgia", "portugisisk": "Portugal", "gresk": "Hellas", "irsk": "Irland",
    "skotsk": "Skottland", "estisk": "Estland", "latvisk": "Latvia", "litauisk": "Litauen", "ungarsk": "Ungarn",
    "tsjekkisk": "Tsjekkia", "serbisk": "Serbia", "kroatisk": "Kroatia", "rumensk": "Romania", "bulgarsk": "Bulgaria",
    "sørkoreansk": "Sør-Korea", "nordkoreansk": "Nord-Korea", "vietnamesisk": "Vietnam", "thailandsk": "Thailand",
    "indonesisk": "Indonesia", "palestinsk": "Palestina", "libanesisk": "Libanon", "marokkansk": "Marokko",
    "etiopisk": "Etiopia", "eritreisk": "Eritrea", "sudansk": "Sudan", "saudiarabisk": "Saudi-Arabia",
    "hviterussisk": "Hviterussland",
}
PARTIES = {  # Norwegian parties, by every name they go by
    "arbeiderpartiet": "Ap", "ap": "Ap", "høyre": "Høyre", "fremskrittspartiet": "FrP", "frp": "FrP",
    "senterpartiet": "Sp", "sp": "Sp", "sv": "SV", "sosialistisk venstreparti": "SV", "venstre": "Venstre",
    "krf": "KrF", "kristelig folkeparti": "KrF", "mdg": "MDG", "miljøpartiet": "MDG", "rødt": "Rødt",
    "pasientfokus": "Pasientfokus",
}
# names of more than one word, found through the NER's spans ("Abu Dhabi", "New York")
COUNTRIES += ["Sri Lanka", "Costa Rica", "New Zealand", "De forente arabiske emirater", "Den dominikanske republikk"]
CITIES += ["Tel Aviv", "New York", "Los Angeles", "San Francisco", "Rio de Janeiro", "São Paulo", "Buenos Aires",
           "Addis Abeba", "Cape Town", "Abu Dhabi"]
# other names of one place: "Peking" is Beijing
PLACES = {w.lower(): w for w in COUNTRIES + CITIES + REGIONS} | {
    "peking": "Beijing", "kiev": "Kyiv", "hong kong": "Hongkong", "kviterussland": "Hviterussland"}
_COUNTRY_SET, _CITY_SET, _REGION_SET = set(COUNTRIES), set(CITIES), set(REGIONS)
NON_EXHAUSTIVE = re.compile(r"\b(blant annet|bl\.a\.?|f\.eks\.?|for eksempel|blant andre|inkludert|deriblant|mellom anna|m\.a\.)\b",
                            re.IGNORECASE)
_TOKEN = re.compile(r"[\wæøåÆØÅ][\wæøåÆØÅ\-]*")
_EDGE_PUNCTUATION = " .,:;!?«»\"'"
# a sentence's first word, also after the dash that opens a quoted utterance ("«Shabi». - Jeg har vært ...")
_SENTENCE_START = re.compile(r"(?:^|[.!?:»«\"]\s+|\n)(?:[-–—]\s+)?$")
# capitalised words that are not names (sentence-initial words are skipped anyway)
_NOT_NAMES = {"Statsbudsjettet", "Regjeringen", "Regjeringa", "Stortinget", "Korpuset", "Motargument", "Lærdom"}


def _common(word: str) -> bool:
    """A common noun for an institution, also in the genitive ("Regjeringens"): the NER tags it, it names no one."""
    return word in _NOT_NAMES or (word.endswith("s") and word[:-1] in _NOT_NAMES)


@dataclass(frozen=True)
class Entity:
    name: str  # canonical form: "Danmark" for "danske"
    kind: str  # place | org | name
    scale: str = ""  # for places: country | city, "" when unknown (a name only the NER found)
    # the word as the text has it ("svenske", "Noregs"): where the parse finds it when it is not the name itself
    written: str = field(default="", compare=False)


HOME_COUNTRY = "Norge"  # what a Norwegian text is about when it names no other country


def _scale(canonical: str) -> str:
    return "country" if canonical in _COUNTRY_SET else "city" if canonical in _CITY_SET else \
        "region" if canonical in _REGION_SET else ""


NER_KINDS = {"GPE_LOC": "place", "LOC": "place", "ORG": "org", "GPE_ORG": "org", "PER": "name"}


def extract(text: str, ner=()) -> list[Entity]:
    """The named things a sentence mentions, in order, without duplicates.

    `ner`: (text, NorNE label) pairs from the trained pipeline, which also finds names
    the rules miss (a person's name first in a sentence); only those inside `text` count.
    """
    return list(_extract(text, tuple(tuple(pair) for pair in ner)))


@lru_cache(maxsize=4096)
def _extract(text: str, ner: tuple[tuple[str, str], ...]) -> tuple[Entity, ...]:
    # cached: each passage is compared with every claim it was retrieved for
    found: dict[str, Entity] = {}
    spans = []  # where the NER's names are: their words are not names of their own ("Oslo" in "Oslo Economics")
    for name, label in ner:
        name = name.strip(_EDGE_PUNCTUATION)  # "KrF." at a sentence's end: the tokenizer kept the full stop
        kind = NER_KINDS.get(label)
        if kind and name and name in text and not name.lower() in NATIONALITY and not _common(name):
            party = _known(PARTIES, name.lower())
            canon = _known(PLACES, name.lower()) or party or name
            # Norge as an actor (GPE_ORG) stays an org; a party is one whatever the NER guessed ("KrF" as PER)
            found.setdefault(canon.lower(), Entity(canon, "org" if party else kind, _scale(canon), name))
            spans += [(m.start(), m.end()) for m in re.finditer(re.escape(name), text)]
    for m in _TOKEN.finditer(text):
        if any(a <= m.start() and m.end() <= b for a, b in spans):
            continue
        word = m.group()
        lower = word.lower()
        base = re.sub(r"(e|ere|este)$", "", lower)
        head = word.split("-")[0]
        place, party = _known(PLACES, lower), _known(PARTIES, lower)
        if place:
            entity = Entity(place, "place", _scale(place), word)
        elif party and word[0].isupper():
            entity = Entity(party, "org", written=word)
        elif lower in NATIONALITY or base in NATIONALITY:
            entity = Entity(NATIONALITY.get(lower) or NATIONALITY[base], "place", "country", word)
        elif head.isupper() and 2 <= len(head) <= 8 and head.isalpha():
            entity = Entity(head, "org")  # acronyms count even first in a sentence ("SERAF-rapporten")
        elif word[0].isupper() and not _common(word) and not _SENTENCE_START.search(text[: m.start()]):
            entity = Entity(head, "name")
        else:
            continue
        found.setdefault(entity.name.lower(), entity)
    return tuple(found.values())


def _known(table: dict[str, str], lower: str) -> str | None:
    """The canonical name of a known place or party, also in the genitive ("Norges", "Arbeiderpartiets",
    "Bergens"): a name is the same name whatever case it stands in."""
    found = table.get(lower)
    if found is None and len(lower) > 3 and lower[-1] in "s'":
        found = table.get(lower[:-1]) or (table.get(lower[:-2]) if lower.endswith("'s") else None)
    return found


_RUN = re.compile(r"[A-ZÆØÅ][\wæøåÆØÅ\-]*(?:\s+[A-ZÆØÅ][\wæøåÆØÅ\-]*)*")


def _name_word(word: str) -> str:
    """A word of a name, lower-cased and without a genitive s ("Bøs" -> "bø")."""
    word = fold(word).rstrip("'")
    return word.removesuffix("s") if len(word) > 2 and word.endswith("s") else word


def _name_words(run: str) -> set[str]:
    return {_name_word(w) for w in run.split()}


def named_in_part(entity: Entity, claim: str, passage: str) -> bool:
    """Is a person the claim names in full ("Johannes Thingnes Bø") named in the passage by part of that name
    ("Thingnes Bøs", "Riiber")? News names a person in full once, then by surname. A part counts only when
    every capitalised word around it belongs to the claim's name and one of them is a word of `entity` other than
    the first name: "Tarjei Bø" is no mention of "Johannes Thingnes Bø"; "Johannes" alone names no one; "Gunnar
    Wiederstrøm" is no mention of "Aftenposten" in "Aftenposten-journalisten Gunnar Wiederstrøm"."""
    if entity.kind != "name":
        return False
    full = next((r.group() for r in _RUN.finditer(claim) if entity.name in r.group()), "")
    words = full.split()
    if len(words) < 2:
        return False
    given, whole = _name_words(words[0]), _name_words(full)
    own = _name_words(entity.name) - given  # the words of this name that are not a first name
    for run in _RUN.finditer(passage):
        found = _name_words(run.group())
        if found <= whole and found & own:
            return True
    return False


def is_non_exhaustive(text: str) -> bool:
    """Does the text list examples ("blant annet i ...") rather than all cases?"""
    return bool(NON_EXHAUSTIVE.search(text))


def same_entity(a: Entity, b: Entity) -> bool:
    """One name, also across inflection and bokmål/nynorsk spelling (Noregs Bank, Norges Bank)."""
    x, y = fold(a.name), fold(b.name)
    return x == y or (min(len(x), len(y)) >= 4 and (x.startswith(y) or y.startswith(x))) or same_name(x, y) or (
        _surname_of(a.name, b.name) or _surname_of(b.name, a.name))


def _surname_of(short: str, full: str) -> bool:
    """Is `short` the same person's name cut to its last words ("Berg", "Nordmann Berg" of "Kari Nordmann Berg";
    "Bjørndalen" of "Ole Einar Bjørndalens")? Not a first name alone, not another first name ("Ola Berg")."""
    words = full.split()
    if len(words) < 2 or len(short.split()) >= len(words):
        return False
    part, whole = _name_words(short), [_name_word(w) for w in words]
    return whole[-1] in part and part <= set(whole[1:])


def same_head(a: Entity, b: Entity) -> bool:
    """Two different multi-word names ending in the same word ("Oslo Economics", "Menon Economics"):
    of one kind for certain, whatever kinds the NER gave them."""
    wa, wb = a.name.lower().split(), b.name.lower().split()
    return len(wa) > 1 and len(wb) > 1 and wa[-1] == wb[-1] and wa != wb


def can_clash(a: Entity, b: Entity) -> bool:
    """Two places clash only at the same scale: a country is no answer to a city, and a place only
    the NER knows (a county? a town?) is compared only with another such place. Two known places are
    compared by their scale alone: the NER may call "Bergens" an organisation and "Oslos" a place."""
    if a.scale and b.scale:
        return a.scale == b.scale
    return (a.kind == b.kind and a.scale == b.scale) or same_head(a, b)


def implied(entity: Entity, named: list[Entity], document_places=()) -> bool:
    """Is a place the passage does not name implied all the same? The home country in a Norwegian
    text, or a place its document names elsewhere (`document_places`), as long as the passage names
    no other place of the same scale (then it is a clash or another place, not an implied one)."""
    if entity.kind != "place" and not entity.scale:
        return False
    home = entity.scale == "country" and same_entity(entity, Entity(HOME_COUNTRY, "place", "country"))
    if not home and not any(same_entity(entity, Entity(p, "place")) for p in document_places):
        return False
    return not any((o.kind == "place" or o.scale) and o.scale == entity.scale and not same_entity(o, entity)
                   for o in named)


def names_by_document(passages) -> dict[str, tuple[Entity, ...]]:
    """Every name each document mentions anywhere, by doc_id (one pass over the index)."""
    found: dict[str, dict[str, Entity]] = {}
    for p in passages:
        names = found.setdefault(p.doc_id, {})
        for e in extract(p.text, [tuple(x) for x in p.entities]):
            names.setdefault(e.name.lower(), e)
    return {doc: tuple(names.values()) for doc, names in found.items()}


def places_by_document(names: dict[str, tuple[Entity, ...]]) -> dict[str, tuple[str, ...]]:
    """The places each document is about, from `names_by_document`: a place that is the only one of
    its scale the document names (a report naming one city is about that city; one naming five is about none)."""
    about = {}
    for doc, named in names.items():
        places = [e for e in named if e.kind == "place" or e.scale]
        scales = [e.scale for e in places]
        about[doc] = tuple(e.name for e in places if scales.count(e.scale) == 1)
    return about


def speaker_names(sentence: str, speaker: str, names: tuple[Entity, ...], ner=()) -> list[str]:
    """The names the sentence gives inside the speaker's words ("Hovedstyret i Norges Bank", "en rapport
    Menon Economics har laget for Legeforeningen") that a document naming `names` also names."""
    wanted = [e for e in extract(sentence, ner) if e.name.lower() in speaker.lower()]
    return [w.name for w in wanted if any(same_entity(w, n) for n in names)]


_NATIONALITY_OR_PARTY = {**NATIONALITY, **PARTIES}
LOCATIVE = slots.LOCATIVE | {"til"}  # read by the word before a name, which cannot tell "reiste til" from "faren til"
_LIST_WORDS = {"og", "eller", "samt"}


def roles(text: str) -> dict[str, str]:
    """For each entity, the word that introduces it (skipping list words): "i Oslo og Bergen" -> i, i."""
    tokens = [m.group() for m in _TOKEN.finditer(text)]
    names = {e.name.lower() for e in extract(text)}
    found: dict[str, str] = {}
    for i, tok in enumerate(tokens):
        key = tok.split("-")[0].lower()
        canon = (_known(PLACES, key) or _known(_NATIONALITY_OR_PARTY, key) or tok.split("-")[0]).lower()
        if canon not in names:
            continue
        j = i - 1
        while j >= 0 and (tokens[j].lower() in _LIST_WORDS or tokens[j].split("-")[0].lower() in names
                          or PLACES.get(tokens[j].lower(), "").lower() in names):
            j -= 1
        role = tokens[j].lower() if j >= 0 else ""
        found.setdefault(canon, "loc" if role in LOCATIVE else role)
    return found


def swapped(claim: str, passage: str, claim_ner=(), passage_ner=()) -> tuple[str, str] | None:
    """Two names both sides give, each in the slot the other has on the other side, by the parse ("Pegi Young
    forlot Neil Young" / "Neil Young forlot Pegi Young"; "Det er A som skriver at B vil vise" / "A vil vise ...,
    skriver B"): (claim's name, the name the passage puts in its slot), else None. Only names of one kind trade
    places: a company and a place in each other's prepositions ("sjef for ESPN i Europa" / "sjef i ESPN for
    Europa") say one thing."""
    ce, pe = extract(claim, claim_ner), extract(passage, passage_ner)
    pairs = [(c, p) for c in ce for p in pe if same_entity(c, p)]
    if len(pairs) < 2:
        return None
    claim_slots = slots.slots(claim, [_written(c) for c, _ in pairs])
    passage_slots = slots.slots(passage, [_written(p) for _, p in pairs])
    for i, (ca, pa) in enumerate(pairs):
        for cb, pb in pairs[i + 1:]:
            if same_entity(ca, cb) or not can_clash(ca, cb):
                continue
            a_c, b_c = claim_slots.get(_written(ca).lower()), claim_slots.get(_written(cb).lower())
            a_p, b_p = passage_slots.get(_written(pa).lower()), passage_slots.get(_written(pb).lower())
            if None in (a_c, b_c, a_p, b_p) or slots.same_slot(a_c, b_c) or slots.same_slot(a_c, a_p):
                continue
            if slots.same_slot(a_c, b_p) and slots.same_slot(b_c, a_p):
                return ca.name, pb.name
    return None


def _written(e: Entity) -> str:
    """The entity as its text writes it, for the parse to find: "svenske" for Sverige, "Noreg" for Norge."""
    return e.written or e.name


def compare(claim: str, passage: str, claim_ner=(), passage_ner=()) -> tuple[list[Entity], list[Entity]]:
    """(claim entities the passage lacks, passage entities of the same kind *and role* that the claim lacks)."""
    ce, pe = extract(claim, claim_ner), extract(passage, passage_ner)
    missing = [c for c in ce if not any(same_entity(c, p) for p in pe)]
    others = [p for p in pe if not any(same_entity(p, c) for c in ce)]
    if not missing or not others:
        return missing, []
    claim_roles, passage_roles = roles(claim), roles(passage)
    claim_slots = slots.slots(claim, [_written(c) for c in missing])
    passage_slots = slots.slots(passage, [_written(p) for p in others])

    def same_role(c: Entity, p: Entity) -> bool:
        a, b = claim_slots.get(_written(c).lower()), passage_slots.get(_written(p).lower())
        if a is not None and b is not None:  # the parse sees both: it decides
            return slots.same_slot(a, b)
        # the word before each name; a name neither reading finds in its sentence (a place given as an inflected
        # adjective, "sveitsiske franc" / "første norske vinner") has no role to share
        a, b = claim_roles.get(c.name.lower()), passage_roles.get(p.name.lower())
        return a is not None and a == b

    def same_argument(c: Entity, p: Entity) -> bool:
        # two names no gazetteer knows, which the parse puts in one relation to one predicate ("slippes av Sony" /
        # "slippes av Microsoft"): they answer one question, whatever kinds the NER guessed for them (PER / ORG)
        a, b = claim_slots.get(_written(c).lower()), passage_slots.get(_written(p).lower())
        return (not c.scale and not p.scale and a is not None and b is not None and a.relation == b.relation
                and related_word(a.anchor, b.anchor))

    extra = [p for p in others if any((can_clash(c, p) and same_role(c, p)) or same_argument(c, p) for c in missing)]
    return missing, extra
