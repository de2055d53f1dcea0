"""Trust: grows with useful content read and personal care, falls with opportunism.

Sources: DOMAIN.md 000 ("private-domain operation is customer-relationship management";
trust takes time; hard selling gets little), 003 (every Moments post tells people who you
are). Relationship-marketing commitment–trust theory (Morgan & Hunt 1994): trust is built
by communication and shared values and eroded by opportunistic behaviour. Unwanted
messages irritate, and the irritation attaches to the sender and outlasts the message
(Kronrod & Huber 2019; Aaker & Bruzzone 1985 on irritation in advertising): every push
beyond what the member tolerates costs a little trust, with no ceiling on how many count.

Trust is one state for every customer, member or not: what the customer thinks of the brand.
Without contact it drifts back toward the customer's own baseline — what the market at large
has taught it (its segment's initial trust) — at the same pace whoever it is: what a
relationship built fades, and so does what harvesting destroyed, once the brand stops
touching the customer (memory decay of brand attitudes; relationships dissolve without
maintenance, Dwyer, Schurr & Oh 1987). So a private domain in which nothing happens leaves
every customer as it would have been without one.
"""

from __future__ import annotations

import numpy as np

from .base import RuleParams, param
from .module import Column, Constant, Day, Module, Step
from .ops import expm1, where


class TrustParams(RuleParams):
    content_gain: float = param(
        0.02, 0.0, 1.0, "per quality-weighted useful read",
        "Trust built by one fully useful piece of content read (DOMAIN 003: content builds "
        "the operator's 'IP momentum' and trust).",
    )
    care_gain: float = param(
        0.08, 0.0, 1.0, "per 1:1 contact at full quality",
        "Trust built by one personal 1:1 contact: a thoughtful comment, a chat that is not "
        "about products (DOMAIN 000/001).",
    )
    promo_erosion: float = param(
        0.004, 0.0, 1.0, "per promotional read",
        "Trust lost per promotional push read: opportunism (Morgan & Hunt 1994; DOMAIN 000: "
        "'users are not fools').",
    )
    fatigue_erosion: float = param(
        0.01, 0.0, 1.0, "per day at full fatigue",
        "Trust lost per day by a member who feels spammed (DOMAIN 003/004).",
    )
    irritation_erosion: float = param(
        0.002, 0.0, 1.0, "per push received beyond tolerance",
        "Trust lost per group push received beyond the member's daily tolerance (promotional "
        "pushes weighted): irritation attaches to the sender and outlasts the message "
        "(Kronrod & Huber 2019). Muted members receive nothing and lose nothing this way.",
    )
    discount_doubt: float = param(
        0.01, 0.0, 1.0, "per announced coupon per unit of depth beyond shallow",
        "Share of a member's trust lost each time a coupon deeper than shallow_discount is announced to "
        "the member, per unit of depth beyond it: a deep price cut makes people wonder what the product "
        "is worth (price–quality inference: Rao & Monroe 1989; Raghubir & Corfman 1999; Darke & Chung "
        "2005). A weekly 30% coupon then costs about 7.5% of her trust a year (0.04 at trust 0.5), "
        "before trust drifts back.",
    )
    shallow_discount: float = param(
        0.15, 0.0, 0.9, "share of list price",
        "Discounts up to this depth read as a routine deal and say nothing of the product's quality.",
    )
    decay: float = param(
        0.0015, 0.0, 1.0, "per day",
        "How fast trust drifts back toward the customer's own baseline (its segment's initial trust) "
        "without contact, for every customer, member or not: what a relationship built fades, and so "
        "does damage (half the gap closes in about 15 months at the default).",
    )


def trust_update(trust, engaging_reads, care, promo_reads, fatigue, excess_pushes, params: TrustParams):
    """Next trust in [0, 1].

    ``engaging_reads``: quality-weighted useful reads; ``care``: quality of 1:1 care
    received (0 if none); ``promo_reads``: promotional pushes read; ``excess_pushes``:
    pushes received today beyond tolerance.
    t' = t (1 − loss) + (1 − t) gain: gains saturate at 1, losses at 0 (Morgan & Hunt 1994).
    The drift toward the customer's baseline is ``trust_drift``, for everyone.
    """
    gain = -expm1(-(params.content_gain * engaging_reads + params.care_gain * care))
    loss = -expm1(-(params.promo_erosion * promo_reads + params.fatigue_erosion * fatigue
                       + params.irritation_erosion * excess_pushes))
    return trust * (1.0 - loss) + (1.0 - trust) * gain


def drift_share(params: TrustParams):
    """Share of the gap to its baseline a customer's trust closes in a day: 1 − e^(−decay)."""
    return -expm1(-params.decay)


def trust_drift(trust, baseline, share):
    """Trust after a day's drift toward ``baseline``, closing ``share`` of the gap (in [trust,
    baseline] or [baseline, trust]): t + share · (baseline − t)."""
    return trust + share * (baseline - trust)


def quality_doubt(pushed, depth, params: TrustParams):
    """Trust lost today to a deep discount announced (price–quality inference), in [0, 1)."""
    return -expm1(-params.discount_doubt * pushed * np.maximum(depth - params.shallow_discount, 0.0))


def relationship(s, c, b, member, engaging, care, promo_reads, excess_pushes, pushed, depth):
    """Tomorrow's trust: a member's moves with what the day brought (from yesterday's fatigue:
    synchronous update), a deep discount announced dents it; then everyone's drifts toward its
    own baseline."""
    contact = where(member, trust_update(s.trust, engaging, care, promo_reads, s.fatigue, excess_pushes, b.trust)
                    * (1.0 - quality_doubt(pushed, depth, b.trust)), s.trust)
    return trust_drift(contact, s.trust_baseline, c.trust_drift)


MODULE = Module(
    name="trust",
    params=TrustParams,
    columns=(Column("trust", float, lambda d: d.trait("initial_trust"), "trust in the brand, in [0, 1]"),
             Column("trust_baseline", float, lambda d: d.trait("initial_trust"),
                    "the trust the customer drifts back to without contact (its segment's initial trust)")),
    constants=(Constant("trust_drift", lambda t, b: drift_share(b.trust),
                        "share of the gap to its baseline a customer's trust closes in a day"),),
    steps=(Step(Day.RELATIONSHIP, relationship, ("trust",)),),
)
