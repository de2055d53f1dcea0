"""Incremental money: what each strategy adds over the same customers with no private domain.

The ledger's profit counts every order members place, including those they would have placed
anyway (DOMAIN 003's "false prosperity" lives there). The increment is the profit the private
domain *adds* day by day, under common random numbers: the daily columns
``metrics.derive`` adds against each run's no-private-domain counterfactual. Here they are
summarised at the horizon:

- ``incremental_profit`` (daily) and ``cum_incremental_profit`` (to date), CNY;
- ``incremental_roi`` = cum incremental profit / cum spend (net CNY *added* per CNY put in);
- ``added_vs_ads`` = cum incremental profit − ``alt_ads_cum_profit``: like for like, since the
  paid-ads alternative (the margin of the new customers the same *cash* buys in ads, valued as
  the baseline's own new customers, less that cash: ``metrics``, docs/ODD.md 7.10) is itself an
  added profit;
- the incremental payback day: first day from which the cumulative increment stays ≥ 0.

With several replications every horizon figure gets a paired 95% interval: each replication's
increment is already a paired difference (scenario − its counterfactual, same seed).

**The answer** of a comparison (``answer``) is one figure per strategy: its added profit at the
horizon, the mean over the comparison's replications of the scenarios as written (their own
assumptions and rows). The terminal, the report's first page, the workbook, every slide of the
deck state it; the draws of ``--draws`` say how sure it is (their median is another figure, of
worlds drawn around the scenario on fewer rows, and is named so), and the app's one quick run is
the first of the replications averaged (docs/reports.md, "One answer").
"""

from __future__ import annotations

import pandas as pd

from ..economics import payback_day
from .paired import paired_t

#: Horizon figures of ``summary``, each with mean, ci_low, ci_high.
SUMMARY_FIGURES = ("cum_incremental_profit", "incremental_roi", "added_vs_ads", "cum_profit",
                   "cum_gmv", "alt_ads_cum_profit", "cum_spend", "cum_cash_spend", "alt_ads_cum_customers")


def horizon(daily: pd.DataFrame) -> pd.DataFrame:
    """One row per scenario × replication at the last day: the incremental figures beside the
    ledger's, and the incremental payback day."""
    rows = []
    for (name, rep), d in daily.groupby(["scenario", "replication"], sort=False):
        d = d.sort_values("day")
        last = d.iloc[-1]
        rows.append({
            "scenario": name, "replication": int(rep),
            "cum_incremental_profit": float(last["cum_incremental_profit"]),
            "incremental_roi": float(last["incremental_roi"]),
            "added_vs_ads": float(last["cum_incremental_profit"] - last["alt_ads_cum_profit"]),
            "cum_profit": float(last["cum_profit"]),
            "cum_gmv": float(last["cum_gmv"]),
            "alt_ads_cum_profit": float(last["alt_ads_cum_profit"]),
            "cum_spend": float(last["cum_spend"]),
            "cum_cash_spend": float(last["cum_cash_spend"]),
            "alt_ads_cum_customers": float(last["alt_ads_cum_customers"]),
            "payback_day": payback_day(d["cum_incremental_profit"]),
        })
    return pd.DataFrame(rows)


def summary(daily: pd.DataFrame, conf: float = 0.95) -> pd.DataFrame:
    """One row per (scenario, figure): mean over replications and its paired 95% interval
    (NaN with one replication)."""
    ends = horizon(daily)
    rows = []
    for name, e in ends.groupby("scenario", sort=False):
        for figure in SUMMARY_FIGURES:
            mean, lo, hi = paired_t(e[figure], conf)
            rows.append({"scenario": name, "figure": figure, "n": len(e), "mean": mean,
                         "ci_low": lo, "ci_high": hi})
    return pd.DataFrame(rows)


def answer(daily: pd.DataFrame) -> pd.DataFrame:
    """The answer (see the module): one row per scenario, ``added_profit`` (the mean over
    replications of the added profit at the horizon), ``low`` and ``high`` (its paired 95%
    interval: luck only; NaN with one run) and ``n`` runs."""
    s = summary(daily)
    s = s[s["figure"] == "cum_incremental_profit"]
    return pd.DataFrame({"scenario": s["scenario"], "added_profit": s["mean"], "low": s["ci_low"],
                         "high": s["ci_high"], "n": s["n"]}).set_index("scenario")
