"""One customer-day: the rules composed in the documented order.

``customer_day`` takes one customer's state as scalars or every customer's as columns, and
today's plan, and returns a ``DayOutcome``: the next value of every column declared
``updated`` in ``state.STATE`` and the day's events. Everything reads yesterday's state
(synchronous update). Both executors run these rules, so they cannot drift apart: with the
numpy engine the vector executor passes whole columns to ``customer_day`` and the agent
executor one agent's values; with the compiled engine (default) both run ``day_rules``
compiled (``siyu_sim.kernel``), over every row or for one agent.

The rules composed are ``day_rules``, which returns plain named tuples; ``customer_day`` wraps
its result in a ``DayOutcome``. ``day_rules`` and every rule it calls are written so that the
compiled day kernel (``siyu_sim.kernel``) compiles this very source for one row's scalars
(``rules/ops.py``: the few operations that need a scalar form); the numpy engine runs it on
columns. One source, two engines (docs/performance.md).
"""

from __future__ import annotations

from collections import namedtuple
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any

import numpy as np

from .params import Behaviour
from .rules import (
    activity_update, attended, basket_size, daily_lapse_hazard, deal_memory_update, effective_touches,
    fatigue_update, join_probability, lapse_probability, purchase_probability, read_probability,
    reason_to_stay, reference_price_update, referral_share, referred_trust, status_transition, trust_update,
)
from .rules.ops import code_like, flat_cell, take, where
from .rules.status import N_STATUS, Status
from .state import COLUMNS, UPDATED_COLUMNS

if TYPE_CHECKING:  # pragma: no cover
    from .plan import DayPlan


#: The next value of every column declared ``updated`` in ``state.STATE``, as fields (a named
#: tuple: a missing or unknown column is a TypeError).
NextState = namedtuple("NextState", UPDATED_COLUMNS)


def _event(dtype: Any, meaning: str) -> Any:
    return field(metadata={"dtype": dtype, "meaning": meaning})


@dataclass
class DayOutcome:
    """What one customer-day produced (scalars for one customer, arrays for many)."""

    next: NextState  # tomorrow's state (the updated columns)
    was_member: Any = _event(bool, "a member (active or muted) when the day began")
    was_prospect: Any = _event(bool, "a prospect when the day began")
    bought: Any = _event(bool, "placed an order today (members' orders enter the ledger)")
    units: Any = _event(float, "order size, in average orders")
    paid: Any = _event(float, "CNY paid for today's order (if any)")
    joined: Any = _event(bool, "a prospect who joined today through discovery or referral")
    via_referral: Any = _event(bool, "joined today through a contact's referral")
    care: Any = _event(bool, "got 1:1 care today")

    @classmethod
    def empty(cls, n: int) -> "DayOutcome":
        """Uninitialised columns for ``n`` rows, in each column's declared dtype."""
        state = NextState(**{name: np.empty(n, dtype=COLUMNS[name].dtype) for name in UPDATED_COLUMNS})
        return cls(state, **{f.name: np.empty(n, dtype=f.metadata["dtype"]) for f in _EVENT_FIELDS})

    def put(self, rows: slice | int, part: "DayOutcome") -> None:
        """Write another outcome (a block of rows, or one row) into these columns at ``rows``."""
        for name in UPDATED_COLUMNS:
            getattr(self.next, name)[rows] = getattr(part.next, name)
        for f in _EVENT_FIELDS:
            getattr(self, f.name)[rows] = getattr(part, f.name)


#: DayOutcome's event fields (all but ``next``).
_EVENT_FIELDS = tuple(f for f in fields(DayOutcome) if f.name != "next")
EVENT_NAMES = tuple(f.name for f in _EVENT_FIELDS)


#: What is the same for every customer today, from today's plan and the parameters alone:
#: worked out once a day (once a block of rows by the numpy engine), not once a row.
DayConstants = namedtuple("DayConstants", ("broadcasts_attended", "moments_attended", "lapse_hazard"))


def day_constants(t, b) -> DayConstants:
    """Today's ``DayConstants``: the attention the day's broadcasts and Moments posts get from
    one reader, and the daily lapse hazard at average propensity and neutral trust."""
    return DayConstants(attended(t.broadcasts, b.attention), attended(t.moments, b.attention),
                        daily_lapse_hazard(b.purchase))


#: What ``day_rules`` returns: tomorrow's state and the day's events, in DayOutcome's order.
DayValues = namedtuple("DayValues", ("next", *EVENT_NAMES))


def customer_day(s: Any, mood, pressure, t: "DayPlan", u_buy, u_join, u_churn, u_care, u_lapse,
                 b: Behaviour, *, advocate_trust) -> DayOutcome:
    """Apply the rules for one day. ``s`` has the ``state.READ_COLUMNS`` as attributes (a
    block of table rows, or a ``Customer`` agent); ``t`` is today's plan (levers have fired).

    ``mood``: mood of the customer's group (0 if none); ``pressure``: mean advocacy of
    its contacts; ``advocate_trust``: their advocacy-weighted mean trust (0 if none); ``u_*``: uniforms from the purchase, referral, churn, care and lapse streams.
    """
    try:
        values = day_rules(s, mood, pressure, t, day_constants(t, b), u_buy, u_join, u_churn, u_care, u_lapse, b,
                           advocate_trust)
    except TypeError as error:
        raise wrong_next_state(error) from error
    return DayOutcome(*values)


