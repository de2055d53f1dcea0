"""The columns an observed-data CSV may have (``siyu calibrate``), and what each means in the
model: one home for the names, so the CSV reader, the calibration file's ``[metrics]``, the
template and the simulated tables agree.

Each observed column is one of the model's daily metrics aggregated over a period (a month of
``calendar.month_of``, or a week of 7 days from day 0): a *flow* (a period's amount: orders,
GMV) is summed over the period's days; a *stock* (a level: members, staff) is read on the
period's last day. Counts are real people (the scenario's ``population.weight`` multiplies
each row), money is CNY. Words a reader sees (meanings, units) are in ``words/calibrate``.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Acquisition sources a ``new_members_<source>`` column may name (the model's source names:
#: the acquisition levers' and the model's own organic discovery and referral joins).
SOURCES = ("store_qr", "package_card", "paid_ads", "referral", "organic")


@dataclass(frozen=True)
class ObservedColumn:
    name: str  # the CSV header
    model: str  # the model's daily column (or "staff", "new_members_<source>": computed per day)
    kind: str  # "flow" (summed over the period) or "stock" (the period's last day)
    unit: str  # "people", "orders", "CNY", "operators"
    example: tuple[str, str, str]  # three example cells for the template (periods 1–3)


_COLUMNS = (
    ObservedColumn("members", "members", "stock", "people", ("2010", "2350", "2620")),
    ObservedColumn("active", "active", "stock", "people", ("1800", "2050", "2240")),
    ObservedColumn("muted", "muted", "stock", "people", ("210", "300", "")),
    ObservedColumn("left", "churned", "stock", "people", ("35", "90", "160")),
    ObservedColumn("new_members", "new_members", "flow", "people", ("1100", "520", "480")),
    *(ObservedColumn(f"new_members_{s}", f"new_members_{s}", "flow", "people",
                     ("900", "300", "260") if s == "store_qr" else ("", "", ""))
      for s in SOURCES),
    ObservedColumn("orders", "purchases", "flow", "orders", ("1450", "1720", "1900")),
    ObservedColumn("buyers", "buyers", "stock", "people", ("980", "1150", "1240")),
    ObservedColumn("gmv", "gmv", "flow", "CNY", ("101500", "118000", "129300")),
    ObservedColumn("discount_cost", "discount_cost", "flow", "CNY", ("4100", "4800", "")),
    ObservedColumn("staff", "staff", "stock", "operators", ("3", "3", "3")),
)

#: The largest value a cell of each unit may hold, and why: a value beyond it is a typo or a
#: unit slip (yuan for fen, a pasted ID), and would swamp every other metric in the loss.
UNIT_LIMITS: dict[str, tuple[float, str]] = {
    "people": (1e10, "more people than live on Earth"),
    "orders": (1e12, "more than a hundred orders for every person on Earth"),
    "CNY": (1e14, "more than China's GDP in a year"),
    "operators": (1e7, "more staff than any company employs"),
}

#: Every observed column by its CSV header, in the template's order.
OBSERVED_COLUMNS: dict[str, ObservedColumn] = {c.name: c for c in _COLUMNS}
PERIOD_COLUMN = "period"
PERIOD_KINDS = ("month", "week")


def n_periods(days: int, period: str) -> int:
    """Periods in a horizon of ``days``: the calendar's months, or whole weeks."""
    from ..calendar import n_months

    return n_months(days) if period == "month" else max(1, days // 7)


def period_of(day, days: int, period: str):
    """1-based period of a 0-based day (scalars or arrays); weeks past the last whole week are
    period ``n_periods + 1`` (dropped by the aggregation)."""
    from ..calendar import month_of

    return month_of(day, days) if period == "month" else day // 7 + 1
