"""The no-private-domain counterfactual and the profit a private domain adds over it."""

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from siyu_sim import PrivateDomainModel, presets
from siyu_sim.counterfactual import incremental_profit, without_private_domain
from siyu_sim.customer_day import customer_day
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


def test_a_world_without_a_private_domain_adds_exactly_nothing_to_itself():
    # the same customers and luck (named streams), so the increment is exactly zero every day
    base = without_private_domain(presets.nurture())
    inc = incremental_profit(_run(base), _run(without_private_domain(base)))
    assert (inc.incremental_profit == 0.0).all()


def test_nurture_adds_less_than_its_ledger_says_and_harvest_loses_against_having_none():
    inc, ledger = {}, {}
    for name in ("nurture", "harvest"):
        sc = presets.load(name)
        daily = run_scenario(sc, root_seed=3).daily
        base = run_scenario(without_private_domain(sc), root_seed=3).daily
        inc[name] = incremental_profit(daily, base).cum_incremental_profit.iloc[-1]
        ledger[name] = daily.cum_profit.iloc[-1]
    # members' orders include those they would have placed anyway
    assert inc["nurture"] < ledger["nurture"]
    assert inc["nurture"] > 0
    assert inc["harvest"] < 0 < ledger["harvest"]  # "false prosperity" against doing nothing


def test_customers_who_left_still_buy_outside_the_ledger():
    b = Behaviour()
    state = SimpleNamespace(segment=np.int8(0), status=np.int8(Status.CHURNED), group=np.int32(-1), friend=False,
                            trust=0.3, activity=0.5, fatigue=0.0, ref_price=60.0, deal_memory=0.0,
                            days_since_purchase=60.0, need_cycle=30.0, price_sensitivity=2.0, tolerance=2.0)
    touches = DayPlan(1, list_price=60.0)  # no levers fired: nothing reaches the customer
    out = customer_day(state, 0.0, 0.0, touches, 0.0, 1.0, 1.0, 1.0, b, advocate_trust=0.0)
    assert bool(out.bought) and out.paid > 0 and out.next.status == Status.CHURNED
    never = customer_day(state, 0.0, 0.0, touches, 1.0, 1.0, 1.0, 1.0, b, advocate_trust=0.0)
    assert not bool(never.bought)


def test_days_must_match():
    d = pd.DataFrame({"day": [0, 1], "profit": [1.0, 1.0], "outside_gross_margin": [0.0, 0.0]})
    with pytest.raises(ValueError, match="same days"):
        incremental_profit(d, d.iloc[:1])


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
    e = sc.economics
    alt = daily.spend.sum() * (e.paid_ads_return_per_cny * (1 - e.unit_cost_cny / e.order_value_cny) - 1)
    assert s["alt_ads_profit"] == pytest.approx(alt, rel=1e-9)
    assert s["added_beats_paid_ads"] == (added > alt)
    assert s["profit"] == pytest.approx(daily.profit.sum())  # the gross ledger stays beside it
    assert "added_profit" not in run_summary(daily)
