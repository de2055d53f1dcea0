"""Reading a file's schema (pydantic models): what a key is, what it allows, where it lives.

The one schema walker, shared by the error messages of scenario and experiment files, the
paths experiment factors and ``--set`` may name, and the generated docs/scenarios.md, so
that what an error says is allowed and what the docs say are the same words.
"""

from __future__ import annotations

import functools
import types
import typing
from dataclasses import dataclass
from typing import Any, Iterator, Literal, Union

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ..levers import LEVER_TYPES, BrandAction
from ..words import Said, t
from ..words.settings import setting_unit


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
    """What the schema says about one place in a file: the field (None for a list item or a
    dict value), its core type, the model that holds it, and the place's key path (``loc``
    without the names of union branches that pydantic puts in its error locations)."""

    info: FieldInfo | None
    annotation: Any
    owner: type[BaseModel] | None
    loc: tuple = ()
    in_union: bool = False  # the path went through a union branch


def locate(root: type[BaseModel], loc: tuple) -> Located | None:
    """Walk ``loc`` (a pydantic error location: names, list indices, dict keys and union
    branch names such as ``list[str]``) from ``root``; None when the schema has no such place."""
    annotation: Any = root
    info: FieldInfo | None = None
    owner: type[BaseModel] | None = None
    plain: list = []
    in_union = False
    for part in loc:
        core, _ = unwrap(annotation)
        origin = typing.get_origin(core)
        args = typing.get_args(core)
        if origin in (Union, types.UnionType) and isinstance(part, str):
            annotation, in_union = _branch(core, part), True
            if annotation is None:
                return None
            continue
        plain.append(part)
        if is_model(core) and isinstance(part, str):
            field = core.model_fields.get(part)
            if field is None:
                return None
            owner, info, annotation = core, field, field.annotation
        elif origin is list and isinstance(part, int):
            annotation, info = args[0], None
        elif origin is dict:
            annotation, info = args[1], None
        elif origin is tuple and isinstance(part, int) and part < len(args):
            annotation, info = args[part], None
        else:
            return None
    return Located(info, unwrap(annotation)[0], owner, tuple(plain), in_union)


def _branch(union: Any, tag: str) -> Any:
    """The member of ``union`` that pydantic's branch name ``tag`` (``list[str]``, ``int``) means."""
    for arg in typing.get_args(union):
        origin = typing.get_origin(arg)
        name = origin.__name__ if origin is not None and origin is not Literal else getattr(arg, "__name__", "")
        if tag == name or tag.startswith(f"{name}["):
            return arg
    return None


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


def type_words(annotation: Any, lang: str = "en") -> str:
    """Plain words for a type: "a number", "a whole number", "one of 'a', 'b'"... in ``lang``."""
    core, optional = unwrap(annotation)
    origin = typing.get_origin(core)
    if core is bool:
        return t("err_type_bool", lang)
    if core is int:
        return t("err_type_int", lang)
    if core is float:
        return t("err_type_float", lang)
    if core is str:
        return t("err_type_text", lang)
    if origin is Literal:
        return t("err_one_of", lang, choices=_choices(typing.get_args(core), lang))
    if origin is list and typing.get_origin(typing.get_args(core)[0]) is Literal:
        return t("err_type_list", lang, items=_choices(typing.get_args(typing.get_args(core)[0]), lang))
    if origin is list:
        items = type_words(typing.get_args(core)[0], lang)
        return t("err_type_list", lang, items=_plural(items) if lang == "en" else items)
    if origin is dict or is_model(core):
        return t("err_type_table", lang)
    if origin in (Union, types.UnionType):
        return functools.reduce(lambda a, b: t("err_or", lang, a=a, b=b),
                                (type_words(a, lang) for a in typing.get_args(core)))
    return getattr(core, "__name__", str(core))


def _choices(values, lang: str) -> str:
    return t("err_list_sep", lang).join(f'"{a}"' for a in values)


def _plural(words: str) -> str:
    for article in ("a ", "an "):
        if words.startswith(article):
            words = words[len(article):]
            return words if words.startswith("list of ") else words + "s"  # lists of lists: "list of numbers"
    return words


