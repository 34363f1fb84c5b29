"""What the transcript readers produce: utterances with who said them, and problems with where."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import FactcheckError


@dataclass
class Utterance:
    """One turn of one speaker; sentence offsets in the output index into `text`."""

    transcript_id: str
    utterance_id: str
    text: str
    speaker: str = ""
    party: str = ""
    source: str = ""  # the file it came from
    line: int | None = None  # the line of that file where it starts
    row_id: str | None = None  # tabular input: the id column, else the data row number
    timestamp: str = ""  # time or date, as given
    lang: str = ""  # nb / nn when the source says so
    role: str = ""  # "chair" for the meeting's chair (ParlaMint metadata, a role column or --chair): procedural lines

    @property
    def key(self) -> tuple[str, str]:
        return (self.transcript_id, self.utterance_id)


# what a problem cost: a whole file, one row, or nothing (the row was read with an adjustment)
FILE, ROW, NOTE, SKIPPED_FILE = "file", "row", "note", "skipped-file"


@dataclass(frozen=True)
class Problem:
    source: str
    message: str
    line: int | None = None
    kind: str = ROW

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.message}"


class TranscriptError(FactcheckError):
    """A whole file cannot be read; `line` says where, when known."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass
class Transcript:
    transcript_id: str
    source: str
    format: str  # csv | tsv | jsonl | speaker-lines | parlamint-txt | parlamint-tei
    utterances: list[Utterance] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    rows_read: int = 0  # records in the file: data rows, JSON lines, <u> elements, speaker turns

    @property
    def failed(self) -> bool:
        return any(p.kind == FILE for p in self.problems)


@dataclass(frozen=True)
class Columns:
    """Which columns of a CSV/TSV/JSONL file hold what; None means 'find it by a usual name'."""

    text: str | None = None
    id: str | None = None
    speaker: str | None = None
    party: str | None = None
    time: str | None = None
    role: str | None = None

    USUAL = {
        "text": ("text", "tekst", "utterance", "ytring", "innlegg", "content"),
        "id": ("id", "utterance_id", "row_id", "uid"),
        "speaker": ("speaker", "taler", "speaker_name", "navn", "name"),
        "party": ("party", "parti", "speaker_party"),
        "time": ("timestamp", "time", "tid", "date", "dato"),
        "role": ("role", "rolle", "speaker_role", "taler_rolle"),
    }

    def resolve(self, available: list[str]) -> dict[str, str | None]:
        """Map each role to a column of `available`; a named column that is absent is an error."""
        lower = {name.lower().strip(): name for name in available}
        shown = ", ".join(available) or "(none)"
        found: dict[str, str | None] = {}
        for role, usual in self.USUAL.items():
            wanted = getattr(self, role)
            if wanted is not None:
                if wanted.lower().strip() not in lower:
                    raise TranscriptError(f"no column {wanted!r} (columns: {shown})")
                found[role] = lower[wanted.lower().strip()]
            else:
                found[role] = next((lower[u] for u in usual if u in lower), None)
        if found["text"] is None:
            raise TranscriptError(
                f"no text column (looked for {', '.join(self.USUAL['text'])}; columns: {shown}); "
                "name it with --text-column")
        return found


# what transcripts call the person chairing the meeting (a role column, ParlaMint's Speaker_role,
# or a speaker label such as "Presidenten:" in a Storting transcript)
CHAIR_NAMES = ("chair", "chairperson", "chairman", "president", "presidenten", "møteleder", "møteleiar",
               "møtelederen", "ordstyrer", "ordstyreren", "visepresident", "visepresidenten")


def role_of(value: str | None) -> str:
    """'chair' when a role value or speaker label names the meeting's chair, else the value lower-cased."""
    value = (value or "").strip().lower()
    return "chair" if value in CHAIR_NAMES else value


def mark_chairs(utterances: list[Utterance], chairs: list[str] | tuple[str, ...]) -> None:
    """--chair NAME: every utterance by one of these speakers (case-insensitive) is the chair's."""
    wanted = {c.strip().lower() for c in chairs if c.strip()}
    for u in utterances:
        if u.speaker.strip().lower() in wanted:
            u.role = "chair"
