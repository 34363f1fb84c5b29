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


def read_delimited(path: Path, text: str, columns: Columns, transcript_id: str) -> Transcript:
    """CSV (delimiter sniffed among , ; TAB |) or TSV, with a header row."""
    suffix = path.suffix.lower()
    t = Transcript(transcript_id, str(path), suffix.lstrip("."))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text, suffix))
    header: list[str] | None = None
    builder = None
    previous_end = 0
    try:
        for row in reader:
            start, previous_end = previous_end + 1, reader.line_num
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
    except csv.Error as exc:
        t.problems.append(Problem(t.source, f"cannot parse the rest of the file ({exc}); rows before it were read", previous_end + 1, ROW))
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
