"""Two executors, one result.

The *vector* executor (default) applies the day's rules to every row: with the compiled
engine (default) in one compiled pass, contact sums included (``kernel.compiled``); with the
numpy engine ``customer_day`` on whole columns, contact sums by a sparse product. Group moods
come from ``bincount``. The *agent* executor builds one ``Customer(mesa.Agent)`` per row and
one ``CommunityGroup`` agent per group and steps them with Mesa's AgentSet; each applies the
same rules (compiled, or numpy on scalars) to its own values and gathers by iterating its
neighbours or members. Sums run in the same (row / CSR) order in both,
and both read the same per-row random draws, so with one seed they give identical results:
a docking test (Axtell, Axelrod, Epstein & Cohen 1996).

Both offer the same three steps of the day: ``update_moods`` (gather: group mood),
``step`` (every customer's day, returning a ``DayOutcome`` and the advocacy gathered) and
``credit_referrals``; ``on_joined`` hears of new group members.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .credit import credited, referral_credit
from .customer_day import EVENT_NAMES, DayOutcome, customer_day
from .customers import CommunityGroup, Customer, Status
from .rules import advocacy, group_mood_update
from .state import READ_COLUMNS, UPDATED_COLUMNS

if TYPE_CHECKING:  # pragma: no cover
    from .model import PrivateDomainModel
    from .today import Today

EXECUTORS = ("vector", "agent")


@dataclass
class Advocacy:
    """Today's advocacy (yesterday's state) of each row, its sum over each row's contacts, and
    the sum of advocacy × trust over them (for the trust a referral carries)."""

    own: np.ndarray
    contact_sums: np.ndarray
    trust_sums: np.ndarray

    def advocate_trust(self, rows) -> np.ndarray:
        """Advocacy-weighted mean trust of each row's contacts (0 where none advocates)."""
        sums = self.contact_sums[rows]
        return np.where(sums > 0.0, self.trust_sums[rows] / np.where(sums > 0.0, sums, 1.0), 0.0)


class _Rows:
    """A block of rows of the customer table: the columns customer_day reads, as views."""

    def __init__(self, table, rows: slice):
        for name in READ_COLUMNS:
            setattr(self, name, getattr(table, name)[rows])


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

    def vector_day(self, today: "Today") -> tuple[DayOutcome, Advocacy]:
        """Every row's day, gathers included, in one compiled pass."""
        from .kernel.compiled import vector_day

        m, d = self.model, today.draws
        t = m.customers
        n = len(t)
        out = DayOutcome.empty(n)
        gathered = Advocacy(np.empty(n), np.empty(n), np.empty(n))
        g = m.contacts
        vector_day(tuple(getattr(t, name) for name in READ_COLUMNS), t.group, t.status, t.trust, g.indptr,
                   g.indices, m.groups.mood, m.degree, d.purchase, d.referral, d.churn, d.care, d.lapse,
                   *self.records(today), tuple(getattr(out.next, name) for name in UPDATED_COLUMNS),
                   tuple(getattr(out, name) for name in EVENT_NAMES), gathered.own, gathered.contact_sums,
                   gathered.trust_sums)
        return out, gathered

    def agent_day(self, agent, mood, pressure, today: "Today", row: int, advocate_trust) -> DayOutcome:
        """One agent's day through the same compiled rules."""
        from .kernel.compiled import agent_day
        from .kernel.records import row_record

        d = today.draws
        plan, behaviour = self.records(today)
        return DayOutcome(*agent_day(row_record(agent), mood, pressure, plan, d.purchase[row], d.referral[row],
                                     d.churn[row], d.care[row], d.lapse[row], behaviour, advocate_trust))


