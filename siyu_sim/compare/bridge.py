"""The CFO's view of a comparison: where each strategy's added profit comes from, month by month.

- ``bridge(daily)``: the profit bridge (a waterfall) from no private domain (0) to the profit a
  strategy adds by the horizon: the gross margin it adds before discounts (``added_margin``: its
  customers' orders, members' and others', against the same customers with no private domain),
  less the discounts, staff, tools and content, and acquisition the ledger books (``STEPS``). The
  steps sum to ``cum_incremental_profit`` (tests/test_bridge.py checks it on real runs): the
  no-private-domain baseline books none of these costs, so nothing is left over.
- ``monthly_money(daily, days)``: the monthly table with the steps' monthly flows and the added
  profit (``compare.monthly``: the table ``siyu compare`` prints, so the charts agree with it).
- ``break_even(daily)``: the month the added profit pays back (its cumulative sum stays at or above
  zero from then on) and the month from which each month's added profit stays positive.

The ledger has the categories it has: operators and team leads are one staff cost, and tools and
content one cost (``metrics``: ``staff_cost``, ``tool_cost``). Replications are averaged, as in the
monthly table; every step is a flow, so the bridge of the mean is the mean of the bridges.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..calendar import Calendar
from ..economics import payback_day
from .monthly import monthly

#: The bridge's steps in order: a declared daily flow (``metrics``) and the sign it enters the
#: added profit with.
STEPS = (("added_margin", 1.0), ("discount_cost", -1.0), ("staff_cost", -1.0), ("tool_cost", -1.0),
         ("acquisition_cost", -1.0))
#: Each step's short name on a chart or slide (``words.exports``); the workbook names it by its
#: declared label.
STEP_WORDS = {"added_margin": "cfo_step_margin", "discount_cost": "cfo_step_discounts", "staff_cost": "cfo_step_staff",
              "tool_cost": "cfo_step_tools", "acquisition_cost": "cfo_step_acquisition"}
#: The costs among the steps (the cost-by-month chart's stacks), in the bridge's order.
COSTS = tuple(name for name, sign in STEPS if sign < 0)
#: Where the bridge ends: the profit added by the horizon.
TOTAL = "cum_incremental_profit"
#: The monthly flows ``monthly_money`` adds to the monthly table.
MONTHLY_FLOWS = ("incremental_profit", *(name for name, _ in STEPS))


def has_bridge(daily: pd.DataFrame) -> bool:
    """Whether ``daily`` has what the bridge needs (a comparison with its baseline)."""
    return TOTAL in daily.columns and all(name in daily.columns for name, _ in STEPS)


def bridge(daily: pd.DataFrame) -> pd.DataFrame:
    """scenario × (each step's signed sum over the run, then ``TOTAL`` at the horizon), means over
    replications, scenarios in their order. Costs are negative: the steps add up to the total."""
    if not has_bridge(daily):
        raise ValueError("the bridge needs a comparison with its no-private-domain baseline "
                         f"(columns {[n for n, _ in STEPS]} and {TOTAL!r})")
    order = list(dict.fromkeys(daily["scenario"]))
    runs = daily.groupby(["scenario", "replication"], sort=False)
    steps = runs[[name for name, _ in STEPS]].sum() * [sign for _, sign in STEPS]
    last = daily.loc[runs["day"].idxmax()].set_index(["scenario", "replication"])[TOTAL]
    out = steps.join(last).groupby(level="scenario", sort=False).mean()
    return out.loc[order]


def monthly_money(daily: pd.DataFrame, days: int | None = None) -> pd.DataFrame:
    """The monthly table (``compare.monthly.monthly``) with the month's added profit and each
    step's monthly flow (as booked: costs positive)."""
    return monthly(daily, days, extra_flows=MONTHLY_FLOWS)


def break_even(daily: pd.DataFrame, days: int | None = None) -> pd.DataFrame:
    """One row per scenario: ``payback_day`` (the first day from which the mean run's cumulative
    added profit stays at or above zero; NaN if it does not by the horizon) and its ``payback_month``;
    ``positive_month``: the first month from which every month's added profit is positive (NaN if
    the last month's is not)."""
    days = int(daily["day"].max()) + 1 if days is None else days
    calendar = Calendar(days)
    table = monthly_money(daily, days)
    rows = []
    for name in dict.fromkeys(daily["scenario"]):
        curve = daily[daily["scenario"] == name].groupby("day")[TOTAL].mean().sort_index()
        day = payback_day(curve.to_numpy())
        added = table.xs(name, level="scenario")["incremental_profit"]
        not_yet = added.index[added.to_numpy() <= 0]
        positive = (float(not_yet.max() + 1) if len(not_yet) else float(added.index.min()))
        rows.append({"scenario": name,
                     "payback_day": float(day) if day is not None else np.nan,
                     "payback_month": float(calendar.month_of(day)) if day is not None else np.nan,
                     "positive_month": positive if positive <= added.index.max() else np.nan})
    return pd.DataFrame(rows).set_index("scenario")
