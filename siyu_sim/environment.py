"""The world the brand sells in: market-wide conditions that are not the brand's doing.

Seasons, festival peaks (618, Double 11, Spring Festival) and shocks (a lockdown, a competitor's
price war) move everyone's buying, members or not, private domain or none. They belong to the
scenario's ``environment``, which the no-private-domain baseline keeps (``counterfactual``):
written as a lever, a festival would vanish from the baseline and its sales would be counted as
the private domain's doing. Levers are the brand's own actions; the environment is what happens
to everyone.

Each day's ``demand`` multiplies every customer's buying hazard (``rules.purchase``): the
seasonal curve × every festival and shock in force that day. Default: flat (1 every day), and
undated. Festivals and a seasonal peak repeat every year, so they need the scenario's
``start_date``; shocks may be given by day number or date.
"""

from __future__ import annotations

import datetime as dt
import math

from pydantic import Field, model_validator

from .params import Params
from .rules import param
from .schedule import Window, month_day


class Festival(Window):
    """A shopping festival that comes back every year: buying is ``demand`` times the usual
    from ``start`` to ``stop`` ("MM-DD", both inclusive)."""

    name: str = Field(..., min_length=1, description="What it is called (e.g. \"618\", \"Double 11\").")
    demand: float = param(1.5, 0.0, 20.0, "× the usual buying hazard",
                          "Buying on the festival's days relative to an ordinary day (an assumption: take it "
                          "from the brand's own sales calendar).")


class Shock(Params):
    """A market-wide change for a while: buying is ``demand`` times the usual from ``start``
    (a day or, with the scenario's start_date, a date) until ``stop`` (exclusive; none: for good)."""

    name: str = Field(..., min_length=1, description="What it is (e.g. \"store closures\").")
    start: int | dt.date = Field(..., description="First day (a number) or date of the shock.")
    stop: int | dt.date | None = Field(None, description="First day or date after it (exclusive); none = for good.")
    demand: float = param(0.5, 0.0, 20.0, "× the usual buying hazard", "Buying during the shock relative to before.")

    @property
    def dated(self) -> bool:
        return isinstance(self.start, dt.date) or isinstance(self.stop, dt.date)


class Seasonality(Params):
    """A yearly swing of demand: 1 + amplitude × cos(2π (day of year − peak) / 365.25)."""

    amplitude: float = param(0.0, 0.0, 0.95, "share of demand",
                             "How far demand swings above (at the peak) and below (half a year later) the year's "
                             "average. 0: no season.")
    peak: str = Field("01-01", description="Day of the seasonal peak, \"MM-DD\".")

    @model_validator(mode="after")
    def _check_peak(self) -> "Seasonality":
        month_day(self.peak)
        return self


class Environment(Params):
    """Market-wide conditions (see the module doc): kept by the no-private-domain baseline."""

    seasonality: Seasonality = Field(default_factory=Seasonality)
    festivals: list[Festival] = Field(default_factory=list, description="Shopping festivals, every year.")
    shocks: list[Shock] = Field(default_factory=list, description="Market-wide shocks.")

    @property
    def dated(self) -> bool:
        """Whether it needs the scenario's start_date (festivals, a season, dated shocks)."""
        return bool(self.festivals) or self.seasonality.amplitude > 0.0 or any(s.dated for s in self.shocks)

    def check(self, origin: dt.date | None) -> None:
        """A ``ValueError`` if it needs a start date the scenario does not give."""
        if self.dated and origin is None:
            raise ValueError("festivals, a seasonality and dated shocks need the scenario's start_date")

    def demand(self, day: int, date: dt.date | None) -> float:
        """Today's buying relative to an ordinary day (1: nothing special)."""
        level = 1.0
        season = self.seasonality
        if season.amplitude > 0.0:
            month, dom = month_day(season.peak)
            peak = dt.date(date.year, month, min(dom, 28) if month == 2 else dom)
            offset = (date - peak).days
            level *= 1.0 + season.amplitude * math.cos(2.0 * math.pi * offset / 365.25)
        for festival in self.festivals:
            if festival.contains(date):
                level *= festival.demand
        origin = None if date is None else date - dt.timedelta(days=day)
        for shock in self.shocks:
            start, stop = _day(shock.start, origin), _day(shock.stop, origin)
            if day >= start and (stop is None or day < stop):
                level *= shock.demand
        return level


def _day(value: int | dt.date | None, origin: dt.date | None) -> int | None:
    """A day number, or a date as the day number it falls on (day 0 is ``origin``)."""
    return (value - origin).days if isinstance(value, dt.date) else value
