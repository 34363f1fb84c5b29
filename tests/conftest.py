"""Shared fixtures: the bundled corpus, an isolated FACTCHECK_HOME, and a tiny model."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture(scope="session")
def blank_nlp():
    from factcheck.text.nlp import load_nlp

    return load_nlp("blank")


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory) -> Path:
    from tiny_model import build_tiny_model

    texts = [p.read_text(encoding="utf-8") for p in CORPUS.glob("*.txt")]
    return build_tiny_model(tmp_path_factory.mktemp("tiny") / "model", texts)


@pytest.fixture
def corpus_copy(tmp_path) -> Path:
    """A writable copy of the bundled corpus."""
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target


@pytest.fixture(scope="session")
def real_model_home(tmp_path_factory) -> Path:
    """FACTCHECK_HOME for tests of the real default model.

    The model is built once into the normal cache (as first use would) and shared;
    indexes are always written into a fresh temporary home.
    """
    from factcheck.embedding.encoder import ensure_default_model

    built = ensure_default_model()
    home = tmp_path_factory.mktemp("home")
    (home / "models").mkdir()
    (home / "models" / built.name).symlink_to(built)
    return home


@pytest.fixture
def real_env(real_model_home, monkeypatch):
    monkeypatch.setenv("FACTCHECK_HOME", str(real_model_home))
    monkeypatch.delenv("FACTCHECK_MODELS_DIR", raising=False)
    monkeypatch.delenv("FACTCHECK_INDEX", raising=False)
    return real_model_home
