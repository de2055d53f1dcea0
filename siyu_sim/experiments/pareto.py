"""The trade-off front: settings no other setting beats on every objective at once.

A setting is dominated when another is at least as good on every objective and strictly
better on one; the front is the settings that are not (Pareto optimal). Used for profit
against the health of the pool: settings off the front give up one without gaining the other.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

#: The default trade-off: what the private domain adds against how healthy the pool stays,
#: each with fallbacks for results folders written before the sweep stored them.
PROFIT_METRICS = ("cum_incremental_profit", "cum_profit")
HEALTH_METRICS = ("active_share", "mean_trust")


def non_dominated(values: np.ndarray) -> np.ndarray:
    """Mask of the rows of ``values`` (n × k, larger is better) that no other row dominates.
    Rows with a missing value are never on the front."""
    v = np.asarray(values, dtype=float)
    ok = np.isfinite(v).all(axis=1)
    front = np.zeros(len(v), dtype=bool)
    for i in np.flatnonzero(ok):
        others = v[ok]
        dominated = ((others >= v[i]).all(axis=1) & (others > v[i]).any(axis=1)).any()
        front[i] = not dominated
    return front


def pareto_front(table: pd.DataFrame, objectives: dict[str, str]) -> pd.Series:
    """Boolean Series over ``table``'s rows: on the front of ``objectives`` (column → "max" or
    "min")."""
    signs = np.array([1.0 if goal == "max" else -1.0 for goal in objectives.values()])
    values = table[list(objectives)].to_numpy(dtype=float) * signs
    return pd.Series(non_dominated(values), index=table.index, name="pareto")


def trade_off_axes(columns) -> tuple[str, str] | None:
    """(profit metric, health metric) present in ``columns``, or None."""
    cols = set(columns)
    profit = next((m for m in PROFIT_METRICS if m in cols), None)
    health = next((m for m in HEALTH_METRICS if m in cols), None)
    return (profit, health) if profit and health else None
