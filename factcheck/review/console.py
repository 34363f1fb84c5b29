"""Terminal views of the review store: the list of claims and one claim with its evidence."""

from __future__ import annotations

import io

from ..termsafe import markup as escape
from ..termsafe import plain
from .highlight import segments
from .labels import STANCE_LABELS, WORDS, flag_labels, status_label, verdict_label
from .store import ReviewedClaim

VERDICT_STYLE = {"supported": "green", "contradicted": "bold red", "not_enough_info": "yellow"}
STATUS_STYLE = {"open": "bold", "confirmed": "green", "overruled": "magenta", "needs_expert": "cyan"}
MARK_STYLE = {"shared": "bold underline", "number_same": "bold green", "number_other": "bold red reverse"}
PLAIN_MARK = {"shared": "[{}]", "number_same": "[{}]", "number_other": "**{}**"}  # marks without colour


def _console(width: int | None, color: bool):
    from rich.console import Console

    return Console(file=io.StringIO(), width=width or 120, force_terminal=color,
                   color_system="auto" if color else None, highlight=False)


def _verdict(verdict: str | None, lang: str) -> str:
    return f"[{VERDICT_STYLE[verdict]}]{verdict_label(verdict, lang)}[/]" if verdict else "–"


def render_list(claims: list[ReviewedClaim], lang: str = "nb", width: int | None = None, color: bool = False) -> str:
    from rich.table import Table

    w = WORDS[lang]
    console = _console(width, color)
    if not claims:
        console.print(w["no_claims"])
        return console.file.getvalue()
    table = Table(show_lines=True, expand=True)
    table.add_column(w["id"], justify="right", width=4)
    table.add_column(w["claim"], ratio=5)
    table.add_column(w["verdict"], min_width=9)
    table.add_column(w["status"], min_width=15)
    table.add_column(w["reviewer_verdict"], min_width=17)
    table.add_column(w["note"], ratio=3)
    table.add_column(w["source"], ratio=2, overflow="fold")
    for c in claims:
        status = f"[{STATUS_STYLE[c.status]}]{status_label(c.status, lang)}[/]"
        if c.reviewer:
            status += f"\n[dim]{escape(c.reviewer)}[/]"
        where = escape(c.document) + (f"\n[dim]{escape(c.speaker)}[/]" if c.speaker else "")
        table.add_row(str(c.id), escape(c.text), f"{_verdict(c.verdict, lang)}\n{c.confidence:.2f}", status,
                      _verdict(c.reviewer_verdict, lang), escape(c.note or ""), where)
    console.print(table)
    return console.file.getvalue()


def render_claim(claim: ReviewedClaim, lang: str = "nb", width: int | None = None, color: bool = False) -> str:
    """The claim, why it was flagged, each cited passage with the claim's words and figures marked, the history."""
    from rich.text import Text

    w = WORDS[lang]
    console = _console(width, color)
    console.print(f"[bold]#{claim.id}[/]  {escape(claim.text)}")
    console.print(f"{w['checker_said']}: {_verdict(claim.verdict, lang)} ({claim.confidence:.2f}) — "
                  f"{escape(claim.reasons.get(lang, claim.reasons['nb']))}")
    if claim.flags:
        console.print(f"{w['flags']}: {flag_labels(claim.flags, lang)}")
    where = f"{w['source']}: {escape(claim.document)}, {w['run'].lower()} {claim.run_id} ({claim.run_at})"
    if claim.speaker:
        where += f", {w['speaker'].lower()}: {escape(claim.speaker)}"
    console.print(where)
    status = f"{w['status']}: [{STATUS_STYLE[claim.status]}]{status_label(claim.status, lang)}[/]"
    if claim.reviewer_verdict:
        status += f" → {_verdict(claim.reviewer_verdict, lang)}"
    console.print(status)
    if claim.note:
        console.print(f"{w['note']}: {escape(claim.note)}")
    console.print(f"\n[bold]{w['evidence']}[/]")
    for n, e in enumerate(claim.evidence, 1):
        console.print(f"[{n}] {escape(e.title)} · {escape(e.doc_id)}:{e.start}–{e.end} · "
                      f"{STANCE_LABELS[lang][e.stance]} ({e.score:.2f})")
        passage = Text("    ")
        for piece, kind in segments(plain(claim.text), plain(e.text)):
            passage.append(piece if color or not kind else PLAIN_MARK[kind].format(piece), style=MARK_STYLE.get(kind, ""))
        console.print(passage)
        for f in e.findings:
            if f["effect"] != "neutral" or f["kind"] == "entity":
                console.print(f"    [dim]{escape(f['message'].get(lang, f['message']['nb']))}[/]")
    console.print(f"\n[bold]{w['history']}[/]")
    if not claim.history:
        console.print(f"  {w['no_history']}")
    for d in claim.history:
        line = f"  {escape(d.decided_at)}  {escape(d.reviewer)}: {status_label(d.status, lang)}"
        if d.reviewer_verdict:
            line += f" → {verdict_label(d.reviewer_verdict, lang)}"
        if d.note:
            line += f" — «{escape(d.note)}»"
        console.print(line)
    return console.file.getvalue()
