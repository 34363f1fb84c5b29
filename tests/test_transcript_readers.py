"""Transcript readers: every format people have, and bad input named by file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from factcheck.transcripts.parlamint import read_tei
from factcheck.transcripts.readers import collect_files, read_all, read_transcript
from factcheck.transcripts.records import FILE, NOTE, ROW, SKIPPED_FILE, Columns

PARLAMINT = Path(__file__).resolve().parents[2] / "shared" / "eval" / "parlamint"
SITTING = PARLAMINT / "ParlaMint-NO_2022-05-10.xml"


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_csv_with_norwegian_headers_semicolons_cp1252_and_a_multiline_cell(tmp_path):
    path = write(tmp_path / "debatt.csv",
                 'taler;parti;tekst\nÅse Øvre;H;"Første linje.\nAndre linje."\nPer;Ap;Kort innlegg.\n', "cp1252")
    t = read_transcript(path, Columns())
    assert [u.speaker for u in t.utterances] == ["Åse Øvre", "Per"]
    assert t.utterances[0].text == "Første linje.\nAndre linje."
    assert [u.line for u in t.utterances] == [2, 4]  # the multi-line cell does not shift later line numbers
    assert [u.row_id for u in t.utterances] == ["1", "2"] and t.rows_read == 2 and not t.problems


def test_malformed_csv_rows_are_named_and_the_rest_is_read(tmp_path):
    path = write(tmp_path / "d.csv", "id,speaker,text\n1,A,Én.\n2,B,To,og litt til\n3\n4,D,Fire.\n")
    t = read_transcript(path, Columns())
    assert [u.utterance_id for u in t.utterances] == ["1", "4"]
    assert [(p.line, p.kind) for p in t.problems] == [(3, ROW), (4, ROW)]
    assert "4 fields, but the header has 3" in str(t.problems[0]) and str(t.problems[0]).startswith(f"{path}:3:")
    assert t.rows_read == 4


def test_a_named_column_that_is_missing_fails_the_file_and_lists_the_columns(tmp_path):
    path = write(tmp_path / "d.tsv", "id\tutsagn\n1\tHei.\n")
    t = read_transcript(path, Columns(text="tekst"))
    assert t.failed and t.problems[0].kind == FILE and t.problems[0].line == 1
    assert "no column 'tekst' (columns: id, utsagn)" in t.problems[0].message
    assert "--text-column" in read_transcript(path, Columns()).problems[0].message


def test_tsv_with_an_id_column_keeps_row_ids_and_makes_repeated_ids_unique(tmp_path):
    path = write(tmp_path / "d.tsv", "nr\ttext\nA7\tFørst.\nA7\tSå.\n")
    t = read_transcript(path, Columns(id="nr"))
    assert [u.row_id for u in t.utterances] == ["A7", "A7"]
    assert [u.utterance_id for u in t.utterances] == ["A7", "A7@3"]
    assert t.problems[0].kind == NOTE and t.problems[0].line == 3


def test_jsonl_bad_lines_are_named(tmp_path):
    path = write(tmp_path / "d.jsonl", '{"text": "En.", "speaker": "A"}\n{"text": "To.\n[1, 2]\n\n{"speaker": "B"}\n{"text": 5}\n')
    t = read_transcript(path, Columns())
    assert [u.text for u in t.utterances] == ["En.", "5"]
    assert [(p.line, p.kind) for p in t.problems] == [(2, ROW), (3, ROW), (5, ROW)]
    assert "not valid JSON" in t.problems[0].message and "not an object" in t.problems[1].message
    assert "no 'text' key" in t.problems[2].message
    assert t.rows_read == 5


def test_speaker_lines_with_parties_time_stamps_and_continuation_lines(tmp_path):
    path = write(tmp_path / "tv.txt", (
        "Innledning uten taler.\n"
        "[00:01:02] Kari Nordmann (Ap): HAB ble etablert i 2022.\n"
        "Det betyr: mer hjelp.\n"
        "\n"
        "Statsråd Jon-Ivar Nygård: Takk.\n"
        "PROGRAMLEDER:\n"
        "Neste spørsmål.\n"))
    t = read_transcript(path, Columns())
    assert [(u.speaker, u.party, u.line) for u in t.utterances] == [
        ("", "", 1), ("Kari Nordmann", "Ap", 2), ("Statsråd Jon-Ivar Nygård", "", 5), ("PROGRAMLEDER", "", 6)]
    assert t.utterances[1].text == "HAB ble etablert i 2022.\nDet betyr: mer hjelp."
    assert t.utterances[1].timestamp == "00:01:02"
    assert t.utterances[3].text == "Neste spørsmål."
    assert t.format == "speaker-lines" and not t.problems


def test_parlamint_tei_with_speakers_and_parties_from_the_meta_file():
    t = read_tei(SITTING)
    assert t.transcript_id == "ParlaMint-NO_2022-05-10" and t.rows_read == 4
    first = t.utterances[0]
    assert first.utterance_id == "ParlaMint-NO_2022-05-10.ud496e62"
    assert (first.speaker, first.party, first.timestamp) == ("Masud Gharahkhani", "A", "2022-05-10")
    assert first.text.count("\n") == 5  # six <seg>s
    assert [u.lang for u in t.utterances] == ["nb", "nn", "nb", "nb"]  # mixed bokmål and nynorsk


def test_parlamint_tei_without_meta_shows_speaker_ids_and_skips_notes(tmp_path):
    xml = SITTING.read_text(encoding="utf-8").replace(
        "Denne søknaden behandles straks og innvilges.",
        'Denne søknaden <note type="comment">(uro i salen)</note>behandles straks.')
    t = read_tei(write(tmp_path / "sitting.xml", xml))
    assert t.utterances[0].speaker == "person.MASG" and t.utterances[0].party == ""
    assert "Denne søknaden behandles straks." in t.utterances[0].text and "uro" not in t.utterances[0].text


def test_broken_xml_names_the_line(tmp_path):
    lines = SITTING.read_text(encoding="utf-8").splitlines()
    lines[119] = lines[119].replace("</seg>", "")  # an unclosed <seg>
    path = write(tmp_path / "broken.xml", "\n".join(lines))
    t = read_transcript(path, Columns())
    assert t.failed and t.problems[0].kind == FILE
    assert "broken XML" in t.problems[0].message and t.problems[0].line and t.problems[0].line > 100


def test_parlamint_txt_uses_the_meta_beside_it(tmp_path):
    shutil.copy(PARLAMINT / "ParlaMint-NO_2022-05-10-meta.tsv", tmp_path)
    path = write(tmp_path / "ParlaMint-NO_2022-05-10.txt",
                 "ParlaMint-NO_2022-05-10.ud496e107\tRepresentanten vil framsette eit forslag.\nX.u2\tUkjent taler.\n")
    t = read_transcript(path, Columns())
    assert t.format == "parlamint-txt"
    assert [(u.speaker, u.party, u.lang) for u in t.utterances] == [("Masud Gharahkhani", "A", "nn"), ("", "", "")]


def test_folders_are_expanded_meta_files_skipped_and_odd_files_listed(tmp_path):
    shutil.copy(SITTING, tmp_path)
    shutil.copy(PARLAMINT / "ParlaMint-NO_2022-05-10-meta.tsv", tmp_path)
    write(tmp_path / "notes.docx", "x")
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub" / "a.csv", "text\nHei hei hei.\n")
    files, problems = collect_files([tmp_path, tmp_path / "missing.csv"])
    assert [f.name for f in files] == ["ParlaMint-NO_2022-05-10.xml", "a.csv"]
    assert {(Path(p.source).name, p.kind) for p in problems} == {("notes.docx", SKIPPED_FILE), ("missing.csv", FILE)}


def test_same_file_name_in_two_folders_gives_two_transcripts(tmp_path):
    for sub in ("dag1", "dag2"):
        (tmp_path / sub).mkdir()
        write(tmp_path / sub / "debatt.csv", "text\nHei på deg.\n")
    transcripts, _ = read_all([tmp_path], Columns())
    assert [t.transcript_id for t in transcripts] == ["debatt", "debatt~2"]
    assert transcripts[1].utterances[0].transcript_id == "debatt~2"


@pytest.mark.parametrize("content,message", [(b"", "empty"), (b"\xff\xfe\x00\x00bin", "cannot decode")])
def test_empty_or_undecodable_files_fail_alone(tmp_path, content, message):
    path = tmp_path / "x.csv"
    path.write_bytes(content)
    t = read_transcript(path, Columns())
    assert t.failed and message in t.problems[0].message


def test_the_chair_is_known_from_parlamint_a_role_column_a_presidenten_label_or_chair_name(tmp_path):
    from factcheck.transcripts.records import mark_chairs

    assert [u.role for u in read_tei(SITTING).utterances] == ["chair"] * 4  # ana="#chair" / Speaker_role Chairperson
    table = read_transcript(write(tmp_path / "d.csv", "speaker,rolle,text\nAnne,Møteleder,Møtet er satt.\n"
                                                      "Per,,HAB ble etablert i 2022.\n"), Columns())
    assert [u.role for u in table.utterances] == ["chair", ""]
    lines = read_transcript(write(tmp_path / "d.txt", "Presidenten: Neste taler er Per.\nPer (H): Takk.\n"), Columns())
    assert [u.role for u in lines.utterances] == ["chair", ""]
    named = read_transcript(write(tmp_path / "e.txt", "Anne Lie: Møtet er satt.\nPer (H): Takk.\n"), Columns())
    mark_chairs(named.utterances, ["anne lie"])
    assert [u.role for u in named.utterances] == ["chair", ""]
