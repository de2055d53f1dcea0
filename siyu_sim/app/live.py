"""Re-running in the background: the page hands every change to a ``Debounced`` worker thread
and stays responsive; the worker waits until the changes stop for ``delay`` seconds (a
consultant clicking a spinner five times wants one run, not five), runs the newest request,
and hands the result back. One run at a time: a change during a run is run after it.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Any, Callable

DELAY_S = 0.3  # long enough to gather a burst of clicks, short against a ~1 s run


@dataclass
class Outcome:
    """What one request gave: its result or the exception it raised, and how long it took."""

    request: Any
    result: Any = None
    error: BaseException | None = None
    seconds: float = 0.0
    superseded: bool = False  # a newer request was waiting when it finished


class Debounced:
    """``submit(request)`` from any thread; ``work(request)`` runs on the worker thread and
    ``done(outcome)`` is called there when it returns (the page moves it to its own thread)."""

    def __init__(self, work: Callable[[Any], Any], done: Callable[[Outcome], None], delay: float = DELAY_S):
        self.work, self.done, self.delay = work, done, delay
        self._cond = threading.Condition()
        self._pending: Any = None
        self._has_pending = False
        self._generation = 0
        self._stopped = False
        self._thread = threading.Thread(target=self._loop, name="siyu-app-runs", daemon=True)
        self._thread.start()

    def submit(self, request: Any) -> None:
        with self._cond:
            self._pending, self._has_pending = request, True
            self._generation += 1
            self._cond.notify()

    def stop(self) -> None:
        with self._cond:
            self._stopped = True
            self._cond.notify()

    def _next(self) -> Any:
        """The newest request once no other has come for ``delay`` seconds (None: stopped)."""
        with self._cond:
            while not self._has_pending and not self._stopped:
                self._cond.wait()
            while not self._stopped:
                seen = self._generation
                self._cond.wait(self.delay)
                if seen == self._generation:
                    break
            if self._stopped:
                return None
            request, self._pending, self._has_pending = self._pending, None, False
            return (request,)

    def _loop(self) -> None:
        while (item := self._next()) is not None:
            start = time.perf_counter()
            outcome = Outcome(item[0])
            try:
                outcome.result = self.work(item[0])
            except Exception as exc:  # shown on the page; the worker lives on
                outcome.error = exc
            outcome.seconds = time.perf_counter() - start
            with self._cond:
                outcome.superseded = self._has_pending
            self.done(outcome)
