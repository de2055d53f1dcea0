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
from typing import Any

import numpy as np
import pandas as pd

from ..metrics import DAILY_COLUMNS
from ..config.overrides import apply_overrides
from ..runs import run_scenario
from ..scenario import Scenario
from .allocator import restore_malloc_thresholds
from .design import RunTask

#: Daily columns that are flows (summed over a month); the rest are levels (month-end value).
FLOW_COLUMNS = ("new_members", "purchases", "buyers", "gmv", "revenue", "discount_cost", "cogs",
                "gross_margin", "staff_cost", "acquisition_cost", "tool_cost", "profit", "spend",
                "referrals", "care_contacts", "prospect_purchases", "outside_gross_margin")
ID_COLUMNS = ("run_id", "scenario", "replication", "setting")


@dataclass
class Batch:
    scenarios: dict[str, dict]            # label → resolved scenario data
    tasks: list[RunTask]
    metrics: str = "final"                # daily | monthly | final
    columns: list[str] | None = None      # metric columns to keep (None: all)
    factor_dtypes: dict[str, str] = field(default_factory=dict)


@dataclass
class RunOutcome:
    run_id: str
    status: str                            # "ok" | "failed"
    frame: pd.DataFrame | None
    duration_s: float
    error: str | None = None
    traceback: str | None = None
    worker: str = ""


def build_scenario(scenario_data: dict, overrides: dict[str, Any]) -> Scenario:
    return Scenario.from_dict(apply_overrides(scenario_data, overrides))


def simulate(scenario: Scenario, task: RunTask) -> pd.DataFrame:
    """The daily table of one run (seeded by ``replication_seed(entropy, r)``)."""
    if task.spawn_key != (task.replication,):  # pragma: no cover - design guarantees it
        raise ValueError(f"unexpected spawn key {task.spawn_key} for replication {task.replication}")
    return run_scenario(scenario, replication=task.replication, root_seed=task.seed_entropy).daily


def tidy(daily: pd.DataFrame, task: RunTask, metrics: str, columns: list[str] | None,
         factor_dtypes: dict[str, str], horizon: int | None = None) -> pd.DataFrame:
    """Reduce a daily table to the kept rows and columns, with id and factor columns in front."""
    daily = daily.copy()
    daily["cum_gmv"] = daily["gmv"].cumsum()
    metric_cols = [c for c in daily.columns if c != "day"]
    if metrics == "final":
        frame = daily.iloc[[-1]]
    elif metrics == "monthly":
        month = (daily["day"].to_numpy() * 12) // 365
        g = daily.groupby(month, sort=True)
        agg = {c: ("sum" if c in FLOW_COLUMNS else "last") for c in metric_cols}
        agg["day"] = "last"
        frame = g.agg(agg)
        frame.insert(0, "month", frame.index.to_numpy())
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


def run_task(batch: Batch, task: RunTask) -> RunOutcome:
    start = time.perf_counter()
    where = f"{socket.gethostname()}:{os.getpid()}"
    try:
        scenario = build_scenario(batch.scenarios[task.scenario], task.overrides)
        daily = simulate(scenario, task)
        frame = tidy(daily, task, batch.metrics, batch.columns, batch.factor_dtypes)
        return RunOutcome(task.run_id, "ok", frame, time.perf_counter() - start, worker=where)
    except Exception as exc:  # a failing run is recorded; the others go on
        return RunOutcome(task.run_id, "failed", None, time.perf_counter() - start,
                          error=f"{type(exc).__name__}: {exc}", traceback=traceback.format_exc(),
                          worker=where)


def execute_batch(batch: Batch) -> list[RunOutcome]:
    """Run every task of the batch; never raises for a failing run."""
    restore_malloc_thresholds()  # a Dask worker's malloc setting would halve the speed
    return [run_task(batch, task) for task in batch.tasks]


def daily_columns() -> tuple[str, ...]:
    return DAILY_COLUMNS
