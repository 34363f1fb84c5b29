"""`factcheck corpus ...`: named corpora of the user's own sources (registered in factcheck/cli.py)."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from ..errors import FactcheckError

corpus_app = typer.Typer(
    help=("Your sources: named corpora of PDF, HTML, DOCX, .txt and .md files.\n\n"
          "Example:  factcheck corpus create ulv && factcheck corpus add rapport.pdf https://example.no/sak --corpus ulv "
          "&& factcheck check artikkel.txt --corpus ulv"),
    no_args_is_help=True,
)
CorpusNameOpt = typer.Option(None, "--corpus", "-c", help="Corpus name [default: $FACTCHECK_CORPUS_NAME, else the bundled 'hab'].")


def _fail(message: str, code: int = 1) -> None:
    typer.echo(f"factcheck: {message}", err=True)
    raise typer.Exit(code)


def _say(message: str) -> None:
    typer.echo(message, err=True)


@corpus_app.command("create")
def create_cmd(
    name: str = typer.Argument(..., help="Name: lower-case letters, digits, '-' and '_'."),
    directory: Optional[Path] = typer.Argument(None, help="Folder of the sources (made if missing) [default: ~/.cache/factcheck/corpora/NAME]."),
) -> None:
    """Name a folder of sources; its index is kept apart from every other corpus's."""
    from . import registry

    try:
        named = registry.create(name, directory)
    except FactcheckError as exc:
        _fail(str(exc))
    typer.echo(f"corpus {named.name}: {named.directory} (index {named.index_dir})")
    typer.echo(f"add sources with `factcheck corpus add FILE|URL --corpus {named.name}`", err=True)


@corpus_app.command("list")
def list_cmd(directory: Optional[Path] = typer.Argument(None, help="Show the documents of this folder instead (as `corpus show`).")) -> None:
    """The named corpora: folder, files, files that will not be read, and index."""
    from . import registry
    from .scan import scan_corpus

    if directory is not None:
        return _show(directory, None)
    try:
        corpora = registry.all_corpora()
    except FactcheckError as exc:
        _fail(str(exc))
    default = registry.default_name()
    for named in corpora:
        try:
            scan = scan_corpus(named.directory)
            files = f"{len(scan.files)} filer" + (f", {len(scan.problems)} leses ikke" if scan.problems else "")
        except FactcheckError as exc:
            files = str(exc)
        index_state = "indeksert" if (named.index_dir / "manifest.json").exists() else "ikke indeksert"
        mark = "*" if named.name == default else " "
        typer.echo(f"{mark} {named.name}\t{named.directory}\t{files}\t{index_state}")


@corpus_app.command("show")
def show_cmd(name: str = typer.Argument(..., help="A corpus name, or a folder.")) -> None:
    """The documents of a corpus (id, title, source, format, pages, characters) and the files it cannot read, with why."""
    from . import registry

    try:
        named = registry.get(name)
    except FactcheckError as exc:
        if not Path(name).is_dir():
            _fail(str(exc))
        return _show(Path(name), None)
    _show(named.directory, named.name)


def _show(folder: Path, name: str | None) -> None:
    from .documents import list_corpus

    try:
        listing = list_corpus(folder)
    except FactcheckError as exc:
        _fail(str(exc))
    if name:
        typer.echo(f"# {name}: {folder}")
    for doc in listing.documents:
        pages = f", {len(doc.pages)} s." if doc.pages else ""
        typer.echo(f"{doc.id}\t{doc.title}\t{doc.source}\t{doc.format}{pages}\t{len(doc.text)} tegn")
    for problem in listing.problems:
        typer.echo(f"not read: {problem}", err=True)
    if not listing.documents:
        typer.echo(f"(no readable documents in {folder})", err=True)


@corpus_app.command("add")
def add_cmd(
    items: List[str] = typer.Argument(..., help="Files (.pdf .html .docx .txt .md) or http(s) URLs."),
    corpus: Optional[str] = CorpusNameOpt,
    index: bool = typer.Option(True, "--index/--no-index", help="Update the corpus's index now (only the new files are read)."),
    model: Optional[str] = typer.Option(None, "--model", "-m", help="Embedding model [default: multilingual-e5-small]."),
) -> None:
    """Copy files, or fetch web pages, into a corpus with their metadata, then update its index.

    A file's NAME.meta.json (title, source_url, date, author, organisation) is copied with it;
    a fetched page gets one holding its URL, which citations then show. Exit code 1 when
    any item could not be added (the others still are).
    """
    from . import registry
    from .fetch import add

    try:
        named = registry.get(corpus or registry.default_name())
    except FactcheckError as exc:
        _fail(str(exc))
    if named.bundled:
        _fail(f"the bundled corpus {named.name!r} is part of the program; create your own with "
              "`factcheck corpus create NAME` and add to it with --corpus NAME", 2)
    failed = 0
    for item in items:
        try:
            added = add(item, named.directory)
        except FactcheckError as exc:
            typer.echo(f"factcheck: {exc}", err=True)
            failed += 1
            continue
        state = "unchanged" if added.unchanged else "added"
        typer.echo(f"{state}: {added.path.name}\t{added.title}\t{item}")
    if index and failed < len(items):
        _update_index(named, model)
    if failed:
        raise typer.Exit(1)


def _update_index(named, model: str | None) -> None:
    from ..embedding.encoder import Encoder
    from ..index.store import build_index

    try:
        report = build_index(named.directory, named.index_dir, Encoder(model), progress=_say, corpus_name=named.name)
    except FactcheckError as exc:
        _fail(str(exc))
    for problem in report.problems:
        typer.echo(f"not read: {problem}", err=True)
    typer.echo(f"index {named.index_dir}: {report.documents} documents, {report.passages} passages "
               f"({report.files_read} files read, {report.embedded} passages embedded)")
