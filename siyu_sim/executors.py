"""Two executors, one result.

The *vector* executor (default) applies ``customer_day`` to whole columns and gathers
social effects with a sparse matrix and ``bincount``. The *agent* executor builds one
``Customer(mesa.Agent)`` per row and one ``CommunityGroup`` agent per group and steps
them with Mesa's AgentSet; each applies the same functions to its own scalars and gathers
by iterating its neighbours or members. Sums run in the same (row / CSR) order in both,
and both read the same per-row random draws, so with one seed they give identical results:
a docking test (Axtell, Axelrod, Epstein & Cohen 1996).
"""

from __future__ import annotations

import bisect
from types import SimpleNamespace
from typing import TYPE_CHECKING

import numpy as np

from .customer_day import OUTCOME_KEYS, STATE_COLUMNS, Touches, customer_day
from .customers import CommunityGroup, Customer, Status
from .rules import advocacy, group_mood_update

if TYPE_CHECKING:  # pragma: no cover
    from .model import PrivateDomainModel

EXECUTORS = ("vector", "agent")


def referral_credit(weight, via_referral, sums):
    """Per-referred-row share to hand back to its advocates: w·joined / Σ advocacy of contacts."""
    safe = np.where(sums > 0.0, sums, 1.0)
    return np.where(via_referral & (sums > 0.0), weight / safe, 0.0)


def credited(adv, gathered, weight):
    """Referrals credited to a row, per real customer: its advocacy × gathered shares / w."""
    return adv * gathered / weight


class _Rows:
    """A block of rows of the customer table: the STATE_COLUMNS as views (no copies)."""

    def __init__(self, table, rows: slice):
        for name in STATE_COLUMNS:
            setattr(self, name, getattr(table, name)[rows])


