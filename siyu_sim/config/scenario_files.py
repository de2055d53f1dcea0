"""Scenario files (TOML) → validated Scenario, and back.

A bad file never starts a run, and one try shows every problem in it: ``ScenarioError``
carries them all, each naming the file, the key path (``levers.coupon.depth``,
``population.segments[1].share``), the value given, what is allowed (type, bounds, unit:
read from the schema) and, for a misspelt key or lever type, the closest valid name.

Levers are validated one by one against their registered class so that their errors carry
the lever's own path; the rest of the scenario is validated in one pass so that pydantic
collects all of its errors at once. Values are validated strictly: a TOML file has types,
so ``true`` or ``"3"`` where a number belongs is an error, not a guess.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

import tomli_w
from pydantic import BaseModel, ValidationError

from ..levers import LEVER_TYPES
from .overrides import OverrideError, apply_overrides, normalise_path
from ..scenario import Scenario
from .schema_info import allowed_words, field_names, locate

_UNSET = object()
_RANGE_ERRORS = {"greater_than", "greater_than_equal", "less_than", "less_than_equal"}
_LENGTH_ERRORS = {"too_short", "too_long", "string_too_short", "string_too_long"}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a scenario, with what a person needs to fix it."""

    where: str  # key path, e.g. "levers.coupon.depth"; "" for the file as a whole
    message: str
    value: Any = _UNSET
    allowed: str | None = None
    suggestion: str | None = None
    origin: str | None = None  # "--set" when the value came from the command line
    line: int | None = None
    column: int | None = None

    def render(self, source: str) -> str:
        head = source
        if self.line is not None:
            head += f":{self.line}" + (f":{self.column}" if self.column is not None else "")
        parts = [head]
        if self.where:
            key = self.where if not _worth_showing(self.value) \
                else f"{self.where} = {show_value(self.value)}"
            parts.append(key + (f" (from {self.origin})" if self.origin else ""))
        text = ": ".join(parts) + ": " + self.message
        if self.allowed:
            text += f"; allowed: {self.allowed}"
        if self.suggestion:
            text += f"; did you mean `{self.suggestion}`?"
        return text


def _worth_showing(value: Any) -> bool:
    """Show scalars and short lists beside their key; a whole table would drown the message."""
    if value is _UNSET or isinstance(value, dict):
        return False
    return not isinstance(value, list) or len(show_value(value)) <= 60


class ScenarioError(ValueError):
    """Every problem found in one scenario file (or data), reported together."""

    def __init__(self, source: str, problems: list[Problem]):
        self.source = source
        self.problems = list(problems)
        super().__init__(str(self))

    def __str__(self) -> str:
        n = len(self.problems)
        head = f"{self.source}: {n} problem{'s' if n != 1 else ''}, the scenario was not run:"
        return "\n".join([head, *("  " + p.render(self.source) for p in self.problems)])


