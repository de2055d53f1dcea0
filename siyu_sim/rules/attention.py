"""Attention: who reads a touch, and how a customer's attention (activity) moves.

Sources: DOMAIN.md 001/003 — muted members stay in a group but no longer read; lively
groups get read (social proof, Cialdini 2001); good content and personal contact keep
people engaged, too many pushes make them tune out. Attention to repeated messages wears
out: each further message of the day gets less of it (Schmidt & Eisend 2015, meta-analysis
of advertising repetition: returns to repetition diminish and turn into wear-out).
"""

from __future__ import annotations

from .base import RuleParams, param
from .module import Column, Day, Module, Step
from .ops import as_float, expm1, where


class AttentionParams(RuleParams):
    mood_floor: float = param(
        0.4, 0.0, 1.0, "share",
        "Share of a member's attention that survives in a completely dead group. "
        "A quiet group is still read a little (DOMAIN 003: groups go silent, members lurk).",
    )
    moments_view_share: float = param(
        0.5, 0.0, 1.0, "share",
        "Share of Moments posts an attentive friend actually sees in the feed (Moments is "
        "passive: it is scrolled past, not pushed; DOMAIN 003).",
    )
    attended_per_day: float = param(
        3.0, 0.1, 48.0, "messages per day",
        "Attention scale for repeated messages of one kind in a day: after x messages the "
        "attention left for the next is e^(−x/m), so n messages are worth m(1 − e^(−n/m)) "
        "reads and reads saturate at m a day (attention wear-out; Schmidt & Eisend 2015). "
        "One push a day keeps 85% of its full read chance; ten a day read like 2.9.",
    )
    engagement_gain: float = param(
        0.08, 0.0, 2.0, "per quality-weighted read",
        "How much useful content read and 1:1 care lift attention (DOMAIN 000/003: useful "
        "content and personal interaction keep people engaged).",
    )
    mood_pull: float = param(
        0.02, 0.0, 1.0, "per day",
        "Pull of a lively group on a member's attention (social proof; Cialdini 2001).",
    )
    fatigue_drag: float = param(
        0.06, 0.0, 1.0, "per day at full fatigue",
        "Attention lost per day when fully fatigued (DOMAIN 001/003: too many pushes, "
        "members tune out).",
    )
    decay: float = param(
        0.008, 0.0, 1.0, "per day",
        "Attention fades without engagement (a brand is one of many voices in WeChat).",
    )


def read_probability(activity, mood, muted, params: AttentionParams):
    """Probability that a member reads one group push today.

    Attention × group liveliness; muted members read nothing in the group.
    Bounds: [0, 1] for activity, mood in [0, 1].
    """
    liveliness = params.mood_floor + (1.0 - params.mood_floor) * mood
    return where(muted, 0.0, activity * liveliness)


def attended(messages, params: AttentionParams):
    """Messages' worth of attention a reader gives ``messages`` messages in one day, in
    [0, min(messages, m)]: m (1 − e^(−n/m)) — about n for a few, saturating at m (wear-out)."""
    m = params.attended_per_day
    return -m * expm1(-as_float(messages) / m)


def activity_update(activity, engaging_reads, care, fatigue, mood, params: AttentionParams):
    """Next activity in [0, 1].

    ``engaging_reads`` is quality-weighted useful content read today; ``care`` is the
    quality of 1:1 care received (0 if none). Gains saturate toward 1, losses toward 0:
    a' = a (1 − loss) + (1 − a) gain, with gain, loss in [0, 1).
    """
    gain = -expm1(-(params.engagement_gain * (engaging_reads + care) + params.mood_pull * mood))
    loss = -expm1(-(params.fatigue_drag * fatigue + params.decay))
    return activity * (1.0 - loss) + (1.0 - activity) * gain


def attention(s, b, g, member, engaging, care):
    """Tomorrow's activity: members' moves with what the day brought; non-members' stays."""
    return where(member, activity_update(s.activity, engaging, care, s.fatigue, g.mood, b.attention), s.activity)


MODULE = Module(
    name="attention",
    params=AttentionParams,
    columns=(Column("activity", float, lambda d: d.trait("initial_activity"), "attention, in [0, 1]"),),
    steps=(Step(Day.RELATIONSHIP, attention, ("activity",)),),
)
