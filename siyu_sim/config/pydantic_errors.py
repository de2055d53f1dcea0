"""The one translator of pydantic's validation errors into Problems a person can act on.

pydantic says *what* failed (``greater_than_equal``, ``extra_forbidden``); the schema says
what would have been right. So each error becomes a Problem with the key path, the value,
the allowed values in the schema's own words (``schema_info.allowed_words``, the words of
the docs too) and, for a misspelt key or choice, the closest valid one.
"""

from __future__ import annotations

import re
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from ..params import CHECK_TEXT, CheckFailed
from ..words import CHECK_WORDS, Said
from .problems import UNSET, Problem, closest
from .schema_info import Located, allowed_words, field_names, is_model, iter_leaves, locate

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
        problem, in_union = _problem(err, model, prefix, whole or model)
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


def _problem(err: dict, root: type[BaseModel], prefix: tuple,
             whole: type[BaseModel]) -> tuple[Problem, bool]:
    """The Problem of one pydantic error, and whether its place is inside a union."""
    kind, loc = err["type"], tuple(err["loc"])
    value = err.get("input", UNSET)
    if kind == "extra_forbidden":
        parent = locate(root, loc[:-1])
        names = field_names(parent.annotation) if parent and is_model(parent.annotation) else []
        where = key_path(prefix + (parent.loc if parent else loc[:-1]) + loc[-1:])
        retired = getattr(parent.annotation, "RETIRED_KEYS", {}).get(loc[-1]) if parent else None
        if retired:  # a key that was a setting once: say what to write instead
            key, fields = retired
            return Problem(where, Said.words(key, **fields), value), bool(parent.in_union)
        return Problem(where, Said.words("err_unknown_key"), value,
                       allowed=Said.words("err_keys_here", keys=", ".join(names)) if names else None,
                       suggestion=closest(loc[-1], names) or _elsewhere(whole, str(loc[-1]))), \
            bool(parent and parent.in_union)
    located = locate(root, loc)
    where = key_path(prefix + (located.loc if located else loc))
    return _described(kind, err, where, value, located), bool(located and located.in_union)


def _described(kind: str, err: dict, where: str, value: Any, located: Located | None) -> Problem:
    allowed = allowed_words(located) if located else None
    if kind == "missing":
        return Problem(where, Said.words("err_missing"), allowed=allowed)
    if kind in _RANGE_ERRORS:
        return Problem(where, Said.words("err_out_of_range"), value, allowed=allowed)
    if kind == "string_pattern_mismatch":
        return Problem(where, Said.words("err_bad_name"), value, allowed=allowed)
    if kind in _LENGTH_ERRORS:
        return Problem(where, err["msg"].replace("Value should", "should").lower(), value, allowed=allowed)
    if kind == "literal_error":
        choices = typing.get_args(located.annotation) if located else ()
        return Problem(where, Said.words("err_not_a_choice"), value, allowed=allowed,
                       suggestion=closest(value, map(str, choices)) if isinstance(value, str) else None)
    if kind in _TABLE_ERRORS:
        return Problem(where, Said.words("err_not_a_table"), value, allowed=allowed)
    if kind.endswith("_type") or kind.endswith("_parsing") or kind == "int_from_float":
        return Problem(where, Said.words("err_wrong_type"), value, allowed=allowed)
    if kind == "value_error":  # a check across keys says its words in the file's language
        error = (err.get("ctx") or {}).get("error")
        return Problem(where, _check_words(error) if isinstance(error, CheckFailed)
                       else err["msg"].removeprefix("Value error, "), value)
    return Problem(where, err["msg"], value, allowed=allowed)


def _check_words(error: CheckFailed) -> Said:
    """A failed check across keys, said in English (``params.CHECK_TEXT``) or another language
    (``words.CHECK_WORDS``)."""
    def say(lang: str) -> str:
        text = CHECK_TEXT[error.key] if lang == "en" else CHECK_WORDS[error.key][lang]
        return text.format(**error.fields)
    return Said.by(say)


def _elsewhere(whole: type[BaseModel], key: str) -> str | None:
    """The full path of a key that exists elsewhere in the file (written at the wrong level)."""
    for path, _ in iter_leaves(whole):
        if path.rsplit(".", 1)[-1] == key:
            return path
    return None
