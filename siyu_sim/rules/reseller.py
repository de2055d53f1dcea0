"""Super-users become resellers (C→B): trusting members who bring friends start selling on.

DOMAIN 002: satisfied customers post on Moments and bring friends, and "some grow into
resellers/agents (C→B, the 'super-user')"; DOMAIN 000: brands keep small circles for
super-users (~20,000 CNY a year). A member becomes a reseller once its trust and the referrals
credited to it pass a threshold; from then on it orders in bulk (to sell on) at a reseller
price, and speaks for the brand more strongly, since selling is now its business (micro-
distributors, 微商: the member's own circle is its market; Schmitt, Skiera & Van den Bulte 2011
on referred customers' value, Kumar, Petersen & Leone 2010 on customer referral value). A
reseller who leaves the private domain stops being one. Off by default (``enabled``): the
figures below are assumptions to fit to a brand's own reseller numbers.

Referral credit is fractional: each referral is split among the contacts who advocated for it
in proportion to their advocacy that day (``credit.py``), so ``referrals`` counts a member's
*share* of the friends it helped bring. In a nurture year at 10,000 customers the
most-credited member holds about 1.5 (DESIGN, measured); the default threshold of 1.0 means
"about one friend brought, alone or in shares", which only the most active advocates reach.
"""

from __future__ import annotations

import numpy as np
from pydantic import Field

from .base import RuleParams, param
from .module import Column, Day, Metric, Module, Step
from .ops import where
from .status import Status


class ResellerParams(RuleParams):
    enabled: bool = Field(False, description="Members can become resellers (C→B, DOMAIN 002). Off by default.")
    min_trust: float = param(
        0.8, 0.0, 1.0, "trust",
        "Trust a member needs to start reselling: only those who believe in the brand sell it on (DOMAIN 002).")
    min_referrals: float = param(
        1.0, 0.0, 1e3, "referrals credited (fractional)",
        "Referrals credited to a member before it resells: it has shown it can bring people. Credit is "
        "split among the advocates of each referral, so 1.0 is about one friend brought (see the module doc).")
    bulk_orders: float = param(
        5.0, 1.0, 1e3, "ordinary orders per order",
        "A reseller's order is this many ordinary orders (stock to sell on; an assumption).")
    discount: float = param(
        0.25, 0.0, 0.9, "share of list price",
        "Reseller price: list price less this share, the reseller's margin (an assumption; micro-distributor "
        "margins of 20–40% are common).")
    advocacy_lift: float = param(
        3.0, 1.0, 50.0, "times",
        "A reseller speaks for the brand this many times as strongly as a member of equal trust: selling is "
        "its business (an assumption).")


def louder(s, b, advocacy, advocacy_trust):
    """Resellers' advocacy, lifted: they refer at a higher rate."""
    lift = where(s.reseller & b.reseller.enabled, b.reseller.advocacy_lift, 1.0)
    return advocacy * lift, advocacy_trust * lift


def bulk(s, t, b, member, price, units):
    """A reseller member's order: bulk, at the reseller price (or its coupon's, if lower)."""
    reseller = member & s.reseller & b.reseller.enabled
    price = where(reseller, np.minimum(price, t.list_price * (1.0 - b.reseller.discount)), price)
    units = where(reseller, units * b.reseller.bulk_orders, units)
    return price, units, price * units


def become(s, b, status):
    """Tomorrow's reseller flag: a trusting member with referrals to its credit starts; a
    reseller stays one while it stays a member."""
    member = (status == Status.ACTIVE) | (status == Status.MUTED)
    qualifies = (s.trust >= b.reseller.min_trust) & (s.referrals >= b.reseller.min_referrals)
    return member & b.reseller.enabled & (s.reseller | qualifies)


def _resellers(v):
    return v.count(v.member & v.t.reseller)


MODULE = Module(
    name="reseller",
    params=ResellerParams,
    columns=(Column("reseller", bool, False, "a member who buys to sell on (C→B)"),),
    steps=(Step(Day.EMIT, louder, ("advocacy", "advocacy_trust")),
           Step(Day.PURCHASE, bulk, ("price", "units", "paid")),
           Step(Day.STATUS, become, ("reseller",))),
    metrics=(Metric("resellers", "stock", "customers", {"en": "resellers", "zh": "分销商（C→B）"}, _resellers,
                    segments=True),),
)
