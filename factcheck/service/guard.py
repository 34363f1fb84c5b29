"""What both local web servers (`serve` and `review serve`) need against hostile clients and pages.

- `BodyLimit`: a body over the limit is a 413, also when it comes chunked (it is read
  here, before the app parses it; a parse error inside the app would be a 400).
- `guard(app, ...)`: the Host-header check (a page on another site that rebinds its
  DNS name to 127.0.0.1 sends its own name as Host and is refused), and headers that
  forbid framing (clickjacking) plus a content security policy.
- `HeaderTimeout`: uvicorn's HTTP protocol, dropping connections that send no request
  head within a few seconds, so idle or half-open connections cannot use up the
  server's connection limit.
"""

from __future__ import annotations

from fastapi.responses import JSONResponse
from uvicorn.protocols.http.h11_impl import H11Protocol

LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "::1", "[::1]"]
HEADER_TIMEOUT_S = 5.0
FRAME_ONLY_CSP = "frame-ancestors 'none'"
# pages with one inline <style>, no scripts, forms posting to the same server
PAGE_CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; "
            "base-uri 'none'; frame-ancestors 'none'")


class BodyLimit:
    """ASGI middleware: refuse bodies over `max_bytes` (413) before the app sees them."""

    def __init__(self, app, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope.get("method") in ("GET", "HEAD", "OPTIONS"):
            return await self.app(scope, receive, send)
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            return await self._too_large(send)
        body, more = bytearray(), True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return None
            body += message.get("body", b"")
            if len(body) > self.max_bytes:
                return await self._too_large(send)
            more = message.get("more_body", False)
        replayed = False

        async def replay():
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": bytes(body), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _too_large(self, send):
        response = JSONResponse({"detail": f"request body over the limit of {self.max_bytes} bytes"}, status_code=413)
        await response({"type": "http"}, None, send)


class SecurityHeaders:
    """ASGI middleware: X-Frame-Options, a CSP, nosniff and no referrer on every response."""

    def __init__(self, app, csp: str):
        self.app = app
        self.headers = [(b"x-frame-options", b"DENY"), (b"content-security-policy", csp.encode()),
                        (b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer")]

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def with_headers(message):
            if message["type"] == "http.response.start":
                names = {name.lower() for name, _ in message.get("headers", [])}
                message = {**message, "headers": [*message.get("headers", []),
                                                  *(h for h in self.headers if h[0] not in names)]}
            await send(message)

        await self.app(scope, receive, with_headers)


def guard(app, allowed_hosts: list[str] | None, csp: str = FRAME_ONLY_CSP, max_bytes: int | None = None) -> None:
    """Add the body limit, the Host check (`None`: any host, for --allow-remote) and the security headers."""
    if max_bytes is not None:
        app.add_middleware(BodyLimit, max_bytes=max_bytes)
    if allowed_hosts is not None:
        from starlette.middleware.trustedhost import TrustedHostMiddleware

        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)
    app.add_middleware(SecurityHeaders, csp=csp)  # outermost: refusals get the headers too


def allowed_hosts_for(host: str) -> list[str] | None:
    """Loopback names for a loopback server; any Host for one that serves a network on purpose."""
    return LOOPBACK_HOSTS if host in LOOPBACK_HOSTS else None


class HeaderTimeout(H11Protocol):
    """uvicorn's h11 protocol, closing a connection that sends no request head in HEADER_TIMEOUT_S."""

    def connection_made(self, transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._head_timer = self.loop.call_later(HEADER_TIMEOUT_S, self._drop_if_silent)

    def _drop_if_silent(self) -> None:
        if self.cycle is None and not self.transport.is_closing():
            self.transport.close()

    def connection_lost(self, exc) -> None:
        self._head_timer.cancel()
        super().connection_lost(exc)
