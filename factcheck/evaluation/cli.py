"""`factcheck eval-retrieval`: dense, lexical and hybrid retrieval side by side on SQuAD-format data.

Kept light at import time: registered in factcheck/cli.py, which every command loads.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer


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
