"""Statistics tables: read as rows with their column headers, and checked by the column of the claim's year.

The tables are invented (electric cars and charging points), not taken from any evaluation corpus.
"""

from __future__ import annotations

import pytest

from factcheck.corpus.repair import repair
from factcheck.corpus.tables import as_written
from factcheck.stance.checks import run_checks
from factcheck.stance.tables import check_table, parse_row

TABLE = (
    "Ladestasjoner i Norge. Tabellen viser utviklingen de siste årene.\n\n"
    "Tabell 2. Nøkkeltall\n"
    "\t2019\t2020\t2021\t2022\tEndring 2022\n"
    "Antall\n"
    "Hurtigladere\t3 600\t4 500\t6 200\t7 800\t1 600\n"
    "Ladepunkter totalt\t12 000\t15 500\t19 000\t24 000\t5 000\n"
    "Ladepunkter uten betaling\t900\t700\t500\t450\t-50\n"
    "Andel elbiler i nybilsalget (%)\t42,4\t54,3\t64,5\t79,3\t14,8\n"
    "\n"
    "Veksten fortsatte i 2023, ifølge etaten.\n"
)


def rows_of(raw: str):
    return [p for p in repair(raw) if p.kind == "row"]


def test_a_tab_table_becomes_one_paragraph_per_row_with_headers():
    rows = rows_of(TABLE)
    assert [p.text.split(" | ")[0] for p in rows] == ["Hurtigladere", "Ladepunkter totalt", "Ladepunkter uten betaling",
                                                      "Andel elbiler i nybilsalget (%)"]
    assert rows[0].text == "Hurtigladere | 2019: 3 600 | 2020: 4 500 | 2021: 6 200 | 2022: 7 800 | Endring 2022: 1 600"
    assert rows[0].table_labels == tuple(p.text.split(" | ")[0] for p in rows)
    prose = [p.text for p in repair(TABLE) if p.kind == "prose"]
    assert prose[0].startswith("Ladestasjoner i Norge.") and prose[-1] == "Veksten fortsatte i 2023, ifølge etaten."


def test_a_row_cites_its_own_line_of_the_file():
    row = rows_of(TABLE)[1]
    start, end = row.original_span(0, len(row.text))
    assert TABLE[start:end] == "Ladepunkter totalt\t12 000\t15 500\t19 000\t24 000\t5 000"
    assert as_written(row.text) == "Ladepunkter totalt 12 000 15 500 19 000 24 000 5 000"


@pytest.mark.parametrize("raw", [
    # trafilatura's markdown rows, one per line with blank lines between (the HTML reader's output)
    "Innledning til tabellen.\n\n|  | 2019 | 2020 |\n\n|---|---|---|\n\n| Hurtigladere | 3 600 | 4 500 |\n\n"
    "| Ladepunkter totalt | 12 000 | 15 500 |\n",
    # python-docx rows as the DOCX reader joins them: no empty cell over the labels
    "Innledning til tabellen.\n\n2019 | 2020\n\nHurtigladere | 3 600 | 4 500\n\nLadepunkter totalt | 12 000 | 15 500\n",
])
def test_pipe_tables_of_the_html_and_docx_readers(raw):
    rows = rows_of(raw)
    assert [p.text for p in repair(raw) if p.kind == "prose"] == ["Innledning til tabellen."]
    assert [p.text for p in rows] == ["Hurtigladere | 2019: 3 600 | 2020: 4 500",
                                      "Ladepunkter totalt | 2019: 12 000 | 2020: 15 500"]


def test_two_tables_under_their_own_captions_keep_their_own_headers():
    raw = ("Tabell 1 Hurtigladere\n\t2019\t2020\nHurtigladere\t3 600\t4 500\n"
           "Tabell 2 Busser\n\t2021\t2022\nElbusser\t150\t210\n")
    assert [p.text for p in rows_of(raw)] == ["Hurtigladere | 2019: 3 600 | 2020: 4 500",
                                              "Elbusser | 2021: 150 | 2022: 210"]
    assert rows_of(raw)[1].table_labels == ("Elbusser",)


def test_prose_with_one_pipe_or_tab_is_not_a_table():
    raw = "Rapport 2023 | Side 4\n\nDette er vanlig tekst med\tén tabulator.\n"
    assert not rows_of(raw)


