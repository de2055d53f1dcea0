"""What the calibration report computes from a ``CalibrationResult``: the search's convergence,
where each interval lies in its allowed range and the strongly correlated pairs. Observed beside
simulated, the errors and the held-out count are the fit's own judgement (``calibration.quality``),
shown, not counted again."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..config.observed_columns import OBSERVED_RATIOS

if TYPE_CHECKING:
    from ..calibration.result import CalibrationResult, Estimate

#: Correlations beyond this (in absolute value) are called strong.
STRONG = 0.7
#: A best loss that improved by less than this over the last half of the trials has settled.
SETTLED = 0.05


def metric_table(result: "CalibrationResult") -> pd.DataFrame:
    """Per metric: its weight (NaN: shown, not fitted), observations, the error over the fitted and
    held-out periods, the held-out values inside the band, whether it is judged against the margin
    (a fitted metric, or a ratio of the books) and whether the fit misses it: the fit's own
    judgement (``calibration.quality``), as a table."""
    judged = result.fit_quality()
    return pd.DataFrame([{"metric": m.metric, "weight": result.metrics.get(m.metric, float("nan")),
                          "observations": m.observations, "fit_error": m.fit_error, "held_error": m.held_error,
                          "held_inside": m.held_inside, "held_n": m.held_n, "missed": m.missed or m.ratio_missed,
                          "judged": m.fitted or m.metric in OBSERVED_RATIOS}
                         for m in judged.metrics])


def convergence(trials: pd.DataFrame) -> pd.DataFrame:
    """Finished trials in order: ``number``, ``loss`` and ``best`` (the best loss so far)."""
    d = trials[["number", "loss"]].copy()
    d["loss"] = pd.to_numeric(d["loss"], errors="coerce")
    d = d[np.isfinite(d["loss"])].sort_values("number").reset_index(drop=True)
    d["best"] = d["loss"].cummin()
    return d


def late_improvement(conv: pd.DataFrame) -> float:
    """How much the best loss fell over the last half of the trials, as a share of where it
    stood halfway; NaN with fewer than four trials."""
    if len(conv) < 4:
        return float("nan")
    half = float(conv["best"].iloc[len(conv) // 2 - 1])
    end = float(conv["best"].iloc[-1])
    return (half - end) / abs(half) if half != 0 else 0.0


def range_position(est: "Estimate", value: float | None) -> float:
    """``value`` as a percentage of the estimate's allowed range (0 = lowest allowed)."""
    span = est.range_high - est.range_low
    if value is None or not np.isfinite(value) or span <= 0:
        return float("nan")
    return 100.0 * (value - est.range_low) / span


def strong_pairs(corr: pd.DataFrame, threshold: float = STRONG) -> list[tuple[str, str, float]]:
    """Parameter pairs whose correlation is beyond ±threshold, strongest first."""
    names = list(corr.index)
    pairs = [(a, b, float(corr.loc[a, b])) for i, a in enumerate(names) for b in names[i + 1:]
             if b in corr.columns and np.isfinite(corr.loc[a, b]) and abs(corr.loc[a, b]) >= threshold]
    return sorted(pairs, key=lambda p: -abs(p[2]))
