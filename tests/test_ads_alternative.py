"""The paid-ads alternative (issue 24, docs/ODD.md 7.10): the same cash, through geometric
adstock then Hill saturation (Meridian's Hill(Adstock(x)); Jin et al. 2017), buys new customers
who are worth what the model's own new customers earn, judged on added profit.

The curve's direction and bounds from its definition; then that the alternative spends cash
only (never discounts), that it values customers by the baseline's own new customers, and a
whole run of a shipped scenario.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from siyu_sim import PrivateDomainModel, presets
from siyu_sim.cli import app
from siyu_sim.config.problems import ScenarioError
from siyu_sim.config.scenario_files import loads_scenario
from siyu_sim.counterfactual import without_private_domain
from siyu_sim.economics import AdsResponse, adstock, adstock_weights, hill
from siyu_sim.metrics import derive

from helpers import ads_alternative_by_hand, scenario

CURVE = AdsResponse(cac_cny=400.0, half_saturation_cny_per_day=2000.0, shape=1.0, decay=0.9, max_lag_days=56)
SPENDS = np.linspace(0.0, 50_000.0, 2001)


# --- the curve -------------------------------------------------------------------------------------
def test_no_spend_buys_no_one():
    assert CURVE.bought(0.0) == 0.0
    assert np.all(CURVE.customers(np.zeros(30)) == 0.0)
    assert hill(0.0, 2000.0, 2.5) == 0.0


@pytest.mark.parametrize("shape", [0.5, 1.0, 2.5])
def test_more_spend_buys_more_customers_up_to_the_cap(shape):
    curve = AdsResponse(400.0, 2000.0, shape)
    bought = curve.bought(SPENDS)
    assert np.all(np.diff(bought) > 0)  # monotone
    assert np.all(bought < curve.most_per_day)  # below the cap at any finite spend …
    assert curve.bought(2000.0) == pytest.approx(curve.most_per_day / 2)  # half of it at K …
    assert curve.bought(2000.0 * 1e12) == pytest.approx(curve.most_per_day, rel=1e-5)  # … and reaches it
    assert curve.most_per_day == pytest.approx(2000.0 / 400.0)  # K / CAC customers a day


@pytest.mark.parametrize("shape", [0.5, 1.0, 2.5])
def test_each_cny_buys_less_past_the_inflection(shape):
    """Concave for shape ≤ 1 everywhere; S-shaped above 1, concave past its inflection point
    x* = K ((S − 1) / (S + 1))^(1/S)."""
    bought = AdsResponse(400.0, 2000.0, shape).bought(SPENDS)
    inflection = 0.0 if shape <= 1 else 2000.0 * ((shape - 1) / (shape + 1)) ** (1 / shape)
    second = np.diff(bought, 2)[SPENDS[1:-1] > inflection + 2 * (SPENDS[1] - SPENDS[0])]
    assert np.all(second < 1e-12)
    if shape > 1:  # and convex before it: the S
        assert np.all(np.diff(bought, 2)[SPENDS[1:-1] < 0.9 * inflection] > 0)


def test_at_low_spend_a_customer_costs_the_cac_and_more_as_spend_grows():
    small = 1e-3
    assert small / CURVE.bought(small) == pytest.approx(CURVE.cac_cny, rel=1e-5)
    average_cost = SPENDS[1:] / CURVE.bought(SPENDS[1:])
    assert np.all(np.diff(average_cost) > 0)
    assert average_cost[np.searchsorted(SPENDS[1:], 2000.0)] == pytest.approx(2 * CURVE.cac_cny, rel=1e-3)


def test_carry_over_moves_spend_in_time_without_adding_to_it():
    rng = np.random.default_rng(5)
    spend = np.concatenate([rng.uniform(0, 5000, 200), np.zeros(57)])  # a tail longer than the lag
    carried = adstock(spend, 0.9, 56)
    assert carried.sum() == pytest.approx(spend.sum(), rel=1e-12)
    assert adstock_weights(0.9, 56).sum() == pytest.approx(1.0)
    assert np.all(carried[200:256] > 0)  # spend keeps working after it stops …
    assert np.all(np.diff(carried[200:256]) < 0)  # … less each day …
    assert carried[256] == 0.0  # … for max_lag days
    assert np.array_equal(adstock(spend, 0.0, 56), spend)  # no decay: no carry-over
    assert np.array_equal(adstock(spend, 0.9, 0), spend)
    pulse = np.zeros(100)
    pulse[10] = 1000.0
    assert np.all(adstock(pulse, 0.9, 56)[:10] == 0.0)  # nothing before the spend


# --- in a run ------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def harvest_run():
    """Harvest (deep coupons) on 2,000 customers for 120 days, and its baseline."""
    sc = scenario("harvest", days=120)
    own = PrivateDomainModel(sc, customers=2000, seed=4).run()
    none = PrivateDomainModel(without_private_domain(sc), customers=2000, seed=4).run()
    return sc, own, none


def test_the_alternative_spends_the_cash_never_the_discounts(harvest_run):
    sc, own, _ = harvest_run
    cash = (own.staff_cost + own.tool_cost + own.acquisition_cost).to_numpy()
    assert own.discount_cost.sum() > 0.5 * cash.sum()  # harvest's coupons: a large share of its spend
    curve = AdsResponse.of(sc.economics, 2000 * sc.population.potential_share)
    assert np.allclose(own.alt_ads_customers, curve.customers(cash), rtol=1e-12)
    assert not np.allclose(own.alt_ads_customers, curve.customers(own.spend.to_numpy()), rtol=1e-3)
    d = derive(own)
    assert np.allclose(d.cum_cash_spend, np.cumsum(cash), rtol=1e-12)


def test_a_bought_customer_is_worth_what_the_models_own_new_customers_earn(harvest_run):
    sc, own, none = harvest_run
    d = derive(own, none)
    assert np.allclose(d.alt_ads_cum_profit, ads_alternative_by_hand(own, none), rtol=1e-12, atol=1e-6)
    assert np.allclose(d.alt_ads_cum_profit, d.alt_ads_cum_return - d.cum_cash_spend, rtol=1e-12)
    # the same cash, the same customers bought: worth more when the baseline's new customers earn more
    richer = none.assign(arrived_gross_margin=2.0 * none.arrived_gross_margin)
    r = derive(own, richer)
    late = none.arrivals.cumsum() > 0
    assert np.allclose(r.alt_ads_cum_return.diff()[late], 2.0 * d.alt_ads_cum_return.diff()[late], rtol=1e-9)
    assert r.alt_ads_cum_profit.iloc[-1] > d.alt_ads_cum_profit.iloc[-1]


def test_ads_cannot_buy_more_people_than_the_market_has_left():
    days = np.arange(10)
    own = pd.DataFrame({"day": days, "alt_ads_customers": 30.0, "spend": 100.0, "discount_cost": 0.0})
    left = 200.0 - 10.0 * days  # the baseline's potential customers, used up by arrivals
    none = pd.DataFrame({"day": days, "potential": left, "arrivals": 10.0, "arrived_gross_margin": 50.0,
                         "outside_gross_margin": 500.0, "customers": 1000.0, "lapsed": 0.0})
    d = derive(own, none)
    assert np.array_equal(d.alt_ads_cum_customers, np.minimum(30.0 * (days + 1), left))
    assert d.alt_ads_cum_customers.iloc[-1] == 110.0  # 300 paid for, 110 there to buy


def test_a_cheaper_product_makes_the_same_ads_worth_less_in_a_whole_run():
    """Whole runs: a higher cost of goods leaves behaviour and cash as they were (it is not a
    price), so ads buy the same customers, but the model's new customers earn less, and so do
    the ones ads buy."""
    out = {}
    for unit_cost in (33.0, 45.0):
        sc = scenario("nurture", days=120, economics__unit_cost_cny=unit_cost)
        own = PrivateDomainModel(sc, customers=1500, seed=2).run()
        none = PrivateDomainModel(without_private_domain(sc), customers=1500, seed=2).run()
        out[unit_cost] = derive(own, none).iloc[-1]
    dear, cheap = out[33.0], out[45.0]
    assert dear.alt_ads_cum_customers == cheap.alt_ads_cum_customers
    assert dear.cum_cash_spend == cheap.cum_cash_spend
    assert cheap.alt_ads_cum_return < dear.alt_ads_cum_return
    assert cheap.alt_ads_cum_profit < dear.alt_ads_cum_profit


def test_a_whole_year_of_nurture_against_its_alternative():
    """Nurture's year (the README's compare): the alternative buys its customers at no less than
    the CAC each (the curve is concave), no more than the market's potential customers, each
    earning in the year less than a customer of the base earns a year (they arrive through the
    year and start from nothing); the verdict is no longer fixed by construction — nurture's added
    profit is compared with an alternative that can lose money."""
    sc = presets.load("nurture")
    own = PrivateDomainModel(sc, seed=sc.seed).run()
    none = PrivateDomainModel(without_private_domain(sc), seed=sc.seed).run()
    d = derive(own, none).iloc[-1]
    assert 0 < d.alt_ads_cum_customers <= none.potential.iloc[-1]
    assert d.cum_cash_spend / d.alt_ads_cum_customers >= sc.economics.ads_cac_cny
    per_customer = d.alt_ads_cum_return / d.alt_ads_cum_customers
    base_year = none.outside_gross_margin.sum() / (none.customers + none.lapsed).iloc[-1]
    assert 0 < per_customer < base_year
    assert d.alt_ads_cum_profit == pytest.approx(d.alt_ads_cum_return - d.cum_cash_spend)


# --- the retired key -----------------------------------------------------------------------------
OLD = 'name = "old"\n[economics]\npaid_ads_return_per_cny = 3.0\n'


def test_the_retired_return_per_cny_says_what_replaced_it(tmp_path):
    with pytest.raises(ScenarioError) as err:
        loads_scenario(OLD, "old.toml")
    text = str(err.value)
    assert "economics.paid_ads_return_per_cny = 3.0: no longer a setting" in text
    assert "economics.ads_cac_cny" in text and "not what ads add" in text
    path = tmp_path / "old.toml"
    path.write_text(OLD)
    zh = CliRunner().invoke(app, ["validate", str(path), "--lang", "zh"])
    assert zh.exit_code == 1 and "已不是设置项" in zh.output and "ads_cac_cny" in zh.output
