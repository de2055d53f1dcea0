"""Runs kept as they finish, so that a stopped command resumes where it stopped: the one way
``sweep`` and ``compare`` run into a results store (``store.ResultStore``, one format).

:meth:`RunStore.open` takes the folder for one command (refusing a folder another running
``siyu`` command holds), starts it or resumes it (``ResumeState``: the runs already done);
:meth:`RunStore.record` writes each finished batch at once, with Ctrl-C held until it is
written; :meth:`RunStore.run` sends the remaining batches to a backend and records each as it
comes back, ending with a :class:`Tally` — interrupted (Ctrl-C) or stopped (the backend gave
up: no Dask worker left) included, never losing a finished run.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .backends import Backend, BackendStopped, hold_sigint
from .design import RunTask
from .progress import NullProgress
from .store import ResultStore, ResumeState, StoreError
from .worker import Batch, RunOutcome

try:  # POSIX; elsewhere two commands on one folder are not kept apart
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None


class StoreBusy(StoreError):
    """The folder is in use by another running ``siyu`` command."""

    def __init__(self, folder: Path):
        self.folder = folder
        super().__init__(f"{folder} is in use by another siyu command (wait for it, or choose another folder)")


@dataclass
class Tally:
    """What a :meth:`RunStore.run` did: runs finished ok / failed (their ids), and how it ended."""

    ok: int = 0
    failed: int = 0
    failed_ids: list[str] = field(default_factory=list)
    interrupted: bool = False              # Ctrl-C
    stopped: BackendStopped | None = None  # the backend gave up (e.g. no Dask worker left)
    workers_lost: int = 0                  # Dask workers lost meanwhile (their batches ran again)


def _lock(folder: Path) -> int | None:
    """An exclusive lock on ``folder`` (created if missing) for as long as this process holds
    the returned descriptor; :class:`StoreBusy` if another process holds it."""
    if fcntl is None or (folder.exists() and not folder.is_dir()):
        return None  # not a folder: ResultStore says so
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise StoreBusy(folder) from None
    return fd


class RunStore:
    """A results store opened for one command's runs (see the module docstring)."""

    def __init__(self, store: ResultStore, tasks: list[RunTask], spec_hash: str, state: ResumeState,
                 lock: int | None):
        self.store, self.spec_hash, self.state, self._lock = store, spec_hash, state, lock
        self.tasks = {t.run_id: t for t in tasks}

    @classmethod
    def open(cls, folder: str | Path, tasks: list[RunTask], spec_hash: str,
             opener: Callable[[ResultStore], ResumeState]) -> "RunStore":
        """Lock ``folder``, then start or resume it: ``opener(store)`` is ``ResultStore.open``
        for an experiment, ``ResultStore.open_spec`` for other runs."""
        store = ResultStore(folder)
        lock = _lock(store.folder)
        try:
            state = opener(store)
        except BaseException:
            _unlock(lock)
            raise
        return cls(store, tasks, spec_hash, state, lock)

    @property
    def folder(self) -> Path:
        return self.store.folder

    @property
    def done(self) -> set[str]:
        """Run ids finished before this command (``ok`` and stored)."""
        return self.state.completed

    def todo(self) -> list[RunTask]:
        return [t for t in self.tasks.values() if t.run_id not in self.state.completed]

    def add(self, tasks: list[RunTask]) -> list[RunTask]:
        """Take more runs into this command (a search knows its runs round by round, not up
        front): those of ``tasks`` that still have to run."""
        self.tasks.update({t.run_id: t for t in tasks})
        return [t for t in tasks if t.run_id not in self.state.completed]

    def session(self, record: dict) -> None:
        """Record the command running into the folder now (``ResultStore.add_session``): its
        provenance ``record``, the runs it found done (resumed from an earlier command) and the
        runs it has to do."""
        self.store.add_session({**record, "resumed": len(self.done), "to_run": len(self.todo())})

    def record(self, outcomes: list[RunOutcome]) -> None:
        """Write one finished batch (Ctrl-C waits until it is written)."""
        with hold_sigint():
            self.store.record(outcomes, self.tasks, self.spec_hash)

    def run(self, batches: list[Batch], backend: Backend, *, progress=None,
            on_outcomes: Callable[[list[RunOutcome]], None] | None = None) -> Tally:
        """Run ``batches`` on ``backend``, recording each as it finishes; ``progress`` (a
        ``progress.NullProgress``) advances by runs and hears the backend's notes;
        ``on_outcomes`` sees each recorded batch."""
        note = progress.note if progress is not None else None  # None: the backend logs its notes
        progress = progress or NullProgress()
        tally = Tally()
        lost_before = backend.workers_lost

        def on_result(outcomes: list[RunOutcome]) -> None:
            with hold_sigint():
                self.store.record(outcomes, self.tasks, self.spec_hash)
                failed = [o.run_id for o in outcomes if o.status != "ok"]
                tally.ok += len(outcomes) - len(failed)
                tally.failed += len(failed)
                tally.failed_ids.extend(failed)
                progress.advance(len(outcomes) - len(failed), len(failed))
                if on_outcomes is not None:
                    on_outcomes(outcomes)

        try:
            backend.run(batches, on_result, note=note)
        except KeyboardInterrupt:
            tally.interrupted = True
        except BackendStopped as exc:
            tally.stopped = exc
        finally:
            tally.workers_lost = backend.workers_lost - lost_before
        return tally

    def close(self) -> None:
        _unlock(self._lock)
        self._lock = None

    def __enter__(self) -> "RunStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def cache_folder(key: str) -> Path:
    """Where a command keeps its runs when nobody named a folder: ``$SIYU_RUNS_DIR/<key>`` (runs on
    a disk of their own), else ``$SIYU_CACHE_DIR/runs/<key>``, else ``$XDG_CACHE_HOME`` or
    ``~/.cache``, then ``siyu_sim/runs/<key>`` (beside the compiled kernel's cache: ``kernel.cache``)."""
    runs = os.environ.get("SIYU_RUNS_DIR")
    if runs:
        return Path(runs) / key
    env = os.environ.get("SIYU_CACHE_DIR")
    base = Path(env) if env else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "siyu_sim"
    return base / "runs" / key


def _unlock(fd: int | None) -> None:
    if fd is not None:
        os.close(fd)  # closing the descriptor releases the lock
