"""The operating team as a whole: who has been on it how long, how many leads it needs, how
much of its intent survives the layers of management. Pure functions plus one small record
(``Cohorts``); the execution lever (``levers/touches.py``) turns them into today's execution
quality and management cost (docs/ODD.md §7.11).

- Learning (DOMAIN 004: a new team needs 3–6 months; Argote & Epple 1990): an operator's skill
  approaches full as ``1 − (1 − s0) e^{−3 t / T}``, so ``T`` months close 95% of the gap.
- Span of management (Urwick 1956: a superior directly supervises at most five or six people
  whose work interlocks; Graicunas 1933): the team needs a lead per ``span`` operators, a lead
  per ``span`` leads above them, and so on up to one head.
- Control loss (Williamson 1967): each layer of management beyond the first passes on only a
  share ``α`` of what the layer above intends, so execution is scaled by ``α^(layers − 1)``.
"""

from __future__ import annotations

import math

import numpy as np

from .sums import dot

#: Days in an average month (365 / 12).
DAYS_PER_MONTH = 365.0 / 12.0


def skill(tenure_days, initial: float, months_to_learn: float):
    """Share of full execution an operator with ``tenure_days`` on the team achieves, in
    [initial, 1]: starts at ``initial`` and closes 95% of the gap in ``months_to_learn``."""
    tenure = np.maximum(np.asarray(tenure_days, dtype=float), 0.0)
    if months_to_learn <= 0.0:
        return np.ones_like(tenure) if tenure.ndim else 1.0
    rate = 3.0 / (months_to_learn * DAYS_PER_MONTH)  # e^{-3} ≈ 0.05
    out = 1.0 - (1.0 - initial) * np.exp(-rate * tenure)
    return out if out.ndim else float(out)


def layers(staff: float, span: float) -> int:
    """Layers of management a team of ``staff`` operators needs when one lead manages at most
    ``span`` people: 0 for no team, 1 up to ``span`` operators, 2 up to ``span²``, …"""
    if staff <= 0.0:
        return 0
    n, reach = 1, span
    while reach < staff * (1.0 - 1e-12):
        n += 1
        reach *= span
    return n


def managers(staff: float, span: float) -> int:
    """Leads a team of ``staff`` operators needs: ``Σ_k ceil(staff / span^k)`` over its layers
    (one lead for a team within the span; a fraction of an operator is a part-time one)."""
    return sum(math.ceil(staff / span ** k - 1e-9) for k in range(1, layers(staff, span) + 1))


def control(staff: float, span: float, retained_per_layer: float) -> float:
    """Share of the head's intent carried out at the front line, in (0, 1]: 1 within one span,
    ``retained_per_layer`` per extra layer of management beyond it."""
    return retained_per_layer ** max(0, layers(staff, span) - 1)


class Cohorts:
    """Operators on the team by the day they joined. Growth adds a cohort of new operators;
    a smaller team lets the newest go first (last in, first out). ``leads`` and ``layers`` are
    today's management, set by the execution lever (``manage``); none without one."""

    def __init__(self) -> None:
        self.hired: list[tuple[float, float]] = []  # (day joined, operators)
        self.leads = 0
        self.layers = 0

    @property
    def staff(self) -> float:
        return sum(n for _, n in self.hired)

    def update(self, day: int, staff: float) -> None:
        """Today's team has ``staff`` operators (and no management until ``manage``)."""
        self.leads = self.layers = 0
        extra = staff - self.staff
        if extra > 1e-12:
            self.hired.append((float(day), extra))
        while extra < -1e-12 and self.hired:
            joined, n = self.hired.pop()
            if n + extra > 1e-12:
                self.hired.append((joined, n + extra))
            extra += n

    def manage(self, span: float) -> int:
        """Today's team led by leads of at most ``span`` people each: sets ``leads`` and
        ``layers`` (the day's metrics) and returns the leads."""
        self.layers = layers(self.staff, span)
        self.leads = managers(self.staff, span)
        return self.leads

    def skill(self, day: int, initial: float, months_to_learn: float,
              start_tenure_days: float = 0.0) -> float:
        """The team's mean skill today, weighted by operators; 1 with no team. The founding
        operators (on the team from day 0) had ``start_tenure_days`` on it already."""
        total = self.staff
        if total <= 0.0:
            return 1.0
        days = np.array([day - joined + (start_tenure_days if joined == 0.0 else 0.0)
                         for joined, _ in self.hired])
        sizes = np.array([n for _, n in self.hired])
        return dot(sizes, skill(days, initial, months_to_learn)) / total
