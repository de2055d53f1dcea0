"""Progress of a whole sweep on stderr: runs done/total, failures, rate, ETA; and what the
backend notes on the way (a Dask worker lost, no worker left).

On a terminal a rich progress bar; elsewhere (stderr to a log file, CI) one plain line per
``LINE_EVERY`` percent of the runs, so a log says how far a run got and what happened to it.
"""

from __future__ import annotations

import time

from ..words import TEXT, t

#: Where stderr is not a terminal: a progress line each time this many more percent are done.
LINE_EVERY = 10


class NullProgress:
    def start(self, total: int, done: int = 0, label: str = "") -> None:
        pass

    def advance(self, ok: int, failed: int) -> None:
        pass

    def note(self, key: str, **fields) -> None:
        """Something the backend has to say (a ``siyu_sim.words`` key and its fields)."""

    def stop(self) -> None:
        pass


class RichProgress(NullProgress):
    """A rich progress bar on stderr for the whole sweep (plain lines where stderr is no terminal)."""

    def __init__(self, console=None, lang: str = "en"):
        from rich.console import Console

        self.lang = lang
        self.console = console or Console(stderr=True, highlight=False)
        self._progress = None
        self._task = None
        self.failed = 0
        self._new = 0
        self._t0 = 0.0
        self._plain: dict | None = None  # where stderr is not a terminal: label, total, done, last line's %

    def start(self, total: int, done: int = 0, label: str = "") -> None:
        self._t0 = time.perf_counter()
        if not self.console.is_terminal:
            self._plain = {"label": label or "sweep", "total": total, "done": done, "shown": -1,
                           "printed": -1}
            self._line()
            return
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

    def advance(self, ok: int, failed: int) -> None:
        self.failed += failed
        self._new += ok + failed
        elapsed = max(time.perf_counter() - self._t0, 1e-9)
        if self._plain is not None:
            self._plain["done"] += ok + failed
            self._line()
        if self._progress is None:
            return
        self._progress.update(self._task, advance=ok + failed, failed=self.failed,
                              rate=TEXT["progress_rate"][self.lang].format(rate=self._new / elapsed))

    def _line(self, final: bool = False) -> None:
        """A plain progress line, when another LINE_EVERY percent are done (or at the end)."""
        p = self._plain
        percent = int(100 * p["done"] / p["total"]) if p["total"] else 100
        step = percent // LINE_EVERY * LINE_EVERY
        if step <= p["shown"] and not (final and p["done"] != p["printed"]):
            return
        p["shown"], p["printed"] = (percent if final else step), p["done"]
        rate = self._new / max(time.perf_counter() - self._t0, 1e-9)
        self.console.print(t("progress_line", self.lang, label=p["label"], done=p["done"], total=p["total"],
                             percent=percent, failed=self.failed, rate=rate), markup=False, soft_wrap=True)

    def note(self, key: str, **fields) -> None:
        self.console.print(t(key, self.lang, **fields), markup=False, soft_wrap=True)

    def stop(self) -> None:
        if self._plain is not None:
            self._line(final=True)
            self._plain = None
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
