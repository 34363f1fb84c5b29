"""Reliability: replay the faults of issue 15 and fuzz `check`, `batch`, `serve` and `review serve`.

Run:  nice .venv/bin/python benchmarks/reliability.py [--examples 150] [--json benchmarks/results/reliability.json]

Counts what must stay zero: tracebacks (an exception instead of a one-line message),
HTTP 5xx answers, rows or review decisions lost, garbled rows (a row whose text is not
the input's text at its offsets). The fuzzed inputs come from hypothesis: Norwegian
sentences mixed with Rich markup, terminal escapes, spreadsheet formulas, NUL bytes,
stray carriage returns, any Unicode, encoded as UTF-8, Windows-1252 or UTF-8 with one
bad byte. The replays (benchmarks/reliability_replay.py) redo each finding of the issue.

The checker is the tests' tiny model with spaCy's blank pipeline: the faults live in
reading, writing and serving, and a fast checker lets hundreds of inputs through in minutes.
"""

from __future__ import annotations

import argparse
import csv
import functools
import io
import json
import os
import random
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path[:0] = [str(REPO), str(REPO / "tests"), str(HERE)]

SENTENCES = ["HAB ble etablert i Norge i 2022 som et prøveprosjekt i Oslo og Bergen.",
             "Det må være lov å si at bøndene får støtte.", "Hva skjer etter 2026?",
             "Ordningen koster 30 millioner kroner i året.", "Vi må gjøre mer for Ørland og Bodø."]
SPECIALS = ["[/x]", "[applaus]", "[bold red]", "\x1b]0;pwned\x07", "\x1b[2J", "=HYPERLINK(\"http://x\",\"klikk\")",
            "=cmd|' /C calc'!A0", "+1", "-2", "@SUM(1)", "\x00", "\r", "\r\n", "\u202e", "\ufeff", "\t", "\"", "'",
            "Per [/x]:", "😀", "ﬁ", "ß", "\u0301", "A" * 700, "x" * 40 + " " + "y" * 40]


@dataclass
class Report:
    inputs: dict[str, int] = field(default_factory=dict)
    tracebacks: list[str] = field(default_factory=list)
    http_5xx: list[str] = field(default_factory=list)
    rows_lost: int = 0
    lost_examples: list[str] = field(default_factory=list)
    decisions_lost: int = 0
    decisions_accepted: int = 0
    garbled_rows: int = 0
    replays: list[dict] = field(default_factory=list)

    def tried(self, surface: str, n: int = 1) -> None:
        self.inputs[surface] = self.inputs.get(surface, 0) + n

    def replay(self, item: str, ok: bool, detail: str) -> None:
        self.replays.append({"item": item, "ok": bool(ok), "detail": detail})
        print(f"  [{'ok' if ok else 'FAIL'}] {item}: {detail}", flush=True)

    def to_dict(self) -> dict:
        return {"inputs_tried": sum(self.inputs.values()), "inputs_by_surface": self.inputs,
                "tracebacks": len(self.tracebacks), "http_5xx": len(self.http_5xx), "rows_lost": self.rows_lost,
                "decisions_lost": self.decisions_lost, "decisions_accepted": self.decisions_accepted,
                "garbled_rows": self.garbled_rows,
                "replays_failed": sum(not r["ok"] for r in self.replays), "replays": self.replays,
                "traceback_examples": self.tracebacks[:10], "http_5xx_examples": self.http_5xx[:10],
                "lost_examples": self.lost_examples[:10]}


# ---------- the environment: a tiny model, its index, a cached checker ----------

@dataclass
class Env:
    work: Path
    model: Path
    index: Path

    def cli_env(self) -> dict:
        return {**os.environ, "FACTCHECK_HOME": str(self.work / "home"), "FACTCHECK_SPACY_MODEL": "blank",
                "PYTHONPATH": str(REPO)}


