"""Scenario files (TOML) → validated Scenario, and back.

A bad file never starts a run, and one try shows every problem in it: ``ScenarioError``
carries them all, each naming the file, the key path (``levers.coupon.depth``,
``population.segments[1].share``), the value given, what is allowed (type, bounds, unit:
read from the schema) and, for a misspelt key or lever type, the closest valid name.

Loading is one path: read the TOML into data, apply ``--set``/``--days``/``--customers``/
``--seed`` to the data, validate once. Only when that fails are the problems sought out: levers
one by one against their registered class so that their errors carry the lever's own path, the
rest of the scenario in one pass so that pydantic collects all of its errors at once. Values
are validated strictly: a TOML file has types, so ``true`` or ``"3"`` where a number belongs is
an error, not a guess.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any, Mapping

import tomli_w
from pydantic import BaseModel, ValidationError

from ..levers import LEVER_TYPES
from ..scenario import STRICT, Scenario, unknown_targets
from .overrides import OverrideError, apply_overrides, normalise_path
from ..words import Said
from .problems import UNSET, Problem, ScenarioError, closest
from .pydantic_errors import translate
from .schema_info import lever_kind
from .toml_files import SCENARIO_FILE, parse_toml, read_toml

__all__ = ["ScenarioError", "build_scenario", "dumps_scenario", "load_scenario", "loads_scenario",
           "scenario_problems", "validate_data"]


def load_scenario(path: str | Path, overrides: Mapping[str, Any] | None = None) -> Scenario:
    """Read, override (``{"levers.broadcast.frequency_per_day": 3}``) and validate a file."""
    return validate_data(read_toml(path, SCENARIO_FILE), str(path), overrides)


def levers_added(data: Mapping[str, Any], overrides: Mapping[str, Any]) -> list[str]:
    """The levers that ``overrides`` would add to a file's ``data`` (a ``--set`` on a lever the
    file does not have creates it with every other setting at its default), sorted."""
    levers = data.get("levers", {})
    paths = (normalise_path(p).split(".") for p in overrides)
    named = {parts[1] for parts in paths if parts[0] == "levers" and len(parts) >= 3}
    return sorted(name for name in named if not (isinstance(levers, dict) and name in levers))


def loads_scenario(text: str, source: str = "<text>",
                   overrides: Mapping[str, Any] | None = None) -> Scenario:
    return validate_data(parse_toml(text, source, SCENARIO_FILE), source, overrides)


def validate_data(data: dict[str, Any], source: str = "<data>",
                  overrides: Mapping[str, Any] | None = None) -> Scenario:
    """A Scenario from plain data with the overrides applied to the data, validated once; or a
    ScenarioError with every problem found (the passes that give each its own path run only then)."""
    problems: list[Problem] = []
    origins = dict(getattr(overrides, "origins", {}))  # where each came from (Overrides)
    overrides = dict(overrides or {})
    if overrides:
        if not all(_parent_in(data, path) for path in overrides):
            # a path through what the file leaves to its defaults (the segments): override the
            # resolved scenario, so that defaults can be set too
            try:
                data = _strict(data).to_dict()
            except ValidationError:
                pass  # the file's own problems are reported below, beside the overrides'
        for path, value in overrides.items():  # one at a time: a bad path spoils no other
            try:
                data = apply_overrides(data, {path: value})
            except OverrideError as exc:
                problems.append(Problem(exc.path or path, exc.reason,
                                        origin=origins.get(normalise_path(path), "--set")))
    error = None
    if not problems:
        try:
            return _strict(data)
        except ValidationError as exc:
            error = exc
    problems += _data_problems(data)
    if not problems and error is not None:  # cross-checks the passes do not see
        problems += translate(error, Scenario)
    set_paths = {normalise_path(p): origins.get(normalise_path(p), "--set") for p in overrides}
    raise ScenarioError(source, [_mark_override(p, set_paths) for p in problems])


def build_scenario(data: dict[str, Any], overrides: Mapping[str, Any] | None = None) -> Scenario:
    """A run's scenario from resolved data already checked (an experiment's base scenario and a
    setting's or a trial's values): overrides applied to the data, validated once."""
    return Scenario.from_dict(apply_overrides(data, overrides) if overrides else data)


def _strict(data: dict[str, Any]) -> Scenario:
    """The one validation of a scenario file's data: strict, levers too (``scenario.STRICT``)."""
    return Scenario.model_validate(data, strict=True, context=STRICT)


