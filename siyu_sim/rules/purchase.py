"""Purchase: a need cycle, lifted by trust and reminders, moved by the deal against the
reference price.

Sources: DOMAIN.md 001 (Luckin: group members buy about 30% more often), 000 (trust
sells; relationship selling needs no price cuts), 004 (discounts lift conversion now and
sacrifice margin). Reference-dependent choice with loss aversion (Tversky & Kahneman 1991;
Kalyanaram & Winer 1995: losses against the reference price weigh more than gains).
Effects multiply (Cox 1972) and act in accelerated time: a lift of x makes the whole need cycle
x times shorter, so it buys x times as often (Gupta 1991; Seetharaman & Chintagunta 2003).

Lapse: any day a customer may stop buying from the brand for good, the "die" of the
buy-till-you-die models (Schmittlein, Morrison & Colombo 1987, Pareto/NBD: an exponential
lifetime in calendar time). Satisfied, trusting customers defect less (Bolton 1998:
cumulative satisfaction lengthens the relationship; Reichheld & Teal 1996: firms lose about
half their customers in five years). Customers differ in their propensity to lapse (a Gamma
trait, as Pareto/NBD's dropout rates), so those who stay are the loyal ones and a cohort's
lapse rate falls with tenure (Fader & Hardie 2010).
"""

from __future__ import annotations

import numpy as np

from .base import RuleParams, param
from .module import Column, Constant, Day, Draw, Event, Module, Step
from .ops import expm1, where


class PurchaseParams(RuleParams):
    readiness_share: float = param(
        0.5, 0.01, 1.0, "share of the need cycle",
        "After a purchase, readiness to buy again ramps up linearly over this share of the "
        "need cycle (a customer who just bought is not in the market).",
    )
    trust_effect: float = param(
        0.33, 0.0, 5.0, "log-lift per unit trust",
        "How much trust speeds up buying (DOMAIN 000: trust is what sells in a private domain). "
        "Calibrated with reminder_lift so that nurture's group members buy about 30% more often than "
        "comparable non-members (DOMAIN 001, Luckin: monthly purchase frequency +30%; "
        "tests/test_calibration.py).",
    )
    trust_neutral: float = param(
        0.3, 0.0, 1.0, "trust",
        "Trust at which the buying rate equals the need cycle's base rate (about a new "
        "customer's trust).",
    )
    reminder_lift: float = param(
        0.2, 0.0, 3.0, "log-lift at saturation",
        "Lift from being reminded today (content read): a nudge at the moment of need. With "
        "trust_effect, calibrated so that group members buy about 30% more often than comparable "
        "non-members (DOMAIN 001, Luckin: monthly purchase frequency +30%).",
    )
    gain_weight: float = param(
        1.0, 0.0, 10.0, "log-hazard per unit relative gain",
        "Effect of a price below the reference price, per unit of price sensitivity.",
    )
    loss_aversion: float = param(
        2.25, 1.0, 10.0, "ratio",
        "A price above the reference price hurts this many times more than an equal gain "
        "pleases (Tversky & Kahneman 1991).",
    )
    max_reference_loss: float = param(
        0.3, 0.0, 5.0, "log-hazard",
        "The most a price above the reference price can take off the buying rate (e^-0.3: a quarter "
        "fewer purchases at full price at most). Losses against the reference price weigh more than "
        "gains (Kalyanaram & Winer 1995) but the measured long-run penalty of deep promotions on "
        "established customers' later buying is of this order, not a collapse (Anderson & Simester "
        "2004, three field experiments).",
    )
    deal_salience: float = param(
        0.08, 0.0, 2.0, "log-hazard per unit price sensitivity at saturation",
        "Lift in today's buying from reading promotional posts (a new product, a flash sale, a group-buy "
        "chain 团购接龙, a coupon announced), per unit of price sensitivity, over what a plain post's "
        "reminder gives: in the price term's units, the price cut (share of the reference price) the "
        "announcement itself is worth, apart from any cut it carries. Announcements sell without a cut "
        "(Inman & McAlister 1993): a 'SALE' sign at an unchanged price raised a catalog's signed items' "
        "demand by more than 50% in a randomised test (Anderson & Simester 2001), about 0.13 once half "
        "is taken as switching between the seller's own items; end-of-aisle display with price "
        "controlled was worth a 4-62% cut (Nakamura et al. 2014), 0.09-0.17 per exposed shopper; "
        "feature ads may add quantity rather than buyers (Seiler & Yao 2017). Sources span 0.05-0.30; "
        "the default sits in its lower part. Part of the bump is borrowed from later days (the buyer is "
        "not ready again so soon: van Heerde, Leeflang & Wittink 2000, 2004).",
    )
    basket_trust_effect: float = param(
        0.2, 0.0, 5.0, "log basket size per unit trust",
        "Trusting customers buy a little more of the range per order: customer share and "
        "cross-buying rise with the relationship, modestly (Verhoef 2003: affective commitment's "
        "effect on customer share development is small). The member lift sits in how often "
        "members buy (DOMAIN 001: +30% frequency); at 0.2 a nurtured member's order is about 10% "
        "larger than a comparable non-member's (tests/test_calibration.py).",
    )
    lapse_per_year: float = param(
        0.13, 0.0, 0.99, "share a year",
        "Share of customers of neutral trust and average lapse propensity who stop buying from the "
        "brand for good within a year (needs met elsewhere, moved on): the 'die' of buy-till-you-die models, in "
        "calendar time as in Pareto/NBD (Schmittlein, Morrison & Colombo 1987), so that it does "
        "not depend on how often the category is bought. 13% a year is 'half the customers lost "
        "in five years' (Reichheld & Teal 1996). Fit it to a brand's own repeat-purchase data "
        "(docs/calibration.md).",
    )
    lapse_trust_effect: float = param(
        2.0, 0.0, 10.0, "log-hazard per unit trust",
        "How much trust lowers the chance of lapsing (Bolton 1998: satisfied customers stay "
        "longer). The direction is sourced; the size is an assumption to fit to data.",
    )


