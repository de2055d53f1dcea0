"""Observed data made by the model itself from known parameters: the known truth a fit must
recover (tests/test_calibrate_recovery.py, the shipped example in examples/calibration/,
benchmarks/calibration.py).

One replication at a seed no trial uses (a different root seed), then multiplicative noise
(each value × (1 + noise · N(0, 1)), rounded to whole numbers as a brand's export would be):
data that no parameter set reproduces exactly, as real data.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..config.observed_columns import PERIOD_COLUMN
from ..config.output_files import write_file
from ..config.overrides import apply_overrides
from ..scenario import Scenario
from .simulate import simulate_periods


def synthetic_observed(scenario: dict, truth: dict, columns: list[str], *, seed: int = 12345,
                       noise: float = 0.03, period: str = "month") -> pd.DataFrame:
    """The observed table the model gives for ``truth`` (dotted path → value) under root seed
    ``seed``, with ``noise`` relative noise (seeded by ``seed`` too)."""
    model_scenario = Scenario.from_dict(apply_overrides(scenario, truth))
    table = simulate_periods(model_scenario, 0, seed, period, columns)
    rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(999,)))
    for c in columns:
        factor = 1.0 + noise * rng.standard_normal(len(table))
        table[c] = np.round(np.maximum(table[c].to_numpy() * factor, 0.0))
    return table


def write_observed(table: pd.DataFrame, path: str | Path) -> None:
    """The observed table as the CSV ``siyu calibrate`` reads (blank cells for NaN)."""
    out = table.copy()
    out[PERIOD_COLUMN] = out[PERIOD_COLUMN].astype(int)
    write_file(path, out.to_csv(index=False, float_format="%.0f"))
