"""Counts per speaker, per party and for the whole run: a terminal table and a CSV.

Fed row by row (rows restored by --resume included), so the summary always describes
the whole output file, and says how many rows were read, checked and skipped, and why.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..csvsafe import safe_row
from ..termsafe import markup
from ..textio import write_text_atomically
from .labels import skip_reason, verdict_label, word
from .records import FILE, ROW, Problem

VERDICTS = ("supported", "contradicted", "not_enough_info")
CSV_COLUMNS = ("group", "speaker", "party", "sentences", "claims_checked", *VERDICTS, "not_checked")


@dataclass
class Counts:
    sentences: int = 0
    claims_checked: int = 0
    supported: int = 0
    contradicted: int = 0
    not_enough_info: int = 0
    not_checked: int = 0

    def add(self, row: dict) -> None:
        self.sentences += 1
        if row.get("checkworthy"):
            self.claims_checked += 1
            setattr(self, row["verdict"], getattr(self, row["verdict"]) + 1)
        else:
            self.not_checked += 1


class Tally:
    def __init__(self):
        self.by_speaker: dict[tuple[str, str], Counts] = {}
        self.by_party: dict[str, Counts] = {}
        self.total = Counts()
        self.skip_reasons: Counter[str] = Counter()
        self.flagged: list[dict] = []
        self.done: set[tuple[str, str]] = set()

    def add(self, row: dict) -> None:
        """Count one sentence row; a procedural line (the chair's) counts in the total only, not for
        its speaker or party: chairing a debate is not taking part in it."""
        speaker, party = row.get("speaker") or "", row.get("party") or ""
        groups = [self.total]
        if row.get("reason_code") != "procedural":
            groups += [self.by_speaker.setdefault((speaker, party), Counts()), self.by_party.setdefault(party, Counts())]
        for counts in groups:
            counts.add(row)
        if not row.get("checkworthy"):
            self.skip_reasons[row.get("reason_code") or "other"] += 1
        elif row.get("flags"):  # set by factcheck.review.flags: contradicted, low confidence, number mismatch
            self.flagged.append(row)
        self.done.add((row["transcript_id"], row["utterance_id"]))


@dataclass
class RunStats:
    """What happened to the input, for the 'nothing silently dropped' account."""

    files: int = 0
    files_failed: int = 0
    rows_read: int = 0
    rows_rejected: int = 0
    utterances: int = 0
    empty_utterances: int = 0
    resumed_utterances: int = 0
    sentences_this_run: int = 0
    seconds: float = 0.0
    interrupted: bool = False
    problems: list[Problem] = field(default_factory=list)

    def count_problems(self) -> None:
        self.rows_rejected = sum(p.kind == ROW for p in self.problems)
        self.files_failed = sum(p.kind == FILE for p in self.problems)


def _ordered(groups: dict, key=lambda item: item) -> list:
    return sorted(groups.items(), key=lambda kv: (-kv[1].claims_checked, -kv[1].sentences, key(kv[0])))


def write_summary_csv(tally: Tally, path: Path) -> None:
    """One CSV with a `group` column: speaker rows, party rows, then the total (stable English keys)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    numbers = lambda c: [getattr(c, k) for k in CSV_COLUMNS[3:]]  # noqa: E731
    for (speaker, party), counts in _ordered(tally.by_speaker):
        writer.writerow(safe_row(["speaker", speaker, party, *numbers(counts)]))
    for party, counts in _ordered(tally.by_party):
        writer.writerow(safe_row(["party", "", party, *numbers(counts)]))
    writer.writerow(["total", "", "", *numbers(tally.total)])
    write_text_atomically(path, buffer.getvalue())


def _table(title: str, first: list[str], groups: list[tuple[list[str], Counts]], total: Counts, lang: str):
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    for name in first:
        table.add_column(name)
    headers = [word("sentences", lang), word("claims", lang), *(verdict_label(v, lang) for v in VERDICTS), word("not_checked", lang)]
    for name in headers:
        table.add_column(name, justify="right")
    numbers = lambda c: [str(getattr(c, k)) for k in CSV_COLUMNS[3:]]  # noqa: E731
    for labels, counts in groups:
        table.add_row(*(markup(label) for label in labels), *numbers(counts))
    table.add_section()
    table.add_row(word("total", lang), *[""] * (len(first) - 1), *numbers(total), style="bold")
    return table


def render_summary(tally: Tally, stats: RunStats, lang: str = "nb", width: int = 120, color: bool = False,
                   max_speakers: int = 40) -> str:
    """The per-speaker and per-party tables and the account of the input, as terminal text."""
    from rich.console import Console

    console = Console(file=io.StringIO(), width=width, force_terminal=color, color_system="auto" if color else None)
    unknown, no_party = word("unknown", lang), word("none", lang)
    speakers = [([s or unknown, p], c) for (s, p), c in _ordered(tally.by_speaker)]
    if len(speakers) > max_speakers:  # the CSV has them all
        speakers = speakers[:max_speakers]
    console.print(_table(word("per_speaker", lang), [word("speaker", lang), word("party", lang)], speakers, tally.total, lang))
    parties = [([p or no_party], c) for p, c in _ordered(tally.by_party)]
    console.print(_table(word("per_party", lang), [word("party", lang)], parties, tally.total, lang))
    console.print(markup(account(tally, stats, lang)))
    return console.file.getvalue()


def account(tally: Tally, stats: RunStats, lang: str = "nb") -> str:
    """Where every row went: read, rejected, empty, checked, skipped and why."""
    w = lambda k: word(k, lang)  # noqa: E731
    lines = [
        f"{w('files')}: {stats.files}" + (f"; {w('files_failed').lower()}: {stats.files_failed}" if stats.files_failed else ""),
        f"{w('rows')}: {stats.rows_read}; {w('rows_rejected').lower()}: {stats.rows_rejected}; "
        f"{w('empty').lower()}: {stats.empty_utterances}",
        f"{w('utterances')}: {stats.utterances}" + (f"; {w('resumed').lower()}: {stats.resumed_utterances}" if stats.resumed_utterances else ""),
        f"{w('sentences')}: {tally.total.sentences}; {w('checked').lower()}: {tally.total.claims_checked}; "
        f"{w('skipped').lower()}: {tally.total.not_checked}",
    ]
    if tally.skip_reasons:
        reasons = ", ".join(f"{skip_reason(code, lang).lower()}: {n}" for code, n in tally.skip_reasons.most_common())
        lines.append(f"  {w('skipped')} {w('because')} — {reasons}")
    return "\n".join(lines)
