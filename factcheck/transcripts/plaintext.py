"""Plain-text transcripts: "SPEAKER: text" or "Navn (Parti): text" lines, continued by the lines after.

A speaker line starts with a capitalised name of at most six words (particles such as
"av" or "von" allowed), optionally a party in brackets and a leading time stamp, then a
colon. Every other line continues the current utterance, so nothing is dropped: text
before the first speaker line becomes an utterance without a speaker.
"""

from __future__ import annotations

import re
from pathlib import Path

from .records import NOTE, Problem, Transcript, Utterance, role_of

_WORD = r"[A-ZÆØÅÄÖÜÉÈ][\w'’.\-]*"
_PARTICLE = r"(?:av|von|van|de|der|den|la|le|du|da|di)"
SPEAKER_LINE = re.compile(
    rf"""^\s*
    (?:[\[(]?(?P<time>\d{{1,2}}[:.]\d{{2}}(?:[:.]\d{{2}})?)[\])]?\s*[-–]?\s*)?   # optional [12:03:15]
    (?P<name>{_WORD}(?:\s+(?:{_WORD}|{_PARTICLE})){{0,5}})
    (?:\s*\((?P<party>[^()\n]{{1,40}})\))?
    \s*:(?:\s+(?P<text>.*))?\s*$""",
    re.VERBOSE,
)


def read_speaker_lines(path: Path, text: str, transcript_id: str) -> Transcript:
    t = Transcript(transcript_id, str(path), "speaker-lines")
    current: dict | None = None

    def close() -> None:
        if current is None:
            return
        body = "\n".join(current["lines"]).strip("\n")
        t.rows_read += 1
        t.utterances.append(Utterance(
            transcript_id, str(len(t.utterances) + 1), body, speaker=current["speaker"], party=current["party"],
            source=str(path), line=current["line"], timestamp=current["time"],
            role="chair" if role_of(current["speaker"]) == "chair" else ""))

    for number, line in enumerate(text.split("\n"), 1):
        match = SPEAKER_LINE.match(line)
        if match:
            close()
            current = {"speaker": match["name"].strip(), "party": (match["party"] or "").strip(),
                       "time": match["time"] or "", "line": number, "lines": [match["text"] or ""]}
        elif current is not None:
            current["lines"].append(line.rstrip())
        elif line.strip():
            current = {"speaker": "", "party": "", "time": "", "line": number, "lines": [line.rstrip()]}
    close()
    if t.utterances and not any(u.speaker for u in t.utterances):
        t.problems.append(Problem(t.source, "no 'SPEAKER: text' lines found; read as one utterance without a speaker", None, NOTE))
    return t
