"""The persistent passage index: passages, their embeddings and the model that made them.

Layout of an index directory:
  manifest.json   format version, model id, dimension, documents (id, sha256, file)
  passages.jsonl  one Passage per line, in the row order of the embeddings
  embeddings.npy  float32, L2-normalised, one row per passage

Rebuilding reuses the vectors of passages whose text is unchanged (content hash),
so adding one document embeds only that document's passages.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np

from ..corpus.documents import list_corpus
from ..corpus.passages import Passage, document_passages
from ..errors import FactcheckError

FORMAT_VERSION = 1


@dataclass
class BuildReport:
    documents: int
    passages: int
    embedded: int
    reused: int
    unsupported: list[str]
    seconds: float


class PassageIndex:
    """Passages plus their embedding matrix, loaded from an index directory."""

    def __init__(self, directory: Path, manifest: dict, passages: list[Passage], embeddings: np.ndarray):
        self.directory = directory
        self.manifest = manifest
        self.passages = passages
        self.embeddings = embeddings

    @property
    def model_id(self) -> str:
        return self.manifest["model_id"]

    @classmethod
    def load(cls, directory: Path) -> "PassageIndex":
        directory = Path(directory)
        recover(directory)
        manifest_path = directory / "manifest.json"
        if not manifest_path.exists():
            raise FactcheckError(f"no index in {directory}: build one with `factcheck index CORPUS_DIR --index {directory}`")
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
            if manifest.get("format_version") != FORMAT_VERSION:
                raise FactcheckError(
                    f"index {directory} has format {manifest.get('format_version')}, this version reads {FORMAT_VERSION}; rebuild it"
                )
            with open(directory / "passages.jsonl", encoding="utf-8") as fh:
                passages = [Passage(**json.loads(line)) for line in fh if line.strip()]
            embeddings = np.load(directory / "embeddings.npy")
        except FactcheckError:
            raise
        except (OSError, ValueError, TypeError, KeyError) as exc:
            raise FactcheckError(f"index {directory} is damaged ({exc}); rebuild it with `factcheck index`") from exc
        if len(passages) != embeddings.shape[0]:
            raise FactcheckError(f"index {directory} is damaged (passages and embeddings differ in count); rebuild it")
        return cls(directory, manifest, passages, embeddings)

    def check_model(self, model_id: str) -> None:
        """Refuse to compare vectors from two different models."""
        if model_id != self.model_id:
            raise FactcheckError(
                f"index {self.directory} was built with model {self.model_id!r}, not {model_id!r}; "
                "use the same --model or rebuild the index with `factcheck index --force`"
            )


def build_index(
    corpus_dir: Path,
    index_dir: Path,
    encoder,
    *,
    force: bool = False,
    progress: Callable[[str], None] | None = None,
    nlp=None,
) -> BuildReport:
    """Build or update the index of `corpus_dir` in `index_dir` (atomically replaced)."""
    say = progress or (lambda _msg: None)
    started = time.perf_counter()
    index_dir = Path(index_dir)
    recover(index_dir)
    listing = list_corpus(Path(corpus_dir))
    previous = _previous_vectors(index_dir, encoder.model_id, force)

    from ..text.nlp import load_nlp

    nlp = nlp or load_nlp()
    passages: list[Passage] = []
    for doc in listing.documents:
        passages.extend(document_passages(doc, nlp=nlp))
    passages, dropped = fit_model_length(passages, encoder)
    say(f"{len(listing.documents)} documents, {len(passages)} passages"
        + (f" ({dropped} windows longer than the model reads left out)" if dropped else ""))

    vectors = np.zeros((len(passages), encoder.dim), dtype="float32")
    todo = [i for i, p in enumerate(passages) if p.content_hash not in previous]
    for i, p in enumerate(passages):
        if p.content_hash in previous:
            vectors[i] = previous[p.content_hash]
    if todo:
        say(f"embedding {len(todo)} new or changed passages ({len(passages) - len(todo)} reused)")
        vectors[todo] = encoder.encode_passages([passages[i].text for i in todo], progress=len(todo) > 64)

    manifest = {
        "format_version": FORMAT_VERSION,
        "model_id": encoder.model_id,
        "dim": int(encoder.dim),
        "corpus_dir": str(Path(corpus_dir).resolve()),
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "spacy_pipeline": f"{nlp.meta.get('lang', '')}_{nlp.meta.get('name', '')}-{nlp.meta.get('version', '')}",
        "documents": [
            {"id": d.id, "title": d.title, "file": d.path.name, "sha256": d.sha256, "source": d.source}
            for d in listing.documents
        ],
    }
    _write_atomically(index_dir, manifest, passages, vectors)
    return BuildReport(
        documents=len(listing.documents),
        passages=len(passages),
        embedded=len(todo),
        reused=len(passages) - len(todo),
        unsupported=[str(p) for p in listing.unsupported],
        seconds=time.perf_counter() - started,
    )


def fit_model_length(passages: list[Passage], encoder) -> tuple[list[Passage], int]:
    """Leave out window passages the model would truncate (their sentences are passages themselves).

    Sentences are already cut to fit (text/sentences.py, MAX_SENTENCE_CHARS); two of them
    joined into a window can still pass the model's limit (512 tokens for e5), and a
    truncated window would be cited for text the model never read.
    """
    model = getattr(encoder, "model", None)
    tokenizer, limit = getattr(model, "tokenizer", None), getattr(model, "max_seq_length", None)
    windows = [i for i, p in enumerate(passages) if p.kind == "window"]
    if tokenizer is None or not limit or not windows:
        return passages, 0
    prompt = getattr(encoder, "prompts", {}).get("passage") or ""
    counts = tokenizer([prompt + passages[i].text for i in windows], add_special_tokens=True)["input_ids"]
    too_long = {i for i, ids in zip(windows, counts) if len(ids) > limit}
    return [p for i, p in enumerate(passages) if i not in too_long], len(too_long)


def _previous_vectors(index_dir: Path, model_id: str, force: bool) -> dict[str, np.ndarray]:
    """Vectors of the existing index keyed by content hash, if it was made by the same model."""
    if not (index_dir / "manifest.json").exists():
        return {}
    try:
        old = PassageIndex.load(index_dir)
    except FactcheckError:
        return {}  # a damaged old index is simply rebuilt
    if old.model_id != model_id:
        if not force:
            old.check_model(model_id)
        return {}
    return {p.content_hash: old.embeddings[i] for i, p in enumerate(old.passages)}


def _write_atomically(index_dir: Path, manifest: dict, passages: list[Passage], vectors: np.ndarray) -> None:
    """Write into a sibling temp dir, then swap it in: an interrupted build leaves the old index.

    The swap is two renames (index -> .old-PID, temp -> index); a kill between them leaves
    the old index in .old-PID, which `recover` puts back on the next start. A failed write
    (a full disk) removes its temp dir and says so in one line.
    """
    index_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = index_dir.with_name(f".{index_dir.name}.tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        tmp.mkdir(parents=True)
        with open(tmp / "passages.jsonl", "w", encoding="utf-8") as fh:
            for p in passages:
                fh.write(json.dumps(p.to_dict(), ensure_ascii=False) + "\n")
        np.save(tmp / "embeddings.npy", vectors)
        (tmp / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise FactcheckError(f"cannot write the index in {index_dir.parent} ({exc.strerror or exc}); "
                             "the old index is unchanged") from exc
    old = index_dir.with_name(f".{index_dir.name}.old-{os.getpid()}")
    if index_dir.exists():
        index_dir.rename(old)
    tmp.rename(index_dir)
    shutil.rmtree(old, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def recover(index_dir: Path) -> None:
    """Undo what a killed build left: put a swapped-out index back when the new one never
    arrived, and remove the temp and old folders of builds that are no longer running."""
    index_dir = Path(index_dir)
    if not index_dir.parent.is_dir():
        return
    leftovers = []
    for kind in ("old", "tmp"):
        for path in index_dir.parent.glob(f".{index_dir.name}.{kind}-*"):
            pid = path.name.rsplit("-", 1)[1]
            if pid.isdigit() and not _alive(int(pid)):
                leftovers.append((kind, path))
    if not (index_dir / "manifest.json").exists():
        olds = sorted((p for kind, p in leftovers if kind == "old" and (p / "manifest.json").exists()),
                      key=lambda p: p.stat().st_mtime)
        if olds:
            if index_dir.exists():
                shutil.rmtree(index_dir, ignore_errors=True)  # an empty or partial folder in its place
            olds[-1].rename(index_dir)
    for _, path in leftovers:
        if path.exists():
            shutil.rmtree(path, ignore_errors=True)
