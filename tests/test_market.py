"""The market the brand sells in (issue: an honest market): customers arrive and lapse, so a
brand with no private domain neither empties nor explodes; paid ads and referrals bring people
who did not buy from the brand; relationships fade for everyone toward their own baseline, so a
private domain in which nothing happens changes nothing."""

from __future__ import annotations

import math

import numpy as np
import pytest

from siyu_sim import PrivateDomainModel, Scenario, Status, presets
from siyu_sim.compare import compare
from siyu_sim.counterfactual import without_private_domain
from siyu_sim.market import replacement_rate
from siyu_sim.params import Behaviour, Population


def test_the_replacement_rate_is_the_lapse_rate_when_customers_are_alike():
    purchase = Behaviour().purchase.model_copy(update={"lapse_trust_effect": 0.0})
    alike = Population(lapse_propensity_shape=100.0)
    r = -math.log1p(-purchase.lapse_per_year)
    assert replacement_rate(alike, purchase) == pytest.approx(r, rel=0.02)
    # Customers who differ: the fast lapsers go first, so fewer arrivals keep the base.
    assert replacement_rate(Population(), purchase) < r


def test_with_no_private_domain_the_base_holds_steady_for_five_years():
    base = without_private_domain(presets.nurture().with_overrides(days=5 * 365))
    daily = PrivateDomainModel(base, customers=6000, seed=3).run()
    customers = daily["customers"].to_numpy()
    yearly = customers[[364, 729, 1094, 1459, 1824]] / customers[0]
    assert np.all(np.abs(yearly - 1.0) < 0.06), yearly
    assert daily["lapsed"].iloc[-1] > 0.25 * 6000  # it is not steady because nobody leaves
    assert daily["arrivals"].sum() > 0.25 * 6000


def test_a_private_domain_where_nothing_happens_changes_nothing():
    """Store QR adds into groups that are never posted to, no cost anywhere, no word of mouth:
    every customer buys exactly as with no private domain (the relationship fades to the same
    baseline for members and non-members)."""
    data = {"name": "silent", "levers": {"store_qr": {"incentive_cny": 0.0}},
            "economics": {"tool_cost_per_day_cny": 0.0, "tool_cost_per_member_day_cny": 0.0},
            "behaviour": {"referral": {"word_of_mouth_per_year": 0.0}}}
    silent = Scenario.from_dict(data)
    result = compare([silent, Scenario.from_dict({**data, "name": "same", "levers": {}})], reps=1)
    silent_run = result.daily[result.daily.scenario == "silent"]
    assert silent_run["members"].iloc[-1] > 1000  # the groups are full
    added = result.incremental.set_index("scenario")["cum_incremental_profit"]
    margin = result.baseline_daily["outside_gross_margin"].sum() / 2
    assert abs(added["silent"]) < 1e-9 * margin


def test_the_baseline_has_the_same_arrivals():
    model = PrivateDomainModel(presets.harvest(), customers=3000, seed=2)
    daily = model.run(200)
    base = PrivateDomainModel(without_private_domain(presets.harvest()), customers=3000, seed=2).run(200)
    assert np.array_equal(daily["arrivals"].to_numpy(), base["arrivals"].to_numpy())


def test_paid_ads_and_referrals_bring_people_who_did_not_buy_from_the_brand():
    model = PrivateDomainModel(presets.harvest(), customers=3000, seed=2)
    daily = model.run(200)
    base = PrivateDomainModel(without_private_domain(presets.harvest()), customers=3000, seed=2).run(200)
    t = model.customers
    new_people = np.arange(len(t)) >= 3000
    joined = new_people & (t.join_day >= 0)
    assert joined.sum() > 100  # prospecting ads brought people from beyond day 0's customers
    assert daily["customers"].iloc[-1] > base["customers"].iloc[-1]  # more people buy from the brand
    assert daily["potential"].iloc[-1] < base["potential"].iloc[-1]


def test_potential_customers_do_not_buy_or_lapse_until_they_arrive():
    model = PrivateDomainModel(without_private_domain(presets.nurture()), customers=2000, seed=4)
    model.run(120)
    t = model.customers
    waiting = t.status == Status.POTENTIAL
    assert waiting.sum() > 0
    assert not t.lapsed[waiting].any()
    assert (t.last_order_day[waiting] == -1).all() and (t.days_since_purchase[waiting] > 100).all()


def test_running_past_the_scenarios_days_says_the_arrivals_may_run_out():
    """The potential customers are drawn for the scenario's own horizon: a model run past it
    says so rather than letting arrivals dry up silently (a referee's 5-year run on a 1-year
    scenario saw them halve); within it, nothing is said."""
    import warnings

    model = PrivateDomainModel(Scenario.from_dict({"name": "short", "days": 30}), customers=500, seed=1)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        model.run(30)
    with pytest.warns(RuntimeWarning, match="past the scenario's 30 days"):
        model.run(10)
