"""What the compiled kernel reads, as named tuples numba can type: one row's state, today's
plan and the behaviour parameters. Each tuple type is generated from its one declaration
(``state.STATE``, ``plan.DayPlan`` and its ``Touches`` channels, ``params.Behaviour`` and the
rules' parameter classes), so the compiled rules read ``s.trust``, ``t.broadcast.count`` and
``b.trust.decay`` as the numpy rules do. A parameter keeps its type (a float stays a float, an
int an int, a flag a flag): nothing is cast behind the rules' back.
"""

from __future__ import annotations

import dataclasses
from collections import namedtuple

import numpy as np

from ..params import Behaviour
from ..plan import DayPlan, Touches
from ..rules.base import RuleParams
from ..state import COLUMNS, READ_COLUMNS


def _record(name: str, fields) -> type:
    cls = namedtuple(name, tuple(fields))
    cls.__module__ = __name__  # importable by name: numba's cache index pickles the type
    globals()[name] = cls
    return cls


def _public_fields(cls) -> tuple[str, ...]:
    """A dataclass's fields (not ``_private`` ones) and properties: what a rule may read."""
    return tuple([f.name for f in dataclasses.fields(cls) if not f.name.startswith("_")]
                 + [n for n, v in vars(cls).items() if isinstance(v, property)])


#: One row's state (the columns ``customer_day`` reads), for the agent engine's calls.
RowState = _record("RowState", READ_COLUMNS)
_ROW_TYPES = tuple(np.dtype(COLUMNS[name].dtype).type for name in READ_COLUMNS)

_PLAN_FIELDS = _public_fields(DayPlan)
PlanRecord = _record("PlanRecord", _PLAN_FIELDS)
_TOUCH_FIELDS = _public_fields(Touches)
TouchesRecord = _record("TouchesRecord", _TOUCH_FIELDS)

_PARAM_RECORDS: dict[type, type] = {}


def _params_record(cls: type[RuleParams]) -> type:
    rec = _PARAM_RECORDS.get(cls)
    if rec is None:
        rec = _PARAM_RECORDS[cls] = _record(f"{cls.__name__}Record", cls.model_fields)
    return rec


BehaviourRecord = _record("BehaviourRecord", Behaviour.model_fields)
for _field in Behaviour.model_fields.values():
    _params_record(_field.annotation)


def _plan_value(value):
    if isinstance(value, Touches):
        return TouchesRecord(*(float(getattr(value, name)) for name in _TOUCH_FIELDS))
    if isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, (bool, np.bool_)):
        return float(value)  # one type whatever a lever wrote: no recompilation
    return np.ascontiguousarray(value).ravel()  # [segment, status] tables, flat (ops.take)


def _param_value(value):
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    return float(value)


def row_record(agent) -> tuple:
    """One agent's (or row's) state as a ``RowState``, each value in its column's dtype."""
    return RowState(*(kind(getattr(agent, name)) for kind, name in zip(_ROW_TYPES, READ_COLUMNS)))


def plan_record(plan: DayPlan) -> tuple:
    return PlanRecord(*(_plan_value(getattr(plan, name)) for name in _PLAN_FIELDS))


def behaviour_record(b: Behaviour) -> tuple:
    """The behaviour's parameters as the kernel reads them. Asked for every day, and the same
    until an event replaces a rule's parameters (they are frozen): kept for the blocks it was
    made of, which a replaced block no longer is."""
    blocks = tuple(getattr(b, name) for name in BehaviourRecord._fields)
    kept = _BEHAVIOUR_RECORDS.get(tuple(map(id, blocks)))
    if kept is not None and all(x is y for x, y in zip(kept[0], blocks)):
        return kept[1]

    def one(params: RuleParams):
        rec = _params_record(type(params))
        return rec(*(_param_value(getattr(params, name)) for name in rec._fields))

    record = BehaviourRecord(*(one(block) for block in blocks))
    if len(_BEHAVIOUR_RECORDS) >= 16:
        _BEHAVIOUR_RECORDS.clear()
    _BEHAVIOUR_RECORDS[tuple(map(id, blocks))] = (blocks, record)  # the blocks held: their ids stay theirs
    return record


_BEHAVIOUR_RECORDS: dict[tuple, tuple] = {}
