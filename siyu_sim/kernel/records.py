"""What the compiled kernel reads, as named tuples numba can type: one row's state, today's
plan and the behaviour parameters. Each tuple type is generated from its one declaration
(``state.STATE``, ``plan.DayPlan``, ``params.Behaviour`` and the rules' parameter classes), so
the compiled rules read ``s.trust``, ``t.broadcasts`` and ``b.trust.decay`` as the numpy rules do.
"""

from __future__ import annotations

import dataclasses
from collections import namedtuple

import numpy as np

from ..params import Behaviour
from ..plan import DayPlan
from ..rules.base import RuleParams
from ..state import COLUMNS, READ_COLUMNS


def _record(name: str, fields) -> type:
    cls = namedtuple(name, tuple(fields))
    cls.__module__ = __name__  # importable by name: numba's cache index pickles the type
    globals()[name] = cls
    return cls


#: One row's state (the columns ``customer_day`` reads), for the agent engine's calls.
RowState = _record("RowState", READ_COLUMNS)
_ROW_TYPES = tuple(np.dtype(COLUMNS[name].dtype).type for name in READ_COLUMNS)

_PLAN_FIELDS = tuple([f.name for f in dataclasses.fields(DayPlan) if not f.name.startswith("_")]
                     + [n for n, v in vars(DayPlan).items() if isinstance(v, property)])
PlanRecord = _record("PlanRecord", _PLAN_FIELDS)

_PARAM_RECORDS: dict[type, type] = {}


def _params_record(cls: type[RuleParams]) -> type:
    rec = _PARAM_RECORDS.get(cls)
    if rec is None:
        rec = _PARAM_RECORDS[cls] = _record(f"{cls.__name__}Record", cls.model_fields)
    return rec


BehaviourRecord = _record("BehaviourRecord", Behaviour.model_fields)
for _field in Behaviour.model_fields.values():
    _params_record(_field.annotation)


def _scalar(value):
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, float, np.integer, np.floating)):
        return float(value)  # one type whatever a lever wrote: no recompilation
    return np.ascontiguousarray(value).ravel()  # [segment, status] tables, flat (ops.take)


def row_record(agent) -> tuple:
    """One agent's (or row's) state as a ``RowState``, each value in its column's dtype."""
    return RowState(*(kind(getattr(agent, name)) for kind, name in zip(_ROW_TYPES, READ_COLUMNS)))


def plan_record(plan: DayPlan) -> tuple:
    return PlanRecord(*(_scalar(getattr(plan, name)) for name in _PLAN_FIELDS))


def behaviour_record(b: Behaviour) -> tuple:
    def one(params: RuleParams):
        rec = _params_record(type(params))
        return rec(*(float(getattr(params, name)) for name in rec._fields))

    return BehaviourRecord(*(one(getattr(b, name)) for name in BehaviourRecord._fields))
