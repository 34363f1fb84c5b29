"""The persistent passage index: passages, their embeddings and the model that made them.

Layout of an index directory:
  manifest.json   format version, model id, dimension, corpus (folder, name), documents
                  (id, sha256, file, format, pages, file signature) and the files not read
  passages.jsonl  one Passage per line, in the row order of the embeddings
  embeddings.npy  float32, L2-normalised, one row per passage

Rebuilding reuses the vectors of passages whose text is unchanged (content hash),
so adding one document embeds only that document's passages; and the passages of
files unchanged on disk (ingest.py), so it reads only the files that changed.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np

from ..corpus.passages import Passage
from ..errors import FactcheckError
from .ingest import READER_VERSION, ingest

FORMAT_VERSION = 1


@dataclass
class BuildReport:
    documents: int
    passages: int
    embedded: int
    reused: int
    unsupported: list[str]  # every file not indexed (see `problems` for why)
    seconds: float
    problems: list = field(default_factory=list)  # corpus.scan.Problem: path and reason
    files_read: int = 0  # files read in this build (the others were unchanged)
    pages_read: int = 0  # pages of the PDFs read in this build


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
                passages = [Passage.from_dict(json.loads(line)) for line in fh if line.strip()]
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
    corpus_name: str | None = None,
    bar: bool | None = None,
    workers: int | None = None,
) -> BuildReport:
    """Build or update the index of `corpus_dir` in `index_dir` (atomically replaced).

    Refuses to replace an index built from another corpus unless `force` (the
    mistake this prevents: `factcheck index other/` silently replacing the default
    index). `bar` shows progress bars (None: on a terminal only).
    """
    say = progress or (lambda _msg: None)
    started = time.perf_counter()
    index_dir, corpus_dir = Path(index_dir), Path(corpus_dir)
    recover(index_dir)
    check_same_corpus(index_dir, corpus_dir, corpus_name, force)
    previous = _previous_index(index_dir, encoder.model_id, force)

    from ..text.nlp import load_nlp

    nlp = nlp or load_nlp()
    pipeline = f"{nlp.meta.get('lang', '')}_{nlp.meta.get('name', '')}-{nlp.meta.get('version', '')}"
    found = ingest(corpus_dir, nlp, None if force else previous, bar=bar, workers=workers, pipeline=pipeline)
    if not found.documents:
        first = f" ({len(found.problems)} not read, e.g. {found.problems[0]}; see `factcheck corpus show`)" if found.problems else ""
        raise FactcheckError(f"no readable documents in {corpus_dir}{first}")
    passages, dropped = fit_model_length(found.passages, encoder)
    say(f"{len(found.documents)} documents ({found.read} read, {found.reused} unchanged), {len(passages)} passages"
        + (f" ({dropped} windows longer than the model reads left out)" if dropped else ""))

    old_vectors = _vectors_by_hash(previous)
    vectors = np.zeros((len(passages), encoder.dim), dtype="float32")
    todo = [i for i, p in enumerate(passages) if p.content_hash not in old_vectors]
    for i, p in enumerate(passages):
        if p.content_hash in old_vectors:
            vectors[i] = old_vectors[p.content_hash]
    if todo:
        say(f"embedding {len(todo)} new or changed passages ({len(passages) - len(todo)} reused)")
        vectors[todo] = embed_passages(encoder, [passages[i].text for i in todo], bar)

    manifest = {
        "format_version": FORMAT_VERSION,
        "model_id": encoder.model_id,
        "dim": int(encoder.dim),
        "corpus_dir": str(corpus_dir.resolve()),
        "corpus_name": corpus_name,
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "spacy_pipeline": pipeline,
        "reader_version": READER_VERSION,
        "documents": found.documents,
        "problems": [{"path": p.path, "reason": p.reason} for p in found.problems],
    }
    _write_atomically(index_dir, manifest, passages, vectors)
    return BuildReport(
        documents=len(found.documents),
        passages=len(passages),
        embedded=len(todo),
        reused=len(passages) - len(todo),
        unsupported=[p.path for p in found.problems],
        seconds=time.perf_counter() - started,
        problems=found.problems,
        files_read=found.read,
        pages_read=found.pages,
    )


EMBED_STEP = 512  # passages embedded between two moves of the progress bar


def embed_passages(encoder, texts: list[str], bar: bool | None = None) -> np.ndarray:
    """Vectors for `texts`, each distinct text embedded once, with a progress bar of our own
    (not every backend draws one; `bar` None: on a terminal only)."""
    unique = list(dict.fromkeys(texts))
    if len(unique) <= 64 or bar is False:
        found = encoder.encode_passages(unique)
    else:
        from tqdm import tqdm

        parts = []
        with tqdm(total=len(unique), desc="embedding", unit="passage", disable=None if bar is None else False) as progress:
            for start in range(0, len(unique), EMBED_STEP):
                parts.append(np.asarray(encoder.encode_passages(unique[start : start + EMBED_STEP]), dtype="float32"))
                progress.update(len(parts[-1]))
        found = np.concatenate(parts)
    row = {text: i for i, text in enumerate(unique)}
    return np.asarray(found, dtype="float32")[[row[t] for t in texts]]


def check_same_corpus(index_dir: Path, corpus_dir: Path, corpus_name: str | None, force: bool) -> None:
    """Refuse to replace an index of another corpus without --force.

    The same corpus is the same name, the same folder, or (for an index from before
    corpus names, whose corpus folder moved, as the bundled one does with each install)
    a folder holding every file the old index was built from.
    """
    try:
        manifest = json.loads((index_dir / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return  # no index, or a damaged one that is simply rebuilt
    if force or not isinstance(manifest, dict):
        return
    old_name, old_dir = manifest.get("corpus_name"), manifest.get("corpus_dir")
    if (corpus_name and old_name == corpus_name) or old_dir == str(corpus_dir.resolve()):
        return
    files = [d.get("file") for d in manifest.get("documents", []) if isinstance(d, dict)]
    if not old_name and files and all(f and (corpus_dir / f).is_file() for f in files):
        return
    was = f"corpus {old_name!r} ({old_dir})" if old_name else f"the corpus in {old_dir}"
    raise FactcheckError(
        f"index {index_dir} holds {was}, not {corpus_name or corpus_dir}; give another --index "
        "(or make it a named corpus: `factcheck corpus create NAME DIR`), or add --force to replace it")


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


def _previous_index(index_dir: Path, model_id: str, force: bool) -> "PassageIndex | None":
    """The existing index, if it was made by the same model (another model is refused without --force)."""
    if not (index_dir / "manifest.json").exists():
        return None
    try:
        old = PassageIndex.load(index_dir)
    except FactcheckError:
        return None  # a damaged old index is simply rebuilt
    if old.model_id != model_id:
        if not force:
            old.check_model(model_id)
        return None
    return old


def _vectors_by_hash(old: "PassageIndex | None") -> dict[str, np.ndarray]:
    """Vectors of the previous index keyed by content hash: unchanged text is never embedded twice."""
    if old is None:
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
