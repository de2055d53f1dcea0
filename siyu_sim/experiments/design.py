"""The design: the factor settings an experiment runs (grid, Latin hypercube, Sobol, Morris),
each a {factor name: value}, and the run list: every (scenario, setting, replication), each
with its seed.

``load_experiment`` reads and validates the file (``config.experiment_files``), refuses a huge
design before choosing its settings (``config.limits``; unless ``huge_ok``), chooses them here
and has every setting checked against the scenario schema before any run starts.

Sampled designs draw their points from a stream of their own,
``SeedSequence(root_seed, spawn_key=(DESIGN_SPAWN_KEY,))``, which no replication uses, so the
same file always gives the same settings. Run ``r`` of every scenario and every setting uses
``runs.replication_seed(root_seed, r)`` (entropy ``root_seed``, spawn key ``(r,)``): common
random numbers across scenarios and settings.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..calendar import n_months
from ..config.experiment import Experiment, Factor
from ..config.experiment_files import check_settings, read_experiment, validate_experiment
from ..config.experiment_schema import METRIC_COLUMNS
from ..config.limits import HugeExperiment, table_plan


def load_experiment(path: str | Path, *, output: str | None = None, huge_ok: bool = True,
                    rows: int | None = None) -> Experiment:
    """Read, validate and resolve an experiment file and choose its settings (``rows``: the rows
    every run simulates, over the file's [set]). Raises
    :class:`~siyu_sim.config.problems.ExperimentError` listing every problem (file, key path,
    value, allowed, did-you-mean), and with ``huge_ok=False``
    :class:`~siyu_sim.config.limits.HugeExperiment` for a huge one (before choosing its settings)."""
    return choose_settings(read_experiment(path, output=output, rows=rows), huge_ok=huge_ok)


def experiment_from_dict(data: dict, *, file: str = "<experiment>", base_dir: Path | str = ".",
                         output: str | None = None, huge_ok: bool = True) -> Experiment:
    """``load_experiment`` on an experiment's data (``file`` names it in errors)."""
    exp = validate_experiment(data, file=file, base_dir=base_dir, output=output)
    return choose_settings(exp, huge_ok=huge_ok)


def choose_settings(exp: Experiment, *, huge_ok: bool = True) -> Experiment:
    """``exp`` with its settings chosen (``settings``, ``unit_settings``) and checked."""
    if not huge_ok:
        _check_size(exp)
    exp.settings, exp.unit_settings = make_settings(exp)
    check_settings(exp)
    return exp


def _check_size(exp: Experiment) -> None:
    """HugeExperiment when the runs, or the rows they keep, pass the limits (config.limits)."""
    runs = len(exp.scenarios) * count_settings(exp) * exp.replications
    days = max((int(s["days"]) for s in exp.scenarios.values()), default=1)
    rows = {"final": 1, "monthly": n_months(days), "daily": days}[exp.metrics]
    columns = len(exp.columns or METRIC_COLUMNS) + len(exp.factors) + 6  # ids: run, scenario, setting, …
    plan = table_plan(runs, rows, columns)
    if plan.huge:
        raise HugeExperiment(plan, exp.file)


# --- the settings --------------------------------------------------------------------------

DESIGN_SPAWN_KEY = 2**31 - 1  # far above any replication index


def design_rng(root_seed: int) -> np.random.Generator:
    return np.random.default_rng(np.random.SeedSequence(root_seed, spawn_key=(DESIGN_SPAWN_KEY,)))


def design_seed(root_seed: int) -> int:
    """An integer seed for SALib's samplers, derived from the design stream."""
    return int(np.random.SeedSequence(root_seed, spawn_key=(DESIGN_SPAWN_KEY,)).generate_state(1)[0])


def count_settings(exp: Experiment) -> int:
    """How many settings ``make_settings`` will choose, known before choosing them (a huge
    design is refused before it takes the memory and the time to build)."""
    factors, samples = exp.factors, exp.samples
    if not factors:
        return 1
    grid = math.prod(len(f.values) for f in factors if f.values is not None)
    k = len(factors)
    if exp.method == "grid":
        return grid
    if exp.method == "lhs":
        return grid * (samples or 0)
    if exp.method == "sobol":
        return (samples or 0) * (2 * k + 2 if exp.second_order else k + 2)
    return (samples or 0) * (k + 1)  # morris: trajectories of k + 1 points


def make_settings(exp: Experiment) -> tuple[list[dict[str, Any]], list[list[float]] | None]:
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
    problem = exp.salib_problem()
    if exp.method == "sobol":
        from SALib.sample import sobol

        matrix = sobol.sample(problem, exp.samples, calc_second_order=exp.second_order,
                              scramble=True, seed=design_seed(exp.root_seed))
    elif exp.method == "morris":
        from SALib.sample import morris

        matrix = morris.sample(problem, exp.samples, num_levels=exp.levels,
                               seed=design_seed(exp.root_seed))
    else:  # pragma: no cover - validated when read
        raise ValueError(exp.method)
    settings = [{f.name: _cast(f, x) for f, x in zip(factors, row)} for row in matrix]
    return settings, matrix.tolist()


def _cast(f: Factor, x: float) -> Any:
    return int(round(float(x))) if f.integer else float(x)


def _from_unit(f: Factor, u: float) -> Any:
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


# --- the run list ---------------------------------------------------------------------------


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


__all__ = ["DESIGN_SPAWN_KEY", "RunTask", "choose_settings", "count_settings", "design_rng", "design_seed",
           "experiment_from_dict", "load_experiment", "make_settings", "run_id", "runs"]
