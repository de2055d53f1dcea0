"""What the calibration report computes from a ``CalibrationResult``: observed beside simulated
per period and metric, each metric's errors and held-out coverage, the search's convergence,
where each interval lies in its allowed range, and the strongly correlated pairs."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from ..calibration.result import CalibrationResult, Estimate

#: The simulated band: these quantiles of the replications.
BAND = (0.05, 0.95)
#: Correlations beyond this (in absolute value) are called strong.
STRONG = 0.7
#: Held-out coverage from which the forecast is called good, and fair.
GOOD, FAIR = 0.8, 0.5
#: A best loss that improved by less than this over the last half of the trials has settled.
SETTLED = 0.05


def replications(result: "CalibrationResult") -> int:
    sim = result.simulated
    return int(sim["replicate"].nunique()) if len(sim) else 0


def metrics(result: "CalibrationResult") -> list[str]:
    """The fitted metrics in the calibration's order, then any other metric both observed and
    simulated."""
    fitted = list(result.metrics)
    observed = [c for c in result.observed.columns if c != "period"]
    simulated = set(result.simulated["metric"]) if len(result.simulated) else set()
    return fitted + [m for m in observed if m not in fitted and m in simulated]


def joined(result: "CalibrationResult") -> pd.DataFrame:
    """One row per metric and period: ``observed`` (NaN where missing), the simulated
    ``median``, ``low`` and ``high`` (the band), ``held`` (a held-out period), ``fitted`` (a
    period the loss uses) and ``inside`` (observed within the band)."""
    names = metrics(result)
    obs = result.observed
    cols = [c for c in names if c in obs.columns]
    long = obs.melt(id_vars="period", value_vars=cols, var_name="metric", value_name="observed")
    bands = result.bands(*BAND)
    out = long.merge(bands, on=["metric", "period"], how="outer")
    out = out[out["metric"].isin(names)].copy()
    out["period"] = out["period"].astype(int)
    out["observed"] = pd.to_numeric(out["observed"], errors="coerce")
    out["held"] = out["period"].isin(result.held_out_periods)
    out["fitted"] = out["period"].isin(result.fit_periods)
    out["inside"] = (out["observed"] >= out["low"]) & (out["observed"] <= out["high"])
    order = {m: i for i, m in enumerate(names)}
    return out.sort_values(["metric", "period"], key=lambda s: s.map(order) if s.name == "metric" else s,
                           kind="stable").reset_index(drop=True)


def relative_error(rows: pd.DataFrame) -> float:
    """Sum of |median − observed| over sum of |observed|, on rows with both; NaN without."""
    ok = rows["observed"].notna() & rows["median"].notna()
    total = float(rows.loc[ok, "observed"].abs().sum())
    if not ok.any() or total == 0:
        return float("nan")
    return float((rows.loc[ok, "median"] - rows.loc[ok, "observed"]).abs().sum()) / total


def held_coverage(rows: pd.DataFrame) -> tuple[int, int]:
    """(held-out observations inside the band, held-out observations with a band)."""
    held = rows[rows["held"] & rows["observed"].notna() & rows["low"].notna()]
    return int(held["inside"].sum()), len(held)


def metric_table(result: "CalibrationResult", rows: pd.DataFrame) -> pd.DataFrame:
    """Per metric: its weight, observations, the error over the fitted and held-out periods and
    the held-out observations inside the band."""
    out = []
    for metric, d in rows.groupby("metric", sort=False):
        inside, held = held_coverage(d)
        out.append({"metric": metric, "weight": result.metrics.get(metric, float("nan")),
                    "observations": int(d["observed"].notna().sum()),
                    "fit_error": relative_error(d[d["fitted"]]), "held_error": relative_error(d[d["held"]]),
                    "held_inside": inside, "held_n": held})
    return pd.DataFrame(out)


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
