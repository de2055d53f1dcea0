"""The ledger: money in and out, day by day, and the paid-ads alternative.

Definitions (all CNY, every figure multiplied by row weights):
- gmv: member orders valued at list price (an order's size grows with trust: ``units``);
- discount_cost: what coupons took off those orders;
- revenue = gmv − discount_cost (what members actually paid);
- cogs: cost of goods of member orders; gross_margin = revenue − cogs;
- staff_cost: operators (levers' staff) and their team leads (the execution lever's management);
- tool_cost: tools, plus what levers add (content production, materials, gifts);
- profit = revenue − cogs − staff_cost − tool_cost − acquisition_cost;
- spend = staff + tools + acquisition + discounts: the money put into the private domain;
- roi = cum_profit / cum_spend: net CNY returned per CNY put in;
- alt_ads_cum_return: the same cumulative spend in paid ads, at the scenario's revenue per
  CNY (DOMAIN 000: 100 CNY into Douyin returns 300); alt_ads_cum_profit is its profit at this
  scenario's gross margin, the number to set against cum_profit ("is it the best use of the
  same money?").
"""

from __future__ import annotations

from dataclasses import dataclass

from .metrics import derive
from .params import Economics


@dataclass
class DayMoney:
    orders: float
    gmv: float
    discount_cost: float
    revenue: float
    cogs: float
    gross_margin: float
    staff_cost: float
    tool_cost: float
    acquisition_cost: float
    profit: float
    spend: float


class Ledger:
    """Accumulates today's costs from levers and rules, closes the day, keeps the totals."""

    def __init__(self, economics: Economics):
        self.economics = economics
        self.acquisition_today = 0.0
        self.tool_today = 0.0
        self.management_today = 0.0
        self.cum_profit = 0.0
        self.cum_spend = 0.0

    def open_day(self) -> None:
        self.acquisition_today = 0.0
        self.tool_today = 0.0
        self.management_today = 0.0

    def close_day(self, orders: float, units: float, discount_cost: float, staff: float,
                  members: float) -> DayMoney:
        """``orders``: member orders today; ``units``: their size in average orders."""
        e = self.economics
        gmv = units * e.order_value_cny
        revenue = gmv - discount_cost
        cogs = units * e.unit_cost_cny
        staff_cost = staff * e.staff_cost_per_day_cny + self.management_today
        tool_cost = self.tool_today + e.tool_cost_per_day_cny + e.tool_cost_per_member_day_cny * members
        acquisition = self.acquisition_today
        profit = revenue - cogs - staff_cost - tool_cost - acquisition
        spend = staff_cost + tool_cost + acquisition + discount_cost
        self.cum_profit += profit
        self.cum_spend += spend
        return DayMoney(orders, gmv, discount_cost, revenue, cogs, revenue - cogs, staff_cost,
                        tool_cost, acquisition, profit, spend)

    @property
    def roi(self) -> float:
        return self.cum_profit / self.cum_spend if self.cum_spend > 0 else 0.0

    @property
    def alt_ads_cum_return(self) -> float:
        return self.cum_spend * self.economics.paid_ads_return_per_cny

    @property
    def alt_ads_cum_profit(self) -> float:
        e = self.economics
        return self.cum_spend * (e.paid_ads_return_per_cny * e.gross_margin_rate - 1.0)


def payback_day(cum_profit) -> int | None:
    """First day from which cumulative profit stays at or above zero; None if it never does.

    A run that is never in the red pays back on day 0.
    """
    import numpy as np

    values = np.asarray(cum_profit, dtype=float)
    if len(values) == 0 or values[-1] < 0:
        return None
    negative = np.flatnonzero(values < 0)
    return 0 if len(negative) == 0 else int(negative[-1] + 1)


def run_summary(daily, baseline=None) -> dict:
    """The three questions of DOMAIN 000 for one run, from its daily table.

    does it pay (cum profit, ROI, payback day); is it the best use of the money (against the
    paid-ads alternative); and the state of the pool at the end (for "does it scale", compare
    runs of different sizes). These are the ledger's gross figures: they count orders members
    would have placed anyway. Given ``baseline``, the daily table of the same customers with
    no private domain under the same seed (``siyu_sim.counterfactual``), it adds the
    incremental figures, the honest answers: ``added_profit`` (profit + outside gross margin −
    the baseline's, summed), ``added_roi`` (added profit / spend), ``added_payback_day`` and
    ``added_beats_paid_ads`` (added profit against ``alt_ads_profit``, itself an added profit).
    """
    daily = derive(daily.reset_index(drop=True),
                   baseline.reset_index(drop=True) if baseline is not None else None)
    last = daily.iloc[-1]
    out = {
        "days": int(len(daily)),
        "gmv": float(last.cum_gmv),
        "revenue": float(daily.revenue.sum()),
        "profit": float(last.cum_profit),
        "spend": float(last.cum_spend),
        "roi": float(last.roi),
        "payback_day": payback_day(daily.cum_profit),
        "alt_ads_profit": float(last.alt_ads_cum_profit),
        "beats_paid_ads": bool(last.cum_profit > last.alt_ads_cum_profit),
        "members": float(last.members),
        "active": float(last.active),
        "muted": float(last.muted),
        "churned": float(last.churned),
        "mean_trust": float(last.mean_trust),
        "profit_per_member_day": float(daily.profit.sum() / max(daily.members.sum(), 1e-12)),
    }
    if baseline is not None:
        added = daily.cum_incremental_profit
        out.update({
            "added_profit": float(added.iloc[-1]),
            "added_roi": float(last.incremental_roi),
            "added_payback_day": payback_day(added),
            "added_beats_paid_ads": bool(added.iloc[-1] > last.alt_ads_cum_profit),
        })
    return out
