"""`factcheck batch`: check whole transcripts, one row per sentence, with summaries and a report.

Module-level imports stay light (typer, pathlib): `factcheck --help` must not load torch.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path
from typing import List, Optional

import typer

from ..errors import FactcheckError


def _fail(message: str, code: int = 1) -> None:
    typer.echo(f"factcheck: {message}", err=True)
    raise typer.Exit(code)


def _format_for(out: Path, fmt: Optional[str]) -> str:
    if fmt:
        return fmt
    return {".csv": "csv", ".parquet": "parquet", ".pq": "parquet"}.get(out.suffix.lower(), "jsonl")


def batch_cmd(
    inputs: List[Path] = typer.Argument(..., help="Transcript files or folders: .csv .tsv .jsonl, .txt ('SPEAKER: text' lines or ParlaMint 'id<TAB>text'), ParlaMint TEI .xml."),
    out: Path = typer.Option(..., "--out", "--output", "-o", help="Where the rows go, one per sentence."),
    fmt: Optional[str] = typer.Option(None, "--format", "-f", help="jsonl | csv | parquet [default: from --out's extension, else jsonl]."),
    text_column: Optional[str] = typer.Option(None, "--text-column", help="Column with the utterance text [default: text, tekst, ...]."),
    id_column: Optional[str] = typer.Option(None, "--id-column", help="Column with a row/utterance id [default: id if present, else the row number]."),
    speaker_column: Optional[str] = typer.Option(None, "--speaker-column", help="Column with the speaker [default: speaker, taler, navn, ...]."),
    party_column: Optional[str] = typer.Option(None, "--party-column", help="Column with the party [default: party, parti]."),
    time_column: Optional[str] = typer.Option(None, "--time-column", help="Column with a time stamp or date [default: timestamp, time, date, dato]."),
    role_column: Optional[str] = typer.Option(None, "--role-column", help="Column with the speaker's role; 'chair', 'president', 'møteleder' or 'ordstyrer' marks the chair, whose lines are skipped as procedural [default: role, rolle, speaker_role]."),
    chair: List[str] = typer.Option([], "--chair", help="A speaker (as named in the transcript) who chairs the meeting: their lines are skipped as procedural and left out of the per-speaker and per-party counts. Repeat for several. ParlaMint's chair role and 'Presidenten:' lines are known without it."),
    checkworthy_threshold: Optional[float] = typer.Option(None, "--checkworthy-threshold", min=0.0, max=1.0, help="Check a sentence when the classifier's check-worthiness probability (0-1) is at least this: higher gives fewer, surer claims [default: the model's own cut]."),
    index: Optional[Path] = typer.Option(None, "--index", "-i", help="Index directory [default: the default index]."),
    corpus: Optional[str] = typer.Option(None, "--corpus", "-c", help="Named corpus to check against (see `factcheck corpus list`) [default: $FACTCHECK_CORPUS_NAME, else the bundled 'hab']."),
    model: Optional[str] = typer.Option(None, "--model", "-m", help="Sentence-transformers model name or path [default: the index's model]."),
    lang: str = typer.Option("nb", "--lang", "-l", help="Language of reasons, summary and report: nb or en."),
    top_k: int = typer.Option(3, "--top-k", "-k", min=1, max=20, help="Passages cited per claim."),
    engine: str = typer.Option("local", "--engine", help="local (this machine's processes) or dask (a Dask cluster)."),
    workers: int = typer.Option(0, "--workers", "-w", min=0, show_default=False, help="Worker processes, each with its own model [default: one per CPU core, at most 4]."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="With --engine dask: address of a running Dask scheduler (e.g. tcp://host:8786) instead of a local cluster; its workers must see the same index and model paths."),
    resume: bool = typer.Option(False, "--resume", help="Continue an interrupted run into the same --out: finished utterances are neither redone nor written twice."),
    overwrite: bool = typer.Option(False, "--overwrite", help="Start again even if --out exists."),
    summary: Optional[Path] = typer.Option(None, "--summary", help="Per-speaker/per-party summary CSV [default: OUT-NAME.summary.csv]."),
    report: Optional[Path] = typer.Option(None, "--report", help="Report of the flagged claims (contradicted, low confidence or a figure that does not match), .md or .html [default: OUT-NAME.flagged.md]."),
    review_db: Optional[Path] = typer.Option(None, "--review-db", help="Also record each finished transcript's claims in this review database (see `factcheck review`)."),
    chunk_chars: int = typer.Option(6000, "--chunk-chars", min=1, help="Text per chunk of utterances (characters): larger fills embedding batches better, smaller loses less to a kill."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar and no summary table."),
) -> None:
    """Check debate transcripts: every utterance, every speaker, one row per sentence.

    Writes OUT (jsonl/csv/parquet), a summary per speaker and party (CSV and a table here) and
    a Markdown/HTML report of the flagged claims. Rows are committed as they are checked: after
    Ctrl-C or a kill, run the same command with --resume. Exit code 0 when every file was read,
    1 when a file could not be read (the others are still checked) or on bad options.
    """
    from .records import Columns
    from .runner import BatchConfig, NothingToCheck, run_batch

    if lang not in ("nb", "en"):
        _fail("--lang must be nb or en", 2)
    if scheduler and engine != "dask":
        _fail("--scheduler needs --engine dask", 2)
    workers = workers or min(os.cpu_count() or 1, 4)
    columns = Columns(text_column, id_column, speaker_column, party_column, time_column, role_column)
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # a kill stops like Ctrl-C: rows so far stay
    try:
        from ..corpus.registry import index_for

        index = index_for(corpus, index, model, progress=lambda m: typer.echo(m, err=True))
        config = BatchConfig(inputs=list(inputs), out=out, fmt=_format_for(out, fmt), columns=columns,
                             index_dir=str(index) if index else None, model=model, top_k=top_k, lang=lang,
                             engine=engine, workers=workers, scheduler=scheduler, resume=resume, overwrite=overwrite,
                             summary_path=summary, report_path=report, chunk_chars=chunk_chars,
                             review_db=review_db, checkworthy_threshold=checkworthy_threshold, chairs=tuple(chair))
        from .progress import RichProgress

        result = run_batch(config, RichProgress(lang, enabled=not quiet))
    except NothingToCheck as exc:
        from ..termsafe import plain

        for problem in exc.problems:
            typer.echo(plain(problem), err=True)
        _fail(str(exc))
    except FactcheckError as exc:
        _fail(str(exc))
    except OSError as exc:  # a full disk while writing rows, summary or report
        _fail(f"cannot write {exc.filename or out} ({exc.strerror or exc}); the rows committed so far are kept: "
              "free some space and run the same command with --resume")
    _print_result(result, lang, quiet)
    if result.review_note:
        typer.echo(result.review_note, err=True)
    if result.stats.interrupted:
        typer.echo(f"factcheck: interrupted; {result.tally.total.sentences} rows are in {out} — "
                   "run the same command with --resume to continue", err=True)
        raise typer.Exit(130)
    if result.stats.files_failed:
        raise typer.Exit(1)


def _print_result(result, lang: str, quiet: bool) -> None:
    from ..termsafe import plain
    from .labels import word
    from .summary import render_summary

    stats = result.stats
    if not quiet:
        color = sys.stdout.isatty()
        typer.echo(render_summary(result.tally, stats, lang, color=color), nl=False)
        if stats.seconds and stats.sentences_this_run:
            typer.echo(f"{word('speed', lang)}: {stats.sentences_this_run / stats.seconds:.1f} {word('sent_per_s', lang)} "
                       f"({stats.sentences_this_run} / {stats.seconds:.1f} s; {result.engine})")
        typer.echo(f"{word('written', lang)}: {', '.join(str(p) for p in result.outputs)}")
    listed = [p for p in stats.problems]
    if listed:
        typer.echo(f"{word('problems', lang)} ({len(listed)}):", err=True)
        for problem in listed:
            typer.echo(f"  {plain(problem)}", err=True)