class VectorExecutor:
    """Apply every rule to whole columns at once (in cache-sized blocks of rows)."""

    name = "vector"
    #: Rows per block of the element-wise update: 2¹⁶ rows × 8 bytes keeps each temporary
    #: at 512 KiB, so the update runs from cache instead of main memory.
    chunk_rows = 65_536

    def __init__(self, model: "PrivateDomainModel"):
        self.model = model

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

    def update_moods(self, promo_pushes: float) -> None:
        g = self.model.groups
        num, den = self.group_sums()
        mean = num / np.where(den > 0.0, den, 1.0)
        updated = group_mood_update(g.mood, mean, promo_pushes, self.model.behaviour.groups)
        g.mood = np.where(den > 0.0, updated, g.mood)

    def advocacy_sums(self) -> tuple[np.ndarray, np.ndarray]:
        t = self.model.customers
        adv = advocacy(t.trust, t.status == Status.ACTIVE)
        return adv, self.model.contacts @ adv

    def step(self, touches: Touches, draws: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        m = self.model
        t = m.customers
        n = len(t)
        adv, sums = self.advocacy_sums()
        moods, deg = m.groups.mood, m.degree
        # customer_day is element-wise, so applying it to blocks of rows gives the same numbers
        # as one call on whole columns, while its temporaries stay in cache (docs/performance.md).
        size = max(1, self.chunk_rows)
        out: dict[str, np.ndarray] = {}
        for lo in range(0, max(n, 1), size):
            rows = slice(lo, min(n, lo + size))
            group = t.group[rows]
            mood = np.where(group >= 0, moods[np.maximum(group, 0)], 0.0)
            d = deg[rows]
            pressure = np.where(d > 0, sums[rows] / np.where(d > 0, d, 1.0), 0.0)
            part = customer_day(_Rows(t, rows), mood, pressure, touches, draws["purchase"][rows],
                                draws["referral"][rows], draws["churn"][rows], draws["care"][rows],
                                m.behaviour)
            if size >= n:
                out = part
                break
            if not out:
                out = {k: np.empty(n, dtype=np.result_type(v)) for k, v in part.items()}
            for k, v in part.items():
                out[k][rows] = v
        out["_adv"], out["_sums"] = adv, sums
        return out

    def credit_referrals(self, out: dict[str, np.ndarray]) -> None:
        """Hand each referral back to the referred row's contacts, by advocacy.

        Only the (few) referred rows have a non-zero share, so only their contacts can
        gather anything: the gather runs over those rows of the (symmetric) contact graph,
        in CSR order, which gives the numbers of the whole-graph product; every other row
        would add exactly 0.0.
        """
        t = self.model.customers
        referred = np.flatnonzero(out["via_referral"])
        if not len(referred):
            return
        share = referral_credit(t.weight[referred], True, out["_sums"][referred])
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
        gathered = g[rows] @ full
        t.referrals[rows] += credited(out["_adv"][rows], gathered, t.weight[rows])


class AgentExecutor:
    """One Mesa agent per customer, stepped with AgentSet; the readable reference."""

    name = "agent"

    def __init__(self, model: "PrivateDomainModel"):
        self.model = model
        t = model.customers
        self.customers = [Customer(model, row) for row in range(len(t))]
        self.groups: list[CommunityGroup] = []
        self._out: dict[str, np.ndarray] = {}
        self._today: SimpleNamespace | None = None
        members = np.flatnonzero(t.group >= 0)
        self.on_joined(members)

    # --- membership ------------------------------------------------------------------
    def _group_agent(self, gid: int) -> CommunityGroup:
        while len(self.groups) <= gid:
            self.groups.append(CommunityGroup(self.model, len(self.groups)))
        return self.groups[gid]

    def on_joined(self, rows: np.ndarray) -> None:
        t = self.model.customers
        for row in rows:
            gid = int(t.group[row])
            if gid >= 0:
                bisect.insort(self._group_agent(gid).members, int(row))

    # --- gathers -----------------------------------------------------------------------
    def update_moods(self, promo_pushes: float) -> None:
        g = self.model.groups
        params = self.model.behaviour.groups
        for group in self.groups:
            num, den = group.gather()
            if den > 0.0:
                g.mood[group.gid] = group_mood_update(g.mood[group.gid], num / den, promo_pushes, params)

    def _advocacy_sum(self, customer: Customer) -> float:
        t = self.model.customers
        total = 0.0
        for j in customer.neighbours():
            total += advocacy(t.trust[j], t.status[j] == Status.ACTIVE)
        return total

    # --- the day -----------------------------------------------------------------------
    def step(self, touches: Touches, draws: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        n = len(self.model.customers)
        t = self.model.customers
        self._today = SimpleNamespace(touches=touches, draws=draws)
        self._out = {
            "status": np.empty(n, dtype=np.int64), "trust": np.empty(n), "activity": np.empty(n),
            "fatigue": np.empty(n), "ref_price": np.empty(n), "deal_memory": np.empty(n),
            "days_since_purchase": np.empty(n), "bought": np.empty(n, dtype=bool), "units": np.empty(n),
            "paid": np.empty(n), "joined": np.empty(n, dtype=bool),
            "via_referral": np.empty(n, dtype=bool), "care": np.empty(n, dtype=bool),
            "_adv": advocacy(t.trust, t.status == Status.ACTIVE), "_sums": np.zeros(n),
        }
        self.model.agents_by_type[Customer].do("step")
        return self._out

    def step_customer(self, c: Customer) -> None:
        m = self.model
        t = m.customers
        row = c.row
        state = SimpleNamespace(**{name: getattr(t, name)[row] for name in STATE_COLUMNS})
        gid = state.group
        mood = m.groups.mood[gid] if gid >= 0 else 0.0
        sums = self._advocacy_sum(c)
        deg = m.degree[row]
        pressure = sums / deg if deg > 0 else 0.0
        d = self._today.draws
        res = customer_day(state, mood, pressure, self._today.touches, d["purchase"][row],
                           d["referral"][row], d["churn"][row], d["care"][row], m.behaviour)
        out = self._out
        out["_sums"][row] = sums
        for key in OUTCOME_KEYS:
            out[key][row] = res[key]

    def credit_referrals(self, out: dict[str, np.ndarray]) -> None:
        t = self.model.customers
        self._share = referral_credit(t.weight, out["via_referral"], out["_sums"])
        self._adv = out["_adv"]
        if self._share.any():
            self.model.agents_by_type[Customer].do("credit_referrals")

    def credit_customer(self, c: Customer) -> None:
        t = self.model.customers
        gathered = 0.0
        for j in c.neighbours():
            gathered += self._share[j]
        t.referrals[c.row] += credited(self._adv[c.row], gathered, t.weight[c.row])


def make_executor(name: str, model: "PrivateDomainModel"):
    if name == "vector":
        return VectorExecutor(model)
    if name == "agent":
        return AgentExecutor(model)
    raise ValueError(f"executor must be one of {EXECUTORS}, got {name!r}")
