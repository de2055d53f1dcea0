"""Where runs execute, behind one interface: serial, a local process pool, Dask distributed.

A backend takes a list of :class:`~.worker.Batch` and calls ``on_result(outcomes)`` in the
calling thread as each batch finishes, so that the caller can write it out at once. ``fn``
(default ``execute_batch``) is what a worker does with one batch: another importable top-level
function can be given (the calibration's trials: ``calibration.simulate.execute_trials``).
On Ctrl-C (KeyboardInterrupt) a backend delivers the batches that already finished, cancels
the rest, stops its workers and re-raises. A backend that cannot go on (every Dask worker gone
for longer than it waits) raises :class:`BackendStopped` after delivering what finished.
``note(key, **fields)`` (optional) hears what a backend has to say while it runs, as a word key
of ``siyu_sim.words`` (a Dask worker lost, no worker left); by default it is logged.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import logging
import math
import os
import queue
import signal
import threading
from typing import Callable, Iterable, Iterator

from ..words import t
from .cluster_watch import ClusterWatch
from .lifeline import die_with_parent
from .worker import Batch, RunOutcome, execute_batch

OnResult = Callable[[list[RunOutcome]], None]
Note = Callable[..., None]  # note(word_key, **fields)
#: Seconds of simulation a batch should hold at least (short runs must not drown in overhead).
TARGET_BATCH_SECONDS = 2.0
#: Rough cost of one customer-day in the vector executor, seconds (10⁴ × 365 ≈ 1 s).
SECONDS_PER_CUSTOMER_DAY = 3e-7
#: How long a pool stopped by Ctrl-C waits for its manager thread to end, seconds (``_kill``).
MANAGER_WAIT_S = 10.0
#: How long a Dask run waits for a worker when none is left before it stops, seconds (--no-worker-wait).
NO_WORKER_WAIT_S = 60.0
#: How often the main thread wakes while it waits for results, seconds: to look at the Dask
#: cluster, and for a Ctrl-C whose signal woke nobody (it also wakes for each finished batch).
POLL_S = 0.5


class BackendError(RuntimeError):
    """A backend that cannot start (e.g. a Dask scheduler that cannot be reached)."""


class BackendStopped(BackendError):
    """A backend that stopped before every batch ran (no Dask worker left, a batch that kept
    killing its workers). The batches that finished were delivered first. ``key`` and
    ``fields`` say it in words (``siyu_sim.words``); ``str()`` is the English."""

    def __init__(self, key: str, **fields):
        self.key, self.fields = key, fields
        super().__init__(t(key, "en", **fields))


def log_note(key: str, **fields) -> None:
    """The default ``note``: a warning on the ``siyu_sim.experiments`` logger, in English."""
    logging.getLogger("siyu_sim.experiments").warning(t(key, "en", **fields))


class Backend:
    name = "backend"
    workers = 1
    #: Workers lost while this backend ran (Dask: each one's batch ran again elsewhere).
    workers_lost = 0

    def run(self, batches: list[Batch], on_result: OnResult,
            fn: Callable = execute_batch, note: Note | None = None) -> None:  # pragma: no cover
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

    def run(self, batches: list[Batch], on_result: OnResult, fn: Callable = execute_batch,
            note: Note | None = None) -> None:
        for batch in batches:
            on_result(fn(batch))


def _start_worker(parent: int, started_by_main_thread: bool) -> None:
    # Ctrl-C goes to the whole process group: workers leave it to the parent, which stops them.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A parent killed outright (SIGKILL, out of memory) stops nobody: the workers stop themselves.
    die_with_parent(parent, started_by_main_thread)


@contextlib.contextmanager
def hold_sigint(wake: Callable[[], None] | None = None) -> Iterator[Callable[[], bool]]:
    """Hold Ctrl-C (SIGINT) for the length of the block; KeyboardInterrupt is raised when it ends.

    Inside, the handler only notes the press and calls ``wake`` (it runs in the main thread
    between two instructions: ``wake`` must be reentrant, e.g. ``SimpleQueue.put``); the block
    may look at ``pressed()`` and stop where stopping is clean. So Ctrl-C never lands inside a
    write, a lock or a finaliser (where Python prints and forgets it). Ctrl-C reaches only the
    main thread: elsewhere the block just runs, as it does where SIGINT is ignored (nohup)."""
    if threading.current_thread() is not threading.main_thread() \
            or signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        yield lambda: False
        return
    got: list[int] = []

    def note(signum, frame) -> None:
        got.append(signum)
        if wake is not None:
            wake()

    previous = signal.signal(signal.SIGINT, note)
    try:
        yield lambda: bool(got)
    except KeyboardInterrupt:
        got.clear()  # the block stopped for it already: once is enough
        raise
    finally:
        signal.signal(signal.SIGINT, previous)
        if got:
            raise KeyboardInterrupt


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

    def run(self, batches: list[Batch], on_result: OnResult, fn: Callable = execute_batch,
            note: Note | None = None) -> None:
        if not batches:
            return
        if self._pool is None:
            # workers start during submit(), from this thread (Python 3.11 without max_tasks_per_child)
            main = threading.current_thread() is threading.main_thread()
            self._pool = cf.ProcessPoolExecutor(max_workers=self.workers, initializer=_start_worker,
                                                initargs=(os.getpid(), main))
        # Worker processes start during submit(). They must ignore Ctrl-C from their first
        # instruction (a worker still importing would print a KeyboardInterrupt traceback):
        # an ignored signal stays ignored across exec, and Python keeps it so.
        with _sigint_ignored():
            futures = [self._pool.submit(fn, b) for b in batches]
        finished: queue.SimpleQueue = queue.SimpleQueue()  # futures as they finish; None: Ctrl-C
        for fut in futures:
            fut.add_done_callback(finished.put)
        # Ctrl-C is noted, not raised, while results come in, and the wait wakes every POLL_S to
        # look: Python runs a signal's handler only in the main thread, between instructions, so
        # a SIGINT that came just before that thread went to sleep on a lock (or that Linux gave
        # to another thread) wakes nobody, and with a run that never ends nothing else would.
        with hold_sigint(wake=lambda: finished.put(None)) as pressed:
            try:
                for _ in futures:
                    on_result(_next_finished(finished, pressed).result())
            except KeyboardInterrupt:
                for fut in futures:
                    fut.cancel()
                try:  # finished but not yet delivered: their results are here already, keep them
                    while not finished.empty():
                        fut = finished.get()
                        if fut is not None and not fut.cancelled() and fut.exception() is None:
                            on_result(fut.result())
                finally:
                    self._kill()
                raise
            except BaseException:
                for fut in futures:
                    fut.cancel()
                raise

    def _kill(self) -> None:
        """Stop the pool now, a run that may never end included, and wait until nothing of it is
        left: its workers and its manager thread. That thread must be gone before the interpreter
        exits: concurrent.futures' exit hook (Python 3.11) wakes it without taking its lock, and
        raced with it closing that pipe ("OSError: Bad file descriptor" after a Ctrl-C)."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        procs = list(getattr(pool, "_processes", {}).values())
        manager = getattr(pool, "_executor_manager_thread", None)  # shutdown(wait=False) forgets it
        # told first, so the manager thread drops the cancelled batches before it sees workers die
        pool.shutdown(wait=False, cancel_futures=True)
        for p in procs:
            try:
                p.terminate()
            except Exception:  # pragma: no cover - already gone
                pass
        for p in procs:
            p.join(timeout=5)
            if p.exitcode is None:  # pragma: no cover - a worker that outlived SIGTERM
                p.kill()
                p.join()
        if manager is not None:  # every worker is gone: it ends (the pool "broken", its pipes closed) ...
            manager.join(timeout=MANAGER_WAIT_S)  # ... and should it not, a Ctrl-C must still end the command

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def _next_finished(finished: queue.SimpleQueue, pressed: Callable[[], bool]) -> cf.Future:
    """The next finished future from ``finished``; KeyboardInterrupt once Ctrl-C was pressed."""
    while not pressed():
        try:
            fut = finished.get(timeout=POLL_S)
        except queue.Empty:
            continue
        if fut is not None:
            return fut
    raise KeyboardInterrupt


