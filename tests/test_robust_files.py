"""Issue 15, items 9 and 11: the index survives a kill mid-swap and a full disk; files are written whole or not at all."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.errors import FactcheckError
from factcheck.index import store
from factcheck.index.store import PassageIndex, build_index
from factcheck.textio import write_text_atomically

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def built(tmp_path_factory, tiny_model_dir, blank_nlp):
    from factcheck.embedding.encoder import Encoder

    target = tmp_path_factory.mktemp("idx") / "index"
    encoder = Encoder(str(tiny_model_dir), backend="torch")
    build_index(REPO / "corpus", target, encoder, nlp=blank_nlp)
    return target, encoder


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_a_kill_between_the_two_renames_is_recovered_on_the_next_start(built, tmp_path):
    source, _ = built
    index = tmp_path / "index"
    pid = dead_pid()
    shutil.copytree(source, tmp_path / f".index.old-{pid}")  # the old index, swapped out
    (tmp_path / f".index.tmp-{pid}").mkdir()  # the new one, never swapped in
    loaded = PassageIndex.load(index)
    assert loaded.directory == index and len(loaded.passages) > 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index"]


def test_stale_temp_folders_of_dead_builds_are_removed_and_live_ones_kept(built, tmp_path):
    source, _ = built
    index = tmp_path / "index"
    shutil.copytree(source, index)
    (tmp_path / f".index.tmp-{dead_pid()}").mkdir()
    (tmp_path / f".index.tmp-{os.getpid()}").mkdir()  # a build running now
    PassageIndex.load(index)
    assert sorted(p.name for p in tmp_path.iterdir()) == [f".index.tmp-{os.getpid()}", "index"]


def test_a_full_disk_during_a_build_leaves_the_old_index_and_no_temp_folder(built, tmp_path, monkeypatch, blank_nlp):
    source, encoder = built
    index = tmp_path / "index"
    shutil.copytree(source, index)
    before = (index / "manifest.json").read_bytes()

    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store.np, "save", full)
    with pytest.raises(FactcheckError, match="No space left on device.*old index is unchanged"):
        build_index(REPO / "corpus", index, encoder, force=True, nlp=blank_nlp)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index"]
    assert (index / "manifest.json").read_bytes() == before


def test_a_full_disk_writing_output_is_one_line_and_leaves_no_temp_file(tmp_path, monkeypatch):
    target = tmp_path / "resultat.md"
    target.write_text("old", encoding="utf-8")

    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("factcheck.textio.os.replace", full)
    with pytest.raises(FactcheckError, match=r"cannot write .*resultat.md \(No space left on device\)"):
        write_text_atomically(target, "new text")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["resultat.md"] and target.read_text() == "old"


def test_a_deleted_model_directory_is_named_not_blamed_on_model(built, tmp_path, tiny_model_dir, blank_nlp):
    from factcheck.api import FactChecker
    from factcheck.embedding.encoder import Encoder

    model = tmp_path / "modell"
    shutil.copytree(tiny_model_dir, model)
    build_index(REPO / "corpus", tmp_path / "index", Encoder(str(model), backend="torch"), nlp=blank_nlp)
    shutil.rmtree(model)
    with pytest.raises(FactcheckError) as caught:
        FactChecker.load(tmp_path / "index")
    assert "no longer exists" in str(caught.value) and str(model) in str(caught.value)
    assert "--model or" not in str(caught.value)
