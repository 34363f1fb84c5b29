"""Reading user text: UTF-8, unless the bytes really are Windows-1252 (common for Norwegian text from Windows).

One truncated UTF-8 sequence must not switch a whole file to Windows-1252 (that turns
every "må" into "mÃ¥" and changes verdicts): the text is read as Windows-1252 only when
it decodes as such and the bytes that are not UTF-8 outnumber the non-ASCII characters
that are. Otherwise the few bad bytes (and stray NUL bytes) are replaced and reported
with their line and byte offset, never dropped in silence.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .errors import FactcheckError

REPLACEMENT = "\ufffd"
MAX_SCANNED_ERRORS = 1000  # enough to tell the encodings apart; keeps a cp1252 file from a slow scan
SHOWN_OFFSETS = 5


@dataclass
class Decoded:
    text: str
    encoding: str  # "utf-8" | "utf-16" | "windows-1252"
    replaced: list[int] = field(default_factory=list)  # byte offsets of bytes that are not text (U+FFFD or removed)
    lines: list[int] = field(default_factory=list)  # the line of each replaced byte

    def note(self) -> str | None:
        """One line saying what was replaced and where; None when the text decoded cleanly."""
        if not self.replaced:
            return None
        shown = ", ".join(f"line {line} (byte {offset})" for line, offset in zip(self.lines, self.replaced[:SHOWN_OFFSETS]))
        more = f" and {len(self.replaced) - SHOWN_OFFSETS} more" if len(self.replaced) > SHOWN_OFFSETS else ""
        return (f"{len(self.replaced)} byte(s) that are not valid {self.encoding} text were replaced with "
                f"{REPLACEMENT!r} or removed: {shown}{more}")


def _utf8_with_replacement(data: bytes) -> tuple[str, list[int], int]:
    """(text with U+FFFD for each bad sequence, their byte offsets, non-ASCII characters that were valid)."""
    pieces, bad, pos = [], [], 0
    while pos < len(data):
        try:
            pieces.append(data[pos:].decode("utf-8"))
            break
        except UnicodeDecodeError as exc:
            pieces.append(data[pos:pos + exc.start].decode("utf-8"))
            bad.append(pos + exc.start)
            pieces.append(REPLACEMENT)
            pos += exc.end
            if len(bad) >= MAX_SCANNED_ERRORS:
                pieces.append(data[pos:].decode("utf-8", errors="replace"))
                break
    text = "".join(pieces)
    valid = sum(1 for ch in text if ord(ch) > 127 and ch != REPLACEMENT)
    return text, bad, valid


def _line_of(data: bytes, offsets: list[int]) -> list[int]:
    return [data.count(b"\n", 0, offset) + 1 for offset in offsets[:SHOWN_OFFSETS]]


def decode_text(data: bytes, where: str) -> Decoded:
    """Decode user bytes; raise a FactcheckError naming `where` for binary data."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            text = "\x00"
        if "\x00" not in text:
            return Decoded(_newlines(text), "utf-16")
        raise FactcheckError(f"{where}: cannot decode the text (it starts like UTF-16 but is not); save it as UTF-8")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    nuls = [i for i, byte in enumerate(data) if byte == 0] if b"\x00" in data else []
    if len(nuls) > len(data) // 100:  # a stray NUL is replaced; many mean binary data or UTF-16
        raise FactcheckError(f"{where}: this is not a text file (binary data or UTF-16 without a byte order mark); "
                             "save it as UTF-8 text")
    try:
        text = data.decode("utf-8")
        encoding, bad = "utf-8", []
    except UnicodeDecodeError:
        text, bad, valid = _utf8_with_replacement(data)
        encoding = "utf-8"
        if len(bad) > valid:
            try:
                text, encoding, bad = data.decode("cp1252"), "windows-1252", []
            except UnicodeDecodeError:
                pass  # not Windows-1252 either (it leaves five bytes undefined): UTF-8 with replacements
    replaced = sorted(set(bad) | set(nuls))
    if nuls:
        text = text.replace("\x00", "")
    return Decoded(_newlines(text), encoding, replaced, _line_of(data, replaced))


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_bytes(data: bytes, where: str) -> str:
    """The text of `data` (see decode_text); callers that can report replaced bytes use decode_text."""
    return decode_text(data, where).text


def read_input(source: str | None, warn=None) -> str:
    """Read an article from a file path, or from stdin when `source` is None or '-'.

    `warn(message)` hears about bytes that had to be replaced.
    """
    if source in (None, "-"):
        if sys.stdin is None or sys.stdin.isatty():
            raise FactcheckError("no input: give a file, or pipe text in (e.g. `cat artikkel.txt | factcheck check -`)")
        data, where = sys.stdin.buffer.read(), "stdin"
    else:
        path = Path(source)
        if not path.exists():
            raise FactcheckError(f"file not found: {path}")
        if path.is_dir():
            raise FactcheckError(f"{path} is a directory; give a text file")
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise FactcheckError(f"{path}: cannot read ({exc.strerror or exc})") from exc
        where = str(path)
    decoded = decode_text(data, where)
    if decoded.note() and warn is not None:
        warn(f"{where}: {decoded.note()}")
    if not decoded.text.strip():
        raise FactcheckError(f"{where}: the input is empty")
    return decoded.text


def say(message: str) -> None:
    """A progress line on stderr ("[factcheck] ..."): how the library reports first-use work (model builds,
    indexing, exports) without touching the standard output a pipe reads."""
    print(f"[factcheck] {message}", file=sys.stderr, flush=True)


def write_text_atomically(path: Path, text: str) -> None:
    """Write `text` to `path` through a temp file and a rename; a full disk is a one-line error
    and leaves neither a half-written file nor the temp file behind."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")  # two processes never share a temp file
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise FactcheckError(f"cannot write {path} ({exc.strerror or exc})") from exc
