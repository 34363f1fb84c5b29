"""Measure the checker on labelled claims (the format of ../shared/eval/dev_claims.tsv).

Columns: id, label (supported | contradicted | not_enough_info | not_checkworthy),
text, evidence (a verbatim corpus quote that decides the label, whitespace
collapsed), origin. Reports per-label precision/recall/F1, macro-F1, accuracy,
evidence hit@3, how often a confident Motsagt is right, and a confusion table.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from ..corpus.tables import as_written
from ..errors import FactcheckError
from .calibration import expected_calibration_error

LABELS = ("supported", "contradicted", "not_enough_info", "not_checkworthy")
# a Motsagt this sure is a loud claim: its precision is measured on its own
CONFIDENT = 0.9
REQUIRED = ("id", "label", "text")


@dataclass
class LabelledClaim:
    id: str
    label: str
    text: str
    evidence: str = ""


@dataclass
class Prediction:
    claim: LabelledClaim
    label: str
    confidence: float
    reason: str
    cited: list[str] = field(default_factory=list)  # texts of the cited passages, best first

    @property
    def evidence_hit(self) -> bool | None:
        """Is the gold quote inside one of the first three cited passages (a table row as the source wrote it)?
        None without a gold quote."""
        if not _collapse(self.claim.evidence):
            return None
        return any(holds_quote(text, self.claim.evidence) for text in self.cited[:3])


def _collapse(text: str) -> str:
    return " ".join((text or "").split())


def holds_quote(text: str, quote: str) -> bool:
    """Does a passage hold a gold quote, whitespace aside (a table row also as the source wrote it)?"""
    gold = _collapse(quote)
    return gold in _collapse(text) or gold in _collapse(as_written(text))


def read_claims(path: Path) -> list[LabelledClaim]:
    """Read a labelled-claims TSV (or CSV, or a review database), with clear errors for missing columns or bad labels."""
    path = Path(path)
    if not path.exists():
        raise FactcheckError(f"file not found: {path}")
    if path.suffix.lower() in (".db", ".sqlite", ".sqlite3"):  # a review database: decided claims are labels
        from ..review.export import labelled_claims

        return labelled_claims(path)
    delimiter = "," if path.suffix.lower() == ".csv" else "\t"
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter=delimiter)
        missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
        if missing:
            raise FactcheckError(f"{path}: missing column(s) {', '.join(missing)}; found {reader.fieldnames}")
        claims = []
        for line, row in enumerate(reader, start=2):
            label = (row["label"] or "").strip()
            if label not in LABELS:
                raise FactcheckError(f"{path}:{line}: unknown label {label!r}; expected one of {', '.join(LABELS)}")
            claims.append(LabelledClaim(row["id"], label, row["text"] or "", row.get("evidence") or ""))
    if not claims:
        raise FactcheckError(f"{path}: no claims")
    return claims


def predict(checker, claims: list[LabelledClaim], lang: str = "nb", advance=None) -> list[Prediction]:
    """Run the checker on each claim's text; a text with no check-worthy sentence is not_checkworthy.
    `advance()` is called after each claim (a progress bar)."""
    predictions = []
    for claim in claims:
        predictions.append(_predict_one(checker, claim, lang))
        if advance is not None:
            advance()
    return predictions


def _predict_one(checker, claim: LabelledClaim, lang: str) -> Prediction:
    result = checker.check(claim.text)
    if not result.claims:
        reason = result.skipped[0].to_dict(lang)["reason"] if result.skipped else ""
        return Prediction(claim, "not_checkworthy", 1.0, reason)
    first = max(result.claims, key=lambda c: c.confidence if c.verdict != "not_enough_info" else -1)
    return Prediction(claim, first.verdict, first.confidence, first.reasons.get(lang, first.reason),
                      [e.text for e in first.evidence])


@dataclass
class Report:
    per_label: dict[str, dict[str, float]]
    macro_f1: float
    accuracy: float
    evidence_hit_at_3: float | None
    evidence_rows: int
    confusion: dict[str, dict[str, int]]
    n: int
    confident_contradicted: int = 0  # Motsagt verdicts with confidence >= CONFIDENT
    confident_contradicted_right: int = 0  # ... of which the gold label is contradicted
    contradicted: int = 0  # all Motsagt verdicts, whatever their confidence
    contradicted_right: int = 0
    brier: float | None = None  # mean (confidence - right)^2 over claims both sides call check-worthy
    ece: float | None = None  # expected calibration error (10 bins) over the same claims

    @property
    def contradicted_precision(self) -> float | None:
        return self.contradicted_right / self.contradicted if self.contradicted else None

    @property
    def confident_contradicted_precision(self) -> float | None:
        """Share of confident Motsagt verdicts that are right; None when there are none."""
        n = self.confident_contradicted
        return self.confident_contradicted_right / n if n else None

    def to_dict(self) -> dict:
        return {"n": self.n, "macro_f1": self.macro_f1, "accuracy": self.accuracy,
                "evidence_hit_at_3": self.evidence_hit_at_3, "evidence_rows": self.evidence_rows,
                "contradicted_confident": {"threshold": CONFIDENT, "count": self.confident_contradicted,
                                           "right": self.confident_contradicted_right,
                                           "precision": self.confident_contradicted_precision},
                "contradicted_all": {"count": self.contradicted, "right": self.contradicted_right,
                                     "precision": self.contradicted_precision},
                "brier": self.brier, "ece": self.ece,
                "per_label": self.per_label, "confusion": self.confusion}

    def render(self) -> str:
        lines = [f"claims: {self.n}", "", f"{'label':<18}{'precision':>10}{'recall':>10}{'f1':>8}{'support':>9}"]
        for label, m in self.per_label.items():
            lines.append(f"{label:<18}{m['precision']:>10.3f}{m['recall']:>10.3f}{m['f1']:>8.3f}{int(m['support']):>9}")
        hit = "n/a" if self.evidence_hit_at_3 is None else f"{self.evidence_hit_at_3:.3f} ({self.evidence_rows} claims with a gold quote)"
        lines += ["", f"macro-F1: {self.macro_f1:.3f}", f"accuracy: {self.accuracy:.3f}", f"evidence hit@3: {hit}",
                  f"contradicted with confidence >= {CONFIDENT}: precision {_fmt(self.confident_contradicted_precision)} ({self.confident_contradicted} verdicts)",
                  f"contradicted, any confidence: precision {_fmt(self.contradicted_precision)} ({self.contradicted} verdicts)",
                  f"Brier score of the confidence shown: {_fmt(self.brier)}",
                  f"expected calibration error (10 bins): {_fmt(self.ece)}",
                  "", "confusion (rows: gold, columns: predicted)"]
        short = {"supported": "supp", "contradicted": "contra", "not_enough_info": "nei", "not_checkworthy": "notcw"}
        lines.append(f"{'':<18}" + "".join(f"{short[c]:>8}" for c in self.confusion))
        for gold, row in self.confusion.items():
            lines.append(f"{gold:<18}" + "".join(f"{row[c]:>8}" for c in row))
        return "\n".join(lines) + "\n"


def score(predictions: list[Prediction]) -> Report:
    """Per-label P/R/F1 over the labels present in gold or predictions; macro-F1 over those."""
    present = [l for l in LABELS if any(p.claim.label == l or p.label == l for p in predictions)]
    confusion = {g: {p: 0 for p in present} for g in present}
    for p in predictions:
        confusion[p.claim.label][p.label] += 1
    per_label = {}
    for label in present:
        tp = confusion[label][label]
        predicted = sum(confusion[g][label] for g in present)
        gold = sum(confusion[label].values())
        precision = tp / predicted if predicted else 0.0
        recall = tp / gold if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_label[label] = {"precision": precision, "recall": recall, "f1": f1, "support": gold}
    scored_labels = [l for l in present if per_label[l]["support"]]
    macro = sum(per_label[l]["f1"] for l in scored_labels) / len(scored_labels) if scored_labels else 0.0
    hits = [p.evidence_hit for p in predictions if p.evidence_hit is not None]
    confident = [p for p in predictions if p.label == "contradicted" and p.confidence >= CONFIDENT]
    contradicted = [p for p in predictions if p.label == "contradicted"]
    judged = [p for p in predictions if p.label != "not_checkworthy" and p.claim.label != "not_checkworthy"]
    return Report(
        per_label=per_label,
        macro_f1=macro,
        accuracy=sum(p.label == p.claim.label for p in predictions) / len(predictions),
        evidence_hit_at_3=(sum(hits) / len(hits)) if hits else None,
        evidence_rows=len(hits),
        confusion=confusion,
        n=len(predictions),
        confident_contradicted=len(confident),
        confident_contradicted_right=sum(p.claim.label == "contradicted" for p in confident),
        contradicted=len(contradicted),
        contradicted_right=sum(p.claim.label == "contradicted" for p in contradicted),
        brier=brier_score(judged),
        ece=expected_calibration_error([p.confidence for p in judged], [p.label == p.claim.label for p in judged])
        if judged else None,
    )


def brier_score(predictions: list[Prediction]) -> float | None:
    """How far the confidence shown is from being right (1) or wrong (0), squared and averaged: the
    honesty of the number a reader sees, which macro-F1 ignores. None without predictions."""
    if not predictions:
        return None
    return sum((p.confidence - float(p.label == p.claim.label)) ** 2 for p in predictions) / len(predictions)


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"
