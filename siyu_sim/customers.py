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
from .customer_day import DayOutcome, customer_day, row_of
from .gathers import move_groups
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
        """Rows not in the private domain: prospects, those who left, and people in the market
        not yet buying from the brand (the ones a channel can add)."""
        s = self.status
        return (s == Status.PROSPECT) | (s == Status.CHURNED) | (s == Status.POTENTIAL)

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
    ``customer.status``, ...). Each day ``step`` applies the composed customer day
    (``customer_day``) — the function the vector executor applies to whole columns — to its own
    values, today's draws and what it gathered (its group's mood, its contacts' advocacy:
    ``model.gathering``), and keeps the result in ``outcome``; the agent executor writes the
    outcomes back when every agent has stepped (synchronous update).
    """

    def __init__(self, model: mesa.Model, row: int):
        super().__init__(model)
        self.row = row
        self.outcome: DayOutcome | None = None  # today's, set by step

    def step(self) -> None:
        """One day: read today's inputs (``model.today``) and gathers, apply the day's rules."""
        m = self.model
        today = m.today
        u = row_of(today.draws, self.row)
        g = row_of(m.gathering.rows, self.row)
        kernel = m.executor.kernel
        if kernel is not None:  # the compiled engine: the same compiled rules as the vector executor
            self.outcome = kernel.agent_day(self, today, u, g)
        else:
            self.outcome = customer_day(self, today.plan, m.behaviour, u, g)


def _row_attribute(column: Column) -> property:
    name = column.name
    return property(lambda self: getattr(self.model.customers, name)[self.row], doc=column.meaning)


# The agent's state attributes, derived from the one declaration of the columns.
for _column in STATE:
    if hasattr(Customer, _column.name):
        raise TypeError(f"state column {_column.name!r} would hide an attribute of Customer")
    setattr(Customer, _column.name, _row_attribute(_column))


class CommunityGroup(mesa.Agent):
    """A community group (社群) as a Mesa agent (agent executor): each day it moves its own mood
    by the groups behaviour's step (``rules.mood``) from what its members gave today's gather.

    ``members`` holds the rows ever assigned, kept sorted (row order); a row that left and came
    back to another group is no longer counted here (its ``group`` moved).
    """

    def __init__(self, model: mesa.Model, gid: int):
        super().__init__(model)
        self.gid = gid
        self.members: list[int] = []

    def step(self) -> None:
        """Today's mood: the group step on this group's own sums."""
        m = self.model
        move_groups(m, m.today, m.gathering, ids=np.array([self.gid]))
