"""What the brand does, as validated parameter blocks that a scenario names.

Two kinds, one registry: a ``Lever`` acts on the days of its ``schedule`` (start, stop,
every, ramp) through ``fire``; an ``Event`` decides its own day(s) in ``act`` and has no
schedule (setting one in a scenario file is a validation error). Each declares the
``Stage`` of the day in which it fires. ``LEVER_TYPES`` maps a scenario's ``type`` name to
a class, so scenario files (and researchers adding a lever in a module of their own) never
need to edit the core.
"""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import Field

from ..params import Params
from ..schedule import Schedule

if TYPE_CHECKING:  # pragma: no cover
    from ..brand import BrandContext


class Stage(IntEnum):
    """When in the day a lever or event fires, in this order (docs/ODD.md §3); levers of one
    stage fire in their scenario's order."""

    EXECUTION = 1  # how well today's work is carried out: everything after reads it
    EVENTS = 2  # pilot cap, migration, account ban: change who is in before anyone joins
    ACQUISITION = 3  # store QR, package cards, paid ads, referral rewards: new members join today
    TOUCHES = 4  # broadcasts, Moments, coupons, 1:1 care: written into today's plan


class BrandAction(Params):
    """What levers and events share: a registered type name and a stage of the day."""

    type_name: ClassVar[str] = ""
    stage: ClassVar[Stage] = Stage.TOUCHES

    type: str = Field("", description="Registered lever type (defaults to the table's name).")

    def model_post_init(self, __context: Any) -> None:
        object.__setattr__(self, "type", self.type_name)

    def act(self, day: int, brand: "BrandContext") -> None:  # pragma: no cover
        raise NotImplementedError

    def staff_on(self, day: int) -> float:
        """Operators this lever or event puts to work on ``day`` (none unless it says so)."""
        return 0.0


LEVER_TYPES: dict[str, type[BrandAction]] = {}


def register_lever(name: str):
    """Class decorator: make a lever or event available under ``type = name`` in scenario files."""

    def decorate(cls: type[BrandAction]) -> type[BrandAction]:
        if name in LEVER_TYPES and LEVER_TYPES[name] is not cls:
            raise ValueError(f"lever type {name!r} is already registered by {LEVER_TYPES[name].__name__}")
        if not isinstance(cls.stage, Stage):
            raise TypeError(f"{cls.__name__}.stage must be a levers.Stage, got {cls.stage!r}")
        cls.type_name = name
        LEVER_TYPES[name] = cls
        return cls

    return decorate


class Lever(BrandAction):
    """A scheduled lever. Subclasses declare their parameters as pydantic fields, their
    ``stage`` (default: touches) and implement ``fire(day, brand, strength)``; ``strength``
    is the schedule's ramp factor in (0, 1]."""

    schedule: Schedule = Field(default_factory=Schedule, description="When the lever acts.")

    def act(self, day: int, brand: "BrandContext") -> None:
        strength = self.schedule.strength(day)
        if strength > 0.0:
            self.fire(day, brand, strength)

    def fire(self, day: int, brand: "BrandContext", strength: float) -> None:  # pragma: no cover
        raise NotImplementedError

    def staff_on(self, day: int) -> float:
        """Operators on ``day``: a lever with a ``staff`` field employs them on the days it acts
        (``fire`` adds the same number to the day's plan)."""
        staff = getattr(self, "staff", 0.0)
        return float(staff) if staff and self.schedule.strength(day) > 0.0 else 0.0


class Event(BrandAction):
    """Something that happens to the pool on days it decides itself (a ``day`` field, a
    daily chance): subclasses implement ``act(day, brand)``, called every day in their stage.
    Events have no ``schedule``."""

    stage: ClassVar[Stage] = Stage.EVENTS


def lever_from_dict(name: str, data: dict[str, Any], *, strict: bool = False) -> BrandAction:
    """Build a registered lever or event from a mapping; ``type`` defaults to ``name``
    (``strict``: no type coercion, as a scenario file is read)."""
    data = dict(data)
    kind = data.pop("type", None) or name
    cls = LEVER_TYPES.get(kind)
    if cls is None:
        raise KeyError(kind)
    return cls.model_validate(data, strict=strict)
