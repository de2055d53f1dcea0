"""Where runs execute, behind one interface: serial, a local process pool, Dask distributed.

A backend takes a list of :class:`~.worker.Batch` and calls ``on_result(outcomes)`` in the
calling thread as each batch finishes, so that the caller can write it out at once. ``fn``
(default ``execute_batch``) is what a worker does with one batch: another importable top-level
function can be given (the calibration's trials: ``calibration.simulate.execute_trials``).
On Ctrl-C (KeyboardInterrupt) a backend delivers the batches that already finished, cancels
the rest, stops its workers and re-raises.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import math
import os
import signal
import threading
from typing import Callable, Iterable

from .worker import Batch, RunOutcome, execute_batch

OnResult = Callable[[list[RunOutcome]], None]
#: Seconds of simulation a batch should hold at least (short runs must not drown in overhead).
TARGET_BATCH_SECONDS = 2.0
#: Rough cost of one customer-day in the vector executor, seconds (10⁴ × 365 ≈ 1 s).
SECONDS_PER_CUSTOMER_DAY = 3e-7


class BackendError(RuntimeError):
    """A backend that cannot start (e.g. a Dask scheduler that cannot be reached)."""


class Backend:
    name = "backend"
    workers = 1

    def run(self, batches: list[Batch], on_result: OnResult,
            fn: Callable = execute_batch) -> None:  # pragma: no cover
        raise NotImplementedError

    def close(self) -> None:
        pass

    def describe(self) -> str:
        return f"{self.name} ({self.workers} worker{'s' if self.workers != 1 else ''})"

    def __enter__(self) -> "Backend":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class SerialBackend(Backend):
    """In this process, one batch after another (debugging, tiny sweeps, tests)."""

    name = "serial"

    def run(self, batches: list[Batch], on_result: OnResult, fn: Callable = execute_batch) -> None:
        for batch in batches:
            on_result(fn(batch))


def _ignore_sigint() -> None:
    # Ctrl-C goes to the whole process group: workers leave it to the parent, which stops them.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@contextlib.contextmanager
def _sigint_ignored():
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


class ProcessPoolBackend(Backend):
    """A local process pool (the default): all cores unless ``workers`` says otherwise."""

    name = "local processes"

    def __init__(self, workers: int | None = None):
        self.workers = max(1, workers or os.cpu_count() or 1)
        self._pool: cf.ProcessPoolExecutor | None = None

    def run(self, batches: list[Batch], on_result: OnResult, fn: Callable = execute_batch) -> None:
        if not batches:
            return
        if self._pool is None:
            self._pool = cf.ProcessPoolExecutor(max_workers=self.workers, initializer=_ignore_sigint)
        # Worker processes start during submit(). They must ignore Ctrl-C from their first
        # instruction (a worker still importing would print a KeyboardInterrupt traceback):
        # an ignored signal stays ignored across exec, and Python keeps it so.
        with _sigint_ignored():
            futures = [self._pool.submit(fn, b) for b in batches]
        consumed: set[int] = set()
        try:
            for fut in cf.as_completed(futures):
                consumed.add(id(fut))
                on_result(fut.result())
        except KeyboardInterrupt:
            for fut in futures:
                fut.cancel()
            try:  # finished but not yet consumed: their results are here already, keep them
                for fut in futures:
                    if id(fut) not in consumed and fut.done() and not fut.cancelled() \
                            and fut.exception() is None:
                        consumed.add(id(fut))
                        on_result(fut.result())
            finally:
                self._kill()
            raise
        except BaseException:
            for fut in futures:
                fut.cancel()
            raise

    def _kill(self) -> None:
        pool, self._pool = self._pool, None
        if pool is None:
            return
        procs = list(getattr(pool, "_processes", {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for p in procs:
            try:
                p.terminate()
            except Exception:  # pragma: no cover - already gone
                pass
        for p in procs:
            p.join(timeout=5)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


class DaskBackend(Backend):
    """Dask distributed: an existing scheduler (``address`` or ``DASK_SCHEDULER_ADDRESS``) or a
    LocalCluster of ``local_workers`` processes.

    What keeps a sweep whole when a worker dies: the Dask scheduler itself reschedules every
    task the dead worker was running or holding a result of (up to
    ``distributed.scheduler.allowed-failures`` deaths per task, 3 by default), whatever
    ``retries`` says; and results come back to this process, which writes each batch once, as
    it arrives, so a finished run is never lost or written twice. ``retries`` only re-runs a
    batch whose task *raised* on the worker (e.g. a MemoryError); a failing model run does
    not raise — it is recorded as failed in the manifest."""

    name = "dask"

    def __init__(self, address: str | None = None, *, local_workers: int | None = None,
                 retries: int = 3, connect_timeout: float = 5.0):
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:  # pragma: no cover - a dependency
            raise BackendError("Dask distributed is not installed: pip install 'dask[distributed]'") from exc
        self.retries = retries
        self._cluster = None
        address = address or (None if local_workers else os.environ.get("DASK_SCHEDULER_ADDRESS"))
        if local_workers:
            import dask

            # No dashboard, so nobody sees the workers' statistical profiler: it samples every
            # thread's stack every 10 ms, and on a machine whose cores all simulate it cost
            # ~10% of sweep time (docs/performance.md).
            # Nor the event-loop and system monitors at their default 20 ms and 0.5 s ticks: with
            # every core simulating, each wake-up takes time from a run.
            # And one task per worker thread at a time (worker-saturation 1.0, not 1.1): a task
            # queued on a busy worker while another worker idles at the end of a sweep is a whole
            # batch of tail (~10% of a 20-batch sweep here); a pool's shared queue has none.
            with dask.config.set({"distributed.worker.profile.enabled": False,
                                  "distributed.admin.tick.interval": "500ms",
                                  "distributed.admin.system-monitor.interval": "5s",
                                  "distributed.scheduler.worker-saturation": 1.0}):
                self._cluster = LocalCluster(n_workers=local_workers, threads_per_worker=1, processes=True,
                                             dashboard_address=None)
            self.client = Client(self._cluster)
            self.address = self._cluster.scheduler_address
        elif address:
            self.address = address
            try:
                self.client = Client(address, timeout=f"{connect_timeout}s")
            except (OSError, TimeoutError) as exc:
                raise BackendError(
                    f"cannot reach the Dask scheduler at {address} (waited {connect_timeout:g} s): {exc}. "
                    "Is `dask scheduler` running there and the port open? Use --dask-local N for a "
                    "local cluster, or omit --scheduler for local processes.") from None
        else:
            raise BackendError("no Dask scheduler: give --scheduler ADDRESS, set DASK_SCHEDULER_ADDRESS, "
                               "or --dask-local N")
        self.workers = max(1, sum(w.get("nthreads", 1) for w in
                                  self.client.scheduler_info().get("workers", {}).values()) or 1)

    def describe(self) -> str:
        return f"dask at {self.address} ({self.workers} worker threads)"

    def run(self, batches: list[Batch], on_result: OnResult, fn: Callable = execute_batch) -> None:
        from distributed import as_completed

        if not batches:
            return
        futures = [self.client.submit(fn, b, retries=self.retries, pure=False) for b in batches]
        try:
            for fut in as_completed(futures):
                on_result(fut.result())
                fut.release()
        except BaseException:
            self.client.cancel(futures)
            raise

    def close(self) -> None:
        try:
            self.client.close()
        finally:
            if self._cluster is not None:
                self._cluster.close()


def make_backend(*, serial: bool = False, workers: int | None = None, scheduler: str | None = None,
                 dask_local: int | None = None) -> Backend:
    """The backend the command line asks for (default: a local process pool, all cores)."""
    if serial:
        return SerialBackend()
    if scheduler or dask_local:
        return DaskBackend(scheduler, local_workers=dask_local)
    if os.environ.get("DASK_SCHEDULER_ADDRESS"):
        return DaskBackend(os.environ["DASK_SCHEDULER_ADDRESS"])
    return ProcessPoolBackend(workers)


def batch_size_for(n_runs: int, customers: int, days: int, workers: int) -> int:
    """Runs per batch: enough to fill ~TARGET_BATCH_SECONDS, yet at least ~4 batches per worker
    so the load balances and progress moves."""
    per_run = max(customers * days * SECONDS_PER_CUSTOMER_DAY, 1e-3)
    by_cost = max(1, math.ceil(TARGET_BATCH_SECONDS / per_run))
    by_balance = max(1, math.ceil(n_runs / (4 * max(1, workers))))
    return max(1, min(by_cost, by_balance))


def chunk(items: list, size: int) -> Iterable[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]
