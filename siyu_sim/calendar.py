"""The model's calendar: which date a simulated day is, and which month or week it belongs to.

A scenario may give a ``start_date``: day 0 is that date, months are calendar months (the
first and last may be partial) and a day knows its date, weekday and day of the year (festivals,
seasons: ``environment``). Without one the run is undated, as a model of "any year": a horizon
of ``days`` is cut into ``n_months`` months of equal length (12 for 365 days). Either way one
rule serves every table — the monthly comparison, sweep summaries, report charts, the observed
periods of a calibration — so they always agree on which month a day belongs to. Weeks are 7
days from day 0.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

DAYS_PER_MONTH = 365 / 12
PERIODS = ("month", "week")
#: The longest horizon a scenario may have (ten years), and so the latest day anything is scheduled.
MAX_DAYS = 3650


def n_months(days: int) -> int:
    """Months in an undated horizon: 12 for 365 days, at least 1."""
    return max(1, round(days / DAYS_PER_MONTH))


def month_of(day, days: int):
    """1-based month of a 0-based day in an undated horizon (scalars and arrays)."""
    return day * n_months(days) // days + 1


@dataclass(frozen=True)
class Calendar:
    """The days of one run: ``days`` from ``start`` (a date, or None: undated)."""

    days: int
    start: dt.date | None = None

    @classmethod
    def of(cls, daily) -> "Calendar":
        """The calendar of a daily table: its days, and its dates if it has a ``date`` column
        (a dated run's table does)."""
        days = int(daily["day"].max()) + 1
        if "date" not in daily.columns or not len(daily):
            return cls(days)
        first = daily.loc[daily["day"].idxmin()]
        return cls(days, (np.datetime64(first["date"], "D") - int(first["day"])).astype(dt.date))

    def date(self, day: int) -> dt.date | None:
        """The date of a day (None when undated)."""
        return None if self.start is None else self.start + dt.timedelta(days=int(day))

    def day_of_year(self, day: int) -> int:
        """1–366 (undated: as if day 0 were 1 January of a common year)."""
        date = self.date(day)
        return int(day) % 365 + 1 if date is None else date.timetuple().tm_yday

    def weekday(self, day: int) -> int:
        """0 Monday … 6 Sunday (undated: as if day 0 were a Monday)."""
        date = self.date(day)
        return int(day) % 7 if date is None else date.weekday()

    def dates(self, days) -> np.ndarray:
        """Dates of many days, as numpy datetime64[D] (a ``ValueError`` when undated)."""
        if self.start is None:
            raise ValueError("an undated run has no dates: give the scenario a start_date")
        return np.datetime64(self.start, "D") + np.asarray(days, dtype="timedelta64[D]")

    def month_of(self, day):
        """1-based month of a 0-based day: the calendar month counted from the start's month
        (dated), or an equal slice of the horizon (undated). Scalars and arrays."""
        if self.start is None:
            return month_of(day, self.days)
        months = self.dates(day).astype("datetime64[M]").astype(np.int64)
        first = np.datetime64(self.start, "M").astype(np.int64)
        out = months - first + 1
        return int(out) if np.ndim(out) == 0 else out

    @property
    def n_months(self) -> int:
        return n_months(self.days) if self.start is None else int(self.month_of(self.days - 1))

    def month_start(self, month: int) -> int:
        """The first day of a 1-based month."""
        days = np.arange(self.days)
        return int(days[np.asarray(self.month_of(days)) == month][0])

    def period_of(self, day, period: str):
        """1-based period ("month" or "week") of a 0-based day; weeks past the last whole week
        are period ``n_periods + 1``."""
        if period == "month":
            return self.month_of(day)
        if period == "week":
            return np.asarray(day) // 7 + 1
        raise ValueError(f"period must be one of {PERIODS}, got {period!r}")

    def n_periods(self, period: str) -> int:
        """Periods in the horizon: its months, or its whole weeks."""
        return self.n_months if period == "month" else max(1, self.days // 7)
