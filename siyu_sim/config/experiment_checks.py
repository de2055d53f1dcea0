"""What an experiment file's schema cannot check alone: its factors, fixed settings, design
and metrics against the scenarios it names. Each check adds Problems (key path, value,
allowed, did-you-mean) to a list, so that every problem in a file is reported at once."""

from __future__ import annotations

import math
from pathlib import PurePath

import pandas as pd

from .experiment import Factor
from .expressions import ALLOWED, ExpressionError, evaluate
from .experiment_schema import DISTRIBUTIONS, METRIC_COLUMNS, ExperimentFile
from .problems import Problem, closest
from .schema_info import Leaf

_PATH_ALLOWED = "a dotted path to a scenario parameter (docs/experiments.md)"
_METRIC_ALLOWED = "a column of the daily table"
#: The results table's own columns, beside which each factor gets one of its own.
RESULT_COLUMNS = frozenset(("run_id", "scenario", "setting", "replication", "day", *METRIC_COLUMNS))


def check_factors(spec: ExperimentFile, leaves: dict[str, Leaf], problems: list[Problem]) -> list[Factor]:
    """The factors, resolved (type, bounds, dtype of their results column)."""
    factors, names = [], set()
    for p in sorted(spec.set.keys() & spec.factors.keys()):
        problems.append(Problem(f'factors."{p}"', "is both a factor and a fixed setting in [set]", p))
    for path, f in spec.factors.items():
        key = f'factors."{path}"'
        leaf = leaves.get(path)
        if leaf is None:
            problems.append(Problem(key, "no such parameter in the scenario schema",
                                    allowed=_PATH_ALLOWED, suggestion=closest(path, leaves)))
            continue
        given = [k for k in ("values", "range", "distribution") if getattr(f, k) is not None]
        if f.expression is not None and given:
            problems.append(Problem(key, f"a factor with an expression is derived from the others: give no "
                                    f"{' or '.join(given)}", f.expression))
            continue
        if f.expression is None and len(given) != 1:
            problems.append(Problem(key, "give exactly one of values, range, distribution (or an expression)"
                                    + (f" (it has {' and '.join(given)})" if given else "")))
            continue
        name = f.name or path
        if name in names:
            problems.append(Problem(f"{key}.name", "duplicate factor column name", name))
        elif name in RESULT_COLUMNS:  # one table holds the ids, the factors and the metrics
            problems.append(Problem(f"{key}.name", "is already a column of the results table", name,
                                    "a name that is not a metric or an id (run_id, scenario, setting, "
                                    f"replication), e.g. {name}_setting"))
        names.add(name)
        if f.expression is not None:
            if leaf.kind not in ("float", "int"):
                problems.append(Problem(f"{key}.expression", "an expression needs a numeric parameter", path,
                                        leaf.allowed()))
                continue
            integer = f.integer or leaf.kind == "int"
            factor = Factor(path, name, integer=integer, dtype="int64" if integer else "float64",
                            expression=f.expression)
        elif f.values is not None:
            factor = _grid_factor(key, path, name, f.values, f.integer, leaf, problems)
        elif leaf.kind not in ("float", "int"):
            problems.append(Problem(key, "range/distribution need a numeric parameter", path, leaf.allowed()))
            continue
        elif f.range is not None:
            factor = _range_factor(key, path, name, f.range, f.integer, leaf, problems)
        else:
            factor = _distribution_factor(key, path, name, f.distribution, f.integer, leaf, problems)
        if factor is not None:
            factors.append(factor)
    return factors


def _grid_factor(key, path, name, values, integer, leaf: Leaf, problems) -> Factor | None:
    vals, dtype = tuple(values), "float64"
    if leaf.kind in ("float", "int"):
        bad = [v for v in vals if isinstance(v, (bool, str))
               or (leaf.kind == "int" and isinstance(v, float) and not v.is_integer())]
        if bad:
            problems.append(Problem(f"{key}.values", "wrong type", bad[0], leaf.allowed()))
            return None
        out_of = [v for v in vals if leaf.outside(v)]
        if out_of:
            problems.append(Problem(f"{key}.values", "value out of bounds", out_of[0], leaf.allowed()))
            return None
        if leaf.kind == "int" or all(isinstance(v, int) for v in vals) and integer:
            vals, dtype = tuple(int(v) for v in vals), "int64"
        else:
            vals = tuple(float(v) for v in vals)
    elif leaf.kind == "bool":
        if not all(isinstance(v, bool) for v in vals):
            problems.append(Problem(f"{key}.values", "wrong type", vals, leaf.allowed()))
            return None
        dtype = "bool"
    else:
        dtype = "string" if all(isinstance(v, str) for v in vals) else "float64"
    if len(set(vals)) != len(vals):
        problems.append(Problem(f"{key}.values", "values repeat", list(vals), "distinct values"))
    return Factor(path, name, values=vals, integer=integer, dtype=dtype)


