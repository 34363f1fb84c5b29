"""`factcheck eval` (labelled claims, every dev set in one table) and `factcheck eval-retrieval`
(dense, lexical and hybrid retrieval side by side on SQuAD-format data).

Kept light at import time: registered in factcheck/cli.py, which every command loads.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import typer


def eval_cmd(
    claims_files: Optional[List[Path]] = typer.Argument(None, help="Labelled claims, TSV with columns id, label, text, evidence (like ../shared/eval/dev_claims.tsv); several files make several sets."),
    all_sets: bool = typer.Option(False, "--all", help="Every dev set: EVAL_DIR/dev_claims.tsv on the bundled corpus and each EVAL_DIR/topics/NAME/claims.tsv on its own corpus/ (indexed on the fly into a cache folder)."),
    corpus: Optional[List[str]] = typer.Option(None, "--corpus", "-c", help="Corpus folder or named corpus of each claims file, in order (repeat it; 'default' = the bundled corpus). Indexed into a cache keyed by its content."),
    eval_dir: Optional[Path] = typer.Option(None, "--eval-dir", help="Where --all looks [default: $FACTCHECK_EVAL_DIR, else the nearest shared/eval above the checkout or the working folder]."),
    index: Optional[Path] = typer.Option(None, "--index", "-i", help="Index for the sets on the default corpus [default: the bundled corpus's index]."),
    model: Optional[str] = typer.Option(None, "--model", "-m", help="Sentence-transformers model name or path [default: multilingual-e5-small]."),
    fmt: str = typer.Option("table", "--format", "-f", help="table | json"),
    details: bool = typer.Option(False, "--details", help="Also one line per claim (right/wrong, gold, predicted, confidence, evidence hit, reason)."),
) -> None:
    """Measure the checker on labelled claims: per set macro-F1, accuracy, evidence hit@3, the precision
    of Motsagt verdicts with confidence >= 0.9 (with their count) and at any confidence, and how honest the
    confidence shown is (Brier score, expected calibration error), plus all sets together.

    With a single set the per-label table and the confusion table follow.

    \b
    Examples:
      factcheck eval --all
      factcheck eval --all --format json --details > eval.json
      factcheck eval ../shared/eval/topics/fastlege/claims.tsv --corpus ../shared/eval/topics/fastlege/corpus
    """
    from ..errors import FactcheckError
    from ..textio import say
    from .sets import discover_sets, find_eval_dir, render_details, render_table, run_sets, sets_from_files, to_json

    if fmt not in ("table", "json"):
        typer.echo("factcheck: --format must be table or json", err=True)
        raise typer.Exit(2)
    if not all_sets and not claims_files:
        typer.echo("factcheck: give a claims file or --all (see factcheck eval --help)", err=True)
        raise typer.Exit(2)
    try:
        sets = sets_from_files(list(claims_files or []), list(corpus or []))
        if all_sets:
            folder = eval_dir or find_eval_dir()
            if folder is None:
                raise FactcheckError("no shared/eval folder found; give --eval-dir DIR or set FACTCHECK_EVAL_DIR")
            sets = discover_sets(folder) + sets
        results = run_sets(sets, index, model, progress=say, bar=fmt == "table")
    except FactcheckError as exc:
        typer.echo(f"factcheck: {exc}", err=True)
        raise typer.Exit(1)
    if fmt == "json":
        typer.echo(json.dumps(to_json(results, details), indent=2, ensure_ascii=False))
        return
    if details:
        for r in results:
            typer.echo(render_details(r))
    typer.echo(render_table(results), nl=False)
    if len(results) == 1:
        typer.echo("")
        typer.echo(results[0].report.render(), nl=False)


def eval_retrieval_cmd(
    data: Path = typer.Argument(..., help="SQuAD-format JSON, e.g. ../shared/eval/norquad/validation.json."),
    model: Optional[str] = typer.Option(None, "--model", "-m", help="Sentence-transformers model name or path [default: multilingual-e5-small]."),
    limit: Optional[int] = typer.Option(None, "--limit", min=1, help="Use only the first N questions (all paragraphs are still indexed)."),
    dense_backend: str = typer.Option("auto", "--dense-backend", help="auto (exact below 20,000 passages, HNSW above) | exact | hnsw."),
    cache: bool = typer.Option(True, "--cache/--no-cache", help="Reuse embeddings cached on disk by model and text hash (--no-cache re-embeds, to time it)."),
    fmt: str = typer.Option("table", "--format", "-f", help="table | json"),
) -> None:
    """Retrieval quality on SQuAD-format data: R@1, R@5, R@10, MRR@10 for dense, lexical and hybrid search.

    Protocol of ../shared/eval/README.md: each distinct paragraph (non-empty line of a context) is a
    passage, each question a query; a hit is the paragraph holding the answer's start offset.
    """
    import tempfile

    from ..errors import FactcheckError
    from .retrieval import evaluate, load_squad

    if fmt not in ("table", "json"):
        typer.echo("factcheck: --format must be table or json", err=True)
        raise typer.Exit(2)
    try:
        task = load_squad(data, limit)
        from ..embedding.encoder import Encoder

        encoder = Encoder(model)
        with tempfile.TemporaryDirectory() as scratch:
            report = evaluate(task, encoder, dense_backend=dense_backend,
                              cache_dir=None if cache else Path(scratch), progress=fmt == "table")
    except FactcheckError as exc:
        typer.echo(f"factcheck: {exc}", err=True)
        raise typer.Exit(1)
    typer.echo(json.dumps(report.to_dict(), indent=2) if fmt == "json" else report.render(), nl=fmt == "json")
