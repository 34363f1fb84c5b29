"""The review page: a small local FastAPI app over the review store.

    factcheck review serve --db review.db        # http://127.0.0.1:8765/

Pages: the list of flagged claims (with the CLI's filters), one claim beside its
evidence with decision buttons, and the same data as JSON under /api. Bound to
loopback by default (the CLI refuses other addresses without --allow-remote);
a per-server form token and a Host check keep other web pages from deciding
through the reviewer's browser, and the pages refuse to be framed (clickjacking). No external assets: the machines are offline.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from urllib.parse import quote, unquote, urlencode

from fastapi import FastAPI, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from ..errors import FactcheckError
from ..report.labels import cited_place
from ..results import VERDICTS
from ..service.guard import PAGE_CSP, guard
from .highlight import segments
from .labels import FLAG_LABELS, STANCE_LABELS, STATUS_LABELS, VERDICT_LABELS, WORDS
from .store import STATUSES, ReviewStore

TEMPLATES = Path(__file__).parent / "templates"
ACTIONS = {"confirm": "confirmed", "overrule": "overruled", "needs_expert": "needs_expert", "reopen": "open"}
CONTEXT_CHARS = 240  # of the checked text shown around the claim
MAX_FORM_BYTES = 256_000  # a decision with a long note is a few kB


def create_app(db_path: str | Path, reviewer: str = "", lang: str = "nb", allowed_hosts: list[str] | None = None) -> FastAPI:
    """The app for one database. `allowed_hosts=None` accepts any Host header (only with --allow-remote)."""
    db_path = Path(db_path)
    token = secrets.token_urlsafe(16)
    templates = Jinja2Templates(directory=str(TEMPLATES))
    templates.env.globals.update(
        w=WORDS[lang], lang=lang, verdicts=VERDICTS, statuses=STATUSES, verdict_labels=VERDICT_LABELS[lang],
        status_labels=STATUS_LABELS[lang], stance_labels=STANCE_LABELS[lang], flag_labels=FLAG_LABELS[lang],
        segments=segments, token=token, cited_place=cited_place,
    )
    app = FastAPI(title="faktasjekk review", docs_url=None, redoc_url=None, openapi_url=None)
    if allowed_hosts is not None:  # an IPv6 literal comes in brackets in the Host header
        allowed_hosts = list(dict.fromkeys([*allowed_hosts, *(f"[{h}]" for h in allowed_hosts if ":" in h)]))
    guard(app, allowed_hosts, csp=PAGE_CSP, max_bytes=MAX_FORM_BYTES)

    def store() -> ReviewStore:
        return ReviewStore(db_path, create=False)

    @app.exception_handler(FactcheckError)
    async def user_error(request: Request, exc: FactcheckError):
        status = 404 if str(exc).startswith("no claim with id") else 400
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": str(exc)}, status_code=status)
        return templates.TemplateResponse(request, "error.html", {"message": str(exc)}, status_code=status)

    def remembered(request: Request) -> str:
        return unquote(request.cookies.get("reviewer", ""))

    def filters(request: Request) -> dict:
        q = request.query_params
        try:
            run = int(q.get("run", ""))
        except ValueError:  # empty, or not a number (a "²" passes isdigit but not int)
            run = None
        return {"status": q.get("status") or None, "verdict": q.get("verdict") or None,
                "speaker": q.get("speaker") or None, "source": q.get("source") or None,
                "run": run, "flagged_only": q.get("all") != "1"}

    @app.get("/", response_class=HTMLResponse)
    def index(request: Request):
        chosen = filters(request)
        with store() as s:
            claims = s.claims(**chosen)
        return templates.TemplateResponse(request, "list.html", {"claims": claims, "chosen": chosen,
                                                                 "query": urlencode(request.query_params)})

    @app.get("/claims/{claim_id}", response_class=HTMLResponse)
    def show(request: Request, claim_id: int):
        with store() as s:
            claim = s.claim(claim_id)
            text = s.run_text(claim.run_id) or ""
        context = None
        if text[claim.start:claim.end] == claim.text:
            lo, hi = max(0, claim.start - CONTEXT_CHARS), min(len(text), claim.end + CONTEXT_CHARS)
            context = (("…" if lo else "") + text[lo:claim.start], claim.text, text[claim.end:hi] + ("…" if hi < len(text) else ""))
        reviewer_name = remembered(request) or reviewer
        return templates.TemplateResponse(request, "claim.html", {"claim": claim, "context": context,
                                                                  "reviewer": reviewer_name})

    @app.post("/claims/{claim_id}/decide")
    def decide(request: Request, claim_id: int, action: str = Form(...), verdict: str = Form(""), note: str = Form(""),
               reviewer_name: str = Form("", alias="reviewer"), form_token: str = Form("", alias="token")):
        if not secrets.compare_digest(form_token, token):
            raise HTTPException(403, "stale or foreign form: reload the page")
        who = reviewer_name.strip() or remembered(request) or reviewer or None
        with store() as s:
            if action == "note":
                s.add_note(claim_id, note, who)
            elif action in ACTIONS:
                s.decide(claim_id, ACTIONS[action], (verdict or None) if action == "overrule" else None, note or None, who)
            else:
                raise HTTPException(400, f"unknown action {action!r}")
        response = RedirectResponse(f"/claims/{claim_id}", status_code=303)
        if who:
            # percent-encoded: a name with control characters or non-Latin-1 letters is no valid header value
            response.set_cookie("reviewer", quote(who, safe=""), httponly=True, samesite="strict")
        return response

    @app.get("/api/claims")
    def api_list(request: Request):
        with store() as s:
            return [c.to_dict(lang) for c in s.claims(**filters(request))]

    @app.get("/api/claims/{claim_id}")
    def api_claim(claim_id: int):
        with store() as s:
            return s.claim(claim_id).to_dict(lang, details=True)

    return app