def prepare(work: Path) -> Env:
    from tiny_model import build_tiny_model

    from factcheck.embedding.encoder import Encoder
    from factcheck.index.store import build_index
    from factcheck.text.nlp import load_nlp

    os.environ.update({"FACTCHECK_HOME": str(work / "home"), "FACTCHECK_SPACY_MODEL": "blank"})
    texts = [p.read_text(encoding="utf-8") for p in (REPO / "corpus").glob("*.txt")]
    model = build_tiny_model(work / "model", texts)
    build_index(REPO / "corpus", work / "index", Encoder(str(model), backend="torch"), nlp=load_nlp("blank"))
    from factcheck.api import FactChecker

    load = FactChecker.load.__func__

    @functools.lru_cache(maxsize=4)
    def cached(index, model, top_k):
        return load(FactChecker, index, model, top_k=top_k)

    FactChecker.load = classmethod(lambda cls, index=None, model=None, top_k=3, **_: cached(
        str(index) if index else None, model, top_k))  # the CLI loads once per process; here once per run
    return Env(work, model, work / "index")


def invoke(report: Report, surface: str, args: list[str], stdin: bytes | None = None):
    """Run the CLI in this process; an exception other than a clean exit is a traceback."""
    from typer.testing import CliRunner

    from factcheck.cli import app

    result = CliRunner().invoke(app, args, input=stdin)
    report.tried(surface)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        report.tracebacks.append(f"{surface} {args[:3]}: {type(result.exception).__name__}: {result.exception}"[:300])
    return result


# ---------- fuzzed text ----------

def texts():
    from hypothesis import strategies as st

    piece = st.one_of(st.sampled_from(SENTENCES), st.sampled_from(SPECIALS),
                      st.text(st.characters(blacklist_categories=("Cs",)), max_size=40))
    return st.lists(piece, min_size=1, max_size=8).map(" ".join)


def encode(text: str, how: str, rng: random.Random) -> tuple[bytes, str]:
    """(bytes, how they came out: "utf-8", "cp1252" or "broken" with one bad byte put in)."""
    data = text.encode("utf-8")
    if how == "cp1252":
        try:
            return text.encode("cp1252"), "cp1252"
        except UnicodeEncodeError:
            return data, "utf-8"
    if how == "bad-byte" and len(data) > 2:
        at = rng.randrange(len(data))
        return data[:at] + b"\xc3" + data[at:], "broken"
    return data, "utf-8"


