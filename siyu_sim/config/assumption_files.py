"""Assumptions files (TOML): a list of ``[[uncertain]]`` tables that replaces the scenarios' own
in a weighing (``siyu compare --draws N --assumptions FILE``; ``siyu_sim.uncertainty``).

The same table a scenario's ``uncertain`` list holds, so an analyst's ranges live in one file
beside the scenarios they are shared by; every problem is reported at once, naming the file and
the key (``uncertain[2].low``), before anything runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError

from ..params import Params
from ..assumptions import Uncertain
from .problems import ConfigError, Problem
from .pydantic_errors import translate
from .toml_files import FileKind, read_toml


class AssumptionsError(ConfigError):
    """An assumptions file that cannot be used: nothing is run."""


ASSUMPTIONS_FILE = FileKind("assumptions", AssumptionsError, "check the path",
                            "an assumptions file lists [[uncertain]] tables, each with path, low, high and "
                            "source (docs/uncertainty.md)")


class AssumptionsFile(Params):
    """What an assumptions file holds."""

    description: str = Field("", description="What these assumptions stand for.")
    uncertain: list[Uncertain] = Field(..., min_length=1, description="The uncertain assumptions.")


def load_assumptions(path: str | Path) -> list[Uncertain]:
    """The assumptions in ``path``, or an AssumptionsError with every problem in it."""
    data: dict[str, Any] = read_toml(path, ASSUMPTIONS_FILE)
    try:
        return AssumptionsFile.model_validate(data, strict=True).uncertain
    except ValidationError as exc:
        raise AssumptionsError(str(path), translate(exc, AssumptionsFile)) from None


def assumption_problem(source: str, message: str) -> AssumptionsError:
    """One problem with applying assumptions (``uncertainty.weigh.AssumptionError``) as a file's error."""
    return AssumptionsError(source, [Problem("uncertain", message)])
