"""What a worker does: run a batch of runs, each one guarded, and return tidy frames.

Importable at top level (process pools use the spawn start method; Dask pickles by
reference), with no state of its own.
"""

from __future__ import annotations

import os
import socket
import time
import traceback
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np
import pandas as pd

from ..metrics import aggregate, derive
from ..config.overrides import apply_overrides
from ..model import PrivateDomainModel
from ..runs import run_scenario
from ..scenario import Scenario
from ..kernel import DEFAULT_ENGINE
from .allocator import restore_malloc_thresholds
from .derived import CounterfactualCache
from .design import RunTask


@dataclass
class Batch:
    scenarios: dict[str, dict]            # label → resolved scenario data
    tasks: list[RunTask]
    metrics: str = "final"                # daily | monthly | final
    columns: list[str] | None = None      # metric columns to keep (None: all)
    factor_dtypes: dict[str, str] = field(default_factory=dict)
    executor: str = "vector"              # vector | agent (the same results, docked)
    segments: bool = False                # also return each run's per-segment daily table
    derived: bool = False                 # derive against the no-private-domain counterfactual too
    engine: str = DEFAULT_ENGINE          # compiled | numpy (the reference): see siyu_sim.kernel


@dataclass
class RunOutcome:
    run_id: str
    status: str                            # "ok" | "failed"
    frame: pd.DataFrame | None
    duration_s: float
    error: str | None = None
    traceback: str | None = None
    worker: str = ""
    segment_frame: pd.DataFrame | None = None   # scenario, replication + segment daily rows


def build_scenario(scenario_data: dict, overrides: dict[str, Any]) -> Scenario:
    return Scenario.from_dict(apply_overrides(scenario_data, overrides))


def run_model(scenario: Scenario, task: RunTask, *, executor: str = "vector", segments: bool = False,
              progress: Callable[[int, int], None] | None = None,
              engine: str = DEFAULT_ENGINE) -> PrivateDomainModel:
    """The finished model of one run (seeded by ``replication_seed(entropy, r)``)."""
    if task.spawn_key != (task.replication,):  # pragma: no cover - design guarantees it
        raise ValueError(f"unexpected spawn key {task.spawn_key} for replication {task.replication}")
    return run_scenario(scenario, replication=task.replication, root_seed=task.seed_entropy,
                        executor=executor, segment_metrics=segments, progress=progress, engine=engine)


def counterfactual_daily(scenario: Scenario, task: RunTask, cache: CounterfactualCache | None = None,
                         executor: str = "vector", engine: str = DEFAULT_ENGINE) -> pd.DataFrame:
    """The daily table of the run's no-private-domain counterfactual, under the run's seed."""
    def run(base: Scenario) -> pd.DataFrame:
        return run_model(base, task, executor=executor, engine=engine).daily
    return (cache or CounterfactualCache(size=1)).get(scenario, task.seed_entropy, task.replication, run)


def simulate(scenario: Scenario, task: RunTask, cache: CounterfactualCache | None = None) -> pd.DataFrame:
    """The daily table of one run (seeded by ``replication_seed(entropy, r)``) with the derived
    columns (``metrics.derive``: cumulative GMV, pool health, the profit added over its
    counterfactual)."""
    return derive(run_model(scenario, task).daily, counterfactual_daily(scenario, task, cache))


def tidy(daily: pd.DataFrame, task: RunTask, metrics: str, columns: list[str] | None,
         factor_dtypes: dict[str, str]) -> pd.DataFrame:
    """Reduce a daily table to the kept rows and columns, with id and factor columns in front.

    ``monthly`` rows are the calendar's months (``metrics.aggregate``, 1-based)."""
    metric_cols = [c for c in daily.columns if c != "day"]
    if metrics == "final":
        frame = daily.iloc[[-1]]
    elif metrics == "monthly":
        frame = aggregate(daily, "month")
    else:
        frame = daily
    keep = list(columns) if columns else metric_cols
    head = ["day"] + (["month"] if metrics == "monthly" else [])
    frame = frame[head + keep].reset_index(drop=True)
    frame = frame.astype({c: "float64" for c in keep} | {c: "int64" for c in head})
    n = len(frame)
    front = {"run_id": [task.run_id] * n, "scenario": [task.scenario] * n,
             "replication": np.full(n, task.replication, dtype=np.int64),
             "setting": np.full(n, task.setting, dtype=np.int64)}
    for name, dtype in factor_dtypes.items():
        front[name] = pd.Series([task.factors[name]] * n, dtype=_pandas_dtype(dtype))
    out = pd.DataFrame({k: (v.to_numpy() if isinstance(v, pd.Series) else v) for k, v in front.items()})
    for name, dtype in factor_dtypes.items():
        out[name] = out[name].astype(_pandas_dtype(dtype))
    return pd.concat([out, frame], axis=1)


def _pandas_dtype(dtype: str) -> str:
    return {"string": "object"}.get(dtype, dtype)


def segment_table(model: PrivateDomainModel, task: RunTask) -> pd.DataFrame:
    """A run's per-segment daily table with ``scenario`` and ``replication`` in front."""
    seg = model.segment_daily
    seg.insert(0, "replication", task.replication)
    seg.insert(0, "scenario", task.scenario)
    return seg


def run_task(batch: Batch, task: RunTask,
             progress: Callable[[int, int], None] | None = None,
             cache: CounterfactualCache | None = None) -> RunOutcome:
    """One run of the batch, guarded: a failure is returned as a ``failed`` outcome.
    ``progress(day, days)`` follows the run day by day (in this process only); ``cache`` holds
    counterfactual runs shared by settings that differ only in levers."""
    start = time.perf_counter()
    where = f"{socket.gethostname()}:{os.getpid()}"
    try:
        scenario = build_scenario(batch.scenarios[task.scenario], task.overrides)
        model = run_model(scenario, task, executor=batch.executor, segments=batch.segments,
                          progress=progress, engine=batch.engine)
        baseline = (counterfactual_daily(scenario, task, cache, batch.executor, batch.engine)
                    if batch.derived else None)
        daily = derive(model.daily, baseline)
        frame = tidy(daily, task, batch.metrics, batch.columns, batch.factor_dtypes)
        seg = segment_table(model, task) if batch.segments else None
        return RunOutcome(task.run_id, "ok", frame, time.perf_counter() - start, worker=where,
                          segment_frame=seg)
    except Exception as exc:  # a failing run is recorded; the others go on
        return RunOutcome(task.run_id, "failed", None, time.perf_counter() - start,
                          error=f"{type(exc).__name__}: {exc}", traceback=traceback.format_exc(),
                          worker=where)


def execute_batch(batch: Batch) -> list[RunOutcome]:
    """Run every task of the batch; never raises for a failing run."""
    restore_malloc_thresholds()  # a Dask worker's malloc setting would halve the speed
    cache = CounterfactualCache()
    return [run_task(batch, task, cache=cache) for task in batch.tasks]
