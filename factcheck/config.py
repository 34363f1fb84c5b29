"""Where things live on disk, overridable by environment variables.

Kept free of heavy imports: the CLI reads it on every start.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent


def home() -> Path:
    """Root for caches (built models, default index): $FACTCHECK_HOME or ~/.cache/factcheck."""
    env = os.environ.get("FACTCHECK_HOME")
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "factcheck"


def models_dir() -> Path:
    """Where converted embedding models are written: $FACTCHECK_MODELS_DIR or <home>/models."""
    env = os.environ.get("FACTCHECK_MODELS_DIR")
    return Path(env).expanduser() if env else home() / "models"


def default_corpus_dir() -> Path:
    """The bundled corpus: the repo's corpus/ in a checkout, the packaged copy in a wheel."""
    env = os.environ.get("FACTCHECK_CORPUS")
    if env:
        return Path(env).expanduser()
    for candidate in (REPO_DIR / "corpus", PACKAGE_DIR / "default_corpus"):
        if candidate.is_dir():
            return candidate
    return REPO_DIR / "corpus"


def default_index_dir() -> Path:
    """The index built from the default corpus: $FACTCHECK_INDEX or <home>/index/default."""
    env = os.environ.get("FACTCHECK_INDEX")
    return Path(env).expanduser() if env else home() / "index" / "default"


def artefact_path(relative: str) -> Path | None:
    """A small trained artefact: models/<relative> in a checkout, factcheck/_models/<relative> in a wheel."""
    for base in (REPO_DIR / "models", PACKAGE_DIR / "_models"):
        candidate = base / relative
        if candidate.exists():
            return candidate
    return None
