"""Source documents on disk: text files with a small JSON metadata file beside each.

A corpus directory holds `NAME.txt` or `NAME.md` and, optionally, `NAME.meta.json`
with id, title, source_url, date and language. Files in other formats are
reported, never silently ignored.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import FactcheckError
from ..textio import decode_bytes

SUPPORTED_SUFFIXES = (".txt", ".md")
META_SUFFIX = ".meta.json"


@dataclass
class Document:
    id: str
    title: str
    path: Path
    text: str
    source_url: str | None = None
    date: str | None = None
    language: str = "nb"
    meta: dict = field(default_factory=dict, repr=False)

    @property
    def source(self) -> str:
        """What a citation points to: the URL when known, else the file name."""
        return self.source_url or self.path.name

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass
class CorpusListing:
    documents: list[Document]
    unsupported: list[Path]


def _read_meta(path: Path) -> dict:
    meta_path = path.with_name(path.stem + META_SUFFIX)
    if not meta_path.exists():
        return {}
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise FactcheckError(f"{meta_path}: not valid JSON metadata ({exc})") from exc
    if not isinstance(meta, dict):
        raise FactcheckError(f"{meta_path}: metadata must be a JSON object")
    return meta


def _default_title(text: str, fallback: str) -> str:
    for line in text.splitlines():
        line = " ".join(line.replace("#", " ").split())
        if line:
            return line[:120]
    return fallback


def load_document(path: Path) -> Document:
    """Read one .txt/.md document and its metadata."""
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise FactcheckError(
            f"{path}: unsupported format {path.suffix or '(none)'}; "
            f"the corpus reads {', '.join(SUPPORTED_SUFFIXES)} (convert PDF/Word/HTML to text first)"
        )
    try:
        text = decode_bytes(path.read_bytes(), str(path))
    except OSError as exc:
        raise FactcheckError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    meta = _read_meta(path)
    return Document(
        id=str(meta.get("id") or path.stem),
        title=str(meta.get("title") or _default_title(text, path.stem)),
        path=path,
        text=text,
        source_url=meta.get("source_url"),
        date=meta.get("date"),
        language=meta.get("language") or "nb",
        meta=meta,
    )


def list_corpus(directory: Path) -> CorpusListing:
    """All documents below `directory` (recursively), plus the files it cannot read."""
    directory = Path(directory)
    if not directory.is_dir():
        raise FactcheckError(f"corpus directory not found: {directory}")
    documents, unsupported = [], []
    for path in sorted(p for p in directory.rglob("*") if p.is_file()):
        if path.name.endswith(META_SUFFIX) or path.name.startswith("."):
            continue
        if path.suffix.lower() in SUPPORTED_SUFFIXES:
            documents.append(load_document(path))
        else:
            unsupported.append(path)
    seen: dict[str, Path] = {}
    for doc in documents:
        if doc.id in seen:
            raise FactcheckError(f"duplicate document id {doc.id!r}: {seen[doc.id]} and {doc.path}")
        seen[doc.id] = doc.path
    if not documents:
        raise FactcheckError(f"no .txt or .md documents in {directory}")
    return CorpusListing(documents, unsupported)
