"""The transaction log: every order every customer row places, day by day.

Opt-in (``PrivateDomainModel(..., transactions=True)``): when off, the model keeps no log and
pays nothing. When on, each day's ``DayOutcome`` is read where ``bought`` is true — members'
orders and the orders prospects and those who left place outside the private domain — so
that buy-till-you-die models (BG/NBD, Pareto/NBD) and spend models (Gamma-Gamma) can be fitted
to simulated customers (``model.transactions``; ``siyu run --transactions out.parquet``).

Columns (one row per order):

| column | meaning |
| --- | --- |
| ``customer`` | row of the customer table |
| ``day`` | simulated day (0-based) |
| ``units`` | order size, in average orders at list price |
| ``paid_cny`` | CNY paid for the order |
| ``list_price_cny`` | list price of one average order that day |
| ``discount_cny`` | units × list price − paid: what the discount gave away on this order |
| ``member`` | a member (active or muted) when the day began: the order entered the ledger |
| ``source`` | acquisition source name (``none`` for a customer the private domain never had) |
| ``segment`` | segment name |
| ``weight`` | real customers the row stands for (counts and money are per real customer) |
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:  # pragma: no cover
    from .customer_day import DayOutcome
    from .customers import CustomerTable

TRANSACTION_COLUMNS = ("customer", "day", "units", "paid_cny", "list_price_cny", "discount_cny",
                       "member", "source", "segment", "weight")


class TransactionLog:
    """Orders as they happen, kept as per-day blocks of arrays and joined on demand."""

    def __init__(self) -> None:
        self._blocks: list[dict[str, np.ndarray]] = []

    def record(self, day: int, table: "CustomerTable", out: "DayOutcome", list_price: float) -> None:
        """Keep today's orders (rows where ``out.bought``), reading the table as it stood when
        the day's customer update ran (before the write-back)."""
        rows = np.flatnonzero(out.bought)
        if not len(rows):
            return
        units = np.broadcast_to(np.asarray(out.units, dtype=float), out.bought.shape)[rows]
        paid = np.asarray(out.paid, dtype=float)[rows]
        self._blocks.append({
            "customer": rows.astype(np.int64), "day": np.full(len(rows), day, dtype=np.int32),
            "units": units, "paid_cny": paid, "list_price_cny": np.full(len(rows), float(list_price)),
            "discount_cny": units * list_price - paid, "member": np.asarray(out.was_member)[rows].astype(bool),
            "source": table.source[rows].copy(), "segment": table.segment[rows].copy(),
            "weight": table.weight[rows].copy()})

    def __len__(self) -> int:
        return sum(len(b["customer"]) for b in self._blocks)

    def frame(self, sources: list[str], segments: list[str]) -> pd.DataFrame:
        """Every order so far, one row each, in day order (within a day, by customer row);
        ``source`` and ``segment`` as categories named by the model's lists."""
        if self._blocks:
            data = {name: np.concatenate([b[name] for b in self._blocks]) for name in TRANSACTION_COLUMNS}
        else:
            data = {"customer": np.zeros(0, np.int64), "day": np.zeros(0, np.int32), "member": np.zeros(0, bool),
                    "source": np.zeros(0, np.int8), "segment": np.zeros(0, np.int8),
                    **{name: np.zeros(0) for name in ("units", "paid_cny", "list_price_cny", "discount_cny",
                                                      "weight")}}
        frame = pd.DataFrame({name: data[name] for name in TRANSACTION_COLUMNS})
        frame["source"] = pd.Categorical.from_codes(frame["source"].astype(np.int64), categories=list(sources))
        frame["segment"] = pd.Categorical.from_codes(frame["segment"].astype(np.int64), categories=list(segments))
        return frame
