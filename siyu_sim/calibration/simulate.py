"""What the model says a brand's observed columns would be: one run, aggregated by period.

``simulate_periods`` runs one replication of a scenario and returns the observed columns
(``config.observed_columns``) per period: flows summed over the period's days, stocks read on
its last day. Two columns are not in the daily table and are read from the model day by day:
new members by acquisition source (the weight of customers whose ``join_day`` is today, by
their ``source``) and the operating team's size (``model.team.staff``).

``execute_trials`` is what a worker does with a batch of (trial, replication) runs: importable
at top level, for the process pool and Dask (``experiments.backends``, ``fn=``).
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

from ..config.observed_columns import OBSERVED_COLUMNS, PERIOD_COLUMN, SOURCES, n_periods, period_of
from ..config.overrides import apply_overrides
from ..experiments.allocator import restore_malloc_thresholds
from ..metrics import FLOW_COLUMNS
from ..model import PrivateDomainModel
from ..runs import replication_seed
from ..scenario import Scenario


@dataclass(frozen=True)
class TrialRun:
    trial: int  # the Optuna trial number (-1: a check run of the best parameters)
    replication: int
    values: dict[str, Any]  # dotted path → value


@dataclass
class TrialBatch:
    scenario: dict  # the base scenario's resolved data
    runs: list[TrialRun]
    root_seed: int
    period: str = "month"
    columns: list[str] = field(default_factory=lambda: list(OBSERVED_COLUMNS))


@dataclass
class TrialOutcome:
    trial: int
    replication: int
    status: str  # "ok" | "failed"
    table: pd.DataFrame | None  # period + one column per observed metric
    duration_s: float
    error: str | None = None
    traceback: str | None = None
    worker: str = ""


def simulate_periods(scenario: Scenario, replication: int, root_seed: int, period: str = "month",
                     columns: list[str] | None = None) -> pd.DataFrame:
    """One run (seed ``replication_seed(root_seed, replication)``) as observed columns by period."""
    columns = list(columns or OBSERVED_COLUMNS)
    model = PrivateDomainModel(scenario, seed=replication_seed(root_seed, replication))
    days = scenario.days
    want_sources = [c for c in columns if c.startswith("new_members_")]
    staff = np.zeros(days)
    by_source = np.zeros((days, len(SOURCES)))

    def record(done: int, _total: int) -> None:
        day = done - 1
        staff[day] = model.team.staff
        if want_sources:
            t = model.customers
            joined = np.flatnonzero(t.join_day == day)
            if len(joined):
                names = model.sources
                sums = np.bincount(t.source[joined], weights=t.weight[joined], minlength=len(names))
                for j, s in enumerate(SOURCES):
                    if s in names:
                        by_source[day, j] = sums[names.index(s)]

    daily = model.run(progress=record)
    daily = daily.assign(staff=staff, **{f"new_members_{s}": by_source[:, j] for j, s in enumerate(SOURCES)})
    return aggregate(daily, days, period, columns)


def aggregate(daily: pd.DataFrame, days: int, period: str, columns: list[str]) -> pd.DataFrame:
    """The daily table → observed columns per period (flows summed, stocks at the period's end)."""
    p = np.asarray(period_of(daily["day"].to_numpy(), days, period))
    keep = p <= n_periods(days, period)
    g = daily[keep].groupby(p[keep], sort=True)
    out = {PERIOD_COLUMN: np.asarray(sorted(set(p[keep].tolist())), dtype=np.int64)}
    for name in columns:
        col = OBSERVED_COLUMNS[name]
        flow = col.kind == "flow" or col.model in FLOW_COLUMNS
        out[name] = (g[col.model].sum() if flow else g[col.model].last()).to_numpy(dtype=float)
    return pd.DataFrame(out)


def execute_trials(batch: TrialBatch) -> list[TrialOutcome]:
    """Run every (trial, replication) of the batch; a failing run is returned, not raised."""
    restore_malloc_thresholds()
    out = []
    where = f"{socket.gethostname()}:{os.getpid()}"
    for run in batch.runs:
        start = time.perf_counter()
        try:
            scenario = Scenario.from_dict(apply_overrides(batch.scenario, run.values))
            table = simulate_periods(scenario, run.replication, batch.root_seed, batch.period, batch.columns)
            out.append(TrialOutcome(run.trial, run.replication, "ok", table, time.perf_counter() - start,
                                    worker=where))
        except Exception as exc:  # recorded: the trial is told it failed, the search goes on
            out.append(TrialOutcome(run.trial, run.replication, "failed", None, time.perf_counter() - start,
                                    error=f"{type(exc).__name__}: {exc}", traceback=traceback.format_exc(),
                                    worker=where))
    return out
