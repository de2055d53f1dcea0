"""Re-running in the background: the page hands every change to a ``Debounced`` worker thread
and stays responsive; the worker waits until the changes stop for ``delay`` seconds (a
consultant clicking a spinner five times wants one run, not five), runs the newest request,
and keeps what it gave. One run at a time: a change during a run is run after it.

Every request gets a ticket (1, 2, 3, ...). What the page shows about the runs is one
``Snapshot``, kept here under one lock: the newest ticket, how far its run is, the newest
finished outcome, and a version that moves at every change. The page draws a snapshot on its
own thread; the worker never touches the page. Progress from a run that is no longer the
newest, or that has finished, changes nothing: a late report cannot undo "ready".
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, replace
from functools import partial
from typing import Any, Callable

DELAY_S = 0.3  # long enough to gather a burst of clicks, short against a ~1 s run

#: ``progress(done, total)``: how a run reports how far it is.
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Outcome:
    """What one request gave: its result or the exception it raised, and how long it took."""

    ticket: int
    request: Any
    result: Any = None
    error: BaseException | None = None
    seconds: float = 0.0


@dataclass(frozen=True)
class Snapshot:
    """The runs as the page should show them."""

    version: int = 0              # moves at every change: the page redraws when it has moved
    ticket: int = 0               # the newest request (0: none yet)
    pct: int = 0                  # how far the newest request's run is
    outcome: Outcome | None = None  # the newest finished run (possibly of an older request)

    @property
    def ready(self) -> bool:
        """The newest request has finished: its outcome is the one to show."""
        return self.outcome is not None and self.outcome.ticket == self.ticket


class Debounced:
    """``submit(request)`` from any thread; ``work(request, progress)`` runs on the worker
    thread; ``snapshot()`` is what the runs have given so far."""

    def __init__(self, work: Callable[[Any, Progress], Any], delay: float = DELAY_S):
        self.work, self.delay = work, delay
        self._cond = threading.Condition()
        self._snapshot = Snapshot()
        self._pending: tuple[int, Any] | None = None
        self._stopped = False
        self._thread = threading.Thread(target=self._loop, name="siyu-app-runs", daemon=True)
        self._thread.start()

    def submit(self, request: Any) -> int:
        """Queue ``request`` (replacing any request still waiting); its ticket."""
        with self._cond:
            ticket = self._snapshot.ticket + 1
            self._pending = (ticket, request)
            self._change(ticket=ticket, pct=0)
            return ticket

    def snapshot(self) -> Snapshot:
        with self._cond:
            return self._snapshot

    def wait(self, until: Callable[[Snapshot], bool], timeout: float) -> Snapshot:
        """The first snapshot for which ``until`` holds (a TimeoutError after ``timeout`` s)."""
        with self._cond:
            if not self._cond.wait_for(lambda: until(self._snapshot), timeout):
                raise TimeoutError(f"no such snapshot within {timeout} s; the last: {self._snapshot}")
            return self._snapshot

    @property
    def stopped(self) -> bool:
        """``stop`` was called: a long run may end early (its ``progress`` can look)."""
        return self._stopped

    def stop(self) -> None:
        with self._cond:
            self._stopped = True
            self._cond.notify_all()

    def _change(self, **fields) -> None:
        """A new snapshot (the lock held)."""
        self._snapshot = replace(self._snapshot, version=self._snapshot.version + 1, **fields)
        self._cond.notify_all()

    def _progress(self, ticket: int, done: int, total: int) -> None:
        pct = min(100, int(100 * done / total)) if total else 100
        with self._cond:
            s = self._snapshot
            if ticket == s.ticket and not s.ready and pct > s.pct:  # else stale: dropped
                self._change(pct=pct)

    def _next(self) -> tuple[int, Any] | None:
        """The newest request once no other has come for ``delay`` seconds (None: stopped)."""
        with self._cond:
            while self._pending is None and not self._stopped:
                self._cond.wait()
            while not self._stopped:
                seen = self._snapshot.ticket
                self._cond.wait_for(lambda: self._stopped or self._snapshot.ticket != seen, self.delay)
                if self._snapshot.ticket == seen:
                    break
            if self._stopped:
                return None
            item, self._pending = self._pending, None
            return item

    def _loop(self) -> None:
        while (item := self._next()) is not None:
            ticket, request = item
            start = time.perf_counter()
            result, error = None, None
            try:
                result = self.work(request, partial(self._progress, ticket))
            except Exception as exc:  # shown on the page; the worker lives on
                error = exc
            outcome = Outcome(ticket, request, result, error, time.perf_counter() - start)
            with self._cond:
                self._change(outcome=outcome)
