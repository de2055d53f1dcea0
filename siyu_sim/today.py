"""Today's inputs, as every customer reads them: ``model.today``."""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

from .plan import DayPlan
from .rng import Streams


@dataclass
class Draws:
    """One uniform per row from each named stream, drawn every day in this field order
    (whether or not a row needs it, so that rows keep their numbers)."""

    purchase: np.ndarray
    referral: np.ndarray  # joining, by discovery or a contact's referral
    churn: np.ndarray  # mute and leave
    care: np.ndarray  # who gets 1:1 care
    lapse: np.ndarray  # who stops buying from the brand for good

    @classmethod
    def draw(cls, streams: Streams, n: int) -> "Draws":
        return cls(**{f.name: streams.uniform(f.name, n) for f in fields(cls)})


@dataclass
class Today:
    """The day being simulated: what the brand does (``plan``, written by the levers) and
    the day's random draws (``draws``, drawn once the levers have fired)."""

    day: int
    plan: DayPlan
    draws: Draws | None = None
