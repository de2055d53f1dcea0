"""Summaries of tidy frames across replications: medians and 10–90% bands, 30-day months.

Pure pandas on the tidy tables (``scenario, replication, day`` + metrics); nothing here knows
the model.
"""

from __future__ import annotations

import pandas as pd

LO, HI = 0.1, 0.9
MONTH_DAYS = 30


def ensure_tidy(daily: pd.DataFrame) -> pd.DataFrame:
    """A copy with ``scenario`` and ``replication`` columns (single runs may lack them)."""
    missing = {"day"} - set(daily.columns)
    if missing:
        raise ValueError(f"daily table needs a 'day' column; it has {list(daily.columns)[:8]}...")
    out = daily.copy()
    if "scenario" not in out.columns:
        out.insert(0, "scenario", "scenario")
    if "replication" not in out.columns:
        out.insert(1, "replication", 0)
    return out


def n_replications(daily: pd.DataFrame) -> int:
    """Replications per scenario (the smallest count, if they differ)."""
    return int(daily.groupby("scenario", sort=False)["replication"].nunique().min())


def band(frame: pd.DataFrame, value: str, by: list[str]) -> pd.DataFrame:
    """Median, 10% and 90% of ``value`` across replications for each ``by`` group."""
    g = frame.groupby(by, sort=False)[value]
    out = pd.DataFrame({"mid": g.median(), "lo": g.quantile(LO), "hi": g.quantile(HI),
                        "n": g.count()})
    return out.reset_index()


def final_day(daily: pd.DataFrame) -> pd.DataFrame:
    """The last day's row of each scenario × replication."""
    idx = daily.groupby(["scenario", "replication"], sort=False)["day"].idxmax()
    return daily.loc[idx]


def monthly(daily: pd.DataFrame, columns: list[str]) -> tuple[pd.DataFrame, int]:
    """Sums of ``columns`` per scenario × replication × 30-day month (1-based), complete months
    only (unless there is less than one month), and the number of trailing days left out."""
    d = daily.copy()
    d["month"] = d["day"] // MONTH_DAYS + 1
    days = int(d["day"].max()) + 1
    left_out = days % MONTH_DAYS if days >= MONTH_DAYS else 0
    if left_out:
        d = d[d["month"] <= days // MONTH_DAYS]
    out = d.groupby(["scenario", "replication", "month"], sort=False)[columns].sum().reset_index()
    return out, left_out


def payback_month(cum_profit_by_day: pd.Series) -> int | None:
    """First 30-day month (1-based) from which cumulative profit stays ≥ 0 to the end, or None."""
    s = cum_profit_by_day.sort_index()
    if s.empty or s.iloc[-1] < 0:
        return None
    negative = s[s < 0]
    if negative.empty:
        return 1
    first_day = int(negative.index.max()) + 1
    return first_day // MONTH_DAYS + 1
