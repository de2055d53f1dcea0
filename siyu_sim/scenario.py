"""A scenario: who the customers are, how they behave, what the brand does, what it costs.

``Scenario`` is the validated object the model runs. ``to_dict`` / ``from_dict`` round-trip
it through plain data (and so through TOML: see ``scenario_files``).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pydantic import Field, SerializeAsAny, ValidationInfo, field_validator, model_validator

from .environment import Environment
from .levers import BrandAction, lever_from_dict
from .params import Behaviour, CheckFailed, Economics, Params, Population, Title
from .calendar import MAX_DAYS
from .rng import MAX_SEED
from .assumptions import Uncertain
from .fit_record import FitRecord


#: What a scenario's name may hold: it names files and folders (``runs/NAME-…``).
SAFE_NAME = re.compile(r"[\w.-]+")
#: Validation context under which the levers are built as strictly as the rest
#: (``Scenario.model_validate(data, strict=True, context=STRICT)``: how a scenario file is read).
STRICT = {"strict": True}


class Scenario(Params):
    """Everything one simulation needs."""

    name: str = Field("scenario", min_length=1, max_length=100,
                      description="Short name used in tables, reports and file names: letters (any "
                                  "script), digits, _ . - (no / or ..).")
    title: Title = Field(None, description="What readers call this scenario in English: terminal, reports, deck, "
                                           "workbook, app. None: its name (a shipped scenario: its usual label).")
    title_zh: Title = Field(None, description="What readers call this scenario in Chinese. None: the title, else its "
                                              "usual Chinese label (a shipped scenario), else its name.")
    description: str = Field("", description="What this scenario stands for, in plain words.")
    days: int = Field(365, ge=1, le=MAX_DAYS, description="Simulated days (the horizon).",
                      json_schema_extra={"unit": "days"})
    seed: int = Field(0, ge=0, le=MAX_SEED, description="Root seed of all random streams.")
    start_date: dt.date | None = Field(
        None, description="Date of day 0 (e.g. 2026-01-01): months become calendar months and festivals, seasons "
                          "and dated schedules can be given. None: an undated run (months are twelfths of a year).")
    environment: Environment = Field(default_factory=Environment,
                                     description="Market-wide conditions (seasons, festivals, shocks): not the brand's "
                                                 "doing, kept by the no-private-domain baseline.")
    population: Population = Field(default_factory=Population)
    behaviour: Behaviour = Field(default_factory=Behaviour)
    economics: Economics = Field(default_factory=Economics)
    levers: dict[str, SerializeAsAny[BrandAction]] = Field(
        default_factory=dict, description="What the brand does: name → lever or event (its type defaults to the name).")
    uncertain: list[Uncertain] = Field(
        default_factory=list, description="Assumptions nobody has measured, each with a range and its source: what "
                                          "`siyu compare --draws N` draws (docs/uncertainty.md). Not used by a single run.")
    calibration: FitRecord | None = Field(
        None, description="Written by `siyu calibrate`: what was fitted to the brand's own numbers and how well "
                          "(docs/calibration.md). Not a setting: a run ignores it; reports made from the file show it.",
        json_schema_extra={"record": True})

    @field_validator("name")
    @classmethod
    def _check_name(cls, value: str) -> str:
        if not SAFE_NAME.fullmatch(value) or set(value) == {"."}:
            raise CheckFailed("scenario_name_unsafe")
        return value

    @field_validator("levers", mode="before")
    @classmethod
    def _build_levers(cls, value: Any, info: ValidationInfo) -> Any:
        if not isinstance(value, dict):
            return value
        strict = bool(info.context and info.context.get("strict"))
        built = {}
        for name, item in value.items():
            if isinstance(item, dict):
                try:
                    item = lever_from_dict(name, item, strict=strict)
                except KeyError as exc:
                    raise ValueError(f"unknown lever type {exc.args[0]!r} for lever {name!r}") from None
            built[name] = item
        return built

    @model_validator(mode="after")
    def _bind_dates(self) -> "Scenario":
        """Dated schedules and the environment read day 0's date."""
        self.environment.check(self.start_date)
        for name, lever in self.levers.items():
            schedule = getattr(lever, "schedule", None)
            if schedule is not None:
                try:
                    schedule.bind(self.start_date)
                except ValueError as error:
                    raise ValueError(f"lever {name!r}: {error}") from None
        return self

    @model_validator(mode="after")
    def _check_targets(self) -> "Scenario":
        unknown = unknown_targets(self.population.segments, self.levers)
        if unknown:
            name, _, seg = unknown[0]
            raise CheckFailed("lever_targets_unknown_segment", lever=name, segment=seg,
                                        segments=", ".join(sorted(s.name for s in self.population.segments)))
        return self

    def to_dict(self) -> dict[str, Any]:
        """Plain data (TOML-safe: no None values, dates as dates), enough to rebuild an equal Scenario."""
        return _drop_none(_dates_back(self.model_dump(mode="json"), self.model_dump()))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Scenario":
        return cls.model_validate(data)

    def with_overrides(self, **changes: Any) -> "Scenario":
        """A validated copy with top-level fields replaced (e.g. days, seed)."""
        data = self.to_dict()
        data.update(changes)
        return Scenario.from_dict(data)


def unknown_targets(segments, levers: dict[str, Any]) -> list[tuple[str, int, str]]:
    """(lever name, index, segment) of every segment a lever targets that the population does
    not have. ``levers`` may hold lever objects or their plain data (scenario files)."""
    known = {s.name for s in segments}
    out = []
    for name, lever in levers.items():
        targets = lever.get("segments") if isinstance(lever, dict) else getattr(lever, "segments", None)
        out += [(name, i, seg) for i, seg in enumerate(targets or []) if seg not in known]
    return out


def _dates_back(plain: Any, python: Any) -> Any:
    """``plain`` (a JSON-mode dump) with the dates of ``python`` (the same dump in Python mode)
    put back: TOML has dates of its own."""
    if isinstance(python, dt.date):
        return python
    if isinstance(plain, dict) and isinstance(python, dict):
        return {k: _dates_back(v, python.get(k)) for k, v in plain.items()}
    if isinstance(plain, list) and isinstance(python, list) and len(plain) == len(python):
        return [_dates_back(a, b) for a, b in zip(plain, python)]
    return plain


def _drop_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_drop_none(v) for v in value]
    return value
