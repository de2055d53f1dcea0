"""Which dotted paths a scenario has, and what each one allows.

Experiment factors and fixed settings name scenario parameters by dotted path
(``levers.broadcast.frequency_per_day``). This module walks the Scenario's pydantic
schema (and the lever registry) so that a path that does not exist is caught before any
run, with the allowed range and a did-you-mean suggestion.
"""

from __future__ import annotations

import difflib
import typing
from dataclasses import dataclass
from typing import Any

from annotated_types import Ge, Gt, Le, Lt
from pydantic import BaseModel

from ..levers import LEVER_TYPES
from ..scenario import Scenario


@dataclass(frozen=True)
class Leaf:
    """One settable scenario parameter."""

    path: str
    kind: str  # "float", "int", "bool", "str", "other"
    lo: float | None = None
    hi: float | None = None
    unit: str = ""

    def allowed(self) -> str:
        """Plain words for what the parameter accepts."""
        unit = f" ({self.unit})" if self.unit else ""
        if self.kind in ("float", "int"):
            what = "an integer" if self.kind == "int" else "a number"
            if self.lo is not None and self.hi is not None:
                return f"{what} from {_num(self.lo)} to {_num(self.hi)}{unit}"
            if self.lo is not None:
                return f"{what} >= {_num(self.lo)}{unit}"
            if self.hi is not None:
                return f"{what} <= {_num(self.hi)}{unit}"
            return f"{what}{unit}"
        if self.kind == "bool":
            return "true or false"
        if self.kind == "str":
            return "text"
        return "a value of the scenario's schema"


def _num(x: float) -> str:
    return f"{x:g}"


def _leaf_kind(annotation: Any) -> str:
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if typing.get_origin(annotation) in (typing.Union, getattr(__import__("types"), "UnionType", None)) and len(args) == 1:
        annotation = args[0]
    if annotation is bool:
        return "bool"
    if annotation is int:
        return "int"
    if annotation is float:
        return "float"
    if annotation is str:
        return "str"
    return "other"


def _model_of(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
    return None


def _leaves_of(model: type[BaseModel], prefix: str, out: dict[str, Leaf], data: Any = None) -> None:
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        sub = _model_of(info.annotation)
        origin = typing.get_origin(info.annotation)
        if name == "levers" and model is Scenario:
            present = data.get("levers", {}) if isinstance(data, dict) else {}
            for lever_name, lever_data in present.items():
                kind = (lever_data or {}).get("type") or lever_name
                cls = LEVER_TYPES.get(kind)
                if cls is not None:
                    _leaves_of(cls, f"{path}.{lever_name}.", out, lever_data)
            for kind, cls in LEVER_TYPES.items():
                if kind not in present:
                    _leaves_of(cls, f"{path}.{kind}.", out)
            continue
        if origin is list and sub is not None:
            items = data.get(name) if isinstance(data, dict) else None
            for i, item in enumerate(items or []):
                _leaves_of(sub, f"{path}.{i}.", out, item)
            continue
        if sub is not None and origin is None:
            _leaves_of(sub, f"{path}.", out, data.get(name) if isinstance(data, dict) else None)
            continue
        lo = hi = None
        for meta in info.metadata:
            if isinstance(meta, (Ge, Gt)):
                lo = float(getattr(meta, "ge", getattr(meta, "gt", None)))
            elif isinstance(meta, (Le, Lt)):
                hi = float(getattr(meta, "le", getattr(meta, "lt", None)))
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        out[path] = Leaf(path, _leaf_kind(info.annotation), lo, hi, str(extra.get("unit", "")))


def scenario_leaves(scenario: Scenario | None = None) -> dict[str, Leaf]:
    """Every settable dotted path of ``scenario`` (its levers and segments as they are),
    plus the parameters of every registered lever type not yet in it (setting one adds
    that lever)."""
    data = scenario.to_dict() if scenario is not None else {}
    out: dict[str, Leaf] = {}
    _leaves_of(Scenario, "", out, data)
    return out


def suggest(word: str, choices: typing.Iterable[str]) -> str | None:
    """The closest choice to ``word`` (did-you-mean), or None."""
    choices = list(choices)
    best = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if best:
        return best[0]
    # compare the last component too: "levers.broadcast.freq_per_day"
    tail = word.rsplit(".", 1)[-1]
    head = word.rsplit(".", 1)[0] if "." in word else ""
    same_head = [c for c in choices if c.rsplit(".", 1)[0] == head]
    best = difflib.get_close_matches(tail, [c.rsplit(".", 1)[-1] for c in same_head], n=1, cutoff=0.5)
    if best:
        return f"{head}.{best[0]}" if head else best[0]
    return None