class VectorExecutor:
    """Apply every rule to whole columns at once (in cache-sized blocks of rows)."""

    name = "vector"
    #: Rows per block of the element-wise update: 2¹⁶ rows × 8 bytes keeps each temporary
    #: at 512 KiB, so the update runs from cache instead of main memory.
    chunk_rows = 65_536

    def __init__(self, model: "PrivateDomainModel"):
        self.model = model
        self.kernel = Kernel(model) if model.engine == "compiled" else None

    def on_joined(self, rows: np.ndarray) -> None:
        """Nothing to do: group membership is the table's ``group`` column."""

    def group_sums(self) -> tuple[np.ndarray, np.ndarray]:
        t = self.model.customers
        n_groups = self.model.groups.count
        key = t.group.astype(np.int64) + 1
        status = t.status
        active_w = t.weight * t.activity * (status == Status.ACTIVE)
        member_w = t.weight * ((status == Status.ACTIVE) | (status == Status.MUTED))
        num = np.bincount(key, weights=active_w, minlength=n_groups + 1)[1:]
        den = np.bincount(key, weights=member_w, minlength=n_groups + 1)[1:]
        return num, den

    def update_moods(self, today: "Today") -> None:
        g = self.model.groups
        num, den = self.group_sums()
        mean = num / np.where(den > 0.0, den, 1.0)
        promo_pushes = today.plan.broadcasts * today.plan.broadcast_promo
        updated = group_mood_update(g.mood, mean, promo_pushes, self.model.behaviour.groups)
        g.mood = np.where(den > 0.0, updated, g.mood)

    def gather_advocacy(self) -> Advocacy:
        t = self.model.customers
        adv = advocacy(t.trust, t.status == Status.ACTIVE)
        graph = self.model.contacts.matrix
        return Advocacy(adv, graph @ adv, graph @ (adv * t.trust))

    def step(self, today: "Today") -> tuple[DayOutcome, Advocacy]:
        if self.kernel is not None:
            return self.kernel.vector_day(today)
        m = self.model
        t = m.customers
        n = len(t)
        gathered = self.gather_advocacy()
        sums, draws = gathered.contact_sums, today.draws
        moods, deg = m.groups.mood, m.degree
        # customer_day is element-wise, so applying it to blocks of rows gives the same numbers
        # as one call on whole columns, while its temporaries stay in cache (docs/performance.md).
        size = max(1, self.chunk_rows)
        out: DayOutcome | None = None
        for lo in range(0, max(n, 1), size):
            rows = slice(lo, min(n, lo + size))
            group = t.group[rows]
            mood = np.where(group >= 0, moods[np.maximum(group, 0)], 0.0)
            d = deg[rows]
            pressure = np.where(d > 0, sums[rows] / np.where(d > 0, d, 1.0), 0.0)
            part = customer_day(_Rows(t, rows), mood, pressure, today.plan, draws.purchase[rows],
                                draws.referral[rows], draws.churn[rows], draws.care[rows], draws.lapse[rows],
                                m.behaviour,
                                advocate_trust=gathered.advocate_trust(rows))
            if size >= n:
                out = part
                break
            if out is None:
                out = DayOutcome.empty(n)
            out.put(rows, part)
        return out, gathered

    def credit_referrals(self, out: DayOutcome, gathered: Advocacy) -> None:
        """Hand each referral back to the referred row's contacts, by advocacy.

        Only the (few) referred rows have a non-zero share, so only their contacts can
        gather anything: the gather runs over those rows of the (symmetric) contact graph,
        in CSR order, which gives the numbers of the whole-graph product; every other row
        would add exactly 0.0.
        """
        t = self.model.customers
        referred = np.flatnonzero(out.via_referral)
        if not len(referred):
            return
        share = referral_credit(t.weight[referred], True, gathered.contact_sums[referred])
        keep = share != 0.0
        if not keep.any():
            return
        referred, share = referred[keep], share[keep]
        g = self.model.contacts
        starts, stops = g.indptr[referred], g.indptr[referred + 1]
        lengths = stops - starts
        offsets = np.repeat(starts - np.cumsum(lengths) + lengths, lengths)
        rows = np.unique(g.indices[offsets + np.arange(lengths.sum())])
        if not len(rows):
            return
        full = np.zeros(len(t))
        full[referred] = share
        received = g.sums_over(rows, full)
        t.referrals[rows] += credited(gathered.own[rows], received, t.weight[rows])


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

    def update_moods(self, today: "Today") -> None:
        """Each group agent moves its mood (it reads ``model.today`` itself)."""
        if self.groups:
            self.model.agents_by_type[CommunityGroup].do("step")

    def step(self, today: "Today") -> tuple[DayOutcome, Advocacy]:
        t = self.model.customers
        own = advocacy(t.trust, t.status == Status.ACTIVE)
        self.model.agents_by_type[Customer].do("step")  # each keeps its outcome; the table is untouched
        out = DayOutcome.empty(len(t))
        sums = np.zeros(len(t))
        trust_sums = np.zeros(len(t))
        for c in self.customers:
            out.put(c.row, c.outcome)
            sums[c.row], trust_sums[c.row] = c.contact_advocacy
        return out, Advocacy(own, sums, trust_sums)

    def credit_referrals(self, out: DayOutcome, gathered: Advocacy) -> None:
        t = self.model.customers
        share = referral_credit(t.weight, out.via_referral, gathered.contact_sums)
        if share.any():
            self.model.agents_by_type[Customer].do("credit_referrals", share, gathered.own)


def make_executor(name: str, model: "PrivateDomainModel"):
    if name == "vector":
        return VectorExecutor(model)
    if name == "agent":
        return AgentExecutor(model)
    raise ValueError(f"executor must be one of {EXECUTORS}, got {name!r}")
