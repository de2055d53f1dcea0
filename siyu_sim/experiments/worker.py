"""What a worker does: run a batch of runs, each one guarded, and return tidy frames.

Each run goes through the one run pipeline (``runs.simulate``), with the worker process's
``RUN_CACHE``: a baseline shared by many settings (or strategies) is run once per process.
Importable at top level (process pools use the spawn start method; Dask pickles by
reference), with no state of its own but that cache.
"""

from __future__ import annotations

import os
import socket
import time
import traceback
from dataclasses import dataclass, field
from typing import Callable

import numpy as np
import pandas as pd

from ..config.scenario_files import build_scenario
from ..kernel import DEFAULT_ENGINE
from ..metrics import aggregate
from ..runs import RunCache, RunResult, simulate
from ..scenario import Scenario
from .allocator import restore_malloc_thresholds
from .design import RunTask

#: The no-private-domain baselines kept by this process across batches (``runs.RunCache``): a
#: sweep's or a comparison's own runs never repeat, and would push the baselines out.
RUN_CACHE = RunCache(baselines_only=True)


@dataclass
class Batch:
    scenarios: dict[str, dict | Scenario]  # label → resolved scenario data (or the Scenario itself)
    tasks: list[RunTask]
    metrics: str = "final"                # daily | monthly | final
    columns: list[str] | None = None      # metric columns to keep (None: all)
    factor_dtypes: dict[str, str] = field(default_factory=dict)
    executor: str = "vector"              # vector | agent (the same results, docked)
    segments: bool = False                # also return each run's per-segment daily table
    baseline: bool = False                # run the no-private-domain baseline too: the profit added
    baseline_rows: bool = False           # and return the baseline's daily rows (a comparison keeps them)
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
    baseline_frame: pd.DataFrame | None = None  # scenario, replication + the baseline's daily rows


def scenario_of(batch: Batch, task: RunTask) -> Scenario:
    """The task's scenario: its base scenario with the task's overrides."""
    base = batch.scenarios[task.scenario]
    if isinstance(base, Scenario) and not task.overrides:
        return base
    return build_scenario(base.to_dict() if isinstance(base, Scenario) else base, task.overrides)


def simulate_task(batch: Batch, task: RunTask, progress: Callable[[int, int], None] | None = None,
                  cache: RunCache | None = None) -> RunResult:
    """One run of the batch (seeded by ``replication_seed(entropy, r)``), unguarded."""
    if task.spawn_key != (task.replication,):  # pragma: no cover - design guarantees it
        raise ValueError(f"unexpected spawn key {task.spawn_key} for replication {task.replication}")
    return simulate(scenario_of(batch, task), replication=task.replication, root_seed=task.seed_entropy,
                    baseline=batch.baseline, segments=batch.segments, executor=batch.executor,
                    engine=batch.engine, progress=progress, cache=cache)


def tidy(daily: pd.DataFrame, task: RunTask, metrics: str, columns: list[str] | None,
         factor_dtypes: dict[str, str]) -> pd.DataFrame:
    """Reduce a daily table to the kept rows and columns, with id and factor columns in front.

    ``monthly`` rows are the calendar's months (``metrics.aggregate``, 1-based). A dated run's
    ``date`` is left out: rows are numbers, and the date is the day's under the scenario's start."""
    metric_cols = [c for c in daily.columns if c not in ("day", "date")]
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


def segment_table(segment_daily: pd.DataFrame, task: RunTask) -> pd.DataFrame:
    """A run's per-segment daily table with ``scenario`` and ``replication`` in front."""
    segment_daily.insert(0, "replication", task.replication)
    segment_daily.insert(0, "scenario", task.scenario)
    return segment_daily


def run_task(batch: Batch, task: RunTask,
             progress: Callable[[int, int], None] | None = None,
             cache: RunCache | None = None) -> RunOutcome:
    """One run of the batch, guarded: a failure is returned as a ``failed`` outcome.
    ``progress(done, total)`` follows the run and its baseline day by day (in this process
    only); ``cache`` holds finished runs (``runs.RunCache``)."""
    start = time.perf_counter()
    where = f"{socket.gethostname()}:{os.getpid()}"
    try:
        result = simulate_task(batch, task, progress, cache)
        frame = tidy(result.daily, task, batch.metrics, batch.columns, batch.factor_dtypes)
        seg = segment_table(result.segment_daily, task) if batch.segments else None
        base = (tidy(result.baseline_daily, task, "daily", None, {}).drop(columns=["run_id", "setting"])
                if batch.baseline and batch.baseline_rows else None)
        return RunOutcome(task.run_id, "ok", frame, time.perf_counter() - start, worker=where,
                          segment_frame=seg, baseline_frame=base)
    except Exception as exc:  # a failing run is recorded; the others go on
        return RunOutcome(task.run_id, "failed", None, time.perf_counter() - start,
                          error=f"{type(exc).__name__}: {exc}", traceback=traceback.format_exc(),
                          worker=where)


def execute_batch(batch: Batch) -> list[RunOutcome]:
    """Run every task of the batch; never raises for a failing run."""
    restore_malloc_thresholds()  # a Dask worker's malloc setting would halve the speed
    return [run_task(batch, task, cache=RUN_CACHE) for task in batch.tasks]
