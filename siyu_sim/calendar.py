"""The model's calendar: simulated days grouped into months, one rule for every table.

A horizon of ``days`` is cut into ``n_months(days)`` months of equal length (12 for 365
days), so that monthly tables, sweep summaries and report charts always agree on which
month a day belongs to.
"""

from __future__ import annotations

DAYS_PER_MONTH = 365 / 12
#: The longest horizon a scenario may have (ten years), and so the latest day anything is scheduled.
MAX_DAYS = 3650


def n_months(days: int) -> int:
    """Calendar-like months in a horizon: 12 for 365 days, at least 1."""
    return max(1, round(days / DAYS_PER_MONTH))


def month_of(day, days: int):
    """1-based month of a 0-based day (works on scalars and arrays)."""
    return day * n_months(days) // days + 1