def show_value(value: Any) -> str:
    """A value as it would be written in TOML, cut short if long."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, str):
        text = '"' + value.replace('"', '\\"') + '"'
    elif isinstance(value, dict):
        text = "a table"
    else:
        text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def closest(name: str, choices) -> str | None:
    found = difflib.get_close_matches(str(name), list(choices), n=1, cutoff=0.6)
    return found[0] if found else None


# --- reading files ------------------------------------------------------------------------

def read_toml(path: str | Path) -> dict[str, Any]:
    """The TOML table in ``path``, or a ScenarioError saying plainly why there is none."""
    path = Path(path)
    source = str(path)
    if not path.exists():
        raise ScenarioError(source, [Problem("", "file not found (check the path; "
                                                 "`siyu scenarios` lists the shipped ones)")])
    if path.is_dir():
        raise ScenarioError(source, [Problem("", "is a directory, not a scenario file")])
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ScenarioError(source, [Problem("", f"cannot be read: {exc.strerror or exc}")]) from None
    return parse_toml(raw, source)


def parse_toml(raw: bytes | str, source: str = "<text>") -> dict[str, Any]:
    if isinstance(raw, bytes):
        if b"\x00" in raw:
            raise ScenarioError(source, [Problem("", "is not a text file (it contains binary "
                                                     "data); a scenario is a TOML text file")])
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ScenarioError(source, [Problem("", f"is not UTF-8 text (bad byte at offset "
                                                     f"{exc.start}); save it as UTF-8 TOML")]) from None
    else:
        text = raw
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#")
                                for ln in text.splitlines()):
        raise ScenarioError(source, [Problem("", "is empty: a scenario needs at least a name "
                                                 "and some [levers.*] tables (see docs/scenarios.md)")])
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError(source, [_syntax_problem(str(exc), text)]) from None


def _syntax_problem(message: str, text: str) -> Problem:
    found = re.search(r"\(at line (\d+), column (\d+)\)", message)
    reason = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", message)
    if not found:
        return Problem("", f"TOML syntax error at the end of the file: {reason}")
    line, column = int(found.group(1)), int(found.group(2))
    lines = text.splitlines()
    shown = lines[line - 1] if 0 < line <= len(lines) else ""
    caret = f"\n      {shown}\n      {' ' * (column - 1)}^" if shown else ""
    return Problem("", f"TOML syntax error at line {line}, column {column}: {reason}{caret}",
                   line=line, column=column)


# --- validating data ----------------------------------------------------------------------

def load_scenario(path: str | Path, overrides: Mapping[str, Any] | None = None) -> Scenario:
    """Read, override (``{"levers.broadcast.frequency_per_day": 3}``) and validate a file."""
    return validate_data(read_toml(path), str(path), overrides)


def loads_scenario(text: str, source: str = "<text>",
                   overrides: Mapping[str, Any] | None = None) -> Scenario:
    return validate_data(parse_toml(text, source), source, overrides)


def validate_data(data: dict[str, Any], source: str = "<data>",
                  overrides: Mapping[str, Any] | None = None) -> Scenario:
    """A Scenario from plain data, or a ScenarioError with every problem found."""
    problems: list[Problem] = []
    overrides = dict(overrides or {})
    if overrides:
        try:  # override the resolved scenario, so defaults (e.g. the segments) can be set too
            data = validate_data(data, source).to_dict()
        except ScenarioError:
            pass  # the file's own problems are reported below, beside the overrides'
        for path, value in overrides.items():  # one at a time: a bad path spoils no other
            try:
                data = apply_overrides(data, {path: value})
            except OverrideError as exc:
                problems.append(Problem(exc.path or path, exc.reason, origin="--set"))
    levers = data.get("levers", {})
    rest = {k: v for k, v in data.items() if k != "levers"}
    problems += _problems(Scenario, rest, ())
    if not isinstance(levers, dict):
        problems.append(Problem("levers", "must be a set of tables, one per lever "
                                          "([levers.broadcast], [levers.coupon], ...)", levers))
    else:
        for name, item in levers.items():
            problems += _lever_problems(str(name), item)
    if not problems:
        problems += _target_problems(data)
    if not problems:
        try:
            return Scenario.model_validate(data, strict=True)
        except ValidationError as exc:  # cross-checks the passes above do not see
            problems += _translate(exc, Scenario, ())
    set_paths = {normalise_path(p) for p in overrides}
    problems = [_mark_override(p, set_paths) for p in problems]
    raise ScenarioError(source, problems)


def _mark_override(problem: Problem, set_paths: set[str]) -> Problem:
    where = normalise_path(problem.where)
    if problem.where and any(where == p or p.startswith(where + ".") or where.startswith(p + ".")
                             for p in set_paths):
        return Problem(**{**problem.__dict__, "origin": "--set"})
    return problem


def _lever_problems(name: str, item: Any) -> list[Problem]:
    where = f"levers.{name}"
    if not isinstance(item, dict):
        return [Problem(where, f"must be a table of the lever's settings ([{where}])", item)]
    kind = item.get("type") or name
    if not isinstance(kind, str) or kind not in LEVER_TYPES:
        given_type = "type" in item
        hint = "" if given_type else f" (a lever's type is its table name unless it sets type = \"...\")"
        return [Problem(f"{where}.type" if given_type else where, f"unknown lever type{hint}",
                        kind if given_type else _UNSET,
                        allowed="one of " + ", ".join(sorted(LEVER_TYPES)),
                        suggestion=closest(kind, LEVER_TYPES))]
    cls = LEVER_TYPES[kind]
    return _problems(cls, {k: v for k, v in item.items() if k != "type"}, ("levers", name))


def _target_problems(data: dict[str, Any]) -> list[Problem]:
    """Levers that target a segment the population does not have."""
    population = Scenario.model_validate({"population": data.get("population", {})}, strict=True).population
    known = [s.name for s in population.segments]
    out = []
    for name, item in data.get("levers", {}).items():
        for i, seg in enumerate(item.get("segments") or []):
            if seg not in known:
                out.append(Problem(f"levers.{name}.segments[{i}]", "no such segment", seg,
                                   allowed="one of " + ", ".join(known),
                                   suggestion=closest(seg, known)))
    return out


def _problems(model: type[BaseModel], data: dict[str, Any], prefix: tuple) -> list[Problem]:
    try:
        model.model_validate(data, strict=True)
    except ValidationError as exc:
        return _translate(exc, model, prefix)
    return []


def _translate(exc: ValidationError, root: type[BaseModel], prefix: tuple) -> list[Problem]:
    return [_problem(err, root, prefix) for err in exc.errors(include_url=False)]


def _where(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _problem(err: dict, root: type[BaseModel], prefix: tuple) -> Problem:
    loc = tuple(err["loc"])
    kind = err["type"]
    where = _where(prefix + loc)
    value = err.get("input", _UNSET)
    if kind == "extra_forbidden":
        parent = locate(root, loc[:-1])
        names = field_names(parent.annotation) if parent and isinstance(parent.annotation, type) \
            and issubclass(parent.annotation, BaseModel) else []
        return Problem(where, "unknown key", value,
                       allowed="keys here: " + ", ".join(names) if names else None,
                       suggestion=closest(loc[-1], names) or _elsewhere(str(loc[-1])))
    located = locate(root, loc)
    allowed = allowed_words(located) if located else None
    if kind == "missing":
        return Problem(where, "required key is missing", allowed=allowed)
    if kind in _RANGE_ERRORS:
        return Problem(where, "out of range", value, allowed=allowed)
    if kind == "string_pattern_mismatch":
        return Problem(where, "not a valid name here", value, allowed=allowed)
    if kind in _LENGTH_ERRORS:
        return Problem(where, err["msg"].replace("Value should", "should").lower(), value, allowed=allowed)
    if kind.endswith("_type") or kind.endswith("_parsing") or kind in ("int_from_float", "literal_error"):
        message = "not one of the choices" if kind == "literal_error" else "wrong type"
        if kind in ("model_type", "dict_type", "model_attributes_type"):
            message = "must be a table"
        return Problem(where, message, value, allowed=allowed)
    if kind == "value_error":
        return Problem(where, err["msg"].removeprefix("Value error, "), value, allowed=None)
    return Problem(where, err["msg"], value, allowed=allowed)


def _elsewhere(key: str) -> str | None:
    """The full path of a key that exists elsewhere in the scenario (written at the wrong level)."""
    from .schema_info import iter_leaves

    for path, _ in iter_leaves(Scenario):
        if path.rsplit(".", 1)[-1] == key:
            return path
    return None


# --- writing ------------------------------------------------------------------------------

def dumps_scenario(scenario: Scenario, header: str | None = None) -> str:
    """The scenario as TOML text (every value resolved), optionally under a comment header."""
    text = tomli_w.dumps(scenario.to_dict())
    if header:
        text = "".join(f"# {ln}".rstrip() + "\n" for ln in header.splitlines()) + "\n" + text
    return text
