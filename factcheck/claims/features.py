"""The rule features of one sentence, for the check-worthiness classifier.

Cheap signals a reader uses to tell a checkable statement from the rest: modal verbs,
person, question marks, figures, names (from the spaCy pipeline's NER, already run when the
text was split), reported speech, future and promise markers, procedural words, the old rule
set's decision and the speaker's role. One place computes them for training and for use.
"""

from __future__ import annotations

import math
import re

from .attribution import find_attribution
from .checkworthy import DEMAND, EVALUATIVE, OPINION, hard_rule, rule_reason, word_count

_I = re.IGNORECASE
_PATTERNS = {
    "modal_demand": re.compile(r"\b(må|bør|burde|måtte|skulle\s+ha)\b", _I),
    "modal_future": re.compile(r"\b(skal|vil|kommer\s+til\s+å|kjem\s+til\s+å|blir\s+å)\b", _I),
    "modal_can": re.compile(r"\b(kan|kunne|kunna)\b", _I),
    "perfect_modal": re.compile(r"\b(må|skal|kan)\s+ha\s+\w+(et|t|dd|tt|dde)\b", _I),  # "må ha bodd": a rule
    "first_singular": re.compile(r"\b(jeg|eg|meg|min|mitt|mine)\b", _I),
    "first_plural": re.compile(r"\b(vi|me|oss|vår|vårt|våre)\b", _I),
    "second_person": re.compile(r"\b(du|deg|din|ditt|dine|dere|dykk|dykkar)\b", _I),
    "imperative_start": re.compile(r"^(la|husk|tenk|se|gjør|gjer|bruk|ta|gi|send|les|kom|stem)\b", _I),
    "reported_verb": re.compile(
        r"\b(sier|seier|sa|mener|meiner|hevder|påstår|anbefaler|tilrår|advarer|åtvarar|uttaler|skriver|"
        r"opplyser|ifølge|ifølgje|understreker|konkluderer|fastslår)\b", _I),
    "promise": re.compile(r"\b(lover|lovar|lovet|garanterer|vi\s+skal|me\s+skal|jeg\s+skal|eg\s+skal)\b", _I),
    "future_time": re.compile(r"\b(neste\s+år|til\s+neste|i\s+framtida|i\s+fremtiden|innen\s+20\d\d|fra\s+20[3-9]\d|"
                              r"etter\s+hvert|snart|om\s+\w+\s+år)\b", _I),
    "past_marker": re.compile(r"\b(ble|vart|blei|var|hadde|har\s+\w+(et|t|dd)|i\s+fjor|i\s+(19|20)\d\d)\b", _I),
    "procedural": re.compile(
        r"\b(president(en)?|møtet|taler(en|e)?|talarar|replikk|votering|voteres|dagsorden|sak\s+nr|"
        r"ordet|hevet|heva|innstillingen|representanten|taletid|debatten\s+i\s+sak|referat|kapittel|"
        r"se\s+(tabell|figur|vedlegg)|takk|velkommen|god\s+(morgen|dag|kveld))\b", _I),
    "quote": re.compile(r"[«»\"“”]"),
    "dash_quote": re.compile(r"^\s*[–—-]\s"),  # a line of quoted speech in Norwegian news
    "number": re.compile(r"\d"),
    "number_word": re.compile(r"\b(prosent|millioner|milliarder|kroner|tusen|hundre|halvparten|dobbelt|flertall)\b", _I),
    "year": re.compile(r"\b(1[89]|20)\d\d\b"),
    "negation": re.compile(r"\b(ikke|ikkje|aldri|ingen|inga)\b", _I),
    "vague": re.compile(r"\b(mange|noen|nokon|mye|ofte|alltid|stadig|veldig|svært|utrolig)\b", _I),
    "generic_subject": re.compile(r"^(det|dette|den|han|hun|ho|de|dei)\b", _I),
    "exclamation": re.compile(r"!\s*$"),
    "evaluative_words": re.compile(
        r"\b(viktig|viktige|viktigste|god|godt|gode|bra|dårlig|dårlige|flott|fin|fint|fine|vanskelig|vanskeleg|"
        r"spennende|spanande|interessant|interessante|alvorlig|alvorleg|stor\s+grunn|riktig|rett|feil|galt|"
        r"nødvendig|naudsynt|utfordrende|krevende|positiv|positivt|negativ|negativt|bekymret|bekymringsfullt|"
        r"glad|glade|stolt|stolte|skuffet|skuffa|fornøyd|enig|einig|uenig|usikker|sikker\s+på|klart|tydelig|"
        r"selvsagt|sjølvsagt|faktisk|egentlig|eigentleg|altfor|for\s+mye|for\s+lite|helt|heilt|særlig|særleg|"
        r"beste|verste|mest|minst|enorm|enormt|fantastisk|fantastiske|herlig|deilig|kjempe\w*|super\w*|morsom\w*|"
        r"kjedelig|urimelig|rimelig|farlig|trygg|trygt|sterk|sterkt|svak|svakt|verdt|problem\w*)\b", _I),
    "copula_start": re.compile(r"^(det|dette|det\s+her|den|de|dei)\s+(er|var|blir|vert|blei|ble)\b", _I),
    "hedge": re.compile(r"\b(kanskje|trolig|truleg|sannsynligvis|nok|visst|vel|antakelig|antakeleg|muligens)\b", _I),
}
# a subordinate clause starts here: a modal after it belongs to that clause ("bygger på at fondet *vil* gi
# tre prosent" states what a rule assumes, it promises nothing)
_SUBORDINATOR = re.compile(r"\b(at|som|fordi|dersom|hvis|viss)\b", _I)
_MAIN_CLAUSE_ONLY = ("modal_demand", "modal_future")
RULE_CODES = ("claim", "question", "opinion", "demand")
ENTITY_GROUPS = {"PER": ("PER",), "ORG": ("ORG", "GPE_ORG"), "LOC": ("GPE_LOC", "LOC"), "OTHER": ("DRV", "EVT", "MISC", "PROD")}

