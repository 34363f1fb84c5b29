"""Fuzz the two servers over real sockets: `factcheck serve` and `factcheck review serve`.

Part of benchmarks/reliability.py. Every answer must be below 500; every decision the
review page accepted (303) must be in the database afterwards.
"""

from __future__ import annotations

import http.client
import json
import random
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from contextlib import contextmanager
from urllib.parse import quote, urlencode


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def send(port: int, method: str, path: str, body: bytes | None = None, headers: dict | None = None,
         timeout: float = 120) -> tuple[int, dict, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers={"Host": f"127.0.0.1:{port}", **(headers or {})})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


@contextmanager
def running(args: list[str], env: dict, port: int):
    """A server process, up once /health (or /) answers; stopped with SIGTERM afterwards."""
    proc = subprocess.Popen([sys.executable, "-m", "factcheck", *args, "--port", str(port)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    path = "/health" if args[0] == "serve" else "/"
    deadline = time.monotonic() + 240
    while True:
        try:
            if send(port, "GET", path, timeout=5)[0] == 200:
                break
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError(f"{args[0]} did not start: {proc.stderr.read()[-2000:]}")
        time.sleep(0.3)
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def note_answer(report, surface: str, status: int, what: str) -> None:
    report.tried(surface)
    if status >= 500:
        report.http_5xx.append(f"{surface} {status}: {what[:200]}")


def serve_args(env) -> list[str]:
    return ["serve", "--index", str(env.index), "--model", str(env.model), "--max-bytes", "2000000"]


def fuzz_serve(report, env, examples: int, texts, encode) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    rng = random.Random(3)
    port = free_port()
    bodies = st.one_of(
        texts().map(lambda t: {"text": t}),
        st.fixed_dictionaries({"text": texts(), "lang": st.sampled_from(["nb", "en", "de", 5, None]),
                               "top_k": st.one_of(st.none(), st.integers(-5, 50), st.just("3"))}),
        st.dictionaries(st.text(max_size=5), st.one_of(st.text(max_size=20), st.integers(), st.none()), max_size=3),
        st.binary(max_size=200),
    )

    with running(serve_args(env), env.cli_env(), port):
        @settings(max_examples=examples, deadline=None, database=None, derandomize=True,
                  suppress_health_check=list(HealthCheck))
        @given(bodies)
        def one(body):
            if isinstance(body, bytes):
                data, kind = body, rng.choice(["application/json", "text/plain", "application/x-www-form-urlencoded"])
            else:
                data, kind = json.dumps(body, ensure_ascii=rng.random() < 0.5).encode("utf-8"), "application/json"
            status, _, answer = send(port, "POST", "/check", data, {"Content-Type": kind})
            note_answer(report, "serve", status, repr(body))
            if status == 200 and isinstance(body, dict) and isinstance(body.get("text"), str):
                result = json.loads(answer)
                for item in result["claims"] + result["skipped"]:
                    if body["text"][item["start"]:item["end"]] != item["text"]:
                        report.garbled_rows += 1

        one()
        for method, path in [("GET", "/nope"), ("PUT", "/check"), ("GET", "/check"), ("DELETE", "/health"),
                             ("GET", "/%ff%fe"), ("GET", "/health?x=" + quote("\x00\u202e"))]:
            note_answer(report, "serve", send(port, method, path)[0], f"{method} {path}")


def fuzz_review(report, env, examples: int, texts) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    db = env.work / "review.db"
    with sqlite3.connect(db) as conn:
        ids = [row[0] for row in conn.execute("SELECT id FROM claims")]
        before = conn.execute("SELECT count(*) FROM decisions").fetchone()[0]
    if not ids:
        raise RuntimeError("the batch fuzzing recorded no claims to review")
    port = free_port()
    accepted = 0
    with running(["review", "serve", "--db", str(db)], env.cli_env(), port):
        page = send(port, "GET", f"/claims/{ids[0]}")[2].decode("utf-8")
        token = re.search(r'name="token" value="([^"]+)"', page).group(1)
        actions = st.sampled_from(["confirm", "overrule", "needs_expert", "reopen", "note"] * 3 + ["delete", ""])
        verdicts = st.sampled_from(["supported", "contradicted", "not_enough_info"] * 3 + ["", "sant"])
        # mostly well-formed decisions (so that "decisions lost" measures something), some hostile ones
        claim = st.one_of(*[st.sampled_from(ids)] * 4, st.integers(-3, 2**64), st.sampled_from(["abc", "1e3", "²"]))
        token_right = st.sampled_from([True] * 9 + [False])
        request = st.tuples(claim, actions, verdicts, texts(), st.one_of(st.just(""), texts()), token_right,
                            st.dictionaries(st.sampled_from(["status", "verdict", "speaker", "source", "run", "all"]),
                                            st.text(max_size=12), max_size=3))

        @settings(max_examples=examples, deadline=None, database=None, derandomize=True,
                  suppress_health_check=list(HealthCheck))
        @given(request)
        def one(req):
            nonlocal accepted
            claim_id, action, verdict, note, reviewer, good_token, query = req
            form = urlencode({"action": action, "verdict": verdict, "note": note, "reviewer": reviewer,
                              "token": token if good_token else "x"}).encode()
            status, _, _ = send(port, "POST", f"/claims/{quote(str(claim_id))}/decide", form,
                                {"Content-Type": "application/x-www-form-urlencoded"})
            note_answer(report, "review-serve", status, repr(req))
            accepted += status == 303
            for path in (f"/?{urlencode(query)}", f"/claims/{quote(str(claim_id))}", f"/api/claims?{urlencode(query)}"):
                note_answer(report, "review-serve", send(port, "GET", path)[0], path)

        one()
    with sqlite3.connect(db) as conn:
        after = conn.execute("SELECT count(*) FROM decisions").fetchone()[0]
    report.decisions_lost += max(0, accepted - (after - before))
    report.decisions_accepted += accepted
    print(f"  review serve: {accepted} decisions accepted, {after - before} in the database", flush=True)


def fuzz_servers(report, env, examples: int, texts, encode) -> None:
    fuzz_serve(report, env, examples, texts, encode)
    fuzz_review(report, env, examples, texts)
