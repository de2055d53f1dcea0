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
import pandas as pd

from ..calendar import n_months
from ..config.experiment import Experiment, Factor
from ..config.experiment_files import check_settings, read_experiment, validate_experiment
from ..config.experiment_schema import METRIC_COLUMNS
from ..config.expressions import evaluate
from ..config.problems import ExperimentError, Problem
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


def result_columns(exp: Experiment) -> int:
    """Columns of an experiment's results table: its metrics, its factors and the ids (run,
    scenario, setting, …)."""
    return len(exp.columns or METRIC_COLUMNS) + len(exp.factors) + 6


def _check_size(exp: Experiment) -> None:
    """HugeExperiment when the runs, or the rows they keep, pass the limits (config.limits)."""
    runs = len(exp.scenarios) * count_settings(exp) * exp.replications
    days = max((int(s["days"]) for s in exp.scenarios.values()), default=1)
    rows = {"final": 1, "monthly": n_months(days), "daily": days}[exp.metrics]
    plan = table_plan(runs, rows, result_columns(exp))
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
    """How many settings ``make_settings`` will choose (before constraints drop any), known before
    choosing them (a huge design is refused before it takes the memory and the time to build)."""
    if exp.method in ("sobol", "morris"):
        k = sum(f.expression is None for f in exp.factors)
        if exp.method == "sobol":
            return (exp.samples or 0) * (2 * k + 2 if exp.second_order else k + 2)
        return (exp.samples or 0) * (k + 1)  # morris: trajectories of k + 1 points
    levers = [f for f in exp.factors if f.lever]
    grid = math.prod(len(f.values) for f in levers if f.values is not None)
    policies = grid * (exp.samples or 0) if exp.method == "lhs" else grid
    return policies * max(exp.markets, 1)


#: The markets' stream: apart from the design's, so adding a lever never moves the markets.
MARKET_SPAWN_KEY = DESIGN_SPAWN_KEY - 1


def make_settings(exp: Experiment) -> tuple[list[dict[str, Any]], list[list[float]] | None]:
    """The factor settings (index → {factor name: value}) and, for sobol/morris, the raw
    sample matrix in SALib's order (analysis needs it). With grid or lhs the method chooses the
    policies (the levers' settings; derived factors computed, constraints applied: ``exp.dropped``
    counts the settings they removed) and, with uncertain assumptions, each policy runs in every
    one of ``exp.markets`` markets (a Latin hypercube of their points in [0, 1], the same for
    every policy): settings are policy-major."""
    factors = exp.factors
    if not factors:
        return [{}], None
    if exp.method in ("sobol", "morris"):
        return _screening(exp)
    policies = derive(exp, _lever_settings(exp, [f for f in factors if f.lever]))
    kept = _constrain(exp, policies)
    exp.dropped = len(policies) - len(kept)
    markets = market_points(exp)
    if not markets:
        return [_ordered(exp, p) for p in kept], None
    return [_ordered(exp, p | m) for p in kept for m in markets], None


def market_points(exp: Experiment) -> list[dict[str, float]]:
    """The ``exp.markets`` markets every policy runs in, each {assumption's factor name: its point
    in [0, 1]}: a Latin hypercube from the markets' own stream, the same for every policy (and for
    every trial of a search); none without uncertain assumptions."""
    assumptions = [f for f in exp.factors if f.assumption]
    if not assumptions or not exp.markets:
        return []
    from scipy.stats import qmc

    rng = np.random.default_rng(np.random.SeedSequence(exp.root_seed, spawn_key=(MARKET_SPAWN_KEY,)))
    unit = qmc.LatinHypercube(d=len(assumptions), seed=rng).random(exp.markets)
    return [{f.name: float(u) for f, u in zip(assumptions, row)} for row in unit]


def _lever_settings(exp: Experiment, levers: list[Factor]) -> list[dict[str, Any]]:
    """grid: every combination of the levers' values; lhs: ``samples`` Latin-hypercube points over
    the sampled levers, crossed with the grid ones."""
    if exp.method == "grid":
        combos = itertools.product(*(f.values for f in levers))
        return [{f.name: v for f, v in zip(levers, combo)} for combo in combos]
    from scipy.stats import qmc

    grid = [f for f in levers if f.values is not None]
    sampled = [f for f in levers if f.values is None]
    unit = qmc.LatinHypercube(d=len(sampled), seed=design_rng(exp.root_seed)).random(exp.samples)
    points = [{f.name: _from_unit(f, u) for f, u in zip(sampled, row)} for row in unit]
    settings = []
    for combo in itertools.product(*(f.values for f in grid)):
        fixed = {f.name: v for f, v in zip(grid, combo)}
        settings += [fixed | p for p in points]
    return settings


def _screening(exp: Experiment) -> tuple[list[dict[str, Any]], list[list[float]]]:
    """sobol/morris: SALib's sample over every factor but the derived ones, which are computed."""
    problem = exp.salib_problem()
    if exp.method == "sobol":
        from SALib.sample import sobol

        matrix = sobol.sample(problem, exp.samples, calc_second_order=exp.second_order,
                              scramble=True, seed=design_seed(exp.root_seed))
    else:
        from SALib.sample import morris

        matrix = morris.sample(problem, exp.samples, num_levels=exp.levels,
                               seed=design_seed(exp.root_seed))
    varied = [f for f in exp.factors if f.expression is None]
    settings = derive(exp, [{f.name: _cast(f, x) for f, x in zip(varied, row)} for row in matrix])
    return [_ordered(exp, s) for s in settings], matrix.tolist()


def derive(exp: Experiment, settings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``settings`` (lever values) with each derived factor's value, in declaration order (one may
    use another): for the design's own settings and for those it did not choose (a search's trial)."""
    derived = [f for f in exp.factors if f.expression is not None]
    if not derived or not settings:
        return settings
    frame = pd.DataFrame(settings)
    for f in derived:
        values = evaluate(frame, f.expression).astype(float)
        frame[f.name] = values.round().astype(int) if f.integer else values
    return [{k: v.item() if hasattr(v, "item") else v for k, v in row.items()} for row in frame.to_dict("records")]


def _constrain(exp: Experiment, settings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The settings that meet every constraint (all of them without constraints); none left is an
    error that says which constraint emptied the design."""
    if not exp.constraints or not settings:
        return settings
    frame = pd.DataFrame(settings)
    keep = pd.Series(True, index=frame.index)
    for i, text in enumerate(exp.constraints):
        keep &= evaluate(frame, text).astype(bool)
        if not keep.any():
            raise ExperimentError(exp.file, [Problem(f"constraints[{i}]", "no setting of the design meets the "
                                                     "constraints up to this one", text,
                                                     "constraints some settings meet")])
    return [s for s, k in zip(settings, keep) if k]


def _ordered(exp: Experiment, setting: dict[str, Any]) -> dict[str, Any]:
    """A setting's values in the factors' order (the results table's columns)."""
    return {f.name: setting[f.name] for f in exp.factors}


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


__all__ = ["DESIGN_SPAWN_KEY", "RunTask", "choose_settings", "count_settings", "derive", "design_rng", "design_seed",
           "experiment_from_dict", "load_experiment", "make_settings", "market_points", "run_id", "runs"]
