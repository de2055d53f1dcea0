"""Factor settings: the points an experiment's design chooses (grid, Latin hypercube, Sobol,
Morris), each a {factor name: value}.

Sampled designs draw their points from a stream of their own,
``SeedSequence(root_seed, spawn_key=(DESIGN_SPAWN_KEY,))``, which no replication uses, so the
same file always gives the same settings.
"""

from __future__ import annotations

import itertools
import math
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    from .experiment import Experiment, Factor

DESIGN_SPAWN_KEY = 2**31 - 1  # far above any replication index


def design_rng(root_seed: int) -> np.random.Generator:
    return np.random.default_rng(np.random.SeedSequence(root_seed, spawn_key=(DESIGN_SPAWN_KEY,)))


def design_seed(root_seed: int) -> int:
    """An integer seed for SALib's samplers, derived from the design stream."""
    return int(np.random.SeedSequence(root_seed, spawn_key=(DESIGN_SPAWN_KEY,)).generate_state(1)[0])


def count_settings(method: str, factors: list["Factor"], samples: int | None, second_order: bool) -> int:
    """How many settings ``make_settings`` will choose, known before choosing them (a huge
    design is refused before it takes the memory and the time to build)."""
    if not factors:
        return 1
    grid = math.prod(len(f.values) for f in factors if f.values is not None)
    k = len(factors)
    if method == "grid":
        return grid
    if method == "lhs":
        return grid * (samples or 0)
    if method == "sobol":
        return (samples or 0) * (2 * k + 2 if second_order else k + 2)
    return (samples or 0) * (k + 1)  # morris: trajectories of k + 1 points


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
