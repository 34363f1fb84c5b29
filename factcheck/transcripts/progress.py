"""A progress bar for long runs: utterances done, sentences per second and time left (on stderr)."""

from __future__ import annotations

import time

from .labels import word


class RichProgress:
    def __init__(self, lang: str = "nb", enabled: bool = True):
        self.lang, self.enabled = lang, enabled
        self.progress = None
        self.sentences, self.started = 0, 0.0

    def start(self, total: int, engine: str) -> None:
        if not self.enabled:
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

        self.progress = Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
            console=Console(stderr=True), transient=False,
        )
        self.progress.start()
        self.task = self.progress.add_task(f"{word('progress', self.lang)} ({engine})", total=total, rate="")
        self.started = time.perf_counter()

    def advance(self, utterances: int, sentences: int) -> None:
        if self.progress is None:
            return
        self.sentences += sentences
        rate = self.sentences / max(1e-9, time.perf_counter() - self.started)
        self.progress.update(self.task, advance=utterances, rate=f"{rate:.1f} {word('sent_per_s', self.lang)}")

    def stop(self) -> None:
        if self.progress is not None:
            self.progress.stop()
            self.progress = None
