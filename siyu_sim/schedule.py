"""When a lever acts: start, stop, every, ramp."""

from __future__ import annotations

from pydantic import Field, model_validator

from .calendar import MAX_DAYS
from .params import Params


class Schedule(Params):
    """Days are counted from 0. A lever acts on days start, start+every, ... before stop,
    at a strength that ramps linearly from 1/ramp_days to 1 over its first ramp_days days."""

    start: int = Field(0, ge=0, le=MAX_DAYS - 1, description="First day the lever acts.",
                       json_schema_extra={"unit": "day"})
    stop: int | None = Field(None, ge=1, le=MAX_DAYS, description="First day it no longer acts (exclusive); none = never stops.",
                             json_schema_extra={"unit": "day"})
    every: int = Field(1, ge=1, le=MAX_DAYS, description="Acts every this many days.",
                       json_schema_extra={"unit": "days"})
    ramp_days: int = Field(0, ge=0, le=MAX_DAYS, description="Days over which strength ramps up to full (0 = at once).",
                           json_schema_extra={"unit": "days"})

    @model_validator(mode="after")
    def _stop_after_start(self) -> "Schedule":
        if self.stop is not None and self.stop <= self.start:
            raise ValueError(f"stop ({self.stop}) must be after start ({self.start})")
        return self

    def is_on(self, day: int) -> bool:
        if day < self.start or (self.stop is not None and day >= self.stop):
            return False
        return (day - self.start) % self.every == 0

    def strength(self, day: int) -> float:
        """0 when the lever does not act today, else the ramp factor in (0, 1]."""
        if not self.is_on(day):
            return 0.0
        if self.ramp_days <= 0:
            return 1.0
        return min(1.0, (day - self.start + 1) / self.ramp_days)

    def last_on(self, day: int) -> int | None:
        """The latest day <= ``day`` on which the lever acted, or None."""
        if day < self.start:
            return None
        last = day if self.stop is None else min(day, self.stop - 1)
        if last < self.start:
            return None
        return last - (last - self.start) % self.every
