"""Read a source file into plain text, page starts and the file's own metadata.

One reader per format, each a thin layer over a well-kept, permissive, model-free
library: pypdfium2 (PDF), trafilatura (HTML), python-docx (DOCX). A file a reader
cannot use raises `Unreadable` with a reason the corpus listing shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ...errors import FactcheckError

FORMATS = {".txt": "text", ".md": "text", ".pdf": "pdf", ".html": "html", ".htm": "html", ".docx": "docx"}


class Unreadable(FactcheckError):
    """A file the corpus lists with a reason instead of indexing it."""


@dataclass
class Extracted:
    text: str
    pages: list[int] = field(default_factory=list)  # offset in `text` where each page starts (paged formats)
    meta: dict = field(default_factory=dict)  # what the file says about itself: title, author, date, ...
    format: str = "text"


def sniff(head: bytes, suffix: str) -> str | None:
    """Why the first bytes of a file do not match its suffix, or None when they do."""
    kind = FORMATS.get(suffix.lower())
    looks_html = head.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html", b"<head", b"<?xml"))
    if kind == "pdf" and b"%PDF-" not in head[:1024]:
        return "not a PDF: the file holds HTML (a saved error or login page?)" if looks_html else "not a PDF (no %PDF header)"
    if kind == "docx" and not head.startswith(b"PK\x03\x04"):
        return "not a DOCX file (.docx is a zip archive; an old .doc? save it as .docx)"
    return None


def extract(path: Path, url: str | None = None) -> Extracted:
    """Read one file; `url` is where an HTML page came from (for its links and metadata)."""
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        raise Unreadable(f"unsupported format {path.suffix or '(none)'}; the corpus reads {', '.join(FORMATS)}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise Unreadable(f"cannot read ({exc.strerror or exc})") from exc
    if not data.strip():
        raise Unreadable("empty file")
    wrong = sniff(data[:2048], path.suffix)
    if wrong:
        raise Unreadable(wrong)
    if kind == "pdf":
        from .pdf import read_pdf

        return read_pdf(data)
    if kind == "html":
        from .html import read_html

        return read_html(data, url)
    if kind == "docx":
        from .word import read_docx

        return read_docx(data)
    from ...textio import decode_bytes

    try:
        return Extracted(decode_bytes(data, path.name))
    except FactcheckError as exc:
        raise Unreadable(str(exc).removeprefix(f"{path.name}: ")) from exc
