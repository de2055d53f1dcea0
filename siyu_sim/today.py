"""Today's inputs, as every customer reads them: ``model.today``."""

from __future__ import annotations

from dataclasses import dataclass

from .customer_day import Draws
from .plan import DayPlan


@dataclass
class Today:
    """The day being simulated: what the brand does (``plan``, written by the levers) and
    the day's random draws (``draws``: one uniform per row from each stream a behaviour
    declares, drawn once the levers have fired; ``customer_day.draw_today``)."""

    day: int
    plan: DayPlan
    draws: Draws | None = None
