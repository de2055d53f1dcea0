"""Experiment files (TOML) → a validated, resolved :class:`Experiment`, its settings not yet
chosen.

An experiment names one or more base scenarios, fixed settings applied to all of them,
factors (dotted scenario paths) with grid ``values``, a ``range`` or a ``distribution``,
a design (grid, Latin hypercube, Sobol, Morris), replications, a root seed, which metrics
to keep and where to write (the keys: ``experiment_schema``). Every problem in a file is
reported at once (file, key path, value, allowed, did-you-mean). The design's settings are
chosen by ``experiments.design`` (``load_experiment``: read here, choose there, then
``check_settings`` here validates every setting of every factor against the scenario schema
before any run starts). The format is documented in docs/experiments.md.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from pydantic import ValidationError

from ..assumptions import DEFAULTS, DRAWS_KEY, check
from ..scenario import Scenario
from . import presets
from .experiment import Experiment, Factor
from .experiment_checks import (check_design, check_expressions, check_factors, check_metrics, check_output,
                                check_robustness, check_set)
from .experiment_schema import DEFAULT_MARKETS, ExperimentFile
from .overrides import OverrideError, apply_overrides
from .problems import ExperimentError, Problem, ScenarioError
from .pydantic_errors import translate
from .scenario_files import load_scenario, scenario_problems
from .schema_info import leaves
from .toml_files import EXPERIMENT_FILE, read_toml
from ..words import Said

#: The scenario key --rows sets: the rows each run simulates (precision, not the brand's size).
ROWS_KEY = "population.rows"

__all__ = ["Experiment", "ExperimentError", "Factor", "check_settings", "read_experiment", "validate_experiment"]


def read_experiment(path: str | Path, *, output: str | None = None, rows: int | None = None) -> Experiment:
    """Read, validate and resolve an experiment file, its settings not yet chosen; ``rows`` (--rows)
    sets population.rows in its [set] (the results folder then holds another experiment). Raises
    :class:`ExperimentError` listing every problem (file, key path, value, allowed, did-you-mean)."""
    path = Path(path)
    data = with_rows(read_toml(path, EXPERIMENT_FILE), rows, path)
    return validate_experiment(data, file=str(path), base_dir=path.parent, output=output)


def with_rows(data: dict, rows: int | None, path: Path) -> dict:
    """An experiment's (or a search's) data with --rows in its [set] (``rows`` None: as it is);
    ExperimentError when the rows are one of its factors."""
    if rows is None:
        return data
    factors = data.get("factors")
    if isinstance(factors, dict) and ROWS_KEY in factors:
        raise ExperimentError(str(path), [Problem(f'factors."{ROWS_KEY}"', "is a factor of this experiment: "
                                                  "--rows cannot fix it", origin="--rows")])
    if isinstance(data.get("set", {}), dict):  # a malformed [set] is reported as it is
        data = {**data, "set": {**data.get("set", {}), ROWS_KEY: rows}}
    return data


#: The table that makes an experiment file a search for the best plan (``optimise_files``);
#: both words mean the same.
SEARCH_TABLES = ("optimise", "search")


def validate_experiment(data: dict, *, file: str = "<experiment>", base_dir: Path | str = ".",
                        output: str | None = None) -> Experiment:
    """``read_experiment`` on an experiment's data (``file`` names it in errors; relative
    scenario paths are read from ``base_dir``). A search file (``SEARCH_TABLES``) is refused
    whole: its design is the search's, not a sweep's (``siyu optimise`` reads it)."""
    searched = [table for table in SEARCH_TABLES if table in data]
    if searched:
        raise ExperimentError(file, [Problem(searched[0], Said.words("err_a_search", table=searched[0]),
                                             allowed=f"siyu optimise {file}")])
    problems: list[Problem] = []
    spec = _validate_keys(data, file, problems)
    if isinstance(data.get("scenarios"), (list, dict)) and not data["scenarios"]:
        problems.append(Problem("scenarios", "give at least one base scenario", spec.scenarios,
                                "shipped names or .toml paths"))
    scenarios, sources = _load_scenarios(spec, Path(base_dir), problems)
    settable = {}
    for base in scenarios.values() or [Scenario().to_dict()]:
        settable.update(leaves(Scenario, base))
    factors = check_factors(spec, settable, problems)
    assumptions = list(spec.uncertain) or (list(DEFAULTS) if spec.uncertain_defaults else [])
    factors += _assumption_factors(assumptions, {f.name for f in factors}, problems)
    for name, base in scenarios.items():
        problems += [Problem("uncertain", f"scenario {name!r}: {why}") for why in check(assumptions, base)]
    check_set(spec, settable, problems)
    method = spec.design.method or ("grid" if all(f.values is not None for f in factors if f.lever) else "lhs")
    check_design(spec, method, factors, problems)
    check_expressions(spec, factors, method, problems)
    if spec.robustness is not None:
        check_robustness(spec, problems)
    check_metrics(spec, problems)
    check_output(spec, problems)
    if problems:
        raise ExperimentError(file, problems)
    resolved = {name: _with_set(name, base, spec.set, problems) for name, base in scenarios.items()}
    for base in resolved.values():  # every run draws its scenario's own list: the experiment's
        base.pop("uncertain", None)
        if assumptions:
            base["uncertain"] = [u.model_dump(exclude_none=True) for u in assumptions]
    return Experiment(
        name=spec.name, file=file, description=spec.description, scenarios=resolved,
        scenario_sources=sources, factors=factors, method=method, samples=spec.design.samples,
        levels=spec.design.levels, second_order=spec.design.second_order,
        outputs=list(spec.design.outputs) or list(spec.objectives) or ["cum_profit"],
        replications=spec.replications, root_seed=spec.root_seed, metrics=spec.metrics,
        columns=list(spec.columns), output=output or spec.output or str(Path("results") / spec.name),
        batch_size=spec.batch_size, objectives=dict(spec.objectives), fixed=dict(spec.set),
        markets=(spec.design.markets or DEFAULT_MARKETS) if assumptions and method in ("grid", "lhs") else 0,
        constraints=list(spec.constraints),
        robustness=spec.robustness.model_dump() if spec.robustness is not None else None,
    )


def _assumption_factors(assumptions: list, taken: set[str], problems: list[Problem]) -> list[Factor]:
    """One factor per uncertain assumption: its value is the draw's point in [0, 1], which the run
    turns into the assumption's value through its distribution (``assumptions.apply``); its
    results column is named by the assumption's key (``*`` written ``all``)."""
    out = []
    for i, u in enumerate(assumptions):
        name = u.key.replace("*", "all")
        if name in taken:
            problems.append(Problem(f"uncertain[{i}]", "is also a factor of this experiment", name))
            continue
        taken.add(name)
        out.append(Factor(f"{DRAWS_KEY}[{i}]", name, range=(0.0, 1.0), assumption=True))
    return out


