"""Customers: one columnar table (numpy arrays, one row per customer, columns declared in
``state.py``) and the Mesa agents: one per customer row, one per community group.

A row may stand for ``weight`` real customers, so that 10⁷-member pools can be simulated
with 10⁵–10⁶ rows; every count and money figure is multiplied by the weight.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import mesa
import numpy as np

from .rules.status import Status
from .credit import credited
from .customer_day import DayOutcome, customer_day
from .rules import advocacy, group_mood_update
from .state import COLUMNS, STATE, Column
from .sums import dot

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .initial import InitialDraw

__all__ = ["BASE_SOURCES", "CommunityGroup", "Customer", "CustomerTable", "Status", "exact_unit_weight"]

#: Acquisition sources that exist in every model; levers add their own names.
BASE_SOURCES = ("none", "initial", "organic", "referral")


class CustomerTable:
    """All per-customer state, one numpy array per column; the columns are ``state.STATE``
    (``table.trust``, ``table.status``, ...)."""

    def __init__(self, **columns: np.ndarray):
        given, declared = set(columns), set(COLUMNS)
        if given != declared:
            raise TypeError(f"CustomerTable needs exactly the declared columns; missing "
                            f"{sorted(declared - given)}, unknown {sorted(given - declared)}")
        for column in STATE:
            setattr(self, column.name, columns[column.name])
        self._weight_unit: float | None = None

    @classmethod
    def initial(cls, draw: "InitialDraw") -> "CustomerTable":
        """Day 0: every declared column at its initial value."""
        return cls(**{column.name: column.initial_values(draw) for column in STATE})

    def __len__(self) -> int:
        return len(self.status)

    @property
    def weight_unit(self) -> float | None:
        """Weight shared by every row, when weighted counts can be computed as count × weight
        with exactly the same result (see ``exact_unit_weight``); None otherwise. Refreshed by
        ``refresh_weight_unit`` (the model does so at the start of every day: change weights
        between days, not during one)."""
        return self._weight_unit

    def refresh_weight_unit(self) -> float | None:
        self._weight_unit = exact_unit_weight(self.weight)
        return self._weight_unit

    def weight_of(self, mask: np.ndarray) -> float:
        """Real customers in the rows where the boolean ``mask`` is true: exactly
        ``float(weight[mask].sum())``, computed as count × weight when every row has the same
        (exactly summable) weight."""
        unit = self._weight_unit
        if unit is None:
            return float(self.weight[mask].sum())
        return np.count_nonzero(mask) * unit

    def weight_dot(self, mask: np.ndarray) -> float:
        """``sums.dot(weight, mask)`` exactly (a fixed summation order, not BLAS), computed as
        count × weight when the weight is uniform (the bookkeeping sums that are dot products)."""
        unit = self._weight_unit
        if unit is None:
            return dot(self.weight, mask)
        return np.count_nonzero(mask) * unit

    def weight_by(self, codes: np.ndarray, length: int) -> np.ndarray:
        """``np.bincount(codes, weights=weight, minlength=length)``, exactly, faster when the
        weight is uniform."""
        unit = self._weight_unit
        if unit is None:
            return np.bincount(codes, weights=self.weight, minlength=length)
        return np.bincount(codes, minlength=length) * unit

    def outside(self) -> np.ndarray:
        """Rows not in the private domain: prospects and those who left (the ones a channel
        can add)."""
        return (self.status == Status.PROSPECT) | (self.status == Status.CHURNED)

    @staticmethod
    def column_names() -> list[str]:
        return [column.name for column in STATE]

    def nbytes(self) -> int:
        return sum(getattr(self, name).nbytes for name in self.column_names())

    def to_frame(self) -> "pd.DataFrame":
        """All columns as a pandas DataFrame (one row per table row), for inspection."""
        import pandas as pd

        return pd.DataFrame({name: getattr(self, name) for name in self.column_names()})


def exact_unit_weight(weight: np.ndarray) -> float | None:
    """The common weight ``c`` of every row if any sum of up to ``len(weight)`` copies of it is
    exact in float64 (so that every summation order, and ``count * c``, give the same number);
    else None.

    With ``c = m · 2^e`` (m odd), ``j·c`` is exactly representable for all ``j ≤ n`` when
    ``n·m < 2^53``; then every partial sum is exact, whatever the order. Weight 1 (the default)
    and other short binary fractions qualify; 0.1 does not.
    """
    n = len(weight)
    if n == 0:
        return None
    c = float(weight[0])
    if not (math.isfinite(c) and c >= 1e-290 and n * c < 1e290):
        return None
    if not (weight.min() == c and weight.max() == c):
        return None
    mantissa, _ = math.frexp(c)
    m = int(mantissa * (1 << 53))
    while m % 2 == 0:
        m //= 2
    return c if n * m < (1 << 53) else None


class Customer(mesa.Agent):
    """One customer as a Mesa agent, owning one row of the table.

    Its attributes are the declared state columns, read from its row (``customer.trust``,
    ``customer.status``, ...). Each day ``step`` applies ``customer_day`` — the function the
    vector executor applies to whole columns — to its own values and keeps the result in
    ``outcome``; the agent executor writes the outcomes back when every agent has stepped
    (synchronous update).
    """

    def __init__(self, model: mesa.Model, row: int):
        super().__init__(model)
        self.row = row
        self.outcome: DayOutcome | None = None  # today's, set by step
        #: today's (Σ advocacy, Σ advocacy × trust) over its contacts, set by step
        self.contact_advocacy = (0.0, 0.0)

    def neighbours(self) -> np.ndarray:
        """Rows of this customer's contacts in the referral graph, in CSR order."""
        graph = self.model.contacts
        return graph.indices[graph.indptr[self.row]:graph.indptr[self.row + 1]]

    def gather_advocacy(self) -> tuple[float, float]:
        """(Σ advocacy, Σ advocacy × trust) of its contacts (yesterday's state), in CSR order
        like the vector gather."""
        t = self.model.customers
        total = 0.0
        trust_total = 0.0
        for j in self.neighbours():
            adv = advocacy(t.trust[j], t.status[j] == Status.ACTIVE)
            total += adv
            trust_total += adv * t.trust[j]
        return total, trust_total

    def step(self) -> None:
        """One day: read today's inputs (``model.today``), gather, apply ``customer_day``."""
        m = self.model
        today = m.today
        row = self.row
        group = self.group
        mood = m.groups.mood[group] if group >= 0 else 0.0
        self.contact_advocacy = sums, trust_sums = self.gather_advocacy()
        degree = m.degree[row]
        pressure = sums / degree if degree > 0 else 0.0
        advocate_trust = trust_sums / sums if sums > 0.0 else 0.0
        d = today.draws
        self.outcome = customer_day(self, mood, pressure, today.plan, d.purchase[row], d.referral[row],
                                    d.churn[row], d.care[row], d.lapse[row], m.behaviour, advocate_trust=advocate_trust)

    def credit_referrals(self, share: np.ndarray, advocacy_today: np.ndarray) -> None:
        """Take its part of each referral its contacts made today (``share`` per referred row)."""
        t = self.model.customers
        gathered = 0.0
        for j in self.neighbours():
            gathered += share[j]
        t.referrals[self.row] += credited(advocacy_today[self.row], gathered, t.weight[self.row])


