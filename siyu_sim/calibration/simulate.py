"""What the model says a brand's observed columns would be: one run, aggregated by period.

``simulate_periods`` runs one replication of a scenario (``runs.pipeline.run_scenario``, keeping
only the metrics it needs) and returns the observed columns (``config.observed_columns``, and the
ratios of two) per period: its daily table aggregated by the calendar's months or weeks
(``metrics.aggregate``: flows summed over the period's days, stocks read on its last day).

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

from ..calendar import Calendar
from ..config.observed_columns import OBSERVED_COLUMNS, PERIOD_COLUMN, parts, with_ratios
from ..config.scenario_files import build_scenario
from ..experiments.allocator import restore_malloc_thresholds
from ..metrics import aggregate
from ..runs.pipeline import run_scenario
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
    """One run (seed ``replication_seed(root_seed, replication)``) as observed columns by period:
    ``period`` and one float column per observed column (the metric it is, aggregated). The run
    keeps only those metrics (a fit makes hundreds of runs; the others are a sixth of a day's cost)."""
    names = list(columns or OBSERVED_COLUMNS)
    needed = parts(names)
    model = run_scenario(scenario, replication=replication, root_seed=root_seed,
                         record=[OBSERVED_COLUMNS[name].model for name in needed])
    table = aggregate(model.daily, period, Calendar(scenario.days))
    out = {PERIOD_COLUMN: table[period].to_numpy(dtype=np.int64)}
    for name in needed:
        out[name] = table[OBSERVED_COLUMNS[name].model].to_numpy(dtype=float)
    return with_ratios(pd.DataFrame(out), names)[[PERIOD_COLUMN, *names]]


def execute_trials(batch: TrialBatch) -> list[TrialOutcome]:
    """Run every (trial, replication) of the batch; a failing run is returned, not raised."""
    restore_malloc_thresholds()
    out = []
    where = f"{socket.gethostname()}:{os.getpid()}"
    for run in batch.runs:
        start = time.perf_counter()
        try:
            scenario = build_scenario(batch.scenario, run.values)
            table = simulate_periods(scenario, run.replication, batch.root_seed, batch.period, batch.columns)
            out.append(TrialOutcome(run.trial, run.replication, "ok", table, time.perf_counter() - start,
                                    worker=where))
        except Exception as exc:  # recorded: the trial is told it failed, the search goes on
            out.append(TrialOutcome(run.trial, run.replication, "failed", None, time.perf_counter() - start,
                                    error=f"{type(exc).__name__}: {exc}", traceback=traceback.format_exc(),
                                    worker=where))
    return out
