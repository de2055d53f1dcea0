"""What a command tells the terminal while it works: status lines, the progress bar of long
runs, and the day kernel's compilation when this process paid for it."""

from __future__ import annotations

import time

import typer
from rich.console import Console

from ..words import t

PROGRESS_DELAY_S = 2.0  # show a bar only on runs long enough to wonder about
LINE_EVERY = 10  # where stderr is not a terminal (a log file): a line each time this many more percent are done


def _err() -> Console:
    return Console(stderr=True, highlight=False)


def _status(quiet: bool, message: str) -> None:
    if not quiet:
        typer.echo(message, err=True)


def _compiled_status(quiet: bool, lang: str = "en") -> None:
    """Say so when this process compiled the day kernel (not when it loaded it from the cache)."""
    from ..kernel.compiled import compile_report

    report = compile_report()
    if report.compiled_seconds > 0.0:
        _status(quiet, t("status_compiled", lang, seconds=report.compiled_seconds, cache=report.cache))


class RunProgress:
    """A rich progress bar on stderr over ``progress(done, total)`` calls (simulated days),
    shown only when the work takes longer than ``delay`` seconds (PROGRESS_DELAY_S); ``delay=0``
    shows it at the first call (runs on worker processes report only when a batch ends, so
    waiting for a later call would hide the bar for long). Where stderr is not a terminal, one
    plain line per LINE_EVERY percent instead, so a log file says how far it got."""

    def __init__(self, quiet: bool, label: str, delay: float = PROGRESS_DELAY_S, lang: str = "en"):
        self.console = _err()
        self.enabled = not quiet and self.console.is_terminal  # the bar
        self.plain = not quiet and not self.console.is_terminal  # plain lines instead
        self.shown = -1  # plain lines: the percentage last shown
        self.label = label
        self.lang = lang
        self.delay = delay
        self.started = time.monotonic()
        self.bar = None

    def note(self, text: str) -> None:
        """A status line, above the bar while it shows."""
        if self.enabled or self.plain:
            self.console.print(text, markup=False, soft_wrap=True)

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            if self.plain:
                self._line(done, total)
            return
        if self.bar is None:
            if time.monotonic() - self.started < self.delay:
                return
            from rich.progress import BarColumn, Progress, TimeRemainingColumn

            self.bar = Progress("[progress.description]{task.description}", BarColumn(),
                                "{task.completed}/{task.total} " + t("status_days", self.lang), TimeRemainingColumn(),
                                console=self.console, transient=True)
            self.bar.start()
            self.task = self.bar.add_task(self.label, total=total)
        self.bar.update(self.task, completed=done)

    def _line(self, done: int, total: int) -> None:
        percent = int(100 * done / total) if total else 100
        if percent // LINE_EVERY * LINE_EVERY > self.shown and time.monotonic() - self.started >= self.delay:
            self.shown = percent // LINE_EVERY * LINE_EVERY
            self.console.print(t("progress_days_line", self.lang, label=self.label, percent=percent, done=done,
                                 total=total), markup=False, soft_wrap=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
