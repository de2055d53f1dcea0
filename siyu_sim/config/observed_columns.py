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
