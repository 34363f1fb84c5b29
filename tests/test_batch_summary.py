"""Summaries and the flagged-claims report, from rows alone (no model needed)."""

from __future__ import annotations

import csv

from factcheck.transcripts.report import render_html, render_markdown, write_report
from factcheck.transcripts.summary import RunStats, Tally, account, render_summary, write_summary_csv


def row(n, speaker, party, verdict=None, confidence=None, text="Påstand.", reason_code=None, flags=()):
    evidence = [{"doc_id": "doc", "title": "Tittel <b>", "source": "s", "text": "Kilden sier 31 %.", "start": 10, "end": 27,
                 "score": 0.91, "stance": "contradicts" if verdict == "contradicted" else "supports"}] if verdict else []
    return {"transcript_id": "t", "utterance_id": str(n), "speaker": speaker, "party": party, "sentence_index": 0,
            "text": text, "start": 0, "end": len(text), "checkworthy": verdict is not None, "verdict": verdict,
            "confidence": confidence, "reason": "Grunn.", "reason_code": reason_code, "flags": list(flags),
            "evidence": evidence}


ROWS = [
    row(1, "Kari", "A", "contradicted", 0.8, "Reduksjonen var 40 %.", flags=["contradicted", "number_mismatch"]),
    row(2, "Kari", "A", "supported", 0.4, "Svakt støttet\n<script>.", flags=["low_confidence"]),
    row(3, "Per", "H", "supported", 0.9),
    row(4, "Per", "H", "not_enough_info", 0.35),
    row(5, "", "", reason_code="question", text="Hva nå?"),
]


def test_tally_counts_per_speaker_party_and_keeps_the_flagged_claims(tmp_path):
    tally = Tally()
    for r in ROWS:
        tally.add(r)
    kari = tally.by_speaker[("Kari", "A")]
    assert (kari.claims_checked, kari.contradicted, kari.supported) == (2, 1, 1)
    assert tally.by_party["H"].not_enough_info == 1 and tally.total.not_checked == 1
    assert [r["utterance_id"] for r in tally.flagged] == ["1", "2"]
    assert tally.skip_reasons == {"question": 1}
    write_summary_csv(tally, tmp_path / "s.csv")
    lines = list(csv.DictReader((tmp_path / "s.csv").open(encoding="utf-8")))
    assert [(r["group"], r["speaker"], r["party"]) for r in lines] == [
        ("speaker", "Kari", "A"), ("speaker", "Per", "H"), ("speaker", "", ""),
        ("party", "", "A"), ("party", "", "H"), ("party", "", ""), ("total", "", "")]
    assert lines[-1]["sentences"] == "5" and lines[-1]["claims_checked"] == "4"


def test_terminal_summary_is_norwegian_by_default_and_accounts_for_every_row():
    tally = Tally()
    for r in ROWS:
        tally.add(r)
    stats = RunStats(files=2, files_failed=1, rows_read=6, rows_rejected=1, utterances=5, empty_utterances=0)
    text = render_summary(tally, stats, "nb")
    assert "Per taler" in text and "Motsagt" in text and "(ukjent)" in text and "(uten parti)" in text
    assert "Filer lest: 2; filer som ikke kunne leses: 1" in account(tally, stats, "nb")
    assert "spørsmål, ikke en påstand: 1" in account(tally, stats, "nb")
    assert "Sentences: 5; sentences checked: 4; sentences not checked: 1" in account(tally, stats, "en")


def test_report_lists_flagged_claims_with_their_passages_contradictions_first(tmp_path):
    tally = Tally()
    for r in reversed(ROWS):
        tally.add(r)
    md = render_markdown(tally.flagged, "nb")
    assert md.index("Reduksjonen var 40 %") < md.index("Svakt støttet <script>.")  # line breaks folded in the quote
    assert "## 1. Motsagt (sikkerhet 0.80) — Kari (A)" in md
    assert "**Flagget fordi:** motsagt, tallet stemmer ikke" in md
    assert "> Kilden sier 31 %." in md and "(doc, 10–27, motsier, 0.91)" in md
    page = render_html(tally.flagged, "en")
    assert "<script>" not in page and "&lt;script&gt;" in page and "Contradicted" in page
    write_report([], tmp_path / "r.html", "nb")
    assert "Ingen påstander er flagget." in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_procedural_lines_count_in_the_total_but_not_for_the_chair_or_their_party():
    tally = Tally()
    for r in [*ROWS, row(6, "Presidenten", "A", reason_code="procedural", text="Møtet er hevet."),
              row(7, "Kari", "A", reason_code="procedural", text="Neste taler er Per.")]:
        tally.add(r)
    assert ("Presidenten", "A") not in tally.by_speaker
    assert tally.by_speaker[("Kari", "A")].sentences == 2 and tally.by_party["A"].sentences == 2
    assert tally.total.sentences == 7 and tally.total.not_checked == 3
    assert tally.skip_reasons == {"question": 1, "procedural": 2}
    assert "møteledelse eller prosedyre, ikke en påstand: 2" in account(tally, RunStats(), "nb")


def test_the_flagged_report_ranks_the_most_check_worthy_claims_first():
    from factcheck.transcripts.report import _order

    rows = [{"verdict": "not_enough_info", "confidence": 0.5, "checkworthy_score": 0.31, "text": "a"},
            {"verdict": "supported", "confidence": 0.6, "checkworthy_score": 0.92, "text": "b"},
            {"verdict": "contradicted", "confidence": 0.7, "checkworthy_score": 0.4, "text": "c"},
            {"verdict": "contradicted", "confidence": 0.95, "checkworthy_score": 0.41, "text": "d"},
            {"verdict": "supported", "confidence": 0.4, "checkworthy_score": None, "text": "e"}]
    assert [r["text"] for r in _order(rows)] == ["d", "c", "b", "a", "e"]
