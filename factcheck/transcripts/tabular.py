"""CSV, TSV and JSONL transcripts: one utterance per row, columns named by the user or found.

The standard library's csv and json parsers do the parsing; this module only keeps
line numbers, so every rejected row can be named.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from .records import NOTE, ROW, Columns, Problem, Transcript, TranscriptError, Utterance, role_of

csv.field_size_limit(16 * 1024 * 1024)  # a long speech in one cell is normal


def _delimiter(text: str, suffix: str) -> str:
    if suffix == ".tsv":
        return "\t"
    header = text.split("\n", 1)[0]
    try:
        return csv.Sniffer().sniff(header, delimiters=",;\t|").delimiter
    except csv.Error:
        return ","  # a one-column file


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip() if not isinstance(value, str) else value


class _Builder:
    """Turns (line, record) pairs into utterances with unique ids, noting what it had to adjust."""

    def __init__(self, transcript: Transcript, roles: dict[str, str | None]):
        self.t = transcript
        self.roles = roles
        self.first_line: dict[str, int] = {}

    def add(self, line: int, record: dict, number: int) -> None:
        get = lambda role: _cell(record.get(self.roles[role])) if self.roles[role] else ""  # noqa: E731
        text = record.get(self.roles["text"])
        if isinstance(text, (list, dict)):
            self.t.problems.append(Problem(self.t.source, f"the {self.roles['text']!r} value is not text", line, ROW))
            return
        row_id = get("id") or str(number)
        utterance_id = row_id
        if row_id in self.first_line:
            utterance_id = f"{row_id}@{line}"
            self.t.problems.append(Problem(
                self.t.source, f"id {row_id!r} repeats line {self.first_line[row_id]}; read as {utterance_id!r}", line, NOTE))
        self.first_line.setdefault(utterance_id, line)
        self.t.utterances.append(Utterance(
            transcript_id=self.t.transcript_id, utterance_id=utterance_id, text=_cell(text),
            speaker=get("speaker").strip(), party=get("party").strip(), source=self.t.source, line=line,
            row_id=row_id, timestamp=get("time").strip(), role=role_of(get("role"))))


def _records(lines: list[str], begin: int, delimiter: str) -> tuple[list[tuple[int, int, list[str]]], tuple[int, int, str] | None]:
    """(first line, last line, cells) of each record from line index `begin` on, and where the csv
    module gave up, if it did: (first line of that record, the line it stopped at, why)."""
    reader = csv.reader(io.StringIO("\n".join(lines[begin:]), newline=""), delimiter=delimiter)
    records, previous_end = [], 0
    try:
        for row in reader:
            records.append((begin + previous_end + 1, begin + reader.line_num, row))
            previous_end = reader.line_num
    except csv.Error as exc:
        return records, (begin + previous_end + 1, begin + max(reader.line_num, previous_end + 1), str(exc))
    return records, None


def _unterminated(record: tuple[int, int, list[str]], lines: list[str]) -> bool:
    """A last record that spans lines with an odd number of quotes: a quote that never closes swallowed them."""
    first, last, _ = record
    return last > first and "\n".join(lines[first - 1:last]).count('"') % 2 == 1


def read_delimited(path: Path, text: str, columns: Columns, transcript_id: str) -> Transcript:
    """CSV (delimiter sniffed among , ; TAB |) or TSV, with a header row.

    A record the csv module cannot parse, or a quote that is never closed, costs that one
    row (reported): reading goes on from the next line.
    """
    suffix = path.suffix.lower()
    t = Transcript(transcript_id, str(path), suffix.lstrip("."))
    lines = text.split("\n")
    delimiter = _delimiter(text, suffix)
    header: list[str] | None = None
    builder = None
    begin = 0
    while begin < len(lines):
        records, failure = _records(lines, begin, delimiter)
        restart = None
        lost = None
        if failure is not None:
            restart = failure[1]
            lost = Problem(t.source, f"cannot parse this row ({failure[2]}); row not read, reading on from line {restart + 1}",
                           failure[0], ROW)
        elif records and _unterminated(records[-1], lines):
            first = records.pop()[0]
            restart = first
            lost = Problem(t.source, "a quote opened in this row is never closed; row not read, "
                                     "the lines after it are read as rows", first, ROW)
        for start, _end, row in records:
            if not row or not any(cell.strip() for cell in row):
                continue
            if header is None:
                header = [h.strip() for h in row]
                try:
                    builder = _Builder(t, columns.resolve(header))
                except TranscriptError as exc:
                    exc.line = start
                    raise
                text_index = header.index(builder.roles["text"])
                continue
            t.rows_read += 1
            if len(row) > len(header):
                t.problems.append(Problem(t.source, f"{len(row)} fields, but the header has {len(header)}; row not read", start, ROW))
                continue
            if len(row) <= text_index:
                t.problems.append(Problem(t.source, f"no {builder.roles['text']!r} field (only {len(row)} fields); row not read", start, ROW))
                continue
            builder.add(start, dict(zip(header, row)), t.rows_read)
        if lost is not None:
            if header is not None:
                t.rows_read += 1
            t.problems.append(lost)
        if restart is None:
            break
        begin = restart
    if header is None:
        raise TranscriptError("the file is empty (no header row)")
    return t


def read_jsonl(path: Path, text: str, columns: Columns, transcript_id: str) -> Transcript:
    """JSON Lines: one object per line; keys are the columns."""
    t = Transcript(transcript_id, str(path), "jsonl")
    records: list[tuple[int, int, dict]] = []
    keys: dict[str, None] = {}
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        t.rows_read += 1
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            t.problems.append(Problem(t.source, f"not valid JSON ({exc.msg} at column {exc.colno}); row not read", number, ROW))
            continue
        if not isinstance(record, dict):
            t.problems.append(Problem(t.source, f"a JSON {type(record).__name__}, not an object; row not read", number, ROW))
            continue
        records.append((number, t.rows_read, record))
        keys.update(dict.fromkeys(record))
    if not records:
        if t.rows_read:
            return t
        raise TranscriptError("the file is empty")
    builder = _Builder(t, columns.resolve(list(keys)))
    for number, row_number, record in records:
        if builder.roles["text"] not in record:
            t.problems.append(Problem(t.source, f"no {builder.roles['text']!r} key; row not read", number, ROW))
            continue
        builder.add(number, record, row_number)
    return t
