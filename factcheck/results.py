"""Typed results of a check, and their public JSON form.

The JSON contract (read by other tools and our evaluation) is fixed: fields may
be added, never renamed or dropped:
  {"claims": [{"text", "start", "end", "checkworthy": true, "verdict", "confidence",
   "reason", "evidence": [{"doc_id", "title", "source", "text", "start", "end",
   "score", "stance", "page"}]}],   (page: null for unpaged sources)
   "skipped": [{"text", "start", "end", "checkworthy": false, "reason"}]}
Added since: claims carry "checkworthy_score", "kind" (claim | attribution) and "attribution"
({"who", "verb", "statement"} or null); skipped sentences "reason_code" and "checkworthy_score".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .report.labels import skip_reason

VERDICTS = ("supported", "contradicted", "not_enough_info")
STANCES = ("supports", "contradicts", "neutral")
# a claim's verdict as the stance of a passage that reads so (training labels), and the stance of the passages
# that back a verdict shown (Ikke nok grunnlag has none: no passage is cited for it)
PAIR_STANCE = dict(zip(VERDICTS, STANCES))
BACKING_STANCE = {verdict: stance for verdict, stance in PAIR_STANCE.items() if stance != "neutral"}


@dataclass
class Evidence:
    doc_id: str
    title: str
    source: str
    text: str
    start: int  # character offsets into the original source file
    end: int
    score: float  # cosine similarity between claim and passage
    stance: str  # supports | contradicts | neutral
    passage_id: str = ""
    paragraph: int = 0
    lexical: float = 0.0
    quote: bool = False
    findings: list[dict] = field(default_factory=list)
    page: int | None = None  # page (from 1) of a paged source (PDF); None otherwise
    file: str = ""  # the source's file name ("rapport.pdf"), for citations by page

    def to_dict(self, lang: str = "nb") -> dict:
        return {
            "doc_id": self.doc_id,
            "title": self.title,
            "source": self.source,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "score": round(self.score, 4),
            "stance": self.stance,
            "passage_id": self.passage_id,
            "paragraph": self.paragraph,
            "lexical_score": round(self.lexical, 4),
            "quote": self.quote,
            "findings": [
                {"kind": f["kind"], "effect": f["effect"], "message": f["message"].get(lang, f["message"]["nb"])}
                for f in self.findings
            ],
            "page": self.page,
            "file": self.file,
        }


@dataclass
class ClaimResult:
    text: str
    start: int  # offsets into the checked text
    end: int
    verdict: str  # supported | contradicted | not_enough_info
    confidence: float
    reasons: dict[str, str]  # {"nb": ..., "en": ...}
    evidence: list[Evidence] = field(default_factory=list)
    checkworthy: bool = True
    checkworthy_score: float | None = None  # the classifier's probability; None when the rules decided
    kind: str = "claim"  # claim | attribution
    attribution: object | None = None  # claims.attribution.Attribution: who said what

    @property
    def reason(self) -> str:
        return self.reasons["nb"]

    def to_dict(self, lang: str = "nb") -> dict:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "checkworthy": True,
            "verdict": self.verdict,
            "confidence": round(self.confidence, 3),
            "reason": self.reasons.get(lang, self.reasons["nb"]),
            "evidence": [e.to_dict(lang) for e in self.evidence],
            "checkworthy_score": _rounded(self.checkworthy_score),
            "kind": self.kind,
            "attribution": self.attribution.to_dict() if self.attribution is not None else None,
        }


def _rounded(score: float | None) -> float | None:
    return None if score is None else round(float(score), 3)


@dataclass
class Skipped:
    text: str
    start: int
    end: int
    reason_code: str  # question | demand | opinion | too_short | caption | procedural | prediction | ...
    checkworthy: bool = False
    score: float | None = None  # the classifier's check-worthiness probability; None when a rule decided

    @property
    def reason(self) -> str:
        return skip_reason(self.reason_code, "nb")

    def to_dict(self, lang: str = "nb") -> dict:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "checkworthy": False,
            "reason": skip_reason(self.reason_code, lang),
            "reason_code": self.reason_code,
            "checkworthy_score": _rounded(self.score),
        }


@dataclass
class CheckResult:
    claims: list[ClaimResult]
    skipped: list[Skipped]

    def to_dict(self, lang: str = "nb") -> dict:
        return {"claims": [c.to_dict(lang) for c in self.claims], "skipped": [s.to_dict(lang) for s in self.skipped]}

    def sentences(self) -> list[ClaimResult | Skipped]:
        """Claims and skipped sentences together, in the order of the text."""
        return sorted([*self.claims, *self.skipped], key=lambda s: s.start)

    def to_dataframe(self, lang: str = "nb"):
        """One row per sentence: a table for notebooks and batch work."""
        import pandas as pd

        rows = []
        for item in self.sentences():
            row = {"text": item.text, "start": item.start, "end": item.end, "checkworthy": item.checkworthy}
            if isinstance(item, ClaimResult):
                top = item.evidence[0] if item.evidence else None
                row.update(
                    verdict=item.verdict,
                    confidence=round(item.confidence, 3),
                    reason=item.reasons.get(lang, item.reasons["nb"]),
                    evidence_text=top.text if top else None,
                    evidence_doc=top.doc_id if top else None,
                    evidence_score=round(top.score, 4) if top else None,
                )
            else:
                row.update(verdict=None, confidence=None, reason=skip_reason(item.reason_code, lang))
            rows.append(row)
        return pd.DataFrame(rows)