def _parent_in(data: Any, path: str) -> bool:
    """Whether the table or list that ``path`` sets a key of is in ``data`` itself."""
    node = data
    for part in normalise_path(path).split(".")[:-1]:
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.lstrip("-").isdigit() and -len(node) <= int(part) < len(node):
            node = node[int(part)]
        else:
            return False
    return isinstance(node, (dict, list))


def scenario_problems(data: dict[str, Any]) -> list[Problem]:
    """Everything wrong with scenario data ([] when it makes a valid Scenario)."""
    try:
        validate_data(data)
    except ScenarioError as exc:
        return [dataclasses.replace(p, source=None) for p in exc.problems]
    return []


def _data_problems(data: dict[str, Any]) -> list[Problem]:
    """The passes that give each problem its own path: the scenario without its levers, each
    lever against its registered type, then the segments the levers target."""
    levers = data.get("levers", {})
    problems = _problems(Scenario, {k: v for k, v in data.items() if k != "levers"}, ())
    if not isinstance(levers, dict):
        problems.append(Problem("levers", Said.words("err_levers_not_tables"), levers))
    else:
        for name, item in levers.items():
            problems += _lever_problems(str(name), item)
    if not problems:
        problems += _target_problems(data)
    return problems


def _mark_override(problem: Problem, set_paths: dict[str, str]) -> Problem:
    """The problem with the origin (``--set``, ``--customers``...) of the override it is about."""
    where = normalise_path(problem.where)
    if not problem.where:
        return problem
    for p, origin in set_paths.items():
        if where == p or p.startswith(where + ".") or where.startswith(p + "."):
            return Problem(**{**problem.__dict__, "origin": origin})
    return problem


def _lever_problems(name: str, item: Any) -> list[Problem]:
    where = f"levers.{name}"
    if not isinstance(item, dict):
        return [Problem(where, Said.words("err_lever_not_a_table", where=where), item)]
    kind = lever_kind(name, item)
    if not isinstance(kind, str) or kind not in LEVER_TYPES:
        given_type = "type" in item
        return [Problem(f"{where}.type" if given_type else where,
                        Said.words("err_unknown_lever" if given_type else "err_unknown_lever_named"),
                        kind if given_type else UNSET,
                        allowed=Said.words("err_one_of", choices=", ".join(sorted(LEVER_TYPES))),
                        suggestion=closest(kind, LEVER_TYPES))]
    cls = LEVER_TYPES[kind]
    return _problems(cls, {k: v for k, v in item.items() if k != "type"}, ("levers", name))


def _target_problems(data: dict[str, Any]) -> list[Problem]:
    """Levers that target a segment the population does not have."""
    population = Scenario.model_validate({"population": data.get("population", {})}, strict=True).population
    known = [s.name for s in population.segments]
    return [Problem(f"levers.{name}.segments[{i}]", Said.words("err_no_segment"), seg,
                    allowed=Said.words("err_one_of", choices=", ".join(known)), suggestion=closest(seg, known))
            for name, i, seg in unknown_targets(population.segments, data.get("levers", {}))]


def _problems(model: type[BaseModel], data: dict[str, Any], prefix: tuple) -> list[Problem]:
    try:
        model.model_validate(data, strict=True)
    except ValidationError as exc:
        return translate(exc, model, prefix, whole=Scenario)
    return []


# --- writing ------------------------------------------------------------------------------

def dumps_scenario(scenario: Scenario, header: str | None = None) -> str:
    """The scenario as TOML text (every value resolved), optionally under a comment header."""
    text = tomli_w.dumps(scenario.to_dict())
    if header:
        text = "".join(f"# {ln}".rstrip() + "\n" for ln in header.splitlines()) + "\n" + text
    return text
