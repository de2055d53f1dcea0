"""Scenario files (TOML) → validated Scenario, and back."""

from __future__ import annotations

import tomllib
from pathlib import Path

import tomli_w

from .scenario import Scenario


def load_scenario(path: str | Path) -> Scenario:
    path = Path(path)
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    return Scenario.from_dict(data)


def dumps_scenario(scenario: Scenario) -> str:
    return tomli_w.dumps(scenario.to_dict())
