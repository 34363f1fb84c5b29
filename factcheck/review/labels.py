"""Review words in bokmål (default) and English; verdict and stance words come from report.labels."""

from __future__ import annotations

from ..report.labels import STANCE_LABELS, VERDICT_LABELS, verdict_label  # noqa: F401  (one place for those)

STATUS_LABELS = {
    "nb": {"open": "Åpen", "confirmed": "Bekreftet", "overruled": "Overstyrt", "needs_expert": "Trenger ekspert"},
    "en": {"open": "Open", "confirmed": "Confirmed", "overruled": "Overruled", "needs_expert": "Needs expert"},
}
FLAG_LABELS = {
    "nb": {"contradicted": "motsagt", "low_confidence": "lav sikkerhet", "number_mismatch": "tallet stemmer ikke"},
    "en": {"contradicted": "contradicted", "low_confidence": "low confidence", "number_mismatch": "number mismatch"},
}
WORDS = {
    "nb": {
        "title": "Gjennomgang av flaggede påstander", "id": "ID", "claim": "Påstand", "verdict": "Vurdering",
        "confidence": "Sikkerhet", "status": "Status", "reviewer_verdict": "Redaktørens vurdering", "note": "Merknad",
        "source": "Dokument", "speaker": "Taler", "run": "Kjøring", "flags": "Flagget fordi", "reason": "Begrunnelse",
        "evidence": "Kilder", "history": "Historikk", "reviewer": "Redaktør", "no_claims": "Ingen påstander å vise.",
        "confirm": "Bekreft", "overrule": "Overstyr til", "needs_expert": "Trenger ekspert", "save_note": "Lagre merknad",
        "reopen": "Åpne igjen", "back": "Tilbake til listen", "filter": "Filtrer", "all": "alle", "unflagged": "også uflaggede",
        "no_history": "Ingen avgjørelser ennå.", "in_text": "I teksten", "checker_said": "Faktasjekkeren sa",
        "decided": "Avgjørelse lagret", "next_prompt": "[b]ekreft, [o]verstyr, [e]kspert, [m]erknad, [h]opp over, [a]vslutt",
        "choose_verdict": "Riktig vurdering", "note_prompt": "Merknad (tom for ingen)", "done": "Ingen flere åpne påstander.",
        "passage": "Utdrag",
    },
    "en": {
        "title": "Review of flagged claims", "id": "ID", "claim": "Claim", "verdict": "Verdict",
        "confidence": "Confidence", "status": "Status", "reviewer_verdict": "Reviewer's verdict", "note": "Note",
        "source": "Document", "speaker": "Speaker", "run": "Run", "flags": "Flagged because", "reason": "Reason",
        "evidence": "Sources", "history": "History", "reviewer": "Reviewer", "no_claims": "No claims to show.",
        "confirm": "Confirm", "overrule": "Overrule to", "needs_expert": "Needs expert", "save_note": "Save note",
        "reopen": "Reopen", "back": "Back to the list", "filter": "Filter", "all": "all", "unflagged": "also unflagged",
        "no_history": "No decisions yet.", "in_text": "In the text", "checker_said": "The checker said",
        "decided": "Decision saved", "next_prompt": "[c]onfirm, [o]verrule, [e]xpert, [n]ote, [s]kip, [q]uit",
        "choose_verdict": "Right verdict", "note_prompt": "Note (empty for none)", "done": "No more open claims.",
        "passage": "Passage",
    },
}


def status_label(status: str, lang: str = "nb") -> str:
    return STATUS_LABELS[lang][status]


def flag_labels(flags: list[str], lang: str = "nb") -> str:
    return ", ".join(FLAG_LABELS[lang].get(f, f) for f in flags)
