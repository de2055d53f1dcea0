"""The run list: every (scenario, factor setting, replication), each with its seed.

Run ``r`` of every scenario and every setting uses ``runs.replication_seed(root_seed, r)``
(entropy ``root_seed``, spawn key ``(r,)``): common random numbers across scenarios and
settings. Sampled designs (Latin hypercube, Sobol, Morris) draw their points from a seed of
their own, ``SeedSequence(root_seed, spawn_key=(DESIGN_SPAWN_KEY,))``, which no replication uses.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    from ..config.experiment_files import Experiment, Factor

DESIGN_SPAWN_KEY = 2**31 - 1  # far above any replication index


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


def design_rng(root_seed: int) -> np.random.Generator:
    return np.random.default_rng(np.random.SeedSequence(root_seed, spawn_key=(DESIGN_SPAWN_KEY,)))


def design_seed(root_seed: int) -> int:
    """An integer seed for SALib's samplers, derived from the design stream."""
    return int(np.random.SeedSequence(root_seed, spawn_key=(DESIGN_SPAWN_KEY,)).generate_state(1)[0])


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


# --- settings ------------------------------------------------------------------------------
def make_settings(exp: "Experiment") -> tuple[list[dict[str, Any]], list[list[float]] | None]:
    """The factor settings (index → {factor name: value}) and, for sobol/morris, the raw
    sample matrix in SALib's order (analysis needs it)."""
    factors = exp.factors
    if not factors:
        return [{}], None
    if exp.method == "grid":
        combos = itertools.product(*(f.values for f in factors))
        return [{f.name: v for f, v in zip(factors, combo)} for combo in combos], None
    if exp.method == "lhs":
        from scipy.stats import qmc

        grid = [f for f in factors if f.values is not None]
        sampled = [f for f in factors if f.values is None]
        unit = qmc.LatinHypercube(d=len(sampled), seed=design_rng(exp.root_seed)).random(exp.samples)
        points = [{f.name: _from_unit(f, u) for f, u in zip(sampled, row)} for row in unit]
        settings = []
        for combo in itertools.product(*(f.values for f in grid)):
            fixed = {f.name: v for f, v in zip(grid, combo)}
            for p in points:
                settings.append({f.name: (fixed | p)[f.name] for f in factors})
        return settings, None
    problem = {"num_vars": len(factors), "names": [f.name for f in factors],
               "bounds": [list(f.range) for f in factors]}
    if exp.method == "sobol":
        from SALib.sample import sobol

        matrix = sobol.sample(problem, exp.samples, calc_second_order=exp.second_order,
                              scramble=True, seed=design_seed(exp.root_seed))
    elif exp.method == "morris":
        from SALib.sample import morris

        matrix = morris.sample(problem, exp.samples, num_levels=exp.levels,
                               seed=design_seed(exp.root_seed))
    else:  # pragma: no cover - validated in spec
        raise ValueError(exp.method)
    settings = [{f.name: _cast(f, x) for f, x in zip(factors, row)} for row in matrix]
    return settings, matrix.tolist()


def _cast(f: "Factor", x: float) -> Any:
    return int(round(float(x))) if f.integer else float(x)


def _from_unit(f: "Factor", u: float) -> Any:
    from scipy import stats

    if f.range is not None:
        lo, hi = f.range
        return _cast(f, lo + u * (hi - lo))
    d = f.distribution
    kind = d["kind"]
    if kind == "uniform":
        x = d["low"] + u * (d["high"] - d["low"])
    elif kind == "normal":
        x = stats.norm.ppf(u, d["mean"], d["sd"])
    elif kind == "lognormal":
        x = stats.lognorm.ppf(u, d["sigma"], scale=d["median"])
    elif kind == "triangular":
        width = d["high"] - d["low"]
        x = stats.triang.ppf(u, (d["mode"] - d["low"]) / width, loc=d["low"], scale=width)
    elif kind == "truncnormal":
        a, b = (d["low"] - d["mean"]) / d["sd"], (d["high"] - d["mean"]) / d["sd"]
        x = stats.truncnorm.ppf(u, a, b, loc=d["mean"], scale=d["sd"])
    else:  # pragma: no cover
        raise ValueError(kind)
    return _cast(f, x)
