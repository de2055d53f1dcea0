"""Fatigue: touches beyond a customer's tolerance add fatigue; fatigue recovers.

Sources: DOMAIN.md 001/003/004 — broadcasting promotions every day annoys members, who then
mute and leave. Advertising wear-out (Pechmann & Stewart 1988) and the inverted-U of message
repetition (Cacioppo & Petty 1979): beyond a tolerance, more exposures irritate.
"""

from __future__ import annotations

import numpy as np

from .base import RuleParams, param
from .module import Column, Day, Module, Step
from .ops import expm1
from .touches import split


class FatigueParams(RuleParams):
    gain: float = param(
        0.25, 0.0, 5.0, "per excess touch, relative to tolerance",
        "Fatigue added per touch beyond tolerance, measured in tolerances (wear-out; "
        "Pechmann & Stewart 1988).",
    )
    promo_weight: float = param(
        2.0, 1.0, 10.0, "touch equivalents",
        "A promotional push counts as this many touches: hard selling irritates more than "
        "useful content (DOMAIN 000: 'users are not fools'; 004: harvesting hurts).",
    )
    recovery: float = param(
        0.08, 0.0, 1.0, "per day",
        "Share of fatigue that fades each day without excess touches (about a week's "
        "half-life).",
    )


def effective_touches(useful, promo, params: FatigueParams):
    """Touch load today: useful touches count once, promotional ones ``promo_weight`` times."""
    return useful + params.promo_weight * promo


def fatigue_update(fatigue, touches, tolerance, params: FatigueParams):
    """Next fatigue in [0, 1].

    excess = max(0, touches − tolerance) / tolerance;  f' = f(1 − r) + (1 − f(1 − r))(1 − e^(−g·excess)).
    """
    excess = np.maximum(touches - tolerance, 0.0) / tolerance
    added = -expm1(-params.gain * excess)
    rested = fatigue * (1.0 - params.recovery)
    return rested + (1.0 - rested) * added


def touch_load(s, t, b, received, moments_seen, pushed):
    """Today's fatigue from the touch load (promotions weighted), and the group pushes received
    (promotions weighted: each carries opt-out risk and irritation) with those beyond tolerance.
    Non-members get no touches (load 0): their fatigue only fades (time away heals)."""
    useful_received, promo_received = split(received, t.broadcast.promo)
    useful_seen, promo_seen = split(moments_seen, t.moments.promo)
    load = effective_touches(useful_received + useful_seen, promo_received + promo_seen + pushed, b.fatigue)
    fatigue = fatigue_update(s.fatigue, load, s.tolerance, b.fatigue)
    pushes = effective_touches(useful_received, promo_received + pushed, b.fatigue)
    excess_pushes = np.maximum(pushes - s.tolerance, 0.0)
    return fatigue, pushes, excess_pushes


MODULE = Module(
    name="fatigue",
    params=FatigueParams,
    columns=(
        Column("fatigue", float, 0.0, "fatigue from touches, in [0, 1]"),
        Column("tolerance", float, lambda d: d.tolerance, "touches per day before fatigue builds (trait)"),
    ),
    steps=(Step(Day.FATIGUE, touch_load, ("fatigue", "pushes", "excess_pushes")),),
)
