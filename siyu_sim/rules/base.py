"""Shared base for rule parameters: typed, bounded, documented with unit and source."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class RuleParams(BaseModel):
    """Parameters of one behavioural rule. Unknown names are errors; values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=True)


def param(default: Any, lo: float | None, hi: float | None, unit: str, why: str) -> Any:
    """A bounded parameter with its unit and the reason (source) for its default.

    ``lo``/``hi`` are inclusive bounds; ``None`` leaves that side open.
    """
    return Field(default, ge=lo, le=hi, description=why, json_schema_extra={"unit": unit})
