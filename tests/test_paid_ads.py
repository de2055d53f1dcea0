"""Paid ads saturate (issue 12, point 3; docs/ODD.md §7.1): a fixed reachable audience and a Hill
response to the day's budget (Jin, Wang, Sun, Chan & Koehler 2017), so that each add costs more
and fewer adds come as the audience is used up, and no more than the audience can ever be bought.

Every threshold below follows from the mechanism's definition (the audience A, the prospects
left R, the budget N · c0 and the price c0 (A + N) / R), never from a run's output.
"""

from __future__ import annotations

import numpy as np
import pytest

from siyu_sim import PrivateDomainModel
from siyu_sim.economics import hill
from siyu_sim.levers.acquisition import AdsDay, PaidAds
from siyu_sim.rng import Streams

from helpers import scenario

C0 = 20.0  # the shipped harvest's first-add cost (CNY)
N = 40.0  # and its adds a day on a fresh audience


# --- the response curve ------------------------------------------------------------------------
def test_hill_is_zero_without_spend_half_at_k_and_below_one():
    assert hill(0.0, 100.0) == 0.0
    assert hill(100.0, 100.0) == pytest.approx(0.5)
    xs = np.linspace(1.0, 1e6, 50)
    ys = np.array([hill(x, 100.0) for x in xs])
    assert np.all(np.diff(ys) > 0) and np.all(ys < 1.0)
    # concave (S = 1): each further CNY buys less than the one before
    assert np.all(np.diff(ys, 2) < 0)


def test_first_adds_cost_the_first_add_cost():
    """The marginal cost of the first add on a fresh audience is ``cost_per_add_cny``."""
    a = 7000.0
    eps = 1e-6
    fresh = AdsDay(audience=a, left=a, adds_at_first_cost=eps, first_add_cny=C0)
    assert fresh.budget_cny / fresh.expected_adds == pytest.approx(C0, rel=1e-6)


def test_cost_per_add_rises_as_the_reachable_audience_is_used():
    a = 7000.0
    days = [AdsDay(audience=a, left=r, adds_at_first_cost=N, first_add_cny=C0) for r in (a, 0.8 * a, 0.5 * a, 0.1 * a)]
    costs = [d.cost_per_add_cny for d in days]
    assert all(later > earlier for earlier, later in zip(costs, costs[1:]))
    assert costs[0] >= C0  # never cheaper than the first add
    assert costs[2] == pytest.approx(2 * costs[0])  # half the audience left: twice the price
    # the day's budget is what is paid for the adds it buys, at any stage
    for d in days:
        assert d.expected_adds * d.cost_per_add_cny == pytest.approx(d.budget_cny)


def test_adds_fall_below_target_once_saturated():
    a = 7000.0
    fresh = AdsDay(audience=a, left=a, adds_at_first_cost=N, first_add_cny=C0)
    assert fresh.expected_adds <= N
    half = AdsDay(audience=a, left=a / 2, adds_at_first_cost=N, first_add_cny=C0)
    assert half.expected_adds <= N / 2


@pytest.mark.parametrize("target", [1.0, 1e3, 1e7])
def test_never_more_adds_than_reachable_prospects(target):
    d = AdsDay(audience=1000.0, left=37.0, adds_at_first_cost=target, first_add_cny=C0)
    assert 0.0 <= d.share < 1.0
    assert d.expected_adds <= 37.0


def test_zero_budget_or_nothing_left_buys_nothing():
    assert AdsDay(audience=1000.0, left=1000.0, adds_at_first_cost=0.0, first_add_cny=C0).expected_adds == 0.0
    assert AdsDay(audience=1000.0, left=0.0, adds_at_first_cost=N, first_add_cny=C0).expected_adds == 0.0
    assert AdsDay(audience=0.0, left=0.0, adds_at_first_cost=N, first_add_cny=C0).expected_adds == 0.0


# --- the reachable audience --------------------------------------------------------------------
def test_reach_is_a_fixed_trait_of_each_row():
    """The same rows whenever they are first asked for, whatever else the run drew."""
    a, b = Streams(3), Streams(3)
    b.uniform("purchase", 500)
    b.get("paid_ads.acquire").random(1234)
    first = a.fixed_uniform("paid_ads.reach", 500)
    assert np.array_equal(first, b.fixed_uniform("paid_ads.reach", 500))
    assert np.array_equal(first, a.fixed_uniform("paid_ads.reach", 500))
    assert not np.array_equal(first, Streams(4).fixed_uniform("paid_ads.reach", 500))


