"""Make labelled claims from corpus sentences, the way FactCC did (Kryscinski et al. 2020).

No Norwegian NLI data can be had offline, so the stance combiner learns from
claims made out of the corpus itself:
- supported: the sentence, a clause of it, a trimmed or nynorsk-flavoured variant;
- contradicted: a number, year, name, negation, direction word, antonym,
  quantifier or comparison changed;
- not enough info: a name swapped into a list that only gives examples.
Every generator is deterministic given its random.Random.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from . import entities, polarity
from .antonyms import ANTONYMS
from .quantities import content_words, extract

FINITE_VERBS = ["er", "har", "var", "hadde", "ble", "blir", "kan", "vil", "skal", "gir", "viser", "får", "fikk",
                "anses", "mener", "finnes", "tilbys", "bidrar", "reduserer", "krever", "gjør"]
NYNORSK = {"ikke": "ikkje", "ble": "vart", "hva": "kva", "hvordan": "korleis", "noen": "nokon", "mer": "meir",
           "hvor": "kvar", "jeg": "eg", "mye": "mykje", "bare": "berre", "fra": "frå", "også": "òg", "være": "vere",
           "vært": "vore", "flere": "fleire", "hvis": "viss", "dem": "dei", "de": "dei", "deres": "deira",
           "etter": "etter", "komplikasjoner": "komplikasjonar", "pasienter": "pasientar", "studier": "studiar"}
SYNONYMS = {"særdeles": "svært", "etablert": "startet", "redusere": "minske", "benyttes": "brukes",
            "sammenlignet": "jamført", "dokumentert": "vist", "typisk": "vanligvis", "gjerne": "ofte",
            "forskrives": "skrives ut", "oftest": "som regel", "betydelig": "klart", "omkring": "rundt"}
DIRECTION_SWAP = {"økte": "falt", "falt": "økte", "økt": "redusert", "redusert": "økt", "flere": "færre",
                  "færre": "flere", "mer": "mindre", "mindre": "mer", "bedre": "verre", "verre": "bedre",
                  "høyere": "lavere", "lavere": "høyere", "større": "mindre", "nedgang": "økning",
                  "økning": "nedgang", "reduksjon": "økning", "forbedringer": "forverringer", "lav": "høy",
                  "høy": "lav", "lavt": "høyt", "tryggere": "farligere", "lengevirkende": "kortvirkende"}
_HEDGE_WORDS = re.compile(r"\s*\((?:[^()]*)\)|\b(?:blant annet|typisk|gjerne|også|allerede|foreløpig|noe)\s", re.I)


@dataclass(frozen=True)
class Generated:
    text: str
    label: str  # supported | contradicted | not_enough_info
    method: str


def _replace_word(text: str, old: str, new: str) -> str:
    def keep_case(m: re.Match) -> str:
        w = m.group()
        return new[:1].upper() + new[1:] if w[:1].isupper() else new

    return re.sub(rf"(?<![\wæøåÆØÅ]){re.escape(old)}(?![\wæøåÆØÅ])", keep_case, text, count=1, flags=re.IGNORECASE)


def supported_variants(sentence: str, rng: random.Random) -> list[Generated]:
    out = [Generated(sentence, "supported", "identity")]
    clauses = [c.strip(" ,.") for c in re.split(r",\s+(?:og|men|mens|som)?\s*|;\s+", sentence)]
    clauses = [c for c in clauses if len(c.split()) >= 5 and any(v in c.split() for v in FINITE_VERBS)]
    clauses = [c for c in clauses if c.rstrip(".") != sentence.rstrip(".")]
    for c in clauses[:3]:
        out.append(Generated(c[0].upper() + c[1:] + ".", "supported", "clause"))
    trimmed = _HEDGE_WORDS.sub(" ", sentence)
    trimmed = re.sub(r"\s{2,}", " ", trimmed).strip()
    if trimmed != sentence and len(trimmed.split()) >= 4:
        out.append(Generated(trimmed, "supported", "trim"))
    swapped = sentence
    for old, new in SYNONYMS.items():
        swapped = _replace_word(swapped, old, new)
    if swapped != sentence:
        out.append(Generated(swapped, "supported", "synonym"))
    dropped = _dropout(sentence, rng)
    if dropped:
        out.append(Generated(dropped, "supported", "dropout"))
    nn = sentence
    for old, new in NYNORSK.items():
        nn = re.sub(rf"(?<![\wæøå]){old}(?![\wæøå])", new, nn)
    if nn != sentence:
        out.append(Generated(nn, "supported", "nynorsk"))
    return out


_KEEP = set(polarity.NEGATIONS) | polarity.UP | polarity.DOWN


def _dropout(sentence: str, rng: random.Random, rate: float = 0.35) -> str | None:
    """Drop some ordinary words, keeping numbers, names, negations and direction words.

    Real claims paraphrase their source; without this every generated claim
    would share nearly all its words with the passage, unlike the claims users check.
    """
    words = sentence.rstrip(".").split()
    if len(words) < 7:
        return None
    kept = [w for i, w in enumerate(words)
            if i == 0 or any(ch.isdigit() for ch in w) or w[:1].isupper() or w.lower() in _KEEP or rng.random() > rate]
    if len(kept) == len(words) or len(kept) < 4:
        return None
    return " ".join(kept) + "."


def _other_number(value: float, unit: str, rng: random.Random) -> str:
    if unit == "year":
        return str(int(value) + rng.choice([-5, -3, -2, 2, 3, 4]))
    factor = rng.choice([0.3, 0.5, 1.6, 2.0, 3.0])
    new = value * factor
    return str(int(round(new))) if new >= 1 else f"{new:.1f}".replace(".", ",")


def contradicted_variants(sentence: str, rng: random.Random, names: list[str]) -> list[Generated]:
    out = []
    quantities = [q for q in extract(sentence) if q.unit != "number"]
    if quantities:
        q = rng.choice(quantities)
        # a figure in digits or in words, capitalised at the start of a sentence too ("Halvparten av ...")
        number = re.search(r"\d+(?:[.,]\d+)?|\b[^\W\d_]+\b", q.text)
        if number:
            new_text = q.text.replace(number.group(), _other_number(q.low, q.unit, rng), 1)
            out.append(Generated(sentence.replace(q.text, new_text, 1), "contradicted", "number"))
    found = [e for e in entities.extract(sentence) if e.kind == "place"]
    if found and not entities.is_non_exhaustive(sentence):
        target = rng.choice(found)
        pool = [n for n in names if n.lower() not in sentence.lower()]
        surface = next((w for w in re.findall(r"[\wæøåÆØÅ]+", sentence) if w.lower() == target.name.lower()), None)
        if pool and surface:
            out.append(Generated(_replace_word(sentence, surface, rng.choice(pool)), "contradicted", "entity"))
    words = sentence.split()
    if "ikke" in words or "ikkje" in words:
        removed = re.sub(r"\s(?:ikke|ikkje)(?=\s)", "", sentence, count=1)
        if "som ikke" not in sentence:
            out.append(Generated(removed, "contradicted", "negation"))
    else:
        for i, w in enumerate(words[:-1]):
            if w.lower() in FINITE_VERBS and i > 0:
                out.append(Generated(" ".join(words[: i + 1] + ["ikke"] + words[i + 1 :]), "contradicted", "negation"))
                break
    for old, new in DIRECTION_SWAP.items():
        swapped = _replace_word(sentence, old, new)
        if swapped != sentence:
            out.append(Generated(swapped, "contradicted", "direction"))
            break
    for left, right in ANTONYMS:
        for a, b in ((left, right), (right, left)):
            hit = next((w for w in a if re.search(rf"(?<![\wæøå]){w}(?![\wæøå])", sentence, re.I)), None)
            if hit:
                out.append(Generated(_replace_word(sentence, hit, sorted(b)[0]), "contradicted", "antonym"))
                break
    if re.search(r"\bikke alle\b", sentence):
        out.append(Generated(sentence.replace("ikke alle", "alle", 1), "contradicted", "quantifier"))
    comp = polarity.comparison(sentence)
    if comp:
        a, _, b = comp
        swapped = re.sub(rf"\b{a}\b", "\0", sentence, count=1, flags=re.I)
        swapped = re.sub(rf"\b{b}\b", a, swapped, count=1, flags=re.I).replace("\0", b)
        if swapped != sentence:
            out.append(Generated(swapped, "contradicted", "comparison"))
    if polarity.HEDGED.search(sentence) and not polarity.CERTAIN.search(sentence):
        certain = polarity.HEDGED.sub("", sentence, count=1)
        out.append(Generated("Det er slått fast at " + certain[0].lower() + certain[1:], "contradicted", "certainty"))
    return out


def unverifiable_variants(sentence: str, rng: random.Random, names: list[str]) -> list[Generated]:
    """A name added to a list of examples: the corpus neither confirms nor denies it."""
    if not entities.is_non_exhaustive(sentence):
        return []
    places = [e for e in entities.extract(sentence) if e.kind == "place"]
    pool = [n for n in names if n.lower() not in sentence.lower()]
    if len(places) < 2 or not pool:
        return []
    subject = sentence.split(" blant annet ")[0].split(" bl.a. ")[0]
    return [Generated(f"{subject} {entities.NON_EXHAUSTIVE.sub('', ' ').strip()}i {rng.choice(pool)}.".replace("  ", " "),
                      "not_enough_info", "example-list")]


# --- paraphrase-like claims -------------------------------------------------------------------
# Generated claims that repeat their source almost word for word teach a combiner that
# "near-verbatim means supported". Real claims paraphrase: they name the topic by its short
# name, take one item of a list, stop before the subordinate clause, use other words and
# other number formats. These generators make supported claims like that, and the
# contradicted and not-enough-info claims are then built on them too.

PARAPHRASE_WORDS = {
    "type": "form", "forskrives": "skrives ut", "tilbys": "gis", "benyttes": "brukes", "bidrar til": "hjelper til",
    "redusere": "minske", "reduserer": "minsker", "betydelig": "klart", "særdeles": "svært", "omkring": "rundt",
    "pasienter": "brukere", "pasientene": "brukerne", "studier": "undersøkelser", "studiene": "undersøkelsene",
    "forskerne": "forskere", "rapport": "utredning", "rapporten": "utredningen", "viktig": "vesentlig",
    "gunstig": "lønnsomt", "kostnadskrevende": "dyrt", "etablert": "opprettet", "etablere": "opprette",
    "organisert": "drevet", "sammenlignet": "jamført", "sammenliknet": "jamført", "dokumentert": "vist",
    "opplevde": "fikk", "fortsetter": "går videre", "avsluttet": "stanset", "tilgjengelig": "å få",
    "oftest": "vanligvis", "gjerne": "ofte", "typisk": "vanligvis", "umiddelbart": "straks",
    "rusavhengige": "personer med rusavhengighet", "opioidavhengige": "personer med opioidavhengighet",
    "kriminalitet": "lovbrudd", "kriminaliteten": "lovbruddene", "dødsfall": "dødsfall", "forbundet med": "knyttet til",
    "livskvalitet": "livskvaliteten", "behandlingen": "tilbudet", "tilbudet": "behandlingen", "helse": "helsa",
    "viser": "tyder på", "mener": "synes", "beregner": "anslår", "skriver": "sier", "fordrer": "krever",
}
NUMBER_FORMATS = [(r"(\d+(?:,\d+)?) ?%", r"\1 prosent"), (r"(\d+(?:,\d+)?) prosent", r"\1 %"),
                  (r"\btolv\b", "12"), (r"\bseks\b", "6"), (r"\bto til tre\b", "2–3"),
                  (r"\b(\d+) kroner\b", r"\1 kr")]
_SUBORDINATE = re.compile(r",\s(?:da|før|siden|fordi|når|ettersom|hvilket|noe som|slik at|der|som|og at|men)\s"
                          r"|\s(?:for å|der)\s|\s\(|\s–\s|:\s")
_PARENS = re.compile(r"\s*\([^()]*\)")
_FILLERS = re.compile(r"(?<=\s)(?:også|gjerne|oftest|vanligvis|allerede|fortsatt|imidlertid|dermed|likevel|særdeles|"
                      r"svært|i utgangspunktet|hovedsakelig|blant annet|i dag|derfor|da|dessuten|umiddelbart)(?=[\s,])", re.I)
_LIST = re.compile(r"((?:[\wæøåÆØÅ\-]+, )+[\wæøåÆØÅ\-]+ (?:og|eller) [\wæøåÆØÅ\-]+)")


def aliases(sentences: list[str]) -> dict[str, str]:
    """Long names -> their short forms, from definitions in the corpus: "Heroinassistert behandling (HAB)".

    The long form is the shortest run of words before the brackets that starts with the short form's letter.
    """
    found = {}
    for s in sentences:
        for m in re.finditer(r"((?:[\wæøåÆØÅ\-]+ ){1,6}?)\(([A-ZÆØÅ]{2,8})\)", s):
            words = m.group(1).split()
            start = next((i for i in range(len(words) - 1, -1, -1) if words[i][:1].lower() == m.group(2)[0].lower()), None)
            if start is not None and len(words) - start >= 2:
                found[" ".join(words[start:])] = m.group(2)
    return found


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _finish(text: str) -> str:
    text = re.sub(r"\s{2,}", " ", text).strip(" ,;:«»")
    return _cap(text.rstrip(".") + ".")


def _has_verb(text: str) -> bool:
    return any(w.lower() in FINITE_VERBS or w.lower().endswith(("es", "te", "de")) for w in text.split()[1:])


def paraphrase_variants(sentence: str, rng: random.Random, alias: dict[str, str]) -> list[Generated]:
    """Supported claims that say part of what the sentence says, in other words."""
    out = []
    base = _PARENS.sub("", sentence).replace("«", "").replace("»", "")
    cut = _SUBORDINATE.search(base)
    if cut and len(base[: cut.start()].split()) >= 4 and _has_verb(base[: cut.start()]):
        out.append(Generated(_finish(base[: cut.start()]), "supported", "prefix"))
    lists = _LIST.search(base)
    if lists:
        items = re.split(r", | og | eller ", lists.group(1))
        out.append(Generated(_finish(base.replace(lists.group(1), rng.choice(items), 1)), "supported", "list-item"))
    text = base
    for long, short in alias.items():  # real claims name the topic by its short name
        pattern = rf"(?<![\w-]){re.escape(long)}(?![\w-])"
        if re.search(pattern, text, flags=re.I):
            text = re.sub(pattern, short, text, count=1, flags=re.I)
    words = list(PARAPHRASE_WORDS.items())
    rng.shuffle(words)
    for old, new in words[:25]:
        text = _replace_word(text, old, new)
    for pattern, repl in NUMBER_FORMATS:
        if rng.random() < 0.7:
            text = re.sub(pattern, repl, text, count=1)
    if text != base:
        out.append(Generated(_finish(text), "supported", "reworded"))
    # the deepest paraphrase: reworded, shortened before the subordinate clause and thinned out
    cut = _SUBORDINATE.search(text)
    short = text[: cut.start()] if cut and len(text[: cut.start()].split()) >= 4 else text
    dropped = _FILLERS.sub(" ", f"{short} ")
    if dropped.strip().rstrip(".") not in (base.rstrip("."), text.rstrip(".")):
        out.append(Generated(_finish(dropped), "supported", "paraphrase"))
    return out


def unverifiable_details(sentence: str, rng: random.Random, names: list[str], others: list[str]) -> list[Generated]:
    """On-topic claims the corpus does not decide: a detail it never gives, or one sentence's
    subject with another sentence's predicate."""
    out = []
    base = _PARENS.sub("", sentence).rstrip(".")
    pool = [n for n in names if n.lower() not in sentence.lower()]
    if pool and not entities.extract(sentence) and len(base.split()) <= 18:
        out.append(Generated(_finish(f"{base} i {rng.choice(pool)}"), "not_enough_info", "added-place"))
    if not extract(sentence) and len(base.split()) <= 18:
        detail = rng.choice([f"i {rng.randint(1995, 2015)}", f"for {rng.choice([3, 40, 120, 450])} pasienter",
                             f"etter {rng.choice(['tre', 'fem', 'åtte'])} år"])
        out.append(Generated(_finish(f"{base} {detail}"), "not_enough_info", "added-detail"))
    words = base.split()
    verb = next((i for i, w in enumerate(words[:6]) if i > 0 and w.lower() in FINITE_VERBS), None)
    donors = [o for o in others if o != sentence]
    if verb and donors and content_words(" ".join(words[:verb])):
        other = _PARENS.sub("", rng.choice(donors)).replace("«", "").replace("»", "").rstrip(".").split()
        their = next((i for i, w in enumerate(other[:6]) if i > 0 and w.lower() in FINITE_VERBS), None)
        # both subjects must name something, or the mix says what the donor already says
        if their and content_words(" ".join(other[:their])) and \
                not set(content_words(" ".join(words[:verb]))) & set(content_words(" ".join(other))):
            mixed = " ".join(words[:verb] + other[their:])
            if len(mixed.split()) >= 4:
                out.append(Generated(_finish(mixed), "not_enough_info", "mixed"))
    return out
