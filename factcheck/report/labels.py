"""User-facing words in bokmål (default) and English."""

from __future__ import annotations

LANGS = ("nb", "en")

VERDICT_LABELS = {
    "nb": {"supported": "Støttet", "contradicted": "Motsagt", "not_enough_info": "Ikke nok grunnlag"},
    "en": {"supported": "Supported", "contradicted": "Contradicted", "not_enough_info": "Not enough info"},
}
STANCE_LABELS = {
    "nb": {"supports": "støtter", "contradicts": "motsier", "neutral": "nøytral"},
    "en": {"supports": "supports", "contradicts": "contradicts", "neutral": "neutral"},
}
SKIP_REASONS = {
    "nb": {
        "question": "Spørsmål, ikke en påstand",
        "demand": "Krav eller oppfordring, ikke en påstand",
        "opinion": "Mening, ikke en faktapåstand",
        "too_short": "For kort til å sjekkes",
        "prediction": "Spådom om framtiden, ikke sjekkbar ennå",
        "promise": "Løfte, ikke en påstand",
        "procedural": "Møteledelse eller prosedyre, ikke en påstand",
        "personal": "Personlig erfaring, ikke sjekkbar",
        "heading": "Overskrift eller bildetekst",
        "caption": "Bildetekst eller fotokreditt",
        "byline": "Byline (forfatter)",
        "dateline": "Dato- eller stedslinje",
        "other": "Ingen påstand",
    },
    "en": {
        "question": "A question, not a claim",
        "demand": "A demand or call to action, not a claim",
        "opinion": "An opinion, not a factual claim",
        "too_short": "Too short to check",
        "prediction": "A prediction, not checkable yet",
        "promise": "A promise, not a claim",
        "procedural": "Chairing or procedure, not a claim",
        "personal": "Personal experience, not checkable",
        "heading": "A heading or caption",
        "caption": "A photo caption or credit",
        "byline": "A byline (author)",
        "dateline": "A date or place line",
        "other": "No claim",
    },
}
HEADERS = {
    "nb": {"sentence": "Setning", "verdict": "Vurdering", "confidence": "Sikkerhet", "reason": "Begrunnelse",
           "evidence": "Kilde", "skipped": "Ikke sjekket", "summary": "Oppsummering",
           "nearest": "Nærmeste passasje", "chars": "tegn"},
    "en": {"sentence": "Sentence", "verdict": "Verdict", "confidence": "Confidence", "reason": "Reason",
           "evidence": "Source", "skipped": "Not checked", "summary": "Summary",
           "nearest": "Closest passage", "chars": "chars"},
}


def verdict_label(verdict: str, lang: str = "nb") -> str:
    return VERDICT_LABELS[lang][verdict]


def skip_reason(code: str, lang: str = "nb") -> str:
    return SKIP_REASONS[lang].get(code, code)


PAGE_WORD = {"nb": "s.", "en": "p."}


def cited_place(evidence, lang: str = "nb") -> str:
    """Where a cited passage stands, for people: "rapport.pdf s. 12" for a paged source, the page's
    address for a web page (its `source_url`), else "doc:120–180".

    `evidence` is an Evidence or its JSON dict (as batch rows keep it).
    """
    get = evidence.get if isinstance(evidence, dict) else (lambda key, default=None: getattr(evidence, key, default))
    page, source = get("page"), str(get("source") or "")
    if page:
        return f"{get('file') or get('doc_id')} {PAGE_WORD.get(lang, PAGE_WORD['nb'])} {page}"
    if source.startswith(("http://", "https://")) and (get("file") or "").endswith((".html", ".htm")):
        return source
    return f"{get('doc_id')}:{get('start')}–{get('end')}"
