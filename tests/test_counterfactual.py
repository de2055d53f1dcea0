"""The no-private-domain counterfactual and the profit a private domain adds over it."""

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from siyu_sim import PrivateDomainModel, Scenario, presets
from siyu_sim.counterfactual import without_private_domain
from siyu_sim.customer_day import Draws, Gathered, customer_day
from siyu_sim.metrics import derive
from siyu_sim.params import Behaviour
from siyu_sim.plan import DayPlan
from siyu_sim.rules import Status
from siyu_sim.runs import run_scenario



def _run(sc, customers=3000, days=120, seed=4):
    return PrivateDomainModel(sc, customers=customers, seed=seed).run(days)


def test_the_counterfactual_has_no_members_and_no_ledger():
    base = without_private_domain(presets.nurture())
    assert base.levers == {}
    d = _run(base)
    assert (d.members == 0).all() and (d.new_members == 0).all()
    for column in ("gmv", "profit", "spend", "staff_cost", "tool_cost", "acquisition_cost"):
        assert (d[column] == 0).all(), column
    assert d.outside_gross_margin.sum() > 0  # the customers still buy


def test_a_brand_with_no_private_domain_of_its_own_is_its_own_baseline_bit_for_bit():
    """A scenario written with no private domain (no levers, nobody a member, no organic joining,
    no tools), but its own customers, prices, behaviour and market (a dated festival and a
    shock): its baseline must be the very same world, so every column of every day is equal
    and the profit added is exactly zero. A baseline that drops or changes anything that is
    not the brand's doing (the market, a price, a behaviour, the seed) fails here."""
    data = {"days": 150, "start_date": "2026-05-01", "seed": 21,
            "population": {"customers": 2500, "initial_member_share": 0.0, "on_wecom_share": 0.4},
            "behaviour": {"referral": {"organic_per_year": 0.0}, "purchase": {"trust_effect": 2.5}},
            "economics": {"tool_cost_per_day_cny": 0.0, "tool_cost_per_member_day_cny": 0.0,
                          "order_value_cny": 88.0},
            "environment": {"festivals": [{"name": "618", "start": "06-01", "stop": "06-18", "demand": 2.5}],
                            "shocks": [{"name": "closures", "start": 100, "stop": 120, "demand": 0.4}]}}
    none = Scenario.from_dict(data)
    world = PrivateDomainModel(none).run()
    base = PrivateDomainModel(without_private_domain(none)).run()
    pd.testing.assert_frame_equal(base, world, check_exact=True)
    assert (derive(world, base).incremental_profit == 0.0).all()
    # not vacuous: the customers buy, and the market they buy in moves what they buy
    flat = PrivateDomainModel(Scenario.from_dict({**data, "environment": {}})).run()
    assert world.outside_gross_margin.sum() > 0
    assert not np.allclose(world.outside_gross_margin, flat.outside_gross_margin)


def test_the_counterfactual_is_the_same_customers_with_the_private_domain_taken_away():
    """Same people (common random numbers: the population stream does not depend on levers),
    nobody ever joins, and the world differs from the scenario's: the check above cannot hold
    for a counterfactual that quietly runs the scenario again."""
    sc = presets.nurture()
    world = PrivateDomainModel(sc, customers=3000, seed=4)
    daily = world.run(120)
    none = PrivateDomainModel(without_private_domain(sc), customers=3000, seed=4)
    base = none.run(120)
    for column in ("segment", "store_shopper", "need_cycle", "price_sensitivity", "tolerance", "weight"):
        assert np.array_equal(getattr(world.customers, column), getattr(none.customers, column)), column
    assert np.isin(none.customers.status, [Status.PROSPECT, Status.POTENTIAL]).all() and (none.customers.join_day == -1).all()
    assert (base.ever_members == 0).all()
    assert daily.ever_members.iloc[-1] > 0.1 * 3000  # the scenario's levers did add members
    # customers outside the private domain buy in both worlds, but not the same orders
    assert not np.allclose(daily.outside_gross_margin, base.outside_gross_margin)
    assert daily.outside_gross_margin.sum() < base.outside_gross_margin.sum()  # members buy inside


