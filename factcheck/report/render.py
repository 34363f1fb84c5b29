"""Render a CheckResult for people (terminal table, Markdown) and for programs (JSON, JSONL, CSV)."""

from __future__ import annotations

import csv
import io
import json

from ..results import CheckResult, ClaimResult, Evidence
from ..termsafe import markup, plain
from .labels import HEADERS, STANCE_LABELS, cited_place, verdict_label

FORMATS = ("table", "json", "jsonl", "csv", "md")
_STYLE = {"supported": "green", "contradicted": "bold red", "not_enough_info": "yellow"}
PIPE_WIDTH = 100  # a table written to a pipe or file: readable in an editor, pastes into an e-mail
MIN_WIDTH = 60
NEAREST_CHARS = 160  # how much of the closest passage a "not enough info" row quotes


def table_width() -> int:
    """The terminal's width ($COLUMNS first, as shells set it), PIPE_WIDTH when there is no terminal."""
    import shutil

    columns = shutil.get_terminal_size(fallback=(PIPE_WIDTH, 24)).columns
    return max(MIN_WIDTH, columns) if columns > 0 else PIPE_WIDTH


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + " …"


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
    from ..csvsafe import safe_frame

    safe_frame(result.to_dataframe(lang)).to_csv(buffer, index=False, quoting=csv.QUOTE_MINIMAL)
    return buffer.getvalue()


def _citation(claim: ClaimResult, lang: str = "nb") -> str:
    if not claim.evidence:
        return ""
    e = claim.evidence[0]
    title = f"[{plain(e.title)}]({plain(e.source)})" if e.source.startswith(("http://", "https://")) else plain(e.title)
    place = cited_place(e, lang) if e.page else f"{e.doc_id}, {HEADERS[lang]['chars']} {e.start}–{e.end}"
    where = f"{title} [{plain(place)}]"
    if claim.verdict == "not_enough_info":
        return f"{HEADERS[lang]['nearest']}: «{plain(_clip(e.text, NEAREST_CHARS))}» {where}"
    return where


def _evidence_line(item: ClaimResult, e: Evidence, lang: str) -> str:
    """The cited passage under a verdict; for "not enough info" the closest passage, quoted, so a
    reader sees what the corpus does say."""
    where = f"{markup(e.title)} · {markup(cited_place(e, lang))}"
    if item.verdict == "not_enough_info":
        return f"\n[dim]{HEADERS[lang]['nearest']}: «{markup(_clip(e.text, NEAREST_CHARS))}» ({where})[/]"
    return f"\n[dim]{markup(e.title)} ({STANCE_LABELS[lang][e.stance]}, {e.score:.2f}) · {markup(cited_place(e, lang))}[/]"


def _markdown(result: CheckResult, lang: str) -> str:
    h = HEADERS[lang]
    lines = [f"| # | {h['sentence']} | {h['verdict']} | {h['confidence']} | {h['reason']} | {h['evidence']} |",
             "|---|---|---|---|---|---|"]
    for n, item in enumerate(result.sentences(), 1):
        text = plain(item.text).replace("|", "\\|").replace("\n", " ")
        if isinstance(item, ClaimResult):
            reason = plain(item.reasons.get(lang, item.reason)).replace("|", "\\|")
            lines.append(f"| {n} | {text} | **{verdict_label(item.verdict, lang)}** | {item.confidence:.2f} | "
                         f"{reason} | {_citation(item, lang).replace('|', chr(92) + '|')} |")
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
    # wide enough for the longest word of a verdict or the header, so no label is cut at 80 columns
    words = [h["verdict"], *h["skipped"].split(), *(w for v in ("supported", "contradicted", "not_enough_info")
                                                     for w in verdict_label(v, lang).split())]
    table.add_column(h["verdict"], width=max(map(len, words)))
    table.add_column(h["reason"], ratio=4, overflow="fold")  # long document ids wrap, never cut
    for n, item in enumerate(result.sentences(), 1):
        if isinstance(item, ClaimResult):
            label = f"[{_STYLE[item.verdict]}]{verdict_label(item.verdict, lang)}[/]\n{item.confidence:.2f}"
            reason = markup(item.reasons.get(lang, item.reason))
            if item.evidence:
                reason += _evidence_line(item, item.evidence[0], lang)
            table.add_row(str(n), markup(item.text), label, reason)
        else:
            table.add_row(str(n), f"[dim]{markup(item.text)}[/]", f"[dim]{h['skipped']}[/]", f"[dim]{markup(item.to_dict(lang)['reason'])}[/]")
    console = Console(file=io.StringIO(), width=width or table_width(), force_terminal=color, color_system="auto" if color else None)
    console.print(table)
    counts = {v: sum(c.verdict == v for c in result.claims) for v in ("supported", "contradicted", "not_enough_info")}
    summary = ", ".join(f"{verdict_label(v, lang)}: {n}" for v, n in counts.items())
    console.print(f"{h['summary']}: {summary}; {h['skipped'].lower()}: {len(result.skipped)}")
    return console.file.getvalue()
