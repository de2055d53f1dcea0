"""Calibration files (TOML) → a validated :class:`CalibrationSpec` (``siyu calibrate``).

A calibration file names the base scenario, the parameters to fit (dotted scenario paths,
the ones experiments and ``--set`` use, each with a ``[low, high]`` range inside the
parameter's declared bounds), the observed metrics to match with their weights and a loss,
the periods held out, the budget (trials), replications per trial (common random numbers:
every trial runs the same seeds), the brand's customers and the rows simulated for them, and the period
kind. Every problem in the file is reported at once, in the words and format of scenario and
experiment files (file, key path, value, allowed, did-you-mean); nothing runs before it
passes. What depends on the observed data (its columns and periods) is checked with it, in
``calibration.spec``. The format is documented in docs/calibration.md.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..calendar import MAX_DAYS, Calendar
from ..keys import normalise_path
from ..params import MAX_CUSTOMERS, MAX_ROWS
from ..rng import MAX_SEED
from ..scenario import Scenario
from . import presets
from .observed_columns import FITTABLE
from .overrides import OverrideError, apply_overrides
from .problems import ConfigError, Problem, ScenarioError, closest
from .pydantic_errors import translate
from .scenario_files import load_scenario, scenario_problems
from .schema_info import leaves
from .toml_files import FileKind, read_toml

MAX_WEIGHT = 1e6  # a metric's weight in the loss
#: A fitted metric whose simulated median misses the observed values by more than this share
#: (sum of |simulated − observed| over sum of |observed|, over the fit periods) gets a warning, and
#: no parameter of the fit is called pinned down (``calibration.quality``). The file's ``margin``.
DEFAULT_MARGIN = 0.10
#: Keys of the calibration file that ``siyu calibrate`` options may override: key → option.
OPTIONS = {"trials": "--trials", "replications": "--replications", "rows": "--rows"}


class CalibrationError(ConfigError):
    """A calibration file, or the observed data it is fitted to, that cannot be run."""

    consequence = "err_nothing_run"


CALIBRATION_FILE = FileKind("calibration", CalibrationError, "check the path",
                            "a calibration needs at least a name, a scenario and [parameters] "
                            "(see docs/calibration.md)")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PeriodsSpec(_Strict):
    held_out: list[int] = Field(default_factory=list, description="Periods (1-based) kept back to "
                                "check the forecast: not used by the loss.")
    fit: list[int] | None = Field(None, description="Periods the loss uses (default: every observed "
                                  "period not held out).")


class CalibrationFile(_Strict):
    #: Keys that were settings once, and the words saying what to write instead (config.pydantic_errors).
    RETIRED_KEYS: ClassVar[dict[str, tuple[str, dict]]] = {"weight": ("err_retired_weight", {"table": ""})}

    name: str = Field(..., min_length=1, pattern=r"^[A-Za-z0-9_.-]+$",
                      description="Short name (letters, digits, _ . -).")
    description: str = Field("", description="What is being fitted, and why.")
    scenario: str = Field(..., min_length=1, description="Base scenario: a shipped name or a .toml path "
                          "relative to this file.")
    period: Literal["month", "week"] = Field("month", description="What a row of the observed CSV "
                                             "covers: a calendar month or a week from day 0.")
    customers: int | None = Field(None, ge=10, le=MAX_CUSTOMERS, description="The brand's real customers on "
                                  "day 0, whom the observed counts count (default: the scenario's "
                                  "population.customers).")
    rows: int | None = Field(None, ge=10, le=MAX_ROWS, description="Rows simulated for them: precision, not size "
                             "(default: the scenario's population.rows): 200,000 customers on 5,000 rows.")
    days: int | None = Field(None, ge=7, le=MAX_DAYS, description="Horizon in days (default: the scenario's).")
    parameters: dict[str, Annotated[list[float], Field(min_length=2, max_length=2)]] = Field(
        ..., min_length=1, description="What to fit: dotted scenario path = [low, high].")
    metrics: dict[str, float] = Field(default_factory=dict, description="Observed column = weight "
                                      "(default: every observed column with data, weight 1).")
    loss: Literal["relative_squared", "squared"] = Field(
        "relative_squared", description="relative_squared: each metric's error over its mean observed "
        "size, squared (metrics of different scales compare); squared: raw squared errors.")
    periods: PeriodsSpec = Field(default_factory=PeriodsSpec, description="Which periods fit, which are held out.")
    trials: int = Field(100, ge=2, le=100_000, description="Parameter sets tried (the budget).")
    replications: int = Field(2, ge=1, le=1000, description="Runs per trial, under the same seeds for every trial.")
    check_replications: int = Field(20, ge=4, le=10_000, description="Runs of the best parameters "
                                    "afterwards: the bands and the loss's replication noise.")
    seed: int = Field(1, ge=0, le=MAX_SEED, description="Root seed (64-bit) of the runs (replication r: SeedSequence(seed, "
                      "spawn_key=(r,))) and of the search.")
    batch: int | None = Field(None, ge=1, le=1000, description="Trials asked for at once and run in "
                              "parallel (default: twice the workers).")
    margin: float = Field(DEFAULT_MARGIN, gt=0, le=10, description="A fitted metric the fit misses by more "
                          "than this share of what was observed (over the fit periods) is warned of, and then "
                          "no parameter is called pinned down by the data.")


@dataclass
class Parameter:
    path: str
    low: float
    high: float
    integer: bool = False


@dataclass
class CalibrationSpec:
    """A calibration file, validated and resolved: the base scenario's full data with the
    file's customers, rows and days written in."""

    name: str
    file: str
    description: str
    scenario: dict  # resolved scenario data
    scenario_source: str
    period: str
    parameters: list[Parameter]
    metrics: dict[str, float]
    loss: str
    held_out: list[int]
    fit: list[int] | None
    trials: int
    replications: int
    check_replications: int
    seed: int
    batch: int | None
    content: dict[str, Any]  # the file as written (with the command line's options written in)
    margin: float = DEFAULT_MARGIN

    @property
    def n_periods(self) -> int:
        return Calendar(int(self.scenario["days"])).n_periods(self.period)

    def scenario_with(self, values: dict[str, float]) -> dict:
        return apply_overrides(self.scenario, values)


