"""Render a CheckResult for people (terminal table, Markdown) and for programs (JSON, JSONL, CSV)."""

from __future__ import annotations

import csv
import io
import json

from ..results import CheckResult, ClaimResult
from .labels import HEADERS, STANCE_LABELS, verdict_label

FORMATS = ("table", "json", "jsonl", "csv", "md")
_STYLE = {"supported": "green", "contradicted": "bold red", "not_enough_info": "yellow"}


def render(result: CheckResult, fmt: str = "table", lang: str = "nb", width: int | None = None, color: bool = False) -> str:
    """The result as text in one of FORMATS."""
    if fmt == "json":
        return json.dumps(result.to_dict(lang), ensure_ascii=False, indent=2) + "\n"
    if fmt == "jsonl":
        return "".join(json.dumps(item.to_dict(lang), ensure_ascii=False) + "\n" for item in result.sentences())
    if fmt == "csv":
        return _csv(result, lang)
    if fmt == "md":
        return _markdown(result, lang)
    if fmt == "table":
        return _table(result, lang, width, color)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def _csv(result: CheckResult, lang: str) -> str:
    buffer = io.StringIO()
    result.to_dataframe(lang).to_csv(buffer, index=False, quoting=csv.QUOTE_MINIMAL)
    return buffer.getvalue()


def _citation(claim: ClaimResult) -> str:
    if not claim.evidence:
        return ""
    e = claim.evidence[0]
    return f"{e.title} [{e.doc_id}, tegn {e.start}–{e.end}]"


def _markdown(result: CheckResult, lang: str) -> str:
    h = HEADERS[lang]
    lines = [f"| # | {h['sentence']} | {h['verdict']} | {h['confidence']} | {h['reason']} | {h['evidence']} |",
             "|---|---|---|---|---|---|"]
    for n, item in enumerate(result.sentences(), 1):
        text = item.text.replace("|", "\\|")
        if isinstance(item, ClaimResult):
            reason = item.reasons.get(lang, item.reason).replace("|", "\\|")
            lines.append(f"| {n} | {text} | **{verdict_label(item.verdict, lang)}** | {item.confidence:.2f} | "
                         f"{reason} | {_citation(item)} |")
        else:
            lines.append(f"| {n} | {text} | – | – | {item.to_dict(lang)['reason']} | |")
    return "\n".join(lines) + "\n"


def _table(result: CheckResult, lang: str, width: int | None, color: bool) -> str:
    from rich.console import Console
    from rich.table import Table

    h = HEADERS[lang]
    table = Table(show_lines=True, expand=True)
    table.add_column("#", justify="right", width=3)
    table.add_column(h["sentence"], ratio=3)
    table.add_column(h["verdict"], ratio=1)
    table.add_column(h["reason"], ratio=4)
    for n, item in enumerate(result.sentences(), 1):
        if isinstance(item, ClaimResult):
            label = f"[{_STYLE[item.verdict]}]{verdict_label(item.verdict, lang)}[/]\n{item.confidence:.2f}"
            reason = item.reasons.get(lang, item.reason)
            if item.evidence and item.verdict != "not_enough_info":
                e = item.evidence[0]
                reason += f"\n[dim]{e.title} ({STANCE_LABELS[lang][e.stance]}, {e.score:.2f}) · {e.doc_id}:{e.start}–{e.end}[/]"
            table.add_row(str(n), item.text, label, reason)
        else:
            table.add_row(str(n), f"[dim]{item.text}[/]", f"[dim]{h['skipped']}[/]", f"[dim]{item.to_dict(lang)['reason']}[/]")
    console = Console(file=io.StringIO(), width=width or 120, force_terminal=color, color_system="auto" if color else None)
    console.print(table)
    counts = {v: sum(c.verdict == v for c in result.claims) for v in ("supported", "contradicted", "not_enough_info")}
    summary = ", ".join(f"{verdict_label(v, lang)}: {n}" for v, n in counts.items())
    console.print(f"{h['summary']}: {summary}; {h['skipped'].lower()}: {len(result.skipped)}")
    return console.file.getvalue()