def test_incremental_profit_is_everyones_margin_difference_less_the_private_domains_costs():
    """Recomputed from the customer tables and the cost columns: what everyone bought (members'
    margin from their own order totals, plus outsiders') in the scenario, minus what everyone
    bought with no private domain, minus what running it cost."""
    sc = presets.load("harvest")
    world = PrivateDomainModel(sc, customers=2000, seed=3)
    daily = world.run(120)
    base = PrivateDomainModel(without_private_domain(sc), customers=2000, seed=3).run(120)
    inc = derive(daily, base)
    members_margin = float(world.customers.weight @ world.customers.margin)
    costs = (daily.staff_cost + daily.tool_cost + daily.acquisition_cost).sum()
    expected = members_margin + daily.outside_gross_margin.sum() - base.outside_gross_margin.sum() - costs
    assert inc.cum_incremental_profit.iloc[-1] == pytest.approx(expected, rel=1e-9)
    assert inc.cum_incremental_profit.iloc[-1] != pytest.approx(daily.cum_profit.iloc[-1], rel=1e-3)


def test_nurture_adds_less_than_its_ledger_says_and_harvest_loses_against_having_none():
    inc, ledger, last_quarter = {}, {}, {}
    for name in ("nurture", "harvest"):
        sc = presets.load(name).model_copy(update={"days": 730})
        daily = run_scenario(sc, root_seed=3).daily
        base = run_scenario(without_private_domain(sc), root_seed=3).daily
        added = derive(daily, base)
        inc[name] = added.cum_incremental_profit.iloc[-1]
        last_quarter[name] = added.incremental_profit.iloc[-90:].sum()
        ledger[name] = daily.cum_profit.iloc[-1]
    # members' orders include those they would have placed anyway
    assert inc["nurture"] < ledger["nurture"]
    # slow to show results: in its second year nurture adds profit quarter after quarter, and
    # it has added far more than harvest (its running total may still be below zero: a team
    # paid from the first day for trust that builds over months)
    assert last_quarter["nurture"] > 0 and inc["nurture"] > inc["harvest"]
    # "false prosperity": the ledger overstates what harvesting earns, and against doing nothing
    # it loses, and goes on losing (coupons paid on orders members would have placed anyway)
    assert inc["harvest"] < 0 and inc["harvest"] < ledger["harvest"] and last_quarter["harvest"] < 0


def test_customers_who_left_still_buy_outside_the_ledger():
    b = Behaviour()
    state = SimpleNamespace(segment=np.int8(0), status=np.int8(Status.CHURNED), group=np.int32(-1), friend=False,
                            trust=0.3, trust_baseline=0.3, activity=0.5, fatigue=0.0, ref_price=60.0, deal_memory=0.0,
                            days_since_purchase=60.0, need_cycle=30.0, price_sensitivity=2.0, tolerance=2.0,
                            referred=False, lapsed=False, lapse_propensity=1.0, weight=1.0, referrals=0.0,
                            reseller=False)
    touches = DayPlan(1, list_price=60.0)  # no levers fired: nothing reaches the customer
    alone = Gathered(**{name: 0.0 for name in Gathered._fields})

    def draws(purchase):
        return Draws(**{name: 1.0 for name in Draws._fields} | {"purchase": purchase})

    out = customer_day(state, touches, b, draws(0.0), alone)
    assert bool(out.bought) and out.paid > 0 and out.next.status == Status.CHURNED
    assert not bool(customer_day(state, touches, b, draws(1.0), alone).bought)
    state.lapsed = True  # one who has stopped buying from the brand buys nowhere, not even here
    assert not bool(customer_day(state, touches, b, draws(0.0), alone).bought)


