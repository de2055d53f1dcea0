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
from .ops import expm1, where


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


def advocacy(trust, active):
    """How strongly a member speaks for the brand, in [0, 1]: trusting, engaged members only."""
    return trust * active


def join_probability(pressure, wom_multiplier, params: ReferralParams):
    """Probability in [0, 1) that a prospect joins today.

    ``pressure`` is the mean advocacy of its contacts (0 for prospects and the churned).
    P = 1 − exp(−(p + q · multiplier · pressure) / 365).
    """
    rate = params.organic_per_year + params.word_of_mouth_per_year * wom_multiplier * pressure
    return -expm1(-rate / DAYS_PER_YEAR)


def referral_share(pressure, wom_multiplier, params: ReferralParams):
    """Share of today's join hazard that comes from word of mouth (vs organic discovery)."""
    wom = params.word_of_mouth_per_year * wom_multiplier * pressure
    total = params.organic_per_year + wom
    return where(total > 0.0, wom / where(total > 0.0, total, 1.0), 0.0)
