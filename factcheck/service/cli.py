"""The `serve` command (registered in factcheck/cli.py; module-level imports stay light)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .server import DEFAULT_HOST, DEFAULT_PORT


def serve_cmd(
    host: str = typer.Option(DEFAULT_HOST, "--host", help="Address to listen on; the default is reachable from this machine only."),
    port: int = typer.Option(DEFAULT_PORT, "--port", "-p", min=1, max=65535),
    index: Optional[Path] = typer.Option(None, "--index", "-i", help="Index directory [default: the default index]."),
    corpus: Optional[str] = typer.Option(None, "--corpus", "-c", help="Named corpus to check against (see `factcheck corpus list`) [default: $FACTCHECK_CORPUS_NAME, else the bundled 'hab']."),
    model: Optional[str] = typer.Option(None, "--model", "-m", help="Sentence-transformers model name or path [default: the index's model]."),
    top_k: int = typer.Option(3, "--top-k", "-k", min=1, max=20, help="Passages cited per claim, unless a request asks otherwise."),
    max_bytes: int = typer.Option(2_000_000, "--max-bytes", min=1000, help="Largest request body accepted (413 above)."),
) -> None:
    """Serve the checker over HTTP, warm: POST /check returns the JSON of `check --format json`.

    Send work to it with `factcheck check --server http://127.0.0.1:8765` (or FACTCHECK_SERVER).
    """
    from ..errors import FactcheckError
    from .server import serve

    try:
        from ..corpus.registry import index_for

        index = index_for(corpus, index, model, progress=lambda m: typer.echo(m, err=True))
        serve(host, port, index, model, top_k, max_bytes)
    except FactcheckError as exc:
        typer.echo(f"factcheck: {exc}", err=True)
        raise typer.Exit(1)
    # The server has drained and holds nothing to save; the interpreter's own teardown (idle
    # worker threads, torch) can take seconds more, which would break the 10-second promise.
    import os
    import sys

    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)
