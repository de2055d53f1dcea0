"""The public API: construction, running, per-segment tables, and clear errors."""

import pandas as pd
import pytest
from pydantic import ValidationError

from siyu_sim import PrivateDomainModel, Scenario, presets
from siyu_sim.metrics import DAILY_COLUMNS

REQUIRED = ["day", "prospects", "active", "muted", "churned", "new_members", "purchases", "buyers",
            "gmv", "revenue", "discount_cost", "staff_cost", "acquisition_cost", "tool_cost", "profit",
            "cum_profit", "roi", "mean_trust", "mean_activity", "mean_fatigue", "referrals",
            "alt_ads_customers", "arrived_gross_margin"]


def test_run_returns_one_tidy_row_per_day_with_required_columns():
    model = PrivateDomainModel(presets.nurture(), customers=1000, seed=7)
    daily = model.run(days=45)
    assert list(daily.day) == list(range(45))
    assert set(REQUIRED) <= set(daily.columns)
    assert list(daily.columns) == list(DAILY_COLUMNS)
    assert model.steps == 45
    more = model.run(days=5)
    assert len(more) == 50 and more.day.iloc[-1] == 49


def test_a_model_asked_for_some_metrics_keeps_those_and_their_values_are_a_full_runs():
    """``record``: a calibration's hundreds of runs read a few columns; the row of every metric is
    a sixth of a day's cost. The same seed gives the same numbers, bit for bit, in fewer columns,
    and Mesa's collector collects what is kept."""
    full = PrivateDomainModel(presets.harvest(), customers=3000, rows=600, seed=4).run(days=40)
    kept = ["purchases", "gmv", "members", "buyers"]
    model = PrivateDomainModel(presets.harvest(), customers=3000, rows=600, seed=4, record=set(kept))
    some = model.run(days=40)
    assert list(some.columns) == ["day", *[c for c in DAILY_COLUMNS if c in kept]]
    pd.testing.assert_frame_equal(some, full[some.columns])
    assert list(model.datacollector.get_model_vars_dataframe().columns) == list(some.columns)
    with pytest.raises(ValueError, match="not a daily metric: revenu; allowed: .*revenue"):
        PrivateDomainModel(presets.harvest(), customers=100, seed=4, record=["gmv", "revenu"])


def test_running_flag_follows_the_horizon():
    model = PrivateDomainModel(presets.nurture().with_overrides(days=12), customers=200, seed=1)
    while model.running:
        model.step()
    assert model.steps == 12


def test_segment_breakdown_on_request():
    model = PrivateDomainModel(presets.nurture(), customers=600, seed=2, segment_metrics=True)
    daily = model.run(20)
    seg = model.segment_daily
    assert set(seg.segment) == {"loyal_prone", "regular", "bargain_hunter"}
    by_day = seg.groupby("day")[["active", "gmv", "purchases"]].sum()
    pd.testing.assert_series_equal(by_day.active, daily.set_index("day").active, check_names=False)
    assert (by_day.gmv - daily.set_index("day").gmv).abs().max() < 1e-6
    with pytest.raises(RuntimeError, match="segment_metrics=True"):
        PrivateDomainModel(presets.nurture(), customers=100).segment_daily


def test_progress_callback_sees_every_day():
    seen = []
    PrivateDomainModel(customers=100, seed=0).run(7, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(i, 7) for i in range(1, 8)]


@pytest.mark.parametrize("kwargs, fragment", [
    ({"customers": -5}, "customers"),
    ({"customers": 3}, "greater than or equal to 10"),
])
def test_bad_parameters_fail_before_any_run(kwargs, fragment):
    with pytest.raises(ValidationError, match=fragment):
        PrivateDomainModel(presets.nurture(), **kwargs)


def test_bad_executor_names_what_is_allowed():
    with pytest.raises(ValueError, match=r"executor must be one of \('vector', 'agent'\), got 'gpu'"):
        PrivateDomainModel(customers=100, executor="gpu")


def test_bad_seed_is_refused():
    with pytest.raises(ValueError, match="seed must be a non-negative integer"):
        PrivateDomainModel(customers=100, seed=-1)


