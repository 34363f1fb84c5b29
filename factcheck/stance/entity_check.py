"""The name check: names in the claim that the passage leaves out, or replaces with others of the same
kind in the same slot. entities.py finds and compares the names; this module decides what that means
for the claim: not mentioned, given as examples, or contradicted.
"""

from __future__ import annotations

import re

from . import entities, slots, syntax
from .clauses import SENTENCE_SPLIT, clause_at
from .cover import overlap
from .findings import Finding, bilingual
from .quantities import content_words, prefix_affinity
from .variants import fold

_WORDS = re.compile(r"[\wæøå]+")


def check_entities(claim: str, claim_words: list[str], sentence: str, context: str = "",
                   claim_ner=(), passage_ner=(), document_places=(), passage: str = "") -> list[Finding]:
    """Names in the claim that the passage replaces with others of the same kind and role.

    `context` (the rest of the passage, the document's title, author and source) counts as
    mentioning a name: "Oslo SV vil ..." is supported by a passage of Oslo SV's own text, and
    "Ifølge Allmennlegeforeningen ..." by a page under legeforeningen.no/.../allmennlegeforeningen/.
    A place is implied, not missing, when the passage names no other place of its scale and it is
    the home country or a place the document names elsewhere (`document_places`).
    """
    missing, extra = entities.compare(claim, sentence, claim_ner, passage_ner)
    if passage and missing and not extra:
        # the sentence with most claim words may not be the one that fills the missing name's slot ("Konrad Adenauer
        # var ... politiker. Han var overborgermester i Köln fra 1917" for "Adenauer var overborgermester i München")
        for other in SENTENCE_SPLIT.split(passage):
            again = entities.compare(claim, other, claim_ner, passage_ner) if other != sentence else (missing, [])
            if again[1]:
                (missing, extra), sentence = again, other
                break
    if context:
        named = entities.extract(context, passage_ner)
        lowered = " ".join(_WORDS.findall(fold(context)))  # "legeforeningen.no/allmennlegeforeningen/" too
        missing = [e for e in missing if not any(entities.same_entity(e, k) for k in named) and fold(e.name) not in lowered
                   and not entities.implied(e, named, document_places)]
    if missing and not extra:  # "orkanen Dorian" is named by "Før orkanen hadde ...": the passage's own noun for it
        missing = [e for e in missing if not _named_by_its_noun(claim, e, sentence)]
    if not missing:
        turned = entities.swapped(claim, sentence, claim_ner, passage_ner) or slots.swapped_nouns(claim, sentence)
        if turned is None:
            return []
        return [Finding("entity", "contradicts", bilingual(
            f"Korpuset bytter om rollene: det sier {turned[1]} der påstanden sier {turned[0]}.",
            f"The corpus swaps the roles: it says {turned[1]} where the claim says {turned[0]}."), turned[0], turned[1])]
    lacking = {e.name.lower() for e in missing}
    rest = [w for w in claim_words if not any(prefix_affinity(w, n) for n in lacking)]
    # names of one kind for certain ("Oslo Economics", "Menon Economics"): a weaker sign that the sentence
    # is about the claim's subject suffices
    siblings = any(entities.same_head(m, x) for m in missing for x in extra)
    if extra and overlap(rest, sentence) < (0.4 if siblings else 0.6) and not _named_clause_found(claim, missing, context):
        extra = []  # the sentence is about something else: no clash, just not mentioned
    if not extra:  # a person named in full by the claim and by surname in the passage is named, unless replaced
        missing = [e for e in missing if not entities.named_in_part(e, claim, f"{sentence} {context}")]
        if not missing:
            return []
    said = " og ".join(e.name for e in missing)
    if not extra:
        return [Finding("entity", "neutral", bilingual(f"Korpuset nevner ikke {said} her.",
                                                  f"The corpus does not mention {said} here."), said)]
    instead = " og ".join(e.name for e in extra)
    if entities.is_non_exhaustive(sentence):
        return [Finding("entity", "neutral", bilingual(
            f"Korpuset nevner {instead} som eksempler, ikke {said}.",
            f"The corpus lists {instead} as examples, not {said}."), said, instead)]
    return [Finding("entity", "contradicts", bilingual(f"Korpuset sier {instead}, påstanden sier {said}.",
                                                  f"The corpus says {instead}, the claim says {said}."), said, instead)]


def _clause_words(claim: str, name) -> list[str]:
    """The content words of the claim's clause that holds `name`, without the name."""
    at = claim.find(name.name)
    if at < 0:
        return []
    return [w for w in content_words(clause_at(claim, at)) if not prefix_affinity(w, name.name.lower())]


def _named_clause_found(claim: str, missing: list, passage: str) -> bool:
    """Does the passage hold every other word of the claim's clause that names the missing name? A claim that
    adds a clause of its own ("..., før nazistene fratok ham alle embeter") has too few words in the passage's
    sentence as a whole, while its clause with the name ("Adenauer var overborgermester i München fra 1917")
    is the passage's ("Konrad Adenauer ... Han var overborgermester i Köln fra 1917")."""
    for name in missing:
        words = _clause_words(claim, name)
        if len(words) < 2 or overlap(words, passage) < 1.0:
            return False
    return True


def _named_by_its_noun(claim: str, name, sentence: str) -> bool:
    """Is the name in apposition to a common noun of the claim ("orkanen Dorian", "selskapet Equinor") that the
    passage's sentence uses for it ("Før orkanen hadde Equinor ...")? Then the passage names the same thing."""
    at = claim.find(name.name)
    tokens = syntax.tag(claim)
    before = [t for t in tokens if t.end <= at]
    if at < 0 or not before or before[-1].pos != "NOUN" or before[-1].end < at - 1:
        return False
    noun = before[-1].text.lower()
    return len(noun) >= 4 and any(prefix_affinity(noun, w) == 1.0 for w in content_words(sentence))
