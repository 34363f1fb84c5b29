"""`factcheck check --server URL`: send the text to a running `factcheck serve`.

Standard library only (urllib), so a client start costs no more than `--help`. The answer
is the JSON contract; it is turned back into a CheckResult so every --format renders the
same as a local check. Reasons come back in the requested language only.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request

from ..errors import FactcheckError
from ..results import CheckResult, ClaimResult, Evidence, Skipped

TIMEOUT_S = 300


def check_remote(url: str, text: str, lang: str = "nb", top_k: int | None = None, timeout: float = TIMEOUT_S,
                 checkworthy_threshold: float | None = None) -> CheckResult:
    """POST the text to `url`/check; any failure becomes a one-line FactcheckError."""
    endpoint = url.rstrip("/") + "/check"
    payload = {"text": text, "lang": lang, "top_k": top_k}
    if checkworthy_threshold is not None:
        payload["checkworthy_threshold"] = checkworthy_threshold
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(endpoint, data=body, headers={"Content-Type": "application/json"}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = json.loads(response.read().decode("utf-8"))
    except urllib.error.HTTPError as exc:
        raise FactcheckError(f"server {url}: {_detail(exc)}") from exc
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise FactcheckError(f"cannot reach the server at {url} ({reason}); start it with `factcheck serve`") from exc
    except ValueError as exc:
        raise FactcheckError(f"server {url} did not answer with JSON ({exc})") from exc
    return result_from_dict(data, lang)


def _detail(exc: urllib.error.HTTPError) -> str:
    try:
        return str(json.loads(exc.read().decode("utf-8"))["detail"])
    except (ValueError, KeyError, TypeError, OSError):
        return f"HTTP {exc.code} {exc.reason}"


def result_from_dict(data: dict, lang: str = "nb") -> CheckResult:
    """Rebuild a CheckResult from its JSON contract (ClaimResult.to_dict and friends, in `lang`)."""
    try:
        claims = [
            ClaimResult(c["text"], c["start"], c["end"], c["verdict"], c["confidence"], {"nb": c["reason"], lang: c["reason"]},
                        [_evidence(e, lang) for e in c.get("evidence", [])], checkworthy_score=c.get("checkworthy_score"),
                        kind=c.get("kind", "claim"), attribution=_attribution(c.get("attribution")))
            for c in data["claims"]
        ]
        skipped = [Skipped(s["text"], s["start"], s["end"], s.get("reason_code", ""), score=s.get("checkworthy_score"))
                   for s in data["skipped"]]
    except (KeyError, TypeError) as exc:
        raise FactcheckError(f"the server's answer does not follow the JSON contract (missing {exc})") from exc
    return CheckResult(claims, skipped)


def _attribution(data: dict | None):
    if not data:
        return None
    from ..claims.attribution import Attribution

    return Attribution(data["who"], data["verb"], data["statement"])


def _evidence(e: dict, lang: str) -> Evidence:
    findings = [{"kind": f["kind"], "effect": f["effect"], "message": {"nb": f["message"], lang: f["message"]}}
                for f in e.get("findings", [])]
    return Evidence(e["doc_id"], e["title"], e["source"], e["text"], e["start"], e["end"], e["score"], e["stance"],
                    passage_id=e.get("passage_id", ""), paragraph=e.get("paragraph", 0),
                    lexical=e.get("lexical_score", 0.0), quote=e.get("quote", False), findings=findings,
                    page=e.get("page"), file=e.get("file", ""))
