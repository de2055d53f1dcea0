"""C→B resellers (rules/reseller.py): one behaviour module, off by default; direction and bounds
of each of its rules, and what it does to a run when switched on."""

from __future__ import annotations

import numpy as np
import pytest

from siyu_sim import PrivateDomainModel, Scenario, Status, presets
from siyu_sim.params import Behaviour
from siyu_sim.plan import DayPlan
from siyu_sim.rules.reseller import become, bulk, louder


class _Rows:
    def __init__(self, **columns):
        self.__dict__.update({k: np.asarray(v) for k, v in columns.items()})


def _behaviour(**reseller) -> Behaviour:
    return Behaviour.model_validate({"reseller": {"enabled": True, **reseller}})


def _scenario(**reseller) -> Scenario:
    data = presets.nurture().to_dict()
    data["behaviour"]["reseller"] = {"enabled": True, **reseller}
    return Scenario.from_dict(data)


def test_off_by_default_and_then_nobody_resells():
    assert Behaviour().reseller.enabled is False
    model = PrivateDomainModel(_scenario(enabled=False, min_trust=0.0, min_referrals=0.0), customers=800, seed=2)
    daily = model.run(60)
    assert not model.customers.reseller.any() and daily["resellers"].eq(0).all()


def test_a_reseller_orders_in_bulk_at_the_reseller_price():
    b = _behaviour(bulk_orders=4.0, discount=0.25)
    t = DayPlan(1, list_price=60.0)
    s = _Rows(reseller=[True, True, False, True])
    member = np.array([True, True, True, False])
    price = np.array([60.0, 30.0, 60.0, 60.0])  # the second has a deeper coupon than the reseller price
    units = np.array([1.0, 1.0, 1.0, 1.0])
    new_price, new_units, paid = bulk(s, t, b, member, price, units)
    assert new_units.tolist() == [4.0, 4.0, 1.0, 1.0]  # members who resell only
    assert new_price.tolist() == [45.0, 30.0, 60.0, 60.0]  # the lower of coupon and reseller price
    np.testing.assert_array_equal(paid, new_price * new_units)
    off = bulk(s, t, _behaviour(enabled=False), member, price, units)
    np.testing.assert_array_equal(off[0], price) and np.testing.assert_array_equal(off[1], units)


def test_resellers_speak_louder_and_nobody_else_does():
    s = _Rows(reseller=[True, False])
    adv, adv_trust = louder(s, _behaviour(advocacy_lift=3.0), np.array([0.5, 0.5]), np.array([0.4, 0.4]))
    assert adv.tolist() == [1.5, 0.5] and adv_trust.tolist() == pytest.approx([1.2, 0.4])


def test_who_becomes_and_stays_a_reseller():
    b = _behaviour(min_trust=0.8, min_referrals=1.0)
    s = _Rows(trust=[0.9, 0.9, 0.7, 0.9, 0.2], referrals=[1.0, 0.5, 3.0, 2.0, 0.0],
              reseller=[False, False, False, False, True])
    status = np.array([Status.ACTIVE, Status.ACTIVE, Status.MUTED, Status.CHURNED, Status.MUTED], dtype=np.int8)
    # qualifies; too few referrals; too little trust; left; stays (was one, still a member)
    assert become(s, b, status).tolist() == [True, False, False, False, True]
    assert not become(s, _behaviour(enabled=False), status).any()


def test_lower_thresholds_make_more_resellers_who_sell_more():
    runs = {}
    for name, trust in (("strict", 0.8), ("loose", 0.45)):
        model = PrivateDomainModel(_scenario(min_trust=trust, min_referrals=0.2), customers=3000, seed=5)
        runs[name] = model.run(240)
    strict, loose = runs["strict"], runs["loose"]
    assert loose["resellers"].iloc[-1] > max(strict["resellers"].iloc[-1], 10)
    assert loose["resellers"].iloc[-1] <= loose["members"].iloc[-1]  # resellers are members
    # Bulk orders at a discount: more units and more discount given per member order.
    per_order = lambda d: (d["gmv"].sum() / d["purchases"].sum(), d["discount_cost"].sum() / d["gmv"].sum())
    assert per_order(loose)[0] > per_order(strict)[0] and per_order(loose)[1] > per_order(strict)[1]


def test_louder_resellers_bring_more_referrals():
    quiet = PrivateDomainModel(_scenario(min_trust=0.45, min_referrals=0.2, advocacy_lift=1.0),
                               customers=3000, seed=5).run(300)
    loud = PrivateDomainModel(_scenario(min_trust=0.45, min_referrals=0.2, advocacy_lift=20.0),
                              customers=3000, seed=5).run(300)
    assert loud["resellers"].iloc[150] > 0
    assert loud["referrals"].sum() > quiet["referrals"].sum()
