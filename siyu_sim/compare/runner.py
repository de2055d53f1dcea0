"""Running a comparison's runs: in this process day by day, or on an experiments backend.

Either way each run goes through ``experiments.worker.run_task`` (the code a sweep's worker
runs), seeded by ``runs.replication_seed(root_seed, replication)``; only where it runs differs.

With a run store (``experiments.resumable.RunStore``, the results-store format sweeps use)
each finished run is written as it comes; runs the store already holds are read from it, not
run, with the same bits. Ctrl-C then raises :class:`ComparisonInterrupted` (a
KeyboardInterrupt) saying how many runs are kept where.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pandas as pd

from ..kernel import DEFAULT_ENGINE
from ..version import __version__
from ..experiments.backends import Backend, chunk
from ..experiments.design import RunTask
from ..experiments.resumable import RunStore
from ..experiments.worker import Batch, RunOutcome, run_task
from .paired import INDEPENDENT_OFFSET

MAX_BATCH = 8  # runs per batch sent to a backend: enough to pay for the trip, few enough to balance


class ComparisonError(RuntimeError):
    """Some runs of a comparison failed; the message names the first with its traceback."""


class ComparisonInterrupted(KeyboardInterrupt):
    """Ctrl-C during a comparison with a run store: ``saved`` of ``total`` runs are kept in
    ``folder``, and the same comparison resumes from them."""

    def __init__(self, saved: int, total: int, folder: Path):
        self.saved, self.total, self.folder = saved, total, folder
        super().__init__(f"interrupted: {saved} of {total} runs are saved in {folder}")


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
            cache: RunCache | None = None, engine: str = DEFAULT_ENGINE,
            store: RunStore | None = None) -> dict[str, list[pd.DataFrame]]:
    """Run every spec; frames by kind ("crn", "independent", "baseline", and "segments" for
    the CRN runs' per-segment tables), with ``scenario`` and ``replication`` as compared.
    With a ``cache``, runs it holds are taken from it and new ones are added to it; with a
    ``store`` (opened by ``open_store``), runs it holds are read from it and new ones written
    to it as each finishes."""
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
    if store is not None:
        collect(_stored(store, [s for s in specs if s.run_id in store.done]))
        specs = [s for s in specs if s.run_id not in store.done]
    saved = len(store.done) if store is not None else 0

    def counted(outcomes: list[RunOutcome]) -> None:  # recorded in the store: count, then collect
        nonlocal saved
        saved += sum(o.status == "ok" for o in outcomes)
        collect(outcomes)

    def keep(outcomes: list[RunOutcome]) -> None:  # write first: a kept run is a written run
        if store is None:
            return collect(outcomes)
        store.record(outcomes)
        counted(outcomes)

    try:
        if backend is None:  # this process, one run after another, progress day by day
            for spec in specs:
                hit = cache.get(keys[spec.run_id], spec.run_id) if cache is not None else None
                if hit is not None:  # an identical run earlier in this comparison (two counterfactuals)
                    keep([hit])
                    continue
                b = batch([spec])
                keep([run_task(b, b.tasks[0], progress=lambda day, _n: report(done + day))])
        elif specs:
            size = min(max(1, -(-len(specs) // (4 * max(1, backend.workers)))), MAX_BATCH)
            batches = [batch(part) for part in chunk(specs, size)]
            if store is None:
                backend.run(batches, collect)
            else:
                tally = store.run(batches, backend, on_outcomes=counted)
                if tally.stopped is not None:
                    raise tally.stopped
                if tally.interrupted:
                    raise KeyboardInterrupt
    except KeyboardInterrupt:
        if store is None:
            raise
        raise ComparisonInterrupted(saved, len(by_id), store.folder) from None
    if failures:
        first = failures[0]
        raise ComparisonError(f"{len(failures)} run(s) failed; first {first.run_id}: {first.error}\n"
                              f"{first.traceback}")
    return out


def _stored(store: RunStore, specs: list[RunSpec]) -> list[RunOutcome]:
    """The outcomes of runs the store holds, as they came from the workers: the same frames."""
    if not specs:
        return []
    ids = [s.run_id for s in specs]
    rows = dict(tuple(store.store.read_runs(ids).groupby("run_id", sort=False)))
    seg = store.store.read_segments(ids)
    segs = dict(tuple(seg.groupby("run_id", sort=False))) if len(seg) else {}
    return [RunOutcome(rid, "ok", rows[rid].reset_index(drop=True), 0.0,
                       segment_frame=segs[rid].drop(columns="run_id").reset_index(drop=True) if rid in segs else None)
            for rid in ids]


def plan_hash(specs: list[RunSpec], root_seed: int, *, executor: str, segments: bool, engine: str) -> str:
    """What a comparison's numbers depend on: every run's resolved scenario, seed and
    replication, the executor, engine, segment tables, and the model's code (a changed rule
    never resumes from runs made before)."""
    plan = {"runs": [[s.kind, s.label, s.run_id, s.data, s.replication] for s in specs], "root_seed": root_seed,
            "executor": executor, "segments": segments, "engine": engine, "version": __version__,
            "code": _code_hash()}
    return hashlib.sha256(json.dumps(plan, sort_keys=True, default=str).encode()).hexdigest()[:16]


def _code_hash() -> str:
    package = Path(__file__).resolve().parent.parent
    h = hashlib.sha256()
    for f in sorted(package.rglob("*.py")):
        h.update(str(f.relative_to(package)).encode())
        h.update(f.read_bytes())
    return h.hexdigest()


def open_store(folder: str | Path, specs: list[RunSpec], root_seed: int, spec_hash: str, meta: dict, *,
               fresh: bool = False) -> RunStore:
    """The run store of a comparison in ``folder`` (a results folder: ``experiments.store``),
    started or resumed; refused if it holds another comparison's runs (``StoreError``) or
    another command is using it (``StoreBusy``)."""
    tasks = [s.task(root_seed) for s in specs]
    scenarios = {s.scenario: s.data for s in specs if s.kind == "crn"}
    meta = {"kind": "comparison", "spec_hash": spec_hash, "package_version": __version__,
            "n_runs": len(specs), "experiment_file": "siyu compare", **meta}
    return RunStore.open(folder, tasks, spec_hash, lambda store: store.open_spec(
        spec_hash, lambda: store.start(meta, scenarios, tasks), fresh=fresh, what="comparison",
        changed="the scenarios, seed, replications, options or siyu_sim's code changed since those runs"))


def _as_compared(frame: pd.DataFrame, spec: RunSpec) -> pd.DataFrame:
    frame = frame.assign(scenario=spec.scenario)
    if spec.kind == "independent":
        frame["replication"] = spec.replication - INDEPENDENT_OFFSET
    return frame