def wrong_next_state(error: Exception) -> Exception:
    """A NextState built without (or with more than) the updated columns: say so plainly."""
    if "NextState" not in str(error):
        return error
    return TypeError(f"customer_day must give the next value of exactly the updated columns "
                     f"{UPDATED_COLUMNS}; {str(error).strip().splitlines()[-1]}")


def day_rules(s, mood, pressure, t, c, u_buy, u_join, u_churn, u_care, u_lapse, b, advocate_trust) -> DayValues:
    """The rules in the documented order: ``customer_day``'s arguments and today's constants
    ``c`` (``day_constants``), plain named tuples out.
    Written for numpy columns and for the compiled kernel's scalars alike (see the module doc)."""
    status = s.status
    # Flat index into the [segment, status] tables.
    cell = flat_cell(s.segment, status, N_STATUS)
    member = (status == Status.ACTIVE) | (status == Status.MUTED)
    muted = status == Status.MUTED
    grouped = member & (s.group >= 0)
    friend = member & s.friend

    # 1. Touches that reach the customer (levers have fired). Attention to the day's pushes
    # and posts wears out: reads saturate however many are sent.
    received = grouped * (1 - muted) * t.broadcasts  # muted members silence the group
    p_read = read_probability(s.activity, mood, muted, b.attention)
    group_reads = grouped * c.broadcasts_attended * p_read
    moments_seen = friend * c.moments_attended * b.attention.moments_view_share * s.activity
    pushed = member * take(t.coupon_push, cell)
    care = friend * (u_care < take(t.care_probability, cell)) * t.care_quality

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
    # Non-members get no touches (load 0): their fatigue only fades (time away heals).
    fatigue = fatigue_update(s.fatigue, load, s.tolerance, b.fatigue)
    # Group pushes received (promotions weighted): each carries opt-out risk and irritation.
    pushes = effective_touches(received * (1.0 - t.broadcast_promo), received * t.broadcast_promo + pushed,
                               b.fatigue)
    excess_pushes = np.maximum(pushes - s.tolerance, 0.0)

    # 4. Trust and activity (from yesterday's fatigue: synchronous update).
    trust = where(member, trust_update(s.trust, engaging, care, promo_reads, s.fatigue, excess_pushes,
                                          b.trust), s.trust)
    activity = where(member, activity_update(s.activity, engaging, care, s.fatigue, mood, b.attention),
                        s.activity)

    # 5–6. The deal against the reference price, and the purchase.
    depth = member * take(t.coupon_depth, cell)
    price = t.list_price * (1.0 - depth)
    # A customer who has lapsed buys no more (members too: they may still read).
    p_buy = (1 - s.lapsed) * purchase_probability(s.days_since_purchase, s.need_cycle, s.trust, reads, price,
                                                  s.ref_price, s.price_sensitivity, b.purchase)
    # Everyone still needs the product: prospects and customers who left the private domain
    # buy too (at list price, unreminded, with the trust they left with); only members'
    # orders enter the ledger.
    bought = u_buy < p_buy
    units = basket_size(s.trust, b.purchase)  # order size, in average orders
    ref_price = reference_price_update(s.ref_price, bought, price, t.list_price, b.price)
    deal_memory = where(member, deal_memory_update(s.deal_memory, depth, b.price), s.deal_memory)
    days_since = where(bought, 0.0, s.days_since_purchase + 1.0)
    # Any day a customer may stop buying from the brand for good (less likely if trusting).
    lapsed = s.lapsed | (u_lapse < lapse_probability(s.trust, s.lapse_propensity, c.lapse_hazard, b.purchase))

    # 7. Referral: prospects join through organic discovery or their contacts' advocacy.
    p_join = join_probability(pressure, t.wom_multiplier, b.referral)
    prospect = status == Status.PROSPECT
    joined = prospect & np.logical_not(s.lapsed) & (u_join < p_join)  # one who left the brand joins nothing
    via_referral = joined & (u_join < p_join * referral_share(pressure, t.wom_multiplier, b.referral))

    # 8. Mute and leave (every push received carries its own opt-out risk), or un-mute.
    stay = reason_to_stay(s.trust, s.deal_memory, s.price_sensitivity, s.referred * b.churn.friend_tie)
    next_status = status_transition(status, s.fatigue, s.trust, stay, care, pushes, mood, u_churn, b.churn)
    next_status = where(joined, code_like(Status.ACTIVE.value, status), next_status)  # keep the dtype
    # A referred joiner takes part of its advocates' trust with it (source credibility).
    trust = where(via_referral, referred_trust(s.trust, advocate_trust, b.referral), trust)

    return DayValues(
        NextState(status=next_status, trust=trust, activity=activity, fatigue=fatigue, ref_price=ref_price,
                  deal_memory=deal_memory, days_since_purchase=days_since, lapsed=lapsed,
                  referred=where(joined, via_referral, s.referred)),
        was_member=member, was_prospect=prospect, bought=bought, units=units, paid=price * units,
        joined=joined, via_referral=via_referral, care=care > 0.0)