class DaskBackend(Backend):
    """Dask distributed: an existing scheduler (``address`` or ``DASK_SCHEDULER_ADDRESS``) or a
    LocalCluster of ``local_workers`` processes.

    What keeps a sweep whole when a worker dies: the Dask scheduler itself reschedules every
    task the dead worker was running or holding a result of (up to
    ``distributed.scheduler.allowed-failures`` deaths per task, 3 by default), whatever
    ``retries`` says; and results come back to this process, which writes each batch once, as
    it arrives, so a finished run is never lost or written twice. ``retries`` only re-runs a
    batch whose task *raised* on the worker (e.g. a MemoryError); a failing model run does
    not raise — it is recorded as failed in the manifest.

    Each lost worker is reported (``note``) and counted (``workers_lost``). With no worker at
    all, :meth:`run` waits ``no_worker_wait`` seconds (``NO_WORKER_WAIT_S``) for one to join,
    saying so, then stops with :class:`BackendStopped`; what finished was delivered first."""

    name = "dask"

    def __init__(self, address: str | None = None, *, local_workers: int | None = None,
                 retries: int = 3, connect_timeout: float = 5.0, no_worker_wait: float = NO_WORKER_WAIT_S):
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:  # pragma: no cover - a dependency
            raise BackendError("Dask distributed is not installed: pip install 'dask[distributed]'") from exc
        self.retries = retries
        self.no_worker_wait = float(no_worker_wait)
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

    def run(self, batches: list[Batch], on_result: OnResult, fn: Callable = execute_batch,
            note: Note | None = None) -> None:
        """Submit every batch and deliver each result as it comes, in this thread. The wait is
        a poll (``POLL_S``), never one long block, so that Ctrl-C is handled at once and the
        cluster is watched: a lost worker is reported, and with no worker at all for
        ``no_worker_wait`` seconds the run stops (:class:`BackendStopped`)."""
        from distributed import KilledWorker

        if not batches:
            return
        futures = [self.client.submit(fn, b, retries=self.retries, pure=False) for b in batches]
        finished: queue.SimpleQueue = queue.SimpleQueue()
        for fut in futures:
            fut.add_done_callback(finished.put)
        watch = ClusterWatch(self.client, {f.key for f in futures}, self.no_worker_wait, note or log_note, POLL_S)

        def watched(wait: Callable[[], object]):
            """``wait()`` (one poll, raising queue.Empty when nothing came yet) until it gives,
            looking at the cluster between polls."""
            while True:
                waited = watch.check()
                if waited is not None:
                    raise BackendStopped("dask_no_worker_stop", waited=f"{waited:.0f}")
                try:
                    return wait()
                except queue.Empty:
                    continue

        def fetched(fut):
            """One poll for a finished batch's result. It still has to come from the worker that
            holds it; if that worker is gone Dask recomputes it, which needs a worker, so the wait
            is watched (one long block here hung with every worker gone). A batch that raised
            raises at once, its own TimeoutError included."""
            if fut.status == "error":
                return fut.result()
            try:
                return fut.result(timeout=POLL_S)
            except TimeoutError:
                raise queue.Empty from None

        try:
            for _ in futures:
                fut = watched(lambda: finished.get(timeout=POLL_S))
                try:
                    outcomes = watched(lambda: fetched(fut))
                except KilledWorker:
                    import dask

                    deaths = int(dask.config.get("distributed.scheduler.allowed-failures", 3)) + 1
                    raise BackendStopped("dask_killed_workers", n=deaths) from None
                except (cf.CancelledError, OSError):  # OSError: distributed's CommClosedError
                    if fut.status == "error":  # the task itself raised it
                        raise
                    # the scheduler forgot it (restarted, or lost this client), or the result could
                    # not be fetched any more: the cluster is gone, not the batch
                    raise BackendStopped("dask_scheduler_lost", address=self.address) from None
                on_result(outcomes)
                fut.release()
            watch.check()  # a loss in the last moments is still reported
        except (KeyboardInterrupt, BackendStopped):
            try:  # finished but not yet delivered: keep the results that can still be fetched
                while not finished.empty():
                    fut = finished.get()
                    if fut.status == "finished":
                        try:  # only what can be fetched now: its worker may be gone
                            outcomes = fut.result(timeout=POLL_S)
                        except (cf.CancelledError, OSError, TimeoutError):
                            continue
                        on_result(outcomes)
            finally:
                self._cancel(futures)
            raise
        except BaseException:
            self._cancel(futures)
            raise
        finally:
            self.workers_lost += watch.close()

    def _cancel(self, futures) -> None:
        if self.client.status == "running":  # a scheduler that is gone cannot be told
            with contextlib.suppress(Exception):
                self.client.cancel(futures)

    def close(self) -> None:
        try:
            self.client.close()
        finally:
            if self._cluster is not None:
                self._cluster.close()