def load_calibration(path: str | Path, *, rows: int | None = None, trials: int | None = None,
                     replications: int | None = None) -> CalibrationSpec:
    """Read and validate a calibration file; ``rows``, ``trials`` and ``replications`` (the options
    ``--rows``, ``--trials``, ``--replications``) override its keys. CalibrationError lists every
    problem, one of an option's value naming the option."""
    path = Path(path)
    data = read_toml(path, CALIBRATION_FILE)
    given = {k: v for k, v in (("rows", rows), ("trials", trials), ("replications", replications)) if v is not None}
    return calibration_from_dict({**data, **given}, file=str(path), base_dir=path.parent, options=set(given))


def option_bounds(key: str) -> tuple[int, int]:
    """(lowest, highest) value the calibration file's ``key`` allows: the option that overrides it
    allows the same (``OPTIONS``)."""
    info = CalibrationFile.model_fields[key]
    found = {type(m).__name__: m for m in info.metadata}
    return int(found["Ge"].ge), int(found["Le"].le)


def calibration_from_dict(data: dict, *, file: str = "<calibration>", base_dir: Path | str = ".",
                          options: set[str] = frozenset()) -> CalibrationSpec:
    """``options``: the keys whose values came from the command line (``OPTIONS``): a problem
    with one of them says so."""
    data, problems = _normalised_parameters(data)
    if problems:
        raise CalibrationError(file, problems)
    try:
        spec = CalibrationFile.model_validate(data, strict=True)
    except ValidationError as exc:
        raise CalibrationError(file, _from_options(translate(exc, CalibrationFile), options)) from None
    base = _base_scenario(spec, Path(base_dir), problems)
    params = _parameters(spec, base, problems) if base is not None else []
    for metric in spec.metrics:
        if metric not in FITTABLE:
            problems.append(Problem(f"metrics.{metric}", "not a column of the observed data, nor a ratio of two",
                                    metric, "one of " + ", ".join(FITTABLE), closest(metric, FITTABLE)))
        elif not (math.isfinite(spec.metrics[metric]) and 0 < spec.metrics[metric] <= MAX_WEIGHT):
            problems.append(Problem(f"metrics.{metric}", "weight must be a positive number, at most a million "
                                    "times another's (beyond, the other metrics count for nothing)",
                                    spec.metrics[metric], f"a number above 0, at most {MAX_WEIGHT:,.0f}"))
    if base is not None:
        _periods(spec, Calendar(int(base["days"])).n_periods(spec.period), problems)
        if not problems:
            _check_ends(spec, base, params, problems)
    if problems:
        raise CalibrationError(file, _from_options(problems, options))
    return CalibrationSpec(
        name=spec.name, file=file, description=spec.description, scenario=base,
        scenario_source=str(presets.resolve(spec.scenario, base_dir, relative_to="the calibration file")),
        period=spec.period, parameters=params, metrics=dict(spec.metrics), loss=spec.loss,
        held_out=sorted(set(spec.periods.held_out)), fit=sorted(set(spec.periods.fit)) if spec.periods.fit else None,
        trials=spec.trials, replications=spec.replications, check_replications=spec.check_replications,
        seed=spec.seed, batch=spec.batch, content=dict(data), margin=spec.margin)


