"""Words of the batch summary and report, in bokmål (default) and English.

Verdict names and skip reasons come from factcheck.report.labels, so they read the
same as in `factcheck check`.
"""

from __future__ import annotations

from ..report.labels import skip_reason, verdict_label  # noqa: F401  (re-exported for the batch modules)

WORDS = {
    "nb": {
        "speaker": "Taler", "party": "Parti", "sentences": "Setninger", "claims": "Påstander sjekket",
        "not_checked": "Ikke sjekket", "total": "Totalt", "unknown": "(ukjent)", "none": "(uten parti)",
        "per_speaker": "Per taler", "per_party": "Per parti",
        "files": "Filer lest", "files_failed": "Filer som ikke kunne leses", "rows": "Rader/ytringer lest",
        "rows_rejected": "Rader avvist (feil i raden)", "empty": "Ytringer uten tekst",
        "utterances": "Ytringer", "resumed": "Allerede ferdige fra forrige kjøring (--resume)",
        "checked": "Setninger sjekket", "skipped": "Setninger ikke sjekket", "because": "fordi",
        "problems": "Problemer med inndata", "interrupted": "Avbrutt",
        "progress": "Sjekker", "loading": "Laster modell og indeks", "sent_per_s": "setn./s",
        "written": "Skrevet", "speed": "Fart",
        "review_recorded": "Lagt inn i gjennomgangsbasen {db}: {runs} transkripsjon(er), {claims} påstander, {flagged} flagget "
                           "(factcheck review list --db {db})",
        "review_nothing": "{db}: ingenting lagt inn (ingen transkripsjon ble ferdig i denne kjøringen)",
        "flagged_title": "Påstander som bør sjekkes nærmere",
        "flagged_intro": "Påstander som er motsagt, har lav sikkerhet (under {threshold:.2f}) eller et tall som ikke stemmer, med passasjene som er sitert.",
        "flagged_none": "Ingen påstander er flagget.", "confidence": "sikkerhet", "said_by": "Sagt av",
        "where": "Hvor", "flags": "Flagget fordi", "sentence": "Setning", "verdict": "Vurdering", "reason": "Begrunnelse", "sources": "Kilder",
    },
    "en": {
        "speaker": "Speaker", "party": "Party", "sentences": "Sentences", "claims": "Claims checked",
        "not_checked": "Not checked", "total": "Total", "unknown": "(unknown)", "none": "(no party)",
        "per_speaker": "Per speaker", "per_party": "Per party",
        "files": "Files read", "files_failed": "Files that could not be read", "rows": "Rows/utterances read",
        "rows_rejected": "Rows rejected (malformed)", "empty": "Utterances without text",
        "utterances": "Utterances", "resumed": "Already done in the previous run (--resume)",
        "checked": "Sentences checked", "skipped": "Sentences not checked", "because": "because",
        "problems": "Input problems", "interrupted": "Interrupted",
        "progress": "Checking", "loading": "Loading model and index", "sent_per_s": "sent./s",
        "written": "Written", "speed": "Speed",
        "review_recorded": "Recorded in the review database {db}: {runs} transcript(s), {claims} claims, {flagged} flagged "
                           "(factcheck review list --db {db})",
        "review_nothing": "{db}: nothing recorded (no transcript was finished by this run)",
        "flagged_title": "Claims to look at more closely",
        "flagged_intro": "Claims that are contradicted, have a low confidence (below {threshold:.2f}) or a figure that does not match, with the cited passages.",
        "flagged_none": "No claims are flagged.", "confidence": "confidence", "said_by": "Said by",
        "where": "Where", "flags": "Flagged because", "sentence": "Sentence", "verdict": "Verdict", "reason": "Reason", "sources": "Sources",
    },
}


def word(key: str, lang: str = "nb") -> str:
    return WORDS[lang][key]