def findings(claim: str, row_name: str):
    rows = rows_of(TABLE)
    row = next(p for p in rows if p.text.startswith(row_name))
    return check_table(claim, parse_row(row.text), row.table_labels)


def kinds(found):
    return [(f.kind, f.effect) for f in found]


def test_the_figure_of_the_claims_year_supports_or_contradicts():
    assert ("number", "supports") in kinds(findings("Det fantes 6 200 hurtigladere i 2021.", "Hurtigladere"))
    found = findings("Det fantes 7 000 hurtigladere i 2021.", "Hurtigladere")
    assert kinds(found) == [("number", "contradicts")]
    assert "6 200" in found[0].message["nb"] and "2021" in found[0].message["nb"]


@pytest.mark.parametrize("claim", [
    "Andelen elbiler i nybilsalget økte fra 42,4 prosent i 2019 til 79,3 prosent i 2022.",
    "I 2022 var andelen elbiler i nybilsalget 79,3 prosent, mot 42,4 prosent i 2019.",
])
def test_each_figure_is_read_in_the_column_of_its_own_year(claim):
    found = findings(claim, "Andel elbiler")
    assert found and all(f.effect == "supports" for f in found)
    assert {f.claim_value for f in found} >= {"42,4 prosent", "79,3 prosent", "2019", "2022"}
    assert len({f.claim_value for f in found}) == len(found)  # each figure found once


def test_a_hedged_or_rounded_figure_agrees():
    assert ("number", "supports") in kinds(findings("Over 7 500 hurtigladere var i drift i 2022.", "Hurtigladere"))
    assert ("number", "supports") in kinds(findings("Det var rundt 24 000 ladepunkter totalt i 2022.",
                                                    "Ladepunkter totalt"))
    assert ("number", "supports") in kinds(findings("Det var 6 000 hurtigladere i 2021.", "Hurtigladere"))  # rounded
    # 50 is no rounding of 54.3 percent
    assert kinds(findings("Andelen elbiler i nybilsalget var 50 prosent i 2020.", "Andel elbiler")) == [
        ("number", "contradicts")]


def test_a_claimed_trend_is_read_between_the_years():
    assert ("direction", "contradicts") in kinds(findings("Antallet hurtigladere gikk ned fra 2019 til 2022.",
                                                          "Hurtigladere"))
    assert kinds(findings("Antallet hurtigladere har økt siden 2019.", "Hurtigladere"))[0] == ("number", "supports")
    assert ("direction", "contradicts") in kinds(findings("Ladepunkter uten betaling har blitt flere siden 2019.",
                                                          "Ladepunkter uten betaling"))
    assert kinds(findings("Antallet hurtigladere ble mer enn doblet fra 2019 til 2022.", "Hurtigladere"))[0] == (
        "number", "supports")
    assert kinds(findings("Antallet hurtigladere ble tidoblet fra 2019 til 2022.", "Hurtigladere"))[0] == (
        "number", "contradicts")


def test_a_figure_that_counts_something_else_is_not_read_in_the_row():
    # two counts of one year: the one that counts charging points is no figure of the fast-charger row
    found = findings("I 2022 fantes det 7 800 hurtigladere og 24 000 ladepunkter.", "Hurtigladere")
    assert kinds(found) == [("number", "supports"), ("number", "supports")]
    assert {f.claim_value for f in found} == {"7 800", "2022"}


def test_a_change_column_is_no_years_figure():
    # "Endring 2022: 1 600" is not the level of 2022
    assert kinds(findings("Det var 1 600 hurtigladere i 2022.", "Hurtigladere")) == [("number", "contradicts")]


def test_only_the_row_the_claim_names_best_answers():
    # "uten betaling" names the third row better than "totalt" the second: the second stays silent
    assert findings("Ladepunkter uten betaling gikk ned fra 2019 til 2022.", "Ladepunkter totalt") == []
    assert findings("Ladepunkter uten betaling gikk ned fra 2019 til 2022.", "Ladepunkter uten betaling")
    # a claim about something else finds no row
    assert findings("Antallet fastleger økte fra 2019 til 2022.", "Hurtigladere") == []


def test_a_share_is_no_answer_to_a_count_nor_a_negated_claim_a_statement():
    assert findings("Andelen hurtigladere var 20 prosent i 2021.", "Hurtigladere") == []
    assert findings("Antallet hurtigladere har ikke økt siden 2019.", "Hurtigladere") == []


