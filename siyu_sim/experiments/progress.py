"""Progress of a whole sweep on stderr: runs done/total, failures, rate, ETA."""

from __future__ import annotations

import time

from ..words import TEXT


class NullProgress:
    def start(self, total: int, done: int = 0, label: str = "") -> None:
        pass

    def advance(self, ok: int, failed: int) -> None:
        pass

    def note(self, text: str) -> None:
        pass

    def stop(self) -> None:
        pass


class RichProgress(NullProgress):
    """A rich progress bar on stderr for the whole sweep."""

    def __init__(self, console=None, lang: str = "en"):
        from rich.console import Console

        self.lang = lang
        self.console = console or Console(stderr=True)
        self._progress = None
        self._task = None
        self.failed = 0
        self._new = 0
        self._t0 = 0.0

    def start(self, total: int, done: int = 0, label: str = "") -> None:
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                                   TimeElapsedColumn, TimeRemainingColumn)

        self._progress = Progress(
            TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
            TextColumn(TEXT["progress_runs"][self.lang]), TextColumn("[red]" + TEXT["progress_failed"][self.lang]),
            TextColumn("{task.fields[rate]}"), TextColumn(TEXT["progress_eta"][self.lang]), TimeRemainingColumn(),
            TimeElapsedColumn(), console=self.console, transient=False, refresh_per_second=4)
        self._progress.start()
        self._task = self._progress.add_task(label or "sweep", total=total, completed=done,
                                             failed=0, rate="")
        self._t0 = time.perf_counter()

    def advance(self, ok: int, failed: int) -> None:
        if self._progress is None:
            return
        self.failed += failed
        self._new += ok + failed
        elapsed = max(time.perf_counter() - self._t0, 1e-9)
        self._progress.update(self._task, advance=ok + failed, failed=self.failed,
                              rate=TEXT["progress_rate"][self.lang].format(rate=self._new / elapsed))

    def note(self, text: str) -> None:
        self.console.print(text)

    def stop(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
