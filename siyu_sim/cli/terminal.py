"""What a command tells the terminal while it works: status lines, the progress bar of long
runs, and the day kernel's compilation when this process paid for it."""

from __future__ import annotations

import time

import typer
from rich.console import Console

from ..words import t

PROGRESS_DELAY_S = 2.0  # show a bar only on runs long enough to wonder about


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
    shown only when the work takes longer than ``delay`` seconds (PROGRESS_DELAY_S) and stderr
    is a terminal; ``delay=0`` shows it at the first call (runs on worker processes report
    only when a batch ends, so waiting for a later call would hide the bar for long)."""

    def __init__(self, quiet: bool, label: str, delay: float = PROGRESS_DELAY_S, lang: str = "en"):
        self.console = _err()
        self.enabled = not quiet and self.console.is_terminal
        self.label = label
        self.lang = lang
        self.delay = delay
        self.started = time.monotonic()
        self.bar = None

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
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

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