def test_run_checks_reads_a_row_only_with_its_table_and_says_why():
    row = rows_of(TABLE)[0]
    outcome = run_checks("Antallet hurtigladere gikk ned fra 2019 til 2022.", row.text, 0.9,
                         table_labels=row.table_labels)
    assert outcome.features["direction"] == 1.0
    assert "økning fra 3 600 (2019) til 7 800 (2022)" in next(f for f in outcome.findings
                                                            if f.effect == "contradicts").message["nb"]


def test_rows_are_passages_of_their_own_that_survive_the_index_file(tmp_path, blank_nlp):
    import json

    from factcheck.corpus.documents import Document
    from factcheck.corpus.passages import Passage, document_passages

    doc = Document("lading", "Lading", tmp_path / "lading.txt", TABLE)
    passages = document_passages(doc, blank_nlp)
    rows = [p for p in passages if p.kind == "row"]
    assert len(rows) == 4 and all(len(p.table_labels) == 4 for p in rows)
    assert not any(p.kind == "window" and " | " in p.text for p in passages)  # no window runs over a row
    assert [p.start for p in passages if p.kind != "window"] == sorted(p.start for p in passages if p.kind != "window")
    again = Passage.from_dict(json.loads(json.dumps(rows[0].to_dict())))
    assert again.table_labels == rows[0].table_labels and TABLE[again.start:again.end].startswith("Hurtigladere\t")
    # an index written by a newer version, with a field this one does not know, still loads
    assert Passage.from_dict({**rows[0].to_dict(), "a_later_field": 1}) == rows[0]


@pytest.mark.slow
def test_a_claim_about_a_tables_trend_end_to_end(real_env, tmp_path):
    """Real model and pipeline: the row is found, its years read, and the verdict says which figures."""
    from factcheck import FactChecker
    from factcheck.embedding.encoder import Encoder
    from factcheck.index.store import build_index

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "lading.txt").write_text(TABLE, encoding="utf-8")
    (corpus / "annet.txt").write_text("Elbilforeningen mener at flere hurtigladere trengs langs riksveiene. "
                                      "Foreningen har 100 000 medlemmer.\n", encoding="utf-8")
    build_index(corpus, tmp_path / "idx", Encoder(), bar=False)
    checker = FactChecker.load(tmp_path / "idx", progress=None)
    down = checker.check("Antallet hurtigladere i Norge gikk ned fra 2019 til 2022.").claims[0]
    assert down.verdict == "contradicted"
    assert "3 600" in down.reason and "7 800" in down.reason
    assert down.evidence[0].text.startswith("Hurtigladere | 2019: 3 600")
    level = checker.check("I 2022 fantes det 24 000 ladepunkter i Norge.").claims[0]
    assert level.verdict == "supported" and "24 000" in level.reason


def test_an_html_table_read_by_the_reader_becomes_rows():
    from factcheck.corpus.readers.html import read_html

    html = ("<html><head><title>Lading</title></head><body><article><h1>Rapport om lading</h1>"
            "<p>Dette er en lang nok tekst om ladestasjoner i Norge og om hvordan utbyggingen har gått.</p>"
            "<table><tr><th></th><th>2019</th><th>2020</th></tr><tr><td>Hurtigladere</td><td>3 600</td>"
            "<td>4 500</td></tr><tr><td>Ladepunkter totalt</td><td>12 000</td><td>15 500</td></tr></table>"
            "<p>Enda en lang setning om ladestasjoner langs veiene i hele landet, fra sør til nord.</p>"
            "</article></body></html>")
    paragraphs = repair(read_html(html.encode()).text)
    assert [p.text for p in paragraphs if p.kind == "row"] == ["Hurtigladere | 2019: 3 600 | 2020: 4 500",
                                                              "Ladepunkter totalt | 2019: 12 000 | 2020: 15 500"]
    assert not any("---" in p.text or "|" in p.text for p in paragraphs if p.kind == "prose")


def test_one_year_pattern_for_readers_and_checks():
    from factcheck.text.years import YEAR, years_in

    assert years_in("2019Kv4, 12019 og 2023–2024") == {"2019", "2023", "2024"}
    assert YEAR.fullmatch("2022") and not YEAR.fullmatch("20221")