def _num(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def range_words(info: FieldInfo | None, lang: str = "en") -> str:
    """"from 0 to 0.9", "at least 1", "" — the declared bounds in words, in ``lang``."""
    b = bounds(info)
    lo = b.get("ge", b.get("gt"))
    hi = b.get("le", b.get("lt"))
    lo_key = "err_range_above" if "gt" in b else "err_range_at_least"
    hi_key = "err_range_below" if "lt" in b else "err_range_at_most"
    if lo is not None and hi is not None and "gt" not in b and "lt" not in b:
        parts = [t("err_range_from_to", lang, lo=_num(lo), hi=_num(hi))]
    elif lo is not None and hi is not None:
        parts = [t("err_range_and", lang, lo=t(lo_key, lang, lo=_num(lo)), hi=t(hi_key, lang, hi=_num(hi)))]
    elif lo is not None:
        parts = [t(lo_key, lang, lo=_num(lo))]
    elif hi is not None:
        parts = [t(hi_key, lang, hi=_num(hi))]
    else:
        parts = []
    if "min_length" in b and b["min_length"]:
        parts.append(t("err_range_long", lang, n=b["min_length"]))
    if "pattern" in b:
        parts.append(t("err_range_matching", lang, pattern=b["pattern"]))
    return t("err_list_sep", lang).join(parts)


def allowed_words(located: Located) -> Said:
    """Everything a key allows, in one phrase: type, bounds, unit, and "or leave it out"; in
    English, and in any language (``words.Said``)."""
    def say(lang: str) -> str:
        info = located.info
        annotation = info.annotation if info is not None else located.annotation
        words = type_words(annotation, lang)
        rng = range_words(info, lang)
        if rng:
            words = t("err_words_range", lang, words=words, range=rng)
        u = unit(info)
        if u:
            words = t("err_words_unit", lang, words=words, unit=setting_unit(u, lang))
        if unwrap(annotation)[1]:
            words = t("err_words_or_none", lang, words=words)
        return words

    return Said.by(say)


def field_names(model: type[BaseModel]) -> list[str]:
    return list(model.model_fields)


def lever_kind(name: str, item: Any) -> Any:
    """A lever's type: its ``type`` key, else its table name (``[levers.coupon]``)."""
    return (item.get("type") if isinstance(item, dict) else None) or name


def iter_leaves(model: type[BaseModel], data: Any = None,
                prefix: str = "") -> Iterator[tuple[str, FieldInfo]]:
    """Every leaf key under ``model`` as (dotted path, field).

    Of the schema alone (``data`` None), a list of tables is written ``segments[].share`` and
    the levers are left out (they are documented per type). Of a file's data, list items
    are addressed by index (``population.segments.0.share``), each lever by its name through
    its registered type, and each lever type it lacks by the type's name (setting one of
    those keys adds that lever)."""
    for path, field, _owner in _walk(model, data, prefix, data is not None):
        yield path, field


def is_record(field: FieldInfo) -> bool:
    """A field that records something rather than sets it (a calibrated scenario's
    ``[calibration]``): no leaf of it is a setting."""
    return isinstance(field.json_schema_extra, dict) and bool(field.json_schema_extra.get("record"))


def _walk(model: type[BaseModel], data: Any, prefix: str, concrete: bool):
    for name, field in model.model_fields.items():
        if is_record(field):
            continue
        path = f"{prefix}{name}"
        here = data.get(name) if isinstance(data, dict) else None
        core, _ = unwrap(field.annotation)
        origin = typing.get_origin(core)
        if is_model(core):
            yield from _walk(core, here, path + ".", concrete)
        elif origin is list and is_model(unwrap(typing.get_args(core)[0])[0]):
            item = unwrap(typing.get_args(core)[0])[0]
            if concrete:
                for i, value in enumerate(here or []):
                    yield from _walk(item, value, f"{path}.{i}.", concrete)
            else:
                yield from _walk(item, None, path + "[].", concrete)
        elif origin is dict and is_model(value_model := unwrap(typing.get_args(core)[1])[0]):
            if concrete and issubclass(value_model, BrandAction):
                yield from _lever_leaves(path, here if isinstance(here, dict) else {})
        else:
            yield path, field, model


def _lever_leaves(path: str, levers: dict):
    for name, item in levers.items():
        cls = LEVER_TYPES.get(lever_kind(name, item))
        if cls is not None:
            yield from _walk(cls, item, f"{path}.{name}.", True)
    for kind, cls in LEVER_TYPES.items():
        if kind not in levers:
            yield from _walk(cls, None, f"{path}.{kind}.", True)


def declaring_class(model: type[BaseModel], name: str) -> type[BaseModel]:
    """The class in ``model``'s ancestry that declares the field ``name`` (a subclass that
    declares it again is its own declarer)."""
    return next(c for c in model.__mro__ if name in c.__dict__.get("__annotations__", {}))


@functools.cache
def setting_ids() -> dict[tuple[type[BaseModel], str], str]:
    """The stable id of every setting's words, by (declaring class, field name): its dotted
    path in a scenario file, lists written ``[]`` and levers by type (``behaviour.trust.decay``,
    ``population.segments[].share``, ``levers.coupon.depth``). A field that several lever types
    inherit from one class is keyed once, with ``*`` for the type (``levers.*.schedule.start``);
    a class used in several places (a date window) is keyed where a walk of the scenario, then of
    the lever types in their order, first meets it. The words of a setting
    (``words.setting_descriptions``) are keyed by these ids, so an edited English description keeps
    its translation and a renamed key loses it (``tests/test_words_settings.py``)."""
    shipped = [(kind, cls) for kind, cls in LEVER_TYPES.items() if cls.__module__.startswith("siyu_sim.")]
    ids: dict[tuple[type[BaseModel], str], str] = {}

    def shared(decl: type) -> bool:  # declared on a class more than one lever type inherits
        return sum(issubclass(cls, decl) for _, cls in shipped) > 1

    def walk(model: type[BaseModel], prefix: str, lever: str | None) -> None:
        for name, field in model.model_fields.items():
            decl = declaring_class(model, name)
            inherited = lever is not None and prefix == f"levers.{lever}." and shared(decl)
            key = ids.setdefault((decl, name), f"levers.*.{name}" if inherited else prefix + name)
            core, _ = unwrap(field.annotation)
            origin = typing.get_origin(core)
            if is_model(core):
                walk(core, key + ".", lever)
            elif origin is list and is_model(item := unwrap(typing.get_args(core)[0])[0]):
                walk(item, key + "[].", lever)
            elif origin is dict and is_model(value := unwrap(typing.get_args(core)[1])[0]):
                if not issubclass(value, BrandAction):  # the levers: walked by type below
                    walk(value, key + ".*.", lever)

    walk(_scenario(), "", None)
    for kind, cls in shipped:
        walk(cls, f"levers.{kind}.", kind)
    return ids


def _scenario() -> type[BaseModel]:
    from ..scenario import Scenario  # the scenario imports the levers' package, as this module does

    return Scenario


def setting_id(model: type[BaseModel], name: str) -> str | None:
    """The id of the words of ``model``'s field ``name`` (``setting_ids``); None for a field no
    shipped scenario or lever type has (a plug-in's)."""
    return setting_ids().get((declaring_class(model, name), name))


@dataclass(frozen=True)
class Leaf:
    """One settable parameter of a file: its dotted path, its field and the model that holds it."""

    path: str
    info: FieldInfo
    owner: type[BaseModel] | None = None

    @property
    def id(self) -> str | None:
        """The id of its words (``setting_id``)."""
        return setting_id(self.owner, self.path.rsplit(".", 1)[-1]) if self.owner is not None else None

    @property
    def kind(self) -> str:
        """"float", "int", "bool", "str" or "other"."""
        core = unwrap(self.info.annotation)[0]
        return {bool: "bool", int: "int", float: "float", str: "str"}.get(core, "other")

    @property
    def lo(self) -> float | None:
        b = bounds(self.info)
        return b.get("ge", b.get("gt"))

    @property
    def hi(self) -> float | None:
        b = bounds(self.info)
        return b.get("le", b.get("lt"))

    def outside(self, value: Any) -> bool:
        """Whether a number lies outside the declared bounds (inclusive)."""
        return (self.lo is not None and value < self.lo) or (self.hi is not None and value > self.hi)

    def allowed(self) -> str:
        return allowed_words(Located(self.info, unwrap(self.info.annotation)[0], None))


def leaves(model: type[BaseModel], data: Any) -> dict[str, Leaf]:
    """The settable dotted paths of ``data`` under ``model`` (see ``iter_leaves``)."""
    return {path: Leaf(path, info, owner)
            for path, info, owner in _walk(model, data if data is not None else {}, "", True)}
