"""The columns an observed-data CSV may have (``siyu calibrate``), and what each means in the
model: one home for the names, so the CSV reader, the calibration file's ``[metrics]``, the
template and the simulated tables agree.

Each observed column is one of the model's daily metrics (``siyu_sim.metrics``) aggregated over
a period of the run's calendar (``calendar.Calendar``: its months, or weeks of 7 days from day
0) by ``metrics.aggregate``: whether it is a *flow* (a period's amount: orders, GMV, summed over
the period's days) or a *stock* (a level: members, staff, read on the period's last day) is the
metric's own declaration. Counts are real people (each row stands for the scenario's
``population.customers`` / ``population.rows`` of them), money is CNY. Words a reader sees (meanings, units) are in
``words/calibrate``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .. import metrics
from ..metrics import SOURCES


@dataclass(frozen=True)
class ObservedColumn:
    name: str  # the CSV header
    model: str  # the model's daily metric it is
    unit: str  # "people", "orders", "CNY", "operators": as the template says it
    example: tuple[str, str, str]  # three example cells for the template (periods 1–3)
    meaning: str  # the key of its meaning's words (words/calibrate.py), for the template

    @property
    def kind(self) -> str:
        """"flow" (summed over the period) or "stock" (the period's last day): the metric's."""
        return metrics.kind(self.model)


_COLUMNS = (
    ObservedColumn("members", "members", "people", ("2010", "2350", "2620"), "calib_col_members"),
    ObservedColumn("active", "active", "people", ("1800", "2050", "2240"), "calib_col_active"),
    ObservedColumn("muted", "muted", "people", ("210", "300", ""), "calib_col_muted"),
    ObservedColumn("left", "churned", "people", ("35", "90", "160"), "calib_col_left"),
    ObservedColumn("new_members", "new_members", "people", ("1100", "520", "480"), "calib_col_new_members"),
    *(ObservedColumn(f"new_members_{s}", f"new_members_{s}", "people",
                     ("900", "300", "260") if s == "store_qr" else ("", "", ""), "calib_col_new_members_source")
      for s in SOURCES),
    ObservedColumn("orders", "purchases", "orders", ("1450", "1720", "1900"), "calib_col_orders"),
    ObservedColumn("buyers", "buyers", "people", ("980", "1150", "1240"), "calib_col_buyers"),
    ObservedColumn("gmv", "gmv", "CNY", ("101500", "118000", "129300"), "calib_col_gmv"),
    ObservedColumn("discount_cost", "discount_cost", "CNY", ("4100", "4800", ""), "calib_col_discount_cost"),
    ObservedColumn("staff", "staff", "operators", ("3", "3", "3"), "calib_col_staff"),
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


@dataclass(frozen=True)
class ObservedRatio:
    """A figure the brand's books give as the ratio of two observed columns, period by period
    (the period's sums, or levels, divided): never a CSV column, derived wherever both parts are
    observed, and simulated the same way from the same two metrics. A fit that makes one part
    right by moving a setting the books pin down (GMV right through a wrong order value, while
    orders are missed) shows here: the ratio is a metric like any other ([metrics] may fit it),
    and the fit is judged against it even when it is not fitted (``calibration.quality``)."""

    name: str
    numerator: str  # observed columns
    denominator: str
    unit: str  # a unit of ``metrics.UNIT_FORMATS``: how its values are written
    settings: tuple[str, ...]  # scenario settings it reflects most directly (``*``: any segment)


_RATIOS = (
    # GMV per order: the list value of an order, economics.order_value_cny × the units in it.
    ObservedRatio("order_value", "gmv", "orders", "CNY", ("economics.order_value_cny",)),
    # Orders per buyer of the last 30 days: how often a buyer buys, the segments' need cycles.
    ObservedRatio("orders_per_buyer", "orders", "buyers", "orders per buyer", ("population.segments.*.need_cycle_days",)),
)
OBSERVED_RATIOS: dict[str, ObservedRatio] = {r.name: r for r in _RATIOS}
#: What ``[metrics]`` may name: an observed column or a ratio of two.
FITTABLE = (*OBSERVED_COLUMNS, *OBSERVED_RATIOS)


def ratio_format(name: str) -> str | None:
    """How a ratio's values are written (``metrics.UNIT_FORMATS``), or None if ``name`` is none."""
    r = OBSERVED_RATIOS.get(name)
    return metrics.UNIT_FORMATS[r.unit] if r else None


def parts(names) -> list[str]:
    """The observed columns ``names`` need, in the template's order: each column, and both parts
    of each ratio."""
    wanted = set()
    for name in names:
        r = OBSERVED_RATIOS.get(name)
        wanted |= {r.numerator, r.denominator} if r else {name}
    return [c for c in OBSERVED_COLUMNS if c in wanted]


def with_ratios(table, names=None):
    """``table`` (period + observed columns) with a column for each ratio (of ``names``, default
    all) whose parts it has: NaN where a part is missing or the denominator is 0."""
    out = table.copy()
    for r in _RATIOS:
        if (names is None or r.name in names) and r.numerator in out and r.denominator in out:
            den = out[r.denominator].to_numpy(dtype=float)
            with np.errstate(divide="ignore", invalid="ignore"):
                out[r.name] = np.where(den > 0, out[r.numerator].to_numpy(dtype=float) / den, np.nan)
    return out