def _normalised_parameters(data: dict) -> tuple[dict, list[Problem]]:
    """The file with its parameter paths in the one dotted form (``keys.normalise_path``):
    ``population.segments[1].share`` (as ``--set`` and docs/scenarios.md write it) and
    ``population.segments.1.share`` are one key, so a parameter written both ways is a problem."""
    params = data.get("parameters")
    if not isinstance(params, dict):
        return data, []
    out: dict[str, Any] = {}
    written: dict[str, str] = {}
    problems = []
    for key, value in params.items():
        path = normalise_path(str(key))
        if path in out:
            problems.append(Problem(f'parameters."{key}"', f"is the parameter {written[path]!r} again, written "
                                    "another way", allowed="each parameter once (segments[1] and segments.1 "
                                    "are one key)"))
            continue
        out[path], written[path] = value, str(key)
    return {**data, "parameters": out}, problems


def _from_options(problems: list[Problem], options: set[str]) -> list[Problem]:
    """Problems whose key came from a command-line option, saying so (``rows = 5 (from --rows)``)."""
    return [dataclasses.replace(p, origin=OPTIONS[p.where]) if p.where in options else p for p in problems]


def _base_scenario(spec: CalibrationFile, base_dir: Path, problems: list[Problem]) -> dict | None:
    try:
        target = presets.resolve(spec.scenario, base_dir, relative_to="the calibration file")
    except ScenarioError as exc:
        problems += [dataclasses.replace(p, where="scenario", value=spec.scenario, source=None)
                     for p in exc.problems]
        return None
    try:
        data = load_scenario(target).to_dict()
    except ScenarioError as exc:
        problems.append(Problem("scenario", f"scenario file {target} is invalid:\n      {exc}", spec.scenario))
        return None
    own = {"population.customers": spec.customers, "population.rows": spec.rows, "days": spec.days}
    own = {k: v for k, v in own.items() if v is not None}
    if own:
        data = apply_overrides(data, own)
        wrong = scenario_problems(data)
        if wrong:
            problems += [dataclasses.replace(p, where=_own_key(p.where)) for p in wrong]
            return None
        data = Scenario.from_dict(data).to_dict()
    return data


def _own_key(where: str) -> str:
    return {"population.customers": "customers", "population.rows": "rows"}.get(where, where)


def _parameters(spec: CalibrationFile, base: dict, problems: list[Problem]) -> list[Parameter]:
    settable = leaves(Scenario, base)
    out = []
    for path, (lo, hi) in spec.parameters.items():
        key = f'parameters."{path}"'
        leaf = settable.get(path)
        if leaf is None:
            problems.append(Problem(key, "no such parameter in the scenario schema",
                                    allowed="a dotted path to a numeric scenario parameter (docs/scenarios.md)",
                                    suggestion=closest(path, settable)))
            continue
        if leaf.kind not in ("float", "int"):
            problems.append(Problem(key, "only numeric parameters can be fitted", path, leaf.allowed()))
            continue
        if not (math.isfinite(lo) and math.isfinite(hi)) or lo >= hi:
            problems.append(Problem(key, "range must be [low, high] with low < high", [lo, hi]))
            continue
        if leaf.outside(lo) or leaf.outside(hi):
            problems.append(Problem(key, "range goes outside the parameter's bounds", [lo, hi], leaf.allowed()))
            continue
        out.append(Parameter(path, float(lo), float(hi), integer=leaf.kind == "int"))
    return out


def _periods(spec: CalibrationFile, total: int, problems: list[Problem]) -> None:
    allowed = f"periods 1 to {total} ({spec.period}s in the scenario's horizon)"
    for key, values in (("periods.held_out", spec.periods.held_out), ("periods.fit", spec.periods.fit or [])):
        bad = [p for p in values if not 1 <= p <= total]
        if bad:
            problems.append(Problem(key, "period outside the horizon", bad[0], allowed))
    if spec.periods.fit and set(spec.periods.fit) & set(spec.periods.held_out):
        problems.append(Problem("periods.fit", "a period cannot both fit and be held out",
                                sorted(set(spec.periods.fit) & set(spec.periods.held_out))))
    if len(set(spec.periods.held_out)) >= total:
        problems.append(Problem("periods.held_out", "holds out every period: nothing is left to fit",
                                spec.periods.held_out, f"at most {total - 1} of the {total} periods"))


def _check_ends(spec: CalibrationFile, base: dict, params: list[Parameter], problems: list[Problem]) -> None:
    """The scenario builds with every parameter at its low end, and at its high end."""
    for end in ("low", "high"):
        values = {p.path: (int(getattr(p, end)) if p.integer else getattr(p, end)) for p in params}
        try:
            wrong = scenario_problems(apply_overrides(base, values))
        except OverrideError as exc:
            wrong = [Problem(exc.path or "", exc.reason)]
        if wrong:
            problems.append(Problem("parameters", f"the scenario is invalid with every parameter at its {end} "
                                    f"end: " + "; ".join(p.render() for p in wrong)))
