"""Export decided claims: CSV for spreadsheets, schema.org ClaimReview JSON-LD for publishing.

ClaimReview is the markup Norwegian fact-checkers put on their articles (and
search engines read). The rating is the reviewer's verdict, never the
checker's: only confirmed or overruled claims are exported.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from ..csvsafe import safe_row
from ..report.labels import cited_place
from ..results import BACKING_STANCE
from .labels import verdict_label
from .store import ReviewedClaim

# ordinal ratings, worst to best; "not enough info" has no place on a true-false scale,
# so it carries only its textual rating (alternateName), which is what readers see
RATING_VALUE = {"contradicted": 1, "supported": 3}
BEST_RATING, WORST_RATING = 3, 1

CSV_COLUMNS = ("id", "run_id", "source", "document", "speaker", "text", "verdict", "confidence", "status",
               "reviewer_verdict", "rating", "note", "reviewer", "decided_at", "evidence_title", "evidence_doc",
               "evidence_start", "evidence_end", "evidence_text", "evidence_page", "evidence_source")


def to_csv(claims: list[ReviewedClaim], lang: str = "nb") -> str:
    """One row per decided claim, with the top cited passage."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for c in claims:
        top = c.evidence[0] if c.evidence else None
        writer.writerow(safe_row({
            "id": c.id, "run_id": c.run_id, "source": c.source, "document": c.document, "speaker": c.speaker or "",
            "text": c.text, "verdict": c.verdict, "confidence": round(c.confidence, 3), "status": c.status,
            "reviewer_verdict": c.reviewer_verdict, "rating": verdict_label(c.reviewer_verdict, lang),
            "note": c.note or "", "reviewer": c.reviewer, "decided_at": c.decided_at,
            "evidence_title": top.title if top else "", "evidence_doc": top.doc_id if top else "",
            "evidence_start": top.start if top else "", "evidence_end": top.end if top else "",
            "evidence_text": top.text if top else "",
            "evidence_page": (top.page or "") if top else "", "evidence_source": top.source if top else "",
        }))
    return buffer.getvalue()


def claim_review(claim: ReviewedClaim, organisation: str, lang: str = "nb", url_base: str | None = None) -> dict:
    """One schema.org ClaimReview object for a decided claim."""
    verdict = claim.final_verdict
    if verdict is None:
        raise ValueError(f"claim {claim.id} has no reviewer's verdict")
    rating = {"@type": "Rating", "alternateName": verdict_label(verdict, lang)}
    if verdict in RATING_VALUE:
        rating.update(ratingValue=RATING_VALUE[verdict], bestRating=BEST_RATING, worstRating=WORST_RATING)
    appearance = {"@type": "CreativeWork", "name": claim.document}
    if claim.document.startswith(("http://", "https://")):
        appearance["url"] = claim.document
    item = {"@type": "Claim", "appearance": appearance, "datePublished": claim.run_at[:10]}
    if claim.speaker:
        item["author"] = {"@type": "Person", "name": claim.speaker}
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": claim.text,
        "reviewRating": rating,
        "itemReviewed": item,
        "author": {"@type": "Organization", "name": organisation},
        "datePublished": (claim.decided_at or claim.run_at)[:10],
        "inLanguage": lang,
    }
    # the checker's reason and passages back the rating only when the reviewer agreed with it
    body = claim.note or (claim.reasons.get(lang, claim.reasons["nb"]) if claim.status == "confirmed" else None)
    if body:
        review["reviewBody"] = body
    cited = _cited(claim.evidence, BACKING_STANCE.get(verdict))
    if cited:
        review["citation"] = [_citation(e, lang) for e in cited]
    if url_base:
        review["url"] = f"{url_base.rstrip('/')}#claim-{claim.id}"
    return review


def _cited(evidence: list, stance: str | None) -> list:
    """Passages with the stance of the verdict, without repeating an overlapping span of the same document."""
    chosen = []
    for e in evidence:
        if e.stance == stance and not any(c.doc_id == e.doc_id and c.start < e.end and e.start < c.end for c in chosen):
            chosen.append(e)
    return chosen


def _citation(evidence, lang: str = "nb") -> dict:
    """The cited passage as a CreativeWork: its URL from the document's metadata (never a local
    path) and, for a paged source, where it stands ("rapport.pdf s. 12") as alternateName."""
    work = {"@type": "CreativeWork", "name": evidence.title, "identifier": evidence.doc_id, "text": evidence.text}
    if evidence.source.startswith(("http://", "https://")):
        work["url"] = evidence.source
    if getattr(evidence, "page", None):
        work["alternateName"] = cited_place(evidence, lang)
    return work


def to_claim_review(claims: list[ReviewedClaim], organisation: str, lang: str = "nb", url_base: str | None = None,
                    single: bool = False) -> str:
    """A JSON array of ClaimReview objects (each can be embedded on its own), or one object with `single`."""
    reviews = [claim_review(c, organisation, lang, url_base) for c in claims]
    data = reviews[0] if single and len(reviews) == 1 else reviews
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def labelled_claims(db: str | Path) -> list:
    """Decided claims as `factcheck eval` input: the reviewer's verdict is the gold label.

    A confirmed claim keeps its deciding passage as the gold evidence; an overruled
    one has none (the checker's passage is what the reviewer disagreed with).
    """
    from ..errors import FactcheckError
    from ..evaluation.claims import LabelledClaim
    from .store import ReviewStore

    with ReviewStore(db, create=False) as store:
        decided = store.decided()
    if not decided:
        raise FactcheckError(f"{db}: no decided claims yet; confirm or overrule some with `factcheck review`")
    return [LabelledClaim(f"r{c.id}", c.final_verdict, c.text,
                          c.evidence[0].text if c.status == "confirmed" and c.evidence and c.verdict != "not_enough_info" else "")
            for c in decided]
