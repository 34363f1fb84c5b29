"""The HTTP API: the same JSON contract as `factcheck check --format json`, from a warm checker.

    POST /check   {"text": "...", "lang": "nb", "top_k": 3}  ->  {"claims": [...], "skipped": [...]}
    GET  /health  {"status": "ok", "model_id": ..., "passages": ..., ...}
    GET  /openapi.json (and /docs when the browser can reach its CDN)

Bad input gets a 4xx with a one-line `detail`: 400 empty text or text that is not Unicode
(a lone surrogate), 413 body or text over the size limit, 415 not JSON, 422 a missing or
invalid field; 503 when too many checks wait or the server is stopping. Checks take turns
(the encoder already uses every core, and the spaCy pipeline is not meant to be shared
between threads), a long text one piece at a time, so short checks are not starved.
"""

from __future__ import annotations

import copy
import threading
import time
from dataclasses import replace
from typing import Literal, Optional

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from .. import __version__
from ..errors import FactcheckError
from ..results import CheckResult
from .guard import LOOPBACK_HOSTS, BodyLimit, guard  # noqa: F401  (BodyLimit: its old home)

DEFAULT_MAX_BYTES = 2_000_000  # ~300,000 words; a 1,000-word article is ~7 kB
DEFAULT_MAX_CHARS = 1_000_000  # longer texts: split them, or use `factcheck batch`
DEFAULT_MAX_WAITING = 32  # checks queued behind the running one before new ones get 503
SPLIT_CHARS_PER_TURN = 5_000
SENTENCES_PER_TURN = 32


class CheckRequest(BaseModel):
    text: str = Field(..., description="The article or transcript to check (plain text).")
    lang: Literal["nb", "en"] = Field("nb", description="Language of labels and reasons: nb (bokmål) or en.")
    top_k: Optional[int] = Field(None, ge=1, le=20, description="Passages cited per claim [default: the server's].")
    checkworthy_threshold: Optional[float] = Field(
        None, ge=0.0, le=1.0, description="Check a sentence when the classifier's check-worthiness probability is at "
                                         "least this: higher gives fewer, surer claims [default: the server's].")


class EvidenceOut(BaseModel):
    model_config = ConfigDict(extra="allow")
    doc_id: str
    title: str
    source: str
    text: str
    start: int = Field(..., description="Character offset into the original source file.")
    end: int
    score: float = Field(..., description="Cosine similarity of claim and passage.")
    stance: Literal["supports", "contradicts", "neutral"]


class ClaimOut(BaseModel):
    model_config = ConfigDict(extra="allow")
    text: str
    start: int = Field(..., description="Character offset into the checked text.")
    end: int
    checkworthy: bool
    verdict: Literal["supported", "contradicted", "not_enough_info"]
    confidence: float
    reason: str
    evidence: list[EvidenceOut]


class SkippedOut(BaseModel):
    model_config = ConfigDict(extra="allow")
    text: str
    start: int
    end: int
    checkworthy: bool
    reason: str


class CheckResponse(BaseModel):
    """The public JSON contract: fields are only ever added, never renamed or dropped."""

    model_config = ConfigDict(extra="allow")
    claims: list[ClaimOut]
    skipped: list[SkippedOut]


class Problem(BaseModel):
    detail: str


class TakeTurns:
    """A first-come, first-served lock. A long check takes it once per piece and then queues
    again behind whoever came meanwhile, so one long text cannot starve short ones."""

    def __init__(self):
        self._cond = threading.Condition()
        self._next = self._serving = 0

    def __enter__(self):
        with self._cond:
            ticket, self._next = self._next, self._next + 1
            while ticket != self._serving:
                self._cond.wait()

    def __exit__(self, *exc):
        with self._cond:
            self._serving += 1
            self._cond.notify_all()


class Draining(Exception):
    """The server is stopping and the grace period is nearly over: answer 503 rather than be cut off."""


def check_in_turns(runner, text: str, turn: TakeTurns, stop_at=lambda: None,
                   checkworthy_threshold: float | None = None) -> CheckResult:
    """`runner.check(text)`, split into pieces that each take their turn: sentence splitting a
    few thousand characters at a time, checking SENTENCES_PER_TURN sentences at a time."""
    from ..text.sentences import pieces, split_sentences

    if not text.strip():
        raise FactcheckError("the input is empty")
    sentences = []
    for start, end in pieces(text, SPLIT_CHARS_PER_TURN):
        _still_running(stop_at)
        with turn:
            found = split_sentences(text[start:end], runner.nlp)
        sentences += [replace(s, start=s.start + start, end=s.end + start) for s in found]
    claims, skipped = [], []
    for first in range(0, len(sentences), SENTENCES_PER_TURN):
        _still_running(stop_at)
        with turn:
            part = runner.check_sentences(sentences[first:first + SENTENCES_PER_TURN],
                                          checkworthy_threshold=checkworthy_threshold)
        claims += part.claims
        skipped += part.skipped
    return CheckResult(claims, skipped)


