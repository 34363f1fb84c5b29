"""Issue 15, items 5-7 and 11: both servers answer every bad request with a 4xx, refuse framing and
foreign Host headers, drop silent connections, let short checks pass long ones, and stop in time."""

from __future__ import annotations

import socket
import threading
import time

import pytest
from fastapi.testclient import TestClient

from factcheck.results import CheckResult, Skipped
from review_helpers import filled_store

LOCAL = {"Host": "127.0.0.1:8765"}


class FakeChecker:
    """What the service uses of a FactChecker: spaCy's blank pipeline, and a slow 'check' per batch."""

    top_k = 3

    def __init__(self, nlp, seconds_per_batch: float = 0.0):
        self.nlp, self.seconds = nlp, seconds_per_batch
        self.encoder = type("E", (), {"model_id": "fake"})()
        self.index = type("I", (), {"passages": []})()

    def check_sentences(self, sentences, roles=None, checkworthy_threshold=None):
        time.sleep(self.seconds)
        return CheckResult([], [Skipped(s.text, s.start, s.end, "opinion") for s in sentences])


@pytest.fixture
def service(blank_nlp):
    from factcheck.service.app import create_app

    app = create_app(FakeChecker(blank_nlp), max_bytes=50_000, max_chars=20_000)
    with TestClient(app, headers=LOCAL) as client:
        yield app, client


def test_texts_over_spacys_limit_are_split_in_pieces(monkeypatch):
    from factcheck.text import sentences
    from factcheck.text.nlp import load_nlp

    nlp = load_nlp("blank")
    monkeypatch.setattr(nlp, "max_length", 5_000)  # the same E088 as 1,000,000 characters, on a small text
    # (load_nlp caches the pipeline: monkeypatch puts the limit back for the other tests)
    monkeypatch.setattr(sentences, "PIECE_CHARS", 4_000)
    text = "HAB ble etablert i Norge i 2022. Det er mange brukere.\n" * 400
    found = sentences.split_sentences(text, nlp)
    assert len(found) == 800 and all(text[s.start:s.end] == s.text for s in found)
    assert sentences.split_many([text, "Kort."], nlp)[0] == found


@pytest.mark.parametrize("body,status", [
    (b'{"text": "HAB \\ud800 ble etablert."}', 400),  # a lone surrogate
    (b'{"text": "' + b"Setning. " * 3000 + b'"}', 413),  # over max_chars, under max_bytes
    (b'{"text": 5}', 422),
    (b"[1, 2]", 422),
])
def test_every_bad_check_request_is_a_4xx(service, body, status):
    _, client = service
    answer = client.post("/check", content=body, headers={"Content-Type": "application/json"})
    assert answer.status_code == status and "\n" not in answer.json()["detail"]


def test_a_chunked_body_over_the_limit_is_413(service):
    _, client = service

    def chunks():
        for _ in range(100):
            yield b"x" * 1000

    answer = client.post("/check", content=chunks(), headers={"Content-Type": "application/json"})
    assert answer.status_code == 413


def test_serve_refuses_foreign_hosts_and_framing(service):
    _, client = service
    assert client.get("/health", headers={"Host": "angriper.example"}).status_code == 400
    assert client.get("/health", headers={"Host": "[::1]:8765"}).status_code == 200
    answer = client.get("/health")
    assert answer.status_code == 200 and answer.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in answer.headers["content-security-policy"]


def test_a_check_still_running_when_the_grace_period_ends_answers_503(service):
    app, client = service
    app.state.stop_at = time.monotonic() - 1
    answer = client.post("/check", json={"text": "HAB ble etablert i 2022."})
    assert answer.status_code == 503 and answer.headers["retry-after"]


def test_a_long_check_does_not_starve_a_short_one(blank_nlp):
    from factcheck.service.app import TakeTurns, check_in_turns

    checker, turn = FakeChecker(blank_nlp, seconds_per_batch=0.05), TakeTurns()
    long_text = "HAB ble etablert i Norge i 2022. " * 1200  # 38 turns of 32 sentences: about 2 s
    done: dict[str, float] = {}

    def run(name: str, text: str) -> None:
        check_in_turns(checker, text, turn)
        done[name] = time.monotonic()

    long = threading.Thread(target=run, args=("long", long_text))
    long.start()
    time.sleep(0.3)
    asked = time.monotonic()
    run("short", "Kort setning her.")
    long.join()
    assert done["short"] - asked < 0.5 and done["short"] < done["long"] - 0.5


def test_connections_that_send_nothing_are_dropped(monkeypatch):
    import uvicorn

    from factcheck.service import guard

    monkeypatch.setattr(guard, "HEADER_TIMEOUT_S", 0.3)

    async def app(scope, receive, send):
        if scope["type"] == "http":
            await send({"type": "http.response.start", "status": 200, "headers": []})
            await send({"type": "http.response.body", "body": b"ok"})

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, http=guard.HeaderTimeout, log_level="error",
                                           limit_concurrency=8, lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        while not server.started:
            time.sleep(0.05)
        idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(20)]
        time.sleep(1.0)
        for sock in idle:
            sock.settimeout(2)
            assert sock.recv(1) == b""  # closed by the server
            sock.close()
        with socket.create_connection(("127.0.0.1", port)) as sock:
            sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            assert sock.recv(100).startswith(b"HTTP/1.1 200")
    finally:
        server.should_exit = True
        thread.join(5)


@pytest.fixture
def review_client(tmp_path):
    from factcheck.review.web import create_app

    store, _ = filled_store(tmp_path / "review.db")
    store.close()
    app = create_app(tmp_path / "review.db", reviewer="kari", allowed_hosts=["127.0.0.1", "localhost", "::1"])
    with TestClient(app, headers=LOCAL) as client:
        yield client


def test_review_pages_cannot_be_framed_and_have_a_csp(review_client):
    for path in ("/", "/claims/1", "/claims/999"):
        answer = review_client.get(path)
        assert answer.headers["x-frame-options"] == "DENY", path
        csp = answer.headers["content-security-policy"]
        assert "frame-ancestors 'none'" in csp and "default-src 'none'" in csp and "script-src" not in csp


def test_review_claim_ids_beyond_sqlite_integers_are_404_not_500(review_client):
    for path in (f"/claims/{2**63}", f"/api/claims/{2**64}", "/claims/-1", f"/?run={2**70}", "/?run=²"):
        assert review_client.get(path).status_code in (200, 404), path
    assert review_client.get(f"/claims/{2**63}").status_code == 404


def test_a_reviewer_name_that_is_no_valid_header_value_is_kept_not_a_500(review_client):
    import re

    page = review_client.get("/claims/1").text
    token = re.search(r'name="token" value="([^"]+)"', page).group(1)
    name = "Kari \x7f\x1b Ærlig 😀 ;=,"
    answer = review_client.post("/claims/1/decide", data={"action": "needs_expert", "reviewer": name, "token": token},
                                follow_redirects=False)
    assert answer.status_code == 303
    assert review_client.get("/api/claims/1").json()["history"][-1]["reviewer"] == name
    assert "Ærlig 😀 ;=," in review_client.get("/claims/1").text  # remembered through the cookie
