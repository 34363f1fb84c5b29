"""Checks on the direction of a change: opposite directions ("økte" / "falt"), antonyms, and the change
stated around one figure both sides give."""

from __future__ import annotations

from . import polarity, syntax
from .antonyms import antonym_clash
from .clauses import CLAUSE_SPLIT, clause_at
from .findings import Finding, bilingual
from .figure_match import TIMES, agrees_with, comparable
from .quantities import content_words, prefix_affinity

_CHANGE = {1: ("økning", "an increase"), -1: ("nedgang", "a decrease")}  # how a reason names a direction


def check_direction_and_antonyms(claim: str, clause: str, passage: str = "") -> list[Finding]:
    """Opposite directions or antonyms, unless one side is negated: "har ikke redusert" is no answer to
    "har økt" (not less is not more), and the negation check reads a negated opposite. `passage`: the text
    `clause` was taken from, whose sentence the antonym check parses."""
    findings = []
    if not _same_polarity(claim, clause):
        return findings
    dc, dp = polarity.direction(claim), polarity.direction(clause)
    if dc and dp and dc != dp:
        findings.append(Finding("direction", "contradicts", bilingual(
            f"Korpuset beskriver {_CHANGE[dp][0]}, påstanden {_CHANGE[dc][0]}: «{clause.strip()}».",
            f"The corpus describes {_CHANGE[dp][1]}, the claim {_CHANGE[dc][1]}: “{clause.strip()}”.")))
    return findings + _antonym(claim, clause, passage)


def _same_polarity(claim: str, clause: str) -> bool:
    """Both sides negated, or neither: only then do opposite words contradict."""
    return polarity.negated(claim) == polarity.negated(clause)


def _antonym(claim: str, clause: str, context: str = "") -> list[Finding]:
    """The antonym finding alone, without the direction check (the caller has checked the negations)."""
    clash = antonym_clash(claim, clause, context)
    if not clash:
        return []
    return [Finding("antonym", "contradicts", bilingual(
        f"Korpuset sier «{clash[1]}», påstanden sier «{clash[0]}».",
        f"The corpus says “{clash[1]}”, the claim says “{clash[0]}”."), clash[0], clash[1])]


def antonym_elsewhere(claim: str, claim_words: list[str], sentence: str, read: str) -> list[Finding]:
    """An antonym in another clause of the sentence than the one read (`read`), when that clause also names
    something the claim is about ("Stoffet er dyrt, og så er den dekket av Swarowski-krystaller" against "den er
    dekket av krystaller, og stoffet er rimelig": the clause with most claim words is the one about the crystals)."""
    for part in CLAUSE_SPLIT.split(sentence):
        if not part or part.strip() == read.strip():
            continue
        if not _same_polarity(claim, part):
            continue  # as check_direction_and_antonyms: a negated opposite is the negation check's
        found = _antonym(claim, part, sentence)
        if found:
            others = [w for w in content_words(part) if w not in (found[0].claim_value.lower(), found[0].evidence_value.lower())]
            if any(prefix_affinity(c, w) == 1.0 for c in claim_words for w in others):
                return found
    return []


def check_figure_direction(claim: str, passage: str, findings: list[Finding]) -> list[Finding]:
    """Opposite directions of change around one figure both sides give ("gikk ned med 2,5 prosent" / "en økning
    på 2,5 prosent fra året før"): the same figure about the same thing (`agrees_with`) anchors the two clauses,
    so the change each states is the change of one quantity, whichever clause holds most of the claim's words.
    Only where the direction check found nothing, every clause around the passage's equal figures states the
    other direction, and neither side's clause is negated differently."""
    if any(f.kind == "direction" for f in findings):
        return []
    figures = None
    for q in syntax.figures(claim):
        if q.unit in TIMES:
            continue  # a year says when, not how much changed
        mine = clause_at(claim, q.start)
        dc = polarity.direction(mine)
        if not dc:
            continue
        figures = figures if figures is not None else syntax.figures(passage)
        theirs = [clause_at(passage, e.start) for e in figures if comparable(q, e) and agrees_with(q, e)]
        if not theirs or any(polarity.negated(t) != polarity.negated(mine) for t in theirs):
            continue
        if all(polarity.direction(t) == -dc for t in theirs):
            quoted = theirs[0].strip().rstrip(".")
            return [Finding("direction", "contradicts", bilingual(
                f"Korpuset beskriver {_CHANGE[-dc][0]} på {q.text}, påstanden {_CHANGE[dc][0]}: «{quoted}».",
                f"The corpus describes {_CHANGE[-dc][1]} of {q.text}, the claim {_CHANGE[dc][1]}: “{quoted}”."),
                q.text, q.text)]
    return []
