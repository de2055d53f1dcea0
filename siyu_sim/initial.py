"""Day 0: who each row is. One draw from the population stream for the brand's customers, in a
fixed order (segment, need cycle, touch tolerance, membership, WeCom, store shopping, days since
the last order, lapse propensity), and the same from a stream of their own for the people in its
market who are not its customers yet; every state column's initial value is read from it
(``state.STATE``)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .params import Economics, Population


@dataclass
class InitialDraw:
    """Each row's day-0 draws, and the population and prices they came from."""

    population: Population
    list_price: float
    segment: np.ndarray  # int8 segment index
    need_cycle: np.ndarray
    tolerance: np.ndarray
    member: np.ndarray  # in the private domain on day 0
    potential: np.ndarray  # in the market, not yet the brand's customer
    on_wecom: np.ndarray
    store_shopper: np.ndarray
    days_since_purchase: np.ndarray
    lapse_propensity: np.ndarray

    @property
    def n(self) -> int:
        return len(self.segment)

    @property
    def weight(self) -> float:
        return self.population.weight

    def trait(self, attr: str) -> np.ndarray:
        """Each row's value of a ``Segment`` attribute (e.g. "initial_trust")."""
        return np.array([getattr(s, attr) for s in self.population.segments], dtype=float)[self.segment]


def _draw(population: Population, n: int, rng: np.random.Generator, member_share: float) -> dict:
    """Each of ``n`` rows' day-0 traits, drawn in a fixed order from ``rng``."""
    shares = np.array([s.share for s in population.segments])
    segment = np.minimum(np.searchsorted(np.cumsum(shares), rng.random(n), side="right"),
                         len(shares) - 1).astype(np.int8)
    spread = population.trait_spread

    def around(attr: str) -> np.ndarray:  # a segment trait, spread log-normally with mean 1
        values = np.array([getattr(s, attr) for s in population.segments], dtype=float)[segment]
        return values * rng.lognormal(-spread * spread / 2, spread, n)

    need_cycle = around("need_cycle_days")
    tolerance = around("touch_tolerance_per_day")
    member = rng.random(n) < member_share
    on_wecom = rng.random(n) < population.on_wecom_share
    store = rng.random(n) < population.store_shopper_share
    days_since = np.floor(rng.random(n) * need_cycle) + 1.0
    shape = population.lapse_propensity_shape  # drawn last: the draws above keep their numbers
    lapse_propensity = rng.gamma(shape, 1.0 / shape, n)
    return dict(segment=segment, need_cycle=need_cycle, tolerance=tolerance, member=member, on_wecom=on_wecom,
                store_shopper=store, days_since_purchase=days_since, lapse_propensity=lapse_propensity)


def potential_rows(population: Population, arrivals: float) -> int:
    """Rows of people in the market who are not yet the brand's customers: ``potential_share`` of
    the customers' rows (each row the same weight), and at least a fifth more than the
    ``arrivals`` (rows) the horizon needs."""
    return max(int(round(population.n_rows * population.potential_share)), int(np.ceil(1.2 * arrivals)))


def draw_initial(population: Population, economics: Economics, rng: np.random.Generator,
                 potential_rng: np.random.Generator, arrivals: float = 0.0) -> InitialDraw:
    """The customers (from ``rng``, the population stream) and after them the potential customers
    (from their own stream, so that the customers are the same people whatever the market's size;
    ``arrivals``: rows the horizon's arrivals take)."""
    customers = _draw(population, population.n_rows, rng, population.initial_member_share)
    n_potential = potential_rows(population, arrivals)
    others = _draw(population, n_potential, potential_rng, 0.0)
    both = {k: np.concatenate([customers[k], others[k]]) for k in customers}
    potential = np.concatenate([np.zeros(population.n_rows, bool), np.ones(n_potential, bool)])
    return InitialDraw(population=population, list_price=economics.order_value_cny, potential=potential, **both)
