"""Issue 15: bad bytes and broken rows cost only themselves, and are reported (items 2 and 11)."""

from __future__ import annotations

import json

import pytest

from factcheck.errors import FactcheckError
from factcheck.textio import decode_text, read_input
from factcheck.transcripts.readers import read_transcript
from factcheck.transcripts.records import NOTE, ROW, Columns

NORWEGIAN = "Det må være lov å si at bøndene får støtte.".encode("utf-8")


def test_one_truncated_utf8_sequence_does_not_switch_the_file_to_windows_1252():
    data = b"\n".join([NORWEGIAN] * 200 + [b"Her er en avkuttet \xc3 bokstav.", NORWEGIAN])
    decoded = decode_text(data, "x.txt")
    assert decoded.encoding == "utf-8"
    assert "Ã" not in decoded.text and decoded.text.count("må") == 201
    assert decoded.replaced == [data.index(b"\xc3 bokstav")] and decoded.lines == [201]
    assert "line 201" in decoded.note() and "\ufffd bokstav" in decoded.text


def test_real_windows_1252_is_still_read_as_such():
    decoded = decode_text("Det må være lov, sa bøndene på Ørland.\n".encode("cp1252") * 3, "x.txt")
    assert decoded.encoding == "windows-1252" and decoded.text.startswith("Det må være") and decoded.note() is None


def test_binary_data_is_refused_with_a_message():
    with pytest.raises(FactcheckError, match="not a text file"):
        decode_text(b"\x00\x01\x02" * 100, "x.bin")


def test_check_input_reports_replaced_bytes(tmp_path):
    path = tmp_path / "artikkel.txt"
    path.write_bytes(NORWEGIAN + b"\nEn d\xc3rlig linje.\n")
    heard = []
    text = read_input(str(path), warn=heard.append)
    assert "må" in text and len(heard) == 1 and "line 2" in heard[0]


def test_csv_with_one_bad_byte_keeps_every_row_right(tmp_path):
    rows = ["id,speaker,text"] + [f"{n},Kari,Det må være {n} bønder i Ørland." for n in range(1, 201)]
    data = "\n".join(rows).encode("utf-8").replace(b"100 b", b"100 \xe5 b")
    path = tmp_path / "debatt.csv"
    path.write_bytes(data)
    t = read_transcript(path, Columns())
    assert len(t.utterances) == 200 and not any("Ã" in u.text for u in t.utterances)
    assert [p.kind for p in t.problems] == [NOTE] and t.problems[0].line == 101


def test_one_nul_byte_costs_nothing_of_a_jsonl_file(tmp_path):
    lines = [json.dumps({"id": n, "speaker": "Per", "text": f"Setning nummer {n} er her."}) for n in range(200)]
    data = "\n".join(lines).encode("utf-8").replace(b"nummer 7 ", b"nummer 7\x00 ")
    path = tmp_path / "debatt.jsonl"
    path.write_bytes(data)
    t = read_transcript(path, Columns())
    assert len(t.utterances) == 200 and not t.failed
    assert [p.kind for p in t.problems] == [NOTE] and "byte" in t.problems[0].message


def test_unterminated_csv_quote_costs_one_row_and_says_so(tmp_path):
    path = tmp_path / "debatt.csv"
    path.write_text('id,speaker,text\n1,A,Hei der.\n2,B,"Dette er feil.\n3,C,Tre.\n4,D,Fire.\n5,E,Fem.\n', encoding="utf-8")
    t = read_transcript(path, Columns())
    assert [u.text for u in t.utterances] == ["Hei der.", "Tre.", "Fire.", "Fem."]
    assert [(p.kind, p.line) for p in t.problems] == [(ROW, 3)] and t.rows_read == 5
