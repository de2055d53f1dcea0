"""The one translator of pydantic's validation errors into Problems a person can act on.

pydantic says *what* failed (``greater_than_equal``, ``extra_forbidden``); the schema says
what would have been right. So each error becomes a Problem with the key path, the value,
the allowed values in the schema's own words (``schema_info.allowed_words``, the words of
the docs too) and, for a misspelt key or choice, the closest valid one.
"""

from __future__ import annotations

import re
import types
import typing
from typing import Any, Literal, Union

from pydantic import BaseModel, ValidationError

from .problems import UNSET, Problem, closest
from .schema_info import allowed_words, field_names, is_model, iter_leaves, locate, unwrap

_RANGE_ERRORS = {"greater_than", "greater_than_equal", "less_than", "less_than_equal"}
_LENGTH_ERRORS = {"too_short", "too_long", "string_too_short", "string_too_long"}
_TABLE_ERRORS = {"model_type", "dict_type", "model_attributes_type"}
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def translate(exc: ValidationError, model: type[BaseModel], prefix: tuple = (),
              whole: type[BaseModel] | None = None) -> list[Problem]:
    """Problems for every error of validating ``model`` (found at ``prefix`` in the file);
    ``whole`` is the model of the whole file, searched for a key written at the wrong level."""
    problems: list[Problem] = []
    branch_paths: set[str] = set()
    for err in exc.errors(include_url=False):
        loc, in_union = _without_union_branches(model, tuple(err["loc"]))
        problem = _problem(err, loc, model, prefix, whole or model)
        if in_union:  # pydantic reports each branch of a union: one report per key is enough
            if problem.where in branch_paths:
                continue
            branch_paths.add(problem.where)
        problems.append(problem)
    return problems


def key_path(loc: tuple) -> str:
    """``("population", "segments", 1, "share")`` → ``population.segments[1].share``; keys that
    are not bare TOML keys are quoted: ``factors."levers.coupon.depth"``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
            continue
        key = str(part) if _BARE_KEY.fullmatch(str(part)) else f'"{part}"'
        out += f".{key}" if out else key
    return out


def _problem(err: dict, loc: tuple, root: type[BaseModel], prefix: tuple,
             whole: type[BaseModel]) -> Problem:
    kind = err["type"]
    where = key_path(prefix + loc)
    value = err.get("input", UNSET)
    if kind == "extra_forbidden":
        parent = locate(root, loc[:-1])
        names = field_names(parent.annotation) if parent and is_model(parent.annotation) else []
        return Problem(where, "unknown key", value,
                       allowed="keys here: " + ", ".join(names) if names else None,
                       suggestion=closest(loc[-1], names) or _elsewhere(whole, str(loc[-1])))
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
    if kind == "literal_error":
        choices = typing.get_args(located.annotation) if located else ()
        return Problem(where, "not one of the choices", value, allowed=allowed,
                       suggestion=closest(value, map(str, choices)) if isinstance(value, str) else None)
    if kind in _TABLE_ERRORS:
        return Problem(where, "must be a table", value, allowed=allowed)
    if kind.endswith("_type") or kind.endswith("_parsing") or kind == "int_from_float":
        return Problem(where, "wrong type", value, allowed=allowed)
    if kind == "value_error":
        return Problem(where, err["msg"].removeprefix("Value error, "), value)
    return Problem(where, err["msg"], value, allowed=allowed)


def _elsewhere(whole: type[BaseModel], key: str) -> str | None:
    """The full path of a key that exists elsewhere in the file (written at the wrong level)."""
    for path, _ in iter_leaves(whole):
        if path.rsplit(".", 1)[-1] == key:
            return path
    return None


def _without_union_branches(root: type[BaseModel], loc: tuple) -> tuple[tuple, bool]:
    """pydantic names the union branch it tried inside an error's location
    (``("scenarios", "list[str]")``): the location without those names, and whether any."""
    annotation: Any = root
    out: list = []
    in_union = False
    for part in loc:
        core = unwrap(annotation)[0]
        origin = typing.get_origin(core)
        if origin in (Union, types.UnionType) and isinstance(part, str):
            in_union = True
            annotation = _branch(core, part)
            continue
        out.append(part)
        args = typing.get_args(core)
        if is_model(core) and isinstance(part, str) and part in core.model_fields:
            annotation = core.model_fields[part].annotation
        elif origin is list and args:
            annotation = args[0]
        elif origin is dict and len(args) == 2:
            annotation = args[1]
        elif origin is tuple and isinstance(part, int) and part < len(args):
            annotation = args[part]
        else:
            annotation = Any
    return tuple(out), in_union


def _branch(union: Any, tag: str) -> Any:
    """The member of ``union`` that pydantic's branch name ``tag`` (``list[str]``, ``int``) means."""
    for arg in typing.get_args(union):
        origin = typing.get_origin(arg)
        name = origin.__name__ if origin is not None and origin is not Literal else getattr(arg, "__name__", "")
        if tag == name or tag.startswith(f"{name}["):
            return arg
    return Any