def _still_running(stop_at) -> None:
    deadline = stop_at()
    if deadline is not None and time.monotonic() >= deadline:
        raise Draining()


def create_app(checker, max_bytes: int = DEFAULT_MAX_BYTES, info: dict | None = None,
               max_chars: int = DEFAULT_MAX_CHARS, allowed_hosts: list[str] | None = LOOPBACK_HOSTS,
               max_waiting: int = DEFAULT_MAX_WAITING) -> FastAPI:
    """An app serving `checker` (a loaded FactChecker); `info` is added to /health.

    `allowed_hosts`: the Host headers answered (None: any, for a server meant for a network).
    `app.state.stop_at` (a time.monotonic() deadline, set by the server on SIGTERM) makes
    running checks give up with 503 before the grace period ends.
    """
    app = FastAPI(
        title="faktasjekk",
        version=__version__,
        description="Check Norwegian text against trusted source documents. "
        "The response is the JSON contract of `factcheck check --format json`.",
    )
    turn = TakeTurns()
    waiting = threading.BoundedSemaphore(max_waiting + 1)
    started = time.time()
    app.state.stop_at = None

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError):
        errors = exc.errors()
        if any(e.get("type") == "json_invalid" for e in errors):
            return JSONResponse({"detail": "the body is not valid JSON"}, status_code=400)
        first = errors[0] if errors else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p != "body") or "body"
        return JSONResponse({"detail": f"{where}: {first.get('msg', 'invalid')}"}, status_code=422)

    @app.middleware("http")
    async def _json_only(request: Request, call_next):
        if request.method == "POST" and "json" not in request.headers.get("content-type", "json"):
            return JSONResponse({"detail": "send the text as JSON: {\"text\": \"...\"} with Content-Type: application/json"},
                                status_code=415)
        return await call_next(request)

    @app.get("/health", summary="Is the checker loaded?")
    def health() -> dict:
        return {"status": "ok", "version": __version__, "model_id": checker.encoder.model_id,
                "passages": len(checker.index.passages), "top_k": checker.top_k,
                "uptime_s": round(time.time() - started, 1), **(info or {})}

    @app.post("/check", summary="Check a text", response_model=None,
              responses={200: {"model": CheckResponse}, 400: {"model": Problem}, 413: {"model": Problem},
                         415: {"model": Problem}, 422: {"model": Problem}})
    def check(request: CheckRequest) -> JSONResponse:
        """One verdict per factual sentence with the corpus passages cited; questions, demands
        and opinions are listed as skipped. Offsets index into `text`."""
        if len(request.text) > max_chars:
            return JSONResponse({"detail": f"text of {len(request.text)} characters is over the limit of {max_chars}; "
                                           "split it, or use `factcheck batch`"}, status_code=413)
        try:
            request.text.encode("utf-8")
        except UnicodeEncodeError as exc:
            return JSONResponse({"detail": f"text: not valid Unicode at character {exc.start} (a lone surrogate)"},
                                status_code=400)
        runner = checker
        if request.top_k and request.top_k != checker.top_k:
            runner = copy.copy(checker)  # shares index, model and pipeline
            runner.top_k = request.top_k
        if not waiting.acquire(blocking=False):
            return JSONResponse({"detail": "too many checks waiting; try again shortly"}, status_code=503,
                                headers={"Retry-After": "5"})
        try:
            result = check_in_turns(runner, request.text, turn, lambda: app.state.stop_at,
                                    checkworthy_threshold=request.checkworthy_threshold)
        except FactcheckError as exc:
            return JSONResponse({"detail": str(exc)}, status_code=400)
        except Draining:
            return JSONResponse({"detail": "the server is stopping; send the text again when it is back"},
                                status_code=503, headers={"Retry-After": "10"})
        finally:
            waiting.release()
        return JSONResponse(result.to_dict(request.lang))

    guard(app, allowed_hosts, max_bytes=max_bytes)
    return app
