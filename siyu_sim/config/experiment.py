"""A validated experiment: its base scenarios resolved, its factors, and the settings its design
chooses (``experiments.design``)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from ..assumptions import DRAWS_KEY
from ..scenario import Scenario
from .overrides import apply_overrides


@dataclass(frozen=True)
class Factor:
    """One varying scenario parameter, resolved."""

    path: str
    name: str
    values: tuple | None = None
    range: tuple[float, float] | None = None
    distribution: dict | None = None
    integer: bool = False
    dtype: str = "float64"  # "bool", "int64", "float64", "string"
    assumption: bool = False  # an uncertain assumption: its value is the draw's point in [0, 1]
    expression: str | None = None  # derived from the other factors (config.expressions), not varied

    @property
    def lever(self) -> bool:
        """What the brand chooses and the design varies: not an uncertain assumption, not derived."""
        return not self.assumption and self.expression is None

    def as_dict(self) -> dict:
        out = {"path": self.path, "name": self.name, "values": list(self.values) if self.values else None,
               "range": list(self.range) if self.range else None, "distribution": self.distribution,
               "integer": self.integer, "dtype": self.dtype, "assumption": self.assumption}
        if self.expression is not None:  # only then: an older experiment's spec hash stays the same
            out["expression"] = self.expression
        return out


@dataclass
class Experiment:
    """A validated experiment with its base scenarios loaded; ``settings`` are chosen by
    ``experiments.design.choose_settings`` (``load_experiment`` does both)."""

    name: str
    file: str
    description: str
    scenarios: dict[str, dict]          # label → resolved scenario data (``set`` applied)
    scenario_sources: dict[str, str]    # label → file it came from
    factors: list[Factor]
    method: str
    samples: int | None
    levels: int
    second_order: bool
    outputs: list[str]
    replications: int
    root_seed: int
    metrics: str
    columns: list[str]
    output: str
    batch_size: int | None
    objectives: dict[str, str]
    fixed: dict[str, Any]
    markets: int = 0                    # markets every policy runs in (0: none; settings are policies)
    constraints: list[str] = field(default_factory=list)  # conditions every setting meets (config.expressions)
    robustness: dict | None = None      # how policies are judged across markets (RobustnessSpec's keys)
    settings: list[dict[str, Any]] = field(default_factory=list)  # setting index → {factor name: value}
    unit_settings: list[list[float]] | None = None  # sobol/morris: the sample matrix rows (for SALib)
    dropped: int = 0                    # settings the constraints removed

    @property
    def policies(self) -> int:
        """How many policies (lever settings) the design runs: settings are policy-major, each policy in
        every market."""
        return len(self.settings) // self.markets if self.markets else len(self.settings)

    @property
    def factor_names(self) -> list[str]:
        return [f.name for f in self.factors]

    @property
    def n_runs(self) -> int:
        return len(self.scenarios) * len(self.settings) * self.replications

    def overrides(self, setting: int) -> dict[str, Any]:
        """Dotted-path overrides of one setting (on top of the resolved base scenario)."""
        return self.overrides_of(self.settings[setting])

    def overrides_of(self, values: dict[str, Any]) -> dict[str, Any]:
        """Dotted-path overrides of a setting's values ({factor name: value}), whether or not the
        design chose it (a search asks its own: ``siyu_sim.optimise``)."""
        out = {f.path: values[f.name] for f in self.factors if not f.assumption}
        points = [float(values[f.name]) for f in self.factors if f.assumption]
        if points:  # drawn at these points from the scenarios' uncertain list (assumptions.DRAWS_KEY)
            out[DRAWS_KEY] = points
        return out

    def scenario(self, label: str, setting: int) -> Scenario:
        return Scenario.from_dict(apply_overrides(self.scenarios[label], self.overrides(setting)))

    def salib_problem(self) -> dict:
        varied = [f for f in self.factors if f.expression is None]  # derived ones are computed
        return {"num_vars": len(varied), "names": [f.name for f in varied],
                "bounds": [list(f.range) for f in varied]}

    def resolved(self) -> dict:
        """Everything that decides the results (the spec hash is taken over this)."""
        return {
            "name": self.name, "scenarios": self.scenarios, "factors": [f.as_dict() for f in self.factors],
            "design": {"method": self.method, "samples": self.samples, "levels": self.levels,
                       "second_order": self.second_order},
            "replications": self.replications, "root_seed": self.root_seed, "metrics": self.metrics,
            "columns": self.columns, "settings": self.settings,
            # only when given: an older experiment's spec hash stays the same
            **({"markets": self.markets} if self.markets else {}),
            **({"constraints": self.constraints} if self.constraints else {}),
        }

    @property
    def spec_hash(self) -> str:
        text = json.dumps(self.resolved(), sort_keys=True, default=str, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()[:16]
