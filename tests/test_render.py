"""The terminal table fits the terminal, and a "not enough info" row shows the closest passage."""

from factcheck.report.render import PIPE_WIDTH, render
from factcheck.results import CheckResult, ClaimResult, Evidence, Skipped


def _result() -> CheckResult:
    passage = Evidence(doc_id="rapport-om-fastlegeordningen-2023", title="Fastlegerapporten", source="",
                       text="Antall fastleger økte med 4,2 prosent fra 2022 til 2023, mest i de store byene.",
                       start=120, end=198, score=0.61, stance="neutral")
    nei = ClaimResult(text="Fastlegene i Tromsø fikk 12 nye stillinger i fjor.", start=0, end=51,
                      verdict="not_enough_info", confidence=0.71,
                      reasons={"nb": "Korpuset verken bekrefter eller avkrefter påstanden.", "en": "Undecided."},
                      evidence=[passage])
    question = Skipped(text="Hva skjer etter 2026?", start=52, end=73, reason_code="question")
    return CheckResult(claims=[nei], skipped=[question])


def _widest_line(text: str) -> int:
    return max(len(line) for line in text.splitlines())


def test_table_fits_the_width_given_by_columns(monkeypatch):
    for columns in (80, 120):
        monkeypatch.setenv("COLUMNS", str(columns))
        out = render(_result(), "table")
        assert _widest_line(out) == columns
        assert "Ikke nok" in out and "grunnlag" in out and "…┃" not in out  # no cut labels or headers


def test_table_in_a_pipe_has_a_sensible_width(monkeypatch):
    import os

    def no_terminal(*_):
        raise OSError("not a terminal")

    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.setattr(os, "get_terminal_size", no_terminal)
    assert _widest_line(render(_result(), "table")) == PIPE_WIDTH


def test_not_enough_info_quotes_the_closest_passage(monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    table = render(_result(), "table")
    assert "Nærmeste passasje: «Antall fastleger økte med 4,2 prosent" in table
    assert "rapport-om-fastlegeordningen-2023:120–198" in table
    assert "Closest passage: «Antall fastleger" in render(_result(), "table", lang="en")
    assert "Nærmeste passasje: «Antall fastleger" in render(_result(), "md")
