"""Norwegian lemmas without a tagger: the full-form list shipped in spacy-lookups-data.

spacy-lookups-data's `nb_lemma_exc` maps about 585,000 bokmål word forms to their
lemmas by part of speech ("kriminaliteten" -> "kriminalitet", "ble" -> "bli").
Without a tagger an ambiguous form takes the first lemma in the order noun,
verb, adjective, adverb. Loading the 18 MB JSON takes seconds, too slow for
every `factcheck check`, so it is converted once into a small SQLite table
under $FACTCHECK_HOME/cache and looked up word by word.

When the trained spaCy pipeline (models/spacy/nb_factcheck) has a lemmatizer,
FACTCHECK_LEMMAS=pipeline takes lemmas from it instead (see lemma_source).
"""

from __future__ import annotations

import gzip
import json
import logging
import os
import sqlite3
import threading
from functools import lru_cache
from pathlib import Path

from .. import config

log = logging.getLogger(__name__)

POS_ORDER = ("noun", "verb", "adj", "adv")
TABLE_VERSION = 1
_lock = threading.Lock()


def _source_file() -> Path | None:
    try:
        import spacy_lookups_data
    except ImportError:
        return None
    path = Path(spacy_lookups_data.__file__).parent / "data" / "nb_lemma_exc.json.gz"
    return path if path.exists() else None


def table_path() -> Path:
    return config.home() / "cache" / f"nb_lemmas-v{TABLE_VERSION}.sqlite"


def _build_table(target: Path, source: Path) -> None:
    """Flatten the per-POS lists into one form -> lemma table (forms that are their own lemma are left out)."""
    with gzip.open(source, "rt", encoding="utf-8") as fh:
        by_pos = json.load(fh)
    lemmas: dict[str, str] = {}
    for pos in POS_ORDER:
        for form, candidates in by_pos.get(pos, {}).items():
            if candidates:
                lemmas.setdefault(form.lower(), candidates[0].lower())
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    with sqlite3.connect(tmp) as db:
        db.execute("CREATE TABLE lemma (form TEXT PRIMARY KEY, lemma TEXT NOT NULL) WITHOUT ROWID")
        db.executemany("INSERT INTO lemma VALUES (?, ?)", ((f, l) for f, l in lemmas.items() if f != l))
    tmp.replace(target)


@lru_cache(maxsize=1)
def _connection() -> sqlite3.Connection | None:
    target = table_path()
    with _lock:
        if not target.exists():
            source = _source_file()
            if source is None:
                log.warning("spacy-lookups-data is missing: lexical search uses stems without lemmas")
                return None
            try:
                _build_table(target, source)
            except (OSError, sqlite3.Error, ValueError) as exc:
                log.warning("could not build the lemma table in %s (%s): using stems without lemmas", target, exc)
                return None
    return sqlite3.connect(f"file:{target}?mode=ro", uri=True, check_same_thread=False)


@lru_cache(maxsize=200_000)
def lookup_lemma(word: str) -> str:
    """The lemma of a (lower-cased) word form, or the form itself when the list does not know it."""
    db = _connection()
    if db is None:
        return word
    with _lock:  # one connection shared by threads (e.g. the web service): one query at a time
        row = db.execute("SELECT lemma FROM lemma WHERE form = ?", (word,)).fetchone()
    return row[0] if row else word


def lemma_source() -> str:
    """'pipeline' when FACTCHECK_LEMMAS=pipeline and the loaded spaCy pipeline lemmatizes, else 'lookup'."""
    if os.environ.get("FACTCHECK_LEMMAS", "lookup") != "pipeline":
        return "lookup"
    return "pipeline" if pipeline_lemmatizer() is not None else "lookup"


@lru_cache(maxsize=1)
def pipeline_lemmatizer():
    """The trained spaCy pipeline if it has a lemmatizer, else None (blank nb has none)."""
    from .nlp import load_nlp

    nlp = load_nlp()
    names = set(nlp.pipe_names)
    return nlp if names & {"lemmatizer", "trainable_lemmatizer"} else None
