"""Mute and leave: spammed members mute, distrustful ones leave, care brings some back.

Sources: DOMAIN.md 001/003 — too many pushes → annoyance, mute (免打扰), leave (退群);
muted members stay but stop reading; 002/004 — members who came for coupons leave after
the campaign; 000 — personal care keeps relationships. Each message sent carries its own
opt-out hazard, so the harm of over-contact grows with every push instead of stopping when
fatigue is full (email: 0.1–0.5% unsubscribe per send; app push: 10% of users disable
notifications at one a week, 37% at 2–5 — Localytics 2017). Muting is not for ever: a group
that becomes worth reading again (lively, or a staff member reaching out), or content seen on
Moments (which muting the group does not silence), wins members back
(social proof, Cialdini 2001; DOMAIN 001: dead groups are worth rebuilding). Competing
hazards (Cox 1972): a single uniform decides between the outcomes so that probabilities
never exceed 1.
"""

from __future__ import annotations

import numpy as np

from .base import RuleParams, param
from .module import Day, Draw, Module, Step
from .ops import code_like, expm1, where
from .status import Status


class ChurnParams(RuleParams):
    mute_base: float = param(
        0.001, 0.0, 1.0, "per day",
        "Background rate at which active members mute a group (people mute busy chats).",
    )
    mute_fatigue: float = param(
        0.04, 0.0, 1.0, "per day at full fatigue",
        "Extra mute rate for a fully fatigued member (DOMAIN 001/003: spam → mute).",
    )
    mute_per_push: float = param(
        0.002, 0.0, 0.1, "per push received",
        "Mute hazard carried by each group push an active member receives (a promotional push "
        "counts fatigue.promo_weight times): the per-send opt-out of email (0.1–0.5% "
        "unsubscribe per send) and app push (Localytics 2017: 10% disable at one a week). "
        "Unlike fatigue it does not saturate: every push adds risk.",
    )
    leave_base: float = param(
        0.0003, 0.0, 1.0, "per day",
        "Background leave rate (moving city, losing interest; about 10% a year).",
    )
    leave_fatigue: float = param(
        0.006, 0.0, 1.0, "per day at full fatigue",
        "Extra leave rate for a fully fatigued member (DOMAIN 003: spam → leave).",
    )
    leave_per_push: float = param(
        0.0002, 0.0, 0.1, "per push received",
        "Leave hazard carried by each group push an active member receives (promotional pushes "
        "weighted as for muting): leaving (退群) is the costlier exit and lurkers who mute far "
        "outnumber leavers (DOMAIN 003: members mute and lurk), so a tenth of the mute hazard.",
    )
    leave_no_reason: float = param(
        0.006, 0.0, 1.0, "per day with no reason to stay",
        "Leave rate of a member with neither trust nor deals to keep them: the reason to "
        "stay is 1 − (1 − trust)(1 − deal pull) (DOMAIN 002/004: coupon joiners leave "
        "after campaigns).",
    )
    unmute_care: float = param(
        0.15, 0.0, 1.0, "per 1:1 contact × trust",
        "Chance that a personal contact brings a trusting muted member back (DOMAIN 000: "
        "1:1 care; Starbucks rebuilt dead groups, 001).",
    )
    rejoin_willingness: float = param(
        0.3, 0.0, 1.0, "relative to a first-timer",
        "A customer who left accepts a re-invitation (store QR, package card) this many times "
        "as often as a first-timer: lost customers can be won back, less readily than new ones "
        "are won (Thomas, Blattberg & Fox 2004; Kumar, Bhagwat & Zhang 2015). The ratio is an "
        "assumption; paid ads do not target people who left.",
    )
    friend_tie: float = param(
        0.3, 0.0, 1.0, "share",
        "A member who joined on a friend's recommendation has that friend as one more reason to "
        "stay: reason to stay = 1 − (1 − trust)(1 − deal pull)(1 − tie). Referred customers churn "
        "less, more so while the referrer stays (social enrichment; Schmitt, Skiera & Van den "
        "Bulte 2011; Van den Bulte, Bayer, Skiera & Schmitt 2018). The size is an assumption.",
    )
    unmute_mood: float = param(
        0.01, 0.0, 1.0, "per day in a fully lively group, when rested",
        "Chance a day that a muted member who is no longer fatigued un-mutes because the group "
        "is worth reading: the unread count and @mentions of a lively group draw people back "
        "(social proof, Cialdini 2001; DOMAIN 001: dead groups are worth rebuilding). About "
        "three months on average in a fully lively group; none in a dead one.",
    )
    unmute_content: float = param(
        0.05, 0.0, 1.0, "per quality-weighted read a day, when rested",
        "Chance a day, per unit of useful content read (for a muted member: its Moments feed, which "
        "muting the group does not silence), that a rested muted member un-mutes: better content "
        "wins people back even when the group itself has gone quiet (DOMAIN 003: every post tells "
        "people who you are; 001: dead groups are worth rebuilding). An assumption: a post a day "
        "of quality 0.6, seen half the time by a half-attentive friend, brings it back in about "
        "four to five months.",
    )