_DASH_QUOTE = _PATTERNS["dash_quote"]
_QUOTE_TAG = re.compile(r",\s*(sier|sa|seier|forteller|fortel|forklarer|mener|meiner|skriver|legger\s+til)\s+\w+", _I)
# the sentences around it: a quote whose speaker is named in the next sentence, a caption's neighbours
CONTEXT_FEATURES = ("prev_dash_quote", "next_attribution", "prev_attribution", "next_quote_tag", "inside_quote",
                    "prev_no_final_punct", "next_no_final_punct")

FEATURES: tuple[str, ...] = (
    *_PATTERNS, "modal_embedded", "opinion_rule", "demand_rule", "evaluative_rule",
    *(f"rule_{code}" for code in RULE_CODES),
    "attribution", "question_mark", "no_final_punct", "log_words", "log_chars", "capital_ratio", "starts_lower",
    *(f"ents_{g.lower()}" for g in ENTITY_GROUPS), "ents_any",
    "role_chair", *CONTEXT_FEATURES,
)


def _unfinished(text: str) -> bool:
    text = text.strip()
    return bool(text) and text[-1] not in ".!?…»\")"


def context_features(text: str, previous: str = "", following: str = "") -> dict[str, float]:
    """Features of the neighbouring sentences of the same text ("" where there is none)."""
    return {
        "prev_dash_quote": float(bool(_DASH_QUOTE.match(previous))),
        "next_attribution": float(bool(following) and find_attribution(following) is not None),
        "prev_attribution": float(bool(previous) and find_attribution(previous) is not None),
        "next_quote_tag": float(bool(_QUOTE_TAG.search(following))),
        "inside_quote": float(bool(_DASH_QUOTE.match(text)) or (bool(_DASH_QUOTE.match(previous))
                                                               and not _QUOTE_TAG.search(previous))),
        "prev_no_final_punct": float(_unfinished(previous)),
        "next_no_final_punct": float(_unfinished(following)),
    }


def rule_features(text: str, entities=(), role: str = "", previous: str = "", following: str = "") -> dict[str, float]:
    """Feature name -> value for one sentence; `entities` are (text, NorNE label) pairs, `previous` and
    `following` the sentences around it in the same text."""
    t = text.strip()
    values = {name: float(bool(p.search(t))) for name, p in _PATTERNS.items()}
    cut = _SUBORDINATOR.search(t)
    if cut:
        main, embedded = t[:cut.start()], t[cut.end():]
        values["modal_embedded"] = float(any(_PATTERNS[n].search(embedded) for n in _MAIN_CLAUSE_ONLY))
        for name in _MAIN_CLAUSE_ONLY:
            values[name] = float(bool(_PATTERNS[name].search(main)))
    else:
        values["modal_embedded"] = 0.0
    values["opinion_rule"] = float(bool(OPINION.search(t)))
    values["demand_rule"] = float(bool(DEMAND.search(t)))
    values["evaluative_rule"] = float(bool(EVALUATIVE.search(t)))
    reason = hard_rule(t) or rule_reason(t)
    for code in RULE_CODES:
        values[f"rule_{code}"] = float(reason == code)
    values["attribution"] = float(find_attribution(t) is not None)
    values["question_mark"] = float(t.endswith("?"))
    values["no_final_punct"] = float(bool(t) and t[-1] not in ".!?…»\")")
    words = word_count(t)
    values["log_words"] = math.log1p(words)
    values["log_chars"] = math.log1p(len(t))
    letters = [c for c in t if c.isalpha()]
    values["capital_ratio"] = sum(c.isupper() for c in letters) / len(letters) if letters else 0.0
    values["starts_lower"] = float(bool(t) and t[0].islower())
    labels = [label for _, label in entities]
    for group, members in ENTITY_GROUPS.items():
        values[f"ents_{group.lower()}"] = math.log1p(sum(label in members for label in labels))
    values["ents_any"] = float(bool(labels))
    values["role_chair"] = float(role == "chair")
    values.update(context_features(t, previous, following))
    return values


def feature_vector(text: str, entities=(), role: str = "", previous: str = "", following: str = "") -> list[float]:
    values = rule_features(text, entities, role, previous, following)
    return [values[name] for name in FEATURES]
