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
from .quantities import extract

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
        number = re.search(r"\d+(?:[.,]\d+)?|\b[a-zæøå]+\b", q.text).group()
        new_text = q.text.replace(number, _other_number(q.low, q.unit, rng), 1)
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
    for left, right in polarity.ANTONYMS:
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
