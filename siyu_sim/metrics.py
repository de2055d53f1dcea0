"""Daily metrics: one tidy row per day (and per segment on request), weighted by rows.

The model collects nothing else: this table is its whole output (plus the final customer
table, which can be inspected with ``model.customers.to_frame()``).
"""

from __future__ import annotations

import numpy as np

from typing import TYPE_CHECKING

from .economics import DayMoney, Ledger
from .rules.status import N_STATUS, Status
from .sums import dot

if TYPE_CHECKING:  # pragma: no cover
    from .customer_day import DayOutcome
    from .customers import CustomerTable

TRUST_BANDS = ("trust_0_20", "trust_20_40", "trust_40_60", "trust_60_80", "trust_80_100")
ENGAGED_ACTIVITY = 0.5  # an active member at or above this attention counts as engaged

DAILY_COLUMNS = (
    "day", "prospects", "active", "muted", "churned", "members", "new_members", "rejoined",
    "purchases", "buyers", "gmv", "revenue", "discount_cost", "cogs", "gross_margin", "staff_cost",
    "acquisition_cost", "tool_cost", "profit", "cum_profit", "spend", "cum_spend", "roi",
    "mean_trust", "mean_activity", "mean_fatigue", "mean_ref_price", "repurchase_rate",
    "referrals", "care_contacts", "prospect_purchases", "outside_gross_margin", "alt_ads_cum_return",
    "alt_ads_cum_profit",
    "lapsed",  # customers (members or not) who have stopped buying from the brand for good
    # funnel: acquired → engaged → bought → repeat → referred (all cumulative except
    # engaged, which counts active members paying attention today)
    "ever_members", "engaged", "ever_buyers", "repeat_buyers", "referrers",
    # trust distribution of members: weighted counts in five bands
    *TRUST_BANDS,
)

#: ``buyers`` counts the distinct members who ordered in this many days up to today (a stock).
BUYER_WINDOW_DAYS = 30

#: Daily columns that are flows (a day's amount: summed over a month); every other column is
#: a stock (a level on the day: read on the month's last day).
FLOW_COLUMNS = (
    "new_members", "rejoined", "purchases", "gmv", "revenue", "discount_cost", "cogs",
    "gross_margin", "staff_cost", "acquisition_cost", "tool_cost", "profit", "spend",
    "referrals", "care_contacts", "prospect_purchases", "outside_gross_margin",
)
STOCK_COLUMNS = tuple(c for c in DAILY_COLUMNS if c != "day" and c not in FLOW_COLUMNS)

SEGMENT_COLUMNS = (
    "day", "segment", "prospects", "active", "muted", "churned", "new_members", "purchases",
    "gmv", "revenue", "discount_cost", "gross_margin", "mean_trust", "mean_activity",
    "mean_fatigue", "repurchase_rate", "referrals", "ever_members", "realised_ltv",
    "prospect_purchases", "lapsed_members", "lapsed_prospects",
)


def _mean(total: float, weight: float) -> float:
    return total / weight if weight > 0 else 0.0