def daily_lapse_hazard(params: PurchaseParams):
    """The daily hazard of lapsing for a customer of average propensity (1) at neutral trust:
    a constant hazard whose yearly total is ``lapse_per_year``. The same for everyone: the
    day's rules work it out once (``customer_day.day_constants``)."""
    return -np.log1p(-params.lapse_per_year) / 365.0


def lapse_probability(trust, propensity, daily_hazard, params: PurchaseParams):
    """Probability in [0, 1) that a customer stops buying from the brand today, for good.

    ``daily_hazard`` (``daily_lapse_hazard``) times the customer's propensity (a trait:
    customers differ, Pareto/NBD's Gamma-distributed dropout rates), scaled by
    exp(−β (trust − t0)): trusting customers defect less.
    """
    scale = propensity * np.exp(-params.lapse_trust_effect * (trust - params.trust_neutral))
    return -expm1(-daily_hazard * scale)


def deal_lift(relative_gain, price_sensitivity, promo_reads, params: PurchaseParams):
    """The deal's log-lift on the buying rate: a price below the reference price raises it
    (sensitivity × gain_weight × gain), one above lowers it (× loss aversion, at most
    ``max_reference_loss``), and promotional posts read raise it (``deal_salience``)."""
    gain = price_sensitivity * params.gain_weight * np.maximum(relative_gain, 0.0)
    loss = np.maximum(price_sensitivity * params.loss_aversion * np.minimum(relative_gain, 0.0),
                      -params.max_reference_loss)
    salience = params.deal_salience * price_sensitivity * -expm1(-promo_reads)
    return gain + loss + salience


def purchase_probability(days_since, need_cycle, trust, reads, price, ref_price,
                         price_sensitivity, params: PurchaseParams, promo_reads=0.0):
    """Probability in [0, 1] that a customer buys today (1 only where the hazard overflows).

    h = (L/cycle) · min(1, L · days_since / (s·cycle)),  L = exp(β_t (trust − t0) + β_r (1 − e^(−reads)) + deal)
    deal = ``deal_lift``: sensitivity · gain_weight · max(g, 0) + max(sensitivity · λ · min(g, 0), −L)
    + salience · sensitivity · (1 − e^(−promo reads)),  g = (ref − price) / ref.
    """
    return -expm1(-purchase_hazard(days_since, need_cycle, trust, reads, price, ref_price, price_sensitivity,
                                   promo_reads, params))


