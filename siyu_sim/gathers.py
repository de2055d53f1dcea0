"""The day's gathers: what each customer reads of the others, from yesterday's state, before
anyone steps (synchronous update). One path serves both executors and both engines:

1. **emit**: every row's emitted values (``customer_day.emit_rules``: each behaviour's
   ``Day.EMIT`` steps), compiled over every row or run on numpy columns;
2. **contacts**: each row's sums of its contacts' emitted ``contact_sums`` values, in CSR
   order (``network.Contacts.sums``);
3. **groups**: each community group's sums of its rows' emitted values, in row order, and its
   place in line (``ahead``: the groups with members opened before it); the group step (the
   groups behaviour: mood, and whether an operator runs the group) then moves each group's
   values — over every group at once (vector executor) or by each ``CommunityGroup`` agent for
   itself (agent executor);
4. **rows**: each row's ``Gathered`` values: its group's values (0 without a group), its
   contacts' sums and its degree (``g.<name>`` in the steps).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .customer_day import EMITTED, GATHERED, WIRING, Emitted, Gathered, day_constants, emit_rules
from .rules.status import Status
from .state import READ_COLUMNS

if TYPE_CHECKING:  # pragma: no cover
    from .model import PrivateDomainModel
    from .today import Today

#: Rows per block when the numpy engine runs rules on columns: 2¹⁶ rows × 8 bytes keeps each
#: temporary at 512 KiB, so the update runs from cache instead of main memory.
BLOCK_ROWS = 65_536


class Rows:
    """A block of rows of the customer table: the columns the day's rules read, as views."""

    def __init__(self, table, rows: slice):
        for name in READ_COLUMNS:
            setattr(self, name, getattr(table, name)[rows])


def blocks(n: int, size: int = BLOCK_ROWS):
    """Slices of at most ``size`` rows covering ``range(n)`` (one empty slice when n = 0)."""
    size = max(1, size)
    return [slice(lo, min(n, lo + size)) for lo in range(0, max(n, 1), size)]


@dataclass
class Gathering:
    """Today's gathers: every row's emitted values, each group's sums, and once the groups have
    moved, every row's ``Gathered`` values (``rows``)."""

    emitted: Emitted  # one column per emitted value
    group_sums: tuple  # one array per summed value, indexed by group id
    contacts: dict  # contact-sum name -> each row's sum over its contacts
    occupied: np.ndarray | None = None  # per group id: has members (active or muted) today
    ahead: np.ndarray | None = None  # per group id: groups with members opened before it
    rows: Gathered | None = None


def emit(model: "PrivateDomainModel", today: "Today") -> Emitted:
    """Every row's emitted values (yesterday's state)."""
    t = model.customers
    n = len(t)
    if model.engine == "compiled":
        from .kernel.compiled import emit_day
        from .kernel.records import behaviour_record, plan_record

        out = Emitted(*(np.empty(n) for _ in EMITTED))
        emit_day(tuple(getattr(t, name) for name in READ_COLUMNS), plan_record(today.plan),
                 behaviour_record(model.behaviour), tuple(out))
        return out
    constants = day_constants(today.plan, model.behaviour)
    parts = [emit_rules(Rows(t, rows), today.plan, constants, model.behaviour) for rows in blocks(n)]
    return parts[0] if len(parts) == 1 else Emitted(*(np.concatenate(cols) for cols in zip(*parts)))


def gather(model: "PrivateDomainModel", today: "Today") -> Gathering:
    """Steps 1–3 of the module doc: emit, sum over contacts, sum over groups."""
    emitted = emit(model, today)
    sums = model.contacts.sums(tuple(getattr(emitted, name) for name in WIRING.contact_sums))
    gathering = Gathering(emitted, (), dict(zip(WIRING.contact_sums, sums)))
    if WIRING.group is not None:
        t = model.customers
        step = WIRING.group[1]
        key = t.group.astype(np.int64) + 1
        length = model.groups.count + 1
        gathering.group_sums = tuple(np.bincount(key, weights=getattr(emitted, name), minlength=length)[1:]
                                     for name in step.sums)
        member = (t.status == Status.ACTIVE) | (t.status == Status.MUTED)
        gathering.occupied = np.bincount(key[member], minlength=length)[1:] > 0
        gathering.ahead = (np.cumsum(gathering.occupied) - gathering.occupied).astype(float)
    return gathering


def move_groups(model: "PrivateDomainModel", today: "Today", gathering: Gathering, ids=None) -> None:
    """The group step for the groups ``ids`` (default: every group), from their sums and their
    places in line; its arguments found by name (``GroupStep``)."""
    if WIRING.group is None:
        return
    step = WIRING.group[1]
    values = model.groups.values
    where = slice(None) if ids is None else ids
    found = {name: values[name][where] for name in step.values}
    found.update((name, s[where]) for name, s in zip(step.sums, gathering.group_sums))
    found.update(ahead=gathering.ahead[where], t=today.plan, b=model.behaviour)
    out = step.results(step.fn(*(found[name] for name in WIRING.group_arguments)))
    for name, value in zip(step.values, out):
        values[name][where] = value


def for_rows(model: "PrivateDomainModel", gathering: Gathering) -> Gathered:
    """Step 4: every row's gathered values, once the groups have moved."""
    t = model.customers
    found = dict(gathering.contacts, degree=model.degree)
    if WIRING.group is not None:
        has_group = t.group >= 0
        group = np.maximum(t.group, 0)
        for name in WIRING.group[1].values:
            found[name] = np.where(has_group, model.groups.values[name][group], 0.0)
    gathering.rows = Gathered(**{name: found[name] for name in GATHERED})
    return gathering.rows
