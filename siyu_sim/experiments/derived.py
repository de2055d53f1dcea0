"""Columns a sweep adds to a run's daily table: what the private domain adds over the same
customers with none (incremental profit), and the health of the pool.

- ``incremental_profit`` (a day's amount) and ``cum_incremental_profit``: the run's profit over
  its no-private-domain counterfactual (``siyu_sim.counterfactual``), run under the same seed
  (common random numbers). The counterfactual has no levers, so settings that differ only in
  levers share it: it is cached by its scenario data, seed and replication.
- ``active_share`` and ``muted_share``: active and muted members as shares of everyone who
  ever joined (the rest have left), so a pool that grew by burning people does not look healthy.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from typing import Callable

import numpy as np
import pandas as pd

from ..counterfactual import incremental_profit, without_private_domain
from ..scenario import Scenario

INCREMENT_COLUMNS = ("incremental_profit", "cum_incremental_profit")
HEALTH_COLUMNS = ("active_share", "muted_share")
#: Columns this module adds, and which of them are flows (summed over a month).
DERIVED_COLUMNS = INCREMENT_COLUMNS + HEALTH_COLUMNS
DERIVED_FLOWS = ("incremental_profit",)

Runner = Callable[[Scenario], pd.DataFrame]


class CounterfactualCache:
    """Counterfactual daily tables by (scenario data, seed entropy, replication), newest kept."""

    def __init__(self, size: int = 64):
        self.size = size
        self._tables: OrderedDict[tuple, pd.DataFrame] = OrderedDict()
        self.hits = self.misses = 0

    def get(self, scenario: Scenario, seed_entropy: int, replication: int, run: Runner) -> pd.DataFrame:
        base = without_private_domain(scenario)
        key = (json.dumps(base.to_dict(), sort_keys=True, default=str), seed_entropy, replication)
        if key in self._tables:
            self.hits += 1
            self._tables.move_to_end(key)
            return self._tables[key]
        self.misses += 1
        table = run(base)
        self._tables[key] = table
        if len(self._tables) > self.size:
            self._tables.popitem(last=False)
        return table


def pool_health(daily: pd.DataFrame) -> pd.DataFrame:
    """Active and muted members as shares of everyone who ever joined (0 before anyone has)."""
    ever = daily["ever_members"].to_numpy(dtype=float)
    safe = np.where(ever > 0, ever, 1.0)
    return pd.DataFrame({"active_share": np.where(ever > 0, daily["active"].to_numpy() / safe, 0.0),
                         "muted_share": np.where(ever > 0, daily["muted"].to_numpy() / safe, 0.0)},
                        index=daily.index)


def with_derived(daily: pd.DataFrame, baseline: pd.DataFrame) -> pd.DataFrame:
    """``daily`` with the derived columns appended (``baseline``: its counterfactual's table)."""
    inc = incremental_profit(daily, baseline)
    out = daily.copy()
    for col in INCREMENT_COLUMNS:
        out[col] = inc[col].to_numpy()
    health = pool_health(daily)
    for col in HEALTH_COLUMNS:
        out[col] = health[col].to_numpy()
    return out
