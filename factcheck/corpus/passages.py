"""Cut documents into passages: sentences, plus short windows of neighbouring sentences.

Sentences give precise citations; two-sentence windows catch claims whose facts
are spread over a sentence boundary ("... i 2022. Prøveprosjektet ble ...").
Every passage carries its offsets into the original file, so a citation can be
shown exactly where it stands.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Callable

from ..text.sentences import split_many
from .documents import Document
from .repair import repair

WINDOW = 2  # sentences per window passage
MIN_WORDS = 3  # shorter "sentences" (headings like "Virker det?") are not evidence


@dataclass
class Passage:
    id: str
    doc_id: str
    title: str
    source: str
    paragraph: int
    text: str
    start: int  # offsets into the original document file
    end: int
    kind: str = "sentence"  # or "window", or "row" (a table row: label | header: value | ...)
    author: str = ""  # of the document: "Oslo SV vil ..." is about the author's own text
    entities: list = field(default_factory=list)  # [text, NorNE label] pairs from the pipeline's NER
    page: int | None = None  # page (from 1) where the passage starts, for paged sources (PDF)
    file: str = ""  # the document's file name, for citations such as "rapport.pdf s. 12"
    table_labels: list = field(default_factory=list)  # of a table row: the labels of every row of its table

    @property
    def context(self) -> str:
        """What the passage is implicitly about: its document's title and author."""
        return f"{self.title} {self.author}".strip()

    @property
    def content_hash(self) -> str:
        """Identity of the text that gets embedded: unchanged text is never embedded twice."""
        return hashlib.sha1(self.text.encode("utf-8")).hexdigest()

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, record: dict) -> "Passage":
        """A stored passage; fields this version does not know (an index written by a newer one) are left out."""
        return cls(**{k: v for k, v in record.items() if k in _FIELDS})


_FIELDS = frozenset(Passage.__dataclass_fields__)
PROGRESS_STEP = 256  # paragraphs split between two progress reports (a 20 MB text has ~100,000)


def _split(paragraphs: list, nlp, on_progress: Callable[[int], None] | None):
    """Sentences per paragraph, reporting the characters done every PROGRESS_STEP paragraphs."""
    for start in range(0, len(paragraphs), PROGRESS_STEP):
        chunk = paragraphs[start : start + PROGRESS_STEP]
        yield from zip(chunk, split_many([p.text for p in chunk], nlp=nlp))
        if on_progress:
            on_progress(sum(len(p.text) for p in chunk))


def document_passages(doc: Document, nlp=None, on_progress: Callable[[int], None] | None = None) -> list[Passage]:
    """All sentence, window and table-row passages of one document, in reading order.

    `on_progress(chars)` is called as the document's paragraphs are split, so that one
    very large document still moves a progress bar.
    """
    paragraphs = repair(doc.text)
    split = dict((id(p), sentences) for p, sentences in _split([p for p in paragraphs if p.kind != "row"], nlp,
                                                                on_progress))
    passages: list[Passage] = []
    for para in paragraphs:
        if para.kind == "row":  # a table row is one passage as rendered: no sentences to split, no windows
            start, end = para.original_span(0, len(para.text))
            passages.append(_make(doc, para.number, para.text, start, end, len(passages), "row",
                                  table_labels=list(para.table_labels)))
            continue
        spans = []
        for sent in split[id(para)]:
            start, end = para.original_span(sent.start, sent.end)
            spans.append((sent, start, end))
            if len(sent.text.split()) >= MIN_WORDS:
                passages.append(_make(doc, para.number, sent.text, start, end, len(passages), "sentence",
                                      sent.entities))
        for i in range(len(spans) - WINDOW + 1):
            group = spans[i : i + WINDOW]
            text = para.text[group[0][0].start : group[-1][0].end]
            names = tuple(dict.fromkeys(e for s, _, _ in group for e in s.entities))
            passages.append(_make(doc, para.number, text, group[0][1], group[-1][2], len(passages), "window", names))
    return passages


def _make(doc: Document, paragraph: int, text: str, start: int, end: int, n: int, kind: str,
          names: tuple = (), table_labels: list | None = None) -> Passage:
    return Passage(
        id=f"{doc.id}#{n}",
        doc_id=doc.id,
        title=doc.title,
        source=doc.source,
        paragraph=paragraph,
        text=text,
        start=start,
        end=end,
        kind=kind,
        author=str(doc.author or doc.organisation or doc.meta.get("author") or ""),  # whose statement the text is
        entities=[list(e) for e in names],
        page=doc.page_at(start),
        file=doc.path.name,
        table_labels=table_labels or [],
    )
