"""Community groups: a group is lively when its members are, dies under spam, and needs an
operator to run it.

Sources: DOMAIN.md 003/004 — after daily promotions groups "go silent"; 001 — dead, muted
groups are worth rebuilding; 000 — a pilot of 20,000 users run by 2 staff (about 20 groups of
500 each per operator), and "can service quality hold?" as the pool grows. Social proof
(Cialdini 2001): people read where others talk.

**Who runs which group.** The community operators can run ``plan.groups_run`` groups today
(the broadcast lever: staff × groups per operator). They run the oldest groups with members:
an operator keeps the groups they run, and groups opened beyond the team's reach go unrun (the
group at the edge is run in part). That is each group's ``served`` value, in [0, 1], set every
day before the customers step, from its place in line (``ahead``: the groups with members
opened before it) — so a pool that outgrows its team has some groups run as before and the
rest unrun, not every group run a little worse.

**A group nobody runs** gets only the pushes the mass-sending tool carries (WeCom's
customer-group mass messages: at most as many a month as the month has days, each confirmed by
the group's owner in one batch) — ``unrun_pushes_per_day`` — and none of what an operator posts
by hand; what it gets is worth less to a reader (``unrun_quality``: the same piece with nobody
to fit it to the group, answer questions or follow it up; an assumption), and with nobody
answering or starting conversation its mood drifts toward a lower share of its members'
activity (``unrun_liveliness``: Joyce & Kraut 2006, newcomers whose first post got a reply
posted again 56% of the time, 44% without).

**A group nobody runs and nobody posts to has nothing to talk about**: members of a brand's
group are its customers, not each other's friends, and their conversation is about what the
brand brings. Such a group's liveliness scales with the posts it gets, up to one a day
(``posted``), so with no posts its mood drifts to 0 at ``responsiveness`` a day and does not
sustain itself on its members' own attention: a group left alone dies (DOMAIN 001/003: silent,
dead groups; Kraut & Resnick 2012, *Building Successful Online Communities*, ch. 2: most new
online groups never get going, and what the hosts post and answer is what starts and keeps the
conversation). A run group is lively as its members are: the operator answers and starts
conversation whether or not the brand pushes that day.
"""

from __future__ import annotations

import numpy as np

from .base import RuleParams, param
from .module import Constant, Day, GroupStep, Metric, Module, Step
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
    unrun_pushes_per_day: float = param(
        1.0, 0.0, 48.0, "pushes per day",
        "Pushes a group nobody runs still gets a day (at most the day's pushes): those the "
        "mass-sending tool carries. WeCom lets a customer group receive at most as many mass-sent "
        "messages a month as the month has days, each confirmed by the group's owner in one batch; "
        "what an operator posts by hand does not happen.",
    )
    unrun_quality: float = param(
        0.5, 0.0, 1.0, "share of a run group's",
        "Worth of a push read in a group nobody runs, as a share of one read in a run group: the "
        "same piece with nobody to fit it to the group, answer questions or follow it up (an "
        "assumption).",
    )
    unrun_liveliness: float = param(
        0.79, 0.0, 1.0, "share",
        "Liveliness of a group nobody runs, as a share of a run one: its mood moves toward this "
        "share of its members' activity. With no operator nobody answers or starts conversation "
        "(Joyce & Kraut 2006: newcomers whose first post got a reply posted again 56% of the "
        "time, 44% without; 44 / 56 ≈ 0.79).",
    )


def group_mood_update(mood, mean_activity, promo_pushes, params: GroupParams):
    """Next mood in [0, 1]: moves toward the members' mean activity, damped by spam."""
    target = mean_activity * np.exp(-params.spam_sensitivity * promo_pushes)
    return mood + params.responsiveness * (target - mood)


def served_share(ahead, groups_run):
    """Share of running a group gets today, in [0, 1], from ``ahead`` (the groups with members
    opened before it): 1 for the ``groups_run`` oldest, 0 beyond, the one at the edge in part."""
    return np.clip(groups_run - ahead, 0.0, 1.0)


def unrun_pushes(pushes, tool_carries):
    """Pushes a group nobody runs gets today: the day's ``pushes``, up to what the mass-sending
    tool carries."""
    return min(pushes, tool_carries)


def liveliness(s):
    """What a customer gives its group's mood today, from yesterday's state: its weighted
    activity if active (muted members add weight, not activity), and its weight if a member."""
    active = s.status == Status.ACTIVE
    return s.weight * s.activity * active, s.weight * (active | (s.status == Status.MUTED))


def posted(pushes):
    """How far a group nobody runs has something to talk about today, in [0, 1]: the pushes it
    got, up to one a day (0 with none)."""
    return min(max(pushes, 0.0), 1.0)


def liveliness_share(served, pushes, params: GroupParams):
    """Share of its members' mean activity a group's mood moves toward, in [0, 1]: 1 in a run
    group, ``unrun_liveliness × posted(pushes)`` in one nobody runs (``pushes``: what the
    mass-sending tool brings it today), between for the group at the edge."""
    return served + (1.0 - served) * params.unrun_liveliness * posted(pushes)


def group_step(mood, weighted_activity, member_weight, ahead, t, b):
    """Today's (mood, served) of each group. ``served``: how far the operators run it (a group
    without members is not run). Mood moves toward a share of the members' mean activity
    (``liveliness_share``: all of it in a run group, less in one nobody runs, none in one nobody
    runs or posts to) damped by the promotional pushes the group got today; a group without
    members keeps its mood."""
    occupied = member_weight > 0.0
    served = where(occupied, served_share(ahead, t.groups_run), 0.0)
    unrun = unrun_pushes(t.broadcast.count, b.groups.unrun_pushes_per_day)
    pushes = served * t.broadcast.count + (1.0 - served) * unrun
    mean = weighted_activity / where(occupied, member_weight, 1.0)
    lively = liveliness_share(served, unrun, b.groups)
    moved = group_mood_update(mood, mean * lively, pushes * t.broadcast.promo, b.groups)
    return where(occupied, moved, mood), served


def _groups(v) -> float:
    """Groups with members this morning."""
    return float(v.model.gathering.occupied.sum())


def _run_share(v) -> float:
    """Share of the groups with members that an operator runs today (0 without groups)."""
    occupied = v.model.gathering.occupied
    if not occupied.any():
        return 0.0
    served = v.model.groups.values["served"][:len(occupied)]
    return float(served[occupied].sum() / occupied.sum())


MODULE = Module(
    name="groups",
    params=GroupParams,
    constants=(Constant("unrun_pushes", lambda t, b: unrun_pushes(t.broadcast.count, b.groups.unrun_pushes_per_day),
                        "pushes a group nobody runs gets today"),),
    steps=(Step(Day.EMIT, liveliness, ("weighted_activity", "member_weight")),),
    group=GroupStep(("mood", "served"), ("weighted_activity", "member_weight"), group_step,
                    lambda b: (b.groups.initial_mood, 0.0)),
    metrics=(
        Metric("groups", "stock", "groups", {"en": "groups with members", "zh": "有成员的群数"}, _groups),
        Metric("groups_run_share", "stock", "share",
               {"en": "share of groups an operator runs", "zh": "有运营人员管理的群占比"}, _run_share),
    ),
)
