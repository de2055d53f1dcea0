"""Every per-customer state column, declared once: name, dtype, initial value, meaning.

The core owns the columns that say who a customer is to the brand (segment, status, group,
channels, what it has spent and how it came, its weight); each behaviour owns the state it
updates (``rules.MODULES``: trust, activity, fatigue, reference price, …). ``STATE`` is all of
them; the customer table's columns, their day-0 values, the agent's attributes, what the day's
rules read and what they write back each day all follow from it (the idea of starsim's
``define_states``). Whether the rules read a column, and whether they update it, is not
declared: it is what their steps do (``s.<name>`` read, ``<name>`` returned: ``rules.module``).

``initial`` is a constant or a function of the day-0 draw (``initial.InitialDraw``: each
row's segment, traits and channels, drawn in a fixed order from the population stream).
"""

from __future__ import annotations

import numpy as np

from .rules import MODULES, Column, Day, Status
from .rules.module import attributes_read

__all__ = ["COLUMNS", "CORE", "Column", "READ_COLUMNS", "STATE", "UPDATED_COLUMNS"]

#: The core's columns: who a customer is to the brand, and its bookkeeping.
CORE: tuple[Column, ...] = (
    Column("segment", np.int8, lambda d: d.segment, "index into Population.segments"),
    Column("status", np.int8,
           lambda d: np.where(d.member, Status.ACTIVE, np.where(d.potential, Status.POTENTIAL, Status.PROSPECT)),
           "Status code: where the customer stands"),
    Column("group", np.int32, -1, "community group id, -1 if none"),
    Column("friend", bool, lambda d: d.member, "WeCom / personal-account friend (reachable 1:1 and by Moments)"),
    Column("on_wecom", bool, lambda d: np.where(d.member, d.on_wecom, True),
           "held on WeCom (compliant) rather than a personal account"),
    Column("store_shopper", bool, lambda d: d.store_shopper, "shops in physical stores"),
    Column("spend", float, 0.0, "CNY paid as a member, per real customer"),
    Column("margin", float, 0.0, "CNY gross margin as a member, per real customer"),
    Column("orders", np.int32, 0, "orders as a member"),
    Column("last_order_day", np.int32, -1, "day of the last order placed as a member, -1 if none"),
    Column("referrals", float, 0.0, "referrals credited, per real customer"),
    Column("source", np.int8, 0, "index into the model's acquisition source names"),
    Column("join_day", np.int32, -1, "day joined, -1 if never"),
    Column("weight", float, lambda d: d.weight, "real customers this row stands for"),
)


def _state() -> tuple[Column, ...]:
    columns = list(CORE)
    owner = {c.name: "the core (state.CORE)" for c in CORE}
    for module in MODULES:
        for column in module.columns:
            if column.name in owner:
                raise ValueError(f"behaviour {module.name!r} declares column {column.name!r}, which "
                                 f"{owner[column.name]} already declares; rename it")
            owner[column.name] = f"behaviour {module.name!r}"
            columns.append(column)
    return tuple(columns)


#: Every column: the core's, then each behaviour's (``rules.MODULES`` order).
STATE: tuple[Column, ...] = _state()
COLUMNS: dict[str, Column] = {c.name: c for c in STATE}
_steps = [step for module in MODULES for step in module.steps]
_read = set().union(*(attributes_read(step.fn, "s") for step in _steps))
_returned = {name for step in _steps if step.day != Day.EMIT for name in step.returns}
#: Columns the day's steps read (``s.<name>``), in ``STATE`` order.
READ_COLUMNS = tuple(c.name for c in STATE if c.name in _read or c.name in _returned)
#: Columns a day step returns: tomorrow's value, written back at the end of each day.
UPDATED_COLUMNS = tuple(c.name for c in STATE if c.name in _returned)
