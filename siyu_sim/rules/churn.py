"""Mute and leave: spammed members mute, distrustful ones leave, care brings some back.

Sources: DOMAIN.md 001/003 — too many pushes → annoyance, mute (免打扰), leave (退群);
muted members stay but stop reading; 002/004 — members who came for coupons leave after
the campaign; 000 — personal care keeps relationships. Competing hazards (Cox 1972): a
single uniform decides between the outcomes so that probabilities never exceed 1.
"""

from __future__ import annotations

import numpy as np

from .base import RuleParams, param
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
    leave_base: float = param(
        0.0003, 0.0, 1.0, "per day",
        "Background leave rate (moving city, losing interest; about 10% a year).",
    )
    leave_fatigue: float = param(
        0.006, 0.0, 1.0, "per day at full fatigue",
        "Extra leave rate for a fully fatigued member (DOMAIN 003: spam → leave).",
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


def reason_to_stay(trust, deal_memory, price_sensitivity):
    """In [0, 1]: trust, or for deal seekers the discounts they have learned to expect."""
    deal_pull = np.minimum(price_sensitivity * deal_memory, 1.0)
    return 1.0 - (1.0 - trust) * (1.0 - deal_pull)


def status_transition(status, fatigue, trust, stay, care, u, params: ChurnParams):
    """Next status code. Active → muted or churned; muted → active or churned.

    Prospects and the churned are unchanged here (joining is the referral rule's and the
    acquisition levers' business; churn is absorbing).
    """
    no_reason = 1.0 - stay
    leave = params.leave_base + params.leave_fatigue * fatigue + params.leave_no_reason * no_reason * no_reason
    mute = params.mute_base + params.mute_fatigue * fatigue
    unmute = params.unmute_care * care * trust
    # Plain ints (.value, not enum members) keep numpy selects in the status column's dtype.
    active, muted, churned = Status.ACTIVE.value, Status.MUTED.value, Status.CHURNED.value
    other = np.where(status == active, mute, unmute)
    total = leave + other
    p_any = -np.expm1(-total)
    p_leave = np.where(total > 0.0, p_any * leave / np.where(total > 0.0, total, 1.0), 0.0)
    member = (status == active) | (status == muted)
    # Status codes keep the dtype of ``status`` throughout (mixed int8/int64 selects are slow).
    moved = np.where(status == active, muted, active).astype(np.result_type(status), copy=False)
    after = np.where(u < p_any, moved, status)
    after = np.where(u < p_leave, np.asarray(churned, dtype=after.dtype), after)
    return np.where(member, after, status)
