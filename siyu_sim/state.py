"""Every per-customer state column, declared once: name, dtype, initial value, meaning.

The customer table's columns, their day-0 values, the agent's attributes, what
``customer_day`` reads and what it writes back each day are all derived from ``STATE``
(the idea of starsim's ``define_states``). Adding a column is one ``Column`` here plus the
rule that uses it (docs/extending.md).

``initial`` is a constant or a function of the day-0 draw (``initial.InitialDraw``: each
row's segment, traits and channels, drawn in a fixed order from the population stream).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

import numpy as np

from .rules.status import Status

if TYPE_CHECKING:  # pragma: no cover
    from .initial import InitialDraw


@dataclass(frozen=True)
class Column:
    """One per-customer state column."""

    name: str
    dtype: Any  # numpy dtype of the column
    initial: Any  # a constant, or a function InitialDraw -> one value per row
    meaning: str
    #: ``customer_day`` reads it (yesterday's value).
    read: bool = False
    #: ``customer_day`` returns its next value, written back at the end of the day (implies read).
    updated: bool = False

    def initial_values(self, draw: "InitialDraw") -> np.ndarray:
        value = self.initial(draw) if callable(self.initial) else self.initial
        if np.ndim(value) == 0:
            return np.full(draw.n, value, dtype=self.dtype)
        return np.array(value, dtype=self.dtype)  # a copy: no two columns share memory


def _trait(attr: str) -> Callable[["InitialDraw"], np.ndarray]:
    return lambda draw: draw.trait(attr)


STATE: tuple[Column, ...] = (
    Column("segment", np.int8, lambda d: d.segment, "index into Population.segments", read=True),
    Column("status", np.int8, lambda d: np.where(d.member, Status.ACTIVE, Status.PROSPECT),
           "Status code: where the customer stands", updated=True),
    Column("group", np.int32, -1, "community group id, -1 if none", read=True),
    Column("friend", bool, lambda d: d.member,
           "WeCom / personal-account friend (reachable 1:1 and by Moments)", read=True),
    Column("on_wecom", bool, lambda d: np.where(d.member, d.on_wecom, True),
           "held on WeCom (compliant) rather than a personal account"),
    Column("store_shopper", bool, lambda d: d.store_shopper, "shops in physical stores"),
    Column("trust", float, _trait("initial_trust"), "trust in the brand, in [0, 1]", updated=True),
    Column("activity", float, _trait("initial_activity"), "attention, in [0, 1]", updated=True),
    Column("fatigue", float, 0.0, "fatigue from touches, in [0, 1]", updated=True),
    Column("ref_price", float, lambda d: d.list_price, "CNY: the price this customer now expects",
           updated=True),
    Column("deal_memory", float, 0.0, "discount depth this customer has learned to expect, in [0, 1]",
           updated=True),
    Column("days_since_purchase", float, lambda d: d.days_since_purchase, "days since the last order",
           updated=True),
    Column("lapsed", bool, False, "stopped buying from the brand for good", updated=True),
    Column("need_cycle", float, lambda d: d.need_cycle, "typical days between orders (trait)", read=True),
    Column("price_sensitivity", float, _trait("price_sensitivity"), "response to the deal (trait)",
           read=True),
    Column("lapse_propensity", float, lambda d: d.lapse_propensity,
           "how prone to stop buying, relative to the average customer (trait)", read=True),
    Column("tolerance", float, lambda d: d.tolerance, "touches per day before fatigue builds (trait)",
           read=True),
    Column("referred", bool, False,
           "joined on a contact's recommendation: has a friend in the private domain", updated=True),
    Column("spend", float, 0.0, "CNY paid as a member, per real customer"),
    Column("margin", float, 0.0, "CNY gross margin as a member, per real customer"),
    Column("orders", np.int32, 0, "orders as a member"),
    Column("last_order_day", np.int32, -1, "day of the last order placed as a member, -1 if none"),
    Column("referrals", float, 0.0, "referrals credited, per real customer"),
    Column("source", np.int8, 0, "index into the model's acquisition source names"),
    Column("join_day", np.int32, -1, "day joined, -1 if never"),
    Column("weight", float, lambda d: d.weight, "real customers this row stands for"),
)

COLUMNS: dict[str, Column] = {c.name: c for c in STATE}
#: Columns ``customer_day`` reads, in declaration order.
READ_COLUMNS = tuple(c.name for c in STATE if c.read or c.updated)
#: Columns ``customer_day`` returns the next value of, written back at the end of each day.
UPDATED_COLUMNS = tuple(c.name for c in STATE if c.updated)