def paid_only(days=365, customers=10_000, seed=7, **paid):
    """Harvest's paid ads (40 adds a day at 20 CNY) on 10,000 customers, with no store QR or
    package card, so that every acquisition cost is the paid ads' own."""
    over = {f"levers__paid_ads__{k}": v for k, v in paid.items()}
    sc = scenario("harvest", drop_levers=("store_qr", "package_card"), population__customers=customers,
                  **over)
    m = PrivateDomainModel(sc, seed=seed)
    daily = m.run(days)
    return m, daily


def paid_rows(m):
    return m.customers.source == m.sources.index("paid_ads") if "paid_ads" in m.sources else np.zeros(
        len(m.customers), bool)


@pytest.fixture(scope="module")
def harvest_paid():
    return paid_only()


def test_harvest_paid_ads_no_longer_recruit_the_whole_market(harvest_paid):
    m, daily = harvest_paid
    t = m.customers
    lever = m.scenario.levers["paid_ads"]
    reachable = m.streams.fixed_uniform("paid_ads.reach", len(t)) < lever.reach_share
    bought = paid_rows(m)
    assert bought.any()
    # only the reachable audience can be bought, and never more than it
    assert not (bought & ~reachable).any()
    assert t.weight[bought].sum() <= t.weight[reachable].sum()
    # the market is not used up: prospects remain at the end of the year
    assert daily.prospects.iloc[-1] > 0
    assert (daily.prospects > 0).all()


def test_booked_cost_per_add_is_above_the_first_add_cost(harvest_paid):
    """Every day's price is c0 (A + N) / R >= c0 (1 + N / A), so the year's must be too."""
    m, daily = harvest_paid
    t = m.customers
    bought = paid_rows(m)
    adds = t.weight[bought].sum()
    audience = t.weight[m.streams.fixed_uniform("paid_ads.reach", len(t)) < m.scenario.levers["paid_ads"].reach_share].sum()
    per_add = daily.acquisition_cost.sum() / adds
    assert per_add > C0 * (1 + N / audience)


def test_adds_fall_and_cost_rises_over_the_run(harvest_paid):
    m, daily = harvest_paid
    t = m.customers
    bought = paid_rows(m)
    per_day = np.bincount(t.join_day[bought], weights=t.weight[bought], minlength=len(daily))[: len(daily)]
    first, last = slice(0, 30), slice(len(daily) - 30, len(daily))
    assert per_day[first].mean() <= N  # never above the target, even when fresh
    # once half the audience is gone each day buys at most N / 2 (R / A <= 1 / 2)
    assert per_day[last].mean() < N / 2
    cost = daily.acquisition_cost.to_numpy()
    assert cost[last].sum() / per_day[last].sum() > 2 * cost[first].sum() / per_day[first].sum()


def test_zero_budget_adds_no_one_and_costs_nothing():
    for paid in ({"adds_per_day": 0.0}, {"reach_share": 0.0}):
        m, daily = paid_only(days=60, customers=2000, **paid)
        assert not paid_rows(m).any()
        assert daily.acquisition_cost.sum() == 0.0


def test_bid_cap_stops_buying_when_adds_get_dear():
    """With a cap at twice the first-add cost no add is booked above it, and buying stops once
    the price c0 (A + N) / R passes 2 c0, i.e. once fewer than (A + N) / 2 reachable prospects
    are left: at most A / 2 adds, plus the last day's (about N / 2 then; N allowed)."""
    m, daily = paid_only(days=365, customers=2000, max_cost_per_add_cny=2 * C0)
    t = m.customers
    reachable = m.streams.fixed_uniform("paid_ads.reach", len(t)) < m.scenario.levers["paid_ads"].reach_share
    bought = t.weight[paid_rows(m)].sum()
    assert bought > 0
    assert daily.acquisition_cost.sum() / bought <= 2 * C0
    assert bought <= t.weight[reachable].sum() / 2 + N


def test_paid_ads_defaults_are_documented():
    fields = PaidAds.model_fields
    for name in ("adds_per_day", "cost_per_add_cny", "reach_share"):
        assert fields[name].json_schema_extra["unit"]
        assert fields[name].description