def daily_row(day: int, t: "CustomerTable", out: "DayOutcome", money: DayMoney, ledger: Ledger, new_members: float,
              rejoined: float, list_price: float, unit_cost: float) -> dict:
    w = t.weight
    wsum = t.weight_of  # = float(w[mask].sum()), exactly
    status = t.status
    counts = t.weight_by(status, N_STATUS)
    member = (status == Status.ACTIVE) | (status == Status.MUTED)
    mw = w * member
    members = counts[Status.ACTIVE] + counts[Status.MUTED]
    ever_buyer = wsum(t.orders >= 1)
    repeat = wsum(t.orders >= 2)
    prospect_buys = wsum(out.bought & out.was_prospect)
    # Outside the ledger: gross margin of orders by customers not in the private domain
    # (prospects and those who left), at list price; siyu_sim.counterfactual needs it.
    outside = out.bought & ~out.was_member
    outside_margin = dot(w, outside * (out.paid - out.units * unit_cost))
    band = np.minimum((t.trust * 5).astype(np.int64), 4)
    if t.weight_unit is None:
        bands = np.bincount(band, weights=mw, minlength=5)
    else:  # member rows' bands, counted: the same sums exactly
        bands = t.weight_by(band + 5 * member, 10)[5:]
    row = {
        "day": day,
        "prospects": counts[Status.PROSPECT], "active": counts[Status.ACTIVE],
        "muted": counts[Status.MUTED], "churned": counts[Status.CHURNED], "members": members,
        # new_members includes those who left and came back (rejoined): each join is paid for
        "new_members": new_members, "rejoined": rejoined, "purchases": money.orders,
        # distinct members who ordered within the window (one order a day at most, so a day's
        # count would only repeat purchases): monthly active buyers, read at any day
        "buyers": wsum((t.last_order_day >= 0) & (t.last_order_day > day - BUYER_WINDOW_DAYS)),
        "gmv": money.gmv, "revenue": money.revenue, "discount_cost": money.discount_cost,
        "cogs": money.cogs, "gross_margin": money.gross_margin, "staff_cost": money.staff_cost,
        "acquisition_cost": money.acquisition_cost, "tool_cost": money.tool_cost,
        "profit": money.profit, "cum_profit": ledger.cum_profit, "spend": money.spend,
        "cum_spend": ledger.cum_spend, "roi": ledger.roi,
        "mean_trust": _mean(dot(mw, t.trust), members),
        "mean_activity": _mean(dot(mw, t.activity), members),
        "mean_fatigue": _mean(dot(mw, t.fatigue), members),
        "mean_ref_price": _mean(dot(mw, t.ref_price), members) / list_price,
        "repurchase_rate": _mean(repeat, ever_buyer),
        "referrals": wsum(out.via_referral),
        "care_contacts": wsum(out.care),
        "prospect_purchases": prospect_buys,
        "outside_gross_margin": outside_margin,
        "alt_ads_cum_return": ledger.alt_ads_cum_return,
        "alt_ads_cum_profit": ledger.alt_ads_cum_profit,
        "lapsed": wsum(t.lapsed),
        "ever_members": wsum(status != Status.PROSPECT),
        "engaged": wsum((status == Status.ACTIVE) & (t.activity >= ENGAGED_ACTIVITY)),
        "ever_buyers": ever_buyer, "repeat_buyers": repeat,
        "referrers": wsum(t.referrals > 0),
    }
    row.update(zip(TRUST_BANDS, bands.tolist()))
    return row


def segment_rows(day: int, t: "CustomerTable", out: "DayOutcome", segment_names: list[str], new_rows: np.ndarray,
                 list_price: float, unit_cost: float) -> list[dict]:
    """Per-segment breakdown: counts, member money, relationship health, realised LTV."""
    k = len(segment_names)
    seg = t.segment
    w = t.weight

    def by_seg(values) -> np.ndarray:
        return np.bincount(seg, weights=values, minlength=k)

    status = t.status
    member = (status == Status.ACTIVE) | (status == Status.MUTED)
    counts = {s: by_seg(w * (status == s)) for s in Status}
    members = counts[Status.ACTIVE] + counts[Status.MUTED]
    bought = out.bought & out.was_member
    orders = by_seg(w * bought)
    units = by_seg(w * bought * out.units)
    discount = by_seg(w * (bought * out.units * list_price - bought * out.paid))
    ever = w * (status != Status.PROSPECT)
    ever_members = by_seg(ever)
    buyers = by_seg(w * (t.orders >= 1))
    repeat = by_seg(w * (t.orders >= 2))
    trust = by_seg(w * member * t.trust)
    activity = by_seg(w * member * t.activity)
    fatigue = by_seg(w * member * t.fatigue)
    margin = by_seg(w * t.margin)
    refs = by_seg(w * out.via_referral)
    prospect_orders = by_seg(w * (out.bought & out.was_prospect))
    lapsed_members = by_seg(w * (member & t.lapsed))
    lapsed_prospects = by_seg(w * ((status == Status.PROSPECT) & t.lapsed))
    new = by_seg(np.bincount(new_rows, weights=w[new_rows], minlength=len(w)))
    rows = []
    for i, name in enumerate(segment_names):
        gmv = units[i] * list_price
        rows.append({
            "day": day, "segment": name,
            "prospects": counts[Status.PROSPECT][i], "active": counts[Status.ACTIVE][i],
            "muted": counts[Status.MUTED][i], "churned": counts[Status.CHURNED][i],
            "new_members": new[i], "purchases": orders[i], "gmv": gmv,
            "revenue": gmv - discount[i], "discount_cost": discount[i],
            "gross_margin": gmv - discount[i] - units[i] * unit_cost,
            "mean_trust": _mean(trust[i], members[i]), "mean_activity": _mean(activity[i], members[i]),
            "mean_fatigue": _mean(fatigue[i], members[i]),
            "repurchase_rate": _mean(repeat[i], buyers[i]), "referrals": refs[i],
            "ever_members": ever_members[i],
            "realised_ltv": _mean(margin[i], ever_members[i]),
            "prospect_purchases": prospect_orders[i],
            "lapsed_members": lapsed_members[i], "lapsed_prospects": lapsed_prospects[i],
        })
    return rows
