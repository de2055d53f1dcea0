"""Outputs declared once (siyu_sim.metrics): the period aggregation, the derived columns, the
names and number formats and the report's team facts all follow from the declarations, and
agree with what the model did, computed here another way."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from siyu_sim import PrivateDomainModel
from siyu_sim.calendar import Calendar
from siyu_sim.counterfactual import without_private_domain
from siyu_sim.metrics import DECLARED, SOURCES, aggregate, derive
from siyu_sim.report import comparison_report
from siyu_sim.report.labels import axis_format, cell, metric_label, metric_value
from siyu_sim.team import managers
from siyu_sim.words import money, number

from helpers import scenario

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def pilot():
    """pilot_then_scale past its scale day: a care lever stops on day 90 and a bigger one starts,
    so the team at the end (5 operators) is not the sum of the levers' staff settings (6)."""
    model = PrivateDomainModel(scenario("pilot_then_scale", days=100, population__customers=600), seed=2)
    return model, model.run()


def test_every_declared_column_is_named_in_english_and_chinese_and_no_two_alike():
    for name, declared in DECLARED.items():
        en, zh = declared.label["en"], declared.label["zh"]
        assert en and zh, name
        assert CJK.search(zh) or zh == en == "ROI", f"{name}: {zh!r} is not Chinese"
    for lang in ("en", "zh"):
        labels = [d.label[lang] for d in DECLARED.values()]
        assert len(set(labels)) == len(labels), sorted(x for x in labels if labels.count(x) > 1)


def test_weeks_sum_flows_and_read_stocks_on_their_last_day(pilot):
    _, daily = pilot
    weeks = aggregate(daily, "week")
    assert list(weeks["week"]) == list(range(1, 100 // 7 + 1))  # the unfinished week is dropped
    for _, w in weeks.iterrows():
        days = daily.iloc[7 * (int(w.week) - 1): 7 * int(w.week)]
        assert w.day == days.day.iloc[-1]
        assert w.gmv == pytest.approx(days.gmv.sum(), rel=1e-12)
        assert w.new_members_store_qr == pytest.approx(days.new_members_store_qr.sum(), rel=1e-12)
        assert w.members == days.members.iloc[-1] and w.staff == days.staff.iloc[-1]


def test_months_follow_the_calendar_and_every_day_counts_once(pilot):
    _, daily = pilot
    months = aggregate(daily, "month", Calendar(100))
    assert list(months["month"]) == [1, 2, 3]
    assert months.gmv.sum() == pytest.approx(daily.gmv.sum(), rel=1e-12)
    assert months.cum_profit.iloc[-1] == daily.cum_profit.iloc[-1]


def test_new_members_by_source_add_up_to_new_members(pilot):
    """Two computations of the same joins: the model's count as it adds members, and the
    customers whose join day is today, by the source they came through."""
    _, daily = pilot
    by_source = daily[[f"new_members_{s}" for s in SOURCES]].sum(axis=1)
    assert np.allclose(by_source, daily.new_members, rtol=1e-12, atol=1e-9)
    assert daily.new_members_paid_ads.iloc[91:].sum() > 0 and daily.new_members_paid_ads.iloc[:90].sum() == 0


def test_the_team_metrics_are_the_team_the_model_ran(pilot):
    model, daily = pilot
    span = model.scenario.levers["execution"].span_of_control
    assert daily.staff.iloc[-1] == model.team.staff == 5.0 and daily.staff.iloc[0] == 2.0
    assert (daily.leads == [managers(s, span) for s in daily.staff]).all()
    cost = model.scenario.economics.lead_cost_per_day_cny
    assert np.allclose(daily.lead_cost, daily.leads * cost)


def test_derive_by_run_is_each_run_against_its_own_baseline():
    sc = scenario("harvest", days=40, population__customers=300)
    runs, bases = [], []
    for rep, seed in enumerate((1, 2)):
        d = PrivateDomainModel(sc, seed=seed).run()
        b = PrivateDomainModel(without_private_domain(sc), seed=seed).run()
        runs.append(d.assign(scenario="harvest", replication=rep))
        bases.append(b.assign(scenario="harvest", replication=rep))
    daily = pd.concat(runs[::-1], ignore_index=True)  # replication 1 first: matched by key, not order
    out = derive(daily, pd.concat(bases, ignore_index=True), by=("scenario", "replication"))
    for rep in (0, 1):
        d, b = runs[rep], bases[rep]
        got = out[out.replication == rep]
        added = (d.profit + d.outside_gross_margin) - (b.profit + b.outside_gross_margin)  # the definition
        assert np.allclose(got.incremental_profit, added) and np.allclose(got.cum_incremental_profit, added.cumsum())
        assert np.allclose(got.cum_gmv, d.gmv.cumsum())
    with pytest.raises(ValueError, match="no baseline rows"):
        derive(daily, bases[0], by=("scenario", "replication"))


def test_a_value_is_written_by_its_declared_unit_not_by_its_name():
    # money whose name says nothing of money, a share of list price, a count, an observed
    # column that is not a declared metric
    assert metric_value(12_345.0, "alt_ads_cum_return", "en") == money(12_345.0, "en")
    assert metric_value(432.1, "realised_ltv", "zh") == money(432.1, "zh")
    assert metric_value(0.87, "mean_ref_price", "en") == "87.0%"
    assert metric_value(0.123, "repurchase_rate", "en") == "12.3%"
    assert metric_value(0.61, "mean_trust", "en") == "0.61"
    assert metric_value(12_345.0, "members", "zh") == number(12_345.0, "zh")
    assert metric_value(1_450.0, "orders", "en") == number(1_450.0, "en")
    assert axis_format("cum_spend")["tickprefix"] == "¥" and axis_format("active_share") == {"tickformat": ".0%"}
    assert cell(1234.5, "gmv") == "1,234" and cell(0.456, "roi") == "0.46"
    assert metric_label("orders", "zh") == "成员订单数" and metric_label("left", "en") == "people who left (so far)"


def test_the_report_states_the_team_the_run_had_not_the_sum_of_its_settings(pilot, tmp_path):
    model, daily = pilot
    html = comparison_report(daily, [model.scenario], tmp_path / "r.html", lang="en",
                             meta={"date": "d", "version": "v"}).read_text(encoding="utf-8")
    html = re.sub(r"<script.*?</script>", "", html, flags=re.S)
    assert "with 5 operators" in html and "with 6 operators" not in html
    fixed = money(daily.fixed_tool_cost.mean(), "en")
    assert f"Fixed costs {fixed} a day" in html
    leads = number(managers(5.0, model.scenario.levers["execution"].span_of_control), "en")  # 5/6 of a lead
    assert f"{leads} team lead(s) ({money(daily.lead_cost.iloc[-1], 'en')} a day; a fraction is a part-time " \
           f"or shared lead) manage the 5 operators in 1.0 layer(s)" in html
