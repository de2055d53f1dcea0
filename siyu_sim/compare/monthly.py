"""Strategies month by month: the monthly table, and who leads it from which month.

Reads only tidy daily frames (``scenario, replication, day`` + metrics). Replications, when
there are several, are averaged day by day before anything else. The words about these
tables are in ``verdict`` (and the terminal's table in ``siyu_sim.cli.printout``).
"""

from __future__ import annotations

import pandas as pd

from ..calendar import Calendar
from ..metrics import aggregate, derive

#: The monthly table's columns (whether each is a stock, read on the month's last day, or a
#: flow, summed over the month, is declared in ``siyu_sim.metrics``).
MONTHLY_COLUMNS = ("active", "muted", "churned", "mean_trust", "gmv", "profit", "cum_profit",
                   "roi", "alt_ads_cum_profit", "cum_gmv", "cum_spend", "cum_cash_spend", "alt_ads_cum_customers")
#: Of them, those the terminal's table does not show (the verdict reads them). The paid-ads
#: alternative (``alt_ads_cum_profit``) is valued by the baseline: a table without one lacks it.
HIDDEN_COLUMNS = ("cum_gmv", "cum_spend", "cum_cash_spend", "alt_ads_cum_customers")
#: With a no-private-domain baseline (``incremental``), the headline columns come first:
#: profit added over having none, to date, and the incremental ROI (both read on the month's
#: last day).
INCREMENTAL_COLUMNS = ("cum_incremental_profit", "incremental_roi")


def final_day(daily: pd.DataFrame) -> pd.DataFrame:
    """The last day's row of each scenario × replication (the horizon's figures)."""
    return daily.loc[daily.groupby(["scenario", "replication"], sort=False)["day"].idxmax()]


def monthly(daily: pd.DataFrame, days: int | None = None, extra_flows: tuple[str, ...] = ()) -> pd.DataFrame:
    """One row per (month, scenario), scenarios in the order they first appear.

    Replications are averaged day by day, then aggregated by calendar month
    (``metrics.aggregate``): stocks (members by status, trust, cumulative money, ROI, ``cum_gmv``:
    GMV to date) on the month's last day, flows (GMV, profit) summed. With the incremental columns
    in ``daily``, ``INCREMENTAL_COLUMNS`` lead the table; ``extra_flows`` present in ``daily``
    follow it."""
    if "scenario" not in daily:
        daily = daily.assign(scenario="scenario")
    order = list(dict.fromkeys(daily["scenario"]))
    days = int(daily["day"].max()) + 1 if days is None else days
    extra = [c for c in INCREMENTAL_COLUMNS if c in daily.columns]
    flows = [c for c in extra_flows if c in daily.columns]
    cols = [c for c in dict.fromkeys([*MONTHLY_COLUMNS, *extra, *flows]) if c in daily.columns]
    mean = daily.groupby(["scenario", "day"], sort=False)[cols].mean().reset_index()
    mean = derive(mean, by=("scenario",))  # cum_gmv of the mean run
    out = aggregate(mean, "month", Calendar(days), by=("scenario",))
    out["scenario"] = pd.Categorical(out["scenario"], categories=order, ordered=True)
    out = out.sort_values(["month", "scenario"]).set_index(["month", "scenario"])
    out.index = out.index.set_levels(out.index.levels[1].astype(str), level=1)
    shown = [c for c in MONTHLY_COLUMNS if c in out.columns]
    return out[extra + shown + [c for c in flows if c not in MONTHLY_COLUMNS]]


def wide(table: pd.DataFrame, column: str) -> pd.DataFrame:
    """month × scenario for one column of a ``monthly`` table (scenario order kept)."""
    order = list(dict.fromkeys(table.index.get_level_values("scenario")))
    return table[column].unstack("scenario")[order]


def leader_since(series: pd.DataFrame) -> tuple[str | None, int | None, str | None]:
    """(leader at the last month, first month from which it stayed strictly ahead, the one
    that led month 1 if different). Leader is None on a tie."""
    last = series.iloc[-1]
    leader = last.idxmax()
    if (last == last[leader]).sum() > 1:
        return None, None, None
    ahead = series[leader] > series.drop(columns=leader).max(axis=1)
    since = int(ahead.index[-1])
    for month in reversed(ahead.index):
        if not ahead[month]:
            break
        since = int(month)
    first = series.iloc[0].idxmax()
    return str(leader), since, (str(first) if first != leader else None)
