"""Two executors, one result.

Both apply the composed customer day (``customer_day``) to every customer, from yesterday's
state and today's gathers (``gathers``: one path for both). The *vector* executor (default)
applies it to every row: with the compiled engine (default) in one compiled pass
(``kernel.compiled``), with the numpy engine on whole columns, block by block. The *agent*
executor builds one ``Customer(mesa.Agent)`` per row and one ``CommunityGroup`` agent per
group and steps them with Mesa's AgentSet: each group moves its own mood, each customer applies
the same rules (compiled, or numpy on scalars) to its own values. Both read the same per-row
draws and gathers, so with one seed they give identical results: a docking test (Axtell,
Axelrod, Epstein & Cohen 1996).

Each offers ``move_groups`` (the group step), ``step`` (every customer's day, returning a
``DayOutcome``) and ``redo`` (some rows' day again, with other draws: a pilot cap's refused
joiners); ``on_joined`` hears of new group members.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

import numpy as np

from .customer_day import DRAWS, EVENT_NAMES, DayOutcome, customer_day, row_of
from .customers import CommunityGroup, Customer
from .gathers import Rows, blocks, move_groups
from .state import READ_COLUMNS, UPDATED_COLUMNS

if TYPE_CHECKING:  # pragma: no cover
    from .customer_day import Draws, Gathered
    from .gathers import Gathering
    from .model import PrivateDomainModel
    from .today import Today

EXECUTORS = ("vector", "agent")


class Kernel:
    """The compiled engine's inputs for one model: today's plan and the behaviour parameters as
    the named tuples numba reads, made once a day (a lever or a researcher may change
    ``model.behaviour`` mid-run: the numpy engine reads it every day, so must this one)."""

    def __init__(self, model: "PrivateDomainModel"):
        self.model = model
        self._day: tuple | None = None  # (today, plan record, behaviour record)

    def records(self, today: "Today") -> tuple[tuple, tuple]:
        from .kernel.records import behaviour_record, plan_record

        if self._day is None or self._day[0] is not today:
            self._day = (today, plan_record(today.plan), behaviour_record(self.model.behaviour))
        return self._day[1], self._day[2]

    def vector_day(self, today: "Today", draws: "Draws", gathered: "Gathered") -> DayOutcome:
        """Every row's day in one compiled pass."""
        from .kernel.compiled import vector_day

        t = self.model.customers
        out = DayOutcome.empty(len(t))
        vector_day(tuple(getattr(t, name) for name in READ_COLUMNS), t.status, tuple(draws), tuple(gathered),
                   *self.records(today), tuple(getattr(out.next, name) for name in UPDATED_COLUMNS),
                   tuple(getattr(out, name) for name in EVENT_NAMES))
        return out

    def agent_day(self, agent, today: "Today", u: "Draws", g: "Gathered") -> DayOutcome:
        """One agent's day through the same compiled rules."""
        from .kernel.compiled import agent_day
        from .kernel.records import row_record

        plan, behaviour = self.records(today)
        return DayOutcome(*agent_day(row_record(agent), plan, behaviour, u, g))