def test_days_must_match():
    d = pd.DataFrame({"day": [0, 1], "profit": [1.0, 1.0], "outside_gross_margin": [0.0, 0.0]})
    with pytest.raises(ValueError, match="same days"):
        derive(d, d.iloc[:1])


def test_run_summary_with_a_baseline_gives_the_added_figures():
    from siyu_sim.economics import run_summary

    sc = presets.load("harvest")
    daily = PrivateDomainModel(sc, customers=1500, seed=3).run(120)
    base = PrivateDomainModel(without_private_domain(sc), customers=1500, seed=3).run(120)
    s = run_summary(daily, base)
    # recomputed by hand from the two tables' own daily columns
    added = (daily.profit + daily.outside_gross_margin - base.profit - base.outside_gross_margin).sum()
    assert s["added_profit"] == pytest.approx(added, rel=1e-9)
    assert s["added_roi"] == pytest.approx(added / daily.spend.sum(), rel=1e-9)
    # the paid-ads alternative: the customers the cash bought, each worth a baseline arrival's margin
    # to date, less the cash (the rule restated from the two tables' columns)
    cash = (daily.staff_cost + daily.tool_cost + daily.acquisition_cost).to_numpy()
    bought = np.minimum(np.cumsum(daily.alt_ads_customers), base.potential)
    arrived = np.cumsum(base.arrivals)
    per_arrival = np.where(arrived > 0, base.arrived_gross_margin / np.maximum(arrived, 1e-300),  # before any
                           base.outside_gross_margin / (base.customers + base.lapsed))  # arrival: the base's
    alt = float((bought * per_arrival).sum() - cash.sum())
    assert s["alt_ads_profit"] == pytest.approx(alt, rel=1e-9)
    assert s["added_beats_paid_ads"] == (added > alt)
    assert s["profit"] == pytest.approx(daily.profit.sum())  # the gross ledger stays beside it
    assert "added_profit" not in run_summary(daily)


def test_the_money_a_sweep_table_carries_is_derived_from_the_added_profit():
    # The horizon figures compare prints, as columns every run keeps (a sweep's tables read them):
    # beyond paid ads, the payback day as of each day, and per customer of the brand at the start.
    from siyu_sim.economics import payback_day

    days = np.arange(10)
    added = np.array([-5.0, -3.0, 4.0, 6.0, -10.0, 2.0, 3.0, 4.0, 5.0, 1.0])  # cumulative: dips below 0 twice
    zeros = np.zeros(10)
    daily = pd.DataFrame({"day": days, "profit": added, "outside_gross_margin": zeros, "spend": np.full(10, 2.0),
                          "discount_cost": np.full(10, 0.5), "alt_ads_customers": np.full(10, 0.1),
                          "customers": np.full(10, 50.0), "lapsed": zeros})
    baseline = pd.DataFrame({"day": days, "profit": zeros, "outside_gross_margin": zeros, "arrivals": np.ones(10),
                             "arrived_gross_margin": np.cumsum(np.full(10, 30.0)), "customers": np.full(10, 40.0),
                             "lapsed": np.full(10, 10.0), "potential": np.full(10, 1e6)})
    out = derive(daily, baseline)
    cum = np.cumsum(added)
    assert np.allclose(out["added_vs_ads"], out["cum_incremental_profit"] - out["alt_ads_cum_profit"])
    cash = np.cumsum(np.full(10, 1.5))  # spend less discounts
    assert np.allclose(out["alt_ads_cum_profit"], out["alt_ads_cum_return"] - cash)
    for t in range(10):  # the column on day t is the payback day of the run cut at t
        expected = payback_day(cum[: t + 1])
        got = out["incremental_payback_day"].iloc[t]
        assert (np.isnan(got) if expected is None else got == expected), t
    assert out["incremental_payback_day"].iloc[-1] == 7  # cumulative -5 -8 -4 2 -8 -6 -3 1 6 7: above 0 from day 7
    assert np.allclose(out["incremental_profit_per_customer"], cum / 50.0)  # 40 customers + 10 lapsed at the start
