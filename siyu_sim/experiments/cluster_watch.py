"""What a Dask run keeps an eye on while it waits for results (``backends.DaskBackend.run``):
workers removed — the scheduler's ``remove-worker`` events, which name the tasks each was
running, so a loss is reported as it happens and counted — and how long the cluster has had no
worker at all, said after a short grace and at each further quarter of the wait."""

from __future__ import annotations

import contextlib
import queue
import time
from typing import Callable


class ClusterWatch:
    """Watch ``client``'s cluster for a run of tasks ``keys``: :meth:`check` between results,
    :meth:`close` at the end (it returns the workers lost)."""

    def __init__(self, client, keys: set, wait: float, note: Callable[..., None], poll: float):
        self.client, self.keys, self.wait, self.note, self.poll = client, keys, wait, note, poll
        self.removed: queue.SimpleQueue = queue.SimpleQueue()  # filled by the client's event loop
        self.lost = 0
        self.empty_since: float | None = None
        self.told = 0.0  # seconds of no worker already announced
        self.next_look = 0.0
        client.subscribe_topic("all", self._event)

    def _event(self, event) -> None:
        _, msg = event
        if isinstance(msg, dict) and msg.get("action") == "remove-worker":
            self.removed.put(msg)

    def check(self) -> float | None:
        """Report what happened since the last look; the seconds without a worker once they
        reach the wait (the caller stops), else None."""
        while not self.removed.empty():
            msg = self.removed.get()
            ours = self.keys & (set(msg.get("processing-tasks") or ()) | set(msg.get("lost-computed-tasks") or ()))
            self.lost += 1
            self.note("dask_worker_lost" if ours else "dask_worker_lost_idle", worker=msg.get("worker", "?"))
        now = time.monotonic()
        if now < self.next_look:
            return None
        self.next_look = now + self.poll
        if self._workers() > 0:
            if self.empty_since is not None and self.told:
                self.note("dask_worker_back")
            self.empty_since, self.told = None, 0.0
            return None
        if self.empty_since is None:
            self.empty_since = now
        waited = now - self.empty_since
        if waited >= self.wait:
            return waited
        # say so after a short grace (a LocalCluster restarts a killed worker in a second or two),
        # then at each further quarter of the wait
        step = self.wait / 4 if self.told else min(5.0, self.wait / 4)
        if waited >= self.told + step:
            self.told = waited
            self.note("dask_no_worker", waited=f"{waited:.0f}", left=f"{self.wait - waited:.0f}")
        return None

    def _workers(self) -> int:
        if self.client.status != "running":  # lost the scheduler: no worker can be reached
            return 0
        try:
            try:
                info = self.client.scheduler_info(n_workers=0)  # totals only
            except TypeError:  # an older distributed: no n_workers, every worker listed
                info = self.client.scheduler_info()
        except (OSError, TimeoutError):
            return 0
        return int(info.get("n_workers", len(info.get("workers", {}))))

    def close(self) -> int:
        with contextlib.suppress(Exception):
            self.client.unsubscribe_topic("all")
        return self.lost
