"""Paired comparisons with common random numbers (CRN) and how much CRN narrowed the interval.

Every scenario runs replications ``0..reps-1`` with ``runs.replication_seed(root_seed, r)``:
replication ``r`` of scenario B meets the same luck as replication ``r`` of scenario A, so
the difference B − A per replication is mostly the strategy's effect. The 95% interval of
the mean difference is a paired t-interval. To show what CRN bought, the non-first scenarios
also run an independent set (replications ``INDEPENDENT_OFFSET + r``, streams no first-
scenario run uses); the same difference estimated from independent runs gets a Welch
t-interval, and ``width_ratio`` = paired width / independent width (< 1: CRN helped).

Statistics only: the runs come from ``siyu_sim.compare.workflow.compare``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .monthly import final_day

INDEPENDENT_OFFSET = 1_000_000
#: The key metrics, read at the horizon (their words: ``paired_metric_<name>`` in words).
#: With a baseline, the added profit leads (``incremental``); its independent-seed interval is
#: not computed (the independent runs have no counterfactual), so its ratio is n/a.
KEY_METRICS = ("cum_incremental_profit", "cum_profit", "cum_gmv", "active", "muted", "churned", "mean_trust", "roi")


def paired_t(diffs, conf: float = 0.95) -> tuple[float, float, float]:
    """(mean, low, high) of the mean of paired differences."""
    from scipy import stats  # scipy loads only when intervals are asked for

    d = np.asarray(diffs, dtype=float)
    n = len(d)
    mean = float(d.mean()) if n else float("nan")
    if n < 2:
        return mean, float("nan"), float("nan")
    half = float(stats.t.ppf(0.5 + conf / 2, n - 1) * d.std(ddof=1) / np.sqrt(n))
    return mean, mean - half, mean + half


def welch_t(a, b, conf: float = 0.95) -> tuple[float, float, float]:
    """(mean, low, high) of mean(b) − mean(a) from two independent samples (Welch)."""
    from scipy import stats

    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    mean = float(b.mean() - a.mean())
    if len(a) < 2 or len(b) < 2:
        return mean, float("nan"), float("nan")
    va, vb = a.var(ddof=1) / len(a), b.var(ddof=1) / len(b)
    se = np.sqrt(va + vb)
    if se == 0:
        return mean, mean, mean
    df = (va + vb) ** 2 / (va**2 / (len(a) - 1) + vb**2 / (len(b) - 1))
    half = float(stats.t.ppf(0.5 + conf / 2, df) * se)
    return mean, mean - half, mean + half


def paired_table(daily: pd.DataFrame, independent: pd.DataFrame, scenarios: list[str],
                 conf: float = 0.95, metrics=KEY_METRICS) -> pd.DataFrame:
    """Tidy differences vs the first scenario at the horizon: one row per (scenario, metric).

    ``daily``: the CRN runs of every scenario; ``independent``: the independent-seed runs of the
    non-first scenarios (replications numbered from 0, like ``daily``'s)."""
    crn, ind = final_day(daily), final_day(independent)
    baseline = scenarios[0]
    base = crn[crn.scenario == baseline].set_index("replication").sort_index()
    rows = []
    for name in scenarios[1:]:
        other = crn[crn.scenario == name].set_index("replication").sort_index()
        other_ind = ind[ind.scenario == name]
        for metric in metrics:
            if metric not in crn.columns:
                continue
            diffs = (other[metric] - base[metric]).dropna()
            mean, lo, hi = paired_t(diffs, conf)
            if metric in ind.columns:
                imean, ilo, ihi = welch_t(base[metric], other_ind[metric], conf)
            else:
                imean = ilo = ihi = float("nan")
            width, iwidth = hi - lo, ihi - ilo
            rows.append({
                "scenario": name, "baseline": baseline, "metric": metric, "n": int(len(diffs)),
                "baseline_mean": float(base[metric].mean()), "scenario_mean": float(other[metric].mean()),
                "mean_diff": mean, "ci_low": lo, "ci_high": hi,
                "independent_mean_diff": imean, "independent_ci_low": ilo, "independent_ci_high": ihi,
                "ci_width": width, "independent_ci_width": iwidth,
                "width_ratio": width / iwidth if iwidth and np.isfinite(iwidth) and iwidth > 0 else float("nan"),
            })
    return pd.DataFrame(rows)