def purchase_hazard(days_since, need_cycle, trust, reads, price, ref_price, price_sensitivity, promo_reads,
                    params: PurchaseParams):
    """The daily buying hazard h of ``purchase_probability`` (a probability 1 − e^(−h))."""
    deal = deal_lift((ref_price - price) / ref_price, price_sensitivity, promo_reads, params)
    lift = np.exp(params.trust_effect * (trust - params.trust_neutral)
                  + params.reminder_lift * -expm1(-reads) + deal)
    # Accelerated time: the lift runs the whole need cycle faster, the wait until the customer is
    # back in the market as well as the wait after, so a lift of x buys x times as often (an
    # accelerated-failure-time model of interpurchase times: Gupta 1991; Seetharaman &
    # Chintagunta 2003). A lift on the hazard alone would leave the wait until readiness untouched
    # and fade where need cycles are short.
    readiness = np.minimum(days_since * lift / (params.readiness_share * need_cycle), 1.0)
    return readiness / need_cycle * lift


def basket_size(trust, params: PurchaseParams):
    """Order size in list-price orders (1 = an average order): exp(β_b (trust − t0)), > 0."""
    return np.exp(params.basket_trust_effect * (trust - params.trust_neutral))


def purchase(s, t, b, u, depth, reads, promo_reads, potential):
    """Today's price (after a member's coupon: ``depth``), whether the customer buys, how much
    and for how much. Everyone's buying hazard moves with the market's demand today (seasons,
    festivals, shocks: ``t.demand``, from the scenario's environment). Everyone still needs the product: prospects and customers who left the
    private domain buy too (at list price, unreminded, with the trust they left with); only
    members' orders enter the ledger. A customer who has lapsed buys no more; someone who is not
    the brand's customer yet (``potential``) buys elsewhere."""
    price = t.list_price * (1.0 - depth)
    hazard = purchase_hazard(s.days_since_purchase, s.need_cycle, s.trust, reads, price, s.ref_price,
                             s.price_sensitivity, promo_reads, b.purchase)
    # the market's demand today (environment); lapsed customers and potential ones buy elsewhere
    p_buy = (1 - (s.lapsed | potential)) * -expm1(-hazard * t.demand)
    bought = u.purchase < p_buy
    units = basket_size(s.trust, b.purchase)  # order size, in average orders
    days_since_purchase = where(bought, 0.0, s.days_since_purchase + 1.0)
    return price, bought, units, price * units, days_since_purchase


def lapse(s, c, b, u, potential):
    """Any day a customer may stop buying from the brand for good (less likely if trusting);
    someone not yet its customer has nothing to stop."""
    chance = lapse_probability(s.trust, s.lapse_propensity, c.lapse_hazard, b.purchase)
    return s.lapsed | (np.logical_not(potential) & (u.lapse < chance))


MODULE = Module(
    name="purchase",
    params=PurchaseParams,
    columns=(
        Column("days_since_purchase", float, lambda d: d.days_since_purchase, "days since the last order"),
        Column("lapsed", bool, False, "stopped buying from the brand for good"),
        Column("need_cycle", float, lambda d: d.need_cycle, "typical days between orders (trait)"),
        Column("price_sensitivity", float, lambda d: d.trait("price_sensitivity"), "response to the deal (trait)"),
        Column("lapse_propensity", float, lambda d: d.lapse_propensity,
               "how prone to stop buying, relative to the average customer (trait)"),
    ),
    draws=(Draw("purchase", "who buys today"), Draw("lapse", "who stops buying from the brand for good today")),
    constants=(Constant("lapse_hazard", lambda t, b: daily_lapse_hazard(b.purchase),
                        "the daily lapse hazard at average propensity and neutral trust"),),
    steps=(Step(Day.PURCHASE, purchase, ("price", "bought", "units", "paid", "days_since_purchase")),
           Step(Day.LAPSE, lapse, ("lapsed",))),
    events=(Event("bought", bool, "placed an order today (members' orders enter the ledger)"),
            Event("units", float, "order size, in average orders"),
            Event("paid", float, "CNY paid for today's order (if any)")),
)
