"""Referral and organic joining: old brings new (以老带新) through the contact graph.

Sources: DOMAIN.md 002 (referral is the cheapest acquisition; satisfied customers post on
Moments). Bass (1969) diffusion: a prospect adopts at rate p (external, organic discovery)
plus q times the share of its contacts who advocate. Defaults p = 0.03, q = 0.38 per year
are the meta-analytic means of Sultan, Farley & Lehmann (1990). Referral rewards raise
referral likelihood (Ryu & Feick 2007). A referred customer arrives with part of the
advocates' trust: a recommendation from someone known is the most trusted source there is
(source credibility, Hovland & Weiss 1951; Nielsen 2015: 83% trust recommendations from
people they know), which is one reason referred customers churn less and are worth more
(Schmitt, Skiera & Van den Bulte 2011: about 16% more valuable, persistently).
"""

from __future__ import annotations

import numpy as np

from .base import RuleParams, param
from .module import Column, Day, Draw, Event, Module, Step
from .ops import expm1, where
from .status import Status


DAYS_PER_YEAR = 365.0


class ReferralParams(RuleParams):
    organic_per_year: float = param(
        0.03, 0.0, 10.0, "per year",
        "Bass coefficient of innovation p: prospects who find the private domain on their "
        "own (Sultan, Farley & Lehmann 1990 meta-analysis mean 0.03).",
    )
    word_of_mouth_per_year: float = param(
        0.38, 0.0, 50.0, "per year",
        "Bass coefficient of imitation q for a prospect all of whose contacts are fully "
        "trusting active members (Sultan, Farley & Lehmann 1990 mean 0.38; DOMAIN 002).",
    )
    reward_elasticity: float = param(
        1.0, 0.0, 20.0, "relative lift per reward as a share of order value",
        "A referral reward worth one order's value raises word of mouth by this factor "
        "(incentivised referral; Ryu & Feick 2007).",
    )


    trust_transfer: float = param(
        0.5, 0.0, 1.0, "share of the trust gap",
        "A prospect who joins on a contact's recommendation closes this share of the gap "
        "between its own trust and its advocates' (advocacy-weighted) trust: the "
        "recommender's credibility carries over (Hovland & Weiss 1951; Schmitt, Skiera & "
        "Van den Bulte 2011). Never lowers trust.",
    )


def referred_trust(trust, advocate_trust, params: ReferralParams):
    """Trust of a prospect who joins by referral, in [trust, max(trust, advocate_trust)]:
    t + τ · max(advocate_trust − t, 0)."""
    return trust + params.trust_transfer * np.maximum(advocate_trust - trust, 0.0)


def advocacy(trust, activity, active):
    """How strongly a member speaks for the brand, in [0, 1]: trust × attention, active members
    only. A member brings friends when the private domain gives it something worth sharing —
    useful content, care, a lively group keep its attention up (DOMAIN 002: satisfied customers
    post on Moments); in a group where nothing happens attention fades, and so does the word of
    mouth (a private domain that does nothing brings nobody)."""
    return trust * activity * active


def join_rates(pressure, wom_multiplier, params: ReferralParams):
    """(organic discovery, word of mouth) join rates per year of a prospect: p and q · m · pressure."""
    return params.organic_per_year, params.word_of_mouth_per_year * wom_multiplier * pressure


def join_probability(pressure, wom_multiplier, params: ReferralParams):
    """Probability in [0, 1) that a prospect joins today.

    ``pressure`` is the mean advocacy of its contacts (0 for prospects and the churned).
    P = 1 − exp(−(p + q · multiplier · pressure) / 365).
    """
    organic, word_of_mouth = join_rates(pressure, wom_multiplier, params)
    return -expm1(-(organic + word_of_mouth) / DAYS_PER_YEAR)


def referral_share(pressure, wom_multiplier, params: ReferralParams):
    """Share of today's join hazard that comes from word of mouth (vs organic discovery)."""
    organic, word_of_mouth = join_rates(pressure, wom_multiplier, params)
    total = organic + word_of_mouth
    return where(total > 0.0, word_of_mouth / where(total > 0.0, total, 1.0), 0.0)


def advocate(s):
    """What a customer gives its contacts today, from yesterday's state: its advocacy and its
    advocacy × trust (the trust a referral carries), summed over each contact's contacts."""
    speaks = advocacy(s.trust, s.activity, s.status == Status.ACTIVE)
    return speaks, speaks * s.trust


def join(s, t, b, u, g, prospect, potential, trust):
    """Prospects join through organic discovery or their contacts' advocacy (Bass 1969): the
    pressure is the mean advocacy of the contacts. A referred joiner takes part of its
    advocates' (advocacy-weighted) trust with it; one who left the brand joins nothing, and
    nobody joins while the private domain is closed to joiners (a full pilot cap). Someone not
    yet the brand's customer (``potential``) cannot discover a private domain on its own, but a
    friend's word can bring it in: it joins, and starts buying, by referral only (referrals
    bring genuinely new customers)."""
    pressure = where(g.degree > 0, g.advocacy / where(g.degree > 0, g.degree, 1.0), 0.0)
    advocate_trust = where(g.advocacy > 0.0, g.advocacy_trust / where(g.advocacy > 0.0, g.advocacy, 1.0), 0.0)
    organic, word_of_mouth = join_rates(pressure, t.wom_multiplier, b.referral)
    rate = prospect * organic + word_of_mouth
    p_join = -expm1(-rate / DAYS_PER_YEAR)
    candidate = (prospect | potential) & np.logical_not(s.lapsed)
    joined = candidate & (u.referral < p_join * t.open_to_joiners)
    via_referral = joined & (u.referral < p_join * where(rate > 0.0, word_of_mouth / where(rate > 0.0, rate, 1.0), 0.0))
    trust = where(via_referral, referred_trust(s.trust, advocate_trust, b.referral), trust)
    referred = where(joined, via_referral, s.referred)
    return joined, via_referral, trust, referred


MODULE = Module(
    name="referral",
    params=ReferralParams,
    columns=(Column("referred", bool, False,
                    "joined on a contact's recommendation: has a friend in the private domain"),),
    draws=(Draw("referral", "who joins today, by discovery or a contact's referral"),),
    steps=(Step(Day.EMIT, advocate, ("advocacy", "advocacy_trust")),
           Step(Day.REFERRAL, join, ("joined", "via_referral", "trust", "referred"))),
    contact_sums=("advocacy", "advocacy_trust"),
    events=(Event("joined", bool, "a prospect who joined today through discovery or referral"),
            Event("via_referral", bool, "joined today through a contact's referral")),
)
