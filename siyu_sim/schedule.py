"""When a lever acts: start, stop, every, ramp; by day number or by date, and in windows that
come back every year (618, Double 11, Spring Festival)."""

from __future__ import annotations

import datetime as dt
import re

from pydantic import Field, PrivateAttr, field_validator, model_validator

from .calendar import MAX_DAYS
from .params import Params

_MONTH_DAY = re.compile(r"(\d{2})-(\d{2})")


def month_day(text: str) -> tuple[int, int]:
    """"MM-DD" as (month, day), checked against a leap year's calendar (02-29 is allowed)."""
    found = _MONTH_DAY.fullmatch(text or "")
    if not found:
        raise ValueError(f"give a month and day as \"MM-DD\", e.g. \"06-18\"; got {text!r}")
    month, day = int(found.group(1)), int(found.group(2))
    try:
        dt.date(2024, month, day)
    except ValueError:
        raise ValueError(f"{text!r} is not a day of the year") from None
    return month, day


def in_window(date: dt.date, start: tuple[int, int], stop: tuple[int, int]) -> bool:
    """Whether ``date`` falls in the yearly window from ``start`` to ``stop`` (both inclusive;
    a window that wraps the new year, 12-20 to 01-05, is allowed)."""
    here = (date.month, date.day)
    return start <= here <= stop if start <= stop else (here >= start or here <= stop)


class Window(Params):
    """Days that come back every year, "MM-DD" to "MM-DD", both inclusive."""

    start: str = Field(..., description="First day of the window, \"MM-DD\" (e.g. \"06-01\").")
    stop: str = Field(..., description="Last day of the window, \"MM-DD\", inclusive (e.g. \"06-18\").")

    @field_validator("start", "stop")
    @classmethod
    def _month_day(cls, value: str) -> str:
        month_day(value)
        return value

    def contains(self, date: dt.date) -> bool:
        return in_window(date, month_day(self.start), month_day(self.stop))


class Schedule(Params):
    """Days are counted from 0. A lever acts on days start, start+every, ... before stop,
    at a strength that ramps linearly from 1/ramp_days to 1 over its first ramp_days days.
    With the scenario's ``start_date``, start and stop may be dates instead, and ``windows``
    restrict it to days that come back every year."""

    start: int = Field(0, ge=0, le=MAX_DAYS - 1, description="First day the lever acts.",
                       json_schema_extra={"unit": "day"})
    stop: int | None = Field(None, ge=1, le=MAX_DAYS, description="First day it no longer acts (exclusive); none = never stops.",
                             json_schema_extra={"unit": "day"})
    every: int = Field(1, ge=1, le=MAX_DAYS, description="Acts every this many days.",
                       json_schema_extra={"unit": "days"})
    ramp_days: int = Field(0, ge=0, le=MAX_DAYS, description="Days over which strength ramps up to full (0 = at once).",
                           json_schema_extra={"unit": "days"})
    start_date: dt.date | None = Field(None, description="First date the lever acts (instead of start; needs the "
                                                         "scenario's start_date).")
    stop_date: dt.date | None = Field(None, description="First date it no longer acts (instead of stop; needs the "
                                                        "scenario's start_date).")
    windows: list[Window] = Field(default_factory=list, description="Acts only on days in one of these windows, "
                                                                    "every year (needs the scenario's start_date).")
    _origin: dt.date | None = PrivateAttr(None)  # the scenario's start date (``bind``)

    @model_validator(mode="after")
    def _stop_after_start(self) -> "Schedule":
        if self.stop is not None and self.stop <= self.start:
            raise ValueError(f"stop ({self.stop}) must be after start ({self.start})")
        if self.start_date is not None and self.start != 0:
            raise ValueError("give start or start_date, not both")
        if self.stop_date is not None and self.stop is not None:
            raise ValueError("give stop or stop_date, not both")
        if self.start_date and self.stop_date and self.stop_date <= self.start_date:
            raise ValueError(f"stop_date ({self.stop_date}) must be after start_date ({self.start_date})")
        return self

    @property
    def dated(self) -> bool:
        """Whether it needs the scenario's start date (dates or yearly windows)."""
        return self.start_date is not None or self.stop_date is not None or bool(self.windows)

    def bind(self, origin: dt.date | None) -> None:
        """Day 0's date (the scenario's ``start_date``); a ``ValueError`` if dates are given without one."""
        if self.dated and origin is None:
            raise ValueError("start_date, stop_date and windows need the scenario's start_date")
        if self.start_date is not None and self.start_date < origin:
            raise ValueError(f"start_date ({self.start_date}) is before the scenario's start_date ({origin})")
        self._origin = origin

    def _first(self) -> int:
        return self.start if self.start_date is None else (self.start_date - self._origin).days

    def _end(self) -> int | None:
        return self.stop if self.stop_date is None else (self.stop_date - self._origin).days

    def is_on(self, day: int) -> bool:
        first, end = self._first(), self._end()
        if day < first or (end is not None and day >= end):
            return False
        if (day - first) % self.every:
            return False
        if self.windows:
            date = self._origin + dt.timedelta(days=day)
            return any(w.contains(date) for w in self.windows)
        return True

    def strength(self, day: int) -> float:
        """0 when the lever does not act today, else the ramp factor in (0, 1]."""
        if not self.is_on(day):
            return 0.0
        if self.ramp_days <= 0:
            return 1.0
        return min(1.0, (day - self._first() + 1) / self.ramp_days)

    def last_on(self, day: int) -> int | None:
        """The latest day <= ``day`` on which the lever acted, or None."""
        first, end = self._first(), self._end()
        if day < first:
            return None
        last = day if end is None else min(day, end - 1)
        if last < first:
            return None
        last -= (last - first) % self.every
        if not self.windows:
            return last
        while last >= first and not self.is_on(last):
            last -= self.every
        return last if last >= first else None
