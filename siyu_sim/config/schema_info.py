"""Reading the scenario schema: what a key is, what it allows, where it lives.

Shared by the error messages of ``scenario_files`` and the generated docs/scenarios.md,
so that what an error says is allowed and what the docs say are the same words.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from typing import Any, Iterator, Literal, Union

from pydantic import BaseModel
from pydantic.fields import FieldInfo


def unwrap(annotation: Any) -> tuple[Any, bool]:
    """The core type of an annotation, and whether None is allowed.

    Strips ``Annotated[...]`` (e.g. ``SerializeAsAny``) and ``X | None``."""
    optional = False
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            optional = optional or len(args) < len(typing.get_args(annotation))
            if len(args) != 1:
                return annotation, optional
            annotation = args[0]
        else:
            return annotation, optional


def is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


@dataclass(frozen=True)
class Located:
    """What the schema says about one place in a scenario: the field (None for a list
    item or a dict value), its core type, and the model that holds it."""

    info: FieldInfo | None
    annotation: Any
    owner: type[BaseModel] | None


def locate(root: type[BaseModel], loc: tuple) -> Located | None:
    """Walk ``loc`` (pydantic error location: names and list indices) from ``root``."""
    annotation: Any = root
    info: FieldInfo | None = None
    owner: type[BaseModel] | None = None
    for part in loc:
        core, _ = unwrap(annotation)
        origin = typing.get_origin(core)
        if is_model(core) and isinstance(part, str):
            field = core.model_fields.get(part)
            if field is None:
                return None
            owner, info, annotation = core, field, field.annotation
        elif origin is list and isinstance(part, int):
            annotation, info = typing.get_args(core)[0], None
        elif origin is dict:
            annotation, info = typing.get_args(core)[1], None
        else:
            return None
    return Located(info, unwrap(annotation)[0], owner)


def bounds(info: FieldInfo | None) -> dict[str, Any]:
    """``{"ge": 0, "le": 1}``-style numeric bounds declared on a field."""
    out: dict[str, Any] = {}
    for item in (info.metadata if info else []):
        for key in ("ge", "gt", "le", "lt", "min_length", "max_length", "pattern"):
            value = getattr(item, key, None)
            if value is not None:
                out[key] = value
    return out


def unit(info: FieldInfo | None) -> str | None:
    extra = info.json_schema_extra if info else None
    return extra.get("unit") if isinstance(extra, dict) else None


def type_words(annotation: Any) -> str:
    """Plain words for a type: "a number", "a whole number", "one of 'a', 'b'"..."""
    core, optional = unwrap(annotation)
    origin = typing.get_origin(core)
    if core is bool:
        words = "true or false"
    elif core is int:
        words = "a whole number"
    elif core is float:
        words = "a number"
    elif core is str:
        words = "text"
    elif origin is Literal:
        words = "one of " + ", ".join(f'"{a}"' for a in typing.get_args(core))
    elif origin is list and typing.get_origin(typing.get_args(core)[0]) is Literal:
        words = "a list of " + ", ".join(f'"{a}"' for a in typing.get_args(typing.get_args(core)[0]))
    elif origin is list:
        words = f"a list of {_plural(type_words(typing.get_args(core)[0]))}"
    elif origin is dict or is_model(core):
        words = "a table"
    else:
        words = getattr(core, "__name__", str(core))
    return words


def _plural(words: str) -> str:
    for article in ("a ", "an "):
        if words.startswith(article):
            return words[len(article):] + "s"
    return words


def _num(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def range_words(info: FieldInfo | None) -> str:
    """"from 0 to 0.9", "at least 1", "" — the declared bounds in words."""
    b = bounds(info)
    lo = b.get("ge", b.get("gt"))
    hi = b.get("le", b.get("lt"))
    lo_word = "above" if "gt" in b else "at least"
    hi_word = "below" if "lt" in b else "at most"
    if lo is not None and hi is not None and "gt" not in b and "lt" not in b:
        text = f"from {_num(lo)} to {_num(hi)}"
    elif lo is not None and hi is not None:
        text = f"{lo_word} {_num(lo)} and {hi_word} {_num(hi)}"
    elif lo is not None:
        text = f"{lo_word} {_num(lo)}"
    elif hi is not None:
        text = f"{hi_word} {_num(hi)}"
    else:
        text = ""
    if "min_length" in b and b["min_length"]:
        text = (text + ", " if text else "") + f"at least {b['min_length']} long"
    if "pattern" in b:
        text = (text + ", " if text else "") + f"matching {b['pattern']}"
    return text


def allowed_words(located: Located) -> str:
    """Everything a key allows, in one phrase: type, bounds, unit, and "or leave it out"."""
    info = located.info
    annotation = info.annotation if info is not None else located.annotation
    words = type_words(annotation)
    rng = range_words(info)
    if rng:
        words += f" {rng}"
    u = unit(info)
    if u:
        words += f" ({u})"
    if unwrap(annotation)[1]:
        words += "; leave it out for none"
    return words


def field_names(model: type[BaseModel]) -> list[str]:
    return list(model.model_fields)


def iter_leaves(model: type[BaseModel], prefix: str = "") -> Iterator[tuple[str, FieldInfo]]:
    """Every leaf key under ``model`` as (dotted path, field); lists of models as ``name[]``,
    dicts of models (the levers) are skipped: they are documented per type."""
    for name, field in model.model_fields.items():
        path = f"{prefix}{name}"
        core, _ = unwrap(field.annotation)
        origin = typing.get_origin(core)
        if is_model(core):
            yield from iter_leaves(core, path + ".")
        elif origin is list and is_model(unwrap(typing.get_args(core)[0])[0]):
            yield from iter_leaves(unwrap(typing.get_args(core)[0])[0], path + "[].")
        elif origin is dict and is_model(unwrap(typing.get_args(core)[1])[0]):
            continue
        else:
            yield path, field
