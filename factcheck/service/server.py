"""Run the HTTP service: load the checker once, warm it up, serve until SIGINT/SIGTERM.

uvicorn's own signal handling gives the graceful shutdown: on Ctrl-C or SIGTERM it stops
accepting connections and lets running checks finish. A check still running near the end
of `GRACE_SECONDS` stops between two of its pieces and answers 503 (never a cut-off 500),
so the process exits 0 within the grace period.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from ..errors import FactcheckError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
GRACE_SECONDS = 10
DRAIN_MARGIN_S = 2.5  # a running check gives up this long before the grace period ends
MAX_CONNECTIONS = 512  # open connections (idle ones are dropped after guard.HEADER_TIMEOUT_S)
WARM_UP_TEXT = "HAB ble etablert i Norge i 2022 som et prøveprosjekt i Oslo og Bergen."


def _say(message: str) -> None:
    print(f"[factcheck serve] {message}", file=sys.stderr, flush=True)


def load_warm_checker(index: Path | None, model: str | None, top_k: int):
    """A FactChecker whose model, index, BM25 and spaCy pipeline have all run once."""
    from ..api import FactChecker

    started = time.perf_counter()
    checker = FactChecker.load(index, model, top_k=top_k, progress=_say)
    checker.check(WARM_UP_TEXT)
    _say(f"checker ready in {time.perf_counter() - started:.1f} s "
         f"({len(checker.index.passages)} passages, model {checker.encoder.model_id})")
    return checker


def serve(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, index: Path | None = None, model: str | None = None,
          top_k: int = 3, max_bytes: int | None = None) -> None:
    """Blocks until the server is stopped. Raises FactcheckError for a bad index/model or a busy port."""
    import signal
    import socket

    import uvicorn

    from .app import DEFAULT_MAX_BYTES, create_app
    from .guard import HeaderTimeout, allowed_hosts_for

    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:  # fail before the slow load
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise FactcheckError(f"cannot listen on {host}:{port} ({exc.strerror or exc})") from exc
    checker = load_warm_checker(index, model, top_k)
    app = create_app(checker, max_bytes=max_bytes or DEFAULT_MAX_BYTES,
                     info={"index": str(checker.index.directory), "backend": type(checker.encoder).__name__},
                     allowed_hosts=allowed_hosts_for(host))
    _say(f"listening on http://{host}:{port}  (POST /check, GET /health, API description at /openapi.json; Ctrl-C stops)")
    if host not in ("127.0.0.1", "localhost", "::1"):
        _say(f"warning: {host} is reachable from other machines and the API has no authentication")
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False, http=HeaderTimeout,
                            timeout_graceful_shutdown=GRACE_SECONDS, limit_concurrency=MAX_CONNECTIONS,
                            timeout_keep_alive=5)
    for sig in (signal.SIGINT, signal.SIGTERM):  # uvicorn re-raises the signal after its graceful shutdown:
        signal.signal(sig, lambda *_: None)  # let it end here, with exit code 0, not by the default handler
    _draining_server(uvicorn.Server)(config).run(app)
    _say("stopped")


def _draining_server(base):
    """uvicorn's Server that, on the first SIGINT/SIGTERM, gives running checks a deadline inside
    the grace period (made here: uvicorn is imported only when serving)."""

    class DrainingServer(base):
        def run(self, app) -> None:  # type: ignore[override]
            self.app = app
            super().run()

        def handle_exit(self, sig, frame) -> None:
            if self.app.state.stop_at is None:
                self.app.state.stop_at = time.monotonic() + GRACE_SECONDS - DRAIN_MARGIN_S
            super().handle_exit(sig, frame)

    return DrainingServer
