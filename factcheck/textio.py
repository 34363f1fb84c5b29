"""Reading user text: UTF-8 first, then Windows-1252 (common for Norwegian text from Windows)."""

from __future__ import annotations

import sys
from pathlib import Path

from .errors import FactcheckError


def decode_bytes(data: bytes, where: str) -> str:
    """Decode bytes as UTF-8 (BOM allowed) or cp1252; fail with a message naming `where`."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            break  # binary data or UTF-16: neither encoding is right
        return text.replace("\r\n", "\n").replace("\r", "\n")
    raise FactcheckError(f"{where}: cannot decode the text (tried UTF-8 and Windows-1252); save it as UTF-8")


def read_input(source: str | None) -> str:
    """Read an article from a file path, or from stdin when `source` is None or '-'."""
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
    text = decode_bytes(data, where)
    if not text.strip():
        raise FactcheckError(f"{where}: the input is empty")
    return text
