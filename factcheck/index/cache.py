"""Embeddings cached on disk by model id, role and content hash.

Embedding is the expensive step of every evaluation run (thousands of
paragraphs on a laptop CPU take minutes); ranking and fusion are cheap. With
this cache a second run with another fusion setting embeds nothing.

Layout: <home>/cache/embeddings/<model-key>/<role>/shard-*.npz, each shard
holding `keys` (sha1 of the text, as Passage.content_hash) and `vectors`.
Shards are only ever added, each written atomically, so an interrupted run
keeps what it finished and two runs never corrupt each other.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from pathlib import Path

import numpy as np

from .. import config

SHARD_SIZE = 512  # texts embedded (and saved) per step: an interrupted run loses at most one shard


def content_key(text: str) -> str:
    """The same identity the index uses for a passage text (Passage.content_hash)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def default_cache_dir() -> Path:
    return config.home() / "cache" / "embeddings"


class EmbeddingCache:
    """Vectors of one model and role ('query' or 'passage'), keyed by content hash."""

    def __init__(self, model_id: str, role: str = "passage", directory: Path | None = None):
        safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", model_id)[-60:]
        model_key = f"{safe}-{hashlib.sha1(model_id.encode('utf-8')).hexdigest()[:10]}"
        self.directory = Path(directory or default_cache_dir()) / model_key / role
        self.role = role
        self._vectors: dict[str, np.ndarray] | None = None
        self._seconds: dict[str, float] = {}  # embedding time per text, as recorded by its shard

    def _load(self) -> dict[str, np.ndarray]:
        if self._vectors is None:
            self._vectors = {}
            for shard in sorted(self.directory.glob("shard-*.npz")):
                try:
                    with np.load(shard) as data:
                        keys = data["keys"].tolist()
                        self._vectors.update(zip(keys, data["vectors"]))
                        each = float(data["seconds"]) / max(1, len(keys)) if "seconds" in data else 0.0
                        self._seconds.update(dict.fromkeys(keys, each))
                except (OSError, ValueError, KeyError):
                    continue  # a damaged shard is simply embedded again
        return self._vectors

    def __len__(self) -> int:
        return len(self._load())

    def missing(self, texts: list[str]) -> list[int]:
        known = self._load()
        return [i for i, t in enumerate(texts) if content_key(t) not in known]

    def recorded_seconds(self, texts: list[str]) -> float:
        """What embedding the cached ones among `texts` cost when they were embedded."""
        self._load()
        return sum(self._seconds.get(content_key(t), 0.0) for t in dict.fromkeys(texts))

    def encode(self, encoder, texts: list[str], progress: bool = False) -> tuple[np.ndarray, float, int]:
        """Vectors for `texts` (in order), embedding only the unseen ones.

        Returns (vectors, seconds spent embedding, number of texts embedded).
        """
        known = self._load()
        todo = list(dict.fromkeys(t for t in texts if content_key(t) not in known))
        seconds = 0.0
        bar = _progress_bar(len(todo)) if progress and todo else None
        for start in range(0, len(todo), SHARD_SIZE):
            batch = todo[start : start + SHARD_SIZE]
            began = time.perf_counter()
            vectors = encoder.encode_passages(batch) if self.role == "passage" else encoder.encode_queries(batch)
            seconds += time.perf_counter() - began
            keys = [content_key(t) for t in batch]
            self._save_shard(keys, vectors, time.perf_counter() - began)
            known.update(zip(keys, vectors))
            if bar:
                bar.update(len(batch))
        if bar:
            bar.close()
        dim = next(iter(known.values())).shape[0] if known else getattr(encoder, "dim", 0)
        out = np.zeros((len(texts), dim), dtype="float32")
        for i, text in enumerate(texts):
            out[i] = known[content_key(text)]
        return out, seconds, len(todo)

    def _save_shard(self, keys: list[str], vectors: np.ndarray, seconds: float) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        name = hashlib.sha1("".join(keys).encode("ascii")).hexdigest()[:16]
        target = self.directory / f"shard-{name}.npz"
        tmp = self.directory / f".shard-{name}.{os.getpid()}.tmp.npz"
        np.savez(tmp, keys=np.array(keys), vectors=np.asarray(vectors, dtype="float32"), seconds=np.float64(seconds))
        tmp.replace(target)


def _progress_bar(total: int):
    from tqdm import tqdm

    return tqdm(total=total, desc="embedding", unit="text", leave=False)