def _row_attribute(column: Column) -> property:
    name = column.name
    return property(lambda self: getattr(self.model.customers, name)[self.row], doc=column.meaning)


# The agent's state attributes, derived from the one declaration of the columns.
for _column in STATE:
    if hasattr(Customer, _column.name):
        raise TypeError(f"state column {_column.name!r} would hide an attribute of Customer")
    setattr(Customer, _column.name, _row_attribute(_column))


class CommunityGroup(mesa.Agent):
    """A community group (社群) as a Mesa agent (agent executor): each day its mood moves
    toward its members' activity, gathered by iterating its members.

    ``members`` holds the rows ever assigned, kept sorted so that sums run in row order
    (the same order as the vector executor's ``bincount``), which keeps both bit-identical;
    a row that left and came back to another group is skipped here (its ``group`` moved).
    """

    def __init__(self, model: mesa.Model, gid: int):
        super().__init__(model)
        self.gid = gid
        self.members: list[int] = []

    def gather(self) -> tuple[float, float]:
        """(Σ weight·activity over active members, Σ weight over members) in row order."""
        t = self.model.customers
        num = 0.0
        den = 0.0
        gid = self.gid
        for row in self.members:
            if t.group[row] != gid:  # left and came back to another group
                continue
            s = t.status[row]
            w = t.weight[row]
            if s == Status.ACTIVE:
                num += w * t.activity[row]
                den += w
            elif s == Status.MUTED:
                num += w * 0.0
                den += w
        return num, den

    def step(self) -> None:
        """Today's mood: toward the members' mean activity, damped by promotional pushes."""
        m = self.model
        num, den = self.gather()
        if den > 0.0:
            plan = m.today.plan
            mood = m.groups.mood
            mood[self.gid] = group_mood_update(mood[self.gid], num / den, plan.broadcasts * plan.broadcast_promo,
                                               m.behaviour.groups)
