"""The dated calendar and the environment: which month a day is in, schedules by date and in
yearly windows, each day's demand from seasons, festivals and shocks — and that the
no-private-domain baseline keeps the environment (it is not the brand's doing)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from pydantic import ValidationError

from siyu_sim import PrivateDomainModel, Scenario, presets
from siyu_sim.calendar import Calendar, month_of, n_months
from siyu_sim.counterfactual import without_private_domain
from siyu_sim.environment import Environment
from siyu_sim.metrics import aggregate
from siyu_sim.schedule import Schedule


def _dated(**changes) -> Scenario:
    data = presets.nurture().to_dict()
    data["start_date"] = dt.date(2026, 1, 1)
    data.update(changes)
    return Scenario.from_dict(data)


def test_undated_months_are_equal_slices_as_before():
    cal = Calendar(365)
    days = np.arange(365)
    assert cal.n_months == n_months(365) == 12
    assert np.array_equal(cal.month_of(days), month_of(days, 365))
    assert cal.date(10) is None and cal.weekday(8) == 1 and cal.day_of_year(365) == 1


def test_dated_months_are_calendar_months():
    cal = Calendar(400, dt.date(2024, 1, 15))  # a leap year, starting mid-month
    assert cal.month_of(0) == 1 and cal.month_of(16) == 1 and cal.month_of(17) == 2  # 31 Jan, 1 Feb
    assert cal.month_of(17 + 29) == 3  # February 2024 has 29 days
    assert cal.n_months == 14  # 15 Jan 2024 … 17 Feb 2025
    assert cal.month_start(2) == 17
    assert cal.weekday(0) == dt.date(2024, 1, 15).weekday() and cal.day_of_year(17) == 32


def test_a_yearly_window_acts_on_its_dates_every_year():
    schedule = Schedule(windows=[{"start": "11-01", "stop": "11-11"}])
    schedule.bind(dt.date(2026, 1, 1))
    on = [d for d in range(800) if schedule.is_on(d)]
    dates = [dt.date(2026, 1, 1) + dt.timedelta(days=d) for d in on]
    assert len(on) == 22 and {(d.month, 1 <= d.day <= 11) for d in dates} == {(11, True)}
    assert {d.year for d in dates} == {2026, 2027}
    assert schedule.last_on(330) == on[10] and schedule.last_on(on[0] - 1) is None
    wrap = Schedule(windows=[{"start": "12-30", "stop": "01-02"}])  # across the new year
    wrap.bind(dt.date(2026, 1, 1))
    assert [d for d in range(370) if wrap.is_on(d)] == [0, 1, 363, 364, 365, 366]


def test_dates_in_a_schedule_are_days_from_the_start_date():
    schedule = Schedule(start_date=dt.date(2026, 3, 1), stop_date=dt.date(2026, 3, 8), every=2)
    schedule.bind(dt.date(2026, 1, 1))
    assert [d for d in range(100) if schedule.is_on(d)] == [59, 61, 63, 65]


def test_dates_without_a_start_date_are_refused_naming_the_lever():
    data = presets.nurture().to_dict()
    data["levers"]["coupon"]["schedule"] = {"windows": [{"start": "06-01", "stop": "06-18"}]}
    with pytest.raises(ValidationError, match="lever 'coupon'.*start_date"):
        Scenario.from_dict(data)
    with pytest.raises(ValidationError, match="start_date"):
        Scenario.from_dict({"environment": {"festivals": [{"name": "618", "start": "06-01", "stop": "06-18"}]}})
    with pytest.raises(ValidationError, match="MM-DD"):
        Schedule(windows=[{"start": "6/1", "stop": "06-18"}])


def test_demand_multiplies_festivals_seasons_and_shocks_on_their_days():
    env = Environment.model_validate({
        "seasonality": {"amplitude": 0.2, "peak": "12-15"},
        "festivals": [{"name": "618", "start": "06-01", "stop": "06-18", "demand": 2.0}],
        "shocks": [{"name": "closure", "start": 10, "stop": 20, "demand": 0.5},
                   {"name": "price war", "start": dt.date(2026, 6, 10), "demand": 0.8}]})
    origin = dt.date(2026, 1, 1)

    def at(day):
        return env.demand(day, origin + dt.timedelta(days=day))

    season = lambda day: 1 + 0.2 * np.cos(2 * np.pi * ((origin + dt.timedelta(days=day)) - dt.date(2026, 12, 15)).days / 365.25)
    assert at(5) == pytest.approx(season(5))
    assert at(15) == pytest.approx(season(15) * 0.5)  # the closure
    june_5 = (dt.date(2026, 6, 5) - origin).days
    june_12 = (dt.date(2026, 6, 12) - origin).days
    assert at(june_5) == pytest.approx(season(june_5) * 2.0)
    assert at(june_12) == pytest.approx(season(june_12) * 2.0 * 0.8)  # the price war has begun
    assert Environment().demand(100, None) == 1.0  # flat by default, dated or not


def test_rules_read_the_day_and_its_date():
    model = PrivateDomainModel(_dated(), customers=200, seed=1)
    model.run(40)
    plan = model.today.plan
    assert plan.day == 39 and plan.day_of_year == 40 and plan.weekday == dt.date(2026, 2, 9).weekday()
    assert list(model.daily["date"].iloc[[0, 39]]) == [np.datetime64("2026-01-01"), np.datetime64("2026-02-09")]


def test_a_festival_in_the_environment_sells_in_the_baseline_too():
    """The festival is the market's, not the brand's: the same customers with no private domain
    buy more on its days as well, so the added profit does not credit the festival to the
    private domain."""
    festival = {"festivals": [{"name": "Double 11", "start": "11-01", "stop": "11-11", "demand": 3.0}]}
    with_festival = _dated(environment=festival)
    baseline = without_private_domain(with_festival)
    assert baseline.environment == with_festival.environment and baseline.start_date == with_festival.start_date
    flat_base = without_private_domain(_dated())
    runs = {name: PrivateDomainModel(sc, customers=3000, seed=4).run()["prospect_purchases"].to_numpy()
            for name, sc in (("base", baseline), ("flat_base", flat_base))}
    first = (dt.date(2026, 11, 1) - dt.date(2026, 1, 1)).days
    before, festival, after = slice(first - 30, first), slice(first, first + 11), slice(first + 11, first + 30)
    base, flat = runs["base"], runs["flat_base"]
    assert np.array_equal(base[before], flat[before])  # nothing differs before it
    assert base[festival].sum() > 1.5 * flat[festival].sum()  # the baseline has the festival
    # Customers who bought early are not ready again at once: the days after dip (pull-forward).
    assert base[after].sum() < flat[after].sum()
