"""`factcheck serve` and `check --server`: a real server process on a free loopback port, tiny model."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from factcheck.index.store import build_index

TEXT = "HAB ble etablert i Norge i 2022 som et prøveprosjekt i Oslo og Bergen. Hva skjer etter 2026?"
MAX_BYTES = 20_000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cli(*args, stdin: str | None = None, env: dict | None = None):
    return subprocess.run([sys.executable, "-m", "factcheck", *args], input=stdin, capture_output=True, text=True,
                          timeout=300, env={**os.environ, **(env or {})})


def request(url: str, body: bytes | None = None, content_type: str = "application/json", method: str | None = None):
    """(status, parsed JSON body) of one request, 4xx/5xx included."""
    req = urllib.request.Request(url, data=body, method=method or ("POST" if body is not None else "GET"),
                                 headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(req, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


@pytest.fixture(scope="module")
def index_dir(tiny_model_dir, blank_nlp, tmp_path_factory):
    from factcheck.embedding.encoder import Encoder

    target = tmp_path_factory.mktemp("served") / "idx"
    corpus = os.path.join(os.path.dirname(__file__), "..", "corpus")
    build_index(corpus, target, Encoder(str(tiny_model_dir), backend="torch"), nlp=blank_nlp)
    return target


def start_server(index_dir, port: int) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-m", "factcheck", "serve", "--port", str(port), "--index", str(index_dir),
         "--max-bytes", str(MAX_BYTES)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"server exited early: {proc.stderr.read()}")
        try:
            if request(f"http://127.0.0.1:{port}/health")[0] == 200:
                return proc
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.3)
    proc.kill()
    raise AssertionError("server did not answer /health in time")


@pytest.fixture(scope="module")
def server_process(index_dir):
    port = free_port()
    proc = start_server(index_dir, port)
    yield f"http://127.0.0.1:{port}", proc
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture
def server(server_process):
    return server_process[0]


def test_health_names_the_model_and_index(server, index_dir):
    status, body = request(server + "/health")
    assert status == 200 and body["status"] == "ok"
    assert body["model_id"].startswith("path:") and body["passages"] > 0 and body["index"] == str(index_dir)


@pytest.fixture(scope="module")
def local(index_dir):
    """What `factcheck check --index INDEX_DIR` would print, rendered in this process."""
    from factcheck.api import FactChecker
    from factcheck.report.render import render

    checker = FactChecker.load(index_dir, progress=None, top_k=3)  # the CLI's default top-k
    result = checker.check(TEXT)
    return lambda fmt, lang="nb": render(result, fmt, lang)


def test_check_answers_with_the_json_contract_of_the_cli(server, local):
    status, body = request(server + "/check", json.dumps({"text": TEXT}).encode())
    assert status == 200
    assert body == json.loads(local("json"))
    english = request(server + "/check", json.dumps({"text": TEXT, "lang": "en", "top_k": 1}).encode())[1]
    assert english["skipped"][0]["reason"] != body["skipped"][0]["reason"]
    assert len(english["claims"][0]["evidence"]) == 1


def test_check_with_server_renders_every_format_as_a_local_check(server, local):
    for fmt in ("json", "jsonl", "csv", "md"):
        remote = cli("check", "-", "--server", server, "-f", fmt, "--lang", "en", stdin=TEXT)
        assert remote.returncode == 0, remote.stderr
        assert remote.stdout == local(fmt, "en"), fmt
    via_env = cli("check", "-", "-f", "json", stdin=TEXT, env={"FACTCHECK_SERVER": server})
    assert via_env.returncode == 0 and json.loads(via_env.stdout)["claims"][0]["text"] == TEXT.split(" Hva")[0]


@pytest.mark.parametrize(
    "body,content_type,status,detail",
    [
        (b'{"text": "   "}', "application/json", 400, "empty"),
        (b'{"tekst": "HAB"}', "application/json", 422, "text"),
        (b'{"text": "HAB", "lang": "de"}', "application/json", 422, "lang"),
        (b'{"text": "HAB", "top_k": 0}', "application/json", 422, "top_k"),
        (b'{"text": ', "application/json", 400, "not valid JSON"),
        (b"HAB ble etablert i 2022.", "text/plain", 415, "JSON"),
        (json.dumps({"text": "HAB ble etablert. " * 2000}).encode(), "application/json", 413, "limit"),
    ],
)
def test_bad_requests_get_a_clear_4xx(server, body, content_type, status, detail):
    got, answer = request(server + "/check", body, content_type)
    assert got == status
    assert detail in answer["detail"] and "\n" not in answer["detail"]


def test_openapi_describes_the_endpoints(server):
    status, spec = request(server + "/openapi.json")
    assert status == 200 and {"/check", "/health"} <= spec["paths"].keys()
    assert "CheckResponse" in json.dumps(spec)


def test_client_errors_are_one_line(server):
    down = cli("check", "-", "--server", f"http://127.0.0.1:{free_port()}", stdin=TEXT)
    assert down.returncode == 1 and "cannot reach the server" in down.stderr
    assert len(down.stderr.strip().splitlines()) == 1
    large = cli("check", "-", "--server", server, stdin="HAB ble etablert.\n" * 2000)  # over the server's size limit
    assert large.returncode == 1 and "limit" in large.stderr and "Traceback" not in large.stderr
    both = cli("check", "-", "--server", server, "--index", "/tmp", stdin=TEXT)
    assert both.returncode == 2 and "--index" in both.stderr


def test_a_busy_port_fails_before_loading_anything(server):
    port = server.rsplit(":", 1)[1]
    started = time.monotonic()
    out = cli("serve", "--port", port)
    assert out.returncode == 1 and f"127.0.0.1:{port}" in out.stderr and "Traceback" not in out.stderr
    assert time.monotonic() - started < 30


def test_sigterm_stops_the_server_gracefully(server_process):  # keep last: it stops the module's server
    """Issue 15.7: the check in flight finishes, and the process is gone within the 10 s grace period."""
    import threading

    url, proc = server_process
    answers = []
    # ~4 s of checking here (each claim reads api.JUDGED passages): in flight at the signal, done well within
    # the grace period (a check still running near its end answers 503 by design: test_robust_service.py)
    body = json.dumps({"text": "HAB ble etablert i Norge i 2022 som et prøveprosjekt. " * 150}).encode()
    in_flight = threading.Thread(target=lambda: answers.append(request(url + "/check", body)[0]))
    in_flight.start()
    time.sleep(0.5)
    started = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=30) == 0
    assert time.monotonic() - started <= 10
    in_flight.join()
    assert answers == [200]
    assert "stopped" in proc.stderr.read()
