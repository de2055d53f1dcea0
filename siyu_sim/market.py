"""The market the brand sells in: new customers arrive; customers lapse (rules.purchase).

Customers stop buying from a brand (needs met elsewhere, moved on: the lapse of the
buy-till-you-die models), and new ones start, found through public channels — search, the
platforms, a shop window — at a rate that is the market's, not the private domain's: the
no-private-domain baseline has the same arrivals (``counterfactual`` keeps the population).
A brand in steady state neither empties nor explodes (Reichheld & Teal 1996: firms lose about
half their customers in five years and replace them; Ehrenberg-Bass: a brand's base churns and
refills, Sharp 2010).

The arrivals come from the people in the brand's market who do not buy from it yet (the rows
with status ``POTENTIAL``, ``population.potential_share``), the next of them in row order (the
rows are drawn at random, so row order is a random order): the same people in every scenario
run with one seed, unless a paid ad or a friend's referral brought one in earlier, in which
case the next arrives instead — so what those add is a customer more, not one earlier.

The default rate (``population.arrivals_per_year`` left out) is the *replacement* rate: with it
the customers of day 0 and those who arrive after them are, in five years, as many as on day 0,
given the lapse hazard, how it varies from customer to customer (a Gamma propensity of shape
``k``) and how trust moves it. With survival S(t) = (1 + r t / k)^(−k) (r the yearly lapse rate
at the base's average trust), a constant inflow A keeps N(T) = N0 when
A = N0 (1 − S(T)) / ∫₀ᵀ S(u) du (T = 5 years).
"""

from __future__ import annotations

import math

import numpy as np

from .params import Population
from .rules.status import Status

DAYS_PER_YEAR = 365.0
#: The horizon over which the default arrivals keep the base as large as on day 0.
STEADY_YEARS = 5.0


def replacement_rate(population: Population, purchase) -> float:
    """Arrivals a year, as a share of the customers on day 0, that keep the base as large in
    ``STEADY_YEARS`` as today (see the module doc)."""
    trust_effect = purchase.lapse_trust_effect
    multiplier = sum(s.share * math.exp(-trust_effect * (s.initial_trust - purchase.trust_neutral))
                     for s in population.segments)
    r = -math.log1p(-purchase.lapse_per_year) * multiplier
    if r <= 0.0:
        return 0.0
    k, T = population.lapse_propensity_shape, STEADY_YEARS
    a = r / k
    survived = (1.0 + a * T) ** (-k)
    area = math.log1p(a * T) / a if abs(k - 1.0) < 1e-12 else ((1.0 + a * T) ** (1.0 - k) - 1.0) / (a * (1.0 - k))
    return (1.0 - survived) / area


class Arrivals:
    """Each day, new customers from the market: ``rate`` × day-0 customers a year (growing by
    ``growth`` a year), the next potential customers in row order."""

    def __init__(self, population: Population, purchase):
        self.rate = (population.arrivals_per_year if population.arrivals_per_year is not None
                     else replacement_rate(population, purchase))
        self.growth = population.market_growth_per_year
        self.base = population.customers  # real customers on day 0
        self.weight = population.weight
        self._next = population.n_rows  # the first potential customer's row
        self._due = 0.0  # rows due but not yet arrived (fractions carried from day to day)

    def rows_over(self, days: int) -> float:
        """Rows the arrivals of ``days`` days take."""
        years = days / DAYS_PER_YEAR
        g = self.growth
        grown = years if abs(g) < 1e-12 else ((1.0 + g) ** years - 1.0) / math.log1p(g)
        return self.rate * self.base * grown / self.weight

    def today(self, day: int, status: np.ndarray) -> np.ndarray:
        """Rows that start buying from the brand today (their status becomes ``PROSPECT``)."""
        self._due += self.rate * self.base * (1.0 + self.growth) ** (day / DAYS_PER_YEAR) / DAYS_PER_YEAR / self.weight
        want = int(self._due)
        if want <= 0:
            return np.zeros(0, dtype=np.int64)
        found = []
        n = len(status)
        while len(found) < want and self._next < n:
            # in blocks: most of the rows ahead are still potential customers
            stop = min(n, self._next + 2 * (want - len(found)) + 16)
            block = np.flatnonzero(status[self._next:stop] == Status.POTENTIAL) + self._next
            found.extend(block[: want - len(found)].tolist())
            self._next = found[-1] + 1 if len(found) == want else stop
        if len(found) < want:  # the market's potential customers are used up: no one is left to come
            self._due = 0.0
        else:
            self._due -= want
        return np.asarray(found, dtype=np.int64)
