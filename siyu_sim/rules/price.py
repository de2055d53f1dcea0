"""Reference price and deal memory: discounts train customers to expect discounts.

Sources: DOMAIN.md 002/003/004 — harvesting "trains" customers to buy only on discount;
relationship-based selling "does not need price cuts" (000). Adaptation-level theory of
reference prices (Kalyanaram & Winer 1995; Briesch, Krishnamurthi, Mazumdar & Raj 1997):
the price a customer expects moves toward the prices actually paid.
"""

from __future__ import annotations

from .base import RuleParams, param
from .module import Column, Day, Module, Step
from .ops import where


class ReferencePriceParams(RuleParams):
    adaptation: float = param(
        0.3, 0.0, 1.0, "weight of the last price paid",
        "How far one purchase moves the expected price toward the price paid "
        "(exponential-smoothing reference price; Briesch et al. 1997 report smoothing "
        "weights of roughly 0.2–0.7).",
    )
    recovery: float = param(
        0.004, 0.0, 1.0, "per day",
        "Daily drift of the expected price back toward list price while not buying "
        "(deals are slowly forgotten; half-life about 6 months).",
    )
    deal_memory_rate: float = param(
        0.05, 0.0, 1.0, "per day",
        "How fast a member's sense of 'this group gives deals' follows the discounts "
        "offered (about a 3-week memory; DOMAIN 002/004: members who joined for coupons "
        "leave after campaigns).",
    )


def reference_price_update(ref_price, bought, paid, list_price, params: ReferencePriceParams):
    """Next expected price in CNY, between the lowest price paid and list price.

    After a purchase: r' = r + α (paid − r); otherwise r' = r + ρ (list − r).
    """
    after_purchase = ref_price + params.adaptation * (paid - ref_price)
    idle = ref_price + params.recovery * (list_price - ref_price)
    return after_purchase * bought + idle * (1 - bought)


def deal_memory_update(deal_memory, depth_offered, params: ReferencePriceParams):
    """Exponentially weighted memory of the discount depth offered, in [0, 1]."""
    return deal_memory + params.deal_memory_rate * (depth_offered - deal_memory)


def price_memory(s, t, b, member, bought, price, depth):
    """Tomorrow's reference price (everyone's: it follows what they pay) and deal memory
    (members': the discounts offered in the private domain)."""
    ref_price = reference_price_update(s.ref_price, bought, price, t.list_price, b.price)
    deal_memory = where(member, deal_memory_update(s.deal_memory, depth, b.price), s.deal_memory)
    return ref_price, deal_memory


MODULE = Module(
    name="price",
    params=ReferencePriceParams,
    columns=(
        Column("ref_price", float, lambda d: d.list_price, "CNY: the price this customer now expects"),
        Column("deal_memory", float, 0.0, "discount depth this customer has learned to expect, in [0, 1]"),
    ),
    steps=(Step(Day.PRICE, price_memory, ("ref_price", "deal_memory")),),
)