def _range_factor(key, path, name, rng, integer, leaf: Leaf, problems) -> Factor | None:
    integer = integer or leaf.kind == "int"
    lo, hi = rng
    if not (math.isfinite(lo) and math.isfinite(hi)) or lo >= hi:
        problems.append(Problem(f"{key}.range", "range must be [low, high] with low < high", list(rng)))
        return None
    if leaf.outside(lo) or leaf.outside(hi):
        problems.append(Problem(f"{key}.range", "range goes outside the parameter's bounds",
                                list(rng), leaf.allowed()))
        return None
    return Factor(path, name, range=(float(lo), float(hi)), integer=integer,
                  dtype="int64" if integer else "float64")


def _distribution_factor(key, path, name, d, integer, leaf: Leaf, problems) -> Factor | None:
    integer = integer or leaf.kind == "int"
    where, given = f"{key}.distribution", d.model_dump(exclude_none=True)
    need = DISTRIBUTIONS[d.kind]
    params = {k for k in ("low", "high", "mean", "sd", "median", "sigma", "mode") if getattr(d, k) is not None}
    missing = [k for k in need if k not in params]
    extra = sorted(params - set(need))
    if missing or extra:
        problems.append(Problem(where, f"{d.kind} takes {', '.join(need)}"
                                + (f"; missing {', '.join(missing)}" if missing else "")
                                + (f"; not used: {', '.join(extra)}" if extra else ""), given))
        return None
    if d.kind in ("uniform", "triangular", "truncnormal") and not d.low < d.high:
        problems.append(Problem(where, "low must be below high", given))
        return None
    if d.kind == "triangular" and not d.low <= d.mode <= d.high:
        problems.append(Problem(where, "mode must lie in [low, high]", given))
        return None
    return Factor(path, name, distribution=given, integer=integer, dtype="int64" if integer else "float64")


def check_expressions(spec: ExperimentFile, factors: list[Factor], method: str, problems: list[Problem]) -> None:
    """Derived factors' expressions and the constraints evaluate over the levers (one setting of
    representative values: each lever's first value or lower end), and a constraint is a
    condition."""
    frame = pd.DataFrame([{f.name: _representative(f) for f in factors if f.lever}])
    for f in factors:
        if f.expression is None:
            continue
        try:
            frame[f.name] = evaluate(frame, f.expression)
        except ExpressionError as exc:
            problems.append(Problem(f'factors."{f.path}".expression', str(exc), f.expression, ALLOWED))
            frame[f.name] = 0.0  # what refers to it is checked as if it had a value
    for i, text in enumerate(spec.constraints):
        where = f"constraints[{i}]"
        if method in ("sobol", "morris"):
            problems.append(Problem(where, f"{method} cannot drop settings from its design", text,
                                    "constraints with grid or lhs"))
            continue
        try:
            value = evaluate(frame, text)
        except ExpressionError as exc:
            problems.append(Problem(where, str(exc), text, ALLOWED))
            continue
        if value.dtype != bool:
            problems.append(Problem(where, "is not a condition (it gives a number, not true or false)", text,
                                    "a comparison, e.g. care_staff + community_staff <= 40"))


def _representative(f: Factor) -> float | int | bool | str:
    if f.values is not None:
        return f.values[0]
    if f.range is not None:
        return f.range[0]
    d = f.distribution or {}
    return next((d[k] for k in ("low", "mean", "median") if k in d), 0.0)


def check_set(spec: ExperimentFile, leaves: dict[str, Leaf], problems: list[Problem]) -> None:
    """[set]: each path exists (or names a whole table) and each number is within bounds."""
    for path, value in spec.set.items():
        leaf = leaves.get(path)
        if leaf is None and not any(p.startswith(path + ".") for p in leaves):
            problems.append(Problem(f'set."{path}"', "no such parameter in the scenario schema", value,
                                    None, closest(path, leaves)))
        elif leaf is not None and leaf.kind in ("float", "int") and isinstance(value, (int, float)) \
                and not isinstance(value, bool) and leaf.outside(value):
            problems.append(Problem(f'set."{path}"', "value out of bounds", value, leaf.allowed()))


