"""The run list: every (scenario, factor setting, replication), each with its seed.

Run ``r`` of every scenario and every setting uses ``runs.replication_seed(root_seed, r)``
(entropy ``root_seed``, spawn key ``(r,)``): common random numbers across scenarios and
settings. The settings themselves are chosen when the experiment file is read
(``config.experiment_settings``), from a seed stream no replication uses.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

# The design's own seed stream lives with the settings it draws (config/experiment_settings);
# re-exported here for the modules that derive seeds from it (sensitivity).
from ..config.experiment_settings import DESIGN_SPAWN_KEY, design_rng, design_seed

if TYPE_CHECKING:  # pragma: no cover
    from ..config.experiment import Experiment


@dataclass(frozen=True)
class RunTask:
    """One simulation run: enough to reproduce it alone, bit for bit."""

    run_id: str
    scenario: str
    setting: int
    replication: int
    factors: dict[str, Any]
    overrides: dict[str, Any]
    seed_entropy: int
    spawn_key: tuple[int, ...]

    def manifest_fields(self) -> dict:
        return {"run_id": self.run_id, "scenario": self.scenario, "setting": self.setting,
                "replication": self.replication, "factors": self.factors, "overrides": self.overrides,
                "seed_entropy": self.seed_entropy, "spawn_key": list(self.spawn_key)}


def run_id(scenario: str, setting: int, replication: int) -> str:
    return f"{scenario}-s{setting:04d}-r{replication:03d}"


def runs(exp: "Experiment") -> list[RunTask]:
    """Every run of the experiment, scenario-major, then setting, then replication."""
    out = []
    for label in exp.scenarios:
        for s, values in enumerate(exp.settings):
            overrides = exp.overrides(s)
            for r in range(exp.replications):
                out.append(RunTask(run_id(label, s, r), label, s, r, dict(values), overrides,
                                   exp.root_seed, (r,)))
    return out


__all__ = ["DESIGN_SPAWN_KEY", "RunTask", "design_rng", "design_seed", "run_id", "runs"]
