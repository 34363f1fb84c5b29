"""From a corpus folder to passages: scan, read (in parallel where it pays), split into passages.

A file whose size, modification time and metadata file are unchanged since the
last build is not read again: its passages come from the previous index. So a
re-run after one file changed reads that file only. Reading PDFs is CPU work in
a C library; with many of them it runs in worker processes while this process
splits the documents already read into sentences.
"""

from __future__ import annotations

import os
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import Callable, Iterator

from ..corpus.documents import Document, read_source, unique_ids
from ..corpus.passages import Passage, document_passages
from ..corpus.scan import Problem, SourceFile, scan_corpus

READER_VERSION = 3  # 3: table rows as passages (corpus/tables.py); bump when readers or repair change what a file's passages are: old ones are not reused
PARALLEL_MIN_FILES = 8  # fewer files than this are read here: starting workers costs more
PARALLEL_MIN_BYTES = 4_000_000  # ... unless they are large PDFs/DOCX/HTML
BIG_DOCUMENT_CHARS = 2_000_000  # a document this long gets a progress bar of its own


@dataclass
class Ingested:
    passages: list[Passage]
    documents: list[dict]  # manifest entries, in corpus order
    problems: list[Problem]
    read: int = 0  # files read in this build
    reused: int = 0  # files whose passages were taken from the previous index, unread
    pages: int = 0  # pages of the paged documents read in this build


def ingest(corpus_dir: Path, nlp, previous=None, *, bar: bool | None = None, workers: int | None = None,
           pipeline: str = "") -> Ingested:
    """Passages of every readable document of `corpus_dir`; `previous` is the old PassageIndex (or None).

    `bar`: True shows progress bars, None shows them on a terminal only, False never.
    """
    scan = scan_corpus(Path(corpus_dir))
    reusable = _reusable(previous, pipeline)
    kept: dict[str, tuple[dict, list[Passage]]] = {}
    todo: list[SourceFile] = []
    for source in scan.files:
        entry = reusable.get(source.relative)
        if entry and entry[0].get("signature") == source.signature:
            kept[source.relative] = entry
        else:
            todo.append(source)
    made: dict[str, tuple[Document, list[Passage]]] = {}
    problems = list(scan.problems)
    pages = 0
    with _Progress(len(todo), bar) as progress:
        for source, found in _read_all(todo, workers):
            if isinstance(found, Problem):
                problems.append(found)
                progress.done(0)
                continue
            on_chars = progress.document(len(found.text))
            try:
                made[source.relative] = (found, document_passages(found, nlp=nlp, on_progress=on_chars))
            except Exception as exc:  # noqa: BLE001 (e.g. spaCy's limit on one text: the others go on)
                problems.append(Problem(str(source.path), f"cannot split into passages ({type(exc).__name__}: {exc})"[:300]))
                progress.done(0)
                continue
            pages += len(found.pages)
            progress.done(len(found.pages))
    return _assemble(scan.files, kept, made, problems, pages)


def _assemble(files: list[SourceFile], kept: dict, made: dict, problems: list[Problem], pages: int) -> Ingested:
    """Documents in corpus order, each id once (a repeated id is a problem, not a crash)."""
    ordered = [(s, kept.get(s.relative), made.get(s.relative)) for s in files]
    ordered = [item for item in ordered if item[1] or item[2]]
    stand_ins = [_stand_in(s, k) if k else m[0] for s, k, m in ordered]
    unique, duplicates = unique_ids(stand_ins)
    allowed = {id(d) for d in unique}
    passages: list[Passage] = []
    documents: list[dict] = []
    for (source, old, new), doc in zip(ordered, stand_ins):
        if id(doc) not in allowed:
            continue
        if old:
            documents.append(old[0])
            passages.extend(old[1])
        else:
            documents.append(_entry(source, new[0]))
            passages.extend(new[1])
    return Ingested(passages, documents, problems + duplicates, read=len(made), reused=len(kept), pages=pages)


def _stand_in(source: SourceFile, old: tuple[dict, list[Passage]]) -> Document:
    """A text-less Document for a reused file: enough to check ids."""
    return Document(id=old[0]["id"], title=old[0].get("title", ""), path=source.path, text="")


def _entry(source: SourceFile, doc: Document) -> dict:
    return {"id": doc.id, "title": doc.title, "file": source.relative, "sha256": doc.sha256, "source": doc.source,
            "format": doc.format, "pages": len(doc.pages), "signature": source.signature,
            **{k: v for k, v in (("source_url", doc.source_url), ("date", doc.date), ("author", doc.author),
                                 ("organisation", doc.organisation)) if v}}


def _reusable(previous, pipeline: str) -> dict[str, tuple[dict, list[Passage]]]:
    """Manifest entry and passages of each file of the previous index, by relative path."""
    if previous is None:
        return {}
    manifest = previous.manifest
    if manifest.get("reader_version") != READER_VERSION or manifest.get("spacy_pipeline") != pipeline:
        return {}
    by_doc: dict[str, list[Passage]] = defaultdict(list)
    for p in previous.passages:
        by_doc[p.doc_id].append(p)
    return {d["signature"][0]: (d, by_doc.get(d["id"], [])) for d in manifest.get("documents", []) if d.get("signature")}


def _read_all(todo: list[SourceFile], workers: int | None) -> Iterator[tuple[SourceFile, Document | Problem]]:
    """Read files, in worker processes when there are enough of them to pay for starting those."""
    heavy = sum(s.size for s in todo if not s.relative.lower().endswith((".txt", ".md")))
    # one core stays with this process, which splits sentences (the slower stage): on 2 cores,
    # a reader process only competed with it (benchmarks/results/ingest.json: 235 pages/s alone, 205 with 2)
    workers = workers if workers is not None else min((os.cpu_count() or 1) - 1, 4)
    if workers < 2 or (len(todo) < PARALLEL_MIN_FILES and heavy < PARALLEL_MIN_BYTES):
        for source in todo:
            yield source, read_source(source)
        return
    # spawn, not fork: the parent may hold torch and tokenizer threads that a fork would copy mid-state
    with ProcessPoolExecutor(min(workers, len(todo)), mp_context=get_context("spawn")) as pool:
        futures = {pool.submit(read_source, source): source for source in todo}
        for future in as_completed(futures):
            source = futures[future]
            try:
                yield source, future.result()
            except Exception as exc:  # noqa: BLE001 (a worker killed by a hostile file)
                yield source, Problem(str(source.path), f"cannot read ({type(exc).__name__}: {exc})")


class _Progress:
    """A bar over files (with pages read), and one over characters for a very large document."""

    def __init__(self, total: int, enabled: bool | None):
        self.total, self.enabled = total, enabled
        self.files = None
        self.pages = 0
        self.big = None

    def __enter__(self) -> "_Progress":
        if self.total and self.enabled is not False:
            from tqdm import tqdm

            self.files = tqdm(total=self.total, desc="reading", unit="file", disable=None if self.enabled is None else False)
        return self

    def document(self, chars: int) -> Callable[[int], None] | None:
        if self.files is None or chars < BIG_DOCUMENT_CHARS:
            return None
        from tqdm import tqdm

        self.big = tqdm(total=chars, desc="splitting", unit="char", unit_scale=True, leave=False,
                        disable=None if self.enabled is None else False)
        return self.big.update

    def done(self, pages: int) -> None:
        if self.big is not None:
            self.big.close()
            self.big = None
        if self.files is not None:
            self.pages += pages
            self.files.set_postfix(pages=self.pages, refresh=False)
            self.files.update(1)

    def __exit__(self, *exc) -> None:
        if self.files is not None:
            self.files.close()
