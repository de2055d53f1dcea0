"""Running a comparison's runs: in this process day by day, or on an experiments backend.

Either way each run goes through ``experiments.worker.run_task`` (the code a sweep's worker
runs), seeded by ``runs.replication_seed(root_seed, replication)``; only where it runs differs.
"""

from __future__ import annotations

import dataclasses
import json
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Callable

import pandas as pd

from ..kernel import DEFAULT_ENGINE
from ..experiments.backends import Backend, chunk
from ..experiments.design import RunTask
from ..experiments.worker import Batch, RunOutcome, run_task
from .paired import INDEPENDENT_OFFSET

MAX_BATCH = 8  # runs per batch sent to a backend: enough to pay for the trip, few enough to balance


class ComparisonError(RuntimeError):
    """Some runs of a comparison failed; the message names the first with its traceback."""


@dataclass(frozen=True)
class RunSpec:
    kind: str            # crn | independent | baseline
    scenario: str        # the compared scenario this run belongs to
    label: str           # the name it runs under (a counterfactual's differs from its scenario's)
    data: dict           # the resolved scenario to run
    replication: int
    run_id: str

    def task(self, root_seed: int) -> RunTask:
        return RunTask(self.run_id, self.label, 0, self.replication, {}, {}, root_seed, (self.replication,))


class RunCache:
    """Finished runs kept across comparisons, so that a run whose inputs have not changed is
    not run again (the live app re-compares on every lever change: the counterfactual and the
    pinned baseline stay the same). A run is known by its resolved scenario without name and
    description (they do not touch the numbers), root seed, replication and executor; newest kept."""

    def __init__(self, size: int = 32):
        self.size = size
        self._runs: OrderedDict[tuple, RunOutcome] = OrderedDict()
        self._lock = threading.Lock()  # the app's browser tabs share one cache, each from its own thread
        self.hits = self.misses = 0

    @staticmethod
    def key(spec: RunSpec, root_seed: int, executor: str, segments: bool, engine: str = DEFAULT_ENGINE) -> tuple:
        data = {k: v for k, v in spec.data.items() if k not in ("name", "description")}
        return (json.dumps(data, sort_keys=True, default=str), root_seed, spec.replication, executor,
                segments and spec.kind == "crn", engine)

    def get(self, key: tuple, run_id: str) -> RunOutcome | None:
        with self._lock:
            found = self._runs.get(key)
            if found is None:
                return None
            self.hits += 1
            self._runs.move_to_end(key)
        return dataclasses.replace(found, run_id=run_id)

    def put(self, key: tuple, outcome: RunOutcome) -> None:
        if outcome.status != "ok":
            return
        with self._lock:
            self.misses += key not in self._runs  # runs that had to be made
            self._runs[key] = outcome
            if len(self._runs) > self.size:
                self._runs.popitem(last=False)


def execute(specs: list[RunSpec], root_seed: int, *, executor: str, segments: bool,
            backend: Backend | None, progress: Callable[[int, int], None] | None,
            cache: RunCache | None = None, engine: str = DEFAULT_ENGINE) -> dict[str, list[pd.DataFrame]]:
    """Run every spec; frames by kind ("crn", "independent", "baseline", and "segments" for
    the CRN runs' per-segment tables), with ``scenario`` and ``replication`` as compared.
    With a ``cache``, runs it holds are taken from it and new ones are added to it."""
    by_id = {s.run_id: s for s in specs}
    days = {s.run_id: int(s.data["days"]) for s in specs}
    total = sum(days.values())
    done = 0
    out: dict[str, list[pd.DataFrame]] = {"crn": [], "independent": [], "baseline": [], "segments": []}
    failures: list[RunOutcome] = []

    def report(n: int) -> None:
        if progress is not None:
            progress(n, total)

    keys = {s.run_id: RunCache.key(s, root_seed, executor, segments, engine) for s in specs}

    def collect(outcomes: list[RunOutcome]) -> None:
        nonlocal done
        for o in outcomes:
            if cache is not None:
                cache.put(keys[o.run_id], o)
            done += days[o.run_id]
            if o.status != "ok":
                failures.append(o)
                continue
            spec = by_id[o.run_id]
            out[spec.kind].append(_as_compared(o.frame.drop(columns=["run_id", "setting"]), spec))
            if o.segment_frame is not None and spec.kind == "crn":
                out["segments"].append(_as_compared(o.segment_frame, spec))
        report(done)

    def batch(part: list[RunSpec]) -> Batch:
        return Batch({s.label: s.data for s in part}, [s.task(root_seed) for s in part], "daily",
                     None, {}, executor=executor, segments=segments, engine=engine)

    report(0)
    if cache is not None:
        hits = [(s, cache.get(keys[s.run_id], s.run_id)) for s in specs]
        collect([o for _, o in hits if o is not None])
        specs = [s for s, o in hits if o is None]
    if backend is None:  # this process, one run after another, progress day by day
        for spec in specs:
            hit = cache.get(keys[spec.run_id], spec.run_id) if cache is not None else None
            if hit is not None:  # an identical run earlier in this comparison (two counterfactuals)
                collect([hit])
                continue
            b = batch([spec])
            collect([run_task(b, b.tasks[0], progress=lambda day, _n: report(done + day))])
    elif specs:
        size = min(max(1, -(-len(specs) // (4 * max(1, backend.workers)))), MAX_BATCH)
        backend.run([batch(part) for part in chunk(specs, size)], collect)
    if failures:
        first = failures[0]
        raise ComparisonError(f"{len(failures)} run(s) failed; first {first.run_id}: {first.error}\n"
                              f"{first.traceback}")
    return out


def _as_compared(frame: pd.DataFrame, spec: RunSpec) -> pd.DataFrame:
    frame = frame.assign(scenario=spec.scenario)
    if spec.kind == "independent":
        frame["replication"] = spec.replication - INDEPENDENT_OFFSET
    return frame
