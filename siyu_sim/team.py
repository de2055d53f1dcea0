"""The operating team as a whole: who has been on it how long, how many leads it needs, how
much of its intent survives the layers of management. Pure functions plus one small record
(``Cohorts``); the execution lever (``levers/touches.py``) turns them into today's execution
quality and management cost (docs/ODD.md §7.11).

- Learning (DOMAIN 004: a new team needs 3–6 months; Argote & Epple 1990): an operator's skill
  approaches full as ``1 − (1 − s0) e^{−3 t / T}``, so ``T`` months close 95% of the gap.
- Span of management (Urwick 1956: a superior directly supervises at most five or six people
  whose work interlocks; Graicunas 1933): a full hierarchy of ``span^L`` operators, a lead per
  ``span`` people at every level up to one head, has ``L`` layers and ``(span^L − 1) / (span − 1)``
  leads. Between those sizes the model is smooth, not stepped: ``layers = log_span(S)`` and
  ``leads = (S − 1) / (span − 1)`` (each operator beyond the first span brings ``1 / (span − 1)``
  of a lead: a lead's cost spread per operator); within one span a team has one layer and
  ``S / span`` of a lead (a part-time or shared one). Firms add supervisors as they add workers,
  not a whole layer the day one more is hired; fractional leads are part-time or shared ones,
  as in any team's budget (the review's case: stepped leads made the seventh operator cost a
  second lead and a head, −¥697k a year).
- Control loss (Williamson 1967): each layer of management beyond the first passes on only a
  share ``α`` of what the layer above intends, so execution is scaled by ``α^(layers − 1)`` —
  with smooth layers, each hire loses only the sliver of a layer it adds.
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


def layers(staff: float, span: float) -> float:
    """Layers of management a team of ``staff`` operators has when a lead manages ``span``
    people: 0 for no team, 1 within one span, ``log_span(staff)`` beyond (2 at ``span²``, 3 at
    ``span³``…, smoothly between)."""
    if staff <= 0.0:
        return 0.0
    return max(1.0, math.log(staff) / math.log(span))


def managers(staff: float, span: float) -> float:
    """Leads a team of ``staff`` operators needs: ``staff / span`` within one span (part of one
    lead), ``(staff − 1) / (span − 1)`` beyond — the leads of a full hierarchy at ``span^L``
    operators (``Σ_{k<L} span^k``), on the line between."""
    if staff <= 0.0:
        return 0.0
    return staff / span if staff <= span else (staff - 1.0) / (span - 1.0)


def control(staff: float, span: float, retained_per_layer: float) -> float:
    """Share of the head's intent carried out at the front line, in (0, 1]: 1 within one span,
    ``retained_per_layer`` per layer of management beyond it (fractions of a layer too)."""
    return retained_per_layer ** max(0.0, layers(staff, span) - 1.0)


class Cohorts:
    """Operators on the team by the day they joined. Growth adds a cohort of new operators;
    a smaller team lets the newest go first (last in, first out). ``leads`` and ``layers`` are
    today's management, set by the execution lever (``manage``); none without one."""

    def __init__(self) -> None:
        self.hired: list[tuple[float, float]] = []  # (day joined, operators)
        self.leads = 0.0
        self.layers = 0.0

    @property
    def staff(self) -> float:
        return sum(n for _, n in self.hired)

    def update(self, day: int, staff: float) -> None:
        """Today's team has ``staff`` operators (and no management until ``manage``)."""
        self.leads = self.layers = 0.0
        extra = staff - self.staff
        if extra > 1e-12:
            self.hired.append((float(day), extra))
        while extra < -1e-12 and self.hired:
            joined, n = self.hired.pop()
            if n + extra > 1e-12:
                self.hired.append((joined, n + extra))
            extra += n

    def manage(self, span: float) -> float:
        """Today's team led by leads of ``span`` people each: sets ``leads`` and ``layers``
        (the day's metrics) and returns the leads."""
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