def reason_to_stay(trust, deal_memory, price_sensitivity, tie=0.0):
    """In [0, 1]: trust, or for deal seekers the discounts they have learned to expect, or for
    the referred (``tie`` = friend_tie, else 0) the friend who brought them."""
    deal_pull = np.minimum(price_sensitivity * deal_memory, 1.0)
    return 1.0 - (1.0 - trust) * (1.0 - deal_pull) * (1.0 - tie)


def status_transition(status, fatigue, trust, stay, care, pushes, mood, content, u, params: ChurnParams):
    """Next status code. Active → muted or churned; muted → active or churned.

    ``pushes``: group pushes received today, promotional ones weighted (0 for the muted, who
    do not receive them); ``mood``: the liveliness of the member's group (0 if none);
    ``content``: quality-weighted useful content the member read today (for the muted: what
    their Moments feed showed them, since the group is silenced). Hazards per day:
    leave = l0 + l_f·fatigue + l_r·(1 − stay)² + l_p·pushes;  mute = m0 + m_f·fatigue + m_p·pushes;
    unmute = u_c·care·trust + (u_m·mood + u_q·content)·(1 − fatigue).
    Prospects and the churned are unchanged here (joining is the referral rule's business,
    re-joining the acquisition levers').
    """
    no_reason = 1.0 - stay
    leave = (params.leave_base + params.leave_fatigue * fatigue + params.leave_no_reason * no_reason * no_reason
             + params.leave_per_push * pushes)
    mute = params.mute_base + params.mute_fatigue * fatigue + params.mute_per_push * pushes
    unmute = (params.unmute_care * care * trust
              + (params.unmute_mood * mood + params.unmute_content * content) * (1.0 - fatigue))
    # Plain ints (.value, not enum members) keep numpy selects in the status column's dtype.
    active, muted, churned = Status.ACTIVE.value, Status.MUTED.value, Status.CHURNED.value
    other = where(status == active, mute, unmute)
    total = leave + other
    p_any = -expm1(-total)
    p_leave = where(total > 0.0, p_any * leave / where(total > 0.0, total, 1.0), 0.0)
    member = (status == active) | (status == muted)
    # Status codes keep the dtype of ``status`` throughout (mixed int8/int64 selects are slow).
    moved = code_like(where(status == active, muted, active), status)
    after = where(u < p_any, moved, status)
    after = where(u < p_leave, code_like(churned, status), after)
    return where(member, after, status)


def leave_or_stay(s, b, u, g, joined, care, pushes, engaging):
    """Tomorrow's status: members mute, leave or un-mute (every push received carries its own
    opt-out risk); today's joiners become active members."""
    stay = reason_to_stay(s.trust, s.deal_memory, s.price_sensitivity, s.referred * b.churn.friend_tie)
    next_status = status_transition(s.status, s.fatigue, s.trust, stay, care, pushes, g.mood, engaging, u.churn,
                                    b.churn)
    return where(joined, code_like(Status.ACTIVE.value, s.status), next_status)  # keep the dtype


MODULE = Module(
    name="churn",
    params=ChurnParams,
    draws=(Draw("churn", "who mutes, leaves or un-mutes today"),),
    steps=(Step(Day.STATUS, leave_or_stay, ("status",)),),
)