def normalised(text: str) -> str:
    """What the readers make of a file's text: no byte order mark, line breaks unified, NULs removed."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")


def fuzz(examples: int, body):
    from hypothesis import HealthCheck, given, settings

    run = settings(max_examples=examples, deadline=None, database=None, derandomize=True,
                   suppress_health_check=list(HealthCheck))(given(body[0])(body[1]))
    run()


def fuzz_check(report: Report, env: Env, examples: int) -> None:
    rng = random.Random(1)

    def one(text):
        data, how = encode(text, rng.choice(["utf-8", "utf-8", "cp1252", "bad-byte"]), rng)
        fmt = rng.choice(["json", "json", "table", "csv", "md", "jsonl"])
        result = invoke(report, "check", ["check", "-", "--index", str(env.index), "-f", fmt], data)
        if result.exit_code not in (0, 1):
            report.tracebacks.append(f"check exit {result.exit_code}")
        if fmt == "json" and result.exit_code == 0 and how != "broken":
            source = normalised(text)
            data_out = json.loads(result.stdout)
            for item in data_out["claims"] + data_out["skipped"]:
                if source[item["start"]:item["end"]] != item["text"]:
                    report.garbled_rows += 1

    fuzz(examples, (texts(), one))


def fuzz_batch(report: Report, env: Env, examples: int) -> None:
    from hypothesis import strategies as st

    rng, counter = random.Random(2), iter(range(10**6))

    def one(rows):
        n = next(counter)
        fmt = rng.choice(["csv", "tsv", "jsonl"])
        folder = env.work / "batch" / str(n)
        folder.mkdir(parents=True)
        path = folder / f"debatt{n}.{fmt}"
        records = [{"id": str(i + 1), "speaker": speaker, "text": text} for i, (speaker, text) in enumerate(rows)]
        if fmt == "jsonl":
            raw = "\n".join(json.dumps(r, ensure_ascii=False) for r in records)
        else:
            buffer = io.StringIO()
            # QUOTE_MINIMAL leaves a bare carriage return unquoted (a broken file, reported as such)
            quoting = csv.QUOTE_MINIMAL if rng.random() < 0.25 else csv.QUOTE_ALL
            writer = csv.DictWriter(buffer, ["id", "speaker", "text"], delimiter="\t" if fmt == "tsv" else ",",
                                    lineterminator="\n", quoting=quoting)
            writer.writeheader()
            writer.writerows(records)
            raw = buffer.getvalue()
        data, how = encode(raw, rng.choice(["utf-8", "utf-8", "cp1252", "bad-byte"]), rng)
        path.write_bytes(data)
        out = folder / "rader.jsonl"
        result = invoke(report, "batch", ["batch", str(path), "-o", str(out), "--index", str(env.index), "--model",
                                          str(env.model), "-w", "1", "-q", "--review-db", str(env.work / "review.db")])
        report.tried("batch-rows", len(records) - 1)  # rows inside this input (the first was counted with the file)
        if result.exit_code not in (0, 1) or not out.exists():
            return
        out_rows = [json.loads(line) for line in out.read_text(encoding="utf-8").split("\n") if line]
        if how == "broken":
            return  # one row holds a replaced byte (reported); the clean runs are the measure
        seen = {r["utterance_id"] for r in out_rows}
        # JSON keeps \r and NUL as escapes, so only CSV/TSV text goes through the byte-level tidying
        text_of = {r["id"]: r["text"] if fmt == "jsonl" else normalised(r["text"]) for r in records}
        lost = [r for r in records if text_of[r["id"]].strip() and r["id"] not in seen]
        reported = sum("row not read" in line for line in result.output.splitlines())
        report.rows_lost += max(0, len(lost) - reported)  # a row named in the problem list is not lost silently
        report.lost_examples += [f"{fmt}/{how} row {r['id']} ({reported} reported): {r!r}"[:300] for r in lost]
        report.garbled_rows += sum(text_of.get(r["utterance_id"], "")[r["start"]:r["end"]] != r["text"] for r in out_rows)

    speaker = st.one_of(st.sampled_from(["Kari Nordmann", "Per [/x]", "=HYPERLINK(1)", "@Ola", "\x1b[2JOla", ""]),
                        st.text(st.characters(blacklist_categories=("Cs",)), max_size=10))
    rows = st.lists(st.tuples(speaker, texts()), min_size=1, max_size=6)
    fuzz(examples, (rows, one))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=150, help="fuzzed inputs per surface (4 surfaces)")
    parser.add_argument("--json", type=Path, default=HERE / "results" / "reliability.json")
    args = parser.parse_args()
    import reliability_replay as replay
    import reliability_serve as serving

    report = Report()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="reliability-") as tmp:
        env = prepare(Path(tmp))
        print(f"fuzzing check ({args.examples})", flush=True)
        fuzz_check(report, env, args.examples)
        print(f"fuzzing batch ({args.examples // 3} transcripts)", flush=True)
        fuzz_batch(report, env, args.examples // 3)
        print(f"fuzzing serve and review serve ({args.examples} each)", flush=True)
        serving.fuzz_servers(report, env, args.examples, texts, encode)
        print("replaying the issue's findings", flush=True)
        replay.replay_all(report, env)
    result = {**report.to_dict(), "seconds": round(time.perf_counter() - started, 1),
              "checker": "tests/tiny_model.py + spaCy blank", "examples_per_surface": args.examples}
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in result.items() if k not in ("replays",)}, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
