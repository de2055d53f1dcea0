"""Customers: one columnar table (numpy arrays, one row per customer) and the Mesa agent
that reads and writes one row of it.

A row may stand for ``weight`` real customers, so that 10⁷-member pools can be simulated
with 10⁵–10⁶ rows; every count and money figure is multiplied by the weight.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from enum import IntEnum

import mesa
import numpy as np


class Status(IntEnum):
    """Where a customer stands with the private domain. Every row is in exactly one."""

    PROSPECT = 0  # reachable, not (yet) in the private domain
    ACTIVE = 1  # member who reads
    MUTED = 2  # member who muted (免打扰): still in, no longer reads group pushes
    CHURNED = 3  # left the group / deleted the friend (退群), or lost to an account ban


STATUS_NAMES = tuple(s.name.lower() for s in Status)

#: Acquisition sources that exist in every model; levers add their own names.
BASE_SOURCES = ("none", "initial", "organic", "referral")


@dataclass
class CustomerTable:
    """All per-customer state, one numpy array per column."""

    segment: np.ndarray  # int8 index into Population.segments
    status: np.ndarray  # int8 Status
    group: np.ndarray  # int32 community group id, -1 if none
    friend: np.ndarray  # bool: WeCom / personal-account friend (reachable 1:1 and by Moments)
    on_wecom: np.ndarray  # bool: held on WeCom (compliant) rather than a personal account
    official_account: np.ndarray  # bool: follows the official account
    store_shopper: np.ndarray  # bool: shops in physical stores
    trust: np.ndarray  # float64 in [0, 1]
    activity: np.ndarray  # float64 in [0, 1]: attention
    fatigue: np.ndarray  # float64 in [0, 1]
    ref_price: np.ndarray  # float64 CNY: the price this customer now expects
    deal_memory: np.ndarray  # float64 in [0, 1]: discount depth this customer has learned to expect
    days_since_purchase: np.ndarray  # float64 days
    need_cycle: np.ndarray  # float64 days (trait)
    price_sensitivity: np.ndarray  # float64 (trait)
    tolerance: np.ndarray  # float64 touches per day (trait)
    spend: np.ndarray  # float64 CNY paid as a member, per real customer
    margin: np.ndarray  # float64 CNY gross margin as a member, per real customer
    orders: np.ndarray  # int32 orders as a member
    referrals: np.ndarray  # float64 referrals credited, per real customer
    source: np.ndarray  # int8 index into the model's acquisition source names
    join_day: np.ndarray  # int32 day joined, -1 if never
    weight: np.ndarray  # float64 real customers per row

    #: Weight shared by every row, when weighted counts can be computed as count × weight
    #: with exactly the same result (see ``exact_unit_weight``); None otherwise. Refreshed by
    #: ``refresh_weight_unit`` (the model does so at the start of every day: change weights
    #: between days, not during one).
    _weight_unit = None

    def __len__(self) -> int:
        return len(self.status)

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

    def weight_by(self, codes: np.ndarray, length: int) -> np.ndarray:
        """``np.bincount(codes, weights=weight, minlength=length)``, exactly, faster when the
        weight is uniform."""
        unit = self._weight_unit
        if unit is None:
            return np.bincount(codes, weights=self.weight, minlength=length)
        return np.bincount(codes, minlength=length) * unit

    @classmethod
    def column_names(cls) -> list[str]:
        return [f.name for f in fields(cls)]

    def nbytes(self) -> int:
        return sum(getattr(self, name).nbytes for name in self.column_names())

    def to_frame(self):
        """All columns as a pandas DataFrame (one row per table row), for inspection."""
        import pandas as pd

        return pd.DataFrame({name: getattr(self, name) for name in self.column_names()})


_COLUMN_NAMES = frozenset(CustomerTable.column_names())


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
    """One customer as a Mesa agent: a view onto one row of the table.

    The agent executor steps these with Mesa's AgentSet; each applies the same rule
    functions as the vector executor, to its own scalar values.
    """

    def __init__(self, model: mesa.Model, row: int):
        super().__init__(model)
        self.row = row

    def __getattr__(self, name: str):
        # Called only for names that are not ordinary attributes: expose the row's state
        # (customer.trust, customer.status, ...).
        if name in _COLUMN_NAMES:
            return getattr(self.model.customers, name)[self.row]
        raise AttributeError(name)

    def neighbours(self) -> np.ndarray:
        """Rows of this customer's contacts in the referral graph, in CSR order."""
        graph = self.model.contacts
        return graph.indices[graph.indptr[self.row]:graph.indptr[self.row + 1]]

    def step(self) -> None:
        self.model.executor.step_customer(self)

    def credit_referrals(self) -> None:
        self.model.executor.credit_customer(self)


class CommunityGroup(mesa.Agent):
    """A community group (社群), used by the agent executor to gather its members' state.

    ``members`` holds the rows ever assigned, kept sorted so that sums run in row order
    (the same order as the vector executor's ``bincount``), which keeps both bit-identical.
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
        for row in self.members:
            s = t.status[row]
            w = t.weight[row]
            if s == Status.ACTIVE:
                num += w * t.activity[row]
                den += w
            elif s == Status.MUTED:
                num += w * 0.0
                den += w
        return num, den
