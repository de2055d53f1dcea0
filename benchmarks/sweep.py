"""Sweep throughput: the same batches of runs on 1 and 2 local worker processes and on a Dask
LocalCluster of 2 workers, through the experiment backends (``siyu_sim.experiments.backends``)
that ``siyu sweep`` uses.

Each backend is started and warmed (its workers have imported everything and run a tiny
model) before the clock starts; start-up time is reported separately. Every backend gets the
same batches (sized by ``batch_size_for`` for 2 workers), and the results are compared.
"""

from __future__ import annotations

import time
from dataclasses import dataclass


@dataclass
class SweepResult:
    backend: str
    workers: int
    runs: int
    startup_s: float
    wall_s: float

    @property
    def runs_per_s(self) -> float:
        return self.runs / self.wall_s


def make_batches(preset: str, runs: int, customers: int, days: int, batch_size: int | None = None,
                 workers: int = 2, metrics: str = "final", engine: str = "compiled"):
    """``runs`` replications of a shipped preset, as experiment batches."""
    from siyu_sim import presets
    from siyu_sim.experiments.backends import batch_size_for, chunk
    from siyu_sim.experiments.design import RunTask
    from siyu_sim.experiments.worker import Batch

    scenario = getattr(presets, preset)()
    data = scenario.to_dict()
    data["days"] = days
    data.setdefault("population", {}).update(customers=customers, rows=customers)  # one row a customer
    seed = 7
    tasks = [RunTask(run_id=f"{preset}-s0000-r{r:03d}", scenario=preset, setting=0, replication=r,
                     factors={}, overrides={}, seed_entropy=seed, spawn_key=(r,)) for r in range(runs)]
    size = batch_size or batch_size_for(runs, customers, days, workers)
    return [Batch({preset: data}, part, metrics, engine=engine) for part in chunk(tasks, size)]


def _frames(outcomes) -> list:
    failed = [o for o in outcomes if o.status != "ok"]
    if failed:
        raise RuntimeError(f"{len(failed)} benchmark runs failed; first: {failed[0].error}\n{failed[0].traceback}")
    return [o.frame for o in sorted(outcomes, key=lambda o: o.run_id)]


def time_backend(make, name: str, workers: int, batches, warm) -> tuple[SweepResult, list]:
    outcomes: list = []
    t0 = time.perf_counter()
    backend = make()
    try:
        backend.run(warm, lambda _: None)
        t1 = time.perf_counter()
        backend.run(batches, outcomes.extend)
        t2 = time.perf_counter()
    finally:
        backend.close()
    runs = sum(len(b.tasks) for b in batches)
    return SweepResult(name, workers, runs, t1 - t0, t2 - t1), _frames(outcomes)


def sweep_benchmark(runs: int, customers: int, days: int, preset: str = "nurture",
                    dask: bool = True, rounds: int = 2) -> dict:
    """Time the same batches on 1 and 2 local workers, on 2 local workers with the numpy engine
    (the reference: today's sweeps), and on a Dask LocalCluster of 2 workers.

    The backends take turns for ``rounds`` rounds and each keeps its fastest round (as
    ``timeit`` does): on a shared machine a slow round measures the neighbours, not us, and
    interleaving exposes every backend to the same drift.
    """
    from siyu_sim.experiments.backends import DaskBackend, ProcessPoolBackend

    batches = make_batches(preset, runs, customers, days)
    reference = make_batches(preset, runs, customers, days, engine="numpy")
    warm = make_batches(preset, 4, 200, 2, batch_size=1)
    warm_numpy = make_batches(preset, 4, 200, 2, batch_size=1, engine="numpy")
    plans = [(lambda: ProcessPoolBackend(1), "local pool, 1 worker", 1, batches, warm),
             (lambda: ProcessPoolBackend(2), "local pool, 2 workers", 2, batches, warm),
             (lambda: ProcessPoolBackend(2), "local pool, 2 workers, numpy engine", 2, reference, warm_numpy)]
    if dask:
        plans.append((lambda: DaskBackend(local_workers=2), "Dask LocalCluster, 2 workers", 2, batches, warm))
    rounds_s: list[list[float]] = [[] for _ in plans]
    timings, outputs = [None] * len(plans), [None] * len(plans)
    for _ in range(max(1, rounds)):
        for i, (make, name, workers, work, warm_up) in enumerate(plans):
            res, frames = time_backend(make, name, workers, work, warm_up)
            rounds_s[i].append(res.wall_s)
            if timings[i] is None or res.wall_s < timings[i].wall_s:
                timings[i] = res
            outputs[i] = frames
    compiled = [o for o, p in zip(outputs, plans) if "numpy" not in p[1]]
    same = all(len(o) == len(compiled[0]) and all(a.equals(b) for a, b in zip(o, compiled[0]))
               for o in compiled[1:])
    result = {"timings": timings, "rounds_s": rounds_s, "identical": same, "batches": len(batches),
              "batch_size": len(batches[0].tasks) if batches else 0,
              "speedup_2_vs_1": timings[0].wall_s / timings[1].wall_s,
              "speedup_vs_numpy": timings[2].wall_s / timings[1].wall_s}
    if dask:
        result["dask_overhead"] = timings[3].wall_s / timings[1].wall_s - 1.0
    return result
