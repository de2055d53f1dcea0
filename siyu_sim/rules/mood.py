"""Group mood: a community group is lively when its members are, and dies under spam.

Sources: DOMAIN.md 003/004 — after daily promotions groups "go silent"; 001 — dead, muted
groups are worth rebuilding. Social proof (Cialdini 2001): people read where others talk.
"""

from __future__ import annotations

import numpy as np

from .base import RuleParams, param
from .module import Day, GroupStep, Module, Step
from .ops import where
from .status import Status


class GroupParams(RuleParams):
    capacity: int = param(
        500, 1, 500, "members",
        "Members per community group; WeChat caps a group at 500 (DOMAIN 004).",
    )
    initial_mood: float = param(
        0.5, 0.0, 1.0, "mood", "Mood of a newly opened group."
    )
    responsiveness: float = param(
        0.1, 0.0, 1.0, "per day",
        "How fast a group's mood follows its members' activity (about a week and a half).",
    )
    spam_sensitivity: float = param(
        0.3, 0.0, 10.0, "per promotional push per day",
        "How strongly promotional pushes kill conversation in a group (DOMAIN 003: groups "
        "go silent under daily promotions).",
    )


def group_mood_update(mood, mean_activity, promo_pushes, params: GroupParams):
    """Next mood in [0, 1]: moves toward the members' mean activity, damped by spam."""
    target = mean_activity * np.exp(-params.spam_sensitivity * promo_pushes)
    return mood + params.responsiveness * (target - mood)


def liveliness(s):
    """What a customer gives its group's mood today, from yesterday's state: its weighted
    activity if active (muted members add weight, not activity), and its weight if a member."""
    active = s.status == Status.ACTIVE
    return s.weight * s.activity * active, s.weight * (active | (s.status == Status.MUTED))


def mood_step(mood, weighted_activity, member_weight, t, b):
    """Today's mood of each group with members: toward their mean activity, damped by today's
    promotional pushes; a group without members keeps its mood."""
    mean = weighted_activity / where(member_weight > 0.0, member_weight, 1.0)
    return where(member_weight > 0.0, group_mood_update(mood, mean, t.broadcast.promotional, b.groups), mood)


MODULE = Module(
    name="groups",
    params=GroupParams,
    steps=(Step(Day.EMIT, liveliness, ("weighted_activity", "member_weight")),),
    group=GroupStep("mood", ("weighted_activity", "member_weight"), mood_step, lambda b: b.groups.initial_mood),
)