class VectorExecutor:
    """Apply every rule to whole columns at once (in cache-sized blocks of rows, numpy engine)."""

    name = "vector"

    def __init__(self, model: "PrivateDomainModel"):
        self.model = model
        self.kernel = Kernel(model) if model.engine == "compiled" else None

    def on_joined(self, rows: np.ndarray) -> None:
        """Nothing to do: group membership is the table's ``group`` column."""

    def move_groups(self, today: "Today", gathering: "Gathering") -> None:
        move_groups(self.model, today, gathering)

    def step(self, today: "Today", gathered: "Gathered") -> DayOutcome:
        draws = today.draws
        if self.kernel is not None:
            return self.kernel.vector_day(today, draws, gathered)
        m = self.model
        t = m.customers
        # customer_day is element-wise, so applying it to blocks of rows gives the same numbers
        # as one call on whole columns, while its temporaries stay in cache (docs/performance.md).
        parts = blocks(len(t))
        out: DayOutcome | None = None
        for rows in parts:
            part = customer_day(Rows(t, rows), today.plan, m.behaviour, type(draws)(*(d[rows] for d in draws)),
                                type(gathered)(*(g[rows] for g in gathered)))
            if len(parts) == 1:
                return part
            if out is None:
                out = DayOutcome.empty(len(t))
            out.put(rows, part)
        return out

    def redo(self, rows: np.ndarray, today: "Today", draws: "Draws", gathered: "Gathered") -> DayOutcome:
        """The day of ``rows`` only (one by one, as single rows: the docking test proves a row's
        day is the same alone or among all)."""
        return _redo_rows(self.model, rows, today, draws, gathered)


class AgentExecutor:
    """One Mesa agent per customer, stepped with AgentSet; the readable reference."""

    name = "agent"

    def __init__(self, model: "PrivateDomainModel"):
        self.model = model
        self.kernel = Kernel(model) if model.engine == "compiled" else None
        t = model.customers
        self.customers = [Customer(model, row) for row in range(len(t))]
        self.groups: list[CommunityGroup] = []
        self.on_joined(np.flatnonzero(t.group >= 0))

    def _group_agent(self, gid: int) -> CommunityGroup:
        while len(self.groups) <= gid:
            self.groups.append(CommunityGroup(self.model, len(self.groups)))
        return self.groups[gid]

    def on_joined(self, rows: np.ndarray) -> None:
        t = self.model.customers
        for row in rows:
            gid = int(t.group[row])
            if gid >= 0:
                members = self._group_agent(gid).members
                i = bisect.bisect_left(members, int(row))
                if i == len(members) or members[i] != row:  # one who came back may be listed already
                    members.insert(i, int(row))

    def move_groups(self, today: "Today", gathering: "Gathering") -> None:
        """Each group agent moves its own mood (it reads ``model.gathering`` itself)."""
        if self.groups:
            self.model.agents_by_type[CommunityGroup].do("step")

    def step(self, today: "Today", gathered: "Gathered") -> DayOutcome:
        t = self.model.customers
        self.model.agents_by_type[Customer].do("step")  # each keeps its outcome; the table is untouched
        out = DayOutcome.empty(len(t))
        for c in self.customers:
            out.put(c.row, c.outcome)
        return out

    def redo(self, rows: np.ndarray, today: "Today", draws: "Draws", gathered: "Gathered") -> DayOutcome:
        return _redo_rows(self.model, rows, today, draws, gathered)


def _redo_rows(model: "PrivateDomainModel", rows: np.ndarray, today: "Today", draws: "Draws",
               gathered: "Gathered") -> DayOutcome:
    """Each row's day again, alone, with ``draws`` and ``gathered`` (columns over every row)."""
    out = DayOutcome.empty(len(rows))
    kernel = model.executor.kernel
    for k, row in enumerate(rows):
        agent = _RowView(model.customers, int(row))
        u, g = row_of(draws, row), row_of(gathered, row)
        one = (kernel.agent_day(agent, today, u, g) if kernel is not None
               else customer_day(agent, today.plan, model.behaviour, u, g))
        out.put(k, one)
    return out


class _RowView:
    """One row of the table with the read columns as attributes (what an agent shows)."""

    def __init__(self, table, row: int):
        for name in READ_COLUMNS:
            setattr(self, name, getattr(table, name)[row])


def make_executor(name: str, model: "PrivateDomainModel"):
    if name == "vector":
        return VectorExecutor(model)
    if name == "agent":
        return AgentExecutor(model)
    raise ValueError(f"executor must be one of {EXECUTORS}, got {name!r}")


__all__ = ["AgentExecutor", "DRAWS", "EXECUTORS", "Kernel", "VectorExecutor", "make_executor"]
