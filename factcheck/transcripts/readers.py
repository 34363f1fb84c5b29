"""Find the transcript files among the paths given, and read each with the parser its format needs.

A file that cannot be read becomes a Transcript with a file-level Problem: the caller
goes on with the others and lists it at the end.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import FactcheckError
from ..textio import decode_text
from .parlamint import is_parlamint_txt, read_parlamint_txt, read_tei
from .plaintext import read_speaker_lines
from .records import FILE, NOTE, SKIPPED_FILE, Columns, Problem, Transcript, TranscriptError
from .tabular import read_delimited, read_jsonl

SUFFIXES = (".csv", ".tsv", ".jsonl", ".ndjson", ".txt", ".xml")


def _is_metadata(path: Path) -> bool:
    return path.name.lower().endswith("-meta.tsv")  # ParlaMint speaker metadata, read with its sitting


def collect_files(paths: list[Path], exclude: set[Path] = frozenset()) -> tuple[list[Path], list[Problem]]:
    """Expand folders (recursively, sorted); list missing paths and files of other formats."""
    excluded = {p.resolve() for p in exclude}
    files, problems = [], []
    for path in paths:
        if not path.exists():
            problems.append(Problem(str(path), "file not found", None, FILE))
        elif path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.resolve() in excluded or any(part.startswith(".") for part in child.relative_to(path).parts):
                    continue
                if child.suffix.lower() in SUFFIXES and not _is_metadata(child):
                    files.append(child)
                elif not _is_metadata(child):
                    problems.append(Problem(str(child), f"not a transcript format ({', '.join(SUFFIXES)}); skipped", None, SKIPPED_FILE))
        else:
            files.append(path)
    unique = list(dict.fromkeys(files))
    return unique, problems


def read_transcript(path: Path, columns: Columns, transcript_id: str | None = None) -> Transcript:
    """Read one file; never raises for bad input, the problems are in the result."""
    tid = transcript_id or path.stem
    suffix = path.suffix.lower()
    try:
        if suffix == ".xml":
            return read_tei(path, transcript_id)
        if suffix not in SUFFIXES:
            raise TranscriptError(f"unsupported format {suffix or '(no extension)'}; use {', '.join(SUFFIXES)}")
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise TranscriptError(f"cannot read ({exc.strerror or exc})") from exc
        try:
            decoded = decode_text(data, str(path))
        except FactcheckError as exc:
            raise TranscriptError(str(exc).removeprefix(f"{path}: ")) from exc
        transcript = _parse(path, decoded.text, columns, tid)
        if decoded.note():  # a few bad bytes: the file is read, and the user is told where
            transcript.problems.insert(0, Problem(str(path), decoded.note(), decoded.lines[0], NOTE))
        return transcript
    except TranscriptError as exc:
        return Transcript(tid, str(path), suffix.lstrip(".") or "unknown", problems=[Problem(str(path), exc.message, exc.line, FILE)])


def _parse(path: Path, text: str, columns: Columns, tid: str) -> Transcript:
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv"):
        return read_delimited(path, text, columns, tid)
    if suffix in (".jsonl", ".ndjson"):
        return read_jsonl(path, text, columns, tid)
    if is_parlamint_txt(text):
        return read_parlamint_txt(path, text, tid)
    return read_speaker_lines(path, text, tid)


def read_all(paths: list[Path], columns: Columns, exclude: set[Path] = frozenset()) -> tuple[list[Transcript], list[Problem]]:
    """Every transcript among `paths`, with transcript ids made unique, plus the paths that were skipped."""
    files, problems = collect_files(paths, exclude)
    transcripts = [read_transcript(f, columns) for f in files]
    seen: dict[str, int] = {}
    for t in transcripts:
        n = seen.get(t.transcript_id, 0) + 1
        seen[t.transcript_id] = n
        if n > 1:  # same file name in two folders: keep both, apart
            t.transcript_id = f"{t.transcript_id}~{n}"
            for u in t.utterances:
                u.transcript_id = t.transcript_id
    return transcripts, problems
