"""Named corpora: a name for a folder of sources and the index built from it.

The bundled HAB corpus is the named corpus `hab`, with the index it always had
(<home>/index/default). Others are registered in <home>/corpora.json by
`factcheck corpus create NAME [DIR]`; each gets its own index, <home>/index/NAME,
so checking against one never replaces the index of another. The corpus a
command uses without --corpus is $FACTCHECK_CORPUS_NAME, else `hab`.
"""

from __future__ import annotations

import json
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

from .. import config
from ..errors import FactcheckError
from ..textio import write_text_atomically

BUNDLED = "hab"
ENV_DEFAULT = "FACTCHECK_CORPUS_NAME"
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


@dataclass(frozen=True)
class NamedCorpus:
    name: str
    directory: Path
    index_dir: Path
    bundled: bool = False


def registry_path() -> Path:
    return config.home() / "corpora.json"


def _load() -> dict[str, dict]:
    path = registry_path()
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise FactcheckError(f"{path}: the list of named corpora is damaged ({exc}); fix or delete it") from exc
    if not isinstance(data, dict):
        raise FactcheckError(f"{path}: the list of named corpora must be a JSON object")
    return data


def _save(data: dict[str, dict]) -> None:
    path = registry_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomically(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def bundled() -> NamedCorpus:
    return NamedCorpus(BUNDLED, config.default_corpus_dir(), config.default_index_dir(), bundled=True)


def _named(name: str, entry: dict) -> NamedCorpus:
    return NamedCorpus(name, Path(entry["dir"]), config.home() / "index" / name)


def all_corpora() -> list[NamedCorpus]:
    return [bundled()] + [_named(name, entry) for name, entry in sorted(_load().items())]


def get(name: str) -> NamedCorpus:
    if name == BUNDLED:
        return bundled()
    entry = _load().get(name)
    if entry is None:
        known = ", ".join(c.name for c in all_corpora())
        raise FactcheckError(f"no corpus named {name!r} (known: {known}); create it with `factcheck corpus create {name} DIR`")
    return _named(name, entry)


def default_name() -> str:
    return os.environ.get(ENV_DEFAULT) or BUNDLED


def create(name: str, directory: Path | None = None) -> NamedCorpus:
    """Register NAME for DIR (made if missing; default <home>/corpora/NAME)."""
    if not _NAME.match(name):
        raise FactcheckError(f"corpus name {name!r}: use lower-case letters, digits, '-' and '_' (at most 64)")
    if name == BUNDLED:
        raise FactcheckError(f"{BUNDLED!r} is the bundled corpus; choose another name")
    data = _load()
    target = Path(directory).expanduser().resolve() if directory else config.home() / "corpora" / name
    if name in data:
        if Path(data[name]["dir"]) == target:
            return _named(name, data[name])
        raise FactcheckError(f"a corpus named {name!r} already exists ({data[name]['dir']})")
    for other, entry in data.items():
        if Path(entry["dir"]) == target:
            raise FactcheckError(f"{target} is already the corpus {other!r}")
    if target.exists() and not target.is_dir():
        raise FactcheckError(f"{target} is a file, not a folder")
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FactcheckError(f"cannot create {target} ({exc.strerror or exc})") from exc
    data[name] = {"dir": str(target), "created": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
    _save(data)
    return _named(name, data[name])


def by_directory(directory: Path) -> NamedCorpus | None:
    """The named corpus whose folder is `directory`, if any."""
    target = Path(directory).expanduser().resolve()
    return next((c for c in all_corpora() if c.directory.resolve() == target), None)


def resolve(corpus: str | None, index: Path | None) -> tuple[Path | None, NamedCorpus | None]:
    """The index a command uses: --index DIR as given, else the index of --corpus NAME
    (or of the default corpus). (None, bundled) keeps the bundled corpus's old behaviour
    ($FACTCHECK_INDEX, built on first use)."""
    if corpus and index:
        raise FactcheckError("give --corpus or --index, not both")
    if index:
        return Path(index), None
    named = get(corpus or default_name())
    return (None if named.bundled else named.index_dir), named


def ensure_index(named: NamedCorpus, model: str | None = None, progress=None) -> Path:
    """The index of a named corpus, built on first use."""
    if (named.index_dir / "manifest.json").exists():
        return named.index_dir
    from ..embedding.encoder import Encoder
    from ..index.store import build_index

    if progress:
        progress(f"building the index of corpus {named.name!r} in {named.index_dir} (first use only)")
    build_index(named.directory, named.index_dir, Encoder(model), progress=progress, corpus_name=named.name)
    return named.index_dir


def index_for(corpus: str | None, index: Path | None, model: str | None = None, progress=None) -> Path | None:
    """What a command's --corpus/--index come to: an index directory (built on first use for a
    named corpus), or None for the bundled corpus's default index."""
    index_dir, named = resolve(corpus, index)
    if index_dir is None or named is None:
        return index_dir
    return ensure_index(named, model, progress)
