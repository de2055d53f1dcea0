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
- cash = staff + tools + acquisition: the money that leaves the firm (discounts are revenue
  forgone, not cash).

The paid-ads alternative ("is it the best use of the same money?", DOMAIN 000; docs/ODD.md 7.10):
the same *cash*, day by day, put into paid ads, buys new customers through the response curve
of media-mix models — geometric adstock (carry-over), then Hill saturation (Jin et al. 2017;
Meridian's ``Hill(Adstock(x))``) — ``AdsResponse``; the ledger counts them
(``alt_ads_customers``). What they are worth is the model's own: the margin the no-private-domain
baseline's new customers earn (``metrics``' derived ``alt_ads_cum_return``, ``alt_ads_cum_profit``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .metrics import derive
from .params import Economics


def hill(spend, half_saturation: float, shape: float = 1.0):
    """The Hill function of media-mix models, ``1 / (1 + (x / K)^-S)`` = ``x^S / (x^S + K^S)``
    (Jin et al. 2017; Meridian's ``Hill(x; ec, slope)``): 0 without spend, 1/2 at the
    half-saturation point ``K``, below 1 for any finite spend; concave for S ≤ 1, S-shaped above.
    Scalars give a float, arrays an array."""
    x = np.maximum(np.asarray(spend, dtype=float), 0.0)
    if half_saturation <= 0.0:
        out = (x > 0.0).astype(float)
    else:
        xs = x ** shape
        out = np.where(x > 0.0, xs / np.where(x > 0.0, xs + half_saturation ** shape, 1.0), 0.0)
    return float(out) if out.ndim == 0 else out


def adstock_weights(decay: float, max_lag: int) -> np.ndarray:
    """Geometric carry-over weights ``decay^s`` for lags s = 0..max_lag, normalised to sum to 1
    (Meridian's adstock: a weighted average of the last max_lag + 1 days' spend), so that
    carry-over moves spend in time without adding to it."""
    w = float(decay) ** np.arange(int(max_lag) + 1, dtype=float)
    return w / w.sum()


def adstock(spend, decay: float, max_lag: int) -> np.ndarray:
    """Each day's carried-over spend: ``Σ_s w_s x_{t−s}`` (``adstock_weights``), nothing before day 0."""
    x = np.asarray(spend, dtype=float)
    return np.convolve(x, adstock_weights(decay, max_lag))[: len(x)]


@dataclass(frozen=True)
class AdsResponse:
    """New customers a day's paid ads buy: ``most · Hill(adstock(cash); K, S)``, where
    ``most = K / cac`` (customers a day at saturation), so that at low spend a customer costs
    ``cac`` (with S = 1; the slope of the curve at zero spend). An MMM's Hill coefficient β
    (customers a day at saturation) and ec (K) give ``cac = K / β``."""

    cac_cny: float
    half_saturation_cny_per_day: float
    shape: float = 1.0
    decay: float = 0.0
    max_lag_days: int = 0

    @classmethod
    def of(cls, e: Economics, potential_customers: float) -> "AdsResponse":
        """The scenario's curve; ``potential_customers``: the market's people who do not buy from
        the brand yet (real people), for the default half-saturation spend (``Economics``)."""
        half = e.ads_half_saturation_cny_per_day
        if half is None:  # at saturation, ads buy the reachable market in a year
            half = e.ads_cac_cny * e.ads_reach_share * potential_customers / 365.0
        return cls(e.ads_cac_cny, half, e.ads_hill_shape, e.ads_adstock_decay_per_day, e.ads_adstock_max_lag_days)

    @property
    def most_per_day(self) -> float:
        return self.half_saturation_cny_per_day / self.cac_cny

    @property
    def weights(self) -> np.ndarray:
        return adstock_weights(self.decay, self.max_lag_days)

    def bought(self, carried_cny):
        """Customers bought on a day whose carried-over spend is ``carried_cny``."""
        return self.most_per_day * hill(carried_cny, self.half_saturation_cny_per_day, self.shape)

    def customers(self, cash_by_day) -> np.ndarray:
        """Customers bought each day by a run of daily cash."""
        return self.bought(adstock(cash_by_day, self.decay, self.max_lag_days))


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

    def __init__(self, economics: Economics, potential_customers: float = 0.0):
        self.economics = economics
        self.ads = AdsResponse.of(economics, potential_customers)
        self._cash: list[float] = []  # the days' cash, for the alternative's carry-over
        self.alt_ads_customers = 0.0  # today's
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
        self._cash.append(staff_cost + tool_cost + acquisition)
        recent = np.asarray(self._cash[-len(self.ads.weights):][::-1])
        self.alt_ads_customers = self.ads.bought(float(recent @ self.ads.weights[: len(recent)]))
        return DayMoney(orders, gmv, discount_cost, revenue, cogs, revenue - cogs, staff_cost,
                        tool_cost, acquisition, profit, spend)

    @property
    def roi(self) -> float:
        return self.cum_profit / self.cum_spend if self.cum_spend > 0 else 0.0


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
    the baseline's, summed), ``added_roi`` (added profit / spend), ``added_payback_day``, and
    the paid-ads alternative, which needs the baseline to value the customers ads buy:
    ``alt_ads_customers`` (bought by the same cash), ``alt_ads_profit`` (their margin − the
    cash, an added profit) and ``added_beats_paid_ads``.
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
        "cash": float(last.cum_cash_spend),
        "discounts": float(daily.discount_cost.sum()),
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
            "alt_ads_customers": float(daily.alt_ads_customers.sum()),
            "alt_ads_profit": float(last.alt_ads_cum_profit),
            "added_beats_paid_ads": bool(added.iloc[-1] > last.alt_ads_cum_profit),
        })
    return out
