"""Where a name sits in its sentence, by the parse: its relation and the word it hangs on.

"statsfondet til Saudi-Arabia" and "passerte statsfondet til Abu Dhabi" put both names in one
slot (til, statsfond); "Det er Folketrygdfondet som står for forvaltningen" and "NBIM står for
forvaltningen" put both in (SUBJ, stå). Two different names in one slot answer the same question
differently, which is what an entity clash is; the word before a name (the lexical fallback in
entities.roles) cannot see that "til" hangs on the same noun, or that a cleft's name is a subject.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import syntax
from .polarity import words
from .variants import related_word

_BE = {"være", "vere", "er", "var"}
# where something is or comes from: "studien fra Tyskland" and "gjort i Danmark" answer the same question
# ("til" is left out: "faren til Dagfin" is no place)
LOCATIVE = {"i", "fra", "frå", "på", "ved", "utenfor", "utanfor", "nær", "innen", "innan"}


# a name before a noun, as a genitive or an adjective: the parse calls it either ("dronning Elizabeths
# forlovelsesring" ATR, "prinsesse Dianas forlovelsesring" DET); both say whose or which
_MODIFIER = {"DET": "ATR"}
FROM = "from"  # a place given as an adjective ("den franske finansministeren"): where from, of the word it describes


@dataclass(frozen=True)
class Slot:
    relation: str  # the dependency relation (SUBJ, DOBJ, ...) or, under a preposition, the preposition ("loc" for i/fra/på/…)
    anchor: str  # lemma of the content word the name hangs on (a main verb, not its auxiliary)


def _content(tokens: tuple[syntax.Token, ...], head: syntax.Token) -> str:
    """The lemma a name hangs on: an auxiliary stands for its main verb ("ble laget" -> lage)."""
    if head.pos == "AUX":
        main = next((t for t in tokens if t.head == head.index and t.dep == "INFV" and t.index != head.index), None)
        if main is not None:
            return main.lemma
    return head.lemma


def _slot_of(tokens: tuple[syntax.Token, ...], root: syntax.Token) -> Slot:
    seen = set()
    while root.dep == "KOORD" and root.head != root.index and root.index not in seen:  # "Oslo og Bergen": Bergen as Oslo
        seen.add(root.index)
        root = tokens[root.head]
    head = tokens[root.head]
    if root.head == root.index:
        return Slot("ROOT", root.lemma)
    if root.dep == "ATR" and root.pos == "ADJ" and root.text[:1].islower():
        # a place as an adjective says where from, as "i"/"fra" does: "den franske finansministeren" is
        # "finansministeren fra Frankrike"
        return Slot(FROM, _content(tokens, head))
    if root.dep == "PUTFYLL" and head.pos == "ADP":
        return Slot("loc" if head.lemma in LOCATIVE else head.lemma, _content(tokens, tokens[head.head]) if head.head != head.index else head.lemma)
    if root.dep == "SPRED" and head.lemma in _BE:
        # a cleft, "Det er X som står for ...": X is the subject of the relative clause's verb
        verb = next((t for t in tokens if t.head == root.index and t.dep == "ATR" and t.pos in ("VERB", "AUX")
                     and any(s.head == t.index and s.lemma == "som" for s in tokens)), None)
        if verb is not None:
            return Slot("SUBJ", _content(tokens, verb))
    return Slot(root.dep, _content(tokens, head))


def slots(text: str, names: list[str]) -> dict[str, Slot]:
    """The slot of each name (lower-cased) found verbatim in `text`; names without a parse are left out."""
    tokens = syntax.tag(text)
    if not tokens or not tokens[0].dep:
        return {}
    found = {}
    for name in names:
        m = re.search(rf"(?<![\wæøå]){re.escape(name)}", text, re.IGNORECASE)
        if not m:
            continue
        inside = [t for t in tokens if t.start < m.end() and t.end > m.start()]
        if not inside:
            continue
        indices = {t.index for t in inside}
        root = next((t for t in inside if t.head not in indices or t.head == t.index), inside[0])
        found[name.lower()] = _slot_of(tokens, root)
    return found


def same_slot(a: Slot | None, b: Slot | None) -> bool:
    """One relation, and for a subject, object or other argument one predicate (or a compound of it); under a
    preposition the preposition is enough ("i Oslo" / "i Bergen" after paraphrased verbs: jobbet, var bosatt); a
    place as an adjective meets a place after a preposition or another adjective only on the same word."""
    if a is None or b is None:
        return False
    ra, rb = _MODIFIER.get(a.relation, a.relation), _MODIFIER.get(b.relation, b.relation)
    if FROM in (ra, rb):  # a place as an adjective: of the same word, as an adjective or after "i"/"fra"
        return {ra, rb} <= {FROM, "loc", "ATR"} and _same_anchor(a, b)
    if ra != rb:
        return False
    return ra.islower() or _same_anchor(a, b)


def _same_anchor(a: Slot, b: Slot) -> bool:
    return related_word(a.anchor, b.anchor) or _compound_of(a.anchor, b.anchor)


def _compound_of(a: str, b: str) -> bool:
    """Is one anchor a compound of the other ("partiprogram" of "program"): the same thing, more closely named."""
    short, long_ = sorted((a.lower(), b.lower()), key=len)
    return len(short) >= 4 and len(long_) - len(short) >= 3 and long_.endswith(short)


# the relations of a predicate's arguments: who does what to whom (a preposition's object counts by its preposition)
_ARGUMENTS = {"SUBJ", "DOBJ", "IOBJ"}


def _noun_slots(text: str) -> list[tuple[syntax.Token, Slot]]:
    """Each noun of `text` (a name by its first word) with its slot, when it is an argument of a predicate."""
    tokens = syntax.tag(text)
    if not tokens or not tokens[0].dep:
        return []
    found = []
    for t in tokens:
        if t.pos not in ("NOUN", "PROPN") or t.dep == "FLAT" or len(t.lemma) < 3:
            continue
        slot = _slot_of(tokens, t)
        if slot.relation in _ARGUMENTS or (slot.relation.islower() and slot.relation not in (FROM, "loc")):
            found.append((t, slot))
    return found


def _reordered(claim: str, passage: str) -> bool:
    """Do two words of the claim (of four letters or more) stand in the passage in the other order?"""
    said = words(passage)
    at = []
    for word in (w for w in words(claim) if len(w) >= 4):
        where = next((i for i, w in enumerate(said) if related_word(word, w)), None)
        if where is not None:
            at.append(where)
    return any(a > b for i, a in enumerate(at) for b in at[i + 1:])


def swapped_nouns(claim: str, passage: str) -> tuple[str, str] | None:
    """Two nouns both sides use, each in the argument slot the other fills on the other side, by the parse ("legen
    intervjuet datteren" / "datteren intervjuet legen", "sønnen steker biff til pappaen" / "pappaen steiker biff til
    sønnen"; where from and where are left out, as names leave them to the place checks): (the claim's
    noun, the noun the passage puts in its slot), else None. entities.swapped does this for names the gazetteer
    and NER know; this reads the nouns, whatever they name. A paraphrase that turns the clause round (a passive:
    "ble intervjuet av legen") moves both into other slots, so it never reads as a swap. Two comparisons are the
    comparison check's ("A er dårligere enn B" / "B er bedre enn A" say one thing)."""
    if "enn" in words(claim) and "enn" in words(passage):
        return None  # as antonyms.antonym_clash: two comparisons are the comparison check's
    if not _reordered(claim, passage):
        return None  # two words that trade places stand in the other order: without that, no parse is needed
    claimed, passage_nouns = _noun_slots(claim), _noun_slots(passage)
    pairs = []
    for c, cs in claimed:
        match = next(((p, ps) for p, ps in passage_nouns if related_word(c.lemma, p.lemma)), None)
        if match is not None:
            pairs.append((c, cs, *match))
    for i, (ca, a_c, pa, a_p) in enumerate(pairs):
        for cb, b_c, pb, b_p in pairs[i + 1:]:
            if related_word(ca.lemma, cb.lemma) or same_slot(a_c, b_c) or same_slot(a_c, a_p) or same_slot(b_c, b_p):
                continue
            if same_slot(a_c, b_p) and same_slot(b_c, a_p):
                return ca.text, pb.text
    return None