def check_design(spec: ExperimentFile, method: str, factors: list[Factor], problems: list[Problem]) -> None:
    """The design against its factors. With grid or lhs, uncertain assumptions are drawn apart
    (as markets) and derived factors computed, so the method applies to the levers alone."""
    d = spec.design
    uncertain = any(f.assumption for f in factors)
    if d.markets is not None and not (uncertain and method in ("grid", "lhs")):
        problems.append(Problem("design.markets", "markets are drawn from uncertain assumptions, with grid or "
                                "lhs" + ("" if uncertain else ": this experiment declares none"), d.markets,
                                "[[uncertain]] tables or uncertain_defaults = true, and method grid or lhs"))
    if method in ("grid", "lhs"):
        factors = [f for f in factors if f.lever]
    else:
        factors = [f for f in factors if f.expression is None]
    sampled = [f for f in factors if f.values is None]
    if method == "grid" and sampled:
        problems.append(Problem("design.method", "grid needs values for every factor; these have "
                                "a range or distribution: " + ", ".join(f.path for f in sampled), method,
                                "lhs, sobol or morris for sampled factors"))
    if method in ("lhs", "sobol", "morris") and not d.samples:
        problems.append(Problem("design.samples", f"{method} needs a sample count",
                                allowed="a positive integer" + (" (a power of 2)" if method == "sobol" else "")))
    if method in ("sobol", "morris"):
        bad = [f.path for f in factors if f.range is None]
        if bad:
            problems.append(Problem("factors", f"{method} needs a range for every factor; not for: "
                                    + ", ".join(bad), allowed="range = [low, high]"))
        if len(factors) < 2:
            problems.append(Problem("factors", f"{method} needs at least two factors", len(factors)))
        if method == "sobol" and d.samples and d.samples & (d.samples - 1):
            low = 1 << (d.samples.bit_length() - 1)
            problems.append(Problem("design.samples", "Sobol sample size must be a power of 2",
                                    d.samples, f"a power of 2, e.g. {low} or {low * 2}"))
    if method == "lhs" and not sampled:
        problems.append(Problem("design.method", "lhs needs at least one lever (a factor with a range or "
                                "distribution)", method, "grid" + (" (the default): uncertain assumptions are "
                                                                   "drawn apart, as design.markets" if uncertain else "")))
    elif not factors and method not in ("grid", "lhs"):
        problems.append(Problem("factors", f"{method} needs factors"))


def check_output(spec: ExperimentFile, problems: list[Problem]) -> None:
    """``output`` is a folder inside the working directory, as docs/experiments.md says: an
    absolute path or one through ``..`` would write where the file's reader does not expect
    (a shared file may not choose where it writes; ``--out`` may)."""
    if spec.output is None:
        return
    path = PurePath(spec.output)
    if not spec.output.strip() or path.is_absolute() or ".." in path.parts or spec.output.startswith("~"):
        problems.append(Problem("output", "must be a folder inside the working directory", spec.output,
                                'a relative path without "..", e.g. "results/my_sweep"; --out writes anywhere'))


def check_metrics(spec: ExperimentFile, problems: list[Problem]) -> None:
    """columns, objectives and design.outputs name columns of the daily table."""
    for i, col in enumerate(spec.columns):
        _check_metric(f"columns[{i}]", col, problems)
    for metric in spec.objectives:
        if _check_metric(f"objectives.{metric}", metric, problems) and spec.columns \
                and metric not in spec.columns:
            problems.append(Problem(f"objectives.{metric}", "objective is not among the kept columns",
                                    metric, ", ".join(spec.columns)))
    for i, metric in enumerate(spec.design.outputs):
        _check_metric(f"design.outputs[{i}]", metric, problems)


def _check_metric(where: str, metric: str, problems: list[Problem]) -> bool:
    if metric in METRIC_COLUMNS:
        return True
    problems.append(Problem(where, "unknown metric", metric, _METRIC_ALLOWED, closest(metric, METRIC_COLUMNS)))
    return False


def check_robustness(spec: ExperimentFile, problems: list[Problem]) -> None:
    """[robustness] judges policies across markets: it needs uncertain assumptions, a kept metric,
    and satisficing a target."""
    r = spec.robustness
    if not (spec.uncertain or spec.uncertain_defaults):
        problems.append(Problem("robustness", "judges policies across markets: this experiment declares no "
                                "uncertain assumptions", allowed="[[uncertain]] tables or uncertain_defaults = true"))
    if _check_metric("robustness.metric", r.metric, problems) and spec.columns and r.metric not in spec.columns:
        problems.append(Problem("robustness.metric", "is not among the kept columns", r.metric, ", ".join(spec.columns)))
    if r.criterion == "satisficing" and r.target is None:
        problems.append(Problem("robustness.target", "satisficing needs a target", None,
                                "a number, e.g. target = 0 (the policy adds profit)"))