def _validate_keys(data: dict, file: str, problems: list[Problem]) -> ExperimentFile:
    """The file's keys, each checked on its own. Keys in error are reported and left out, so
    that the checks after this one still see the rest of the file."""
    try:
        return ExperimentFile.model_validate(data)
    except ValidationError as exc:
        problems += translate(exc, ExperimentFile)
        bad = {e["loc"][0] for e in exc.errors() if e["loc"]}
    patched = {k: v for k, v in data.items() if k not in bad}
    for key, placeholder in (("name", "x"), ("scenarios", []), ("replications", 1), ("root_seed", 0)):
        patched.setdefault(key, placeholder)
    try:
        return ExperimentFile.model_validate(patched)
    except ValidationError:
        raise ExperimentError(file, problems) from None


def _load_scenarios(spec: ExperimentFile, base_dir: Path,
                    problems: list[Problem]) -> tuple[dict[str, dict], dict[str, str]]:
    """Each base scenario (label → resolved data) and the file it came from."""
    refs = spec.scenarios
    items = list(refs.items()) if isinstance(refs, dict) else [(None, r) for r in refs]
    out: dict[str, dict] = {}
    sources: dict[str, str] = {}
    for i, (label, ref) in enumerate(items):
        key = f"scenarios.{label}" if label else f"scenarios[{i}]"
        try:
            target = presets.resolve(ref, base_dir, relative_to="the experiment file")
        except ScenarioError as exc:  # not found: say so at this key, with its did-you-mean
            problems += [dataclasses.replace(p, where=key, value=ref, source=None) for p in exc.problems]
            continue
        try:
            scenario = load_scenario(target)
        except ScenarioError as exc:
            problems.append(Problem(key, f"scenario file {target} is invalid:\n      {exc}", ref))
            continue
        name = label or scenario.name
        if name in out:
            problems.append(Problem(key, f"two base scenarios are both named {name!r}", ref,
                                    "distinct names: give each a label, scenarios = {a = \"...\", b = \"...\"}"))
            continue
        out[name] = scenario.to_dict()
        sources[name] = str(target)
    return out, sources


def _with_set(name: str, base: dict, fixed: dict, problems: list[Problem]) -> dict:
    """A base scenario with the fixed settings of [set] applied (and validated)."""
    built, wrong = _build(base, fixed)
    if wrong:
        problems.append(Problem("set", f"invalid for scenario {name!r}: {wrong}", fixed))
    return built or base


def check_settings(exp: Experiment) -> None:
    """Build every (scenario, setting) once: cross-field rules are checked before any run.
    Raises :class:`ExperimentError` naming each invalid setting."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for label in exp.scenarios:
        for s in range(len(exp.settings)):
            _, wrong = _build(exp.scenarios[label], exp.overrides(s))
            if wrong is None or wrong in seen:
                continue
            seen.add(wrong)
            problems.append(Problem("factors", f"setting {s} of scenario {label!r} is invalid: {wrong}",
                                    exp.settings[s]))
    if problems:
        raise ExperimentError(exp.file, problems)


def _build(base: dict, overrides: dict) -> tuple[dict | None, str | None]:
    """``base`` with ``overrides`` validated as a run will validate it (``Scenario.from_dict``);
    when it fails, what is wrong in one line, in the words of scenario files."""
    try:
        data = apply_overrides(base, overrides)
    except OverrideError as exc:
        return None, str(exc)
    try:
        return Scenario.from_dict(data).to_dict(), None
    except ValidationError as exc:
        return None, _inline(scenario_problems(data)) or str(exc)


def _inline(found: list[Problem]) -> str:
    """Problems of a scenario inside one line of an experiment's problem."""
    return "; ".join(p.render() for p in found)