def test_scenario_errors_name_the_parameter_value_and_bounds():
    with pytest.raises(ValidationError) as err:
        Scenario.from_dict({"levers": {"coupon": {"depth": 1.5}}})
    assert "depth" in str(err.value) and "1.5" in str(err.value) and "less than or equal to 0.9" in str(err.value)
    with pytest.raises(ValidationError, match="unknown lever type 'cupon'"):
        Scenario.from_dict({"levers": {"cupon": {"depth": 0.1}}})
    with pytest.raises(ValidationError, match="segment shares must sum to 1"):
        Scenario.from_dict({"population": {"segments": [{"name": "a", "share": 0.5}]}})
    with pytest.raises(ValidationError, match="stop .* must be after start"):
        Scenario.from_dict({"levers": {"broadcast": {"schedule": {"start": 10, "stop": 5}}}})
    with pytest.raises(ValidationError, match="targets unknown segment 'vip'"):
        Scenario.from_dict({"levers": {"coupon": {"segments": ["vip"]}}})
    with pytest.raises(ValidationError, match=r"unit cost \(¥100\) is above the order value \(¥50\)"):
        Scenario.from_dict({"economics": {"unit_cost_cny": 100, "order_value_cny": 50}})


def test_scenario_round_trips_through_plain_data():
    sc = presets.harvest()
    assert Scenario.from_dict(sc.to_dict()) == sc


def test_payback_day():
    from siyu_sim.economics import payback_day

    assert payback_day([5, 6, 7]) == 0
    assert payback_day([-5, -1, 2, 3]) == 2
    assert payback_day([-5, 1, -1, 2]) == 3  # stays non-negative only from day 3
    assert payback_day([-5, -4]) is None


def test_summary_answers_the_three_questions():
    """The summary's figures against totals computed another way: money from the customers'
    own order totals and from the scenario's staffing, the pool from the final customer table."""
    import numpy as np

    from siyu_sim import Status

    sc = presets.nurture()
    model = PrivateDomainModel(sc, customers=2000, seed=7)
    daily = model.run(90)
    s = model.summary()
    t, e = model.customers, sc.economics
    w = t.weight
    # the ledger's revenue and gross margin are the members' own orders, summed over customers
    revenue = float(w @ t.spend)
    gross_margin = float(w @ t.margin)
    assert s["revenue"] == pytest.approx(revenue, rel=1e-9)
    # the operators the levers name (nurture: 1 broadcast + 2 care) are paid every day, at least
    staff = sum(getattr(lever, "staff", 0.0) for lever in sc.levers.values())
    assert staff == 3.0
    assert daily.staff_cost.sum() >= staff * e.staff_cost_per_day_cny * 90 * (1 - 1e-12)
    costs = daily.staff_cost.sum() + daily.tool_cost.sum() + daily.acquisition_cost.sum()
    assert s["profit"] == pytest.approx(gross_margin - costs, rel=1e-9)
    spend = costs + (s["gmv"] - revenue)  # discounts given are spend
    assert s["spend"] == pytest.approx(spend, rel=1e-9)
    assert s["roi"] == pytest.approx((gross_margin - costs) / spend, rel=1e-9)
    assert s["cash"] == pytest.approx(costs, rel=1e-9)  # what the paid-ads alternative has to spend
    assert s["discounts"] == pytest.approx(s["gmv"] - revenue, rel=1e-9)
    assert "alt_ads_profit" not in s  # the alternative is valued on the baseline: run_summary(daily, baseline)
    # the pool at the end, counted from the customer table
    for key, status in (("active", Status.ACTIVE), ("muted", Status.MUTED), ("churned", Status.CHURNED)):
        assert s[key] == pytest.approx(float(w[t.status == status].sum()))
    # payback: the first day from which the running profit never again goes negative
    running = np.cumsum(daily.revenue - daily.cogs - daily.staff_cost - daily.tool_cost - daily.acquisition_cost)
    negative = np.flatnonzero(running < 0)
    expected = 0 if not len(negative) else (None if negative[-1] == len(running) - 1 else int(negative[-1]) + 1)
    assert s["payback_day"] == expected
    with pytest.raises(RuntimeError, match="run the model first"):
        PrivateDomainModel(customers=100).summary()
