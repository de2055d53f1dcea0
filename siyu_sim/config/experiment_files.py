"""Experiment files (TOML) → a validated, fully resolved :class:`Experiment`.

An experiment names one or more base scenarios, fixed settings applied to all of them,
factors (dotted scenario paths) with grid ``values``, a ``range`` or a ``distribution``,
a design (grid, Latin hypercube, Sobol, Morris), replications, a root seed, which metrics
to keep and where to write. Every problem in a file is reported at once (file, key path,
value, allowed, did-you-mean), and every setting of every factor is validated against the
scenario schema before any run starts. The format is documented in docs/experiments.md.
"""

from __future__ import annotations

import hashlib
import json
import math
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..metrics import DAILY_COLUMNS
from .overrides import OverrideError, apply_overrides
from ..scenario import Scenario
from .experiment_errors import ExperimentError, Problem
from .settable import Leaf, scenario_leaves, suggest

#: Metric columns a run can keep: the model's daily table plus derived ones.
DERIVED_COLUMNS = ("cum_gmv",)
METRIC_COLUMNS = tuple(c for c in DAILY_COLUMNS if c != "day") + DERIVED_COLUMNS
DESIGN_METHODS = ("grid", "lhs", "sobol", "morris")
DISTRIBUTIONS = {
    "uniform": ("low", "high"),
    "normal": ("mean", "sd"),
    "lognormal": ("median", "sigma"),
    "triangular": ("low", "mode", "high"),
    "truncnormal": ("mean", "sd", "low", "high"),
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DistributionSpec(_Strict):
    kind: Literal["uniform", "normal", "lognormal", "triangular", "truncnormal"] = Field(
        ..., description="Distribution family; its parameters: uniform(low, high), normal(mean, sd), "
        "lognormal(median, sigma), triangular(low, mode, high), truncnormal(mean, sd, low, high).")
    low: float | None = Field(None, description="Lower end (uniform, triangular, truncnormal).")
    high: float | None = Field(None, description="Upper end (uniform, triangular, truncnormal).")
    mean: float | None = Field(None, description="Mean (normal, truncnormal: of the untruncated normal).")
    sd: float | None = Field(None, gt=0, description="Standard deviation (normal, truncnormal).")
    median: float | None = Field(None, gt=0, description="Median (lognormal).")
    sigma: float | None = Field(None, gt=0, description="Standard deviation of the log (lognormal).")
    mode: float | None = Field(None, description="Most likely value (triangular).")


class FactorSpec(_Strict):
    values: list[bool | int | float | str] | None = Field(
        None, min_length=1, description="Grid: every listed value is run (crossed with other grid factors).")
    range: tuple[float, float] | None = Field(
        None, description="[low, high]: sampled uniformly (Latin hypercube, Sobol or Morris).")
    distribution: DistributionSpec | None = Field(
        None, description="Sampled from this distribution (Latin hypercube through its quantile function).")
    name: str | None = Field(None, pattern=r"^[A-Za-z_][A-Za-z0-9_.]*$",
                             description="Column name in the results (default: the dotted path).")
    integer: bool = Field(False, description="Round sampled values to integers (e.g. population.customers).")


class DesignSpec(_Strict):
    method: Literal["grid", "lhs", "sobol", "morris"] | None = Field(
        None, description="grid (all factors have values), lhs (Latin hypercube over ranges/distributions, "
        "crossed with grid factors), sobol or morris (sensitivity; ranges only). Default: grid if every "
        "factor has values, else lhs.")
    samples: int | None = Field(
        None, ge=1, le=1_000_000, description="lhs: points; sobol: base sample N (a power of 2; "
        "N·(k+2) settings); morris: trajectories (N·(k+1) settings).")
    levels: int = Field(4, ge=2, le=100, description="morris: grid levels.")
    second_order: bool = Field(False, description="sobol: also second-order indices (N·(2k+2) settings).")
    outputs: list[str] = Field(default_factory=list,
                               description="sobol/morris: final metrics to analyse (default: the objectives, "
                               "else cum_profit).")


class ExperimentFile(_Strict):
    name: str = Field(..., min_length=1, pattern=r"^[A-Za-z0-9_.-]+$",
                      description="Short name (letters, digits, _ . -); the default output folder.")
    description: str = Field("", description="What question the experiment answers.")
    scenarios: list[str] | dict[str, str] = Field(
        ..., description="Base scenarios: shipped names (nurture, harvest) or .toml paths "
        "relative to the experiment file; a table {label = path} names them.")
    replications: int = Field(..., ge=1, le=100_000, description="Replications per scenario and setting.")
    root_seed: int = Field(..., ge=0, description="Root seed: replication r uses SeedSequence(root_seed, spawn_key=(r,)).")
    metrics: Literal["daily", "monthly", "final"] = Field(
        "final", description="Rows kept per run: every day, one per month (flows summed, levels at "
        "month end), or the last day only.")
    columns: list[str] = Field(default_factory=list, description="Metric columns to keep (default: all).")
    output: str | None = Field(None, description="Results folder, relative to the working directory "
                               "(default results/<name>); --out overrides.")
    batch_size: int | None = Field(None, ge=1, le=100_000,
                                   description="Runs per task sent to a worker (default: automatic).")
    set: dict[str, Any] = Field(default_factory=dict,
                                description="Fixed settings for every run: dotted path = value.")
    factors: dict[str, FactorSpec] = Field(default_factory=dict, description="What varies: dotted path = factor.")
    design: DesignSpec = Field(default_factory=DesignSpec, description="How factor settings are chosen.")
    objectives: dict[str, Literal["max", "min"]] = Field(
        default_factory=dict, description="Final metrics to rank settings by: metric = \"max\" | \"min\".")


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

    def as_dict(self) -> dict:
        return {"path": self.path, "name": self.name, "values": list(self.values) if self.values else None,
                "range": list(self.range) if self.range else None, "distribution": self.distribution,
                "integer": self.integer, "dtype": self.dtype}


@dataclass
class Experiment:
    """A validated experiment with its base scenarios loaded and every setting chosen."""

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
    settings: list[dict[str, Any]] = field(default_factory=list)  # setting index → {factor name: value}
    unit_settings: list[list[float]] | None = None  # sobol/morris: the sample matrix rows (for SALib)

    @property
    def factor_names(self) -> list[str]:
        return [f.name for f in self.factors]

    @property
    def n_runs(self) -> int:
        return len(self.scenarios) * len(self.settings) * self.replications

    def overrides(self, setting: int) -> dict[str, Any]:
        """Dotted-path overrides of one setting (on top of the resolved base scenario)."""
        values = self.settings[setting]
        return {f.path: values[f.name] for f in self.factors}

    def scenario(self, label: str, setting: int) -> Scenario:
        return Scenario.from_dict(apply_overrides(self.scenarios[label], self.overrides(setting)))

    def salib_problem(self) -> dict:
        return {"num_vars": len(self.factors), "names": self.factor_names,
                "bounds": [list(f.range) for f in self.factors]}

    def resolved(self) -> dict:
        """Everything that decides the results (the spec hash is taken over this)."""
        return {
            "name": self.name, "scenarios": self.scenarios, "factors": [f.as_dict() for f in self.factors],
            "design": {"method": self.method, "samples": self.samples, "levels": self.levels,
                       "second_order": self.second_order},
            "replications": self.replications, "root_seed": self.root_seed, "metrics": self.metrics,
            "columns": self.columns, "settings": self.settings,
        }

    @property
    def spec_hash(self) -> str:
        text = json.dumps(self.resolved(), sort_keys=True, default=str, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()[:16]


# --- loading ------------------------------------------------------------------------------------
def load_experiment(path: str | Path, *, output: str | None = None) -> Experiment:
    """Read, validate and resolve an experiment file. Raises :class:`ExperimentError` listing
    every problem (file, key path, value, allowed, did-you-mean)."""
    path = Path(path)
    label = str(path)
    if not path.exists():
        raise ExperimentError([Problem(label, "", "no such experiment file")])
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ExperimentError([Problem(label, "", f"not valid TOML: {exc}")]) from None
    except UnicodeDecodeError as exc:
        raise ExperimentError([Problem(label, "", f"not UTF-8 text: {exc}")]) from None
    return experiment_from_dict(data, file=label, base_dir=path.parent, output=output)


def experiment_from_dict(data: dict, *, file: str = "<experiment>", base_dir: Path | str = ".",
                         output: str | None = None) -> Experiment:
    problems: list[Problem] = []
    try:
        spec = ExperimentFile.model_validate(data)
    except ValidationError as exc:
        # report these, and go on checking the rest of the file so that every problem shows at once
        problems = _pydantic_problems(exc, file, data)
        bad = {e["loc"][0] for e in exc.errors() if e["loc"]}
        patched = {k: v for k, v in data.items() if k not in bad}
        for key, placeholder in (("name", "x"), ("scenarios", []), ("replications", 1), ("root_seed", 0)):
            patched.setdefault(key, placeholder)
        try:
            spec = ExperimentFile.model_validate(patched)
        except ValidationError:
            raise ExperimentError(problems) from None
    if not spec.scenarios and "scenarios" in data:
        problems.append(Problem(file, "scenarios", "give at least one base scenario", spec.scenarios,
                                "shipped names or .toml paths"))
    scenarios, sources = _load_scenarios(spec, file, Path(base_dir), problems)
    leaves_by = {name: scenario_leaves(Scenario.from_dict(d)) for name, d in scenarios.items()}
    all_leaves: dict[str, Leaf] = {}
    for leaves in leaves_by.values():
        all_leaves.update(leaves)
    if not scenarios:
        all_leaves = scenario_leaves(Scenario())
    factors = _check_factors(spec, file, all_leaves, problems)
    _check_set(spec, file, all_leaves, problems)
    method = spec.design.method or ("grid" if all(f.values is not None for f in factors) else "lhs")
    _check_design(spec, method, factors, file, problems)
    columns = list(spec.columns)
    for i, col in enumerate(columns):
        if col not in METRIC_COLUMNS:
            problems.append(Problem(file, f"columns[{i}]", "unknown metric", col,
                                    "a column of the daily table", suggest(col, METRIC_COLUMNS)))
    objectives = dict(spec.objectives)
    for metric in objectives:
        if metric not in METRIC_COLUMNS:
            problems.append(Problem(file, f"objectives.{metric}", "unknown metric", metric,
                                    "a column of the daily table", suggest(metric, METRIC_COLUMNS)))
        elif columns and metric not in columns:
            problems.append(Problem(file, f"objectives.{metric}", "objective is not among the kept columns",
                                    metric, ", ".join(columns)))
    outputs = list(spec.design.outputs) or list(objectives) or ["cum_profit"]
    for i, metric in enumerate(spec.design.outputs):
        if metric not in METRIC_COLUMNS:
            problems.append(Problem(file, f"design.outputs[{i}]", "unknown metric", metric,
                                    "a column of the daily table", suggest(metric, METRIC_COLUMNS)))
    if problems:
        raise ExperimentError(problems)

    # apply fixed settings to each base scenario
    resolved: dict[str, dict] = {}
    for name, base in scenarios.items():
        try:
            resolved[name] = Scenario.from_dict(apply_overrides(base, spec.set)).to_dict()
        except (ValidationError, OverrideError) as exc:
            problems.append(Problem(file, "set", f"invalid for scenario {name!r}: {_short(exc)}",
                                    spec.set))
    if problems:
        raise ExperimentError(problems)

    from ..experiments.design import make_settings  # local: design imports this module's types

    exp = Experiment(
        name=spec.name, file=file, description=spec.description, scenarios=resolved,
        scenario_sources=sources, factors=factors, method=method, samples=spec.design.samples,
        levels=spec.design.levels, second_order=spec.design.second_order, outputs=outputs,
        replications=spec.replications, root_seed=spec.root_seed, metrics=spec.metrics,
        columns=columns, output=output or spec.output or str(Path("results") / spec.name),
        batch_size=spec.batch_size, objectives=objectives, fixed=dict(spec.set),
    )
    exp.settings, exp.unit_settings = make_settings(exp)
    _validate_settings(exp, problems)
    if problems:
        raise ExperimentError(problems)
    return exp


def _short(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
    return str(exc)


def _loc(loc: tuple) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            part = str(part)
            key = f'"{part}"' if "." in part else part
            out += f".{key}" if out else key
    return out


_FIELDS_BY_SECTION = {
    "": ExperimentFile, "design": DesignSpec,
}


def _pydantic_problems(exc: ValidationError, file: str, data: dict) -> list[Problem]:
    problems = []
    for err in exc.errors():
        loc = tuple(p for p in err["loc"] if p not in ("list[str]", "dict[str,str]", "tagged-union"))
        # drop pydantic's union branch names for the values list
        loc = tuple(p for p in loc if not (isinstance(p, str) and p in ("bool", "int", "float", "str")))
        kind = err["type"]
        value = err.get("input")
        path = _loc(loc)
        if kind == "extra_forbidden":
            model = _model_at(loc[:-1])
            known = list(model.model_fields) if model else []
            problems.append(Problem(file, path, "unknown key", value,
                                    ", ".join(known) or None, suggest(str(loc[-1]), known)))
        elif kind == "missing":
            problems.append(Problem(file, path, "required key is missing"))
        elif kind == "literal_error":
            expected = err.get("ctx", {}).get("expected", "")
            choices = [c.strip().strip("'") for c in expected.replace(" or ", ",").split(",") if c.strip()]
            problems.append(Problem(file, path, "not one of the allowed choices", value, expected,
                                    suggest(str(value), choices) if isinstance(value, str) else None))
        else:
            problems.append(Problem(file, path, err["msg"], value))
    # one report per key path (unions produce several branch errors)
    seen, unique = set(), []
    for p in problems:
        if p.path not in seen:
            seen.add(p.path)
            unique.append(p)
    return unique


def _model_at(loc: tuple) -> type[BaseModel] | None:
    if not loc:
        return ExperimentFile
    if loc[0] == "design" and len(loc) == 1:
        return DesignSpec
    if loc[0] == "factors" and len(loc) == 2:
        return FactorSpec
    if loc[0] == "factors" and len(loc) == 3 and loc[2] == "distribution":
        return DistributionSpec
    return None


def _load_scenarios(spec: ExperimentFile, file: str, base_dir: Path,
                    problems: list[Problem]) -> tuple[dict[str, dict], dict[str, str]]:
    from . import presets
    from .scenario_files import load_scenario

    refs = spec.scenarios
    items = list(refs.items()) if isinstance(refs, dict) else [(None, r) for r in refs]
    out: dict[str, dict] = {}
    sources: dict[str, str] = {}
    shipped = presets.shipped_names()
    for i, (label, ref) in enumerate(items):
        key = f"scenarios.{label}" if label else f"scenarios[{i}]"
        is_path = ref.endswith(".toml") or "/" in ref or "\\" in ref
        target = (base_dir / ref) if is_path else presets.shipped_dir() / f"{ref}.toml"
        if not target.exists():
            what = "no such scenario file" if is_path else "no such shipped scenario"
            problems.append(Problem(file, key, what + (f" ({target})" if is_path else ""), ref,
                                    f"a .toml path relative to the experiment file, or one of: {', '.join(shipped)}",
                                    None if is_path else suggest(ref, shipped)))
            continue
        try:
            scenario = load_scenario(target)
        except Exception as exc:  # ScenarioError, ValidationError, TOML errors: report them all
            problems.append(Problem(file, key, f"scenario file {target} is invalid:\n      {exc}", ref))
            continue
        name = label or scenario.name
        if name in out:
            problems.append(Problem(file, key, f"two base scenarios are both named {name!r}", ref,
                                    "distinct names: give each a label, scenarios = {a = \"...\", b = \"...\"}"))
            continue
        out[name] = scenario.to_dict()
        sources[name] = str(target)
    return out, sources


def _check_factors(spec: ExperimentFile, file: str, leaves: dict[str, Leaf],
                   problems: list[Problem]) -> list[Factor]:
    factors, names = [], set()
    if spec.set.keys() & spec.factors.keys():
        for p in sorted(spec.set.keys() & spec.factors.keys()):
            problems.append(Problem(file, f'factors."{p}"', "is both a factor and a fixed setting in [set]", p))
    for path, f in spec.factors.items():
        key = f'factors."{path}"'
        leaf = leaves.get(path)
        if leaf is None:
            problems.append(Problem(file, key, "no such parameter in the scenario schema",
                                    allowed="a dotted path to a scenario parameter (docs/experiments.md)",
                                    suggestion=suggest(path, leaves)))
            continue
        given = [k for k in ("values", "range", "distribution") if getattr(f, k) is not None]
        if len(given) != 1:
            problems.append(Problem(file, key, "give exactly one of values, range, distribution"
                                    + (f" (it has {' and '.join(given)})" if given else "")))
            continue
        name = f.name or path
        if name in names:
            problems.append(Problem(file, f"{key}.name", "duplicate factor column name", name))
        names.add(name)
        dtype = "float64"
        if f.values is not None:
            vals = tuple(f.values)
            if leaf.kind in ("float", "int"):
                bad = [v for v in vals if isinstance(v, (bool, str)) or (leaf.kind == "int" and isinstance(v, float) and not v.is_integer())]
                if bad:
                    problems.append(Problem(file, f"{key}.values", "wrong type", bad[0], leaf.allowed()))
                    continue
                out_of = [v for v in vals if (leaf.lo is not None and v < leaf.lo) or (leaf.hi is not None and v > leaf.hi)]
                if out_of:
                    problems.append(Problem(file, f"{key}.values", "value out of bounds", out_of[0], leaf.allowed()))
                    continue
                if leaf.kind == "int" or all(isinstance(v, int) for v in vals) and f.integer:
                    vals, dtype = tuple(int(v) for v in vals), "int64"
                else:
                    vals = tuple(float(v) for v in vals)
            elif leaf.kind == "bool":
                if not all(isinstance(v, bool) for v in vals):
                    problems.append(Problem(file, f"{key}.values", "wrong type", vals, leaf.allowed()))
                    continue
                dtype = "bool"
            else:
                dtype = "string" if all(isinstance(v, str) for v in vals) else "float64"
            if len(set(vals)) != len(vals):
                problems.append(Problem(file, f"{key}.values", "values repeat", list(vals), "distinct values"))
            factors.append(Factor(path, name, values=vals, integer=f.integer, dtype=dtype))
            continue
        if leaf.kind not in ("float", "int"):
            problems.append(Problem(file, key, "range/distribution need a numeric parameter", path, leaf.allowed()))
            continue
        integer = f.integer or leaf.kind == "int"
        dtype = "int64" if integer else "float64"
        if f.range is not None:
            lo, hi = f.range
            if not (math.isfinite(lo) and math.isfinite(hi)) or lo >= hi:
                problems.append(Problem(file, f"{key}.range", "range must be [low, high] with low < high",
                                        list(f.range)))
                continue
            if (leaf.lo is not None and lo < leaf.lo) or (leaf.hi is not None and hi > leaf.hi):
                problems.append(Problem(file, f"{key}.range", "range goes outside the parameter's bounds",
                                        list(f.range), leaf.allowed()))
                continue
            factors.append(Factor(path, name, range=(float(lo), float(hi)), integer=integer, dtype=dtype))
            continue
        d = f.distribution
        need = DISTRIBUTIONS[d.kind]
        given_params = {k for k in ("low", "high", "mean", "sd", "median", "sigma", "mode") if getattr(d, k) is not None}
        missing = [k for k in need if k not in given_params]
        extra = sorted(given_params - set(need))
        if missing or extra:
            problems.append(Problem(file, f"{key}.distribution",
                                    f"{d.kind} takes {', '.join(need)}"
                                    + (f"; missing {', '.join(missing)}" if missing else "")
                                    + (f"; not used: {', '.join(extra)}" if extra else ""),
                                    d.model_dump(exclude_none=True)))
            continue
        if d.kind in ("uniform", "triangular", "truncnormal") and not d.low < d.high:
            problems.append(Problem(file, f"{key}.distribution", "low must be below high",
                                    d.model_dump(exclude_none=True)))
            continue
        if d.kind == "triangular" and not d.low <= d.mode <= d.high:
            problems.append(Problem(file, f"{key}.distribution", "mode must lie in [low, high]",
                                    d.model_dump(exclude_none=True)))
            continue
        factors.append(Factor(path, name, distribution=d.model_dump(exclude_none=True),
                              integer=integer, dtype=dtype))
    return factors


def _check_set(spec: ExperimentFile, file: str, leaves: dict[str, Leaf], problems: list[Problem]) -> None:
    for path, value in spec.set.items():
        leaf = leaves.get(path)
        if leaf is None and not _is_table_path(path, leaves):
            problems.append(Problem(file, f'set."{path}"', "no such parameter in the scenario schema", value,
                                    None, suggest(path, leaves)))
        elif leaf is not None and leaf.kind in ("float", "int") and isinstance(value, (int, float)) \
                and not isinstance(value, bool) and ((leaf.lo is not None and value < leaf.lo)
                                                     or (leaf.hi is not None and value > leaf.hi)):
            problems.append(Problem(file, f'set."{path}"', "value out of bounds", value, leaf.allowed()))


def _is_table_path(path: str, leaves: dict[str, Leaf]) -> bool:
    """``levers.coupon.schedule = {every = 7}`` sets a whole table."""
    return any(p.startswith(path + ".") for p in leaves)


def _check_design(spec: ExperimentFile, method: str, factors: list[Factor], file: str,
                  problems: list[Problem]) -> None:
    d = spec.design
    sampled = [f for f in factors if f.values is None]
    if method == "grid" and sampled:
        problems.append(Problem(file, "design.method", "grid needs values for every factor; these have "
                                "a range or distribution: " + ", ".join(f.path for f in sampled), method,
                                "lhs, sobol or morris for sampled factors"))
    if method in ("lhs", "sobol", "morris") and not d.samples:
        problems.append(Problem(file, "design.samples", f"{method} needs a sample count", None,
                                "a positive integer" + (" (a power of 2)" if method == "sobol" else "")))
    if method in ("sobol", "morris"):
        bad = [f.path for f in factors if f.range is None]
        if bad:
            problems.append(Problem(file, "factors", f"{method} needs a range for every factor; not for: "
                                    + ", ".join(bad), None, "range = [low, high]"))
        if len(factors) < 2:
            problems.append(Problem(file, "factors", f"{method} needs at least two factors", len(factors)))
        if method == "sobol" and d.samples and d.samples & (d.samples - 1):
            low = 1 << (d.samples.bit_length() - 1)
            problems.append(Problem(file, "design.samples", "Sobol sample size must be a power of 2",
                                    d.samples, f"a power of 2, e.g. {low} or {low * 2}"))
    if method == "lhs" and not sampled:
        problems.append(Problem(file, "design.method", "lhs needs at least one factor with a range or "
                                "distribution", method, "grid"))
    if not factors and method != "grid":
        problems.append(Problem(file, "factors", f"{method} needs factors", None))


def _validate_settings(exp: Experiment, problems: list[Problem]) -> None:
    """Build every (scenario, setting) once: cross-field rules are checked before any run."""
    seen: set[str] = set()
    for label in exp.scenarios:
        for s in range(len(exp.settings)):
            try:
                exp.scenario(label, s)
            except (ValidationError, OverrideError) as exc:
                msg = _short(exc)
                if msg in seen:
                    continue
                seen.add(msg)
                problems.append(Problem(exp.file, "factors", f"setting {s} of scenario {label!r} is invalid: {msg}",
                                        exp.settings[s]))
            if len(problems) >= 10:
                return


# --- reference documentation ----------------------------------------------------------------
def _type_text(info) -> str:
    text = str(info.annotation).replace("typing.", "").replace("<class '", "").replace("'>", "")
    text = text.replace("siyu_sim.config.experiment_files.", "")
    text = text.replace("Literal", "one of ").replace("NoneType", "none").replace("None", "none")
    if text.startswith("Optional[") and text.endswith("]"):
        text = text[len("Optional["):-1] + " or none"
    return text


def reference_markdown() -> str:
    """The key tables of docs/experiments.md, generated from the pydantic models (a test
    checks that the document holds exactly this text)."""
    sections = [("Top level", ExperimentFile), ("`[factors.\"dotted.path\"]`", FactorSpec),
                ("`[design]`", DesignSpec), ("`distribution = {...}` of a factor", DistributionSpec)]
    out = []
    for title, model in sections:
        out.append(f"#### {title}\n")
        out.append("| key | type | default | meaning |")
        out.append("| --- | --- | --- | --- |")
        for name, info in model.model_fields.items():
            made = info.default_factory() if info.default_factory is not None else None
            default = "required" if info.is_required() else "see below" if isinstance(made, BaseModel) else (
                "—" if info.default is None or info.default_factory is not None and not info.default_factory()
                else f"`{json.dumps(info.default if info.default_factory is None else info.default_factory(), default=str)}`")
            meaning = (info.description or "").replace("|", "\\|")
            out.append(f"| `{name}` | {_type_text(info).replace('|', 'or')} | {default} | {meaning} |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"