def make_backend(*, serial: bool = False, workers: int | None = None, scheduler: str | None = None,
                 dask_local: int | None = None, no_worker_wait: float | None = None) -> Backend:
    """The backend the command line asks for (default: a local process pool, all cores)."""
    wait = NO_WORKER_WAIT_S if no_worker_wait is None else no_worker_wait
    if serial:
        return SerialBackend()
    if scheduler or dask_local:
        return DaskBackend(scheduler, local_workers=dask_local, no_worker_wait=wait)
    if os.environ.get("DASK_SCHEDULER_ADDRESS"):
        return DaskBackend(os.environ["DASK_SCHEDULER_ADDRESS"], no_worker_wait=wait)
    return ProcessPoolBackend(workers)


def batch_size_for(n_runs: int, rows: int, days: int, workers: int) -> int:
    """Runs per batch: enough to fill ~TARGET_BATCH_SECONDS, yet at least ~4 batches per worker
    so the load balances and progress moves."""
    per_run = max(rows * days * SECONDS_PER_CUSTOMER_DAY, 1e-3)  # rows simulated, not real customers
    by_cost = max(1, math.ceil(TARGET_BATCH_SECONDS / per_run))
    by_balance = max(1, math.ceil(n_runs / (4 * max(1, workers))))
    return max(1, min(by_cost, by_balance))


def chunk(items: list, size: int) -> Iterable[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]
