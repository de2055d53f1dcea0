"""Levers: what the brand does. Each is a validated parameter block with a schedule and a
``fire`` method; a registry maps a type name to each class so that scenario files (and
researchers adding a lever in a module of their own) never need to edit the core."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import Field

from ..params import Params
from ..schedule import Schedule

if TYPE_CHECKING:  # pragma: no cover
    from ..brand import BrandContext

LEVER_TYPES: dict[str, type["Lever"]] = {}


def register_lever(name: str):
    """Class decorator: make a lever available under ``type = name`` in scenario files."""

    def decorate(cls: type[Lever]) -> type[Lever]:
        if name in LEVER_TYPES and LEVER_TYPES[name] is not cls:
            raise ValueError(f"lever type {name!r} is already registered by {LEVER_TYPES[name].__name__}")
        cls.type_name = name
        LEVER_TYPES[name] = cls
        return cls

    return decorate


class Lever(Params):
    """Base class. Subclasses declare their parameters as pydantic fields and implement
    ``fire(day, brand, strength)``; ``strength`` is the schedule's ramp factor in (0, 1]."""

    type_name: ClassVar[str] = ""
    #: Levers fire in order of phase (ties: their order in the scenario): execution, events,
    #: acquisition, touches.
    phase: ClassVar[int] = 50

    type: str = Field("", description="Registered lever type (defaults to the table's name).")
    schedule: Schedule = Field(default_factory=Schedule, description="When the lever acts.")

    def model_post_init(self, __context: Any) -> None:
        object.__setattr__(self, "type", self.type_name)

    def act(self, day: int, brand: "BrandContext") -> None:
        strength = self.schedule.strength(day)
        if strength > 0.0:
            self.fire(day, brand, strength)

    def fire(self, day: int, brand: "BrandContext", strength: float) -> None:  # pragma: no cover
        raise NotImplementedError


def lever_from_dict(name: str, data: dict[str, Any]) -> Lever:
    """Build a registered lever from a mapping; ``type`` defaults to ``name``."""
    data = dict(data)
    kind = data.pop("type", None) or name
    cls = LEVER_TYPES.get(kind)
    if cls is None:
        raise KeyError(kind)
    return cls(**data)
