"""The HTTP API: the same JSON contract as `factcheck check --format json`, from a warm checker.

    POST /check   {"text": "...", "lang": "nb", "top_k": 3}  ->  {"claims": [...], "skipped": [...]}
    GET  /health  {"status": "ok", "model_id": ..., "passages": ..., ...}
    GET  /openapi.json (and /docs when the browser can reach its CDN)

Bad input gets a 4xx with a one-line `detail`: 400 empty text, 413 body over the size limit,
415 not JSON, 422 a missing or invalid field. Checks run one at a time (a lock): the encoder
already uses every core, and the spaCy pipeline is not meant to be shared between threads.
"""

from __future__ import annotations

import copy
import threading
import time
from typing import Literal, Optional

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from .. import __version__
from ..errors import FactcheckError

DEFAULT_MAX_BYTES = 2_000_000  # ~300,000 words; a 1,000-word article is ~7 kB


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


class BodyLimit:
    """ASGI middleware: refuse bodies over `max_bytes` (413) before they are read into memory."""

    def __init__(self, app, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            return await self._too_large(send)
        seen = 0

        async def counted():
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_bytes:
                raise _TooLarge()
            return message

        try:
            await self.app(scope, counted, send)
        except _TooLarge:
            await self._too_large(send)

    async def _too_large(self, send):
        response = JSONResponse({"detail": f"request body over the limit of {self.max_bytes} bytes"}, status_code=413)
        await response({"type": "http"}, None, send)


class _TooLarge(Exception):
    pass


def create_app(checker, max_bytes: int = DEFAULT_MAX_BYTES, info: dict | None = None) -> FastAPI:
    """An app serving `checker` (a loaded FactChecker); `info` is added to /health."""
    app = FastAPI(
        title="faktasjekk",
        version=__version__,
        description="Check Norwegian text against trusted source documents. "
        "The response is the JSON contract of `factcheck check --format json`.",
    )
    lock = threading.Lock()
    started = time.time()

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
        runner = checker
        if request.top_k and request.top_k != checker.top_k:
            runner = copy.copy(checker)  # shares index, model and pipeline
            runner.top_k = request.top_k
        try:
            with lock:
                result = runner.check(request.text, checkworthy_threshold=request.checkworthy_threshold)
        except FactcheckError as exc:
            return JSONResponse({"detail": str(exc)}, status_code=400)
        return JSONResponse(result.to_dict(request.lang))

    app.add_middleware(BodyLimit, max_bytes=max_bytes)
    return app
