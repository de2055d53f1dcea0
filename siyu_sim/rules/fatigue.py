"""Fatigue: touches beyond a customer's tolerance add fatigue; fatigue recovers.

Sources: DOMAIN.md 001/003/004 — broadcasting promotions every day annoys members, who then
mute and leave. Advertising wear-out (Pechmann & Stewart 1988) and the inverted-U of message
repetition (Cacioppo & Petty 1979): beyond a tolerance, more exposures irritate.
"""

from __future__ import annotations

import numpy as np

from .base import RuleParams, param
from .ops import expm1


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
