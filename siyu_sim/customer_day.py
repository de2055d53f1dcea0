"""One customer-day: the rules composed in the documented order.

``customer_day`` takes one customer's state as scalars or every customer's as columns and
returns the next state. Both executors call this one function, so they cannot drift apart:
the vector executor passes whole columns, the agent executor passes one agent's values.
Everything reads yesterday's state (synchronous update).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .params import Behaviour
from .rules import (
    activity_update, basket_size, deal_memory_update, effective_touches, fatigue_update,
    join_probability, purchase_probability, read_probability, reason_to_stay,
    reference_price_update, referral_share, status_transition, trust_update,
)
from .rules.churn import ACTIVE, MUTED, PROSPECT

N_STATUS = 4  # columns of the [segment, status] tables (Status codes 0–3)


@dataclass
class Touches:
    """What the brand does today, the same for everyone (tables indexed [segment, status])."""

    broadcasts: float  # group pushes per member today
    broadcast_quality: float  # content quality in [0, 1], after execution
    broadcast_promo: float  # promotional share of pushes in [0, 1]
    moments: float  # Moments posts today
    moments_quality: float
    moments_promo: float
    coupon_depth: np.ndarray  # discount offered, share of list price
    coupon_push: np.ndarray  # 1.0 where a coupon message is pushed today
    care_probability: np.ndarray  # chance a friend in this cell gets 1:1 care today
    care_quality: float
    wom_multiplier: float  # referral reward lift on word of mouth
    list_price: float


#: State columns that customer_day reads (names match CustomerTable).
STATE_COLUMNS = (
    "segment", "status", "group", "friend", "trust", "activity", "fatigue", "ref_price",
    "deal_memory", "days_since_purchase", "need_cycle", "price_sensitivity", "tolerance",
)

#: Keys of the dict that customer_day returns.
OUTCOME_KEYS = (
    "status", "trust", "activity", "fatigue", "ref_price", "deal_memory",
    "days_since_purchase", "bought", "units", "paid", "joined", "via_referral", "care",
)


def customer_day(s: Any, mood, pressure, t: Touches, u_buy, u_join, u_churn, u_care,
                 b: Behaviour) -> dict[str, Any]:
    """Apply the rules for one day. ``s`` has the STATE_COLUMNS as attributes.

    ``mood``: mood of the customer's group (0 if none); ``pressure``: mean advocacy of
    its contacts; ``u_*``: uniforms from the purchase, referral, churn and care streams.
    """
    status = s.status
    # Flat index into the [segment, status] tables (np.take on it reads the same cells as
    # table[segment, status], several times faster on columns).
    cell = np.add(np.multiply(s.segment, N_STATUS, dtype=np.intp), status, dtype=np.intp)
    member = (status == ACTIVE) | (status == MUTED)
    muted = status == MUTED
    grouped = member & (s.group >= 0)
    friend = member & s.friend

    # 1. Touches that reach the customer (levers have fired).
    received = grouped * (1 - muted) * t.broadcasts  # muted members silence the group
    p_read = read_probability(s.activity, mood, muted, b.attention)
    group_reads = grouped * t.broadcasts * p_read
    moments_seen = friend * t.moments * b.attention.moments_view_share * s.activity
    pushed = member * np.take(t.coupon_push, cell)
    care = friend * (u_care < np.take(t.care_probability, cell)) * t.care_quality

    # 2. Attention: what is read, and what it is worth.
    engaging = (group_reads * (1.0 - t.broadcast_promo) * t.broadcast_quality
                + moments_seen * (1.0 - t.moments_promo) * t.moments_quality)
    promo_reads = (group_reads * t.broadcast_promo + moments_seen * t.moments_promo
                   + pushed * s.activity)
    reads = group_reads + moments_seen

    # 3. Fatigue from the touch load beyond tolerance.
    load = effective_touches(received * (1.0 - t.broadcast_promo) + moments_seen * (1.0 - t.moments_promo),
                             received * t.broadcast_promo + moments_seen * t.moments_promo + pushed,
                             b.fatigue)
    fatigue = np.where(member, fatigue_update(s.fatigue, load, s.tolerance, b.fatigue), s.fatigue)

    # 4. Trust and activity (from yesterday's fatigue: synchronous update).
    trust = np.where(member, trust_update(s.trust, engaging, care, promo_reads, s.fatigue, b.trust), s.trust)
    activity = np.where(member, activity_update(s.activity, engaging, care, s.fatigue, mood, b.attention),
                        s.activity)

    # 5–6. The deal against the reference price, and the purchase.
    depth = member * np.take(t.coupon_depth, cell)
    price = t.list_price * (1.0 - depth)
    p_buy = purchase_probability(s.days_since_purchase, s.need_cycle, s.trust, reads, price,
                                 s.ref_price, s.price_sensitivity, b.purchase)
    # Everyone still needs the product: prospects and customers who left the private domain
    # buy too (at list price, unreminded, with the trust they left with); only members'
    # orders enter the ledger.
    bought = u_buy < p_buy
    units = basket_size(s.trust, b.purchase)  # order size, in average orders
    ref_price = reference_price_update(s.ref_price, bought, price, t.list_price, b.price)
    deal_memory = np.where(member, deal_memory_update(s.deal_memory, depth, b.price), s.deal_memory)
    days_since = np.where(bought, 0.0, s.days_since_purchase + 1.0)

    # 7. Referral: prospects join through organic discovery or their contacts' advocacy.
    p_join = join_probability(pressure, t.wom_multiplier, b.referral)
    joined = (status == PROSPECT) & (u_join < p_join)
    via_referral = joined & (u_join < p_join * referral_share(pressure, t.wom_multiplier, b.referral))

    # 8. Mute and leave.
    stay = reason_to_stay(s.trust, s.deal_memory, s.price_sensitivity)
    next_status = status_transition(status, s.fatigue, s.trust, stay, care, u_churn, b.churn)
    next_status = np.where(joined, ACTIVE, next_status)

    return {
        "status": next_status, "trust": trust, "activity": activity, "fatigue": fatigue,
        "ref_price": ref_price, "deal_memory": deal_memory, "days_since_purchase": days_since,
        "bought": bought, "units": units, "paid": price * units, "joined": joined, "via_referral": via_referral,
        "care": care > 0.0,
    }
