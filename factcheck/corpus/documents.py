"""Source documents: a file's text, its pages and its metadata.

A corpus directory holds documents in the formats of readers.FORMATS (.txt, .md,
.pdf, .html, .docx) and, optionally, `NAME.meta.json` beside each with id, title,
source_url, date, language, author and organisation (overriding what the file
itself says). Files that cannot be read are listed with a reason, never silently
ignored, and never stop the rest of the corpus from being read.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import FactcheckError
from .metadata import merge, read_meta_file
from .readers import Unreadable, extract
from .scan import Problem, SourceFile, scan_corpus

SUPPORTED_SUFFIXES = (".txt", ".md", ".pdf", ".html", ".htm", ".docx")


@dataclass
class Document:
    id: str
    title: str
    path: Path
    text: str  # the file's text (for PDF, HTML and DOCX: as extracted); passage offsets point into it
    source_url: str | None = None
    date: str | None = None
    language: str = "nb"
    meta: dict = field(default_factory=dict, repr=False)
    author: str | None = None
    organisation: str | None = None
    pages: list[int] = field(default_factory=list, repr=False)  # offset where each page starts; empty if unpaged
    format: str = "text"

    @property
    def source(self) -> str:
        """What a citation points to: the URL when known, else the file name."""
        return self.source_url or self.path.name

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def page_at(self, offset: int) -> int | None:
        """The page (from 1) that holds character `offset`, or None for an unpaged document."""
        return bisect_right(self.pages, offset) if self.pages else None


@dataclass
class CorpusListing:
    documents: list[Document]
    problems: list[Problem]

    @property
    def unsupported(self) -> list[Path]:
        """The files not read, whatever the reason (kept for callers of the .txt/.md-only version)."""
        return [Path(p.path) for p in self.problems]


def _default_title(text: str, fallback: str) -> str:
    for line in text.splitlines():
        line = " ".join(line.replace("#", " ").split())
        if line:
            return line[:120]
    return fallback


def load_document(path: Path, url: str | None = None) -> Document:
    """Read one document and its metadata; `Unreadable` (a FactcheckError) says why not."""
    path = Path(path)
    override = read_meta_file(path)
    extracted = extract(path, url or (override.source_url if override else None))
    meta = merge(extracted.meta, override)
    title = meta.title or (_default_title(extracted.text, path.stem) if extracted.format == "text" else path.stem)
    return Document(
        id=meta.id or path.stem,
        title=title,
        path=path,
        text=extracted.text,
        source_url=meta.source_url,
        date=meta.date,
        language=meta.language or "nb",
        meta=meta.model_dump(exclude_none=True),
        author=meta.author,
        organisation=meta.organisation,
        pages=extracted.pages,
        format=extracted.format,
    )


def read_source(source: SourceFile) -> Document | Problem:
    """One file of a scan as a Document, or the Problem that keeps it out of the index.

    Any failure of a third-party parser on a hostile or damaged file is a Problem too:
    one bad file must never abort the index of all the others.
    """
    try:
        return load_document(source.path)
    except FactcheckError as exc:
        return Problem(str(source.path), str(exc).removeprefix(f"{source.path}: "))
    except MemoryError:
        return Problem(str(source.path), "too large to read in the memory available")
    except Exception as exc:  # noqa: BLE001 (see the docstring)
        return Problem(str(source.path), f"cannot read ({type(exc).__name__}: {exc})")


def unique_ids(documents: list[Document]) -> tuple[list[Document], list[Problem]]:
    """Documents with distinct ids; a later one with a repeated id is listed as a problem."""
    seen: dict[str, Path] = {}
    kept, problems = [], []
    for doc in documents:
        if doc.id in seen:
            problems.append(Problem(str(doc.path), f"duplicate document id {doc.id!r} (also {seen[doc.id]}); "
                                                   "give one of them another id in its .meta.json"))
        else:
            seen[doc.id] = doc.path
            kept.append(doc)
    return kept, problems


def list_corpus(directory: Path) -> CorpusListing:
    """All documents below `directory` (recursively), read, plus the files not read and why."""
    scan = scan_corpus(Path(directory))
    documents, problems = [], list(scan.problems)
    for source in scan.files:
        found = read_source(source)
        (problems if isinstance(found, Problem) else documents).append(found)
    documents, duplicates = unique_ids(documents)
    return CorpusListing(documents, problems + duplicates)


__all__ = ["Document", "CorpusListing", "Problem", "Unreadable", "list_corpus", "load_document", "read_source",
           "unique_ids", "SUPPORTED_SUFFIXES"]
