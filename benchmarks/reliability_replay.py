"""Replay each finding of issue 15 against the current code (part of benchmarks/reliability.py)."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from reliability_serve import free_port, running, send, serve_args

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
FORMULA_START = ("=", "+", "-", "@")


def transcript(path: Path, utterances: int, seed: int, speaker: str | None = None, text_of=None) -> Path:
    from make_transcript import make, write

    rows = make(utterances, seed=seed)
    for row in rows:
        if speaker:
            row["speaker"] = speaker
        if text_of:
            row["text"] = text_of(row["text"])
    write(rows, path, path.suffix.lstrip("."), malformed=0, seed=seed)
    return path


def rows_of(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def batch(report, env, inputs: list[Path], out: Path, *extra: str):
    from reliability import invoke

    return invoke(report, "replay", ["batch", *map(str, inputs), "-o", str(out), "--index", str(env.index),
                                     "--model", str(env.model), "-w", "1", "-q", *extra])


def item1_kill_nine(report, env, work: Path) -> None:
    from factcheck.review.store import ReviewStore

    first, second = transcript(work / "forste.tsv", 40, 5), transcript(work / "andre.tsv", 40, 6)
    out, db = work / "rader.jsonl", work / "kill.db"
    proc = subprocess.run([sys.executable, str(Path(__file__).with_name("kill_batch.py")), "andre", "400", str(out),
                           str(db), str(env.index), str(env.model), str(first), str(second)],
                          env=env.cli_env(), capture_output=True, timeout=600)
    report.tried("replay")
    with ReviewStore(db) as store:
        after_kill = {c.document.split("/")[0] for c in store.claims(flagged_only=False)}
    batch(report, env, [first, second], out, "--resume", "--review-db", str(db), "--chunk-chars", "400")
    claims = [r for r in rows_of(out) if r["checkworthy"]]
    with ReviewStore(db) as store:
        recorded = len(store.claims(flagged_only=False))
    report.rows_lost += max(0, len(claims) - recorded)
    ok = proc.returncode == -signal.SIGKILL and after_kill == {"forste"} and recorded == len(claims)
    report.replay("1 kill -9 with --review-db", ok, f"after the kill: {sorted(after_kill)} recorded; after --resume "
                  f"{recorded} of {len(claims)} claims in the review store")


def item2_one_bad_byte(report, env, work: Path) -> None:
    clean = transcript(work / "ren" / "debatt.csv", 201, 7)
    broken = work / "skadet" / "debatt.csv"
    broken.parent.mkdir()
    data = clean.read_bytes()
    at = data.index("å".encode()) + 1
    broken.write_bytes(data[:at] + data[at + 1:])  # "å" cut to its first byte: one truncated sequence
    batch(report, env, [clean], work / "ren.jsonl")
    result = batch(report, env, [broken], work / "skadet.jsonl")
    a, b = rows_of(work / "ren.jsonl"), rows_of(work / "skadet.jsonl")
    garbled = sum(x["text"] != y["text"] for x, y in zip(a, b)) - 1 + abs(len(a) - len(b))  # the broken sentence itself
    verdicts = sum(x["verdict"] != y["verdict"] for x, y in zip(a, b) if x["text"] == y["text"])
    report.garbled_rows += max(0, garbled)
    reported = "byte" in result.output and "line" in result.output
    report.replay("2 one bad byte in a 201-row CSV", garbled <= 0 and verdicts == 0 and reported,
                  f"{max(0, garbled)} garbled rows, {verdicts} verdicts changed, reported: {reported}")


def formula_cells(text: str) -> int:
    return sum(cell.startswith(FORMULA_START) for row in csv.reader(io.StringIO(text)) for cell in row)


def item3_4_8_injection(report, env, work: Path) -> None:
    from reliability import invoke

    evil = transcript(work / "ondsinnet.csv", 12, 8, speaker="=HYPERLINK(\"http://x\",\"Per [/x]\")",
                      text_of=lambda t: "=cmd|' /C calc'!A0 \x1b]0;pwned\x07" + t + " [applaus] [/x]")
    db = work / "inj.db"
    result = batch(report, env, [evil], work / "inj.csv", "--review-db", str(db))
    per = transcript(work / "per.csv", 6, 9, speaker="Per [/x]", text_of=lambda t: t + " \x1b[2J")
    summary = invoke(report, "replay", ["batch", str(per), "-o", str(work / "per.jsonl"), "--index", str(env.index),
                                        "--model", str(env.model), "-w", "1"])  # the summary table: no -q
    check = invoke(report, "replay", ["check", "-", "--index", str(env.index), "-f", "csv"],
                   "=HYPERLINK(\"http://x\") HAB ble etablert i 2022 [/x].".encode())
    from factcheck.review.store import ReviewStore

    with ReviewStore(db) as store:
        ids = [c.id for c in store.claims(flagged_only=False)]
        store.decide(ids[0], "needs_expert", note="=cmd|' /C calc'!A0", reviewer="@angriper")
        store.decide(ids[1], "confirmed", note="-2+3", reviewer="+1")
    export = invoke(report, "replay", ["review", "export", "--db", str(db), "-f", "csv"])
    cells = sum(formula_cells(t) for t in ((work / "inj.csv").read_text(encoding="utf-8"),
                                          (work / "inj.summary.csv").read_text(encoding="utf-8"),
                                          check.stdout, export.stdout))
    report.replay("3 CSV formula injection", cells == 0 and result.exit_code == 0 and export.exit_code == 0,
                  f"{cells} formula cells in batch CSV, summary CSV, check CSV and review export")
    table = invoke(report, "replay", ["check", "-", "--index", str(env.index)], "HAB ble etablert i Norge i 2022 [/x]. "
                   "Salen svarte [applaus].".encode())
    shown = table.exit_code == 0 and "[/x]" in table.stdout and "[applaus]" in table.stdout
    report.replay("4 Rich markup in user text", shown and summary.exit_code == 0 and "Per [/x]" in summary.stdout,
                  f"check exit {table.exit_code}, markup shown: {shown}; batch summary exit {summary.exit_code}")
    listed = invoke(report, "replay", ["review", "list", "--db", str(db), "--all"])
    shown_claim = invoke(report, "replay", ["review", "show", str(ids[0]), "--db", str(db)])
    escapes = sum(out.count("\x1b") + out.count("\x07") for out in (listed.stdout, shown_claim.stdout, summary.stdout))
    report.replay("8 terminal escapes in review list/show", escapes == 0 and listed.exit_code == shown_claim.exit_code == 0,
                  f"{escapes} control characters reached the terminal")


def item5_long_text(report, env) -> None:
    from reliability import invoke

    sentence = "HAB ble etablert i Norge i 2022 som et prøveprosjekt i Oslo og Bergen, og " * 6 + "det er bra. "
    text = (sentence * (1_100_000 // len(sentence) + 1)).encode()
    started = time.perf_counter()
    result = invoke(report, "replay", ["check", "-", "--index", str(env.index), "-f", "jsonl"], text)
    rows = result.stdout.count("\n")
    expected = 1_100_000 // len(sentence) + 1
    report.replay("5 a 1.1 M character text on the CLI", result.exit_code == 0 and rows == expected,
                  f"exit {result.exit_code}, {rows} of {expected} sentences in {time.perf_counter() - started:.0f} s")


def item7_serve(report, env) -> None:
    port = free_port()
    with running(serve_args(env), env.cli_env(), port) as proc:
        answers = {
            "1.5 M characters": send(port, "POST", "/check", json.dumps({"text": "Setning. " * 170_000}).encode(),
                                     {"Content-Type": "application/json"})[0],
            "lone surrogate": send(port, "POST", "/check", b'{"text": "HAB \\ud800."}', {"Content-Type": "application/json"})[0],
            "chunked 3 MB": _chunked(port, 3_000_000),
            "foreign Host": send(port, "GET", "/health", headers={"Host": "angriper.example"})[0],
        }
        for name, status in answers.items():
            report.tried("replay")
            if status >= 500:
                report.http_5xx.append(f"replay {name}: {status}")
        headers = send(port, "GET", "/health")[1]
        report.replay("5/11 bad requests to serve", answers == {"1.5 M characters": 413, "lone surrogate": 400,
                                                                "chunked 3 MB": 413, "foreign Host": 400}, str(answers))
        report.replay("6 serve refuses framing", headers.get("x-frame-options") == "DENY"
                      and "frame-ancestors 'none'" in headers.get("content-security-policy", ""), "headers checked")
        idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(70)]
        started = time.perf_counter()
        status = send(port, "GET", "/health", timeout=30)[0]
        health = time.perf_counter() - started
        for sock in idle:
            sock.close()
        report.replay("7 /health with 70 idle connections", status == 200 and health < 2, f"{status} in {health:.2f} s")
        long_text = json.dumps({"text": "HAB ble etablert i Norge i 2022 som et prøveprosjekt i Oslo. " * 2_500}).encode()
        done: dict = {}
        worker = threading.Thread(target=lambda: done.update(long=send(port, "POST", "/check", long_text,
                                                                         {"Content-Type": "application/json"})[0]))
        worker.start()
        time.sleep(1.0)
        started = time.perf_counter()
        short = send(port, "POST", "/check", b'{"text": "HAB ble etablert i 2022."}', {"Content-Type": "application/json"})[0]
        short_s = time.perf_counter() - started
        worker.join()
        report.tried("replay", 2)
        report.replay("7 a short check beside a 150k-character one", short == 200 and short_s < 5 and done["long"] == 200,
                      f"short answered {short} in {short_s:.2f} s; long {done['long']}")
        medium = json.dumps({"text": "HAB ble etablert i Norge i 2022 som et prøveprosjekt i Oslo. " * 600}).encode()
        worker = threading.Thread(target=lambda: done.update(term=send(port, "POST", "/check", medium,
                                                                         {"Content-Type": "application/json"})[0]))
        worker.start()
        time.sleep(1.0)
        started = time.perf_counter()
        proc.send_signal(signal.SIGTERM)
        code = proc.wait(30)
        exit_s = time.perf_counter() - started
        worker.join()
        report.tried("replay")
        if done["term"] >= 500:
            report.http_5xx.append(f"replay in-flight check at SIGTERM: {done['term']}")
        report.replay("7 SIGTERM with a check in flight", code == 0 and exit_s <= 10 and done["term"] == 200,
                      f"exit {code} after {exit_s:.1f} s; the in-flight check (600 sentences) got {done['term']}")


def _chunked(port: int, size: int) -> int:
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("POST", "/check", body=iter([b"x" * 65536] * (size // 65536)),
                     headers={"Content-Type": "application/json", "Host": f"127.0.0.1:{port}"}, encode_chunked=True)
        return conn.getresponse().status
    except (BrokenPipeError, ConnectionResetError):
        return 413  # refused before the whole body was sent
    finally:
        conn.close()


def item6_11_review_serve(report, env, db: Path) -> None:
    port = free_port()
    with running(["review", "serve", "--db", str(db)], env.cli_env(), port):
        headers = send(port, "GET", "/")[1]
        big = [send(port, "GET", path)[0] for path in (f"/claims/{2**63}", f"/api/claims/{2**64}", f"/?run={2**70}")]
        report.tried("replay", 4)
        report.http_5xx += [f"replay review id: {s}" for s in big if s >= 500]
    csp = headers.get("content-security-policy", "")
    report.replay("6 review page refuses framing", headers.get("x-frame-options") == "DENY"
                  and "frame-ancestors 'none'" in csp and "default-src 'none'" in csp, csp)
    report.replay("11 claim ids >= 2^63", big[:2] == [404, 404] and big[2] == 200, str(big))


def item9_index_swap(report, env, work: Path) -> None:
    from factcheck.index.store import PassageIndex

    index = work / "idx" / "index"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    shutil.copytree(env.index, index.with_name(f".index.old-{dead.pid}"))
    index.with_name(f".index.tmp-{dead.pid}").mkdir()
    loaded = PassageIndex.load(index)
    left = sorted(p.name for p in index.parent.iterdir())
    report.tried("replay")
    report.replay("9 kill between the two renames", len(loaded.passages) > 0 and left == ["index"], f"folders after: {left}")


FULL_DISK = ("import resource, signal, sys; signal.signal(signal.SIGXFSZ, signal.SIG_IGN); "
             "resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096)); sys.argv = ['factcheck', *sys.argv[1:]]; "
             "from factcheck.cli import run; run()")


def item11_files(report, env, work: Path) -> None:
    from factcheck.transcripts.readers import read_transcript
    from factcheck.transcripts.records import Columns

    path = work / "sitat.csv"
    path.write_text('id,speaker,text\n1,A,Hei der.\n2,B,"Dette er feil.\n3,C,Tre.\n4,D,Fire.\n5,E,Fem.\n', encoding="utf-8")
    t = read_transcript(path, Columns())
    lost, reported = 5 - len(t.utterances), len(t.problems)
    report.rows_lost += max(0, lost - reported)
    report.replay("11 unterminated CSV quote", lost == reported == 1, f"{lost} rows lost, {reported} reported")
    lines = [json.dumps({"id": n, "text": f"Setning {n}."}) for n in range(200)]
    path = work / "nul.jsonl"
    path.write_bytes("\n".join(lines).encode().replace(b"Setning 7.", b"Setning\x00 7."))
    t = read_transcript(path, Columns())
    report.rows_lost += 200 - len(t.utterances)
    report.replay("11 a NUL byte in a 200-row JSONL file", len(t.utterances) == 200, f"{len(t.utterances)} rows read")
    report.tried("replay", 2)
    article = work / "artikkel.txt"
    article.write_text("HAB ble etablert i Norge i 2022 som et prøveprosjekt i Oslo og Bergen. " * 300, encoding="utf-8")
    runs = {
        "check -o": ["check", str(article), "--index", str(env.index), "-f", "json", "-o", str(work / "ut.json")],
        "index": ["index", str(REPO / "corpus"), "--index", str(work / "full" / "idx"), "--model", str(env.model)],
    }
    for name, args in runs.items():
        proc = subprocess.run([sys.executable, "-c", FULL_DISK, *args], env=env.cli_env(), capture_output=True,
                              text=True, timeout=600)
        report.tried("replay")
        if "Traceback" in proc.stderr:
            report.tracebacks.append(f"replay full disk {name}: {proc.stderr.strip().splitlines()[-1][:200]}")
        last = proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else ""
        report.replay(f"11 full disk in {name}", proc.returncode == 1 and "Traceback" not in proc.stderr
                      and last.startswith("factcheck: "), last[:160])
    model = work / "modell"
    shutil.copytree(env.model, model)
    from reliability import invoke

    invoke(report, "replay", ["index", str(REPO / "corpus"), "--index", str(work / "idx-m"), "--model", str(model)])
    shutil.rmtree(model)
    proc = subprocess.run([sys.executable, "-m", "factcheck", "check", "-", "--index", str(work / "idx-m")],
                          input="HAB ble etablert.", env=env.cli_env(), capture_output=True, text=True, timeout=600)
    report.tried("replay")
    report.replay("11 a deleted model directory", "no longer exists" in proc.stderr and str(model) in proc.stderr,
                  proc.stderr.strip()[:160])


def replay_all(report, env) -> None:
    work = env.work / "replay"
    work.mkdir()
    os.environ.setdefault("FACTCHECK_SPACY_MODEL", "blank")
    item1_kill_nine(report, env, work)
    item2_one_bad_byte(report, env, work)
    item3_4_8_injection(report, env, work)
    item5_long_text(report, env)
    item7_serve(report, env)
    item6_11_review_serve(report, env, work / "inj.db")
    item9_index_swap(report, env, work)
    item11_files(report, env, work)
